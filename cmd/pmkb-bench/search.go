package main

import (
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator/corpus"
)

// searchWords are the words of the search benchmark: one English, one
// Japanese (issue 3).
var searchWords = []string{"database", "証明書"}

// searchWays are the ways a query reaches search.js, in table order.
var searchWays = []string{wayURL, wayHeader}

// searchResult is what one corpus size measured in the browser.
type searchResult struct {
	n       int
	build   time.Duration // the one pmkb build of the site
	index   indexSize
	queries []queryCell
}

// queryCell is one word arriving one way, over the plain and the gzip
// server, runs times each.
type queryCell struct {
	word, way string
	raw, gz   []queryRun
}

// searchBench is pmkb-bench -search: per size it builds the corpus's site
// with the pmkb binary, sizes its search index, serves it on 127.0.0.1
// twice (plain, and gzipped as a static host would) and measures each
// word's first and warm query in a fresh headless Chromium per run.
func searchBench(cfg config, stdout, stderr io.Writer) error {
	chromium, err := findChromium()
	if err != nil {
		return err
	}
	sc, err := newScratch(cfg.work)
	if err != nil {
		return err
	}
	if !cfg.keep {
		defer sc.remove()
	}
	bin, err := pmkbBinary(cfg, sc, stderr)
	if err != nil {
		return err
	}
	var results []searchResult
	for _, n := range cfg.sizes {
		r, err := searchSize(cfg, sc, bin, chromium, n, stderr)
		if err != nil {
			return fmt.Errorf("n=%d: %w", n, err)
		}
		results = append(results, r)
	}
	out := searchHeader(cfg, chromium) + searchSummaryTable(results) + "\n" + searchDetailTable(results)
	fmt.Fprint(stdout, out)
	if cfg.verbose {
		fmt.Fprint(stdout, "\n"+searchFiles(results))
	}
	if cfg.md != "" {
		return updateMarkdown(cfg.md, map[string]string{"search": out})
	}
	return nil
}

// searchSize measures one corpus size.
func searchSize(cfg config, sc *scratch, bin, chromium string, n int, stderr io.Writer) (searchResult, error) {
	r := searchResult{n: n}
	dir := sc.path(fmt.Sprintf("corpus-%d", n))
	if err := os.RemoveAll(dir); err != nil {
		return r, err
	}
	c := corpus.Generate(corpus.Options{N: n, Seed: cfg.seed, Today: cfg.today, Formats: true})
	if err := c.WriteDir(dir); err != nil {
		return r, err
	}
	fmt.Fprintf(stderr, "n=%d: building the site… ", n)
	s, _, err := buildOnce(bin, dir, cfg.today, false)
	if err != nil {
		return r, err
	}
	r.build = s.wall
	fmt.Fprintf(stderr, "%.2fs\n", s.wall.Seconds())
	site := os.DirFS(filepath.Join(dir, "public"))
	if r.index, err = measureIndex(site); err != nil {
		return r, err
	}
	pm, err := firstPostmortemPage(site)
	if err != nil {
		return r, err
	}
	plain, err := listen(siteHandler(site, false))
	if err != nil {
		return r, err
	}
	defer plain.Close()
	gz, err := listen(siteHandler(site, true))
	if err != nil {
		return r, err
	}
	defer gz.Close()
	profiles := sc.path(fmt.Sprintf("chromium-%d", n))
	defer os.RemoveAll(profiles)
	k := 0
	for _, word := range searchWords {
		for _, way := range searchWays {
			cell := queryCell{word: word, way: way}
			for i := range cfg.runs {
				for _, srv := range []*server{plain, gz} {
					k++
					profile := filepath.Join(profiles, fmt.Sprint(k))
					q, err := measureQuery(chromium, profile, srv.url, pm, word, way)
					os.RemoveAll(profile)
					if err != nil {
						return r, fmt.Errorf("%s by %s: %w", word, way, err)
					}
					q.gzip = srv == gz
					if q.gzip {
						cell.gz = append(cell.gz, q)
					} else {
						cell.raw = append(cell.raw, q)
					}
					fmt.Fprintf(stderr, "n=%d %s by %s, run %d, %s: %.1f KB, %d hits, query %.1f ms, warm %.1f ms\n",
						n, word, way, i+1, map[bool]string{false: "plain", true: "gzip"}[q.gzip],
						kb(q.first.Bytes), q.hits, q.queryTime(), q.warm)
				}
			}
			r.queries = append(r.queries, cell)
		}
	}
	return r, nil
}

