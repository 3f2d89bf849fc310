//go:build !linux

package output

// exchange reports that this platform has no atomic exchange of two
// folders; swap falls back to two renames.
func exchange(a, b string) error { return errNoExchange }
