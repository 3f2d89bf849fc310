package main

import (
	"bytes"
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestCommandsTimeEachFile checks that build and lint hand the CLI's clock
// to the generator, which times each file's parsing with it: with a clock
// that moves on two seconds at every reading, every postmortem is reported
// as slow to parse (markdown/slow); with the fixed clock of the other
// tests, none is.
func TestCommandsTimeEachFile(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	for _, cmd := range []string{"build", "lint"} {
		var n atomic.Int64
		var out, errOut bytes.Buffer
		e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" },
			now: func() time.Time {
				return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC).Add(time.Duration(n.Add(1)) * 2 * time.Second)
			}}
		e.dispatch(context.Background(), []string{cmd, "--source", root})
		if got := out.String() + errOut.String(); !strings.Contains(got, "disk.md:") || !strings.Contains(got, "parsing this file took") {
			t.Errorf("%s with a slow clock does not report the slow file:\n%s", cmd, got)
		}
		if _, o, eo := pmkb(t, cmd, "--source", root); strings.Contains(o+eo, "parsing this file took") {
			t.Errorf("%s with a fixed clock reports a slow file:\n%s%s", cmd, o, eo)
		}
	}
}

// TestCommandsTimeParsingWithTheStopwatch: pmkb times each file's parsing
// with its stopwatch (the parsing thread's CPU time) rather than the
// clock, which a loaded machine slows (QA 19 B: ordinary files warned in
// 8 builds of ~900 at a load of 10-15). A clock that moves on two seconds
// at every reading makes no file slow once a stopwatch says each took a
// millisecond, and a stopwatch saying two seconds makes it slow.
func TestCommandsTimeParsingWithTheStopwatch(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	for _, cmd := range []string{"build", "lint"} {
		for _, took := range []time.Duration{time.Millisecond, 2 * time.Second} {
			var n atomic.Int64
			var out, errOut bytes.Buffer
			e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" },
				now: func() time.Time {
					return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC).Add(time.Duration(n.Add(1)) * 2 * time.Second)
				},
				stopwatch: func() func() time.Duration { return func() time.Duration { return took } }}
			e.dispatch(context.Background(), []string{cmd, "--source", root})
			slow := strings.Contains(out.String()+errOut.String(), "parsing this file took")
			if want := took >= time.Second; slow != want {
				t.Errorf("%s with a stopwatch of %v: slow warning %v, want %v\n%s%s", cmd, took, slow, want, out.String(), errOut.String())
			}
		}
	}
}
