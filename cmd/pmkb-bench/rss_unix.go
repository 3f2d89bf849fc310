//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSS returns the peak resident memory of the finished process ps, in
// bytes, from its rusage.
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return maxRSSBytes(ru.Maxrss)
	}
	return 0
}

// maxRSSBytes converts rusage's ru_maxrss, which Linux reports in KiB and
// macOS in bytes, to bytes.
func maxRSSBytes(v int64) int64 {
	if runtime.GOOS == "darwin" {
		return v
	}
	return v * 1024
}
