package pdftext

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
)

// The environment the parent gives the child. The marker's value is
// versioned so that a stray INNSYN_PDFTEXT_CHILD=1 does not turn the
// service into an extraction child.
const (
	envChild    = "INNSYN_PDFTEXT_CHILD"
	childMarker = "v1"
	envMemory   = "INNSYN_PDFTEXT_MEMORY"
	envCPU      = "INNSYN_PDFTEXT_CPU_SECONDS"
	envMaxPages = "INNSYN_PDFTEXT_MAX_PAGES"
	envMaxText  = "INNSYN_PDFTEXT_MAX_TEXT"
)

// cpuSlack is added to the timeout for the child's CPU-time limit, a
// backstop for a child whose parent is gone: the parent's wall-clock
// timeout normally strikes first.
const cpuSlack = 5

// maxInput caps the PDF the child holds in memory. The parser needs random
// access (an io.ReaderAt and a size), so the child reads stdin into memory
// rather than into a temporary file: a child killed at its limits leaves no
// file behind, and memory is bounded by the address-space limit anyway.
// The cap is also at most a quarter of the memory limit, leaving room for
// the slice's growth while reading and for parsing.
const maxInput = 256 << 20

// IsChild reports whether this process was started by Extract as an extraction child.
func IsChild() bool { return os.Getenv(envChild) == childMarker }

// RunChild does the extraction in the child and returns the process exit code.
// main (and the TestMain of every package whose tests call Extract) must call
//
//	if pdftext.IsChild() { os.Exit(pdftext.RunChild()) }
//
// first thing.
func RunChild() int {
	lim, err := childLimitsFromEnv()
	if err != nil {
		return writeChildResult(childResult{Status: StatusFailed, Detail: detailCrashed})
	}
	// Limits first: nothing of the PDF has been read yet.
	applyLimits(lim)
	res := safeExtract(os.Stdin, lim)
	return writeChildResult(res)
}

// childLimits are the Options as the child receives them.
type childLimits struct {
	memory     int64
	cpuSeconds int64
	maxPages   int
	maxText    int
}

func childLimitsFromEnv() (childLimits, error) {
	var l childLimits
	var errs []error
	num := func(key string) int64 {
		n, err := strconv.ParseInt(os.Getenv(key), 10, 64)
		if err != nil || n <= 0 {
			errs = append(errs, fmt.Errorf("%s: bad value", key))
		}
		return n
	}
	l.memory = num(envMemory)
	l.cpuSeconds = num(envCPU)
	l.maxPages = int(num(envMaxPages))
	l.maxText = int(num(envMaxText))
	return l, errors.Join(errs...)
}

// safeExtract reads the PDF and extracts its text; a panic anywhere in the
// parser becomes StatusFailed.
func safeExtract(r io.Reader, lim childLimits) (res childResult) {
	defer func() {
		if recover() != nil {
			res = childResult{Status: StatusFailed, Detail: detailCorrupt}
		}
	}()
	limit := min(int64(maxInput), lim.memory/4)
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return childResult{Status: StatusFailed, Detail: detailCorrupt}
	}
	if int64(len(data)) > limit {
		return childResult{Status: StatusFailed, Detail: detailTooLarge}
	}
	return extractDocument(data, lim.maxPages, lim.maxText)
}

// writeChildResult writes res as JSON to stdout: exit code 0 when the
// parent can read it, 1 when it cannot.
func writeChildResult(res childResult) int {
	w := bufio.NewWriter(os.Stdout)
	if err := json.NewEncoder(w).Encode(res); err != nil {
		return 1
	}
	if err := w.Flush(); err != nil {
		return 1
	}
	return 0
}
