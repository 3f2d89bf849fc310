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
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"runtime/debug"
	"sync"
)

// ID returns the identity of the running build: the commit it was built
// from when the checkout had no uncommitted change, else its module
// version when it has one (go install …@v1.2.0), else a hash of the
// executable (a build of a modified checkout, a test binary), each with
// the Go version. A binary that cannot be read gets an identity of its
// own, so its caches are made afresh.
var ID = sync.OnceValue(func() string {
	info, _ := debug.ReadBuildInfo()
	return idOf(info, os.Executable)
})

// idOf is ID for the build information info (nil when there is none),
// reading the executable exe names when it must.
func idOf(info *debug.BuildInfo, exe func() (string, error)) string {
	if info != nil {
		var rev string
		modified := false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		switch v := info.Main.Version; {
		case rev != "" && !modified:
			return info.GoVersion + " " + rev
		case rev == "" && v != "" && v != "(devel)":
			return info.GoVersion + " " + v
		}
	}
	if h, ok := hashOf(exe); ok {
		return "exe " + h
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "once " + hex.EncodeToString(b[:])
}

// hashOf returns the SHA-256 of the executable exe names.
func hashOf(exe func() (string, error)) (string, bool) {
	path, err := exe()
	if err != nil {
		return "", false
	}
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
