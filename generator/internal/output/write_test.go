package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// snapshot describes the tree under dir without following symbolic links:
// slash path → "file:<bytes>", "link:<target>" or "dir".
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			snap[rel] = "link:" + target
		case d.IsDir():
			snap[rel] = "dir"
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			snap[rel] = "file:" + string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// writeTree creates the files of tree (slash path → content) under dir.
func writeTree(t *testing.T, dir string, tree map[string]string) {
	t.Helper()
	for p, content := range tree {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// files builds a []File from path, content pairs.
func files(pairs ...string) []File {
	var fs []File
	for i := 0; i+1 < len(pairs); i += 2 {
		fs = append(fs, File{Path: pairs[i], Data: []byte(pairs[i+1])})
	}
	return fs
}

// assertNoLeftovers fails if a staging or old folder or a lock file
// remains beside dest or at the top of it.
func assertNoLeftovers(t *testing.T, dest string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".pmkb-") {
			t.Errorf("left behind beside the site: %s", e.Name())
		}
	}
	entries, _ = os.ReadDir(dest)
	for _, e := range entries {
		if isInternal(e.Name()) {
			t.Errorf("left behind in the site: %s", e.Name())
		}
	}
}

func mustWrite(t *testing.T, dest string, fs []File, opts Options) Result {
	t.Helper()
	res, err := Write(dest, fs, opts)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return res
}

func TestWriteFirstBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "site", "public")
	// Given out of order: the manifest and the write order are sorted.
	res := mustWrite(t, dest, files(
		"postmortems/b/index.html", "B",
		"index.html", "home",
		"postmortems/a/index.html", "A",
	), Options{})

	if want := (Result{Written: 3}); !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	want := map[string]string{
		"index.html":               "file:home",
		"postmortems":              "dir",
		"postmortems/a":            "dir",
		"postmortems/a/index.html": "file:A",
		"postmortems/b":            "dir",
		"postmortems/b/index.html": "file:B",
		ManifestName:               "file:[\n  \"index.html\",\n  \"postmortems/a/index.html\",\n  \"postmortems/b/index.html\"\n]\n",
	}
	if diff := cmp.Diff(want, snapshot(t, dest)); diff != "" {
		t.Errorf("site (-want +got):\n%s", diff)
	}
	info, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm()&0o555 != 0o555 {
		t.Errorf("site folder mode = %v, want readable by all (staging must not stay 0700)", info.Mode())
	}
	assertNoLeftovers(t, dest)
}

