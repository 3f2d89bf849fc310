//go:build !linux

package main

import "time"

// threadStopwatch times one file's parsing by the clock where a thread's
// CPU time is not read (see stopwatch_linux.go).
func threadStopwatch() (stop func() time.Duration) {
	start := time.Now()
	return func() time.Duration { return time.Since(start) }
}
