package main

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A build's memory follows what it has loaded: after loading, the heap
// holds the parsed postmortems, and while the pages are made it grows by
// the search index, the statistics and the rendered fragments shared by
// many pages, to two or three times that (10,000 postmortems: ~80 MB live
// after loading, 150-200 MB at most while the pages are made). Left to GOGC=100 alone,
// the runtime lets the heap reach twice the live size before it collects
// and returns memory to the system lazily, so the process peaks at ~650 MB.
//
// Once the postmortems are loaded, the build therefore collects once and
// sets the runtime's soft memory limit to a multiple of the live heap: the
// garbage collector then collects earlier and returns memory as the heap
// nears the limit. At 10,000 postmortems that is 53 collections instead of
// 48, about 5% more CPU time in interleaved runs (~1 of ~20 CPU-seconds,
// as much as runs differ among themselves), for a peak of 420 MB instead
// of 620-670 MB (BENCHMARKS.md). Because the limit scales
// with the site, a larger site gets a larger one instead of a collector
// that runs all the time; and it is a soft limit: a site that outgrows it
// is slowed by more collections (at most half the CPU, the runtime's own
// cap), never stopped. GOMEMLIMIT, when set, is the user's and is left
// alone.
//
// Under that limit the collector's own pace (GOGC) is set to
// buildGCPercent: the limit, not the heap's growth, then decides most
// collections. At 10,000 postmortems that is ~4% less wall time (4.88-5.02
// s against 5.08-5.21 s, four interleaved runs each) for the same peak
// (410-420 MB), since the limit caps it either way. GOGC, when set, is the
// user's and is left alone too.
const (
	// buildGCPercent is GOGC for the rest of a build once it is loaded.
	buildGCPercent = 200
	// memLimitFactor × live heap after loading + memLimitSlack is the
	// limit; memLimitFactor leaves room for the ~3× growth above.
	memLimitFactor = 4
	memLimitSlack  = 64 << 20
	// memLimitFloor keeps a small site from collecting for nothing.
	memLimitFloor = 128 << 20
)

// buildMemoryLimit returns the soft memory limit for a build whose heap
// held live bytes once loaded, and false when the user set GOMEMLIMIT.
func buildMemoryLimit(live uint64, gomemlimit string) (int64, bool) {
	if gomemlimit != "" {
		return 0, false
	}
	l := memLimitFactor*live + memLimitSlack
	if l > math.MaxInt64 || live > math.MaxInt64/memLimitFactor {
		return math.MaxInt64, true
	}
	return max(int64(l), memLimitFloor), true
}

// liveHeap returns the heap's live bytes as of the last garbage collection.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// limitMemoryAfterLoad sets the build's memory limit (see above) and
// returns a func that restores the previous one; with verbose it says so.
func limitMemoryAfterLoad(e *env, verbose bool) (restore func()) {
	// A collection now (~40 ms at 10,000 postmortems) measures what the
	// loaded site holds, not the garbage of loading it, so the limit is
	// the same from run to run.
	runtime.GC()
	live := liveHeap()
	limit, ok := buildMemoryLimit(live, e.getenv("GOMEMLIMIT"))
	if !ok {
		if verbose {
			fmt.Fprintf(e.stderr, "%-28s GOMEMLIMIT=%s (from the environment)\n", "memory limit", e.getenv("GOMEMLIMIT"))
		}
		return func() {}
	}
	prev := debug.SetMemoryLimit(limit)
	gogc := "GOGC=" + e.getenv("GOGC") + " (from the environment)"
	restoreGC := func() {}
	if e.getenv("GOGC") == "" {
		prevGC := debug.SetGCPercent(buildGCPercent)
		restoreGC = func() { debug.SetGCPercent(prevGC) }
		gogc = fmt.Sprintf("GOGC=%d", buildGCPercent)
	}
	if verbose {
		fmt.Fprintf(e.stderr, "%-28s %d MiB (%d MiB live after loading), %s\n", "memory limit", limit>>20, live>>20, gogc)
	}
	return func() {
		debug.SetMemoryLimit(prev)
		restoreGC()
	}
}
