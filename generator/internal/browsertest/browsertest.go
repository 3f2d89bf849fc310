// Package browsertest runs real-browser tests of a built site: it serves a
// set of output files over a local HTTP server and drives a headless
// Chromium through the DevTools protocol (chromedp).
//
// A browser test never skips itself: when Chromium cannot be found it fails
// with a message naming the paths it tried. Set the environment variable
// PMKB_NO_BROWSER=1 to skip browser tests on a machine that has no browser
// on purpose. PMKB_CHROMIUM names a browser binary other than the default
// /usr/bin/chromium.
package browsertest

import (
	"context"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/output"
)

// NoBrowserEnv is the environment variable that, set to "1", skips browser
// tests instead of failing them when no browser is installed.
const NoBrowserEnv = "PMKB_NO_BROWSER"

// ChromiumEnv is the environment variable that names the browser binary.
const ChromiumEnv = "PMKB_CHROMIUM"

// candidates are the browser binaries looked for, in order, when
// PMKB_CHROMIUM is not set.
var candidates = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "chromium", "google-chrome"}

// FindChromium returns the path of the browser binary: PMKB_CHROMIUM when
// set, else the first of the usual names that exists.
func FindChromium() (string, error) {
	if p := os.Getenv(ChromiumEnv); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("%s=%q: %w", ChromiumEnv, p, err)
		}
		return p, nil
	}
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no chromium found (tried %s); install the Debian package chromium, set %s to a browser binary, or set %s=1 to skip browser tests",
		strings.Join(candidates, ", "), ChromiumEnv, NoBrowserEnv)
}

// Flags are the command-line flags the browser is started with, besides
// headless mode.
var Flags = []string{
	"no-sandbox", "disable-gpu", "disable-background-networking", "disable-component-update",
	"no-first-run", "disable-sync", "disable-dev-shm-usage", "disable-extensions",
	"disable-default-apps", "mute-audio", "no-default-browser-check",
}

// New starts a headless browser for the test and returns a chromedp context
// bound to one tab of it; the browser stops when the test ends. It fails the
// test when no browser is found, unless PMKB_NO_BROWSER=1, when it skips it.
func New(t testing.TB) context.Context {
	t.Helper()
	if os.Getenv(NoBrowserEnv) == "1" {
		t.Skipf("%s=1: browser test skipped", NoBrowserEnv)
	}
	bin, err := FindChromium()
	if err != nil {
		t.Fatalf("browser test: %v", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(t.TempDir()),
	}
	for _, f := range Flags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// Cancel closes the browser gracefully, which removes its
	// org.chromium.Chromium.* folders from $TMPDIR; killing it (cancel)
	// left two per browser (QA 16 A-F3).
	t.Cleanup(func() { _ = chromedp.Cancel(ctx); cancel(); cancelAlloc() })
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browser test: start %s: %v", bin, err)
	}
	return ctx
}

// Timeout is how long one helper action may take before the test fails.
const Timeout = 30 * time.Second

// Run runs one action with a timeout and fails the test on error.
func Run[T any](t testing.TB, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	v, err := chromedp.Run(tctx, a)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

// Navigate loads url in the tab and waits for the document's load event.
func Navigate(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	Run(t, ctx, chromedp.Navigate(url))
}

// Eval evaluates a JavaScript expression in the page and decodes its value.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	return Run(t, ctx, chromedp.Evaluate[T](expr))
}

// pollInterval is how often WaitFor evaluates its expression, and
// evalTimeout how long one evaluation may take: one sent while the page is
// unloading can go unanswered.
const (
	pollInterval = 20 * time.Millisecond
	evalTimeout  = 2 * time.Second
)

// WaitFor polls the JavaScript expression until it is truthy and fails the
// test when it never becomes so within Timeout.
//
// It polls from Go with Runtime.evaluate, which always runs in the page's
// current document, instead of chromedp.Poll: Poll pins the execution
// context chromedp last saw, and when a navigation (a redirect, a script
// that blocks on a dialog) replaces the document between the two, it fails
// with "Cannot find context with specified id". An evaluation that fails
// while the page is between documents is retried like a falsy one; the
// last error is reported if the time runs out.
func WaitFor(t testing.TB, ctx context.Context, expr string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	var last error
	for {
		ectx, cancelEval := context.WithTimeout(tctx, evalTimeout)
		ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool]("!!("+expr+")"))
		cancelEval()
		if err == nil && ok {
			return
		}
		switch {
		case err == nil:
			last = nil
		case tctx.Err() == nil:
			last = err
		}
		select {
		case <-tctx.Done():
			if last != nil {
				t.Fatalf("browser: waiting for %s: %v", expr, last)
			}
			t.Fatalf("browser: waiting for %s: still false after %s", expr, Timeout)
		case <-time.After(pollInterval):
		}
	}
}

