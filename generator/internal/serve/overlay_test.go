package serve

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/output"
)

// page is a built page for the tests below.
var page = output.File{Path: "index.html", Data: []byte("<!doctype html><html><head></head><body>home</body></html>")}

// TestNoGoodBuildIsNotCalledLastGood checks that while no build has
// succeeded, neither the log nor the overlay speak of a last good build,
// and that once one has, they do.
func TestNoGoodBuildIsNotCalledLastGood(t *testing.T) {
	fail := true
	var logged []string
	s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
		d := &diag.List{}
		if fail {
			d.Errorf(diag.Pos{Path: "content/a.md", Line: 4}, `unknown severity "SEV9"`)
			return nil, d, false, nil
		}
		return []output.File{page}, d, false, nil
	}, Options{Logf: func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	s.Build(context.Background(), nil)
	for _, p := range []string{"/", "/postmortems/"} {
		_, _, body := get(t, ts.URL+p, nil)
		if !strings.Contains(body, English.NoBuild) || strings.Contains(body, "last good build") {
			t.Errorf("GET %s before any good build:\n%s", p, body)
		}
	}
	if len(logged) != 1 || !strings.Contains(logged[0], "no successful build yet") || strings.Contains(logged[0], "last good build") {
		t.Errorf("log before any good build = %q", logged)
	}

	fail = false
	s.Build(context.Background(), nil)
	fail = true
	s.Build(context.Background(), nil)
	_, _, body := get(t, ts.URL+"/", nil)
	if !strings.Contains(body, "home") || !strings.Contains(body, English.LastGood) {
		t.Errorf("GET / after a good build failed again:\n%s", body)
	}
	if last := logged[len(logged)-1]; !strings.Contains(last, "serving the last good build") {
		t.Errorf("log after a good build failed again = %q", last)
	}
}

// TestWarningsShownInBox checks that the warnings of a good build (a draft
// left out) are shown on every page in the warnings box, escaped, and
// listed in the log once, then only counted while they stay the same.
func TestWarningsShownInBox(t *testing.T) {
	warn := `content/d.md:19: warning: in a draft, left out until fixed: missing required field "systems" <b>`
	warns := 1
	var logged []string
	s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
		d := &diag.List{}
		for range warns {
			d.Warnf(diag.Pos{Path: "content/d.md", Line: 19}, `in a draft, left out until fixed: missing required field "systems" <b>`)
		}
		return []output.File{page}, d, false, nil
	}, Options{Logf: func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	s.Build(context.Background(), nil)
	for _, p := range []string{"/", "/postmortems/d/"} {
		_, _, body := get(t, ts.URL+p, nil)
		if !strings.Contains(body, `<div id="pmkb-warnings"`) || !strings.Contains(body, English.Warnings+" (1)") ||
			!strings.Contains(body, "missing required field &#34;systems&#34; &lt;b&gt;") || strings.Contains(body, "pmkb-overlay") {
			t.Errorf("GET %s with a warning:\n%s", p, body)
		}
	}
	s.Build(context.Background(), []string{"content/a.md"})
	warns = 0
	s.Build(context.Background(), []string{"content/d.md"})
	want := []string{
		"built 1 files in 0s (whole site), with 1 warning:\n  " + warn,
		"built 1 files in 0s after 1 source file changed, with the same 1 warning",
		"built 1 files in 0s after 1 source file changed",
	}
	if strings.Join(logged, "\n") != strings.Join(want, "\n") {
		t.Errorf("log:\n%s\nwant:\n%s", strings.Join(logged, "\n"), strings.Join(want, "\n"))
	}
	if _, _, body := get(t, ts.URL+"/", nil); strings.Contains(body, "pmkb-warnings") {
		t.Errorf("the warnings box stayed after they were fixed:\n%s", body)
	}
}

// TestOverlayInSiteLanguage checks that the overlay uses Options.Text,
// asked after each build, and English for what it leaves empty.
func TestOverlayInSiteLanguage(t *testing.T) {
	ja := Text{Failed: "pmkb: 直前のビルドが失敗しました", NoBuild: "まだビルドが成功していません。"}
	s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
		d := &diag.List{}
		d.Errorf(diag.Pos{Path: "content/a.md", Line: 4}, "bad")
		return nil, d, false, nil
	}, Options{Text: func() Text { return ja }})
	s.Build(context.Background(), nil)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	_, _, body := get(t, ts.URL+"/", nil)
	if !strings.Contains(body, "<h2>"+ja.Failed+"</h2>") || !strings.Contains(body, "<p>"+ja.NoBuild+"</p>") ||
		!strings.Contains(body, "<title>"+ja.Failed+"</title>") || strings.Contains(body, English.Failed) {
		t.Errorf("ja overlay:\n%s", body)
	}
	if got := (Text{}).OrEnglish(); got != English {
		t.Errorf("empty Text = %+v, want English", got)
	}
}