func TestWriteRebuildKeepsUserFilesAndRemovesStale(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	outside := filepath.Join(root, "outside")
	writeTree(t, outside, map[string]string{"secret.txt": "keep me"})

	mustWrite(t, dest, files(
		"index.html", "home v1",
		"old/index.html", "gone soon",
		"p/a.html", "A",
		"p/b.html", "B v1",
	), Options{})
	writeTree(t, dest, map[string]string{
		"CNAME":              "kb.example.org",
		"robots.txt":         "User-agent: *",
		".git/config":        "[core]",
		".well-known/x.txt":  "x",
		"p/notes.txt":        "hand-placed beside generated pages",
		"p/.hidden":          "dot file in a generated folder",
		"old/user-extra.txt": "a user file in a folder pmkb also wrote into",
	})
	if err := os.Mkdir(filepath.Join(dest, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dest, "out-link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../CNAME", filepath.Join(dest, "p", "cname-link")); err != nil {
		t.Fatal(err)
	}
	indexBefore, err := os.Stat(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}

	res := mustWrite(t, dest, files(
		"index.html", "home v1", // unchanged
		"p/a.html", "A", // unchanged
		"p/b.html", "B v2", // changed
		"p/c.html", "C", // new
	), Options{})

	if want := (Result{Written: 2, Unchanged: 2, Removed: 1}); !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	want := map[string]string{
		".git":               "dir",
		".git/config":        "file:[core]",
		".well-known":        "dir",
		".well-known/x.txt":  "file:x",
		"CNAME":              "file:kb.example.org",
		"empty":              "dir",
		"index.html":         "file:home v1",
		"old":                "dir",
		"old/user-extra.txt": "file:a user file in a folder pmkb also wrote into",
		"out-link":           "link:" + outside,
		"p":                  "dir",
		"p/.hidden":          "file:dot file in a generated folder",
		"p/a.html":           "file:A",
		"p/b.html":           "file:B v2",
		"p/c.html":           "file:C",
		"p/cname-link":       "link:../CNAME",
		"p/notes.txt":        "file:hand-placed beside generated pages",
		"robots.txt":         "file:User-agent: *",
		ManifestName:         "file:[\n  \"index.html\",\n  \"p/a.html\",\n  \"p/b.html\",\n  \"p/c.html\"\n]\n",
	}
	if diff := cmp.Diff(want, snapshot(t, dest)); diff != "" {
		t.Errorf("site (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"secret.txt": "file:keep me"}, snapshot(t, outside)); diff != "" {
		t.Errorf("folder behind a symbolic link changed (-want +got):\n%s", diff)
	}
	indexAfter, err := os.Stat(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(indexBefore, indexAfter) {
		t.Error("unchanged index.html was rewritten; want the same file kept (same inode, same mtime)")
	}
	assertNoLeftovers(t, dest)
}

func TestWriteRemovesFoldersEmptiedByStaleFiles(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustWrite(t, dest, files("a/b/c.html", "c", "index.html", "i"), Options{})
	res := mustWrite(t, dest, files("index.html", "i"), Options{})
	if want := (Result{Unchanged: 1, Removed: 1}); !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	want := map[string]string{"index.html": "file:i", ManifestName: "file:[\n  \"index.html\"\n]\n"}
	if diff := cmp.Diff(want, snapshot(t, dest)); diff != "" {
		t.Errorf("site (-want +got):\n%s", diff)
	}
}

func TestWriteStaleDotPathFromManifestIsRemoved(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustWrite(t, dest, files(".nojekyll", "", "index.html", "i"), Options{})
	res := mustWrite(t, dest, files("index.html", "i"), Options{})
	if res.Removed != 1 {
		t.Errorf("Removed = %d, want 1 (.nojekyll was written by the previous build)", res.Removed)
	}
	if _, err := os.Lstat(filepath.Join(dest, ".nojekyll")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf(".nojekyll: err = %v, want it removed", err)
	}
}

func TestWriteCleanRemovesUserFilesButKeepsDotPaths(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	outside := filepath.Join(root, "outside")
	writeTree(t, outside, map[string]string{"secret.txt": "keep me"})
	mustWrite(t, dest, files("index.html", "v1", "stale.html", "s"), Options{})
	writeTree(t, dest, map[string]string{
		"CNAME":             "kb.example.org",
		"robots.txt":        "own robots",
		"docs/manual.pdf":   "pdf",
		".git/config":       "[core]",
		".well-known/x.txt": "x",
		"docs/.keep":        "",
	})
	if err := os.Symlink(outside, filepath.Join(dest, "out-link")); err != nil {
		t.Fatal(err)
	}

	res := mustWrite(t, dest, files("index.html", "v2", "robots.txt", "generated robots"), Options{Clean: true})

	// Removed: stale.html, CNAME, docs/manual.pdf, out-link. robots.txt is
	// replaced, not removed. Cleaned names the three pmkb had not made,
	// not its own stale.html (QA 14 D-F5).
	if want := (Result{Written: 2, Removed: 4, Cleaned: []string{"CNAME", "docs/manual.pdf", "out-link"}}); !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	want := map[string]string{
		".git":              "dir",
		".git/config":       "file:[core]",
		".well-known":       "dir",
		".well-known/x.txt": "file:x",
		"docs":              "dir",
		"docs/.keep":        "file:",
		"index.html":        "file:v2",
		"robots.txt":        "file:generated robots",
		ManifestName:        "file:[\n  \"index.html\",\n  \"robots.txt\"\n]\n",
	}
	if diff := cmp.Diff(want, snapshot(t, dest)); diff != "" {
		t.Errorf("site (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"secret.txt": "file:keep me"}, snapshot(t, outside)); diff != "" {
		t.Errorf("cleaning followed a symbolic link (-want +got):\n%s", diff)
	}
	assertNoLeftovers(t, dest)
}

func TestWriteRefusesToDestroyUserFiles(t *testing.T) {
	tests := []struct {
		name  string
		user  map[string]string
		files []File
		clean bool
		want  []string // substrings of the error; empty means success
	}{
		{
			name:  "generated file replaces a user file",
			user:  map[string]string{"robots.txt": "own"},
			files: files("robots.txt", "gen"),
			want:  []string{`"robots.txt" was not written by pmkb and this build would replace it`, "clean option"},
		},
		{
			name:  "user file where a generated folder goes",
			user:  map[string]string{"docs": "a file"},
			files: files("docs/index.html", "gen"),
			want:  []string{`"docs" was not written by pmkb and is in the way of the folder`},
		},
		{
			name:  "user file inside a folder where a generated file goes",
			user:  map[string]string{"docs/manual.pdf": "pdf"},
			files: files("docs", "gen"),
			want:  []string{`"docs/manual.pdf" was not written by pmkb and lies in the folder "docs"`},
		},
		{
			name:  "clean still keeps dot paths in the way",
			user:  map[string]string{"docs/.keep": ""},
			files: files("docs", "gen"),
			clean: true,
			want:  []string{`"docs/.keep"`, "dot paths are kept even when cleaning"},
		},
		{
			// The same bytes as this build writes there (a CNAME moved into
			// the theme's static/, as README advises): adopted, no
			// conflict (QA 14 D-F9); a byte more is still one.
			name:  "a user file with the generated bytes is adopted",
			user:  map[string]string{"CNAME": "kb.example.org\n"},
			files: files("CNAME", "kb.example.org\n"),
		},
		{
			name:  "a user file with other bytes is not",
			user:  map[string]string{"CNAME": "kb.example.org\n"},
			files: files("CNAME", "kb.example.org"),
			want:  []string{`"CNAME" was not written by pmkb and this build would replace it`},
		},
		{
			name:  "clean replaces user files",
			user:  map[string]string{"robots.txt": "own", "docs": "a file"},
			files: files("robots.txt", "gen", "docs/index.html", "gen"),
			clean: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			writeTree(t, dest, tt.user)
			before := snapshot(t, dest)
			_, err := Write(dest, tt.files, Options{Clean: tt.clean, Force: tt.clean}) // a folder pmkb never built
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Write: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Write succeeded, want an error")
			}
			if !errors.Is(err, ErrConflict) || errors.Is(err, ErrIO) {
				t.Errorf("error %q is not an ErrConflict (and only that), which the CLI exits 2 for", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
			if diff := cmp.Diff(before, snapshot(t, dest)); diff != "" {
				t.Errorf("site changed after a refused build (-before +after):\n%s", diff)
			}
			assertNoLeftovers(t, dest)
		})
	}
}

func TestWriteInvalidPathsWriteNothing(t *testing.T) {
	tests := []struct {
		name  string
		files []File
		want  []string
	}{
		{"empty", files("", "x"), []string{`file path "" is empty`}},
		{"absolute", files("/etc/passwd", "x"), []string{`"/etc/passwd" is absolute`}},
		{"dot dot", files("a/../../b", "x"), []string{`"a/../../b" has a ".." segment`}},
		{"dot", files("./a", "x"), []string{`"./a" has a "." segment`}},
		{"double slash", files("a//b", "x"), []string{`"a//b" has an empty segment`}},
		{"trailing slash", files("a/", "x"), []string{`"a/" has an empty segment`}},
		{"backslash", files(`a\b.html`, "x"), []string{"backslash"}},
		{"manifest", files(ManifestName, "[]"), []string{"reserved"}},
		{"control character", files("a\nb", "x"), []string{"control character U+000A"}},
		{"NUL", files("a\x00b", "x"), []string{"control character U+0000"}},
		{"not UTF-8", files("caf\xe9.html", "x"), []string{"not valid UTF-8"}},
		{"long segment", files(strings.Repeat("x", 256), "x"), []string{"256 bytes; the limit is 255"}},
		{"duplicate", files("a.html", "1", "a.html", "2", "a.html", "3"), []string{`"a.html" is given more than once`}},
		{"letter case", files("Foo.html", "1", "foo.html", "2"), []string{`"Foo.html" and "foo.html" differ only in letter case`}},
		{"unicode letter case", files("Ärger.html", "1", "ärger.html", "2", "\u212a.html", "3", "k.html", "4"), []string{
			`"Ärger.html" and "ärger.html" differ only in letter case`,
			"\"k.html\" and \"\u212a.html\" differ only in letter case",
		}},
		{"file and folder", files("a", "1", "a/b.html", "2"), []string{`"a/b.html" needs "a" to be a folder, but "a" is a file`}},
		{"file and folder by case", files("A", "1", "a/b.html", "2"), []string{`"a/b.html" needs "a" to be a folder, but "A" is a file`}},
		{"all problems at once", files("/x", "1", "y/../z", "2", "ok.html", "3"), []string{`"/x" is absolute`, `"y/../z" has a ".." segment`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			mustWrite(t, dest, files("index.html", "previous"), Options{})
			before := snapshot(t, dest)
			_, err := Write(dest, append(files("index.html", "new"), tt.files...), Options{})
			assertRefused(t, err, tt.want, dest, before)
		})
	}
}

// assertRefused checks that a publish failed with an error naming every
// problem in want, and left dest as before with no staging folder.
func assertRefused(t *testing.T, err error, want []string, dest string, before map[string]string) {
	t.Helper()
	if err == nil {
		t.Fatal("publishing succeeded, want an error")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q\ndoes not contain %q", err, w)
		}
	}
	if diff := cmp.Diff(before, snapshot(t, dest)); diff != "" {
		t.Errorf("site changed after a refused publish (-before +after):\n%s", diff)
	}
	assertNoLeftovers(t, dest)
}

func TestWriteFailureMidBuildKeepsPreviousSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustWrite(t, dest, files("a.html", "a1", "b.html", "b1", "c.html", "c1"), Options{})
	writeTree(t, dest, map[string]string{"CNAME": "kb.example.org"})
	before := snapshot(t, dest)

	boom := errors.New("disk full")
	var seen []string
	_, err := write(dest, files("a.html", "a2", "b.html", "b2", "c.html", "c2", "d.html", "d"), Options{}, func(p string) error {
		seen = append(seen, p)
		if p == "c.html" {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
	if diff := cmp.Diff([]string{"a.html", "b.html", "c.html"}, seen); diff != "" {
		t.Errorf("files were not written in sorted order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, snapshot(t, dest)); diff != "" {
		t.Errorf("previous site changed after a failed build (-before +after):\n%s", diff)
	}
	assertNoLeftovers(t, dest)
}

func TestSwapFallbackAndRecovery(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	mustWrite(t, dest, files("index.html", "v1"), Options{})
	writeTree(t, dest, map[string]string{"CNAME": "kb.example.org"})

	// The two-rename swap used where there is no atomic exchange.
	stage := filepath.Join(root, ".public"+stagingInfix+"test")
	writeTree(t, stage, map[string]string{"index.html": "v2"})
	noExchange := func(a, b string) error { return errNoExchange }
	previous, err := swap(stage, dest, root, "public", true, noExchange)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(previous), ".public"+oldInfix) {
		t.Errorf("previous site at %s, want a %q folder", previous, oldInfix)
	}
	if got := snapshot(t, dest)["index.html"]; got != "file:v2" {
		t.Errorf("index.html = %q after the swap, want the new site", got)
	}
	if got := snapshot(t, previous)["CNAME"]; got != "file:kb.example.org" {
		t.Errorf("previous site lost CNAME: %q", got)
	}

	// A build killed between the two renames leaves dest missing and the
	// previous site in the old folder: the next Write puts it back first,
	// so its user files survive.
	if err := os.RemoveAll(dest); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, dest, files("index.html", "v3"), Options{})
	want := map[string]string{
		"CNAME":      "file:kb.example.org",
		"index.html": "file:v3",
		ManifestName: "file:[\n  \"index.html\"\n]\n",
	}
	if diff := cmp.Diff(want, snapshot(t, dest)); diff != "" {
		t.Errorf("site after recovery (-want +got):\n%s", diff)
	}
	assertNoLeftovers(t, dest)
}

func TestWriteDamagedManifest(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     string
	}{
		{"not JSON", "index.html\n", "is not a JSON list of paths"},
		{"unsafe path", `["../outside.html"]`, `lists the path "../outside.html", which has a ".." segment`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			writeTree(t, dest, map[string]string{ManifestName: tt.manifest, "index.html": "old"})
			before := snapshot(t, dest)
			_, err := Write(dest, files("index.html", "new"), Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "delete it to continue") {
				t.Fatalf("err = %v, want it to contain %q and advice", err, tt.want)
			}
			if diff := cmp.Diff(before, snapshot(t, dest)); diff != "" {
				t.Errorf("site changed (-before +after):\n%s", diff)
			}
			assertNoLeftovers(t, dest)
		})
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	root := t.TempDir()
	in := files("z.html", "z", "a/b.html", "b", "m.html", "m", "a/a.html", "a")
	reversed := make([]File, len(in))
	for i, f := range in {
		reversed[len(in)-1-i] = f
	}
	one, two := filepath.Join(root, "one"), filepath.Join(root, "two")
	mustWrite(t, one, in, Options{})
	mustWrite(t, two, reversed, Options{})
	if diff := cmp.Diff(snapshot(t, one), snapshot(t, two)); diff != "" {
		t.Errorf("input order changed the site (-one +two):\n%s", diff)
	}
}

func TestWriteThroughSymlinkedDestination(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "www")
	link := filepath.Join(root, "public")
	mustWrite(t, real, files("index.html", "v1"), Options{})
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, link, files("index.html", "v2"), Options{})
	if target, err := os.Readlink(link); err != nil || target != real {
		t.Errorf("destination link = %q, %v; want it still pointing to %s", target, err, real)
	}
	if got := snapshot(t, real)["index.html"]; got != "file:v2" {
		t.Errorf("index.html = %q, want the new site in the link's target", got)
	}
	assertNoLeftovers(t, real)
}

func TestWriteKeepsDestinationPermissions(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustWrite(t, dest, files("index.html", "v1"), Options{})
	if err := os.Chmod(dest, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dest, "private"), 0o700); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dest, map[string]string{"private/notes.txt": "n"})
	mustWrite(t, dest, files("index.html", "v2"), Options{})
	for p, want := range map[string]fs.FileMode{".": 0o750, "private": 0o700} {
		info, err := os.Stat(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", p, got, want)
		}
	}
}

