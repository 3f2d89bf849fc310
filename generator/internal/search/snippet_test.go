package search

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestSnippetLeavesOutHeadings checks that a snippet does not run a
// heading of the body into its text (QA: "… 53 minutes. — Summary The
// gateway's upstream certificate expired."), while the heading's words are
// still searched.
func TestSnippetLeavesOutHeadings(t *testing.T) {
	const head = "---\ntitle: Checkout failed\ndate: 2024-03-14\nseverity: SEV1\nsystems: [checkout-api]\ncauses: [expired-certificate]\nsummary: Checkout failed.\nimpact: 53 minutes.\n---\n"
	tests := []struct {
		body, want string
	}{
		{
			body: "## Summary\n\nThe gateway's upstream certificate expired.\n\n### What *went* well\n\nPaging worked.\n",
			want: "Checkout failed. — 53 minutes. — The gateway's upstream certificate expired. Paging worked.",
		},
		// A paragraph that only looks like a heading stays, even beside a
		// heading with the same words.
		{
			body: "## Summary\n\nSummary\n\nDone.\n",
			want: "Checkout failed. — 53 minutes. — Summary Done.",
		},
	}
	cfg := model.DefaultSiteConfig()
	for _, tt := range tests {
		p, diags := source.ParseFile("content/postmortems/a.md", []byte(head+tt.body), &cfg)
		if p == nil {
			t.Fatalf("parse: %v", diags)
		}
		if got := newDocInfo(p, "en").Snippet; got != tt.want {
			t.Errorf("snippet %q, want %q", got, tt.want)
		}
		if texts := fieldTexts(p, &cfg); !slices.Contains(strings.Fields(texts[7]), "Summary") {
			t.Errorf("body field %q lost the heading's words", texts[7])
		}
	}
}

// TestSnippetText compares the snippet text, folded and cut in one buffer,
// with folding each part whole, joining and cutting, around the length
// limit: parts that end just before, at and after it, a separator across
// it, white space of every kind, runes of two, three and four bytes across
// it, and the generated corpus.
func TestSnippetText(t *testing.T) {
	reference := func(p *model.Postmortem) string {
		var parts []string
		for _, s := range []string{p.Summary, p.Impact, p.Prose()} {
			s = strings.Map(func(r rune) rune { return r }, s) // bad bytes become U+FFFD
			if s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "); s != "" {
				parts = append(parts, s)
			}
		}
		out := strings.Join(parts, " — ")
		if len(out) <= snippetBytes {
			return out
		}
		cut := snippetBytes
		for !utf8.RuneStart(out[cut]) {
			cut--
		}
		return strings.TrimSuffix(strings.TrimRight(out[:cut], " "), " —") + "…"
	}
	var pms []*model.Postmortem
	parts := []string{"", " ", " \t\n\u3000\u00a0 ", "a", "証明書", "🙂", "é", "a  b\n\nc ", "bad \xff utf8", " — "}
	for _, n := range []int{0, 1, 100, snippetBytes - 9, snippetBytes - 5, snippetBytes - 4, snippetBytes - 3, snippetBytes - 2,
		snippetBytes - 1, snippetBytes, snippetBytes + 1, snippetBytes + 2, snippetBytes + 300} {
		for _, part := range parts {
			long := strings.Repeat("x", n)
			wide := strings.Repeat("語", n/3)
			pms = append(pms,
				&model.Postmortem{Summary: long, Impact: part, Text: part + " tail"},
				&model.Postmortem{Summary: part, Impact: wide, Text: long},
				&model.Postmortem{Summary: long + part, Impact: part + long, Text: wide},
				&model.Postmortem{Summary: " " + part, Text: long + " " + part},
				&model.Postmortem{Summary: part + wide + part, Impact: "x" + wide, Text: "xx" + wide + long},
			)
		}
	}
	kb, _ := corpusKB(t, 300)
	pms = append(pms, kb.Postmortems...)
	for _, p := range pms {
		got, want := snippetText(p), reference(p)
		if got != want {
			t.Fatalf("summary %q, impact %q, text %q:\nsnippet %q\nwant    %q", p.Summary, p.Impact, p.Text, got, want)
		}
		if len(got) > snippetBytes+len("…") || !utf8.ValidString(got) && utf8.ValidString(p.Summary+p.Impact+p.Text) {
			t.Fatalf("snippet text of %d bytes (cap %d) or cut inside a rune: %q", len(got), snippetBytes, got)
		}
	}
}

