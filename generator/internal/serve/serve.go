// Package serve is pmkb's development server (`pmkb serve`): it keeps a
// build in memory, serves exactly the files of that build on a local
// address, watches the sources and rebuilds when they change, and tells
// open browser tabs to reload over Server-Sent Events.
//
// A build with errors does not replace the last good one: pages keep being
// served, with an overlay listing each problem as path:line: message, until
// a good rebuild clears it. The server never exits on a content error. The
// warnings of a good build are shown in a smaller box. The overlay speaks
// the site's language (Options.Text).
//
// A page the build leaves out until its problems are fixed (a draft with
// errors, Options.LeftOut) is not a 404 while its author edits it: its
// address shows the last render of it this server served, under an
// overlay listing the problems, or else a page that says it is left out
// and why. Only the server does this; the build's files never hold it.
//
// Safety: only files of the build are served (no directory listing, no
// file system access); paths with "..", dot segments, backslashes or NUL
// are 404; requests whose Host or Origin is not this server on a loopback
// name, the address the client connected to or one of Options.Hosts are
// 403, which keeps other web sites (and DNS rebinding) from reading
// internal postmortems. Every
// response carries a Content-Security-Policy; the reload script is a file,
// not inline.
package serve

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"html"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/chart"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/internal/termtext"
	"github.com/pmkb/pmkb/generator/model"
)

// Builder builds the site in memory. changed is nil for a full build and
// otherwise lists the files that changed since the last call (as the
// watcher reports them: each Options.Watch entry joined with the path
// below it), so the builder may rebuild only what depends on them. A build
// that returns an error or error diagnostics keeps the previous files on
// the server.
//
// partial says the build updated only some pages: once it is served, a
// build with an empty changed list follows in the background to complete
// the site. The partial build's warnings are shown on its pages but not
// logged; the complete build logs them, so one save does not print two
// lists.
type Builder func(ctx context.Context, changed []string) (files []output.File, diags *diag.List, partial bool, err error)

// Options configure a Server.
type Options struct {
	// Addr is the address to listen on; default "127.0.0.1:1313".
	Addr string
	// Watch lists the directories (watched recursively) and files (the
	// content folder, the config file, the theme folder) whose changes
	// trigger a rebuild. Never the output directory.
	Watch []string
	// WatchFiles lists files whose changes trigger a rebuild, watched
	// through their folder whether they exist yet or not: the config
	// names, so that a config written later (a new pmkb.toml, a switch to
	// pmkb.yaml) is read and then watched (QA 16 B-F3).
	WatchFiles []string
	// Exclude lists directories never watched even when inside a Watch
	// entry (the output directory, as a second line of defence).
	Exclude []string
	// Debounce is how long the sources must be quiet before a rebuild, so
	// an editor's write-temp-then-rename or a `git checkout` of many files
	// makes one rebuild; default 50ms.
	Debounce time.Duration
	// Logf logs rebuilds and watcher problems; nil discards.
	Logf func(format string, args ...any)
	// Now is the clock that times rebuilds in the log; nil logs no
	// times (the clock belongs to main).
	Now func() time.Time
	// Hosts are more host names and addresses (without a port) that the
	// Host and Origin of a request may name, besides the loopback names and
	// the address the client connected to: the addresses a server bound
	// to the network on purpose answers on (pmkb serve --bind).
	Hosts []string
	// Text returns the overlay's wording in the site's language. It is
	// called after every build, as an edit of the config may change the
	// language; nil, and every empty field, is English.
	Text func() Text
	// LeftOut returns the pages the last build left out until their
	// problems are fixed: pmkb serve's drafts with errors. It is called
	// after every good build, as Text is; nil means none.
	LeftOut func() []LeftOut
}

// LeftOut is a page a good build leaves out until its problems are fixed.
// Its address is answered while no file of the build has it.
type LeftOut struct {
	// Path is the page's file, as the build would make it
	// ("postmortems/<id>/index.html").
	Path string
	// Attachments are the files of the build the page shows (its images),
	// kept with its last render.
	Attachments []string
	// Problems are why it is left out, shown over its last render.
	Problems []diag.Diagnostic
	// Page, when no earlier build of this server had the page, returns
	// one that says the page is left out and lists Problems; nil, or a
	// nil result, gives a bare page with the overlay. It is called when
	// the address is requested, and may be called more than once.
	Page func() []byte
}

