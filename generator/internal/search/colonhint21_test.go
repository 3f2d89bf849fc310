package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// colonHintKB holds colon words as an alert or a log line writes them:
// redis:alpine, ERROR:timeout, and sev:high, whose name is near a filter
// name but which is a word a postmortem has.
func colonHintKB() *model.KnowledgeBase {
	pm := func(id, summary string) *model.Postmortem {
		return textPM(id, "en", "Incident "+id, summary, "SEV2", "2026-0"+id[len(id)-1:]+"-01",
			[]string{"dns"}, []string{"capacity"}, "The team reviewed the dashboards.")
	}
	pms := []*model.Postmortem{
		pm("img-1", "Pods used image redis:alpine and logged ERROR:timeout."),
		pm("log-2", "The pager printed sev:high for the queue."),
		pm("dns-3", "The resolver dropped queries for an hour."),
	}
	return model.New(model.DefaultSiteConfig(), model.Date{Year: 2026, Month: 11, Day: 28}, pms)
}

// TestColonWordHints checks that the hint "X: is not a filter" is given
// only for a colon word that finds nothing as a word and whose name is
// near a filter name (sev:, systems:, tags:), and that any other colon
// word that finds nothing is named with the words no postmortem has (QA
// 21r F5: since colon words are searched as their parts, `redis:alpine
// zzzqx` blamed redis:, which finds a postmortem, and `redis:alpine
// nosuchword:other` never named nosuchword:other), by pmkb search and
// search.js alike.
func TestColonWordHints(t *testing.T) {
	dir, ix := bothEngines(t, colonHintKB())
	const filters = " is not a filter; the filters are severity:, system:, cause:, team:, year:, tag:"
	cases := []struct {
		q      string
		filter []string // the names hinted as no filter
		hint   string   // a hint that must be given, "" for none
	}{
		{"redis:alpine zzzqx", nil, `no postmortem has the word "zzzqx"`},
		{"redis:alpine nosuchword:other", nil, `no postmortem has the word "nosuchword:other"`},
		{"2026-11-28T03:12:44Z ERROR:timeout host=api-7f9c user_id:4411", nil, ""},
		{"ERROR:timeout zzzqx", nil, `no postmortem has the word "zzzqx"`},
		{"status:open zzzqx", []string{"status:"}, `no postmortem has the word "zzzqx"`}, // a contract field (QA 21r2 F4)
		{"owner:tomas", []string{"owner:"}, ""},
		{"Date:2024 dns", []string{"Date:"}, ""},
		{"nosuchword:other", nil, `no postmortem has the word "nosuchword:other"`},
		{"sev:SEV1 zzzqx", []string{"sev:"}, `no postmortem has the word "zzzqx"`},
		{"SEV:SEV1", []string{"SEV:"}, ""},
		{"systems:checkout resolver", []string{"systems:"}, ""},
		{"tags:postgres", []string{"tags:"}, ""},
		{"teams:payments", []string{"teams:"}, ""},
		{"sev:high zzzqx", nil, `no postmortem has the word "zzzqx"`}, // sev:high is a word of log-2
		{"sev:high", nil, ""},
	}
	var qs []jsQuery
	for _, c := range cases {
		qs = append(qs, jsQuery{Q: c.q})
	}
	js := jsSearch(t, dir, qs, 10)
	for i, c := range cases {
		res, err := Query(context.Background(), ix, c.q, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hints {
			if w, ok := strings.CutSuffix(h, filters); ok {
				got = append(got, strings.Trim(w, `"`))
			}
		}
		if !slices.Equal(got, c.filter) {
			t.Errorf("%q: not-a-filter hints for %q, want %q (hints %q)", c.q, got, c.filter, res.Hints)
		}
		if c.hint != "" && !slices.Contains(res.Hints, c.hint) {
			t.Errorf("%q: no hint %q in %q", c.q, c.hint, res.Hints)
		}
		if !slices.Equal(js[i].Hints, res.Hints) || js[i].Total != res.Total {
			t.Errorf("%q: search.js %d %q, pmkb search %d %q", c.q, js[i].Total, js[i].Hints, res.Total, res.Hints)
		}
	}
}