// jsSnippets runs queries through search.js over the export in dir and
// returns, per query, its top hits' snippets as search.js shows them
// (highlight of the document's text with the query's clauses): the text,
// and the marked runs.
func jsSnippets(t *testing.T, dir string, queries []jsQuery, limit int) [][]jsSnippet {
	t.Helper()
	in, err := json.Marshal(map[string]any{"dir": filepath.Join(dir, "search"), "queries": queries, "limit": limit})
	if err != nil {
		t.Fatal(err)
	}
	prog := `const fs = require('fs');
const args = JSON.parse(input);
(async () => {
  const out = [];
  for (const q of args.queries) {
    const e = new pmkb.Engine(p => Promise.resolve(JSON.parse(fs.readFileSync(args.dir + '/' + p))));
    const r = await e.search(q.q, {prefixLast: !!q.prefixLast, filters: q.filters || {}});
    const docs = await e.docs(r.hits.slice(0, args.limit).map(h => h.doc));
    out.push(docs.map(d => {
      const runs = pmkb.highlight(d.snippet, r.clauses, 200);
      return {id: d.id, text: runs.map(x => x.text).join(''), marks: runs.filter(x => x.mark).map(x => x.text)};
    }));
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });`
	var res [][]jsSnippet
	if err := json.Unmarshal(runNode(t, prog, in), &res); err != nil {
		t.Fatal(err)
	}
	if len(res) != len(queries) {
		t.Fatalf("search.js answered %d of %d queries", len(res), len(queries))
	}
	return res
}

// jsSnippet is a hit's snippet as search.js shows it.
type jsSnippet struct {
	ID    string   `json:"id"`
	Text  string   `json:"text"`
	Marks []string `json:"marks"`
}

// cliSnippets runs q through Query over the CLI's index and returns its
// hits' snippets by id, in order.
func cliSnippets(t *testing.T, ix *Index, q string, limit int) []Hit {
	t.Helper()
	res, err := Query(context.Background(), ix, q, limit)
	if err != nil {
		t.Fatal(err)
	}
	return res.Hits
}

// deepMatchPMs are two postmortems whose matches are deep in their bodies,
// past any fixed opening: "snapshots" and the phrase "connection pool",
// whose words also stand apart earlier.
func deepMatchPMs() []*model.Postmortem {
	filler := strings.Repeat("The team reviewed the dashboards and the paging rota before the call. ", 8)
	return []*model.Postmortem{
		textPM("2024-01-10-search-disk", "en", "Search index disk full", "Two data nodes crossed the flood-stage watermark.",
			"SEV2", "2024-01-10", []string{"search"}, []string{"capacity"},
			filler+"Old reindex snapshots were never deleted, so the disk filled. "+filler),
		textPM("2024-02-11-orders-pool", "en", "Orders database refused connections", "Orders returned errors for 20 minutes.",
			"SEV1", "2024-02-11", []string{"orders-db"}, []string{"capacity"},
			"The pool of workers grew. Each connection was held open by a slow query. "+filler+
				"Pods with a warm connection pool kept working, which hid the fault. "+filler),
	}
}