// Text is the wording of the overlay.
type Text struct {
	// Failed heads the list of a failed build's errors.
	Failed string
	// LastGood says that the pages shown are those of the last good build.
	LastGood string
	// NoBuild says that no build has succeeded yet, so there is no page.
	NoBuild string
	// Warnings heads the list of a good build's warnings.
	Warnings string
	// Draft heads the list of the problems of a draft the build left
	// out, over the last render of its page.
	Draft string
	// DraftLastGood says that the page shown is the draft's last render.
	DraftLastGood string
	// DraftPage is the first paragraph of the page shown for a left-out
	// draft that has no earlier render (LeftOut.Page).
	DraftPage string
	// DraftProblems heads the problems on that page.
	DraftProblems string
	// Hide labels the button that hides the overlay or the warnings box
	// until a build changes what it says, as Escape does; it names the
	// key.
	Hide string
}

// English is the overlay's wording when Options.Text gives none.
var English = Text{
	Failed:   "pmkb: the last build failed",
	LastGood: "You are looking at the last good build. Fix these and save; the page reloads by itself.",
	NoBuild:  "No build has succeeded yet, so there is no page to show. Fix these and save; the page reloads by itself.",
	Warnings: "pmkb: warnings of the last build",

	Draft:         "pmkb: this draft is left out of the site until fixed",
	DraftLastGood: "You are looking at its last good render. Fix these and save; the page reloads by itself.",
	DraftPage:     "This draft is left out of the site until the problems below are fixed, so it has no page yet. Fix them and save; this page turns into the postmortem by itself.",
	DraftProblems: "Problems to fix",

	Hide: "Hide (Esc)",
}

// OrEnglish returns t with its empty fields filled from English.
func (t Text) OrEnglish() Text {
	return Text{
		Failed:   cmp.Or(t.Failed, English.Failed),
		LastGood: cmp.Or(t.LastGood, English.LastGood),
		NoBuild:  cmp.Or(t.NoBuild, English.NoBuild),
		Warnings: cmp.Or(t.Warnings, English.Warnings),

		Draft:         cmp.Or(t.Draft, English.Draft),
		DraftLastGood: cmp.Or(t.DraftLastGood, English.DraftLastGood),
		DraftPage:     cmp.Or(t.DraftPage, English.DraftPage),
		DraftProblems: cmp.Or(t.DraftProblems, English.DraftProblems),

		Hide: cmp.Or(t.Hide, English.Hide),
	}
}

// Server serves an in-memory build and rebuilds it on change.
type Server struct {
	build Builder
	opts  Options

	mu      sync.Mutex
	files   map[string][]byte // last good build; nil before the first
	errs    []problem         // errors of the last build, none when good
	warns   []problem         // warnings of the last good build
	logged  []problem         // the warnings last written to the log
	text    Text
	version string // changes with every build
	builds  int
	clients map[chan string]struct{}
	// drafts are the pages the last good build left out until fixed, and
	// kept the last render of each one this server served (the page and
	// its images), by path.
	drafts map[string]draftPage
	kept   map[string][]byte

	nonce string

	// buildMu runs builds one at a time, each published before the next
	// starts, so that the last build served is the last one run: the
	// build completing a partial one runs beside the watcher, and
	// without it a completion that started before an edit could finish
	// after that edit's build and serve the older site (QA 19 B-F1).
	buildMu sync.Mutex
	// requests counts the calls of Build; covered is the number of the
	// latest whose good build made the whole site or had it completed.
	// A completion skips when a later build covers it.
	requests atomic.Int64
	covered  int64 // guarded by buildMu
}

// New returns a server for the builder. It does nothing until Build,
// Serve or ListenAndServe is called.
func New(b Builder, opts Options) *Server {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:1313"
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 50 * time.Millisecond
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return time.Time{} }
	}
	var n [6]byte
	_, _ = rand.Read(n[:])
	return &Server{build: b, opts: opts, clients: map[chan string]struct{}{}, nonce: hex.EncodeToString(n[:]), text: English}
}

// ListenAndServe builds the site, starts watching and serves on
// Options.Addr until ctx is cancelled, then shuts down and returns nil.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve is ListenAndServe on an open listener. The first build and the
// watches are in place before the first request is answered.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	defer ln.Close()
	// Watch first, so an edit made during the first build is not missed.
	w, err := newWatcher(s.opts)
	if err != nil {
		return err
	}
	defer w.close()
	s.Build(ctx, nil)
	go w.run(ctx, s.opts.Debounce, func(changed []string) { s.Build(ctx, changed) })

	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		s.closeClients()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
		return nil
	}
}

