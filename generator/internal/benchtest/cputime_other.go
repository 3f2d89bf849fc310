//go:build !unix

package benchtest

import "time"

// CPUTime is 0 where the process's CPU time is not at hand; benchmarks
// then report 0 CPU time per run.
func CPUTime() time.Duration { return 0 }