// firstPostmortemPage returns the URL path of the first postmortem page
// of the site (by name), where the header box is typed into.
func firstPostmortemPage(site fs.FS) (string, error) {
	entries, err := fs.ReadDir(site, "postmortems")
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if e.IsDir() {
			if _, err := fs.Stat(site, "postmortems/"+e.Name()+"/index.html"); err == nil {
				return "/postmortems/" + e.Name() + "/", nil
			}
		}
	}
	return "", fmt.Errorf("no postmortem page under postmortems/")
}

// server is a site served on 127.0.0.1.
type server struct {
	url string // "http://127.0.0.1:PORT/"
	srv *http.Server
}

func listen(h http.Handler) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{url: "http://" + ln.Addr().String() + "/", srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *server) Close() error { return s.srv.Close() }

// searchHeader describes the machine, the browser and what is counted.
func searchHeader(cfg config, chromium string) string {
	var b strings.Builder
	if rev := cmp.Or(cfg.commit, revision()); rev != "" {
		fmt.Fprintf(&b, "Commit %s. ", rev)
	}
	fmt.Fprintf(&b, "Measured %s on %s, %d CPUs, %s RAM, %s, %s, headless, 1280×900, served over HTTP/1.1 on 127.0.0.1 (no network delay).\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), cmp.Or(cpuModel(), "unknown CPU"), runtime.NumCPU(),
		cmp.Or(memTotal(), "unknown"), runtime.Version(), cmp.Or(chromiumVersion(chromium), chromium))
	if la := loadAverage(); la != "" {
		fmt.Fprintf(&b, "Load average when the table was printed: %s.\n", la)
	}
	fmt.Fprintf(&b, "Corpus seed %d, --today %s; each query run %d times from each of two servers, one plain, one gzipping text as a static host does (default level); every run in a fresh browser profile.\n\n",
		cfg.seed, cfg.today, cfg.runs)
	return b.String()
}

// searchSummaryTable is the table issue 3 asks for: per size, the index on
// disk, and for each word opened as /search/?q=WORD the first query's
// transfer and its time, and the warm query's time.
func searchSummaryTable(results []searchResult) string {
	var b strings.Builder
	b.WriteString("| postmortems | index on disk: files, raw / gzip | first query `database`: raw / gzip | first query `証明書`: raw / gzip | query time `database` / `証明書` | warm query `database` / `証明書` |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		en, ja := r.cell(searchWords[0], wayURL), r.cell(searchWords[1], wayURL)
		fmt.Fprintf(&b, "| %d | %d files, %s / %s | %s / %s | %s / %s | %s / %s ms | %s / %s ms |\n",
			r.n, r.index.files, mb(r.index.raw), mb(r.index.gzip),
			kbRange(en.raw), kbRange(en.gz), kbRange(ja.raw), kbRange(ja.gz),
			msMedian(en.all(), queryRun.queryTime), msMedian(ja.all(), queryRun.queryTime),
			msMedian(en.all(), func(q queryRun) float64 { return q.warm }), msMedian(ja.all(), func(q queryRun) float64 { return q.warm }))
	}
	return b.String()
}

// searchDetailTable lists every word and way: the first query's transfer
// by kind of file, its time after the data and in all, and the warm query.
func searchDetailTable(results []searchResult) string {
	var b strings.Builder
	b.WriteString("| postmortems | query | arrives by | files | first query raw (script + index + docs) | gzip | query time after the data | of it, layout | first query in all | warm query | results | later, not counted |\n")
	b.WriteString("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range results {
		for _, c := range r.queries {
			q := c.raw[0]
			way := "`/search/?q=`"
			if c.way == wayHeader {
				way = "header box"
			}
			var later []string
			for _, t := range q.first.Later {
				later = append(later, fmt.Sprintf("%s %s (%s gzip)", strings.TrimPrefix(t.Path, "/search/"), kbStr(t.Bytes), kbStr(gzBytes(c.gz[0], t.Path))))
			}
			fmt.Fprintf(&b, "| %d | `%s` | %s | %d | %s (%s + %s + %s) | %s | %s ms | %s ms | %s ms | %s ms | %d | %s |\n",
				r.n, c.word, way, len(q.first.Files), kbRange(c.raw),
				kbStr(q.first.ByCategory[catScript]), kbStr(q.first.ByCategory[catIndex]), kbStr(q.first.ByCategory[catDocs]),
				kbRange(c.gz), msRange(c.all(), queryRun.queryTime), msMedian(c.all(), queryRun.layoutTime),
				msRange(c.all(), func(q queryRun) float64 { return q.shown - q.started }),
				msRange(c.all(), func(q queryRun) float64 { return q.warm }), q.hits, cmp.Or(strings.Join(later, ", "), "–"))
		}
	}
	b.WriteString("\nBytes are what Chromium received (Network.loadingFinished encodedDataLength: response headers and body) for search.js, the index files and the result documents received before the results were put on the page; the page's own HTML, its stylesheets and other scripts are not counted. " +
		"Query time after the data: from the last of those responses arriving (Resource Timing responseEnd) to the results list filled and laid out (a MutationObserver that then forces style and layout; paint is not included); of it, layout: that forced style and layout, the rest being search.js (parsing the data, ranking, building the list). " +
		"In all: from the navigation (`/search/?q=`) or the end of the box's typing delay (header box) to the same point. " +
		"Warm: the same word typed again on the same page (its data loaded), from the end of the typing delay to the results laid out. Times are the median (min–max) of the plain and gzip runs.\n")
	return b.String()
}

