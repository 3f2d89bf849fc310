package lint

import (
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// TestFutureTimelineInSiteZone: dates/future judged a timeline moment by
// its day in the offset it was written with, so 08:00+09:00 on the 28th
// was "after today (2026-11-27)" on a Los Angeles site whose page shows
// it as 2026-11-27 15:00, and 20:00-08:00 on the 27th, tomorrow 13:00 on
// a Tokyo site's page, passed. It is the day in the site's timeZone now,
// as the page shows it (QA 17 B-F4); today is 2026-11-27.
func TestFutureTimelineInSiteZone(t *testing.T) {
	for _, c := range []struct {
		zone, started string
		want          string // in the warning; "" for none
	}{
		{"America/Los_Angeles", "2026-11-28T08:00:00+09:00", ""},
		{"Asia/Tokyo", "2026-11-27T20:00:00-08:00", "timeline started 2026-11-27T20:00:00-08:00 (2026-11-28 13:00 in Asia/Tokyo) is after today (2026-11-27)"},
		{"Asia/Tokyo", "2026-11-28T00:30:00+09:00", "timeline started 2026-11-28T00:30:00+09:00 is after today (2026-11-27)"},
		{"UTC", "2026-11-27T23:59:00Z", ""},
	} {
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			t.Fatal(err)
		}
		started, err := time.Parse(time.RFC3339, c.started)
		if err != nil {
			t.Fatal(err)
		}
		cfg := model.DefaultSiteConfig()
		cfg.TimeZone = loc
		p := pm(func(p *model.Postmortem) {
			p.Date = time.Date(2026, 11, 27, 0, 0, 0, 0, loc)
			p.Timeline = model.Timeline{Started: started}
		})
		var got []string
		for _, d := range lintOne(md(), p, &cfg, Config{}).Items() {
			if d.Rule == "dates/future" {
				got = append(got, d.Message)
				if d.Pos.Line != 11 {
					t.Errorf("%s %s: at line %d, want 11", c.zone, c.started, d.Pos.Line)
				}
			}
		}
		switch {
		case c.want == "" && len(got) > 0:
			t.Errorf("%s %s: unexpected %q", c.zone, c.started, got)
		case c.want != "" && (len(got) != 1 || got[0] != c.want):
			t.Errorf("%s %s: %q, want %q", c.zone, c.started, got, c.want)
		}
	}
}