// Build runs the builder and publishes the result: good builds replace
// the served files; failed ones keep them and set the error overlay.
// Either way every open page is told to reload. A partial build (see
// Builder) is followed by a complete one.
func (s *Server) Build(ctx context.Context, changed []string) {
	n := s.requests.Add(1)
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	clean, partial := s.buildAndPublish(ctx, changed)
	if clean {
		s.covered = n
	}
	if partial {
		go s.complete(ctx, n)
	}
}

// complete builds the whole site after the partial build of request n,
// unless a later build made it or will complete it.
func (s *Server) complete(ctx context.Context, n int64) {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	if s.covered > n || ctx.Err() != nil {
		return
	}
	s.buildAndPublish(ctx, []string{})
}

// buildAndPublish runs the builder and publishes the result (see Build);
// clean reports a build without errors, partial one that only updated
// some pages.
func (s *Server) buildAndPublish(ctx context.Context, changed []string) (clean, partial bool) {
	start := s.opts.Now()
	files, diags, partial, err := s.safeBuild(ctx, changed)
	took := s.opts.Now().Sub(start)
	text := English
	if s.opts.Text != nil {
		text = s.opts.Text().OrEnglish()
	}

	var errs, warns []problem
	if diags != nil {
		for _, d := range diags.Items() {
			p := newProblem(d)
			if d.Severity == diag.Error {
				errs = append(errs, p)
			} else {
				warns = append(warns, p)
			}
		}
	}
	// An error the diagnostics explain ("content has errors: 1 errors")
	// would only repeat them; any other (a theme that does not parse, a
	// panic) is the problem itself.
	if err != nil && len(errs) == 0 {
		errs = append(errs, problem{text: err.Error()})
	}
	var leftOut []LeftOut
	if len(errs) == 0 && s.opts.LeftOut != nil {
		leftOut = s.opts.LeftOut()
	}
	s.mu.Lock()
	if len(errs) == 0 {
		m := make(map[string][]byte, len(files))
		for _, f := range files {
			m[strings.TrimPrefix(f.Path, "/")] = f.Data
		}
		s.drafts, s.kept = s.leftOut(leftOut, m)
		s.files = m
		s.warns = warns
	}
	good := s.files != nil
	s.errs, s.text = errs, text
	s.builds++
	s.version = s.nonce + "-" + strconv.Itoa(s.builds)
	version := s.version
	// A good build lists its warnings when they differ from the last
	// listed, and otherwise only counts them: a rebuild on every save
	// must not repeat the same list. A partial build leaves them to the
	// build that completes it.
	newWarnings := len(errs) == 0 && !partial && !slices.Equal(warns, s.logged)
	if newWarnings {
		s.logged = warns
	}
	s.mu.Unlock()

	took = took.Round(time.Millisecond)
	var what string
	switch {
	case len(errs) > 0 && good:
		s.opts.Logf("build failed in %s with %s; serving the last good build:\n%s",
			took, count(len(errs), "problem", "problems"), logList(errs))
	case len(errs) > 0:
		s.opts.Logf("build failed in %s with %s; no successful build yet, so there is no site to show:\n%s",
			took, count(len(errs), "problem", "problems"), logList(errs))
	case len(changed) > 0:
		what = fmt.Sprintf("built %d files in %s after %s changed", len(files), took, count(len(changed), "source file", "source files"))
	default:
		what = fmt.Sprintf("built %d files in %s (whole site)", len(files), took)
	}
	switch {
	case what == "":
	case partial:
		// Said, so that a user (or an editor's plugin reading the log)
		// knows the preview has not settled yet (QA 19 B, ideas).
		s.opts.Logf("%s (quick: the edited pages; the whole site follows)", what)
	case newWarnings && len(warns) > 0:
		s.opts.Logf("%s, with %s:\n%s", what, count(len(warns), "warning", "warnings"), logList(warns))
	case len(warns) > 0:
		s.opts.Logf("%s, with the same %s", what, count(len(warns), "warning", "warnings"))
	default:
		s.opts.Logf("%s", what)
	}
	s.broadcast(version)
	return len(errs) == 0, partial
}

