//go:build !linux

package pdftext

import (
	"runtime/debug"
	"syscall"
)

// applyLimits bounds the child's CPU time and sets a soft memory limit.
// Without /proc the address space already reserved by the Go runtime is
// unknown, so no RLIMIT_AS is set (see limits_linux.go): the service
// runs on Linux, where the hard limit applies.
func applyLimits(lim childLimits) {
	debug.SetMemoryLimit(lim.memory / 8 * 7)
	debug.SetGCPercent(400) // see limits_linux.go
	cpu := uint64(lim.cpuSeconds)
	syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: cpu, Max: cpu})
}
