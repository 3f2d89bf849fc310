package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/model"
)

func runStats(_ context.Context, e *env, args []string) int {
	f := newFlags(e, "stats", "[flags]", "Show what keeps breaking: incidents by cause, system, severity and detection, durations, repeats and action items.")
	var sf siteFlags
	sf.register(f)
	since, until := periodFlag{}, periodFlag{end: true}
	f.Var(&since, "since", "count incidents on or after this day: YYYY-MM-DD, or YYYY-MM or YYYY for the first day of that month or year")
	f.Var(&until, "until", "count incidents on or before this day: YYYY-MM-DD, or YYYY-MM or YYYY for the last day of that month or year")
	window := f.Int("repeat-window", 0, "days within which a shared system and cause make a repeat (default: the config's, 180)")
	severities := f.String("severities", "", "comma-separated severities to count (default all)")
	granularity := f.String("granularity", "quarter", "trend periods: quarter or month")
	top := f.Int("top", generator.DefaultStatsTop, "rows each long list shows: causes, systems, detection, teams (0 for all; --json has them all)")
	out := textOrJSONFlags(f, "the document of /api/stats.json")
	if code, ok := f.parseNoArgs(args); !ok {
		return code
	}
	asJSON, code, ok := out.wantJSON(e)
	if !ok {
		return code
	}
	if *top < 0 {
		return e.usageErrorf("--top %d: want 0 (all) or more", *top)
	}
	if given(f, "repeat-window") && *window < 1 {
		// 0 would mean "the config's" and pass 180 days off as the
		// user's choice (QA 9a #4).
		return e.usageErrorf("--repeat-window must be 1 or more days, not %d", *window)
	}
	if code, ok := f.oneOf("granularity", "a granularity", granularity, []string{"quarter", "month"}); !ok {
		return code
	}
	if !since.d.IsZero() && !until.d.IsZero() && until.d.Before(since.d) {
		return e.usageErrorf("--until %s is before --since %s", until.d, since.d)
	}
	if code, ok := e.site(f, &sf.source, lookUpward); !ok {
		return code
	}
	opts := sf.options(e)
	opts.MetadataOnly = true
	opts.CacheDir = sf.cacheDir()
	kb, cfgFile, code, ok := e.loadKB(opts, sf.source)
	if !ok {
		return code
	}
	sopts := generator.StatsOptions{Since: since.d, Until: until.d, RepeatWindowDays: *window, Granularity: *granularity}
	if *severities != "" {
		sopts.Severities = strings.Split(*severities, ",")
	}
	r, err := generator.Stats(kb, sopts)
	if err != nil {
		return e.usageErrorf("--severities: %v", err)
	}
	// After the usage errors: a note is no part of one (QA 13 F12).
	if note := fixedTodayNote(opts, kb, cfgFile); note != "" {
		fmt.Fprintln(e.stderr, note)
	}
	if !asJSON && r.Postmortems == 0 {
		fmt.Fprintln(e.stdout, noPostmortems(sopts, kb.Today))
		return exitOK
	}
	if err := e.printOut(asJSON, func(w io.Writer) error { return generator.WriteStats(w, r, asJSON, *top) }); err != nil {
		return e.usageErrorf("%v", err)
	}
	return exitOK
}

// fixedTodayNote warns that the config's today, not the clock, is the day
// `pmkb stats` counts as of, when that is so and the two differ: "note:
// today is fixed to 2026-03-01 by pmkb.toml (271 days ago); pass --today
// to override". stats keeps the config's today, so that its --json stays
// the site's /api/stats.json, but must not freeze a scheduled report
// silently (QA round 7, #3).
func fixedTodayNote(opts generator.Options, kb *model.KnowledgeBase, cfgFile string) string {
	fixed := kb.Config.Today
	if !opts.Today.IsZero() || fixed.IsZero() || opts.Clock.IsZero() {
		return ""
	}
	clock := model.DateOf(opts.Clock.In(kb.Config.TimeZone))
	if fixed == clock {
		return ""
	}
	var when string
	switch n := fixed.DaysUntil(clock); {
	case n == 1:
		when = "yesterday"
	case n > 0:
		when = fmt.Sprintf("%d days ago", n)
	case n == -1:
		when = "tomorrow"
	default:
		when = fmt.Sprintf("in %d days", -n)
	}
	return fmt.Sprintf("note: today is fixed to %s by %s (%s); pass --today to override", fixed, cmp.Or(cfgFile, "the site's config"), when)
}

// noPostmortems is what `pmkb stats` says instead of empty tables when
// opts count no postmortem as of today: "No postmortems between 2024-01-01
// and today.", or, for a period that starts after today, "No postmortems
// from 2026-12-01 on: that period lies after today (2026-11-27)."
func noPostmortems(opts generator.StatsOptions, today model.Date) string {
	what := "postmortems"
	var sevs []string
	for _, s := range opts.Severities {
		if s = strings.TrimSpace(s); s != "" {
			sevs = append(sevs, s)
		}
	}
	if len(sevs) > 0 {
		what += " of severity " + strings.Join(sevs, " or ")
	}
	future := !opts.Since.IsZero() && !today.IsZero() && today.Before(opts.Since)
	switch since, until := opts.Since, opts.Until; {
	case !since.IsZero() && !until.IsZero():
		what += fmt.Sprintf(" between %s and %s", since, until)
	case future:
		what += fmt.Sprintf(" from %s on", since)
	case !since.IsZero():
		what += fmt.Sprintf(" between %s and today", since)
	case !until.IsZero():
		what += fmt.Sprintf(" on or before %s", until)
	}
	if future {
		return fmt.Sprintf("No %s: that period lies after today (%s).", what, today)
	}
	return "No " + what + "."
}

// periodFlag is a --since or --until day: YYYY-MM-DD, or a month (YYYY-MM)
// or a year (YYYY), as search's year: filter takes it, meaning its first
// day, or its last day when end is set.
type periodFlag struct {
	d   model.Date
	end bool
}

func (f *periodFlag) String() string { return f.d.String() }

func (f *periodFlag) Set(s string) error {
	if d, err := model.ParseDate(s); err == nil {
		f.d = d
		return nil
	}
	var t time.Time
	var err error
	months := 1
	if t, err = time.Parse("2006-01", s); err != nil {
		months = 12
		if t, err = time.Parse("2006", s); err != nil {
			return fmt.Errorf("%q is not a day, month or year (want YYYY-MM-DD, YYYY-MM or YYYY)", s)
		}
	}
	if f.end {
		t = t.AddDate(0, months, -1)
	}
	f.d = model.DateOf(t)
	return nil
}
