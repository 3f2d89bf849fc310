package stats

import (
	"math"
	"slices"
)

// Percentile returns the p-th percentile (0 ≤ p ≤ 100) of sorted, an
// ascending slice, by linear interpolation between closest ranks (the method
// R calls type 7 and spreadsheets call PERCENTILE.INC): with h = (n−1)·p/100,
// the result is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). So the median of two
// values is their mean, and the 90th percentile of one value is that value.
// It reports false for an empty slice.
func Percentile(sorted []float64, p float64) (float64, bool) {
	n := len(sorted)
	if n == 0 {
		return 0, false
	}
	p = min(max(p, 0), 100)
	h := float64(n-1) * p / 100
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1], true
	}
	frac := h - float64(lo)
	return sorted[lo] + frac*(sorted[lo+1]-sorted[lo]), true
}

// SmallN is the sample size below which a distribution is flagged as too
// small to compare with another.
const SmallN = 5

// durationBins are the fixed histogram bins of every duration distribution,
// in minutes. Incident durations are heavy-tailed, so the bins grow roughly
// geometrically; the last bin is open-ended.
var durationBins = [...]Bin{
	{Label: "<5m", Lo: 0, Hi: 5},
	{Label: "5–15m", Lo: 5, Hi: 15},
	{Label: "15–30m", Lo: 15, Hi: 30},
	{Label: "30–60m", Lo: 30, Hi: 60},
	{Label: "1–2h", Lo: 60, Hi: 120},
	{Label: "2–4h", Lo: 120, Hi: 240},
	{Label: "4–8h", Lo: 240, Hi: 480},
	{Label: "8–24h", Lo: 480, Hi: 1440},
	{Label: "1–3d", Lo: 1440, Hi: 4320},
	{Label: "≥3d", Lo: 4320},
}

// Bin is one histogram bin: values v with Lo ≤ v < Hi, or v ≥ Lo when Hi is
// zero (the open last bin).
type Bin struct {
	Label string  `json:"label"`
	Lo    float64 `json:"lo_minutes"`
	Hi    float64 `json:"hi_minutes,omitempty"`
}

// binOf returns the index of the durationBins bin holding minutes.
func binOf(minutes float64) int {
	for i, b := range durationBins {
		if b.Hi == 0 || minutes < b.Hi {
			return i
		}
	}
	return len(durationBins) - 1
}

// DurationStat summarises one group of durations in minutes. A postmortem
// without the figure (no timeline, a moment missing, or moments out of
// order) is counted in Missing and never as zero.
type DurationStat struct {
	Key     string `json:"key"`
	N       int    `json:"n"`
	Missing int    `json:"missing"`
	// Median, P90, Min and Max are in minutes, exact, so that the words
	// that say them round once (QA 20 C-F5); the JSON rounds them to 2
	// places. Null when N is 0.
	Median *float64 `json:"median_minutes"`
	P90    *float64 `json:"p90_minutes"`
	Min    *float64 `json:"min_minutes"`
	Max    *float64 `json:"max_minutes"`
	// SmallN is set when N < 5: too few to compare with another group.
	SmallN bool `json:"small_n"`
	// Histogram counts values per DurationBins bin.
	Histogram []int `json:"histogram"`
}

// summarize builds the DurationStat of values (minutes, any order).
func summarize(key string, values []float64, missing int) DurationStat {
	s := DurationStat{Key: key, N: len(values), Missing: missing, SmallN: len(values) < SmallN,
		Histogram: make([]int, len(durationBins))}
	if len(values) == 0 {
		return s
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	med, _ := Percentile(sorted, 50)
	p90, _ := Percentile(sorted, 90)
	s.Median, s.P90 = ptr(med), ptr(p90)
	s.Min, s.Max = ptr(sorted[0]), ptr(sorted[len(sorted)-1])
	for _, v := range sorted {
		s.Histogram[binOf(v)]++
	}
	return s
}

func ptr[T any](v T) *T { return &v }

// round rounds x to places decimal places, so JSON stays short and stable.
func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

// share is count/total, 0 when total is 0; exact, the JSON rounds it (see
// sharePlaces).
func share(count, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(count) / float64(total)
}
