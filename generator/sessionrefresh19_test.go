package generator_test

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// refreshCounter is a source that counts the Refresh calls a session makes
// (pmkb serve's source opens content/postmortems again there when the
// folder was replaced).
type refreshCounter struct {
	fstest.MapFS
	n int
}

func (r *refreshCounter) Refresh()                             { r.n++ }
func (r *refreshCounter) Open(name string) (fs.File, error)    { return r.MapFS.Open(name) }
func (r *refreshCounter) ReadFile(name string) ([]byte, error) { return r.MapFS.ReadFile(name) }

// TestSessionRefreshesItsSourceBeforeEveryBuild: a preview kept reading a
// content folder that had been replaced (QA 19 B-F3); every build, the
// quick one of an edited page too, first asks the source to refresh.
func TestSessionRefreshesItsSourceBeforeEveryBuild(t *testing.T) {
	pm := "content/postmortems/2024/2024-03-14-a.md"
	src := &refreshCounter{MapFS: fstest.MapFS{
		"pmkb.toml": {Data: []byte("title = \"T\"\n")},
		pm:          {Data: []byte(contractPM("[api-gateway]", ""))},
	}}
	s := generator.NewSession(generator.Options{Source: src, Today: sampleToday}, "/site")
	if _, d, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatalf("build: %v %v", err, d)
	}
	if _, _, _, err := s.Build(context.Background(), []string{"/site/" + pm}); err != nil {
		t.Fatal(err)
	}
	if src.n != 2 {
		t.Errorf("%d refreshes for two builds", src.n)
	}
}
