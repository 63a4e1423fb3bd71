package pdftext

import (
	"bufio"
	"bytes"
	"os"
	"runtime/debug"
	"strconv"
	"syscall"
)

// applyLimits bounds the child's memory and CPU time.
//
// RLIMIT_AS is set relative to the address space already mapped: a Go
// program reserves about 1.2 GB of address space before main runs (page
// allocator summaries and arena hints, measured with Go 1.26.8 on
// linux/amd64: VmSize 1,227,184 kB, VmRSS 2 MB). Setting RLIMIT_AS to an
// absolute 1 GiB at this point makes the very first heap growth fail, and
// starting a Go binary under any RLIMIT_AS below about 600 MiB fails with
// "failed to reserve page summary memory". So the child may map lim.memory
// bytes beyond what it has now. debug.SetMemoryLimit, a bit below, makes
// the collector work hard before the hard limit turns into a fatal
// "out of memory". Under the race detector, whose shadow memory takes
// terabytes of address space as the heap grows, only the soft limit applies.
func applyLimits(lim childLimits) {
	if base, ok := mappedBytes(); ok && !raceEnabled {
		as := uint64(base + lim.memory)
		syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: as, Max: as})
	}
	debug.SetMemoryLimit(lim.memory / 8 * 7)
	// The child lives for one file and its memory is capped above, so it
	// may trade memory for time: collecting at 5× the live heap instead of
	// 2× halves the time of a ten-page document, and the memory limit still
	// makes the collector work harder before the cap is reached.
	debug.SetGCPercent(400)
	cpu := uint64(lim.cpuSeconds)
	// soft = hard: the kernel then sends SIGKILL at the limit. A SIGXCPU
	// first would be ignored by the Go runtime anyway.
	syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: cpu, Max: cpu})
}

// mappedBytes returns the process's current address-space size (VmSize).
func mappedBytes() (int64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmSize:"))
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte("kB")))), 10, 64)
		return kb << 10, err == nil
	}
	return 0, false
}