// Dialogs records every JavaScript dialog (alert, confirm, prompt) the page
// opens, dismissing each so the page goes on; call it before navigating.
// The returned func lists the messages seen so far. A test of escaping
// asserts that it stays empty.
func Dialogs(t testing.TB, ctx context.Context) func() []string {
	t.Helper()
	var (
		mu   sync.Mutex
		seen []string
	)
	events := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			mu.Lock()
			seen = append(seen, ev.Type.String()+": "+ev.Message)
			mu.Unlock()
			_ = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
				return err
			}))
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

// ColorScheme makes the page see prefers-color-scheme as scheme ("light"
// or "dark"); "" removes the override.
func ColorScheme(t testing.TB, ctx context.Context, scheme string) {
	t.Helper()
	p := emulation.SetEmulatedMediaParams{}
	if scheme != "" {
		p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, p)
		return err
	}))
}

// OnNewDocument runs the script src in every document the tab loads from
// now on, before the document's own scripts: a probe or a spy set up
// before the page can act.
func OnNewDocument(t testing.TB, ctx context.Context, src string) {
	t.Helper()
	Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	}))
}

// Server serves a built site from memory over HTTP on 127.0.0.1.
type Server struct {
	// URL is the site root, with a trailing slash ("http://127.0.0.1:PORT/").
	URL string

	mu       sync.Mutex
	requests []string
	byPath   map[string][]byte
}

// Replace serves files from now on instead of the ones served before, as
// a deploy into the same folder does: a page already open keeps running
// and asks the server for the files of the new build.
func (s *Server) Replace(files []output.File) {
	byPath := make(map[string][]byte, len(files))
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	s.mu.Lock()
	s.byPath = byPath
	s.mu.Unlock()
}

// Requests returns the paths requested so far, in order.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// Serve serves files for the duration of the test the way a static host
// does: "/dir/" serves "dir/index.html", an unknown path gets 404 with the
// site's 404.html when there is one. Every response carries the given
// extra headers (for example a Content-Security-Policy); header may be nil.
func Serve(t testing.TB, files []output.File, header http.Header) *Server {
	t.Helper()
	s := &Server{}
	s.Replace(files)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.URL.Path)
		byPath := s.byPath
		s.mu.Unlock()
		for k, vs := range header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") {
			p = path.Join(p, "index.html")
		}
		data, ok := byPath[p]
		status := http.StatusOK
		if !ok {
			if _, isDir := byPath[path.Join(p, "index.html")]; isDir {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			status = http.StatusNotFound
			p = "404.html"
			if data, ok = byPath[p]; !ok {
				http.NotFound(w, r)
				return
			}
		}
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = http.DetectContentType(data)
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(status)
		_, _ = w.Write(data)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.1: %v", err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	s.URL = srv.URL + "/"
	return s
}

// Network is how Intercept answers the requests it catches.
type Network struct {
	mu   sync.Mutex
	mode string
	ctx  context.Context
	held []fetch.RequestID
}

// Set makes the requests caught from now on fail as a dropped connection
// does ("fail"), get no answer until Release ("hold": a stalled request), or go
// through ("").
func (n *Network) Set(mode string) {
	n.mu.Lock()
	n.mode = mode
	n.mu.Unlock()
}

// Release lets through every request held so far, as a stalled network
// that answers at last: the server answers each as it does now (after a
// Server.Replace, from the new build).
func (n *Network) Release() {
	n.mu.Lock()
	held := n.held
	n.held = nil
	n.mu.Unlock()
	for _, id := range held {
		_, _ = chromedp.Call(n.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
	}
}

// Intercept catches the tab's requests whose URL matches pattern (the
// DevTools Fetch patterns: * for any characters) and answers each as the
// returned Network is set to at that moment, at first letting it through.
func Intercept(t testing.TB, ctx context.Context, pattern string) *Network {
	t.Helper()
	n := &Network{ctx: ctx}
	events := chromedp.Events(ctx, fetch.RequestPaused)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			n.mu.Lock()
			mode := n.mode
			if mode == "hold" {
				n.held = append(n.held, ev.RequestID)
			}
			n.mu.Unlock()
			switch mode {
			case "fail":
				_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonFailed})
			case "hold":
			default:
				_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			}
		}
	}()
	Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: pattern}}})
		return err
	}))
	return n
}

// Offline takes the tab off the network (on) or back on it, as DevTools'
// "Offline" does: what the browser has cached still answers.
func Offline(t testing.TB, ctx context.Context, on bool) {
	t.Helper()
	Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Offline: on, DownloadThroughput: -1, UploadThroughput: -1}}})
		return err
	}))
}