// searchFiles lists, per size, word and way, each file of the first query
// of the first run, plain and gzip.
func searchFiles(results []searchResult) string {
	var b strings.Builder
	for _, r := range results {
		fmt.Fprintf(&b, "n=%d: search.js %s (%s gzip); index %d files, %s (%s gzip), of which facets.json %s (%s gzip); site built in %.2f s\n",
			r.n, kbStr(r.index.script), kbStr(r.index.scriptGzip), r.index.files, mb(r.index.raw), mb(r.index.gzip),
			kbStr(r.index.facetsRaw), kbStr(r.index.facetsGzip), r.build.Seconds())
		for _, c := range r.queries {
			q := c.raw[0]
			fmt.Fprintf(&b, "  %s by %s, plain, run 1: data arrived at %.1f ms, results listed at %.1f ms and laid out at %.1f ms; warm %.1f ms\n",
				c.word, c.way, q.first.DataEnd, q.listed, q.shown, q.warm)
			line := func(label string, t transfer) {
				fmt.Fprintf(&b, "    %-7s %-40s %8s %8s gzip  %7.1f–%7.1f ms\n", label, t.Path, kbStr(t.Bytes), kbStr(gzBytes(c.gz[0], t.Path)), t.Start, t.End)
			}
			for _, t := range q.first.Files {
				line(category(t.Path), t)
			}
			for _, t := range q.first.Later {
				line("later", t)
			}
			for _, t := range q.first.Page {
				line("page", t)
			}
		}
	}
	return b.String()
}

// cell returns the measurements of word arriving by way.
func (r searchResult) cell(word, way string) queryCell {
	for _, c := range r.queries {
		if c.word == word && c.way == way {
			return c
		}
	}
	return queryCell{word: word, way: way}
}

func (c queryCell) all() []queryRun { return append(slices.Clone(c.raw), c.gz...) }

// gzBytes returns the bytes received for path in the gzip run q, or 0.
func gzBytes(q queryRun, path string) int64 {
	for _, ts := range [][]transfer{q.first.Files, q.first.Later, q.first.Page} {
		for _, t := range ts {
			if t.Path == path {
				return t.Bytes
			}
		}
	}
	return 0
}

func kb(n int64) float64   { return float64(n) / 1000 }
func kbStr(n int64) string { return fmt.Sprintf("%.1f KB", kb(n)) }
func mb(n int64) string    { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// kbRange is the first query's bytes over runs: one figure when every run
// received the same, else min–max.
func kbRange(runs []queryRun) string {
	if len(runs) == 0 {
		return "–"
	}
	lo, hi := runs[0].first.Bytes, runs[0].first.Bytes
	for _, q := range runs {
		lo, hi = min(lo, q.first.Bytes), max(hi, q.first.Bytes)
	}
	if lo == hi {
		return kbStr(lo)
	}
	return fmt.Sprintf("%.1f–%.1f KB", kb(lo), kb(hi))
}

// msMedian is the median of f over runs, in ms.
func msMedian(runs []queryRun, f func(queryRun) float64) string {
	if len(runs) == 0 {
		return "–"
	}
	v := make([]float64, len(runs))
	for i, q := range runs {
		v[i] = f(q)
	}
	slices.Sort(v)
	m := v[len(v)/2]
	if len(v)%2 == 0 {
		m = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return fmt.Sprintf("%.1f", m)
}

// msRange is "median (min–max)" of f over runs, in ms.
func msRange(runs []queryRun, f func(queryRun) float64) string {
	if len(runs) == 0 {
		return "–"
	}
	lo, hi := f(runs[0]), f(runs[0])
	for _, q := range runs {
		lo, hi = min(lo, f(q)), max(hi, f(q))
	}
	return fmt.Sprintf("%s (%.1f–%.1f)", msMedian(runs, f), lo, hi)
}
