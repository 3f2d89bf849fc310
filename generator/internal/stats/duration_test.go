package stats

import (
	"math"
	"strings"
	"testing"
	"time"
)

// TestFormatDuration checks that a duration figure is rounded as the
// statistics page shows it and said with the words a postmortem's page
// uses (QA: the stats page wrote "29m" and "2.1h" while the pages said
// "29 min" and "2 h 6 min", or "29分"; review: it kept its own copy of the
// theme's units).
func TestFormatDuration(t *testing.T) {
	en, ja := say(t, "en"), say(t, "ja")
	inf, nan := math.Inf(1), math.NaN()
	for _, c := range []struct {
		say  func(time.Duration) string
		lang string
		m    *float64
		want string
	}{
		{en, "en", nil, "–"},
		{en, "en", &nan, "–"},
		{en, "en", f(0.75), "45 s"},
		{en, "en", f(29), "29 min"},
		{en, "en", f(29.4), "29 min"},
		{en, "en", f(29.5), "30 min"},
		{en, "en", f(0.999), "1 min"},
		{en, "en", f(60), "1 h"},
		{en, "en", f(148), "2 h 28 min"},
		{en, "en", f(126.4), "2 h 6 min"},
		{en, "en", f(3 * 1440), "3 d"},
		{en, "en", f(2*1440 + 4*60 + 59), "2 d 4 h"},
		{en, "en", f(59.6), "1 h"},
		{en, "en", f(-19), "-19 min"},
		{en, "en", f(-0.75), "-45 s"},
		{en, "en", &inf, "106751 d 23 h"},
		{ja, "ja", f(19), "19分"},
		{ja, "ja", f(148), "2時間28分"},
		{ja, "ja", f(1440 + 60), "1日1時間"},
		{ja, "ja", f(0.5), "30秒"},
		{say(t, ""), "", f(19), "19 min"},
	} {
		if got := FormatDuration(c.m, c.say); got != c.want {
			v := any(nil)
			if c.m != nil {
				v = *c.m
			}
			t.Errorf("FormatDuration(%v) in %q = %q, want %q", v, c.lang, got, c.want)
		}
	}
	// Without words a figure reads as Go writes a time.Duration.
	if got := FormatDuration(f(98), time.Duration.String); got != "1h38m0s" {
		t.Errorf("FormatDuration(98, Duration.String) = %q", got)
	}
}

// TestFormatDays checks that ages in days are whole days (QA: "median
// 1245.5 days").
func TestFormatDays(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 1245.5: "1246", 1245.4: "1245", 131.5: "132", 7: "7"} {
		if got := FormatDays(in); got != want {
			t.Errorf("FormatDays(%v) = %q, want %q", in, got, want)
		}
	}
}

// TestChartsNameDetectionSources checks that the detection charts label
// sources with the theme's names of them, not their slugs, and write
// durations in the page's language.
func TestChartsNameDetectionSources(t *testing.T) {
	r := Compute(fixture(t), Options{})
	seen := 0
	for _, fig := range Figures(r, words(t, "ja"), Names{}) {
		if fig.Path != "stats/detection.svg" && fig.Path != "stats/time-to-detect-by-detection.svg" {
			continue
		}
		seen++
		svg := string(fig.SVG)
		if !strings.Contains(svg, "顧客からの報告") || strings.Contains(svg, "customer-report") {
			t.Errorf("%s: want the source's name, not its slug:\n%s", fig.Path, svg)
		}
		// p2, the one customer report, took 120 minutes to detect.
		if fig.Path == "stats/time-to-detect-by-detection.svg" && !strings.Contains(fig.Desc, "顧客からの報告 2時間/2時間") {
			t.Errorf("%s: description %q lacks the durations in Japanese", fig.Path, fig.Desc)
		}
	}
	if seen != 2 {
		t.Errorf("%d detection charts, want 2", seen)
	}
}