// problem is one line of the overlay and the log: a diagnostic as
// "path:line: message", its quote, the source line with a caret under the
// column that pmkb lint prints under it (diag.Diagnostic.Quote: a front
// matter that does not parse), or "", and its hint, the one-line advice
// ("remove it and rotate it now; …"), or "".
type problem struct {
	text, quote, hint string
	// ja marks a problem whose message is in Japanese (the blameless
	// findings on Japanese phrases); the others are in English, whatever
	// the site's language.
	ja bool
}

func newProblem(d diag.Diagnostic) problem {
	return problem{text: d.Line(), hint: d.Hint, quote: d.Quote(), ja: japaneseMessage(d.Message)}
}

// japaneseMessage reports whether a command's message is written in
// Japanese: whether its first letter outside its quoted values ("…" and
// 「…」) is kana or kanji, as a sentence's first word says its language.
// An English message may quote a Japanese value, or give a Japanese
// example further on ("## タイムライン is #タイムライン", review 14: any
// kana outside quotes made it Japanese).
func japaneseMessage(msg string) bool {
	var close rune   // the quote being skipped, 0 outside a quote
	escaped := false // the last rune was a backslash in a "…" quote (strconv.Quote's \")
	for _, r := range msg {
		switch {
		case escaped:
			escaped = false
		case close == '"' && r == '\\':
			escaped = true
		case close != 0:
			if r == close {
				close = 0
			}
		case r == '"':
			close = '"'
		case r == '「':
			close = '」'
		case unicode.IsLetter(r):
			return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
		}
	}
	return false
}

// draftPage is the address of a page the last good build left out until
// its problems are fixed (LeftOut).
type draftPage struct {
	problems []problem
	page     func() []byte
}

// show returns what the address of a left-out page shows, and with which
// overlay: its last render (last, when not nil) under the overlay of its
// problems, or else the page that says it is left out (with the page's
// usual overlay), or a bare page with the overlay of its problems.
func (d draftPage) show(last []byte, ov overlay) ([]byte, overlay) {
	if last == nil && d.page != nil {
		if page := d.page(); page != nil {
			return page, ov
		}
	}
	if last == nil {
		last = []byte("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(ov.text.Draft) + "</title></head><body></body></html>")
	}
	return last, ov.overDraft(d.problems)
}

// leftOut returns the pages of lo that files, a good build, does not have,
// and the last render of each one (with its images) that this server
// served: from the build files replaces, or kept since. s.mu is held.
func (s *Server) leftOut(lo []LeftOut, files map[string][]byte) (map[string]draftPage, map[string][]byte) {
	drafts := map[string]draftPage{}
	kept := map[string][]byte{}
	last := func(p string) ([]byte, bool) {
		if data, ok := s.files[p]; ok {
			return data, true
		}
		data, ok := s.kept[p]
		return data, ok
	}
	for _, d := range lo {
		if _, built := files[d.Path]; built {
			continue // another page has the address
		}
		dp := draftPage{page: d.Page}
		for _, pd := range d.Problems {
			dp.problems = append(dp.problems, newProblem(pd))
		}
		drafts[d.Path] = dp
		page, ok := last(d.Path)
		if !ok {
			continue
		}
		kept[d.Path] = page
		for _, a := range d.Attachments {
			if _, built := files[a]; !built {
				if data, ok := last(a); ok {
					kept[a] = data
				}
			}
		}
	}
	return drafts, kept
}

// logList writes problems one per line, indented, each hint under its
// problem as pmkb lint prints it.
func logList(problems []problem) string {
	var b strings.Builder
	for i, p := range problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("  " + termtext.OneLine(p.text))
		if p.quote != "" { // terminal-safe already, one line per "\n"
			b.WriteString("\n" + strings.TrimSuffix(p.quote, "\n"))
		}
		if p.hint != "" {
			b.WriteString("\n      hint: " + termtext.OneLine(p.hint))
		}
	}
	return b.String()
}

// safeBuild runs the builder, turning a panic into an error so a bad
// file never stops the server.
func (s *Server) safeBuild(ctx context.Context, changed []string) (files []output.File, diags *diag.List, partial bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error during build (please report it): %v", r)
		}
	}()
	return s.build(ctx, changed)
}

