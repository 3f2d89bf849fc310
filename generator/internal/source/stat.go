package source

import (
	"io/fs"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
)

// Fingerprint identifies a version of a file for the caches (metadata
// and search) without reading it: its size and modification time and, on
// Linux, its inode and change time (appendFileID), so that an edit that
// keeps the size and restores the modification time (touch -r, cp -p,
// rsync -a, an archive restore) is still noticed (QA round 7, #15).
// Elsewhere, and for a file of an in-memory fs.FS, it is size and
// modification time alone. It is built in one buffer, one allocation: a
// warm pmkb search makes 10,000.
func Fingerprint(fi fs.FileInfo) string {
	var buf [96]byte
	b := strconv.AppendInt(buf[:0], fi.Size(), 10)
	b = append(b, '@')
	b = strconv.AppendInt(b, fi.ModTime().UnixNano(), 10)
	return string(appendFileID(b, fi))
}

// StatAll stats every path of fsys; infos[i] or errs[i] is set for
// paths[i]. The stats run on several goroutines: each is a system call
// that resolves the whole path (~5 µs), which at 10,000 files is the
// largest part of a warm `pmkb search` or `pmkb stats` start.
func StatAll(fsys fs.FS, paths []string) (infos []fs.FileInfo, errs []error) {
	infos = make([]fs.FileInfo, len(paths))
	errs = make([]error, len(paths))
	const chunk = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(4*runtime.GOMAXPROCS(0), (len(paths)+chunk-1)/chunk) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(paths) {
					return
				}
				for i := lo; i < min(lo+chunk, len(paths)); i++ {
					infos[i], errs[i] = fs.Stat(fsys, paths[i])
				}
			}
		}()
	}
	wg.Wait()
	return infos, errs
}
