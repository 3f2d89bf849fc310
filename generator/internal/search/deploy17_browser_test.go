package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

// deployKB is a site of the postmortems i of 0…n-1 that keep(i) keeps:
// each has a few words of a vocabulary large enough for several
// dictionary shards, so that a build with more postmortems has more
// shards (a word's shard moves) and renumbers the documents.
func deployKB(n int, keep func(int) bool) *model.KnowledgeBase {
	var pms []*model.Postmortem
	for i := range n {
		if !keep(i) {
			continue
		}
		var words []string
		for _, k := range []int{7, 13, 29, 31, 37, 41, 43} {
			words = append(words, fmt.Sprintf("zeta%03d", (i*k+k)%500))
		}
		pms = append(pms, textPM(fmt.Sprintf("2024-%02d-%02d-pm%03d", 1+i%12, 1+i%28, i), "en",
			"Outage "+words[0]+" "+words[1], "Summary "+words[2], "SEV2", fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28),
			[]string{"dns"}, []string{"capacity"}, strings.Join(words, " ")+" deploy latency"))
	}
	cfg := model.DefaultSiteConfig()
	cfg.Title = "Example postmortems"
	cfg.Systems = []model.System{{Slug: "dns", Name: "DNS"}}
	return model.New(cfg, model.Date{Year: 2024, Month: 12, Day: 31}, pms)
}

// deployWords are words of postmortems of both builds of deploySites.
var deployWords = []string{"zeta007", "zeta013", "zeta029", "zeta031", "zeta037", "zeta041", "zeta043", "zeta050", "zeta100", "zeta120", "latency"}

// deploySites are a site and the site built after adding postmortems to
// it (as many again, spread among the old ones).
func deploySites(t *testing.T) (before, after []output.File) {
	before = buildSite(t, deployKB(120, func(i int) bool { return i%2 == 0 }))
	after = buildSite(t, deployKB(120, func(int) bool { return true }))
	var m1, m2 exportMeta
	for _, p := range []struct {
		files []output.File
		m     *exportMeta
	}{{before, &m1}, {after, &m2}} {
		for _, f := range p.files {
			if f.Path == "search/meta.json" {
				mustUnmarshal(t, f.Data, p.m)
			}
		}
	}
	if m1.Shards == m2.Shards || m1.Build == m2.Build {
		t.Fatalf("the builds have %d and %d shards, builds %s %s: want a change", m1.Shards, m2.Shards, m1.Build, m2.Build)
	}
	return before, after
}

const searchAnswer = `document.getElementById('search-status').textContent + ' | ' + ` + hitIDs

