//go:build unix && !linux

package output

// mountRootAttr reports that this kernel does not mark mount roots:
// isMountPoint compares devices.
func mountRootAttr(string) (root, known bool) { return false, false }
