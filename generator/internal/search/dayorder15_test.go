package search

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// TestCLIOrderByDayWritten checks that pmkb search lists postmortems that
// score the same in the knowledge base's order, newest day written first
// (model.SortPostmortems), as the site does (QA 15 B-F1, the stats
// engineer's leftover): an incident at 20:00 -08:00 on the 10th happened
// after one on the 11th in UTC, but is shown and counted on the 10th.
// Before, the CLI ordered by the instant and listed the 10th first.
func TestCLIOrderByDayWritten(t *testing.T) {
	late := textPM("2025-02-10-quokka", "en", "Quokka outage", "", "SEV2", "2025-02-10",
		[]string{"api"}, []string{"capacity"}, "quokka")
	late.Date = time.Date(2025, 2, 10, 20, 0, 0, 0, time.FixedZone("PST", -8*3600))
	next := textPM("2025-02-11-quokka", "en", "Quokka outage", "", "SEV2", "2025-02-11",
		[]string{"api"}, []string{"capacity"}, "quokka")
	kb := model.New(model.DefaultSiteConfig(), model.Date{Year: 2025, Month: 3, Day: 1}, []*model.Postmortem{late, next})
	var want []string
	for _, p := range kb.Postmortems {
		want = append(want, p.ID)
	}
	if !slices.Equal(want, []string{next.ID, late.ID}) {
		t.Fatalf("knowledge-base order %v, want the 11th first", want)
	}
	ix, err := OpenCache(t.TempDir(), &kb.Config, entriesOf(kb.Postmortems, "a"), newKBLoader(kb.Postmortems).load)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := Query(context.Background(), ix, "quokka", 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("pmkb search quokka lists %v, want %v", got, want)
	}
}
