package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumCandidates are the browser binaries looked for, in order, when
// PMKB_CHROMIUM is not set (as generator/internal/browsertest does, which
// this command cannot import).
var chromiumCandidates = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "chromium", "google-chrome"}

// chromiumFlags are the flags the browser starts with besides headless
// mode, those of the browser tests.
var chromiumFlags = []string{
	"no-sandbox", "disable-gpu", "disable-background-networking", "disable-component-update",
	"no-first-run", "disable-sync", "disable-dev-shm-usage", "disable-extensions",
	"disable-default-apps", "mute-audio", "no-default-browser-check",
}

// findChromium returns the browser binary: PMKB_CHROMIUM when set, else the
// first of chromiumCandidates found.
func findChromium() (string, error) {
	if p := os.Getenv("PMKB_CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, c := range chromiumCandidates {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no chromium found (tried %s); install chromium or set PMKB_CHROMIUM", strings.Join(chromiumCandidates, ", "))
}

// chromiumVersion returns the browser's own version line, or "".
func chromiumVersion(bin string) string {
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// The ways a query reaches search.js.
const (
	wayURL    = "URL"    // opening /search/?q=WORD: the search page runs the query as it starts
	wayHeader = "header" // typing WORD into the header box of a postmortem page: its quick results
)

// probeScript runs in every document before the page's own scripts. It
// records in window.__sbench:
//
//   - fills: each time the results list (#search-results on the search page,
//     #site-search-list under the header box) gets new entries, when the
//     mutation was seen (dom: the results are on the page, search.js's
//     code that put them there has returned) and when a forced style and
//     layout of the page with them ended (shown: ready to paint);
//   - timers: when each typing delay ended (the callback began of a timer
//     of 100 ms or more set while an input event was being handled), which
//     is when a search box's query starts.
//
// It does not change what the page does, only wraps setTimeout to note
// when those timers fire.
const probeScript = `(() => {
  const S = window.__sbench = { fills: [], timers: [] };
  const orig = window.setTimeout;
  window.setTimeout = function (fn, delay, ...rest) {
    if (typeof fn === "function" && delay >= 100 && window.event && window.event.type === "input") {
      const f = fn;
      fn = function () { S.timers.push(performance.now()); return f.apply(this, arguments); };
    }
    return orig.call(window, fn, delay, ...rest);
  };
  const lists = { "search-results": "li.search-hit", "site-search-list": "[role=option]" };
  new MutationObserver((records) => {
    for (const r of records) {
      const t = r.target;
      if (!t.id || !lists[t.id] || !r.addedNodes.length) continue;
      const dom = performance.now();
      t.getBoundingClientRect();
      S.fills.push({ dom: dom, shown: performance.now(), hits: t.querySelectorAll(lists[t.id]).length });
      return;
    }
  }).observe(document, { childList: true, subtree: true });
})();`

// pageState is what the probe recorded, with the page's Resource Timing
// entries (page clock, ms).
type pageState struct {
	Fills []struct {
		DOM   float64 `json:"dom"`
		Shown float64 `json:"shown"`
		Hits  int     `json:"hits"`
	} `json:"fills"`
	Timers    []float64 `json:"timers"`
	Resources []struct {
		URL   string  `json:"url"`
		Start float64 `json:"start"`
		End   float64 `json:"end"`
		Body  int64   `json:"body"`
	} `json:"resources"`
}

const stateExpr = `({ fills: window.__sbench.fills, timers: window.__sbench.timers,
  resources: performance.getEntriesByType("resource").map(e => ({ url: e.name, start: e.startTime, end: e.responseEnd, body: e.encodedBodySize })) })`

// queryRun is one query measured in a fresh browser.
type queryRun struct {
	word, way string
	gzip      bool
	first     firstQuery
	started   float64 // ms, page clock: the navigation (0) for wayURL, the end of the typing delay for wayHeader
	listed    float64 // ms, page clock: the first results put on the page (search.js done)
	shown     float64 // ms, page clock: the first results laid out
	hits      int     // results listed
	// warm is the second query of the same word on the same page, its data
	// loaded: from the end of the typing delay to its results shown.
	warm     float64
	warmHits int
}

// queryTime is the time from the first query's data having arrived to its
// results being shown.
func (r queryRun) queryTime() float64 { return r.shown - r.first.DataEnd }

// layoutTime is the part of queryTime after search.js had put the results
// on the page: the style and layout of the page with them.
func (r queryRun) layoutTime() float64 { return r.shown - r.listed }

// netLog collects the Network events of a tab.
type netLog struct {
	mu       sync.Mutex
	last     time.Time // when the last request began or ended
	reqs     map[network.RequestID]*netRequest
	order    []network.RequestID
	document network.RequestID
}

type netRequest struct {
	url   string
	done  bool
	bytes int64
}

func (l *netLog) event(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev.(type) {
	case *network.EventRequestWillBeSent, *network.EventLoadingFinished, *network.EventLoadingFailed:
		l.last = time.Now()
	}
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if _, ok := l.reqs[e.RequestID]; !ok {
			l.order = append(l.order, e.RequestID)
		}
		l.reqs[e.RequestID] = &netRequest{url: e.Request.URL}
		if e.Type == network.ResourceTypeDocument {
			l.document = e.RequestID
		}
	case *network.EventLoadingFinished:
		if r := l.reqs[e.RequestID]; r != nil {
			r.done, r.bytes = true, int64(e.EncodedDataLength)
		}
	case *network.EventLoadingFailed:
		if r := l.reqs[e.RequestID]; r != nil {
			r.done = true
		}
	}
}

