package generator_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator"
)

// TestServeWatchesConfigCreatedLater checks that the dev server rebuilds
// when a config file that did not exist at its start is written (a new
// pmkb.toml, a switch from pmkb.toml to pmkb.yaml), and on every later
// edit of it: only the config that existed at the start was watched, so
// the new one was read by chance at the next content save and never
// watched (QA 16 B-F3).
func TestServeWatchesConfigCreatedLater(t *testing.T) {
	base, dir := servedWith(t, generator.Options{}, map[string]string{"content/postmortems/a.md": sessionPM})
	waitTitle := func(want string) {
		t.Helper()
		var body string
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			resp, err := http.Get(base)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if body = string(b); strings.Contains(body, "<title>"+want+"</title>") {
				return
			}
		}
		t.Fatalf("no <title>%s</title> after 10 s:\n%.600s", want, body)
	}
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	waitTitle("Postmortems")
	write("pmkb.toml", "title = \"Team KB\"\n")
	waitTitle("Team KB")
	write("pmkb.toml", "title = \"Team KB v2\"\n")
	waitTitle("Team KB v2")
	write("pmkb.yaml", "title: YAML KB\n")
	if err := os.Remove(filepath.Join(dir, "pmkb.toml")); err != nil {
		t.Fatal(err)
	}
	waitTitle("YAML KB")
	write("pmkb.yaml", "title: YAML KB v2\n")
	waitTitle("YAML KB v2")
}
