package export

import (
	"encoding/xml"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/model"
)

// TestOverdueFeedDaysStartInTheSitesZone checks that on a site whose
// timeZone is Asia/Tokyo the overdue feed's date-only times (the feed's
// updated, today; an entry's, the day after its due date) are the start
// of the day there, as feed.xml's published time of a date-only
// postmortem is: they were UTC midnights, nine hours after the day began
// (QA 16 D-F13). A postmortem feed without entries is updated at the
// start of today there too.
func TestOverdueFeedDaysStartInTheSitesZone(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip(err)
	}
	pms := actionstest.Postmortems()
	// A date-only date, as the loader reads it in the site's zone.
	pms[0].Date = time.Date(2024, 3, 14, 0, 0, 0, 0, tokyo)
	cfg := model.DefaultSiteConfig()
	cfg.BaseURL = "https://kb.example.com/"
	cfg.TimeZone = tokyo
	out := files(t, model.New(cfg, actionstest.Today, pms), opts)

	type feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Links []struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Published string `xml:"published"`
			Updated   string `xml:"updated"`
		} `xml:"entry"`
	}
	var overdue, pmFeed feed
	if err := xml.Unmarshal(out[OverdueFeedPath], &overdue); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(out[FeedPath], &pmFeed); err != nil {
		t.Fatal(err)
	}
	if want := "2024-05-10T00:00:00+09:00"; overdue.Updated != want {
		t.Errorf("overdue feed updated %s, want %s (today's start in Tokyo)", overdue.Updated, want)
	}
	// Overdue items of the fixture: due 2024-03-29, 2024-05-01, 2024-05-09.
	want := map[string]string{
		"https://kb.example.com/postmortems/2024-03-14-checkout-cert/#item-AI-2": "2024-03-30T00:00:00+09:00",
		"https://kb.example.com/postmortems/2024-04-20-dns/#item-AI-1":           "2024-05-02T00:00:00+09:00",
		"https://kb.example.com/postmortems/2024-05-09-disk/#item-AI-1":          "2024-05-10T00:00:00+09:00",
	}
	if len(overdue.Entries) != len(want) {
		t.Fatalf("%d overdue entries, want %d", len(overdue.Entries), len(want))
	}
	for _, e := range overdue.Entries {
		if got := e.Updated; got != want[e.Links[0].Href] {
			t.Errorf("%s: updated %s, want %s", e.Links[0].Href, got, want[e.Links[0].Href])
		}
	}
	for _, e := range pmFeed.Entries {
		if e.Links[0].Href == "https://kb.example.com/postmortems/2024-03-14-checkout-cert/" && e.Published != "2024-03-14T00:00:00+09:00" {
			t.Errorf("feed.xml: a date-only postmortem published %s, want the start of its day in Tokyo", e.Published)
		}
	}

	empty := files(t, model.New(cfg, actionstest.Today, nil), opts)
	if err := xml.Unmarshal(empty[FeedPath], &pmFeed); err != nil {
		t.Fatal(err)
	}
	if want := "2024-05-10T00:00:00+09:00"; pmFeed.Updated != want {
		t.Errorf("feed.xml without postmortems: updated %s, want %s", pmFeed.Updated, want)
	}
}
