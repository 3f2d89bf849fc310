//go:build !unix

package export

import "time"

// cpuTime is 0 where the process's CPU time is not at hand; the
// benchmarks then report 0 cpu-ns/op.
func cpuTime() time.Duration { return 0 }
