package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// putAll puts files into st from n goroutines, in no particular order.
func putAll(t *testing.T, st *Stage, fs []File, n int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, len(fs))
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(fs); i += n {
				if err := st.Put(fs[len(fs)-1-i]); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("Put: %v", err)
	}
}

// manyFiles is a site of n pages spread over nested folders.
func manyFiles(n int, version string) []File {
	var fs []File
	for i := range n {
		fs = append(fs, File{Path: fmt.Sprintf("postmortems/pm-%03d/index.html", i), Data: []byte(version + fmt.Sprint(i))})
		if i%10 == 0 {
			fs = append(fs, File{Path: fmt.Sprintf("systems/s%d/deep/er/index.html", i/10), Data: []byte(version)})
		}
	}
	return append(fs, File{Path: "index.html", Data: []byte(version)})
}

func TestStageConcurrentPutsMakeTheSameSiteAsWrite(t *testing.T) {
	root := t.TempDir()
	v1, v2 := manyFiles(300, "v1-"), manyFiles(250, "v2-")
	// v2 keeps a few pages of v1 byte for byte: they must count as
	// unchanged, and the pages v2 no longer has as removed.
	copy(v2[:20], v1[:20])

	want := filepath.Join(root, "batch")
	mustWrite(t, want, v1, Options{})
	writeTree(t, want, map[string]string{"CNAME": "kb.example.org"})
	wantRes := mustWrite(t, want, v2, Options{})

	got := filepath.Join(root, "streamed")
	mustWrite(t, got, v1, Options{})
	writeTree(t, got, map[string]string{"CNAME": "kb.example.org"})
	st, err := Begin(context.Background(), got, Options{})
	if err != nil {
		t.Fatal(err)
	}
	putAll(t, st, v2, 8)
	res, err := st.Commit()
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if !reflect.DeepEqual(res, wantRes) {
		t.Errorf("result = %+v, want %+v (as Write)", res, wantRes)
	}
	if res.Unchanged != 20 || res.Removed == 0 {
		t.Errorf("result = %+v, want 20 unchanged and the stale pages removed", res)
	}
	if diff := cmp.Diff(snapshot(t, want), snapshot(t, got)); diff != "" {
		t.Errorf("streamed site differs from the written one (-write +stage):\n%s", diff)
	}
	assertNoLeftovers(t, got)
}

func TestStageLeavesTheDestinationUntilCommit(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustWrite(t, dest, files("index.html", "v1"), Options{})
	before := snapshot(t, dest)
	st, err := Begin(context.Background(), dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	putAll(t, st, manyFiles(50, "v2-"), 4)
	if diff := cmp.Diff(before, snapshot(t, dest)); diff != "" {
		t.Errorf("destination changed before Commit (-before +after):\n%s", diff)
	}
	st.Abort()
	st.Abort() // twice is harmless
	if diff := cmp.Diff(before, snapshot(t, dest)); diff != "" {
		t.Errorf("destination changed after Abort (-before +after):\n%s", diff)
	}
	assertNoLeftovers(t, dest)
	if err := st.Put(File{Path: "late.html"}); err == nil {
		t.Error("Put after Abort succeeded")
	}
	if _, err := st.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
}

func TestStageCommitReportsEveryBadPathAndPublishesNothing(t *testing.T) {
	tests := []struct {
		name  string
		files []File
		want  []string
	}{
		{"invalid paths", files("/abs", "x", "a/../b", "x", "ok.html", "x"), []string{`"/abs" is absolute`, `"a/../b" has a ".." segment`}},
		{"duplicate", files("a.html", "1", "b.html", "x", "a.html", "2"), []string{`"a.html" is given more than once`}},
		{"letter case", files("Foo.html", "1", "foo.html", "2"), []string{`"Foo.html" and "foo.html" differ only in letter case`}},
		{"file and folder", files("a", "1", "a/b.html", "2"), []string{`"a/b.html" needs "a" to be a folder, but "a" is a file`}},
		{"folder and file", files("a/b.html", "2", "a", "1"), []string{`"a/b.html" needs "a" to be a folder, but "a" is a file`}},
		{"user file replaced", files("CNAME", "gen"), []string{`"CNAME" was not written by pmkb and this build would replace it`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			mustWrite(t, dest, files("index.html", "previous"), Options{})
			writeTree(t, dest, map[string]string{"CNAME": "kb.example.org"})
			before := snapshot(t, dest)
			st, err := Begin(context.Background(), dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.files { // in the given order: it matters for file and folder
				if err := st.Put(f); err != nil {
					t.Fatalf("Put(%q) = %v; bad paths are reported by Commit", f.Path, err)
				}
			}
			_, err = st.Commit()
			assertRefused(t, err, tt.want, dest, before)
		})
	}
}

func TestStagePutReportsWriteErrors(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, err := Begin(context.Background(), dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	// The staging folder disappears under the build (a full or failing
	// disk looks the same to Put): the error reaches the caller.
	if err := os.RemoveAll(st.st.root); err != nil {
		t.Fatal(err)
	}
	if err := st.Put(File{Path: "a/index.html", Data: []byte("x")}); err == nil {
		t.Fatal("Put into a vanished staging folder succeeded")
	}
	if _, err := st.Commit(); err == nil {
		t.Fatal("Commit after a failed Put succeeded")
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("destination exists after a failed build: %v", err)
	}
}
