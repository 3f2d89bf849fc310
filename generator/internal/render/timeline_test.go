package render

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pmkb/pmkb/generator/model"
)

// TestTimelineTimes checks that a timeline is shown in the site's zone,
// named once in the column heading, with the moment as written kept in
// the datetime attribute and, when its offset differs, in the title
// (qa7-a #24: a timeline in Z on a Tokyo site showed 2026-10-21 23:30
// +00:00 for an incident of 2026-10-22, and every JST row repeated +09:00).
func TestTimelineTimes(t *testing.T) {
	load := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	tokyo, berlin, dubai := load("Asia/Tokyo"), load("Europe/Berlin"), load("Asia/Dubai")
	for _, tc := range []struct {
		name     string
		loc      *time.Location
		written  []string
		wantZone string
		want     []moment
	}{
		{"Z on a Tokyo site", tokyo, []string{"2026-10-21T23:30:00Z", "2026-10-22T00:10:00Z"}, "JST", []moment{
			{Time: "2026-10-22 08:30", Datetime: "2026-10-21T23:30:00Z", Title: "2026-10-21 23:30 +00:00"},
			{Time: "2026-10-22 09:10", Datetime: "2026-10-22T00:10:00Z", Title: "2026-10-22 00:10 +00:00"},
		}},
		{"JST on a Tokyo site", tokyo, []string{"2026-03-10T09:12:00+09:00"}, "JST", []moment{
			{Time: "2026-03-10 09:12", Datetime: "2026-03-10T09:12:00+09:00"},
		}},
		{"JST on a UTC site", time.UTC, []string{"2026-03-10T09:12:00+09:00"}, "UTC", []moment{
			{Time: "2026-03-10 00:12", Datetime: "2026-03-10T09:12:00+09:00", Title: "2026-03-10 09:12 +09:00"},
		}},
		{"no zone configured", nil, []string{"2026-03-10T09:12:00Z"}, "UTC", []moment{
			{Time: "2026-03-10 09:12", Datetime: "2026-03-10T09:12:00Z"},
		}},
		// The zone database names Dubai's zone "+04": the offset is shown.
		{"a zone without a name", dubai, []string{"2026-03-10T09:12:00+04:00"}, "UTC+04:00", []moment{
			{Time: "2026-03-10 09:12", Datetime: "2026-03-10T09:12:00+04:00"},
		}},
		// Across the change to summer time the later rows say their offset.
		{"across summer time", berlin, []string{"2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00"}, "CET", []moment{
			{Time: "2026-03-29 01:30", Datetime: "2026-03-29T01:30:00+01:00"},
			{Time: "2026-03-29 03:30 +02:00", Datetime: "2026-03-29T03:30:00+02:00"},
		}},
	} {
		var moments []model.Moment
		for _, s := range tc.written {
			moments = append(moments, model.Moment{Name: "started", Time: mustTime(s)})
		}
		zone, rows := timelineTimes(moments, tc.loc)
		if zone != tc.wantZone {
			t.Errorf("%s: zone %q, want %q", tc.name, zone, tc.wantZone)
		}
		if diff := cmp.Diff(tc.want, rows, cmp.AllowUnexported(moment{})); diff != "" {
			t.Errorf("%s: rows differ (-want +got):\n%s", tc.name, diff)
		}
	}
}

// TestTimelineOnPage checks the timeline of a postmortem page of a Tokyo
// site: the zone in the heading, times without an offset.
func TestTimelineOnPage(t *testing.T) {
	files := site(t, testKB("ja", repo), testOpts)
	page := fileText(t, files, "postmortems/2024-03-14-checkout-cert/index.html")
	for _, want := range []string{`<th scope="col">時刻（JST）</th>`, `<time datetime="2024-03-14T09:12:00&#43;09:00">2024-03-14 09:12</time>`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "09:12 &#43;09:00<") {
		t.Errorf("a row repeats the site's offset")
	}
}
