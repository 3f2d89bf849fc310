package stats

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPeriodsStopAtToday checks that an Until after today runs the
// periods to today's, not into the future, whose periods are unknown, not
// quiet (review 16: --until 2030-01-01 listed 73 months, 66 of them
// after today, as months of no incidents).
func TestPeriodsStopAtToday(t *testing.T) {
	kb := fixture(t) // today is 2024-07-01
	r := Compute(kb, Options{Until: day(t, "2030-01-01"), Granularity: Month})
	want := []string{"2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07"}
	if d := cmp.Diff(want, r.Periods); d != "" {
		t.Errorf("periods (-want +got):\n%s", d)
	}
	terms := ForTerms(kb, Options{Until: day(t, "2030-01-01")})
	if len(terms.Systems) == 0 {
		t.Fatal("no system's report")
	}
	for _, m := range []map[string]*TermReport{terms.Systems, terms.Causes} {
		for key, term := range m {
			if n := len(term.PerQuarter); n == 0 || term.PerQuarter[n-1].Period != "2024-Q3" {
				t.Errorf("%s %s: per_quarter %v, want it to end in 2024-Q3", term.Kind, key, term.PerQuarter)
			}
		}
	}
}