// Paths of the server's own endpoints.
const (
	eventsPath = "/_pmkb/events"
	scriptPath = "/_pmkb/reload.js"
	earlyPath  = "/_pmkb/early.js"
	stylePath  = "/_pmkb/overlay.css"
)

// csp is sent with every response. The dev server adds only same-origin
// files to pages, so it is as strict as the built site.
// The charts' embedded stylesheet is allowed by its hash, as on Netlify.
var csp = "default-src 'self'; img-src 'self' data:; style-src 'self' " + chart.StyleHash() +
	"; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"

// Handler returns the HTTP handler: the build's files, the reload script
// and stylesheet, and the event stream.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		if !s.allowedHost(r) || !s.allowedOrigin(r) {
			http.Error(w, "forbidden: the pmkb dev server answers only its own local address", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		switch r.URL.Path {
		case eventsPath:
			s.serveEvents(w, r)
			return
		case scriptPath:
			serveAsset(w, r, "reload.js", reloadJS)
			return
		case earlyPath:
			serveAsset(w, r, "early.js", earlyJS)
			return
		case stylePath:
			serveAsset(w, r, "overlay.css", overlayCSS)
			return
		}
		s.serveFile(w, r)
	})
}

// cleanPath turns a request into a file of the build, or "" when the
// request must be refused: ".." or "." segments (decoded or not),
// segments starting with ".", backslashes, NUL and other control bytes.
func cleanPath(r *http.Request) string {
	// URL.Path is already percent-decoded, so "%2e%2e" arrives as "..";
	// it is never decoded twice.
	raw := r.URL.Path
	if !strings.HasPrefix(raw, "/") || strings.ContainsAny(raw, "\\\x00") {
		return ""
	}
	p := strings.TrimPrefix(raw, "/")
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, ".") {
			return ""
		}
		for _, c := range []byte(seg) {
			if c < 0x20 || c == 0x7f {
				return ""
			}
		}
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	if !fs.ValidPath(p) {
		return ""
	}
	return p
}

// overlay is what a page shows of the last build: its errors, or the
// warnings of the last good build, and whether there is one.
type overlay struct {
	errs, warns []problem
	good        bool
	text        Text
}

// overDraft is the overlay over the last render of a draft the build left
// out: the draft's problems in the place of a failed build's errors,
// worded for the draft. A failed build's own errors come first.
func (ov overlay) overDraft(problems []problem) overlay {
	if len(ov.errs) > 0 {
		return ov
	}
	ov.errs, ov.good = problems, true
	ov.text.Failed, ov.text.LastGood = ov.text.Draft, ov.text.DraftLastGood
	return ov
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	p := cleanPath(r)
	s.mu.Lock()
	files, version, drafts, kept := s.files, s.version, s.drafts, s.kept
	ov := overlay{errs: s.errs, warns: s.warns, good: s.files != nil, text: s.text}
	s.mu.Unlock()
	if p == "" {
		notFound(w, r, files, ov)
		return
	}
	data, ok := files[p]
	if !ok {
		// "/postmortems/x" → "/postmortems/x/" when that is a page.
		_, dir := files[p+"/index.html"]
		if _, draft := drafts[p+"/index.html"]; (dir || draft) && !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, path.Base(r.URL.Path)+"/", http.StatusMovedPermanently)
			return
		}
		data, ok = kept[p] // the last render of a left-out page, or an image of it
		if d, draft := drafts[p]; draft {
			data, ov = d.show(data, ov)
			ok = true
		}
	}
	if !ok {
		if files == nil && p == "index.html" {
			// No good build yet: a page that shows the errors and reloads.
			data, ok = []byte("<!doctype html><html><head><meta charset=\"utf-8\"><title>"+html.EscapeString(ov.text.Failed)+"</title></head><body></body></html>"), true
		} else {
			notFound(w, r, files, ov)
			return
		}
	}
	ctype := mime.TypeByExtension(path.Ext(p))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, ov, version)
	}
	w.Header().Set("Content-Type", ctype)
	http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(data))
}

// notFound answers 404 with the build's own 404.html, as a static host
// does (in the site's language, with its header and links), or a bare page
// when the build has none; with the overlay when the build is failing (the
// missing page may be the broken postmortem).
func notFound(w http.ResponseWriter, r *http.Request, files map[string][]byte, ov overlay) {
	page, ok := files["404.html"]
	if !ok {
		page = []byte("<!doctype html><html><head><meta charset=\"utf-8\"><title>404 not found</title></head><body><h1>404 not found</h1><p>The build has no file at this address.</p></body></html>")
	}
	page = inject(page, ov, "")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(page)
	}
}

