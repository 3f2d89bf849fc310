//go:build unix

package benchtest

import (
	"syscall"
	"time"
)

// CPUTime is the process's user and system CPU time so far, GC included.
// Benchmarks report it per run ("cpu-ms/op"): the machine is shared, so
// wall time varies with the neighbours more than CPU time does.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