// TestWriteRecordsForeignEntries proves that the first build into a
// folder holding entries pmkb did not make warns and records them in the
// manifest, that later builds keep the record while they are there and
// old list manifests still read, so that cleaning stays refused (qa8 #3).
func TestWriteRecordsForeignEntries(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "www")
	writeTree(t, dest, map[string]string{"site-a/index.html": "A", "other.txt": "O", ".git/config": ""})
	res, err := Write(dest, files("index.html", "new"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := dest + " already holds other.txt, site-a/, which pmkb did not make; they are kept, but --clean would delete them"; res.Warning != want {
		t.Errorf("first build warning = %q, want %q", res.Warning, want)
	}
	_, foreign, found, err := readManifest(dest)
	if err != nil || !found || !slices.Equal(foreign, []string{"other.txt", "site-a"}) {
		t.Errorf("manifest foreign = %q, %v, %v; want [other.txt site-a]", foreign, found, err)
	}
	if err := os.Remove(filepath.Join(dest, "other.txt")); err != nil {
		t.Fatal(err)
	}
	res, err = Write(dest, files("index.html", "new"), Options{})
	if err != nil || res.Warning != "" {
		t.Fatalf("second build: %v, warning %q", err, res.Warning)
	}
	if _, foreign, _, _ = readManifest(dest); !slices.Equal(foreign, []string{"site-a"}) {
		t.Errorf("after other.txt went, manifest foreign = %q, want [site-a]", foreign)
	}
	if _, err := Write(dest, files("index.html", "new"), Options{Clean: true}); err == nil || !strings.Contains(err.Error(), "it held site-a/ before pmkb first published there") {
		t.Errorf("cleaning with a recorded foreign entry: %v, want a refusal", err)
	}
	res, err = Write(dest, files("index.html", "new"), Options{Clean: true, Force: true})
	if err != nil || res.Removed == 0 {
		t.Fatalf("cleaning forced: %v, %+v", err, res)
	}
	if data, err := os.ReadFile(filepath.Join(dest, ManifestName)); err != nil || string(data) != "[\n  \"index.html\"\n]\n" {
		t.Errorf("manifest after a forced clean = %q, %v; want the plain list", data, err)
	}
}