// TestSnippetShowsTheMatch checks that a hit's snippet shows where the
// query matched, in the CLI and in search.js alike, when that is deep in
// the body (QA 12 F3: `snapshots` showed the summary, without the word),
// for a quoted phrase (shown and marked as one), and in Japanese, where
// the window counts characters.
func TestSnippetShowsTheMatch(t *testing.T) {
	jaFiller := strings.Repeat("担当者はダッシュボードと当番表を確認してから連絡した。", 8)
	pms := append(deepMatchPMs(),
		textPM("2024-03-12-ja-cert", "ja", "決済の停止", "決済APIが停止した。", "SEV2", "2024-03-12",
			[]string{"checkout-api"}, []string{"expired-certificate"},
			jaFiller+"サーバー証明書の期限を監視していなかった。"+jaFiller),
	)
	cfg := model.DefaultSiteConfig()
	kb := model.New(cfg, model.Date{Year: 2024, Month: 7, Day: 1}, pms)
	dir, ix := bothEngines(t, kb)
	tests := []struct {
		q    string
		id   string
		want string // in the snippet
		mark string // a marked run in search.js
	}{
		{"snapshots", "2024-01-10-search-disk", "Old reindex snapshots were never deleted", "snapshots"},
		{`"connection pool"`, "2024-02-11-orders-pool", "Pods with a warm connection pool kept working", "connection pool"},
		{"証明書", "2024-03-12-ja-cert", "サーバー証明書の期限を監視していなかった。", "証明書"},
		{"snapsh*", "2024-01-10-search-disk", "Old reindex snapshots were never deleted", "snapshots"},
	}
	var qs []jsQuery
	for _, tt := range tests {
		qs = append(qs, jsQuery{Q: tt.q})
	}
	js := jsSnippets(t, dir, qs, 10)
	for i, tt := range tests {
		hits := cliSnippets(t, ix, tt.q, 10)
		if len(hits) != 1 || hits[0].ID != tt.id || len(js[i]) != 1 || js[i][0].ID != tt.id {
			t.Errorf("%s: cli hits %v, search.js %v, want only %s", tt.q, hits, js[i], tt.id)
			continue
		}
		if got := hits[0].Snippet; !strings.Contains(got, tt.want) || utf8.RuneCountInString(got) > snippetWidth+2 {
			t.Errorf("%s: cli snippet %q, want at most %d runes holding %q", tt.q, got, snippetWidth+2, tt.want)
		}
		if got := js[i][0].Text; got != hits[0].Snippet {
			t.Errorf("%s: search.js snippet %q, cli %q", tt.q, got, hits[0].Snippet)
		}
		if !slices.Contains(js[i][0].Marks, tt.mark) {
			t.Errorf("%s: search.js marks %q, want %q among them", tt.q, js[i][0].Marks, tt.mark)
		}
	}
	// The phrase's words elsewhere are not marked on their own.
	if marks := js[1][0].Marks; slices.Contains(marks, "pool") || slices.Contains(marks, "connection") {
		t.Errorf(`"connection pool": search.js marks %q, words of the phrase outside it`, marks)
	}
}

// TestSnippetAgreement checks that search.js cuts the same snippets as the
// CLI, over the sample content and the generated corpus, for the queries
// the ranking agreement tests run.
func TestSnippetAgreement(t *testing.T) {
	sample := []jsQuery{
		{Q: "snapshots"}, {Q: `"connection pool"`}, {Q: "certificate"}, {Q: "certif*"}, {Q: "証明書"}, {Q: "dns"},
		{Q: "deploy rollback"}, {Q: "timeout"}, {Q: "障害"}, {Q: "DNS障害"}, {Q: "database"}, {Q: `"rate limit"`},
		{Q: "severity:SEV1"}, {Q: "pgbouncer"}, {Q: "再発"}, {Q: "kube"},
	}
	kb, c := corpusKB(t, 400)
	var words []string
	for w := range c.Truth.Words {
		words = append(words, w)
	}
	slices.Sort(words)
	for _, set := range []struct {
		name string
		kb   *model.KnowledgeBase
		qs   []jsQuery
	}{
		{"sample", sampleKB(t), sample},
		{"corpus", kb, agreementQueries(words)},
	} {
		dir, ix := bothEngines(t, set.kb)
		js := jsSnippets(t, dir, set.qs, 10)
		compared := 0
		for i, q := range set.qs {
			text := q.Q
			for _, name := range facetNames {
				for _, v := range q.Filters[name] {
					text += " " + name + ":" + v
				}
			}
			if q.PrefixLast {
				text += "*"
			}
			hits := cliSnippets(t, ix, text, 10)
			if len(hits) != len(js[i]) {
				t.Errorf("%s %+v: cli %d hits, search.js %d", set.name, q, len(hits), len(js[i]))
				continue
			}
			for j, h := range hits {
				if h.ID != js[i][j].ID || h.Snippet != js[i][j].Text {
					t.Errorf("%s %+v, hit %d:\n cli       %s %q\n search.js %s %q", set.name, q, j, h.ID, h.Snippet, js[i][j].ID, js[i][j].Text)
				}
				compared++
			}
		}
		if compared < 3*len(set.qs) {
			t.Errorf("%s: only %d snippets compared; the test proves little", set.name, compared)
		}
	}
}

