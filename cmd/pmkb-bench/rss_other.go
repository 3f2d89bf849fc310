//go:build !unix

package main

import "os"

// peakRSS is unknown where there is no rusage: 0.
func peakRSS(*os.ProcessState) int64 { return 0 }
