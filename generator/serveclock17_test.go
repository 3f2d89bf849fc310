package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/model"
)

// TestSessionRereadsClock: pmkb serve took the clock once at its start,
// so a preview left running past midnight kept the old day's overdue
// counts, feeds and JSON at every rebuild (QA 17 B-F7). Each complete
// build reads the clock again, unless --today (Options.Today) or the
// config's today fixes the day.
func TestSessionRereadsClock(t *testing.T) {
	day1 := time.Date(2026, 11, 27, 23, 59, 0, 0, time.UTC)
	var clock atomic.Pointer[time.Time]
	clock.Store(&day1)
	now := func() time.Time { return *clock.Load() }
	asOf := func(files []generator.File) string {
		t.Helper()
		data := fileData(files, "api/postmortems.json")
		i := strings.Index(data, `"today": "`)
		if i < 0 {
			t.Fatalf("api/postmortems.json has no today:\n%.300s", data)
		}
		return data[i+len(`"today": "`) : i+len(`"today": "`)+10]
	}
	for _, c := range []struct {
		name, config string
		today        model.Date
		want1, want2 string
	}{
		{"clock", "", model.Date{}, "2026-11-27", "2026-11-28"},
		{"--today", "", model.Date{Year: 2026, Month: 3, Day: 1}, "2026-03-01", "2026-03-01"},
		{"config today", "title = \"KB\"\ntoday = \"2026-03-02\"\n", model.Date{}, "2026-03-02", "2026-03-02"},
	} {
		t.Run(c.name, func(t *testing.T) {
			clock.Store(&day1)
			dir, write := sessionSite(t)
			a := filepath.Join(dir, "content", "postmortems", "a.md")
			write(a, sessionPM)
			if c.config != "" {
				write(filepath.Join(dir, "pmkb.toml"), c.config)
			}
			s := generator.NewSession(generator.Options{Source: os.DirFS(dir), Today: c.today, Clock: now(), Now: now}, dir)
			ctx := context.Background()
			files, diags, _, err := s.Build(ctx, nil)
			if err != nil {
				t.Fatalf("first build: %v\n%s", err, diags)
			}
			if got := asOf(files); got != c.want1 {
				t.Errorf("first build as of %s, want %s", got, c.want1)
			}
			day2 := day1.Add(2 * time.Minute)
			clock.Store(&day2)
			write(a, sessionPM+"\nEdited after midnight.\n")
			if _, _, _, err := s.Build(ctx, []string{a}); err != nil {
				t.Fatal(err)
			}
			files, diags, _, err = s.Build(ctx, []string{})
			if err != nil {
				t.Fatalf("rebuild: %v\n%s", err, diags)
			}
			if got := asOf(files); got != c.want2 {
				t.Errorf("rebuild after midnight as of %s, want %s", got, c.want2)
			}
		})
	}
}
