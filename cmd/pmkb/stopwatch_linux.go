package main

import (
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// threadStopwatch times one file's parsing in the CPU time of the thread
// that parses it, the goroutine kept on that thread until stop: a file is
// "slow to parse" (markdown/slow) for what parsing it costs, not for the
// time the machine's other work took from it (QA 19 B: on a machine at a
// load of 10-15, ordinary files were warned in 8 builds of ~900).
func threadStopwatch() (stop func() time.Duration) {
	runtime.LockOSThread()
	start, ok := threadCPU()
	if !ok {
		runtime.UnlockOSThread()
		wall := time.Now()
		return func() time.Duration { return time.Since(wall) }
	}
	return func() time.Duration {
		end, _ := threadCPU()
		runtime.UnlockOSThread()
		return end - start
	}
}

// threadCPU returns the CPU time the calling thread has used.
func threadCPU() (time.Duration, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
