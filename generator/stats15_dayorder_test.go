package generator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/model"
)

// TestIncidentDayOrderSite builds sites whose incidents are dated with
// their own UTC offsets (QA 15 B-F1): an evening in California on the
// last day of a month is a later instant, on a UTC site, than an incident
// on the 1st. The build panicked; within one month it listed the evening
// above the next day's incident, called the next day's "Latest incident"
// the evening's, and the evening a repeat of it, "-1 days earlier". Each
// case checks that the build and the statistics complete, and that every
// list and figure follows the days shown.
func TestIncidentDayOrderSite(t *testing.T) {
	const pmFile = "---\ntitle: Incident %s\ndate: %s\nseverity: SEV2\nsystems: [api]\ncauses: [capacity]\nteams: [core]\n" +
		"action_items:\n  - title: fix %s\n    owner: ana\n    due: 2025-02-01\n---\n\nBody.\n"
	today := model.Date{Year: 2025, Month: 3, Day: 10}
	for _, tt := range []struct {
		name        string
		early, late string // dates: early's day is the day before late's
	}{
		{"new year's eve", "2024-12-31T20:00:00-08:00", "2025-01-01"},
		{"a month's end", "2025-01-31T20:00:00-08:00", "2025-02-01"},
		{"California and Tokyo", "2024-12-31T20:00:00-08:00", "2025-01-01T09:00:00+09:00"},
		{"within a month", "2025-02-10T20:00:00-08:00", "2025-02-11"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := fstest.MapFS{
				"pmkb.toml":                {Data: []byte("title = \"Min\"\nlanguage = \"en\"\n")},
				"content/postmortems/a.md": {Data: []byte(fmt.Sprintf(pmFile, "a", tt.early, "a"))},
				"content/postmortems/b.md": {Data: []byte(fmt.Sprintf(pmFile, "b", tt.late, "b"))},
			}
			earlyDay, lateDay := tt.early[:10], tt.late[:10]
			var site *generator.Site
			var err error
			if perr := recovered(func() {
				site, err = generator.Build(context.Background(), generator.Options{Source: src, Today: today})
			}); perr != nil {
				t.Fatalf("build: %v", perr)
			}
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			if perr := recovered(func() { _, err = generator.Stats(site.KB, generator.StatsOptions{}) }); perr != nil || err != nil {
				t.Fatalf("stats: %v %v", perr, err)
			}
			files := filesByPath(site)

			// newest first by day: b, then a (a system page's repeat
			// chains, above its incidents, are oldest first)
			links := regexp.MustCompile(`href="(?:\.\.?/)*postmortems/([ab])/index\.html"`)
			for page, from := range map[string]string{"index.html": `id="h-latest"`, "postmortems/index.html": "<table",
				"teams/core/index.html": `id="h-incidents"`, "systems/api/index.html": `id="h-incidents"`} {
				_, list, ok := strings.Cut(string(files[page]), from)
				if !ok {
					t.Fatalf("%s has no %s", page, from)
				}
				var order []string
				for _, m := range links.FindAllStringSubmatch(list, -1) {
					if !slices.Contains(order, m[1]) {
						order = append(order, m[1])
					}
				}
				if !slices.Equal(order, []string{"b", "a"}) {
					t.Errorf("%s lists the postmortems %v; want [b a] (newest day first)", page, order)
				}
			}
			for _, page := range []string{"teams/index.html", "systems/index.html", "causes/index.html"} {
				if s := string(files[page]); !strings.Contains(s, `<time datetime="`+lateDay+`">`) {
					t.Errorf("%s: latest incident is not %s", page, lateDay)
				}
			}

			var st struct {
				First, Last string
				Repeats     struct {
					Count int
					Items []struct {
						ID string
						Of []struct {
							ID   string
							Days int
						}
					}
				}
			}
			if err := json.Unmarshal(files["api/stats.json"], &st); err != nil {
				t.Fatal(err)
			}
			if st.First != earlyDay || st.Last != lateDay {
				t.Errorf("stats.json first, last = %s, %s; want %s, %s", st.First, st.Last, earlyDay, lateDay)
			}
			if got := fmt.Sprint(st.Repeats.Items); st.Repeats.Count != 1 || got != "[{b [{a 1}]}]" {
				t.Errorf("stats.json repeats: %d, %s; want 1, b repeats a 1 day earlier", st.Repeats.Count, got)
			}
		})
	}
}

// recovered runs f and returns what it panicked with, if it did.
func recovered(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}