// jsClause and jsCase are a query clause and a highlight call as the
// snippet tests hand them to search.js in node.
type jsClause struct {
	Kind    string   `json:"kind"`
	Terms   []string `json:"terms"`
	Offsets []int    `json:"offsets,omitempty"`
}

type jsCase struct {
	Text    string     `json:"text"`
	Clauses []jsClause `json:"clauses"`
	Width   int        `json:"width"`
}

// TestSnippetWindow checks where snippets are cut, in Go and search.js
// alike, on short widths: from the start without a match, to the end for a
// match near it, the passage with more of the query's words before an
// earlier one with fewer, the first of equal passages, a phrase only
// where its words stand together, ends moved between words, and
// characters counted in columns, a wide one (Japanese, an emoji outside
// the BMP, full-width Latin) two, any other one (half-width katakana).
func TestSnippetWindow(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text  string
		words []string
		width int
		want  string
	}{
		// Short enough: whole.
		{"Disk filled.", []string{"disk"}, 40, "Disk filled."},
		// No match: from the start.
		{"alpha bravo charlie delta echo foxtrot golf hotel india juliet", []string{"zulu"}, 30, "alpha bravo charlie delta echo…"},
		// A cut inside a word moves back to the space before it.
		{"alpha bravo charlie delta echoes foxtrot golf hotel india juliet", []string{"zulu"}, 30, "alpha bravo charlie delta…"},
		// A match near the end: the window ends with the text.
		{"alpha bravo charlie delta echo foxtrot golf hotel india snapshots", []string{"snapshot"}, 30, "…golf hotel india snapshots"},
		// Both words beat the first word alone.
		{"disk alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike disk full november oscar papa quebec",
			[]string{"disk", "full"}, 30, "…lima mike disk full november…"},
		// Equal passages far apart: the first (review: >= for > in
		// bestMatch passed every test).
		{"alpha bravo charlie delta echo foxtrot golf disk hotel india juliet kilo lima mike november oscar papa quebec disk romeo sierra tango uniform victor",
			[]string{"disk"}, 30, "…golf disk hotel india…"},
		// A phrase where its words stand together, not the words apart.
		{"pool alpha connection bravo charlie delta echo foxtrot golf hotel india juliet kilo the connection pool drained quickly",
			[]string{`"connection pool"`}, 30, "…kilo the connection pool…"},
		// Columns, not bytes or UTF-16 units: a Japanese character (or
		// an emoji) takes two, so 30 columns hold 15 of them and the
		// window starts 5 before the match.
		{strings.Repeat("担当者は当番表を確認した。", 5) + "証明書の期限を監視していなかった。" + strings.Repeat("担当者は当番表を確認した。", 5),
			[]string{"証明書"}, 30, "…確認した。証明書の期限を監視し…"},
		{strings.Repeat("🙂 ", 30) + "snapshots " + strings.Repeat("🙂 ", 30), []string{"snapshots"}, 30, "…🙂 🙂 🙂 snapshots 🙂 🙂 🙂…"},
		// Half-width katakana is one column (10 before the match, 14
		// after), full-width Latin two (5 before, 7 after).
		{strings.Repeat("ｻｰﾊﾞｰ", 10) + "証明書" + strings.Repeat("ｻｰﾊﾞｰ", 10), []string{"証明書"}, 30,
			"…ｻｰﾊﾞｰｻｰﾊﾞｰ証明書ｻｰﾊﾞｰｻｰﾊﾞｰｻｰﾊﾞ…"},
		{strings.Repeat("ＡＢＣ", 10) + "証明書" + strings.Repeat("ＤＥＦ", 10), []string{"証明書"}, 30,
			"…ＢＣＡＢＣ証明書ＤＥＦＤＥＦＤ…"},
		// English then Japanese: 30 columns end 7 ideographs after the
		// space, and the end moves back to it.
		{"alpha snapshots " + strings.Repeat("担当者は当番表を確認した。", 5), []string{"snapshots"}, 30,
			"alpha snapshots…"},
	}
	var cases []jsCase
	var goSnippets []string
	for _, tt := range tests {
		var clauses []clause
		var jc []jsClause
		for _, w := range tt.words {
			c, ok := wordClause(strings.Trim(w, `"`), a)
			if !ok {
				t.Fatalf("%q makes no clause", w)
			}
			clauses = append(clauses, c)
			jc = append(jc, jsClause{c.Kind, c.Terms, c.Offsets})
		}
		cases = append(cases, jsCase{tt.text, jc, tt.width})
		goSnippets = append(goSnippets, snippet(a, tt.text, clauses, tt.width))
	}
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	var js []string
	out := runNode(t, `process.stdout.write(JSON.stringify(JSON.parse(input).map(c => pmkb.highlight(c.text, c.clauses, c.width).map(r => r.text).join(''))));`, in)
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		if goSnippets[i] != tt.want {
			t.Errorf("%q in %q:\n go   %q\n want %q", tt.words, tt.text, goSnippets[i], tt.want)
		}
		if js[i] != tt.want {
			t.Errorf("%q in %q:\n search.js %q\n want      %q", tt.words, tt.text, js[i], tt.want)
		}
	}
}

