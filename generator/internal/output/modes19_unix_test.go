//go:build unix

package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestRebuildAfterAUmaskChangeMatchesAnEmptyDestination: README's remedy
// for a site every page of which is a 403 (a cron job with umask 077) is
// 'set umask 022 in the job', but a rebuild kept every unchanged file
// 0600 (reused by a hard link) and every folder 0700 (folders kept their
// mode), even with --clean, while the counts said all was well (QA 19
// C-F5). A rebuild now gives what a build into an empty folder gives, the
// unchanged files rewritten and counted as written; the destination
// folder itself and the folders of files pmkb did not make keep theirs.
func TestRebuildAfterAUmaskChangeMatchesAnEmptyDestination(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	site := files("index.html", "home", "postmortems/a/index.html", "a", "search/meta.json", "{}")
	old := syscall.Umask(0o077)
	_, err := Write(dest, site, Options{})
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, dest, map[string]string{"legacy/old.html": "x"})
	if err := os.Chmod(filepath.Join(dest, "legacy"), 0o710); err != nil {
		t.Fatal(err)
	}
	syscall.Umask(0o022)
	defer syscall.Umask(old)
	for _, clean := range []bool{false, true} {
		res, err := Write(dest, site, Options{Clean: clean, Force: true})
		if err != nil {
			t.Fatal(err)
		}
		if clean {
			// legacy/ was cleaned; its mode was checked in the first run.
			continue
		}
		if res.Written != len(site) || res.Unchanged != 0 {
			t.Errorf("after the umask change: %d written, %d unchanged; want all %d written", res.Written, res.Unchanged, len(site))
		}
		want := map[string]fs.FileMode{
			"index.html": 0o644, "postmortems": 0o755, "postmortems/a": 0o755, "postmortems/a/index.html": 0o644,
			"search": 0o755, "search/meta.json": 0o644, "legacy": 0o710,
		}
		for p, mode := range want {
			info, err := os.Lstat(filepath.Join(dest, p))
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Mode().Perm(); got != mode {
				t.Errorf("%s: mode %v, want %v", p, got, mode)
			}
		}
		// The next build, under the same umask, reuses them all.
		res, err = Write(dest, site, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Unchanged != len(site) {
			t.Errorf("the build after: %d unchanged, want %d", res.Unchanged, len(site))
		}
	}
}

// TestRebuildIntoASetgidDestinationGivesItsGroup: README's other remedy,
// a setgid destination of the web server's group, did not reach an
// existing site: the unchanged files kept their old group and the inner
// folders their old group without the setgid bit (QA 19 C-F5).
func TestRebuildIntoASetgidDestinationGivesItsGroup(t *testing.T) {
	group := -1
	if os.Getuid() == 0 {
		group = 33 // www-data
	} else if gs, _ := os.Getgroups(); len(gs) > 0 {
		for _, g := range gs {
			if g != os.Getegid() {
				group = g
			}
		}
	}
	if group < 0 {
		t.Skip("needs root or a second group to give the destination")
	}
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dest := filepath.Join(t.TempDir(), "public")
	site := files("index.html", "home", "postmortems/a/index.html", "a")
	if _, err := Write(dest, site, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dest, -1, group); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dest, 0o750|fs.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dest, site, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{".", "index.html", "postmortems", "postmortems/a", "postmortems/a/index.html"} {
		info, err := os.Lstat(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		if _, g := ownerOf(info); g != group {
			t.Errorf("%s: group %d, want the destination's %d", p, g, group)
		}
		if info.IsDir() && info.Mode()&fs.ModeSetgid == 0 {
			t.Errorf("%s: no setgid bit", p)
		}
	}
}
