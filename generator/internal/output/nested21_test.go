//go:build unix

package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// nestedSites publishes an outer site into root/public and site A into
// root/public/preview (a PR preview in a sub-folder of the main site),
// and returns both destinations.
func nestedSites(t *testing.T) (outer, inner string) {
	t.Helper()
	root := t.TempDir()
	outer, inner = filepath.Join(root, "public"), filepath.Join(root, "public", "preview")
	mustWrite(t, outer, manyFiles(20, "main-"), Options{})
	mustWrite(t, inner, manyFiles(30, "A-"), Options{})
	return outer, inner
}

// loneSite is the tree a lone build of fs into an empty folder makes.
func loneSite(t *testing.T, fs []File) map[string]string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "lone")
	mustWrite(t, dest, fs, Options{})
	return snapshot(t, dest)
}

// assertNoWorkingEntries fails if pmkb's working entries of any build (a
// staging or old folder, a lock file) are anywhere inside dir.
func assertNoWorkingEntries(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name := d.Name(); strings.Contains(name, stagingInfix) || strings.Contains(name, oldInfix) || strings.HasSuffix(name, lockSuffix) {
			t.Errorf("pmkb's working entry inside the site: %s", p)
		}
		return nil
	})
}

// build is the outcome of a build run in a goroutine.
type build struct {
	res Result
	err error
}

// writeAsync runs Write in a goroutine, staging where place says;
// waiting receives the pid when it waits for another build.
func writeAsync(dest string, fs []File, place placement, waiting chan<- int) <-chan build {
	done := make(chan build, 1)
	go func() {
		sorted, err := validateFiles(fs)
		if err != nil {
			done <- build{err: err}
			return
		}
		st, err := begin(context.Background(), dest, Options{Waiting: func(pid int) {
			select {
			case waiting <- pid:
			default:
			}
		}}, place)
		if err != nil {
			done <- build{err: err}
			return
		}
		res, err := fill(st, sorted, nil)
		done <- build{res, err}
	}()
	return done
}

// places are where the outer build stages in the tests below: beside
// public/ and, as on a mount point or below a folder it may not write,
// inside it.
var places = []placement{placeAuto, placeInside}

// mustWait fails unless the build in done reports that it waits (on
// waiting) rather than finishing.
func mustWait(t *testing.T, what string, waiting <-chan int, done <-chan build) {
	t.Helper()
	select {
	case pid := <-waiting:
		if pid != os.Getpid() {
			t.Errorf("%s waits for pid %d, want %d", what, pid, os.Getpid())
		}
	case b := <-done:
		t.Fatalf("%s did not wait for the other build (err %v)", what, b.err)
	case <-time.After(10 * time.Second):
		t.Fatalf("%s neither waited nor finished", what)
	}
}

// TestNestedBuildWaitsForTheOuterOne proves that a build into a
// destination inside another pmkb destination (public/preview in
// public/) takes turns with a build of the outer one that began first
// (QA 21 D-F1): it waits until the outer build has published, then
// publishes; the outer build neither brings back the inner site it found
// at its start nor mixes the two, and no working entry of either build
// ends up in the outer site.
func TestNestedBuildWaitsForTheOuterOne(t *testing.T) {
	for _, place := range places {
		t.Run(placeName[place], func(t *testing.T) { testNestedBuildWaitsForTheOuterOne(t, place) })
	}
}

// placeName names the places for subtests.
var placeName = map[placement]string{placeAuto: "beside", placeInside: "inside"}

