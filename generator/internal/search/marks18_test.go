package search

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// markedRunes lists, per query, per hit of the top limit, the hit's id,
// its snippet and the runes search.js's highlight marks in it (the
// indexes of the marked runes).
type markedSnippet struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Marked []int  `json:"marked"`
}

func jsMarkedRunes(t *testing.T, dir string, queries []jsQuery, limit int) [][]markedSnippet {
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
      let n = 0; const marked = [];
      for (const x of runs) {
        const len = Array.from(x.text).length;
        if (x.mark) for (let k = 0; k < len; k++) marked.push(n + k);
        n += len;
      }
      return {id: d.id, text: runs.map(x => x.text).join(''), marked};
    }));
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });`
	var res [][]markedSnippet
	if err := json.Unmarshal(runNode(t, prog, in), &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSnippetMarksWhatMatched checks that the site marks in a snippet only
// what matched, as pmkb search bolds it in a terminal (QA 18 b-F3: for run
// the site marked runbook, for alert the whole Alertmanager, for one the
// word on, for re returned; the terminal bolded none of them).
func TestSnippetMarksWhatMatched(t *testing.T) {
	pm := textPM("2024-05-02-alerts", "en", "Alertmanager paged nobody",
		"The runbook was out of date, so the on-call engineer had to run the failover by hand. Re-enable the alert. The database returned one error.",
		"SEV2", "2024-05-02", []string{"alertmanager"}, []string{"missing-alert"}, "Nobody noticed for an hour.")
	dir, ix := bothEngines(t, model.New(model.DefaultSiteConfig(), model.Date{Year: 2024, Month: 11, Day: 28}, []*model.Postmortem{pm}))
	tests := []struct {
		q    string
		want []string // the marked words, in order
	}{
		{"run", []string{"run"}},
		{"alert", []string{"alert"}},
		{`"the alert"`, []string{"alert"}}, // the is a stop word
		{"one", []string{"one"}},
		{"re", []string{"Re"}},
		{"data", []string{"database"}}, // no word data: retried as data*
		{"runb*", []string{"runbook"}},
		{"failov", []string{"failover"}},
	}
	var qs []jsQuery
	for _, tt := range tests {
		qs = append(qs, jsQuery{Q: tt.q})
	}
	js := jsMarkedRunes(t, dir, qs, 10)
	for i, tt := range tests {
		hits := cliSnippets(t, ix, tt.q, 10)
		if len(hits) != 1 || len(js[i]) != 1 || hits[0].Snippet != js[i][0].Text {
			t.Errorf("%s: cli %v, search.js %v", tt.q, hits, js[i])
			continue
		}
		rs := []rune(hits[0].Snippet)
		var cli []int
		var words []string
		for _, sp := range hits[0].SnippetMarks {
			words = append(words, string(rs[sp.Start:sp.End]))
			for k := sp.Start; k < sp.End; k++ {
				cli = append(cli, k)
			}
		}
		if !slices.Equal(words, tt.want) {
			t.Errorf("%s: cli marks %q, want %q", tt.q, words, tt.want)
		}
		if got := js[i][0].Marked; !slices.Equal(got, cli) {
			var site []string
			for _, k := range got {
				site = append(site, string(rs[k]))
			}
			t.Errorf("%s: search.js marks runes %v (%q), cli %v", tt.q, got, site, cli)
		}
	}
}
