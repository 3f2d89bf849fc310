// Package buildid names the build of pmkb that is running, for the caches
// that keep what it derived from the content (pmkb search's index, the
// parsed front matter of pmkb stats and actions): a cache written by
// another build is not trusted, since a newer pmkb may read the same file
// differently. A hand-kept cache version alone missed changes (QA 19
// C-F3, C-F4: after an upgrade, pmkb stats kept failing on an error the
// new parser no longer has, and search answered from text an older pmkb
// extracted).
package buildid

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
)

// ID returns the identity of the running build: the commit it was built
// from when the checkout had no uncommitted change, else its module
// version when it has one (go install …@v1.2.0), else the Go build id
// of the executable (go run, a build of a modified checkout, a test
// binary), else a hash of it; a commit and a version with the Go
// version (the build id and the hash cover the toolchain already). A binary that cannot be read gets an identity of its
// own, so its caches are made afresh.
var ID = sync.OnceValue(func() string {
	info, _ := debug.ReadBuildInfo()
	return idOf(info, os.Executable)
})

// idOf is ID for the build information info (nil when there is none),
// reading the executable exe names when it must.
func idOf(info *debug.BuildInfo, exe func() (string, error)) string {
	if info != nil {
		rev, modified := vcs(info)
		switch v := info.Main.Version; {
		case rev != "" && !modified:
			return info.GoVersion + " " + rev
		case rev == "" && v != "" && v != "(devel)":
			return info.GoVersion + " " + v
		}
	}
	path, err := exe()
	if err == nil {
		if id, ok := goBuildID(path); ok {
			return "go " + id
		}
		if h, ok := hashOf(path); ok {
			return "exe " + h
		}
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "once " + hex.EncodeToString(b[:])
}

// vcs returns the commit a build of a checkout was stamped with ("" when
// none) and whether the checkout had uncommitted changes.
func vcs(info *debug.BuildInfo) (rev string, modified bool) {
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return rev, modified
}

// Version is pmkb's version for the build information info (nil when
// there is none), for pmkb version: the module version Go stamped (an
// installed binary's "v1.2.0"; since Go 1.24 a build in a checkout gets a
// pseudo-version, "+dirty" when it has uncommitted changes), else "devel"
// with the commit a build with -buildvcs stamped ("devel (fb04e90aa1b2,
// modified)"), else "devel" (go run).
func Version(info *debug.BuildInfo) string {
	if info == nil {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, modified := vcs(info)
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified {
		return "devel (" + rev + ", modified)"
	}
	return "devel (" + rev + ")"
}

// Release is the module version of a release build for info (go install
// …@v1.2.0, a go build of a checkout at a clean tag): "v1.2.0", "v1.3.0-rc.1";
// "" for any other build: go run (no version), a go build in a checkout
// between tags (a pseudo-version, "v0.0.0-20261128212257-5c6fd29548f9")
// or with uncommitted changes ("+dirty"). Published files name the
// program by it, so that the same commit publishes the same bytes
// whichever way it was run (QA 21 B-F2).
func Release(info *debug.BuildInfo) string {
	if info == nil {
		return ""
	}
	v := info.Main.Version
	if !strings.HasPrefix(v, "v") || strings.Contains(v, "+") || pseudoVersion.MatchString(v) {
		return ""
	}
	return v
}

// pseudoVersion matches the end of a Go pseudo-version: a UTC time to the
// second and 12 hex digits of a commit.
var pseudoVersion = regexp.MustCompile(`[-.]\d{14}-[0-9a-f]{12}$`)

// goBuildID returns the build id the Go linker writes into an executable
// (what go tool buildid prints): a hash of the build's inputs and of the
// binary, read without reading the binary (43 MB; hashing it took ~45 ms,
// a third of a warm pmkb search, and go run stamps no commit). ELF keeps
// it in the note .note.go.buildid; Mach-O and PE at the start of the text,
// as "\xff Go build ID: \"<id>\"\n \xff".
func goBuildID(path string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	if ef, err := elf.NewFile(f); err == nil {
		s := ef.Section(".note.go.buildid")
		if s == nil {
			return "", false
		}
		note, err := s.Data()
		if err != nil || len(note) < 16 {
			return "", false
		}
		// namesz, descsz, type, then the name ("Go\x00\x00") and the id.
		namesz, descsz := ef.ByteOrder.Uint32(note), ef.ByteOrder.Uint32(note[4:])
		start := 12 + (uint64(namesz)+3)&^3
		if string(note[12:12+min(uint64(namesz), 2)]) != "Go" || start+uint64(descsz) > uint64(len(note)) || descsz == 0 {
			return "", false
		}
		return string(note[start : start+uint64(descsz)]), true
	}
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return textBuildID(head[:n])
}

// textBuildID finds the build id a Go linker writes as text in head.
func textBuildID(head []byte) (string, bool) {
	const prefix, end = "\xff Go build ID: \"", "\"\n \xff"
	i := bytes.Index(head, []byte(prefix))
	if i < 0 {
		return "", false
	}
	rest := head[i+len(prefix):]
	j := bytes.Index(rest, []byte(end))
	if j <= 0 || j > 1024 {
		return "", false
	}
	return string(rest[:j]), true
}

// hashOf returns the SHA-256 of the file at path.
func hashOf(path string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)), true
}
