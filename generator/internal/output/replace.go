package output

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ReplaceFile writes data to the file name on disk through a temporary
// file beside it and a rename, creating the file's folder as needed: a
// reader, or a run killed halfway, sees the old file or the new one, never
// half of one. The file is made as os.WriteFile with 0644 makes one,
// readable by all but for what the umask takes away (the caches hold the
// text of internal postmortems: a umask of 077 keeps them private).
// pmkb's caches are written with it; a site is published with Write or a
// Stage. Replacing a file removes its temporary files that a killed run
// left (removeStale).
func ReplaceFile(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	_, statErr := os.Lstat(name)
	tmp, err := createTemp(dir, filepath.Base(name))
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if statErr == nil {
		removeStale(dir, filepath.Base(name), time.Now())
	}
	return nil
}

// staleTemp is how old a temporary file of ReplaceFile is before a later
// ReplaceFile of the same file removes it: a run killed between creating
// and renaming it left it, where a writer at work made its own seconds
// ago.
const staleTemp = time.Hour

// removeStale removes the temporary files of ReplaceFile for the file base
// in dir (createTemp's names) last modified more than staleTemp before
// now, each a regular file (review 15 R9: the names are random, so
// nothing else reuses or removes them, and a cache folder collected those
// of killed runs). ReplaceFile calls it only when it replaced a file, so
// a folder of new files (a generated corpus) is not read once for each.
// A file it cannot remove is left: it is only litter.
func removeStale(dir, base string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !isTemp(e.Name(), base) {
			continue
		}
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > staleTemp {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// isTemp reports whether name is one of createTemp's for base:
// ".<base>-<random>.tmp", random in base 36.
func isTemp(name, base string) bool {
	r, ok := strings.CutPrefix(name, "."+base+"-")
	if !ok {
		return false
	}
	r, ok = strings.CutSuffix(r, ".tmp")
	return ok && r != "" && len(r) <= 13 && strings.Trim(r, "0123456789abcdefghijklmnopqrstuvwxyz") == ""
}

// createTemp creates a new file ".<base>-<random>.tmp" in dir with mode
// 0644 less the umask: os.CreateTemp makes 0600 whatever the umask.
func createTemp(dir, base string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, "."+base+"-"+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, "."+base+"-*.tmp"), Err: fs.ErrExist}
}
