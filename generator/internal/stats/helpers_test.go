package stats

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// say returns how the default theme writes durations in lang, as the
// postmortem pages and the statistics page do.
func say(t testing.TB, lang string) func(time.Duration) string {
	t.Helper()
	return words(t, lang).Duration
}

// words returns the default theme's UI strings in lang, the words the
// statistics page gives its charts.
func words(t testing.TB, lang string) *render.Words {
	t.Helper()
	w, err := render.LoadWords(themes.Default(), lang)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// at parses "2024-03-14" (midnight in loc) or an RFC 3339 time.
func at(t testing.TB, s string, loc *time.Location) time.Time {
	t.Helper()
	if v, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return v
	}
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad time %q: %v", s, err)
	}
	return v
}

func day(t testing.TB, s string) model.Date {
	t.Helper()
	d, err := model.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// pm makes a postmortem; more options follow as funcs.
func pm(t testing.TB, id, date, sev string, systems, causes []string, opts ...func(*model.Postmortem)) *model.Postmortem {
	t.Helper()
	p := &model.Postmortem{ID: id, Path: "content/postmortems/" + id + ".md", Title: "Incident " + id,
		Date: at(t, date, time.UTC), Severity: sev, Systems: systems, Causes: causes}
	for _, o := range opts {
		o(p)
	}
	return p
}

func detection(d string) func(*model.Postmortem) {
	return func(p *model.Postmortem) { p.Detection = d }
}
func related(ids ...string) func(*model.Postmortem) {
	return func(p *model.Postmortem) { p.Related = ids }
}
func teams(ts ...string) func(*model.Postmortem) { return func(p *model.Postmortem) { p.Teams = ts } }
func items(its ...model.ActionItem) func(*model.Postmortem) {
	return func(p *model.Postmortem) { p.ActionItems = its }
}

// timeline sets started and the given offsets in minutes (negative: absent).
func timeline(t testing.TB, started string, detect, mitigate, resolve int) func(*model.Postmortem) {
	return func(p *model.Postmortem) {
		s := at(t, started, time.UTC)
		p.Timeline.Started = s
		if detect >= 0 {
			p.Timeline.Detected = s.Add(time.Duration(detect) * time.Minute)
		}
		if mitigate >= 0 {
			p.Timeline.Mitigated = s.Add(time.Duration(mitigate) * time.Minute)
		}
		if resolve >= 0 {
			p.Timeline.Resolved = s.Add(time.Duration(resolve) * time.Minute)
		}
	}
}

func newKB(tz *time.Location, today model.Date, pms ...*model.Postmortem) *model.KnowledgeBase {
	cfg := model.DefaultSiteConfig()
	cfg.TimeZone = tz
	return model.New(cfg, today, pms)
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s differs from golden (-want +got):\n%s", name, d)
	}
}
