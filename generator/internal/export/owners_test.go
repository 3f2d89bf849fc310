package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/model"
)

// TestExportsWithoutOwners exports action items that name no owner, as a
// public build hands them on (qa7-b #7): the calendar says the title alone
// and no "Owner:" line, the overdue feed says how late an item is without
// "owned by", an empty name or an entry author, and the default pages list
// no owner page. With owners the same exports name them, so the test can
// fail.
func TestExportsWithoutOwners(t *testing.T) {
	for _, named := range []bool{true, false} {
		pms := actionstest.Postmortems()
		if !named {
			for _, p := range pms {
				for i := range p.ActionItems {
					p.ActionItems[i].Owner = ""
				}
			}
		}
		cfg := model.DefaultSiteConfig()
		cfg.BaseURL = "https://kb.example.com/pm/"
		kb := model.New(cfg, actionstest.Today, pms)
		out := files(t, kb, opts)

		var summaries, descriptions []string
		for _, ev := range events(parseICS(t, out[CalendarPath])) {
			summaries = append(summaries, unescapeText(t, ev.Props["SUMMARY"][0]))
			descriptions = append(descriptions, unescapeText(t, ev.Props["DESCRIPTION"][0]))
		}
		wantSummary := "Alert 14 days before any certificate expires"
		wantDescription := "Action item 2024-03-14-checkout-cert#AI-2\nStatus: open\n"
		if named {
			wantSummary += " (aiko)"
			wantDescription = "Action item 2024-03-14-checkout-cert#AI-2\nOwner: aiko\nStatus: open\n"
		}
		if len(summaries) == 0 || summaries[0] != wantSummary {
			t.Errorf("named %v: first SUMMARY %q, want %q", named, summaries, wantSummary)
		}
		if len(descriptions) == 0 || !strings.HasPrefix(descriptions[0], wantDescription) {
			t.Errorf("named %v: first DESCRIPTION %q, want it to start %q", named, descriptions, wantDescription)
		}
		if hasOwner := strings.Contains(strings.Join(descriptions, "\n"), "Owner:"); hasOwner != named {
			t.Errorf("named %v: a DESCRIPTION says Owner: %v", named, hasOwner)
		}

		var f struct {
			Author  string `xml:"author>name"`
			Entries []struct {
				Title   string   `xml:"title"`
				Summary string   `xml:"summary"`
				Authors []string `xml:"author>name"`
			} `xml:"entry"`
		}
		decodeXML(t, OverdueFeedPath, out[OverdueFeedPath], &f)
		if len(f.Entries) == 0 {
			t.Fatalf("named %v: no overdue entries", named)
		}
		e := f.Entries[0]
		want := struct{ title, summary string }{
			"Alert 14 days before any certificate expires (due 2024-03-29)",
			"2024-03-14-checkout-cert#AI-2, was due 2024-03-29: 42 days overdue as of 2024-05-10.",
		}
		var wantAuthors []string
		if named {
			want.title = "Alert 14 days before any certificate expires (aiko, due 2024-03-29)"
			want.summary = "2024-03-14-checkout-cert#AI-2, owned by aiko, was due 2024-03-29: 42 days overdue as of 2024-05-10."
			wantAuthors = []string{"aiko"}
		}
		if e.Title != want.title || !strings.HasPrefix(e.Summary, want.summary) {
			t.Errorf("named %v: entry\n title %q\n summary %q\nwant\n title %q\n summary starting %q", named, e.Title, e.Summary, want.title, want.summary)
		}
		if diff := cmp.Diff(wantAuthors, e.Authors); diff != "" {
			t.Errorf("named %v: entry authors (-want +got):\n%s", named, diff)
		}
		if f.Author == "" {
			t.Errorf("named %v: the feed has no author, which Atom needs for entries without one", named)
		}
		for _, e := range f.Entries {
			if strings.Contains(e.Summary, "owned by ,") || strings.Contains(e.Title, "(,") {
				t.Errorf("named %v: entry names an empty owner: %q %q", named, e.Title, e.Summary)
			}
		}
		owners := 0
		for _, p := range DefaultPages(kb) {
			if strings.HasPrefix(p, "actions/owners/") {
				owners++
			}
		}
		if (owners > 0) != named {
			t.Errorf("named %v: DefaultPages lists %d owner pages", named, owners)
		}
		if !named && bytes.Contains(out[CalendarPath], []byte("()")) {
			t.Errorf("calendar holds an empty owner \"()\"")
		}
	}
}