// TestBrowserSearchAcrossDeploy opens the search page, searches, deploys
// a build with more postmortems into the same folder (the server ignores
// ?v=, as static hosts do) and searches again in the same tab: each word
// must find what a tab opened after the deploy finds (QA 17 D-F1: the old
// tab asked for the old build's shard numbers, got the new build's files,
// and said "No postmortems match." or listed unrelated postmortems).
func TestBrowserSearchAcrossDeploy(t *testing.T) {
	before, after := deploySites(t)
	srv := browsertest.Serve(t, before, nil)
	ctx := browsertest.New(t)
	search := func(q string) string {
		browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('search-input'); document.getElementById('search-status').textContent = '';
			i.value = `+jsString(q)+`; i.form.requestSubmit(); return true; })()`)
		browsertest.WaitFor(t, ctx, `(s => s !== '' && s !== 'Searching…')(document.getElementById('search-status').textContent)`)
		return browsertest.Eval[string](t, ctx, searchAnswer)
	}
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=deploy")
	browsertest.WaitFor(t, ctx, `/postmortems$/.test(document.getElementById('search-status').textContent)`)
	if got := search("zeta000"); !strings.Contains(got, "postmortem") {
		t.Fatalf("before the deploy: zeta000 gives %q", got)
	}
	srv.Replace(after)
	old := map[string]string{}
	for _, q := range deployWords {
		old[q] = search(q)
	}
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html")
	for _, q := range deployWords {
		if want := search(q); old[q] != want {
			t.Errorf("%s after the deploy, in the tab opened before it:\n%s\nwant (a new tab):\n%s", q, old[q], want)
		}
	}
	// A host that serves one build's meta.json with another's files (a
	// deploy half done, a CDN with some files old) cannot be searched
	// right: the page says to reload, not "No postmortems match.".
	var mixed []output.File
	for _, f := range after {
		if f.Path == "search/meta.json" {
			f = before[slices.IndexFunc(before, func(g output.File) bool { return g.Path == f.Path })]
		}
		mixed = append(mixed, f)
	}
	srv.Replace(mixed)
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html")
	want := "The site was updated: reload the page. | "
	if got := search("zeta043"); got != want {
		t.Errorf("a host serving two builds at once: %q, want %q", got, want)
	}
}

// TestBrowserQuickSearchAcrossDeploy is TestBrowserSearchAcrossDeploy for
// the header box of a page opened before the deploy.
func TestBrowserQuickSearchAcrossDeploy(t *testing.T) {
	before, after := deploySites(t)
	srv := browsertest.Serve(t, before, nil)
	ctx := browsertest.New(t)
	quick := func(q string) string {
		browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('site-search-q'); const s = i.form.querySelector('[role=status]');
			s.textContent = ''; i.value = `+jsString(q)+`; i.dispatchEvent(new Event('input')); return true; })()`)
		browsertest.WaitFor(t, ctx, `/postmortem|match/.test(document.getElementById('site-search-q').form.querySelector('[role=status]').textContent)`)
		return browsertest.Eval[string](t, ctx, `document.getElementById('site-search-q').form.querySelector('[role=status]').textContent + ' | ' +
			Array.from(document.querySelectorAll('#site-search-list a')).map(a => a.getAttribute('href')).join(' ')`)
	}
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	if got := quick("zeta000"); !strings.Contains(got, "postmortem") {
		t.Fatalf("before the deploy: zeta000 gives %q", got)
	}
	srv.Replace(after)
	old := map[string]string{}
	for _, q := range deployWords {
		old[q] = quick(q)
	}
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	for _, q := range deployWords {
		if want := quick(q); old[q] != want {
			t.Errorf("%s after the deploy, in the page opened before it:\n%s\nwant (a new page):\n%s", q, old[q], want)
		}
	}
}

func mustUnmarshal(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// unstamp is an exported file without its build id (stampFiles), as
// search.js reads it.
func unstamp(b []byte) []byte {
	switch {
	case bytes.HasPrefix(b, []byte(`{"":"`)):
		end := bytes.IndexByte(b[5:], '"') + 6
		if b[end] == ',' {
			end++
		}
		return append([]byte{'{'}, b[end:]...)
	case bytes.HasPrefix(b, []byte{'['}) && bytes.HasSuffix(b, []byte{'"', ']'}):
		start := bytes.LastIndexByte(b[:len(b)-2], '"')
		if b[start-1] == ',' {
			start--
		}
		return append(bytes.Clone(b[:start]), ']')
	}
	return b
}

// TestBrowserSearchUnknownFormat checks that a search page whose script
// does not know the index's format (meta.json's "v": the site was
// upgraded, the page is older) says to reload instead of searching an
// index it would misread (QA 17 D-F5).
func TestBrowserSearchUnknownFormat(t *testing.T) {
	files := buildSite(t, browserKB())
	for i, f := range files {
		if f.Path == "search/meta.json" {
			old := []byte(`"v":` + strconv.Itoa(exportVersion) + `,`)
			if !bytes.Contains(f.Data, old) {
				t.Fatalf("meta.json lacks %s: %s", old, f.Data)
			}
			files[i].Data = bytes.Replace(f.Data, old, []byte(`"v":99,`), 1)
		}
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=certificate")
	browsertest.WaitFor(t, ctx, `(s => s !== '' && s !== 'Searching…')(document.getElementById('search-status').textContent)`)
	if got, want := browsertest.Eval[string](t, ctx, searchAnswer), "The site was updated: reload the page. | "; got != want {
		t.Errorf("an index of format 99: %q, want %q", got, want)
	}
}
