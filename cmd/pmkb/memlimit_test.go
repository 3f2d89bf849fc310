package main

import (
	"bytes"
	"context"
	"math"
	"regexp"
	"runtime/debug"
	"strconv"
	"testing"
	"time"
)

func TestBuildMemoryLimit(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name       string
		live       uint64
		gomemlimit string
		want       int64
		ok         bool
	}{
		{"the user's GOMEMLIMIT wins", 84 * mib, "1GiB", 0, false},
		{"10,000 postmortems", 84 * mib, "", 400 * mib, true},
		{"twice the site, twice the room", 168 * mib, "", 736 * mib, true},
		{"a small site gets the floor", 2 * mib, "", memLimitFloor, true},
		{"nothing measured", 0, "", memLimitFloor, true},
		{"no overflow", math.MaxUint64 / 2, "", math.MaxInt64, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := buildMemoryLimit(tt.live, tt.gomemlimit)
			if got != tt.want || ok != tt.ok {
				t.Errorf("buildMemoryLimit(%d, %q) = %d, %v; want %d, %v", tt.live, tt.gomemlimit, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestBuildSetsAndRestoresMemoryLimit builds a site in this process: the
// build runs under a limit made from the live heap, says so with
// --verbose, and leaves the process's own limit as it found it.
func TestBuildSetsAndRestoresMemoryLimit(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	before := debug.SetMemoryLimit(-1)
	// The process's GOGC, read by setting it and setting it back.
	gcPercent := func() int {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p
	}
	beforeGC := gcPercent()
	for _, tc := range []struct {
		gomemlimit, gogc string
		want             *regexp.Regexp
	}{
		{"", "", regexp.MustCompile(`(?m)^memory limit +(\d+) MiB \((\d+) MiB live after loading\), GOGC=200$`)},
		{"", "50", regexp.MustCompile(`(?m)^memory limit +(\d+) MiB \((\d+) MiB live after loading\), GOGC=50 \(from the environment\)$`)},
		{"3GiB", "", regexp.MustCompile(`(?m)^memory limit +GOMEMLIMIT=3GiB \(from the environment\)$`)},
	} {
		var out, errOut bytes.Buffer
		e := &env{stdout: &out, stderr: &errOut,
			getenv: func(k string) string {
				switch k {
				case "GOMEMLIMIT":
					return tc.gomemlimit
				case "GOGC":
					return tc.gogc
				}
				return ""
			},
			now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }}
		if code := e.dispatch(context.Background(), []string{"build", "--verbose", "--source", root}); code != 0 {
			t.Fatalf("GOMEMLIMIT=%q: exit %d\n%s", tc.gomemlimit, code, errOut.String())
		}
		m := tc.want.FindStringSubmatch(errOut.String())
		if m == nil {
			t.Fatalf("GOMEMLIMIT=%q: --verbose output lacks %s:\n%s", tc.gomemlimit, tc.want, errOut.String())
		}
		if len(m) == 3 {
			limit, _ := strconv.ParseInt(m[1], 10, 64)
			live, _ := strconv.ParseUint(m[2], 10, 64)
			// Both numbers are rounded down to MiB.
			lo, _ := buildMemoryLimit(live<<20, "")
			hi, _ := buildMemoryLimit((live+1)<<20, "")
			if limit < lo>>20 || limit > hi>>20 {
				t.Errorf("limit %d MiB for %d MiB live; buildMemoryLimit says %d-%d MiB", limit, live, lo>>20, hi>>20)
			}
		}
		if after := debug.SetMemoryLimit(-1); after != before {
			t.Errorf("GOMEMLIMIT=%q: the process's memory limit is %d after the build, was %d", tc.gomemlimit, after, before)
		}
		if after := gcPercent(); after != beforeGC {
			t.Errorf("GOMEMLIMIT=%q GOGC=%q: the process's GOGC is %d after the build, was %d", tc.gomemlimit, tc.gogc, after, beforeGC)
		}
	}
}

// TestSearchRestoresMemoryLimit: pmkb search runs under its own soft
// memory limit (searchMemoryLimit, QA 18 A-F3: a cold cache of 10,000
// postmortems took 936 MB) and GOGC, and leaves the process's as it found
// them, GOMEMLIMIT set or not.
func TestSearchRestoresMemoryLimit(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	before := debug.SetMemoryLimit(-1)
	gc := debug.SetGCPercent(100)
	debug.SetGCPercent(gc)
	for _, gomemlimit := range []string{"", "3GiB"} {
		var out, errOut bytes.Buffer
		e := &env{stdout: &out, stderr: &errOut,
			getenv: func(k string) string {
				if k == "GOMEMLIMIT" {
					return gomemlimit
				}
				return ""
			},
			now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }}
		if code := e.dispatch(context.Background(), []string{"search", "--source", root, "--cache", t.TempDir(), "disk"}); code != 0 {
			t.Fatalf("GOMEMLIMIT=%q: exit %d\n%s", gomemlimit, code, errOut.String())
		}
		if after := debug.SetMemoryLimit(-1); after != before {
			t.Errorf("GOMEMLIMIT=%q: the process's memory limit is %d after the search, was %d", gomemlimit, after, before)
		}
		after := debug.SetGCPercent(100)
		debug.SetGCPercent(after)
		if after != gc {
			t.Errorf("GOMEMLIMIT=%q: GOGC is %d after the search, was %d", gomemlimit, after, gc)
		}
	}
	if searchMemoryLimit > 600<<20 {
		t.Errorf("searchMemoryLimit = %d MiB, above the 600 MB a 10,000-postmortem build stays under", searchMemoryLimit>>20)
	}
}