// quietFor is how long the network must have been idle before the page's
// state is read: a request the page starts when it shows its results
// (facets.json) is reported a little later than the results.
const quietFor = 300 * time.Millisecond

// idle reports whether every request seen has finished or failed, the
// last of them at least quietFor ago.
func (l *netLog) idle() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if time.Since(l.last) < quietFor {
		return false
	}
	for _, r := range l.reqs {
		if !r.done {
			return false
		}
	}
	return true
}

// allTimed reports whether every search file received has its Resource
// Timing entry in st.
func (l *netLog) allTimed(st pageState) bool {
	ts, err := l.transfers(st)
	if err != nil {
		return false
	}
	for _, t := range ts {
		if !t.Document && category(t.Path) != catPage && !t.Timed {
			return false
		}
	}
	return true
}

// transfers joins the finished requests with the page's Resource Timing
// entries by URL.
func (l *netLog) transfers(st pageState) ([]transfer, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []transfer
	for _, id := range l.order {
		r := l.reqs[id]
		if !r.done {
			continue
		}
		u, err := url.Parse(r.url)
		if err != nil {
			return nil, err
		}
		t := transfer{Path: u.Path, Document: id == l.document, Bytes: r.bytes}
		for _, e := range st.Resources {
			if e.URL == r.url {
				t.Timed, t.Start, t.End, t.Body = true, e.Start, e.End, e.Body
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// browser is one headless Chromium with a fresh profile and one tab.
type browser struct {
	ctx    context.Context
	cancel func()
	log    *netLog
}

// startBrowser starts Chromium with a new profile in profileDir, the
// Network domain on and the probe installed.
func startBrowser(bin, profileDir string) (*browser, error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.WindowSize(1280, 900), chromedp.UserDataDir(profileDir),
	}
	for _, f := range chromiumFlags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// chromedp.Cancel closes the browser gracefully, so that it removes
	// its org.chromium.Chromium.* folders from $TMPDIR (QA 16 A-F3).
	b := &browser{ctx: ctx, cancel: func() { _ = chromedp.Cancel(ctx); cancel(); cancelAlloc() }, log: &netLog{reqs: map[network.RequestID]*netRequest{}}}
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		b.cancel()
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	if err := chromedp.Listen(ctx, b.log.event); err != nil {
		b.cancel()
		return nil, err
	}
	err := b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probeScript})
		return err
	}))
	if err != nil {
		b.cancel()
		return nil, err
	}
	return b, nil
}

