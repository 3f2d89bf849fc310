package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/internal/output"
)

// siteBuilder builds a tiny site from the text of root/content/a.md and
// reports each call's changed list on builds. A source containing BROKEN
// is an error, with HTML in its message to prove the overlay escapes it.
type siteBuilder struct {
	root   string
	builds chan []string
	mu     sync.Mutex
	calls  int
}

func (b *siteBuilder) build(_ context.Context, changed []string) ([]output.File, *diag.List, bool, error) {
	b.mu.Lock()
	b.calls++
	b.mu.Unlock()
	defer func() { b.builds <- changed }()
	text := "static"
	if b.root != "" {
		data, err := os.ReadFile(filepath.Join(b.root, "content", "a.md"))
		if err != nil {
			return nil, nil, false, err
		}
		text = string(data)
	}
	diags := &diag.List{}
	if strings.Contains(text, "BROKEN") {
		diags.Errorf(diag.Pos{Path: "content/a.md", Line: 3}, "bad <script>alert(1)</script> here")
		return nil, diags, false, nil
	}
	for i := range strings.Count(text, "WARN") {
		diags.Warnf(diag.Pos{Path: "content/a.md", Line: i + 1}, "a warning")
	}
	page := "<!doctype html><html><head><title>t</title></head><body><p>" + html.EscapeString(text) + "</p></body></html>"
	return []output.File{
		{Path: "index.html", Data: []byte(page)},
		{Path: "postmortems/x/index.html", Data: []byte(page)},
		{Path: "assets/site.css", Data: []byte("body{}")},
		{Path: ".hidden/secret.txt", Data: []byte("dotfile")},
		{Path: "api/postmortems.json", Data: []byte(`{"a":1}`)},
	}, diags, false, nil
}

func (b *siteBuilder) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.calls
}

func newStatic(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	b := &siteBuilder{builds: make(chan []string, 100)}
	s := New(b.build, Options{})
	s.Build(context.Background(), nil)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

func get(t *testing.T, url string, hdr map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

func TestServesBuild(t *testing.T) {
	_, ts := newStatic(t)
	for _, c := range []struct {
		path, ctype, contains string
		status                int
	}{
		{"/", "text/html; charset=utf-8", `<script src="/_pmkb/reload.js" defer></script></head>`, 200},
		{"/postmortems/x/", "text/html; charset=utf-8", "<p>static</p>", 200},
		{"/assets/site.css", "text/css; charset=utf-8", "body{}", 200},
		{"/api/postmortems.json", "application/json", `{"a":1}`, 200},
		{"/_pmkb/reload.js", "text/javascript; charset=utf-8", "EventSource", 200},
		{"/_pmkb/overlay.css", "text/css; charset=utf-8", "#pmkb-overlay", 200},
		{"/postmortems/x", "", "", 301},
		{"/postmortems/", "text/html; charset=utf-8", "404", 404}, // no listing
		{"/nope.html", "text/html; charset=utf-8", "404", 404},
	} {
		status, h, body := get(t, ts.URL+c.path, nil)
		if status != c.status || c.ctype != "" && h.Get("Content-Type") != c.ctype || !strings.Contains(body, c.contains) {
			t.Errorf("GET %s = %d %q, want %d %q containing %q:\n%s", c.path, status, h.Get("Content-Type"), c.status, c.ctype, c.contains, body)
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("GET %s: no CSP header", c.path)
		}
		if c.status == 301 && h.Get("Location") != "/postmortems/x/" {
			t.Errorf("GET %s: Location %q", c.path, h.Get("Location"))
		}
	}
	if _, _, body := get(t, ts.URL+"/assets/site.css", nil); strings.Contains(body, "reload.js") {
		t.Error("script injected into CSS")
	}
}

// rawGet sends a request line exactly as written, bypassing URL cleaning in
// the client, and returns the status and body. The whole exchange has a
// deadline, and an event stream's body is not read (it never ends), so a
// server that wrongly answers or never answers fails the test in seconds
// with its message instead of hanging it (QA 15 C-F11).
func rawGet(t *testing.T, addr, target string, headers ...string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, browsertest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(browsertest.Timeout)); err != nil {
		t.Fatal(err)
	}
	req := "GET " + target + " HTTP/1.1\r\nHost: " + addr + "\r\nConnection: close\r\n"
	for _, h := range headers {
		req += h + "\r\n"
	}
	if _, err := io.WriteString(conn, req+"\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Not resp.Body.Close, which would read an event stream to its end:
	// closing conn ends the exchange.
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		return resp.StatusCode, ""
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Errorf("GET %s: reading the body: %v", target, err)
	}
	return resp.StatusCode, string(body)
}

func TestTraversalIs404(t *testing.T) {
	_, ts := newStatic(t)
	addr := ts.Listener.Addr().String()
	for _, target := range []string{
		"/../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/.git/config",
		"/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
		"/assets/..%2f..%2f..%2fetc/passwd",
		"/assets/../index.html",
		"/..%5c..%5cetc%5cpasswd",
		"/.hidden/secret.txt",
		"/%2ehidden/secret.txt",
		"/postmortems//x/index.html",
		"/postmortems/x/%00",
	} {
		status, body := rawGet(t, addr, target)
		if status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", target, status)
		}
		if strings.Contains(body, "root:") || strings.Contains(body, "dotfile") {
			t.Errorf("GET %s leaked: %s", target, body)
		}
	}
}

