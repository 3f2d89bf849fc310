package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"path/filepath"
	"runtime/debug"
	"strings"
	"unicode"

	"github.com/pmkb/pmkb/generator"
)

// searchGCPercent is the garbage collector's GOGC while pmkb search runs.
const searchGCPercent = 400

// searchMemoryLimit is the soft memory limit of pmkb search, unless
// GOMEMLIMIT is set. A warm search holds tens of MB; indexing a cold cache
// holds the postmortems being indexed, and GOGC=400 alone let the heap
// grow to five times that: 936 MB for 10,000 postmortems whose build peaks
// at 410 MB (QA 18 A-F3). Under this limit the collector runs sooner, for
// the same CPU (400 MiB: 442 MB peak, 8.2 against 7.9 CPU-s); a larger
// site is slowed by more collections, never stopped.
const searchMemoryLimit = 512 << 20

func runSearch(ctx context.Context, e *env, args []string) int {
	f := newFlags(e, "search", "[flags] QUERY", "Search past postmortems, ranked as the site's search page ranks them.\nQUERY: words (all must match), \"quoted phrases\", prefix*, and filters severity:SEV1 system:checkout-api cause:… team:… year:2024 tag:postgres;\n-word, -\"a phrase\", -filter:value or NOT word excludes (write the query after --: pmkb search -- dns -zone).\nWhen nothing matches, the query is searched once more without the words no postmortem has (a pasted log line's\ntimestamps and ids; an unspaced Japanese run as its words) if most of it is left, and a hint says so.\nExit 1 when nothing matches even so, as grep.")
	source := f.String("source", ".", "site root: the folder with pmkb.toml and content/")
	cache := f.String("cache", "", "index cache folder (default SOURCE/.pmkb-cache/search)")
	limit := f.Int("limit", 10, "most hits to show (0 for all)")
	drafts := f.Bool("drafts", false, "search drafts too, as pmkb serve's search page does: those without problems")
	out := textOrJSONFlags(f, `{"query", "total", "hits": [{"id", "title", "url", "score", "snippet", "day", "severity", "systems", "source"}], "hints": [advice on the query, when any], "relaxed": true when nothing matched as written and the hits are the query's without the words no postmortem has, "unread": ["path:line: message" of each file not searched, when any]}`)
	pos, code, ok := f.parse(args)
	if !ok {
		return code
	}
	asJSON, code, ok := out.wantJSON(e)
	if !ok {
		return code
	}
	if *limit < 0 {
		return e.usageErrorf("--limit %d: want 0 (all) or more", *limit)
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	// A query of only invisible format characters, which search leaves
	// out of words (a pasted zero-width space), is no query either (QA
	// 21r2: it said 'no postmortem matches ""').
	if strings.TrimFunc(q, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }) == "" {
		return e.usageErrorf("search needs a query: pmkb search \"certificate expired\"")
	}
	if code, ok := e.site(f, source, lookUpward); !ok {
		return code
	}
	if *cache == "" {
		*cache = filepath.Join(*source, ".pmkb-cache", "search")
	}
	if *drafts { // a cache holds one kind of index
		*cache += "-drafts"
	}
	src, err := filepath.Abs(*source)
	if err != nil {
		return e.usageErrorf("%v", err)
	}
	// A search is short and its garbage small (tens of MB at 10,000
	// postmortems): collect it less often than the default, which at
	// 10,000 postmortems ran five collections, a tenth of the command's
	// time.
	defer debug.SetGCPercent(debug.SetGCPercent(searchGCPercent))
	if e.getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(searchMemoryLimit))
	}
	// The index library logs to the standard logger ("… unable to load
	// snapshot, …, continuing" for a damaged cache, which the search
	// then rebuilds): not pmkb's words, and nothing to act on (QA 17
	// C-F3). pmkb itself does not use that logger.
	defer log.SetOutput(log.Writer())
	log.SetOutput(io.Discard)
	waiting := func() {
		// A stopped or hung pmkb holding the cache made every later
		// search wait without a word (QA 17r-b R4).
		fmt.Fprintf(e.stderr, "pmkb: waiting for another pmkb that is using the search cache %s (its lock %s); Ctrl-C stops\n", *cache, filepath.Join(*cache, ".pmkb-lock"))
	}
	res, cfg, err := generator.Search(ctx, generator.SearchOptions{Source: dirFS(src), CacheDir: *cache, Query: q, Limit: *limit, Drafts: *drafts, Waiting: waiting})
	var cfgErr *generator.ConfigError
	if errors.As(err, &cfgErr) { // as pmkb stats and actions say it
		e.printDiagnostics(cfgErr.Diagnostics, *source)
		fmt.Fprintf(e.stderr, "pmkb: %s\n", whereErrors(cfgErr.Diagnostics, cfgErr.File))
		return exitContent
	}
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		// Ctrl-C, SIGTERM or SIGHUP, even while the cache is merged or
		// waited for: 130, 143 or 129 as README says (QA 17 C-F1).
		fmt.Fprintln(e.stderr, "pmkb: search interrupted")
		return exitInterrupted
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "pmkb: search: %v\n", err)
		return exitContent
	}
	res.Unread = unreadShown(res.Unread, shownPaths(*source))
	var err2 error
	switch {
	case asJSON:
		err2 = e.printOut(true, func(w io.Writer) error { return generator.WriteSearch(w, res, cfg.BaseURL, true) })
	case res.Total == 0:
		// Nothing found is said on stderr, as grep says nothing on
		// stdout; the exit status tells it (below).
		err2 = generator.WriteSearchText(e.stderr, res, cfg.BaseURL, generator.SearchText{})
	default:
		style := e.searchText()
		style.ShowPath = shownPaths(*source)
		err2 = generator.WriteSearchText(e.stdout, res, cfg.BaseURL, style)
	}
	if err2 != nil {
		fmt.Fprintf(e.stderr, "pmkb: %v\n", err2)
		return exitContent
	}
	// After the results, on stderr whatever the format: the postmortems
	// this answer could not include (QA 13 F3). It does not change the
	// exit status.
	generator.WriteSearchUnread(e.stderr, res.Unread)
	if res.Total == 0 {
		// As grep and git grep: a script or an alias tells "found" from
		// "not found" without --json (QA 13 F3). --json prints its
		// document all the same.
		return exitContent
	}
	return exitOK
}

// unreadShown returns the "path:line: message" lines of unread with each
// path as shown names it (from the current folder, as pmkb lint prints
// it: site/content/… for --source site); a line whose path it cannot
// find stays as it is.
func unreadShown(unread []string, shown func(string) string) []string {
	out := make([]string, len(unread))
	for i, u := range unread {
		out[i] = u
		if k := strings.Index(u, ".md:"); k >= 0 {
			out[i] = shown(u[:k+3]) + u[k+3:]
		}
	}
	return out
}

// searchText is how pmkb search lays hits out: on a terminal, wrapped to
// its width (tableWidth, as pmkb actions fits its table) and the words of
// the query in bold unless $NO_COLOR is set or $TERM is dumb; in a file or
// a pipe, neither.
func (e *env) searchText() generator.SearchText {
	return searchStyle(e.tableWidth(), e.getenv)
}

// searchStyle is searchText for a terminal width columns wide (0: not a
// terminal) and the environment getenv.
func searchStyle(width int, getenv func(string) string) generator.SearchText {
	return generator.SearchText{Width: width, Bold: width > 0 && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"}
}