// inject adds the overlay stylesheet and reload script to an HTML page,
// and, while the build has errors, the overlay listing them, or else the
// box listing the warnings of the build (all text escaped), first in the
// body. A page with a box names it in its head (meta pmkb-box: its id and
// a hash of what it says) and loads early.js there.
func inject(page []byte, ov overlay, version string) []byte {
	head := func(box, id string) string {
		h := `<link rel="stylesheet" href="` + stylePath + `">`
		if box != "" {
			// What the box says, for early.js (see earlyJS).
			sum := fnv.New64a()
			sum.Write([]byte(box))
			h = `<meta name="pmkb-box" content="` + id + ` ` + strconv.FormatUint(sum.Sum64(), 36) + `">` + h +
				`<script src="` + earlyPath + `"></script>`
		}
		h += `<script src="` + scriptPath + `" defer></script>`
		if version != "" {
			h = `<meta name="pmkb-build" content="` + html.EscapeString(version) + `">` + h
		}
		return h
	}
	var b strings.Builder
	// Each problem carries the language of its message (English, or
	// Japanese for a blameless finding on a Japanese phrase), not the
	// site's, which the heading above it speaks: a screen reader then
	// reads each in the right voice. The quoted source line keeps its
	// Japanese voice under an English message.
	list := func(items []problem) {
		b.WriteString("<ul>")
		for _, p := range items {
			lang, label := "en", "hint: "
			if p.ja {
				lang, label = "ja", `<span lang="en">hint:</span> `
			}
			b.WriteString(`<li lang="` + lang + `"><code>` + html.EscapeString(p.text) + "</code>")
			if p.quote != "" {
				attr := ""
				if !p.ja && model.HasJapanese(p.quote) {
					attr = ` lang="ja"`
				}
				b.WriteString(`<pre class="pmkb-quote"` + attr + `>` + html.EscapeString(p.quote) + "</pre>")
			}
			if p.hint != "" {
				b.WriteString(`<p class="pmkb-hint">` + label + html.EscapeString(p.hint) + "</p>")
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ul>")
	}
	var id string
	switch {
	case len(ov.errs) > 0:
		say := ov.text.LastGood
		if !ov.good {
			say = ov.text.NoBuild
		}
		b.WriteString(`<div id="pmkb-overlay" role="alert" aria-live="assertive">` + hideButton(ov.text) +
			`<h2>` + html.EscapeString(ov.text.Failed) + `</h2>`)
		b.WriteString(`<p>` + html.EscapeString(say) + `</p>`)
		list(ov.errs)
		b.WriteString("</div>")
		id = "pmkb-overlay"
	case len(ov.warns) > 0:
		b.WriteString(`<div id="pmkb-warnings" role="status">` + hideButton(ov.text) +
			`<details open><summary>` +
			html.EscapeString(ov.text.Warnings) + " (" + strconv.Itoa(len(ov.warns)) + ")</summary>")
		list(ov.warns)
		b.WriteString("</details></div>")
		id = "pmkb-warnings"
	default:
		return insertBefore(page, "</head>", head("", ""))
	}
	return insertAtBodyStart(insertBefore(page, "</head>", head(b.String(), id)), b.String())
}

// hideButton is the first control of the overlay or the warnings box:
// it hides the box (reload.js), which covered the focused element with no
// way to put it away but folding the warnings (QA 21 C-F3). reload.js
// describes it by the box's heading, so that "Hide" says what it hides.
// The English label on a site whose theme has none of its own is marked
// English.
func hideButton(t Text) string {
	lang := ""
	if t.Hide == English.Hide {
		lang = ` lang="en"`
	}
	return `<button type="button" class="pmkb-hide" aria-keyshortcuts="Escape"` + lang + `>` +
		html.EscapeString(t.Hide) + `</button>`
}

// insertAtBodyStart inserts s right after the page's <body> tag, so that
// the overlay or the warnings box is the first thing in the page's Tab
// order and reading order: at the end of the body its one control was the
// last Tab stop, after every link the box covers (QA 21 C-F3). A page
// without a body tag gets s before </body>, or at its end.
func insertAtBodyStart(page []byte, s string) []byte {
	i := bodyStart(page)
	if i < 0 {
		return insertBefore(page, "</body>", s)
	}
	out := make([]byte, 0, len(page)+len(s))
	out = append(out, page[:i]...)
	out = append(out, s...)
	return append(out, page[i:]...)
}

// bodyStart returns the index just after the first <body> start tag
// (matched case insensitively, attributes and quoted ">" in them
// allowed), or -1.
func bodyStart(page []byte) int {
	lower := bytes.ToLower(page)
	for from := 0; ; {
		j := bytes.Index(lower[from:], []byte("<body"))
		if j < 0 {
			return -1
		}
		j += from + len("<body")
		if j < len(page) && !strings.ContainsRune(" \t\n\r\f/>", rune(page[j])) {
			from = j // <bodyx>, not a body tag
			continue
		}
		var quote byte
		for ; j < len(page); j++ {
			switch c := page[j]; {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				return j + 1
			}
		}
		return -1
	}
}

// insertBefore inserts s before the last occurrence of tag (matched case
// insensitively), or appends it when the tag is missing.
func insertBefore(page []byte, tag, s string) []byte {
	i := bytes.LastIndex(bytes.ToLower(page), []byte(tag))
	if i < 0 {
		return append(append([]byte{}, page...), s...)
	}
	out := make([]byte, 0, len(page)+len(s))
	out = append(out, page[:i]...)
	out = append(out, s...)
	return append(out, page[i:]...)
}

func serveAsset(w http.ResponseWriter, r *http.Request, name, body string) {
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	http.ServeContent(w, r, name, time.Time{}, strings.NewReader(body))
}

// loopbackNames are the host names always accepted.
var loopbackNames = []string{"localhost", "127.0.0.1", "::1"}

// allowedHost reports whether the request's Host is this server: a
// loopback name, the address the client connected to or one of
// Options.Hosts, with the port it connected to.
func (s *Server) allowedHost(r *http.Request) bool {
	return s.sameServer(r, r.Host)
}

// allowedOrigin accepts requests without an Origin and those whose Origin
// is this server over http.
func (s *Server) allowedOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	if err != nil || u.Scheme != "http" || u.Path != "" && u.Path != "/" {
		return false
	}
	return s.sameServer(r, u.Host)
}

// sameServer reports whether hostport names this server. Names other than
// the loopback ones and those in Options.Hosts are refused even when they
// resolve to this machine: that is what DNS rebinding does.
func (s *Server) sameServer(r *http.Request, hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return false
	}
	known := slices.Concat(loopbackNames, s.opts.Hosts)
	local, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if local != nil {
		// Handler used with a listener (without one, in tests, any port).
		lhost, lport, err := net.SplitHostPort(local.String())
		if err != nil || port != lport {
			return false
		}
		known = append(known, lhost)
	}
	return slices.ContainsFunc(known, func(k string) bool { return sameHost(host, k) })
}

