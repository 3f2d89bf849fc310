package stats

import (
	"math"
	"strconv"
	"time"
)

// maxMinutes is the longest duration figure FormatDuration can say, in
// minutes: about 292 years, the range of time.Duration.
const maxMinutes = float64(math.MaxInt64 / int64(time.Minute))

// FormatDuration writes a duration figure of m minutes (a median, a
// percentile) with say, the words a postmortem's page writes its
// durations with (render.Words.Duration), so "19 min", "2 h 28 min",
// "45 s" or "2時間28分" read alike on every page; "–" stands for none. The
// figure is rounded to the nearest second under a minute and to the
// nearest minute from there (the pages, showing a timeline's exact
// moments, round down).
func FormatDuration(m *float64, say func(time.Duration) string) string {
	if m == nil || math.IsNaN(*m) {
		return "–"
	}
	v := min(max(*m, -maxMinutes), maxMinutes)
	if secs := math.Round(v * 60); math.Abs(secs) < 60 {
		return say(time.Duration(secs) * time.Second)
	}
	return say(time.Duration(math.Round(v)) * time.Minute)
}

// FormatDays writes a number of days as a whole number ("1246" for a
// median of 1245.5): an age in days reads as whole days.
func FormatDays(d float64) string {
	return strconv.FormatFloat(math.Round(d), 'f', 0, 64)
}
