package stats

import (
	"bytes"
	"strings"
	"testing"
)

// TestWriteTextGranularity checks that the terminal report has the
// incidents of each period by severity, per quarter or, with
// --granularity month, per month, the latest top periods (QA 15 D-F3:
// the flag changed only --json, the text was the same either way).
func TestWriteTextGranularity(t *testing.T) {
	for _, tt := range []struct {
		name        string
		granularity string
		top         int
		want, not   []string
	}{
		{"quarters", Quarter, DefaultTop,
			[]string{"\nPer quarter  total  SEV1  SEV2  SEV3  SEV4\n", "\n  2024-Q1    2      1     1     0     0\n", "\n  2024-Q2    2      0     1     1     0\n"},
			[]string{"Per month", "earlier (--top"}},
		{"months", Month, DefaultTop,
			[]string{"\nPer month  total  SEV1  SEV2  SEV3  SEV4\n", "\n  2024-01  "},
			[]string{"Per quarter", "2024-Q1", "earlier (--top"}},
		// The line of the earlier periods comes after the rows, so that
		// the rows stay one aligned table (a line between the header and
		// them broke it, QA 15 regression pass, a-7).
		// The periods run to today (2024-07-01), past the last incident
		// (2024-05-20): a quiet stretch shows as periods of none.
		{"the latest months", Month, 2,
			[]string{"Per month  total  SEV1  SEV2  SEV3  SEV4\n  2024-06  0      0     0     0     0\n  2024-07  0      0     0     0     0\n  … 5 earlier (--top 0 shows all)\n"},
			[]string{"\n  2024-01  ", "\n  2024-05  "}},
		{"up to today", Month, 0,
			[]string{"\n  2024-05  1", "\n  2024-06  0", "\n  2024-07  0"},
			[]string{"\n  2024-08  ", "earlier (--top"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteText(&b, Compute(fixture(t), Options{Granularity: tt.granularity}), say(t, "en"), tt.top); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(out, w) {
					t.Errorf("output holds %q:\n%s", w, out)
				}
			}
		})
	}
}