func testNestedBuildWaitsForTheOuterOne(t *testing.T, place placement) {
	outer, inner := nestedSites(t)
	st, err := begin(context.Background(), outer, Options{}, place)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	siteB := manyFiles(25, "B-")
	waiting := make(chan int, 1)
	done := writeAsync(inner, siteB, placeAuto, waiting)
	mustWait(t, "the inner build", waiting, done)
	putAll(t, st, manyFiles(20, "main2-"), 2)
	if _, err := st.Commit(); err != nil {
		t.Fatalf("the outer build failed: %v", err)
	}
	if b := <-done; b.err != nil {
		t.Fatalf("the inner build failed: %v", b.err)
	}
	if diff := cmp.Diff(loneSite(t, siteB), snapshot(t, inner)); diff != "" {
		t.Errorf("public/preview is not exactly the inner build's site (-lone build +got):\n%s", diff)
	}
	if got := snapshot(t, outer)["index.html"]; got != "file:main2-" {
		t.Errorf("public/index.html = %q, want the outer build's", got)
	}
	assertNoWorkingEntries(t, outer)
	assertNoLeftovers(t, outer)
}

// TestOuterBuildWaitsForANestedOne is the other order: a build of
// public/ that starts while a build of public/preview is under way waits
// for it, so it neither publishes the inner build's staging folder nor
// takes it away from under it.
func TestOuterBuildWaitsForANestedOne(t *testing.T) {
	for _, place := range places {
		t.Run(placeName[place], func(t *testing.T) { testOuterBuildWaitsForANestedOne(t, place) })
	}
}

