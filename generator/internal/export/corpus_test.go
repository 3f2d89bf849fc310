package export

import (
	"encoding/json"
	"io/fs"
	"os"
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/internal/notify"
	"github.com/pmkb/pmkb/generator/model"
)

// TestCorpusCountsMatchTruth checks every action-item count of a generated
// corpus against what the generator recorded, through the figures, the
// exports and the digest.
func TestCorpusCountsMatchTruth(t *testing.T) {
	c := corpus.Generate(corpus.Options{N: 300, Seed: 4, Formats: true})
	kb := corpustest.LoadFS(t, c.FS(), corpus.DefaultToday())
	truth := c.Truth.Actions

	f := actions.Compute(kb, actions.Period{})
	want := actions.Counts{Total: truth.Total, Open: truth.Open, InProgress: truth.InProgress,
		Done: truth.Done, WontDo: truth.WontDo, Overdue: truth.Overdue}
	if f.Counts != want {
		t.Errorf("figures %+v, truth %+v", f.Counts, want)
	}
	if truth.Overdue == 0 || truth.Done == 0 {
		t.Fatalf("corpus too small to test anything: %+v", truth)
	}
	perOwner := map[string]corpus.OwnerCounts{}
	for _, g := range f.PerOwner {
		perOwner[g.Name] = corpus.OwnerCounts{Open: g.Counts.Open, InProgress: g.Counts.InProgress,
			Done: g.Counts.Done, WontDo: g.Counts.WontDo, Overdue: g.Counts.Overdue}
	}
	if len(perOwner) != len(truth.PerOwner) {
		t.Errorf("%d owners, truth has %d", len(perOwner), len(truth.PerOwner))
	}
	for owner, w := range truth.PerOwner {
		if perOwner[owner] != w {
			t.Errorf("owner %s: %+v, truth %+v", owner, perOwner[owner], w)
		}
	}

	out := files(t, kb, opts)
	var items []actions.JSONItem
	if err := json.Unmarshal(out[ActionsJSONPath], &items); err != nil {
		t.Fatal(err)
	}
	overdue := 0
	for _, it := range items {
		if it.Overdue {
			overdue++
		}
	}
	if len(items) != truth.Total || overdue != truth.Overdue {
		t.Errorf("actions.json: %d items, %d overdue; truth %d, %d", len(items), overdue, truth.Total, truth.Overdue)
	}
	// A dashboard built on actions.json alone gets the on-time completion
	// the stats show: done with closed on or before due, of the items due
	// before today.
	today := kb.Today.String()
	var due, onTime int
	for _, it := range items {
		if it.Due == nil || *it.Due >= today {
			continue
		}
		due++
		if it.Status == model.ActionDone && it.Closed != nil && *it.Closed <= *it.Due {
			onTime++
		}
	}
	if due != f.Completion.Due || onTime != f.Completion.OnTime || onTime == 0 {
		t.Errorf("actions.json: %d of %d due before today done on time; figures %d of %d", onTime, due, f.Completion.OnTime, f.Completion.Due)
	}
	var feed feedDoc
	decodeXML(t, OverdueFeedPath, out[OverdueFeedPath], &feed)
	if len(feed.Entries) != truth.Overdue {
		t.Errorf("overdue feed: %d entries, truth %d", len(feed.Entries), truth.Overdue)
	}
	cal := parseICS(t, out[CalendarPath])
	unclosedDue := 0
	for _, r := range actions.Rows(kb, actions.Filter{}) {
		if !r.IsClosed() && !r.Due.IsZero() {
			unclosedDue++
		}
	}
	if n := len(events(cal)); n != unclosedDue {
		t.Errorf("calendar: %d events, want %d", n, unclosedDue)
	}
	if d := notify.BuildDigest(kb, 7); d.Overdue != truth.Overdue {
		t.Errorf("digest: %d overdue, truth %d", d.Overdue, truth.Overdue)
	}
}

// TestSampleContentExports builds the exports of the repository's sample
// knowledge base and checks they are well-formed.
func TestSampleContentExports(t *testing.T) {
	root := os.DirFS("../../..")
	if _, err := fs.Stat(root, "content/postmortems"); err != nil {
		t.Fatalf("sample content: %v", err)
	}
	kb := corpustest.LoadFS(t, root, model.Date{Year: 2026, Month: 11, Day: 27})
	if len(kb.Postmortems) < 12 {
		t.Fatalf("%d sample postmortems", len(kb.Postmortems))
	}
	out := files(t, kb, opts)
	for _, p := range []string{FeedPath, OverdueFeedPath, SitemapPath} {
		var v struct{}
		decodeXML(t, p, out[p], &v)
	}
	parseICS(t, out[CalendarPath])
	var idx APIIndex
	if err := json.Unmarshal(out[PostmortemsAPIPath], &idx); err != nil || idx.Count != len(kb.Postmortems) {
		t.Errorf("postmortems.json: %v, count %d", err, idx.Count)
	}
}
