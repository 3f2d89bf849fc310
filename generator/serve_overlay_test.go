package generator_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
)

// TestServeOverlayInSiteLanguage checks that on a ja site the dev server's
// overlay is Japanese, from the theme's i18n file, and says that no build
// has succeeded yet when none has.
func TestServeOverlayInSiteLanguage(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"pmkb.toml":                  "language = \"ja\"\n",
		"content/postmortems/a.md":   strings.Replace(sessionPM, "severity: SEV2", "severity: SEV9", 1),
		"content/postmortems/ok.md":  sessionPM,
		"content/postmortems/ok2.md": sessionPM,
	} {
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
	go func() {
		done <- generator.Serve(ctx, generator.Options{Source: os.DirFS(dir), Today: sampleToday},
			generator.ServeOptions{Listener: ln, Dir: dir, Logf: t.Logf})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{"<h2>pmkb: 直前のビルドが失敗しました</h2>", "まだ一度もビルドが成功していないため", `content/postmortems/a.md:4: unknown severity`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("overlay lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(string(body), "last good build") {
		t.Errorf("overlay in English:\n%s", body)
	}
}