func testOuterBuildWaitsForANestedOne(t *testing.T, place placement) {
	outer, inner := nestedSites(t)
	st, err := Begin(context.Background(), inner, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	waiting := make(chan int, 1)
	done := writeAsync(outer, manyFiles(20, "main2-"), place, waiting)
	mustWait(t, "the outer build", waiting, done)
	siteB := manyFiles(25, "B-")
	putAll(t, st, siteB, 2)
	if _, err := st.Commit(); err != nil {
		t.Fatalf("the inner build failed: %v", err)
	}
	if b := <-done; b.err != nil {
		t.Fatalf("the outer build failed: %v", b.err)
	}
	if diff := cmp.Diff(loneSite(t, siteB), snapshot(t, inner)); diff != "" {
		t.Errorf("public/preview is not exactly the inner build's site (-lone build +got):\n%s", diff)
	}
	assertNoWorkingEntries(t, outer)
	assertNoLeftovers(t, outer)
}

// TestFirstNestedBuildWaitsForTheOuterOne: the first build into a
// folder inside a pmkb destination (no manifest, no lock there yet) also
// waits for a build of the outer destination under way, which would
// otherwise publish its site without the new folder.
func TestFirstNestedBuildWaitsForTheOuterOne(t *testing.T) {
	outer, _ := nestedSites(t)
	st, err := Begin(context.Background(), outer, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	fresh := filepath.Join(outer, "pr", "42")
	siteB := manyFiles(5, "B-")
	waiting := make(chan int, 1)
	done := writeAsync(fresh, siteB, placeAuto, waiting)
	mustWait(t, "the first build of public/pr/42", waiting, done)
	putAll(t, st, manyFiles(20, "main2-"), 2)
	if _, err := st.Commit(); err != nil {
		t.Fatalf("the outer build failed: %v", err)
	}
	if b := <-done; b.err != nil {
		t.Fatalf("the inner build failed: %v", b.err)
	}
	if diff := cmp.Diff(loneSite(t, siteB), snapshot(t, fresh)); diff != "" {
		t.Errorf("public/pr/42 is not exactly the inner build's site (-lone build +got):\n%s", diff)
	}
	assertNoWorkingEntries(t, outer)
}

// TestOuterBuildTidiesAKilledNestedBuild: what a killed build of
// public/preview left inside public/ (its staging folder, its lock file)
// is never published as part of public/; the outer build clears it as
// the next build of public/preview would.
func TestOuterBuildTidiesAKilledNestedBuild(t *testing.T) {
	outer, inner := nestedSites(t)
	before := snapshot(t, inner)
	writeTree(t, outer, map[string]string{
		".preview.pmkb-staging-KILLED000001/index.html": "half",
		".preview.pmkb-lock":                            "123\n",
		"preview/.pmkb-staging-KILLED000002/x.html":     "half",
	})
	mustWrite(t, outer, manyFiles(20, "main2-"), Options{})
	assertNoWorkingEntries(t, outer)
	if diff := cmp.Diff(before, snapshot(t, inner)); diff != "" {
		t.Errorf("public/preview changed (-before +after):\n%s", diff)
	}
}

// TestWaitingForNamesTheOtherDestination: a build that waits for a build
// of another destination, outer or inner, names that one, not its own.
func TestWaitingForNamesTheOtherDestination(t *testing.T) {
	outer, inner := nestedSites(t)
	st, err := Begin(context.Background(), inner, Options{})
	if err != nil {
		t.Fatal(err)
	}
	named := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		_, err := Write(outer, manyFiles(3, "x-"), Options{WaitingFor: func(_ int, dest string) { named <- dest }})
		done <- err
	}()
	if got := <-named; got != inner {
		t.Errorf("the outer build waits for %q, want %q", got, inner)
	}
	st.Abort()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	// A first build into public/pr/42 waits for the build of public/.
	// (One into public/preview waits on its own lock, which the build of
	// public/ holds as it publishes public/preview again.)
	st, err = Begin(context.Background(), outer, Options{})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		_, err := Write(filepath.Join(outer, "pr", "42"), manyFiles(3, "y-"), Options{WaitingFor: func(_ int, dest string) { named <- dest }})
		done <- err
	}()
	if got := <-named; got != outer {
		t.Errorf("the inner build waits for %q, want %q", got, outer)
	}
	st.Abort()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestBuildsBesideANestedOneDoNotWaitForItsQueue: a build into
// public/preview that waits for another build into public/preview holds
// no lock of public/, so a build into public/pr-2 beside it does not wait.
func TestBuildsBesideANestedOneDoNotWaitForItsQueue(t *testing.T) {
	outer, inner := nestedSites(t)
	st, err := Begin(context.Background(), inner, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	waiting := make(chan int, 1)
	queued := writeAsync(inner, manyFiles(3, "B-"), placeAuto, waiting)
	mustWait(t, "the second build of public/preview", waiting, queued)
	beside := make(chan int, 1)
	done := writeAsync(filepath.Join(outer, "pr-2"), manyFiles(3, "C-"), placeAuto, beside)
	select {
	case b := <-done:
		if b.err != nil {
			t.Fatalf("the build of public/pr-2 failed: %v", b.err)
		}
	case <-beside:
		t.Fatal("the build of public/pr-2 waits")
	case <-time.After(10 * time.Second):
		t.Fatal("the build of public/pr-2 does not finish")
	}
	st.Abort()
	if b := <-queued; b.err != nil {
		t.Fatalf("the second build of public/preview failed: %v", b.err)
	}
}

func TestInnerDest(t *testing.T) {
	tests := []struct {
		dir, name string
		want      string // "" for none
		working   bool
	}{
		{".", ".preview.pmkb-lock", "preview", true},
		{".", ".preview.pmkb-staging-ABC", "preview", true},
		{"pr", ".42.pmkb-old-ABC", "pr/42", true},
		{"a.b", ".c.d.pmkb-staging-X", "a.b/c.d", true},
		{"preview", ManifestName, "preview", false},
		{"preview", ".pmkb-staging-X", "preview", true},
		{"preview", lockSuffix, "preview", true},
		{".", ManifestName, "", false},     // the site's own
		{".", ".pmkb-staging-X", "", true}, // the site's own, publishing inside
		{".", lockSuffix, "", true},
		{".", ".pmkb-cache", "", false},
		{".", ".pmkb-lock-notes", "", false},
		{"x", "index.html", "", false},
		{"x", ".git", "", false},
	}
	for _, tt := range tests {
		got, ok := innerDest(tt.dir, tt.name)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("innerDest(%q, %q) = %q, %v; want %q", tt.dir, tt.name, got, ok, tt.want)
		}
		if w := isWorking(tt.name); w != tt.working {
			t.Errorf("isWorking(%q) = %v, want %v", tt.name, w, tt.working)
		}
	}
}

// TestOuterBuildDoesNotFailForAnInnerLockItMayNotTake: a destination
// inside the site whose lock this user may not take (a preview folder
// another CI user owns) is kept as it is, with a warning, and the outer
// build publishes (QA 21r2 F1: it failed with exit 3, though a build
// before 487bef9 published). A lock that fails otherwise still fails.
func TestOuterBuildDoesNotFailForAnInnerLockItMayNotTake(t *testing.T) {
	defer func(f func(context.Context, string, string, string, func(int)) (*lock, error)) {
		lockInnerDestination = f
	}(lockInnerDestination)
	outer, inner := nestedSites(t)
	before := snapshot(t, inner)
	lockInnerDestination = func(_ context.Context, _, _, dest string, _ func(int)) (*lock, error) {
		return nil, ioErr(fmt.Errorf("output: cannot lock %s against other builds: %w", dest, &fs.PathError{Op: "open", Path: dest + "/.pmkb-lock", Err: fs.ErrPermission}))
	}
	res, err := Write(outer, manyFiles(20, "main3-"), Options{})
	if err != nil {
		t.Fatalf("the outer build failed for an inner lock it may not take: %v", err)
	}
	if !strings.Contains(res.Warning, inner) || !strings.Contains(res.Warning, "without taking turns") {
		t.Errorf("no warning names %s: %q", inner, res.Warning)
	}
	if diff := cmp.Diff(before, snapshot(t, inner)); diff != "" {
		t.Errorf("public/preview changed (-before +after):\n%s", diff)
	}

	lockInnerDestination = func(_ context.Context, _, _, dest string, _ func(int)) (*lock, error) {
		return nil, ioErr(fmt.Errorf("output: cannot lock %s: %w", dest, errors.New("input/output error")))
	}
	if _, err := Write(outer, manyFiles(20, "main4-"), Options{}); err == nil {
		t.Errorf("an inner lock that fails for another reason did not fail the build")
	}
}

// TestCleanKeepsANestedSite: --clean of the outer site removes the files
// no pmkb made, not the site another pmkb build published inside it (QA
// 21r2 F5: the preview's pages were removed as "files pmkb had not made"
// and its manifest kept, so its URLs were 404s).
func TestCleanKeepsANestedSite(t *testing.T) {
	outer, inner := nestedSites(t)
	before := snapshot(t, inner)
	writeTree(t, outer, map[string]string{"stray.html": "not pmkb's"})
	res := mustWrite(t, outer, manyFiles(20, "main5-"), Options{Clean: true})
	if diff := cmp.Diff(before, snapshot(t, inner)); diff != "" {
		t.Errorf("--clean changed public/preview (-before +after):\n%s", diff)
	}
	if !slices.Equal(res.Cleaned, []string{"stray.html"}) {
		t.Errorf("--clean removed %q, want only stray.html", res.Cleaned)
	}
}

// TestPreviewBeforeTheMainSiteIsNotForeign: a preview published into
// public/preview before the main site's first build is another pmkb
// site, not a file of the user's (QA 21r2 F7): the first build of
// public/ does not warn that --clean would delete it, and --clean then
// neither refuses nor touches it.
func TestPreviewBeforeTheMainSiteIsNotForeign(t *testing.T) {
	root := t.TempDir()
	outer, inner := filepath.Join(root, "public"), filepath.Join(root, "public", "preview")
	mustWrite(t, inner, manyFiles(30, "A-"), Options{})
	before := snapshot(t, inner)
	res := mustWrite(t, outer, manyFiles(20, "main-"), Options{})
	if strings.Contains(res.Warning, "preview") {
		t.Errorf("the first build of public/ calls the preview the user's: %q", res.Warning)
	}
	if err := CheckDestination(outer, Options{Clean: true}); err != nil {
		t.Errorf("--clean refuses the destination for the preview: %v", err)
	}
	mustWrite(t, outer, manyFiles(20, "main2-"), Options{Clean: true})
	if diff := cmp.Diff(before, snapshot(t, inner)); diff != "" {
		t.Errorf("public/preview changed (-before +after):\n%s", diff)
	}
}
