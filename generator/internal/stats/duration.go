package stats

import (
	"math"
	"strconv"
	"strings"
)

// durationUnits are the units of FormatDuration in each UI language, as
// the default theme writes a postmortem's durations (i18n "duration.*").
var durationUnits = map[string]struct{ s, min, h, d, sep string }{
	"en": {" s", " min", " h", " d", " "},
	"ja": {"秒", "分", "時間", "日", ""},
}

// FormatDuration writes a duration of m minutes the way a postmortem's
// page does, in lang ("en" or "ja"; others get English): "19 min",
// "2 h 28 min", "3 d 4 h", "45 s", or "19分", "2時間28分"; "–" stands for
// none. A median or a percentile is rounded to the nearest minute (the
// pages, showing a timeline's exact moments, round down).
func FormatDuration(lang string, m *float64) string {
	if m == nil || math.IsNaN(*m) {
		return "–"
	}
	u, ok := durationUnits[lang]
	if !ok {
		u = durationUnits["en"]
	}
	v, sign := *m, ""
	if v < 0 {
		v, sign = -v, "-"
	}
	if secs := math.Round(v * 60); secs < 60 {
		return sign + strconv.Itoa(int(secs)) + u.s
	}
	mins := int(math.Round(v))
	days, hours, rest := mins/(24*60), mins/60%24, mins%60
	parts := make([]string, 0, 2)
	switch {
	case days > 0:
		parts = append(parts, strconv.Itoa(days)+u.d)
		if hours > 0 {
			parts = append(parts, strconv.Itoa(hours)+u.h)
		}
	case hours > 0:
		parts = append(parts, strconv.Itoa(hours)+u.h)
		if rest > 0 {
			parts = append(parts, strconv.Itoa(rest)+u.min)
		}
	default:
		parts = append(parts, strconv.Itoa(rest)+u.min)
	}
	return sign + strings.Join(parts, u.sep)
}

// FormatDays writes a number of days as a whole number ("1246" for a
// median of 1245.5): an age in days reads as whole days.
func FormatDays(d float64) string {
	return strconv.FormatFloat(math.Round(d), 'f', 0, 64)
}
