package export

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/model"
)

// TestTimeZoneFarFuture: past year 10000 Go's ZoneBounds gives next == t,
// and the VTIMEZONE loop never advanced: --today 9999-12-31 on a DST zone
// wrote STANDARD blocks until the machine ran out of memory (QA 17 B-F3).
// Every year must end in a small, bounded VTIMEZONE.
func TestTimeZoneFarFuture(t *testing.T) {
	for _, name := range []string{"America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "America/Santiago"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, today := range []model.Date{{Year: 9999, Month: 12, Day: 31}, {Year: 9999, Month: 1, Day: 1}, {Year: 9998, Month: 6, Day: 1}, {Year: 1, Month: 1, Day: 1}} {
			done := make(chan string, 1)
			go func() {
				var c icsWriter
				c.timeZone(loc, today)
				done <- c.b.String()
			}()
			select {
			case out := <-done:
				if n := strings.Count(out, "BEGIN:STANDARD") + strings.Count(out, "BEGIN:DAYLIGHT"); n < 1 || n > 8 {
					t.Errorf("%s as of %s: %d VTIMEZONE blocks, want 1 to 8", name, today, n)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("%s as of %s: VTIMEZONE still being written after 5 s", name, today)
			}
		}
	}
}

// TestOverdueFeedSkippedMidnight: on a day whose 00:00 the clocks skip
// (America/Santiago, 2026-09-06) the overdue feed's day start was 23:00
// of the day before, an hour before the item's due day had ended (QA 17
// B-F2). It is the day's first instant, 01:00-03:00.
func TestOverdueFeedSkippedMidnight(t *testing.T) {
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	pms := actionstest.Postmortems()
	var item *model.ActionItem
	for i := range pms[0].ActionItems {
		if it := &pms[0].ActionItems[i]; it.ID == "AI-2" {
			item = it
		}
	}
	if item == nil {
		t.Fatal("fixture has no AI-2")
	}
	item.Due = model.Date{Year: 2026, Month: 9, Day: 5}
	cfg := model.DefaultSiteConfig()
	cfg.BaseURL = "https://kb.example.com/"
	cfg.TimeZone = santiago
	out := files(t, model.New(cfg, model.Date{Year: 2026, Month: 9, Day: 6}, pms), opts)
	var feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Links []struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(out[OverdueFeedPath], &feed); err != nil {
		t.Fatal(err)
	}
	const want = "2026-09-06T01:00:00-03:00"
	if feed.Updated != want {
		t.Errorf("overdue feed updated %s, want %s (today's first instant)", feed.Updated, want)
	}
	found := false
	for _, e := range feed.Entries {
		if e.Links[0].Href == "https://kb.example.com/postmortems/2024-03-14-checkout-cert/#item-AI-2" {
			found = true
			if e.Updated != want {
				t.Errorf("item due 2026-09-05: updated %s, want %s", e.Updated, want)
			}
		}
	}
	if !found {
		t.Error("item due 2026-09-05 is not in the overdue feed")
	}
}