// sameHost compares two hosts: addresses by value ("::ffff:10.0.0.1" is
// "10.0.0.1", zones aside), names without case.
func sameHost(a, b string) bool {
	x, errX := netip.ParseAddr(a)
	y, errY := netip.ParseAddr(b)
	if errX == nil && errY == nil {
		return x.Unmap().WithZone("") == y.Unmap().WithZone("")
	}
	return strings.EqualFold(a, b)
}

// serveEvents streams "reload" events to one page.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := make(chan string, 1)
	s.mu.Lock()
	s.clients[ch] = struct{}{}
	version := s.version
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, ch)
		s.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 1000\nevent: hello\ndata: %s\n\n", version)
	fl.Flush()
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case v, open := <-ch:
			if !open {
				return
			}
			fmt.Fprintf(w, "event: reload\ndata: %s\n\n", v)
			fl.Flush()
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			fl.Flush()
		}
	}
}

// broadcast tells every open page about a new build. A page that has not
// taken the previous message gets only the newest.
func (s *Server) broadcast(version string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.clients {
		select {
		case ch <- version:
		default:
			select {
			case <-ch:
			default:
			}
			ch <- version
		}
	}
}

// clientCount returns the number of open event streams.
func (s *Server) clientCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}

func (s *Server) closeClients() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.clients {
		close(ch)
		delete(s.clients, ch)
	}
}

// count is "1 problem", "2 problems".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
