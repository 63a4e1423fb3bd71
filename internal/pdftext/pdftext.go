// Package pdftext extracts the text layer of PDF files in an isolated child
// process, so that a hostile or broken file cannot hurt the service.
//
// The parser (github.com/ledongthuc/pdf) is not hardened against hostile
// input: garbled bytes make it panic, a cyclic /Prev or /Extends chain
// makes it loop forever, and a fuzzed xref table makes the Go runtime die
// of an allocation far beyond any memory limit. Extract therefore
// re-executes the running binary as a child with an address-space limit, a
// CPU-time limit and a wall-clock timeout, streams the PDF to the child's
// stdin and reads the result as JSON from its stdout. Whatever happens in
// the child, the caller gets a Result.
//
// In the child, the library reads objects and decodes streams; the rest is
// here: checking and repairing cross-reference data (xrefcheck.go,
// repair.go), AES-256 decryption (aesv3.go), the page-tree walk
// (pagetree.go), tokenizing and interpreting content streams (lexer.go,
// content.go), fonts (font.go, cmap.go, encodings.go), and rebuilding
// words, lines and columns from glyph positions (layout.go).
package pdftext

import "time"

// Status says what became of one extraction.
type Status string

// The statuses of an extraction.
const (
	StatusOK        Status = "ok"        // text extracted
	StatusNoText    Status = "no_text"   // a valid PDF without a text layer (scans)
	StatusEncrypted Status = "encrypted" // encrypted, and the empty user password does not open it
	StatusFailed    Status = "failed"    // corrupt, crashed, timed out, too large: no text
)

// Result is the outcome of one extraction.
type Result struct {
	Status Status
	Text   string // words separated by spaces, lines by "\n", pages by "\f"; "" unless StatusOK
	Pages  int    // pages read
	Detail string // why, for failed/encrypted; for ok, a note if text was cut or the file repaired (safe to show to staff: no paths, no stack traces)
}

// Options bound one extraction. Zero fields take their defaults.
type Options struct {
	Timeout time.Duration // wall clock for the child; default 60s
	// MemoryLimit is the address space, in bytes, that the child may map
	// beyond what the Go runtime reserved when it started; default 1 GiB.
	// It is not an absolute RLIMIT_AS: a Go program on linux/amd64 reserves
	// about 1.2 GB of address space before main runs (measured with Go
	// 1.26), so an absolute limit of 1 GiB would leave no room for the heap.
	MemoryLimit  int64
	MaxPages     int // pages read at most; default 2000 (a PDF claiming 213 million pages must not hang)
	MaxTextBytes int // text kept at most; default 2 MiB (cut at a rune boundary)
}

// The defaults for zero Options fields.
const (
	defaultTimeout      = 60 * time.Second
	defaultMemoryLimit  = 1 << 30
	defaultMaxPages     = 2000
	defaultMaxTextBytes = 2 << 20
)

// withDefaults returns o with every zero or negative field set to its default.
func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = defaultTimeout
	}
	if o.MemoryLimit <= 0 {
		o.MemoryLimit = defaultMemoryLimit
	}
	if o.MaxPages <= 0 {
		o.MaxPages = defaultMaxPages
	}
	if o.MaxTextBytes <= 0 {
		o.MaxTextBytes = defaultMaxTextBytes
	}
	return o
}

// Details shown to staff. They name the kind of trouble, never a path or a
// parser message, which could echo bytes of the file.
const (
	detailCorrupt   = "the PDF could not be read (corrupt or unsupported)"
	detailTimeout   = "reading the PDF took too long"
	detailMemory    = "reading the PDF needed more memory than allowed"
	detailCrashed   = "the PDF reader stopped unexpectedly"
	detailKilled    = "the PDF reader was stopped at its time or memory limit"
	detailTooLarge  = "the PDF is too large to read"
	detailNoPages   = "the PDF has no readable pages"
	detailPassword  = "the PDF is encrypted and needs a password to open"
	detailUnsupEnc  = "the PDF is encrypted with a method that is not supported"
	detailTextCut   = "the text was cut at the size limit"
	detailPagesCut  = "only the first pages were read (page limit)"
	detailBadOutput = "the PDF reader gave an unreadable answer"
	detailRepaired  = "the PDF was damaged; its text was recovered"
)