// TestHostsOfABoundInterface checks that Options.Hosts (the addresses a
// server bound to the network answers on) are accepted in Host and Origin
// with the server's port, in any spelling of the address, while other
// names and ports stay refused.
func TestHostsOfABoundInterface(t *testing.T) {
	for _, c := range []struct {
		hosts []string
		host  string
		want  int
	}{
		{nil, "192.0.2.2", 403},
		{[]string{"192.0.2.2"}, "192.0.2.2", 200},
		{[]string{"192.0.2.2"}, "[::ffff:192.0.2.2]", 200},
		{[]string{"2001:db8::2"}, "[2001:DB8:0::2]", 200},
		{[]string{"kb-host.internal"}, "KB-HOST.internal", 200},
		{[]string{"192.0.2.2"}, "192.0.2.3", 403},
		{[]string{"192.0.2.2"}, "evil.example", 403},
		{[]string{"192.0.2.2"}, "192.0.2.2.evil.example", 403},
	} {
		s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
			return []output.File{page}, &diag.List{}, false, nil
		}, Options{Hosts: c.hosts})
		s.Build(context.Background(), nil)
		ts := httptest.NewServer(s.Handler())
		_, port, _ := net.SplitHostPort(ts.Listener.Addr().String())
		if status, _, _ := get(t, ts.URL+"/", map[string]string{"Host": c.host + ":" + port}); status != c.want {
			t.Errorf("Hosts %q, Host %s = %d, want %d", c.hosts, c.host, status, c.want)
		}
		if status, _, _ := get(t, ts.URL+"/", map[string]string{"Origin": "http://" + c.host + ":" + port}); status != c.want {
			t.Errorf("Hosts %q, Origin %s = %d, want %d", c.hosts, c.host, status, c.want)
		}
		if status, _, _ := get(t, ts.URL+"/", map[string]string{"Host": c.host + ":1"}); status != http.StatusForbidden {
			t.Errorf("Hosts %q, Host %s:1 (another port) = %d, want 403", c.hosts, c.host, status)
		}
		ts.Close()
	}
}

// TestTemporaryFilesAreNoChange checks that a temporary file that comes
// and goes within one batch (sed -i writes one and renames it over the
// file) is not counted as a changed source, while a deleted file is.
func TestTemporaryFilesAreNoChange(t *testing.T) {
	l := startLive(t, 100*time.Millisecond)
	content := filepath.Join(l.root, "content")

	tmp := filepath.Join(content, "sedX4rT2q")
	write(t, tmp, "hello sed")
	if err := os.Rename(tmp, filepath.Join(content, "a.md")); err != nil {
		t.Fatal(err)
	}
	l.expectBuild("content/a.md")

	write(t, tmp, "gone soon")
	if err := os.Remove(tmp); err != nil {
		t.Fatal(err)
	}
	l.expectQuiet(500 * time.Millisecond)

	if err := os.Remove(filepath.Join(content, "a.md")); err != nil {
		t.Fatal(err)
	}
	l.expectBuild("content/a.md")
}

// TestOverlayShowsHints checks that the overlay, the warnings box and the
// log show each problem's hint under it, as pmkb lint does, escaped: a
// secret's "rotate it now" must reach the author in the preview too (QA 9a
// #5).
func TestOverlayShowsHints(t *testing.T) {
	fail := true
	var logged []string
	s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
		d := &diag.List{}
		if fail {
			d.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/a.md", Line: 151}, Severity: diag.Error, Rule: "secret/github-token",
				Message: `possible GitHub token "ghp_"…(40 chars)`, Hint: "remove it and rotate it now <b>"})
			return nil, d, false, nil
		}
		d.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/a.md", Line: 9}, Severity: diag.Warning, Message: "no detection time", Hint: "add detected: HH:MM"})
		d.Warnf(diag.Pos{Path: "content/a.md", Line: 10}, "no hint here")
		return []output.File{page}, d, false, nil
	}, Options{Logf: func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	s.Build(context.Background(), nil)
	want := `<li lang="en"><code>content/a.md:151: error: possible GitHub token &#34;ghp_&#34;…(40 chars) [secret/github-token]</code><p class="pmkb-hint">hint: remove it and rotate it now &lt;b&gt;</p></li>`
	if _, _, body := get(t, ts.URL+"/", nil); !strings.Contains(body, want) {
		t.Errorf("overlay lacks the hint %q:\n%s", want, body)
	}
	wantLog := "\n  content/a.md:151: error: possible GitHub token \"ghp_\"…(40 chars) [secret/github-token]\n      hint: remove it and rotate it now <b>"
	if len(logged) != 1 || !strings.HasSuffix(logged[0], wantLog) {
		t.Errorf("log = %q, want it to end with %q", logged, wantLog)
	}

	fail = false
	s.Build(context.Background(), nil)
	want = `<li lang="en"><code>content/a.md:9: warning: no detection time</code><p class="pmkb-hint">hint: add detected: HH:MM</p></li><li lang="en"><code>content/a.md:10: warning: no hint here</code></li>`
	if _, _, body := get(t, ts.URL+"/", nil); !strings.Contains(body, want) {
		t.Errorf("warnings box lacks the hint %q:\n%s", want, body)
	}
	wantLog = "with 2 warnings:\n  content/a.md:9: warning: no detection time\n      hint: add detected: HH:MM\n  content/a.md:10: warning: no hint here"
	if last := logged[len(logged)-1]; !strings.HasSuffix(last, wantLog) {
		t.Errorf("log = %q, want it to end with %q", last, wantLog)
	}
}
