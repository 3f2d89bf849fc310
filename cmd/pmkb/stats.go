package main

import (
	"context"
	"strings"

	"github.com/pmkb/pmkb/generator"
)

func runStats(_ context.Context, e *env, args []string) int {
	f := newFlags(e, "stats", "[flags]", "Show what keeps breaking: incidents by cause, system, severity and detection, durations, repeats and action items.")
	var sf siteFlags
	sf.register(f)
	var since, until dateFlag
	f.Var(&since, "since", "count incidents on or after this date, YYYY-MM-DD")
	f.Var(&until, "until", "count incidents on or before this date, YYYY-MM-DD")
	window := f.Int("repeat-window", 0, "days within which a shared system and cause make a repeat (default: the config's, 180)")
	severities := f.String("severities", "", "comma-separated severities to count (default all)")
	granularity := f.String("granularity", "quarter", "trend periods: quarter or month")
	out := textOrJSONFlags(f, "the document of /api/stats.json")
	if code, ok := f.parseNoArgs(args); !ok {
		return code
	}
	sf.source = siteSource(f, sf.source)
	asJSON, code, ok := out.wantJSON(e)
	if !ok {
		return code
	}
	if *granularity != "quarter" && *granularity != "month" {
		return e.usageErrorf("--granularity must be quarter or month")
	}
	if !since.d.IsZero() && !until.d.IsZero() && until.d.Before(since.d) {
		return e.usageErrorf("--until %s is before --since %s", until.d, since.d)
	}
	opts := sf.options(e)
	opts.MetadataOnly = true
	opts.CacheDir = sf.cacheDir()
	kb, code, ok := e.loadKB(opts, sf.source)
	if !ok {
		return code
	}
	sopts := generator.StatsOptions{Since: since.d, Until: until.d, RepeatWindowDays: *window, Granularity: *granularity}
	if *severities != "" {
		sopts.Severities = strings.Split(*severities, ",")
		if err := sopts.CheckSeverities(kb); err != nil {
			return e.usageErrorf("--severities: %v", err)
		}
	}
	if err := generator.WriteStats(e.stdout, kb, sopts, asJSON); err != nil {
		return e.usageErrorf("%v", err)
	}
	return exitOK
}