// actionTimeout is how long one step in the browser may take.
const actionTimeout = 90 * time.Second

func (b *browser) do(a chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, a)
	return err
}

func (b *browser) state() (pageState, error) {
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[pageState](stateExpr))
}

// waitFills waits until the probe has seen n fills of a results list, the
// network is idle (facets.json, fetched after the results, has arrived
// too) and the page has a Resource Timing entry for every search file
// received (the page adds it a little after the browser's network
// service reports the response finished).
func (b *browser) waitFills(n int) (pageState, error) {
	deadline := time.Now().Add(actionTimeout)
	for {
		idle := b.log.idle()
		st, err := b.state()
		if err == nil && len(st.Fills) >= n && idle && b.log.allTimed(st) {
			return st, nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("%d results shown after %s, want %d", len(st.Fills), actionTimeout, n)
			}
			return st, err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// typeInto replaces the text of the box with id by text as a keyboard or
// an input method commits it (Input.insertText: one input event), so the
// box's typing delay starts once.
func (b *browser) typeInto(id, text string) error {
	return b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		sel := fmt.Sprintf(`(() => { const i = document.getElementById(%q); i.focus(); i.select(); return true; })()`, id)
		if _, err := chromedp.Evaluate[bool](sel)(ctx, t); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: text})
		return err
	}))
}

// measureQuery runs one query of word the given way against the site at
// base ("http://127.0.0.1:PORT/") in a fresh browser whose profile lives in
// profileDir, then the same query again on the same page (warm). pmPath is
// a postmortem page for wayHeader.
func measureQuery(chromium, profileDir, base, pmPath, word, way string) (queryRun, error) {
	run := queryRun{word: word, way: way}
	b, err := startBrowser(chromium, profileDir)
	if err != nil {
		return run, err
	}
	defer b.cancel()
	box := "search-input"
	switch way {
	case wayURL:
		err = b.do(chromedp.Navigate(base + "search/?q=" + url.QueryEscape(word)))
	case wayHeader:
		box = "site-search-q"
		if err = b.do(chromedp.Navigate(base + strings.TrimPrefix(pmPath, "/"))); err == nil {
			err = b.typeInto(box, word)
		}
	default:
		err = fmt.Errorf("unknown way %q", way)
	}
	if err != nil {
		return run, err
	}
	st, err := b.waitFills(1)
	if err != nil {
		return run, fmt.Errorf("first query: %w", err)
	}
	f := st.Fills[0]
	run.listed, run.shown, run.hits = f.DOM, f.Shown, f.Hits
	if way == wayHeader {
		if run.started, err = lastBefore(st.Timers, f.DOM); err != nil {
			return run, err
		}
	}
	ts, err := b.log.transfers(st)
	if err != nil {
		return run, err
	}
	if run.first, err = accountFirstQuery(ts, f.DOM); err != nil {
		return run, err
	}
	if err := b.typeInto(box, word); err != nil {
		return run, fmt.Errorf("warm query: %w", err)
	}
	if st, err = b.waitFills(2); err != nil {
		return run, fmt.Errorf("warm query: %w", err)
	}
	w := st.Fills[len(st.Fills)-1]
	start, err := lastBefore(st.Timers, w.DOM)
	if err != nil || start < f.Shown {
		return run, fmt.Errorf("warm query: no typing delay ended between the first results and the second (%v)", err)
	}
	run.warm, run.warmHits = w.Shown-start, w.Hits
	return run, nil
}

// lastBefore returns the last of the times ts before t.
func lastBefore(ts []float64, t float64) (float64, error) {
	last, ok := 0.0, false
	for _, x := range ts {
		if x <= t && (!ok || x > last) {
			last, ok = x, true
		}
	}
	if !ok {
		return 0, errors.New("no typing delay ended before the results")
	}
	return last, nil
}
