// Package benchtest holds what the packages' benchmarks share. It imports
// nothing of pmkb, so every package's tests may use it.
package benchtest
