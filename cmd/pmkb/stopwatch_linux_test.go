package main

import (
	"testing"
	"time"
)

// TestThreadStopwatchCountsCPUNotWaiting: the parse of a file is timed in
// its thread's CPU time, so time the file spends waiting (here asleep, on
// a loaded machine waiting for a core) does not make it slow to parse,
// while work does count.
func TestThreadStopwatchCountsCPUNotWaiting(t *testing.T) {
	stop := threadStopwatch()
	time.Sleep(300 * time.Millisecond)
	if d := stop(); d >= 100*time.Millisecond {
		t.Errorf("300 ms asleep counted as %v", d)
	}
	stop = threadStopwatch()
	x := 0
	for i := range 50_000_000 {
		x ^= i * 31
	}
	if d := stop(); d <= 0 {
		t.Errorf("a loop of 50 million steps (%d) counted as %v", x, d)
	}
}
