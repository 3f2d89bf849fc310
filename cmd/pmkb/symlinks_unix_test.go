//go:build unix

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// outsideMarker is in every file outside the site that the site's
// symbolic links point at; no output may ever contain it.
const outsideMarker = "OUTSIDE-THE-SITE-7f3a"

// TestSymlinksOutOfTheSiteAreNotRead checks the filesystem hazards of
// bad-input case 11 on a real disk: a loop (content/loop -> ..), a
// postmortem that is a link to a file elsewhere, a folder of postmortems
// linked from elsewhere, and attachments reached through links, one of
// them through a linked folder (postmortems/2024/logs -> /elsewhere, then
// logs/app.log). The walk ends, the links are reported as skipped, and
// nothing outside the site folder is read or published, while a link
// inside the site still works as a path (the build reads through it).
func TestSymlinksOutOfTheSiteAreNotRead(t *testing.T) {
	outside := t.TempDir()
	for name, data := range map[string]string{
		"stolen.md":    strings.Replace(okPM, "Search index disk filled up", "Stolen "+outsideMarker, 1),
		"notes/x.md":   strings.Replace(okPM, "Search index disk filled up", "Notes "+outsideMarker, 1),
		"logs/app.log": outsideMarker + " log line\n",
		"secret.log":   outsideMarker + " secret\n",
	} {
		p := filepath.Join(outside, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	attaching := strings.Replace(okPM, "The disk filled up.", "The disk filled up: [log](logs/app.log), [secret](secret.log), [inside](inner/kept.log).", 1)
	root := site(t, map[string]string{
		"content/postmortems/2024/disk.md":        attaching,
		"content/postmortems/2023/inner/kept.log": "kept log line\n",
	})
	pm := filepath.Join(root, "content", "postmortems")
	for link, target := range map[string]string{
		filepath.Join(root, "content", "loop"):  "..",
		filepath.Join(pm, "loop"):               "../..",
		filepath.Join(pm, "stolen.md"):          filepath.Join(outside, "stolen.md"),
		filepath.Join(pm, "notes"):              filepath.Join(outside, "notes"),
		filepath.Join(pm, "2024", "logs"):       filepath.Join(outside, "logs"),
		filepath.Join(pm, "2024", "secret.log"): filepath.Join(outside, "secret.log"),
		filepath.Join(pm, "2024", "inner"):      filepath.Join("..", "2023", "inner"),
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}

	code, out, errOut := pmkb(t, "build", "--source", root)
	if code != exitOK {
		t.Fatalf("build: exit %d, want 0 (the links are warnings)\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		filepath.Join(pm, "stolen.md") + ": warning: skipped symbolic link",
		filepath.Join(pm, "notes") + ": warning: skipped symbolic link",
		filepath.Join(pm, "2024", "secret.log") + ": warning: skipped symbolic link",
		`"secret.log" names content/postmortems/2024/secret.log, which is not a regular file`,
		`"logs/app.log" names content/postmortems/2024/logs/app.log`,
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("build output lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(out+errOut, outsideMarker) {
		t.Errorf("the build printed text of a file outside the site:\n%s%s", out, errOut)
	}
	public := filepath.Join(root, "public")
	var published []string
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		published = append(published, filepath.ToSlash(rel))
		if strings.Contains(string(data), outsideMarker) {
			t.Errorf("public/%s holds text of a file outside the site", filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A link that stays inside the site is followed.
	if !strings.Contains(strings.Join(published, "\n"), "postmortems/_files/2024/inner/kept.log") {
		t.Errorf("the attachment reached through a link inside the site is not published; published:\n%s", strings.Join(published, "\n"))
	}

	// lint reads the same files as build.
	code, out, errOut = pmkb(t, "lint", "--source", root)
	if code != exitOK || strings.Contains(out+errOut, outsideMarker) || !strings.Contains(out, "logs/app.log") {
		t.Errorf("lint: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// TestLinkedContentFolderAndConfig checks the other side of the boundary
// TestSymlinksOutOfTheSiteAreNotRead draws: the site's layout is the
// operator's, so a content/ folder and a pmkb.toml that are links to a
// checkout elsewhere are read as before, and a link out of that content/
// is still refused.
func TestLinkedContentFolderAndConfig(t *testing.T) {
	elsewhere := site(t, map[string]string{
		"postmortems/content/postmortems/2024/disk.md": okPM,
		"shared/pmkb.toml": "title = \"Linked KB\"\n",
		"private/notes.md": strings.Replace(okPM, "Search index disk filled up", "Notes "+outsideMarker, 1),
	})
	root := t.TempDir()
	for link, target := range map[string]string{
		filepath.Join(root, "content"):                                             filepath.Join(elsewhere, "postmortems", "content"),
		filepath.Join(root, "pmkb.toml"):                                           filepath.Join(elsewhere, "shared", "pmkb.toml"),
		filepath.Join(elsewhere, "postmortems", "content", "postmortems", "notes"): filepath.Join(elsewhere, "private"),
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := pmkb(t, "build", "--source", root)
	if code != exitOK || !strings.Contains(out, "built 1 postmortem") {
		t.Fatalf("build: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "notes: warning: skipped symbolic link") || strings.Contains(out+errOut, outsideMarker) {
		t.Errorf("the link out of the linked content/ was not skipped:\n%s", errOut)
	}
	home, err := os.ReadFile(filepath.Join(root, "public", "index.html"))
	if err != nil || !strings.Contains(string(home), "Linked KB") {
		t.Errorf("the linked config was not read (err %v)", err)
	}
}

// TestSiteFSNamesPathsAsTheSiteDoes checks that errors from the content
// root name the path from the site folder, as os.DirFS's do, since
// messages quote them; and that a path leading out of content/ through a
// link is an error even where a stat through the link succeeds.
func TestSiteFSNamesPathsAsTheSiteDoes(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "x.log"), []byte(outsideMarker), 0o644); err != nil {
		t.Fatal(err)
	}
	root := site(t, map[string]string{"content/postmortems/a.md": okPM, "pmkb.toml": "title = \"KB\"\n"})
	if err := os.Symlink(outside, filepath.Join(root, "content", "postmortems", "logs")); err != nil {
		t.Fatal(err)
	}
	fsys := dirFS(root)
	if _, err := fs.ReadFile(fsys, "content/postmortems/missing.md"); err == nil || !strings.Contains(err.Error(), " content/postmortems/missing.md: ") {
		t.Errorf("missing file: %v, want an error naming content/postmortems/missing.md", err)
	}
	for _, read := range []func() error{
		func() error { _, err := fs.ReadFile(fsys, "content/postmortems/logs/x.log"); return err },
		func() error { _, err := fsys.Open("content/postmortems/logs/x.log"); return err },
		func() error { _, err := fs.ReadDir(fsys, "content/postmortems/logs"); return err },
		func() error { _, err := fs.Lstat(fsys, "content/postmortems/logs/x.log"); return err },
	} {
		if err := read(); err == nil || !strings.Contains(err.Error(), "content/postmortems/logs") {
			t.Errorf("a read through the link out of content/: %v, want an error naming the path", err)
		}
	}
	if data, err := fs.ReadFile(fsys, "pmkb.toml"); err != nil || string(data) != "title = \"KB\"\n" {
		t.Errorf("pmkb.toml: %q, %v", data, err)
	}
	if data, err := fs.ReadFile(fsys, "content/postmortems/a.md"); err != nil || string(data) != okPM {
		t.Errorf("a.md: %v", err)
	}
}

// TestLinkedPostmortemsFolder checks that content/postmortems may itself be
// a link to a folder elsewhere, as content/ may: the build reads through
// it (at a20ab82 every command failed with "path escapes from parent"),
// and a link out of that folder is still not followed.
func TestLinkedPostmortemsFolder(t *testing.T) {
	elsewhere := site(t, map[string]string{
		"checkout/pms/2024/disk.md": okPM,
		"private/notes.md":          strings.Replace(okPM, "Search index disk filled up", "Notes "+outsideMarker, 1),
	})
	root := site(t, map[string]string{"pmkb.toml": "title = \"Linked KB\"\n", "content/README.md": "# kb\n"})
	for link, target := range map[string]string{
		filepath.Join(root, "content", "postmortems"):        filepath.Join(elsewhere, "checkout", "pms"),
		filepath.Join(elsewhere, "checkout", "pms", "notes"): filepath.Join(elsewhere, "private"),
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	for _, cmd := range [][]string{{"build", "--source", root}, {"lint", "--source", root}} {
		code, out, errOut := pmkb(t, cmd...)
		if code != exitOK || strings.Contains(out+errOut, "escapes") || strings.Contains(out+errOut, outsideMarker) {
			t.Errorf("%s: exit %d\n%s%s", cmd[0], code, out, errOut)
		}
		if !strings.Contains(errOut+out, "notes: warning: skipped symbolic link") {
			t.Errorf("%s: the link out of the linked folder was not reported as skipped:\n%s%s", cmd[0], out, errOut)
		}
	}
	page, err := os.ReadFile(filepath.Join(root, "public", "postmortems", "index.html"))
	if err != nil || !strings.Contains(string(page), "Search index disk filled up") {
		t.Errorf("the postmortem in the linked folder was not published (err %v)", err)
	}
}

// TestCommandsFromInsideALinkedPostmortemsFolder checks that a command run
// from inside a content/postmortems linked to a checkout elsewhere finds
// the site the user cd'd into (the path through the link, as the shell
// shows it): the site's root was written "../..", which the system reads
// from the folder the link leads to, and lint said "no . here".
func TestCommandsFromInsideALinkedPostmortemsFolder(t *testing.T) {
	elsewhere := site(t, map[string]string{"pms/2024/disk.md": okPM})
	root := site(t, map[string]string{"pmkb.toml": "title = \"Linked KB\"\n", "content/README.md": "# kb\n"})
	if err := os.Symlink(filepath.Join(elsewhere, "pms"), filepath.Join(root, "content", "postmortems")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "content", "postmortems"))
	for _, cmd := range [][]string{{"lint", "--today", "2024-06-01"}, {"stats"}, {"actions"}} {
		code, out, errOut := pmkb(t, cmd...)
		if code != exitOK || strings.Contains(errOut, "here") {
			t.Errorf("%s from inside the linked folder: exit %d\n%s%s", cmd[0], code, out, errOut)
		}
	}
}
