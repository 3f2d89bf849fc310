package main

import "syscall"

// errAddrNotAvail is the error listening on an address the machine does
// not have: Winsock's WSAEADDRNOTAVAIL (10049), which Go's syscall
// package does not name and which is not syscall.EADDRNOTAVAIL.
const errAddrNotAvail = syscall.Errno(10049)

// errAddrInUse is the error listening on a port another program holds:
// Winsock's WSAEADDRINUSE (10048), not syscall.EADDRINUSE.
const errAddrInUse = syscall.Errno(10048)