func TestForeignHostAndOrigin(t *testing.T) {
	_, ts := newStatic(t)
	addr := ts.Listener.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	for _, c := range []struct {
		path    string
		headers []string
		want    int
	}{
		{"/", []string{"Origin: http://localhost:" + port}, 200},
		{"/", []string{"Origin: https://evil.example"}, 403},
		{"/", []string{"Origin: null"}, 403},
		{"/", []string{"Origin: http://127.0.0.1:1"}, 403},
		{eventsPath, []string{"Origin: https://evil.example"}, 403},
		{eventsPath, []string{"Origin: http://127.0.0.1.evil.example:" + port}, 403},
	} {
		if status, _ := rawGet(t, addr, c.path, c.headers...); status != c.want {
			t.Errorf("GET %s %v = %d, want %d", c.path, c.headers, status, c.want)
		}
	}
	// Host headers: DNS rebinding names and other ports are refused.
	for host, want := range map[string]int{
		"evil.example":              403,
		"evil.example:" + port:      403,
		"localhost:" + port:         200,
		"[::1]:" + port:             200,
		"127.0.0.1:" + port:         200,
		"127.0.0.1:1":               403,
		"localhost.evil.example:80": 403,
	} {
		status, _, _ := get(t, ts.URL+"/", map[string]string{"Host": host})
		if status != want {
			t.Errorf("Host %s = %d, want %d", host, status, want)
		}
	}
	// The event stream with a good Origin answers with a hello event.
	req, _ := http.NewRequest("GET", ts.URL+eventsPath, nil)
	req.Header.Set("Origin", "http://localhost:"+port)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ev := <-readEvents(resp.Body); resp.StatusCode != 200 || ev.name != "hello" {
		t.Errorf("events: %d %+v", resp.StatusCode, ev)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	_, ts := newStatic(t)
	resp, err := http.Post(ts.URL+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST = %d", resp.StatusCode)
	}
}

type event struct{ name, data string }

// readEvents parses a Server-Sent Events stream into a channel.
func readEvents(r io.Reader) <-chan event {
	ch := make(chan event, 100)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ch <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

// liveServer runs a watching server over a temporary site.
type liveServer struct {
	t      *testing.T
	root   string
	url    string
	b      *siteBuilder
	s      *Server
	events <-chan event
}

// serveSite serves a siteBuilder of root (with room for builds queued
// builds) with opts, logging to the test, on a port of 127.0.0.1 until the
// test ends.
func serveSite(t *testing.T, root string, opts Options, builds int) *liveServer {
	t.Helper()
	b := &siteBuilder{root: root, builds: make(chan []string, builds)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	opts.Logf = t.Logf
	s := New(b.build, opts)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return &liveServer{t: t, root: root, url: "http://" + ln.Addr().String(), b: b, s: s}
}

func startLive(t *testing.T, debounce time.Duration) *liveServer {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/2026", "theme", "public"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(root, "content", "a.md"), "hello one")
	write(t, filepath.Join(root, "pmkb.toml"), "title = 'x'")
	l := serveSite(t, root, Options{
		Watch:    []string{filepath.Join(root, "content"), filepath.Join(root, "pmkb.toml"), filepath.Join(root, "theme")},
		Exclude:  []string{filepath.Join(root, "public")},
		Debounce: debounce,
	}, 1000)
	b := l.b
	// The event stream ends before the server stops (cleanups run last
	// registered first).
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if got := <-b.builds; got != nil {
		t.Fatalf("first build changed = %v, want nil (full build)", got)
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", l.url+eventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	l.events = readEvents(resp.Body)
	if ev := <-l.events; ev.name != "hello" {
		t.Fatalf("first event %+v", ev)
	}
	return l
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// expectBuild waits for the next build and checks the paths it was given
// (relative to the site root).
func (l *liveServer) expectBuild(want ...string) {
	l.t.Helper()
	select {
	case got := <-l.b.builds:
		rel := make([]string, len(got))
		for i, p := range got {
			rel[i], _ = filepath.Rel(l.root, p)
			rel[i] = filepath.ToSlash(rel[i])
		}
		if !slices.Equal(rel, want) {
			l.t.Errorf("build changed = %v, want %v", rel, want)
		}
	case <-time.After(10 * time.Second):
		l.t.Fatalf("no rebuild (want one for %v)", want)
	}
}

// expectQuiet checks that no build starts within d.
func (l *liveServer) expectQuiet(d time.Duration) {
	l.t.Helper()
	select {
	case got := <-l.b.builds:
		l.t.Errorf("unexpected rebuild for %v", got)
	case <-time.After(d):
	}
}

func (l *liveServer) expectReload() time.Time {
	l.t.Helper()
	for {
		select {
		case ev, ok := <-l.events:
			if !ok {
				l.t.Fatal("event stream closed")
			}
			if ev.name == "reload" {
				return time.Now()
			}
		case <-time.After(10 * time.Second):
			l.t.Fatal("no reload event")
		}
	}
}

func (l *liveServer) page() string {
	l.t.Helper()
	_, _, body := get(l.t, l.url+"/", nil)
	return body
}

func TestEditRebuildsAndReloads(t *testing.T) {
	l := startLive(t, 50*time.Millisecond)
	if !strings.Contains(l.page(), "hello one") {
		t.Fatal("first page wrong")
	}

	start := time.Now()
	write(t, filepath.Join(l.root, "content", "a.md"), "hello two")
	l.expectBuild("content/a.md")
	got := l.expectReload()
	t.Logf("edit → reload event: %s (debounce 50ms)", got.Sub(start))
	if p := l.page(); !strings.Contains(p, "hello two") || strings.Contains(p, "pmkb-overlay") {
		t.Errorf("page after edit:\n%s", p)
	}

	// A broken source: the last good page stays, with an escaped overlay.
	write(t, filepath.Join(l.root, "content", "a.md"), "BROKEN")
	l.expectBuild("content/a.md")
	l.expectReload()
	p := l.page()
	if !strings.Contains(p, "hello two") || !strings.Contains(p, `id="pmkb-overlay"`) ||
		!strings.Contains(p, "content/a.md:3: error: bad &lt;script&gt;alert(1)&lt;/script&gt; here") || strings.Contains(p, "<script>alert") {
		t.Errorf("page with a failing build:\n%s", p)
	}
	if status, _, body := get(t, l.url+"/missing/", nil); status != 404 || !strings.Contains(body, "pmkb-overlay") {
		t.Errorf("404 page during a failing build: %d\n%s", status, body)
	}

	// Fixed: the overlay clears.
	write(t, filepath.Join(l.root, "content", "a.md"), "hello three")
	l.expectBuild("content/a.md")
	l.expectReload()
	if p := l.page(); !strings.Contains(p, "hello three") || strings.Contains(p, "pmkb-overlay") {
		t.Errorf("page after the fix:\n%s", p)
	}
}

func TestWatchDebounceAndScope(t *testing.T) {
	l := startLive(t, 200*time.Millisecond)
	content := filepath.Join(l.root, "content")

	// A burst of 50 writes (a git checkout) is one rebuild.
	before := l.b.count()
	for i := range 50 {
		write(t, filepath.Join(content, "2026", fmt.Sprintf("f%02d.md", i)), "x")
	}
	select {
	case got := <-l.b.builds:
		if len(got) != 50 {
			t.Errorf("burst rebuild got %d changed paths, want 50", len(got))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no rebuild after the burst")
	}
	l.expectQuiet(time.Second)
	if n := l.b.count() - before; n != 1 {
		t.Errorf("50 writes made %d rebuilds, want 1", n)
	}

	// An editor's atomic save: write a temporary file, rename it over.
	tmp := filepath.Join(content, ".a.md.swp")
	write(t, tmp, "hello saved")
	if err := os.Rename(tmp, filepath.Join(content, "a.md")); err != nil {
		t.Fatal(err)
	}
	l.expectBuild("content/a.md")
	l.expectQuiet(600 * time.Millisecond)

	// A new folder is watched, and a file written into it at once is seen.
	if err := os.MkdirAll(filepath.Join(content, "2027", "q1"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(content, "2027", "q1", "b.md"), "new")
	select {
	case got := <-l.b.builds:
		if !slices.Contains(got, filepath.Join(content, "2027", "q1", "b.md")) {
			t.Errorf("new folder build changed = %v", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no rebuild for a new folder")
	}
	write(t, filepath.Join(content, "2027", "q1", "c.md"), "later")
	l.expectBuild("content/2027/q1/c.md")

	// The config file is watched; its neighbours and the output are not.
	write(t, filepath.Join(l.root, "notes.txt"), "x")
	write(t, filepath.Join(l.root, "public", "index.html"), "x")
	l.expectQuiet(600 * time.Millisecond)
	write(t, filepath.Join(l.root, "pmkb.toml"), "title = 'y'")
	l.expectBuild("pmkb.toml")
	write(t, filepath.Join(l.root, "theme", "base.html"), "x")
	l.expectBuild("theme/base.html")
}

func TestFirstBuildFails(t *testing.T) {
	s := New(func(ctx context.Context, changed []string) ([]output.File, *diag.List, bool, error) {
		return nil, nil, false, fmt.Errorf("config: unknown key <x>")
	}, Options{})
	s.Build(context.Background(), nil)
	if errs := overlayErrors(s); len(errs) != 1 {
		t.Fatalf("errors = %v", errs)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	status, _, body := get(t, ts.URL+"/", nil)
	if status != 200 || !strings.Contains(body, "config: unknown key &lt;x&gt;") || !strings.Contains(body, "reload.js") {
		t.Errorf("first failing build: %d\n%s", status, body)
	}
}

func TestBuilderPanicIsAnError(t *testing.T) {
	s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) { panic("boom") }, Options{})
	s.Build(context.Background(), nil)
	if errs := overlayErrors(s); len(errs) != 1 || !strings.Contains(errs[0], "boom") {
		t.Errorf("errors = %v", errs)
	}
}

// TestContentErrorsListedOnce checks that a build error the diagnostics
// explain (the generator's "content has errors: N errors") is not shown
// as a problem of its own, and that the log counts problems in words.
func TestContentErrorsListedOnce(t *testing.T) {
	var logged []string
	s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
		d := &diag.List{}
		d.Errorf(diag.Pos{Path: "content/a.md", Line: 4}, `unknown severity "SEV9"`)
		d.Warnf(diag.Pos{Path: "content/b.md", Line: 1}, "no action items")
		return nil, d, false, errors.New("content has errors: 1 errors")
	}, Options{Logf: func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }})
	s.Build(context.Background(), []string{"content/a.md"})
	if errs, want := overlayErrors(s), []string{`content/a.md:4: error: unknown severity "SEV9"`}; !slices.Equal(errs, want) {
		t.Errorf("problems = %q, want %q", errs, want)
	}
	if len(logged) != 1 || !strings.Contains(logged[0], "with 1 problem;") {
		t.Errorf("log = %q", logged)
	}
}

// TestNotFoundServesSite404 checks that a missing page is answered with the
// build's own 404.html (status 404, reload script added), as a static host
// answers it, and not with the server's bare English page.
func TestNotFoundServesSite404(t *testing.T) {
	site404 := `<!doctype html><html lang="ja"><head><title>ページが見つかりません</title></head><body><h1>ページが見つかりません</h1></body></html>`
	build := func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
		return []output.File{
			{Path: "index.html", Data: []byte("<!doctype html><html><head></head><body>home</body></html>")},
			{Path: "404.html", Data: []byte(site404)},
		}, &diag.List{}, false, nil
	}
	s := New(build, Options{})
	s.Build(context.Background(), nil)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	for _, p := range []string{"/nope/", "/postmortems/missing.html", "/.git/config"} {
		status, h, body := get(t, ts.URL+p, nil)
		if status != http.StatusNotFound || h.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("GET %s = %d %q, want 404 text/html", p, status, h.Get("Content-Type"))
		}
		if !strings.Contains(body, "<h1>ページが見つかりません</h1>") || strings.Contains(body, "The build has no file") {
			t.Errorf("GET %s is not the site's 404.html:\n%s", p, body)
		}
		if !strings.Contains(body, `<script src="/_pmkb/reload.js" defer></script></head>`) {
			t.Errorf("GET %s: the 404 page does not reload with the build:\n%s", p, body)
		}
	}
	// The file itself is still a page of the build.
	if status, _, _ := get(t, ts.URL+"/404.html", nil); status != http.StatusOK {
		t.Errorf("GET /404.html = %d, want 200", status)
	}
}

// TestPartialBuildLogsNoWarnings checks that a partial build (a quick
// update of one page) shows its warnings on the page but leaves listing
// them in the log to the build that completes it, so that one save does
// not print two lists.
func TestPartialBuildLogsNoWarnings(t *testing.T) {
	var (
		mu     sync.Mutex
		logged []string
	)
	done := make(chan struct{})
	s := New(func(ctx context.Context, changed []string) ([]output.File, *diag.List, bool, error) {
		d := &diag.List{}
		partial := len(changed) > 0
		if !partial {
			d.Warnf(diag.Pos{Path: "content/a.md", Line: 3}, "link %q names content/nope.md, which does not exist", "nope.md")
		}
		d.Warnf(diag.Pos{Path: "content/a.md", Line: 1}, "no action items")
		return []output.File{{Path: "index.html", Data: []byte("<html><head></head><body>a</body></html>")}}, d, partial, nil
	}, Options{Logf: func(format string, args ...any) {
		mu.Lock()
		logged = append(logged, fmt.Sprintf(format, args...))
		if len(logged) == 2 {
			close(done)
		}
		mu.Unlock()
	}})
	s.Build(context.Background(), []string{"content/a.md"})
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the complete build did not follow")
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Contains(logged[0], "warning") || !strings.HasSuffix(logged[0], "after 1 source file changed (quick: the edited pages; the whole site follows)") {
		t.Errorf("the partial build logged %q", logged[0])
	}
	if !strings.Contains(logged[1], "(whole site), with 2 warnings:") || !strings.Contains(logged[1], "nope.md") {
		t.Errorf("the complete build logged %q", logged[1])
	}
}

// overlayErrors is the text of the errors the overlay shows after the
// last build (none after a good one).
func overlayErrors(s *Server) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, p := range s.errs {
		out = append(out, p.text)
	}
	return out
}

// TestLateCompletionDoesNotReplaceANewerBuild: the whole-site build that
// completes a partial one ran beside the watcher's next build, so a
// completion that started before an edit and finished after that edit's
// build served the older site until the next save (QA 19 B-F1: a new
// postmortem was a 404). Builds now run and publish one at a time, and a
// completion a later build covers is skipped.
func TestLateCompletionDoesNotReplaceANewerBuild(t *testing.T) {
	var (
		mu      sync.Mutex
		edits   int // the source's version: each edit adds one
		started = make(chan struct{}, 1)
		release = make(chan struct{})
	)
	page := func(v int) []output.File {
		return []output.File{{Path: "index.html", Data: []byte(fmt.Sprintf("<html><head></head><body>v%d</body></html>", v))}}
	}
	s := New(func(ctx context.Context, changed []string) ([]output.File, *diag.List, bool, error) {
		mu.Lock()
		if len(changed) > 0 {
			edits++
		}
		v := edits
		mu.Unlock()
		if len(changed) == 0 && v == 1 {
			// The completion of the first edit reads the sources, then
			// takes a while.
			started <- struct{}{}
			<-release
		}
		return page(v), nil, len(changed) > 0 && v == 1, nil
	}, Options{})
	ctx := context.Background()
	s.Build(ctx, []string{"content/a.md"}) // quick; its completion follows
	<-started
	second := make(chan struct{})
	go func() {
		s.Build(ctx, []string{"content/b.md"}) // the next save
		close(second)
	}()
	// Let the second build finish first if it can run beside the
	// completion (it cannot any more, and then this waits in vain).
	select {
	case <-second:
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	<-second
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		builds, body := s.builds, string(s.files["index.html"])
		s.mu.Unlock()
		if builds >= 3 {
			if !strings.Contains(body, "v2") {
				t.Errorf("after %d builds the server serves %q, want the second edit's v2", builds, body)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d builds, want 3", builds)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