// TestSnippetEarlyStop checks that search.js's highlight, which analyses a
// snippet's text only until the best passage is settled and the window's
// words are known, cuts and marks what analysing the whole text does (and
// the CLI's snippet): for a word, a phrase and two words placed at every
// offset around where the first analysis stops (the snippet's width and a
// little), in English and Japanese (a pair of ideographs across the
// stop), after emoji (two UTF-16 units a rune) and half-width katakana
// (shorter once folded), a phrase of a long word across the stop, a later
// passage holding more of the query, no match at all, no clause at all
// (a query of filters alone), and over the sample content's titles and
// snippets.
func TestSnippetEarlyStop(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	var cases []jsCase
	var goSnippets []string
	add := func(text string, width int, words ...string) {
		t.Helper()
		var clauses []clause
		jc := []jsClause{}
		for _, w := range words {
			c, ok := wordClause(w, a)
			if !ok {
				t.Fatalf("%q makes no clause", w)
			}
			clauses = append(clauses, c)
			jc = append(jc, jsClause{c.Kind, c.Terms, c.Offsets})
		}
		cases = append(cases, jsCase{text, jc, width})
		goSnippets = append(goSnippets, snippet(a, text, clauses, width))
	}
	// addPrefix is add for a word typed last, a prefix (certif*).
	addPrefix := func(text string, width int, word string) {
		t.Helper()
		c, ok := prefixClause(word, a)
		if !ok {
			t.Fatalf("%q makes no prefix clause", word)
		}
		cases = append(cases, jsCase{text, []jsClause{{c.Kind, c.Terms, c.Offsets}}, width})
		goSnippets = append(goSnippets, snippet(a, text, []clause{c}, width))
	}
	en := strings.Repeat("the team read the dashboards ", 30)
	ja := strings.Repeat("担当者は当番表を確認した。", 40)
	jaRunes := []rune(ja)
	long := "kubernetesingresscontrollerconfigurationbundle"
	for _, width := range []int{30, 200} {
		// search.js first analyses width+16 UTF-16 units, then twice as
		// many, and so on.
		for at := max(0, width-40); at < 2*(width+16)+40; at++ {
			add(en[:at]+" snapshots were kept "+en, width, "snapshots")
			add(en[:at]+" the connection pool drained "+en, width, "connection pool")
			add(en[:at]+" disk alone "+en[:at]+" disk full "+en, width, "disk", "full")
			add(string(jaRunes[:at])+"サーバー証明書の期限"+ja, width, "証明書")
			add(strings.Repeat("🙂 ", at/2)+"snapshots "+en, width, "snapshots")
			add(strings.Repeat("ｻｰﾊﾞｰ", at/4)+"証明書 "+ja, width, "証明書")
		}
	}
	// Two matches, the second anywhere around the window's end and where
	// the analysis stops: a pair of ideographs, a phrase of a long word.
	for at := 0; at < 120; at++ {
		for d := 0; d < 40; d++ {
			add(string(jaRunes[:at])+"証明書"+string(jaRunes[:d])+"証明書"+ja, 30, "証明書")
			add(en[:at]+long+" reload "+en[:d]+" "+long+" reload "+en, 30, long+" reload")
		}
	}
	add(en+"nothing here", 200, "snapshots")
	add(en, 200) // filters alone: no clause, the start of the text
	add(en+"snapshots "+en+"snapshots kept "+en, 200, "snapshots", "kept")
	// Inputs a review found (session 12), each telling a mutation of the
	// early stop apart from it: a second phrase match when the window
	// starts at 0 and ends past what was analysed; a word that only the
	// prefix pass marks, after astral characters (UTF-16 units against
	// code points); a second phrase match after emoji where the analysis
	// stops.
	add(long+" reload "+en[:114]+" "+long+" reload "+en, 200, long+" reload")
	addPrefix(strings.Repeat("🙂", 12)+" cert "+en[:167]+" certificate "+en, 200, "cert")
	filler := []rune(strings.Repeat("🙂 the team 🙂 read the 🙂🙂 dashboards ", 40))
	add(string(filler[:96])+" connection pool "+string(filler[:13])+" connection pool "+string(filler), 60, "connection pool")
	for _, text := range highlightTexts(t) {
		for _, words := range [][]string{{"database"}, {"certificate"}, {"証明書"}, {"rate limit"}, {"dns", "timeout"}} {
			add(text, 200, words...)
		}
	}
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	out := runNode(t, `process.stdout.write(JSON.stringify(JSON.parse(input).map(c =>
  [pmkb.highlight(c.text, c.clauses, c.width), pmkb.highlight(c.text, c.clauses, c.width, true)])));`, in)
	var js [][2][]struct {
		Text string `json:"text"`
		Mark bool   `json:"mark"`
	}
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatal(err)
	}
	if len(js) != len(cases) {
		t.Fatalf("search.js answered %d of %d cases", len(js), len(cases))
	}
	marked := 0
	for i, c := range cases {
		early, whole := js[i][0], js[i][1]
		if !slices.Equal(early, whole) {
			t.Errorf("%v in %q (width %d):\n early %v\n whole %v", c.Clauses, c.Text, c.Width, early, whole)
			continue
		}
		var text strings.Builder
		for _, r := range early {
			text.WriteString(r.Text)
			if r.Mark {
				marked++
			}
		}
		if text.String() != goSnippets[i] {
			t.Errorf("%v in %q (width %d):\n search.js %q\n go        %q", c.Clauses, c.Text, c.Width, text.String(), goSnippets[i])
		}
	}
	if marked < len(cases)-1 {
		t.Errorf("only %d marks in %d snippets: the cases miss their matches", marked, len(cases))
	}
}
