package stats

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSiteMatchesSeparateCalls checks that Site, which shares the repeat
// search, gives exactly what Compute, RepeatInfo and ForTerms give, with
// the site's window and with the default one.
func TestSiteMatchesSeparateCalls(t *testing.T) {
	for _, window := range []int{0, 30} {
		kb := synthetic(1_500, 11)
		kb.Config.RepeatWindowDays = window
		got := Site(kb)
		if d := cmp.Diff(mustJSON(t, Compute(kb, Options{})), mustJSON(t, got.Report)); d != "" {
			t.Errorf("window %d: report differs (-Compute +Site):\n%s", window, d)
		}
		if d := cmp.Diff(RepeatInfo(kb, kb.Config.RepeatWindowDays), got.Repeats); d != "" {
			t.Errorf("window %d: repeats differ (-RepeatInfo +Site):\n%s", window, d)
		}
		if d := cmp.Diff(ForTerms(kb, Options{}), got.Terms); d != "" {
			t.Errorf("window %d: term reports differ (-ForTerms +Site):\n%s", window, d)
		}
		if len(got.Repeats) == 0 || len(got.Terms.Systems) == 0 {
			t.Fatalf("window %d: nothing to compare", window)
		}
	}
}
