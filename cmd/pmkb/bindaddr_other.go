//go:build !windows

package main

import "syscall"

// errAddrNotAvail is the error listening on an address the machine does
// not have.
const errAddrNotAvail = syscall.EADDRNOTAVAIL

// errAddrInUse is the error listening on a port another program holds.
const errAddrInUse = syscall.EADDRINUSE
