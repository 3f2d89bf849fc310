package generator_test

import (
	"context"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// TestServeOverlayInSiteLanguage checks that on a ja site the dev server's
// overlay is Japanese, from the theme's i18n file, and says that no build
// has succeeded yet when none has; also with a site theme whose ja.json
// holds only a string of its own (review: the overlay read that file
// alone, and fell back to English).
func TestServeOverlayInSiteLanguage(t *testing.T) {
	for _, c := range []struct {
		name  string
		theme fs.FS
	}{
		{"built-in theme", nil},
		{"partial theme", fstest.MapFS{"i18n/ja.json": {Data: []byte(`{"nav.postmortems": "事後検証"}`)}}},
	} {
		t.Run(c.name, func(t *testing.T) { checkServeOverlayInJapanese(t, c.theme) })
	}
}

func checkServeOverlayInJapanese(t *testing.T, theme fs.FS) {
	base := servedSite(t, theme, map[string]string{
		"pmkb.toml":                  "language = \"ja\"\n",
		"content/postmortems/a.md":   strings.Replace(sessionPM, "severity: SEV2", "severity: SEV9", 1),
		"content/postmortems/ok.md":  sessionPM,
		"content/postmortems/ok2.md": sessionPM,
	})
	resp, err := http.Get(base)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{"<h2>pmkb: 直前のビルドが失敗しました</h2>", "まだ一度もビルドが成功していないため", `content/postmortems/a.md:4: error: unknown severity`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("overlay lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(string(body), "last good build") {
		t.Errorf("overlay in English:\n%s", body)
	}
}

// servedSite writes files (slash paths to contents) into a new site
// folder and serves it with pmkb serve's server (generator.Serve, the
// theme folder theme laid over the built-in one) on 127.0.0.1 until the
// test ends; it returns the site's URL.
func servedSite(t *testing.T, theme fs.FS, files map[string]string) string {
	t.Helper()
	base, _ := servedWith(t, generator.Options{Theme: theme}, files)
	return base
}

// servedWith is servedSite with more options (the folder as Source, the
// test's day as Today), returning the site folder too.
func servedWith(t *testing.T, opts generator.Options, files map[string]string) (base, dir string) {
	t.Helper()
	dir = t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	opts.Source, opts.Today = os.DirFS(dir), sampleToday
	go func() {
		done <- generator.Serve(ctx, opts, generator.ServeOptions{Listener: ln, Dir: dir, Logf: t.Logf})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String() + "/", dir
}
