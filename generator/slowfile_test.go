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

// steppingClock returns a clock that moves on by step at every reading,
// safe for the loader's several goroutines.
func steppingClock(step time.Duration) func() time.Time {
	var n atomic.Int64
	start := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	return func() time.Time { return start.Add(time.Duration(n.Add(1)) * step) }
}

// TestSlowFileWarning checks that a build and pmkb lint time each file's
// parsing with the caller's clock (Options.Now) and warn, as lint rule
// markdown/slow at the body's first line, about a file that took a second
// or more, with the advice to put logs in a code block or an attachment;
// that [lint] rules turns the warning off; and that a fast file, or no
// clock, gets none. The clock is a fake one, so the test does not depend
// on the machine's speed.
func TestSlowFileWarning(t *testing.T) {
	const pmPath = "content/postmortems/2025/2025-05-01-slow.md"
	body := "---\ntitle: Slow\ndate: 2025-05-01\nseverity: SEV3\nsystems: [checkout-api]\ncauses: [bad-deploy]\n" +
		"action_items:\n  - title: Fix it\n    owner: aiko\n    due: 2025-06-01\n---\n\n" +
		"A log pasted here.\n" // the body starts at line 12
	// The site holds the sample postmortems too, parsed at the same time:
	// each reading of the clock moves it on, so a file's time is a
	// multiple of the step, at least one.
	want := pmPath + ":12: warning: parsing this file took "
	cases := []struct {
		name string
		now  func() time.Time
		lint string
		warn bool
	}{
		{"slow", steppingClock(2 * time.Second), "", true},
		{"off", steppingClock(2 * time.Second), "[lint.rules]\n\"markdown/slow\" = \"off\"\n", false},
		// Some 20 files read at once: a file's time is at most ~40 ms.
		{"fast", steppingClock(time.Millisecond), "", false},
		{"no clock", nil, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := overlay(t, map[string]string{pmPath: body})
			src["pmkb.toml"].Data = append(src["pmkb.toml"].Data, "\n"+c.lint...)
			site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday, Now: c.now})
			if err != nil {
				t.Fatalf("build: %v\n%s", err, site.Diagnostics)
			}
			lint, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday, Now: c.now})
			if err != nil {
				t.Fatal(err)
			}
			for what, list := range map[string]string{"build": site.Diagnostics.String(), "lint": lint.String()} {
				if got := strings.Contains(list, want); got != c.warn {
					t.Errorf("%s warns %q: %v, want %v:\n%s", what, want, got, c.warn, list)
				}
			}
			var slow int
			for _, d := range lint.Items() {
				if d.Rule == "markdown/slow" && d.Pos.Path == pmPath {
					slow++
					if !strings.Contains(d.Hint, "fenced code block") || !strings.Contains(d.Hint, "attachment") {
						t.Errorf("hint %q does not advise a code block or an attachment", d.Hint)
					}
				}
			}
			if n := map[bool]int{true: 1, false: 0}[c.warn]; slow != n {
				t.Errorf("lint has %d markdown/slow findings, want %d:\n%s", slow, n, lint)
			}
		})
	}
	listed := map[string]string{}
	for _, r := range generator.LintRules() {
		listed[r[0]] = r[1]
	}
	if listed["markdown/slow"] != "warning" {
		t.Errorf("pmkb lint --rules lists markdown/slow as %q, want a warning", listed["markdown/slow"])
	}
}

// TestSessionQuickUpdateTimesTheEditedFile checks that pmkb serve's quick
// update, which parses an edited file alone, times it too: a file that
// became slow to parse is named at once, not only by the complete build.
func TestSessionQuickUpdateTimesTheEditedFile(t *testing.T) {
	dir, write := sessionSite(t)
	a := filepath.Join(dir, "content", "postmortems", "a.md")
	write(a, sessionPM)
	var slow atomic.Bool
	fast, slowClock := steppingClock(time.Millisecond), steppingClock(2*time.Second)
	now := func() time.Time {
		if slow.Load() {
			return slowClock()
		}
		return fast()
	}
	s := generator.NewSession(generator.Options{Source: os.DirFS(dir), Today: model.Date{Year: 2026, Month: 11, Day: 27}, Now: now}, dir)
	ctx := context.Background()
	if _, diags, _, err := s.Build(ctx, nil); err != nil || strings.Contains(diags.String(), "markdown/slow") {
		t.Fatalf("first build: %v\n%s", err, diags)
	}
	slow.Store(true)
	write(a, sessionPM+"\nA log pasted here.\n")
	_, diags, partial, err := s.Build(ctx, []string{a})
	if err != nil || !partial {
		t.Fatalf("edit not rebuilt quickly: partial %v, %v", partial, err)
	}
	if want := "a.md:"; !strings.Contains(diags.String(), "warning: parsing this file took 2.0 s") || !strings.Contains(diags.String(), want) {
		t.Errorf("the quick update does not warn that a.md was slow to parse:\n%s", diags)
	}
}
