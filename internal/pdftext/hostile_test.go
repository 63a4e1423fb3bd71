package pdftext_test

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/pdftext"
	"github.com/innsyn/innsyn/internal/pdftext/samplepdf"
)

// Crafted PDFs that attack the parser: each must end as StatusFailed
// (or a harmless success) without hurting the test process.

// xrefStart returns the offset of the cross-reference table of data.
func xrefStart(data []byte) int {
	i := bytes.LastIndex(data, []byte("startxref\n"))
	n, _ := strconv.Atoi(string(bytes.TrimSpace(bytes.Split(data[i+len("startxref\n"):], []byte("\n"))[0])))
	return n
}

// prevCycle is a valid document whose trailer's /Prev points back at its
// own cross-reference table; the library would read that table forever.
func prevCycle() []byte {
	data := samplepdf.Document(samplepdf.Text(72, 700, 12, "Likevel lest"))
	return bytes.Replace(data, []byte("trailer\n<< "), fmt.Appendf(nil, "trailer\n<< /Prev %d ", xrefStart(data)), 1)
}

// extendsCycle says that object 2, the page tree, is in object stream 3,
// which does not hold it and /Extends itself: the library searches that
// stream again and again, forever, without using more memory.
func extendsCycle() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	off1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	off3 := b.Len()
	b.WriteString("3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Extends 3 0 R /Length 8 >>\nstream\n9 0 null\nendstream\nendobj\n")
	off4 := b.Len()
	rows := xrefRows([3]int{0, 0, 0}, [3]int{1, off1, 0}, [3]int{2, 3, 0}, [3]int{1, off3, 0}, [3]int{1, off4, 0})
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", len(rows))
	b.Write(rows)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", off4)
	return b.Bytes()
}

// xrefRows encodes cross-reference stream rows with /W [1 4 2].
func xrefRows(rows ...[3]int) []byte {
	var out []byte
	for _, r := range rows {
		out = append(out, byte(r[0]), byte(r[1]>>24), byte(r[1]>>16), byte(r[1]>>8), byte(r[1]), byte(r[2]>>8), byte(r[2]))
	}
	return out
}

// selfReferencingPages has a /Pages node whose only kid is itself, which
// makes the library's Reader.Page loop forever.
func selfReferencingPages() []byte {
	return samplepdf.File([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
	})
}

// brokenDict has a page tree dictionary with a number for a key: the
// parser panics reading it, and no repair helps.
func brokenDict() []byte {
	return samplepdf.File([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] 42 >>",
	})
}

// garbledContent has a page whose content stream claims FlateDecode but
// holds no zlib data: reading it panics inside the library.
func garbledContent() []byte {
	return samplepdf.File([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		"<< /Length 24 /Filter /FlateDecode >>\nstream\n\x00\xffgarbled bytes (BT) Tj\nendstream",
	})
}

// memoryHungry is a page with a line of text whose /Annots is an array of
// 12 million numbers, packed deflated (some 25 kB) in an object stream:
// the library holds the array in memory, 16 bytes a number, over 400 MB at
// its peak while the array grows.
var memoryHungry = sync.OnceValue(func() []byte {
	var packed bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&packed, zlib.BestCompression)
	zw.Write([]byte("7 0 ["))
	zw.Write(bytes.Repeat([]byte(" 0"), 12_000_000))
	zw.Write([]byte("]"))
	zw.Close()
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	var offs []int
	for _, obj := range []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots 7 0 R >>",
		samplepdf.Stream(samplepdf.Text(72, 700, 12, "Liten fil, stort minne")),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", packed.Len(), packed.Bytes()),
	} {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), obj)
	}
	xref := b.Len()
	rows := xrefRows([3]int{0, 0, 0}, [3]int{1, offs[0], 0}, [3]int{1, offs[1], 0}, [3]int{1, offs[2], 0},
		[3]int{1, offs[3], 0}, [3]int{1, offs[4], 0}, [3]int{1, offs[5], 0}, [3]int{2, 6, 0}, [3]int{1, xref, 0})
	fmt.Fprintf(&b, "8 0 obj\n<< /Type /XRef /Size 9 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", len(rows))
	b.Write(rows)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
})

func TestExtractHostilePDFs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		data   []byte
		opts   pdftext.Options
		detail string
	}{
		{"dictionary key is a number: the parser panics", brokenDict(), pdftext.Options{}, "the PDF could not be read (corrupt or unsupported)"},
		{"content stream not deflated: the parser panics", garbledContent(), pdftext.Options{}, "the PDF could not be read (corrupt or unsupported)"},
		// The page-tree walk notices the cycle; the library's Reader.Page would loop.
		{"pages node is its own kid", selfReferencingPages(), pdftext.Options{Timeout: 200 * time.Millisecond}, "the PDF could not be read (corrupt or unsupported)"},
		{"object stream extends itself: the parser loops forever", extendsCycle(), pdftext.Options{Timeout: 200 * time.Millisecond}, "reading the PDF took too long"},
		{"array of 12 million numbers under a 256 MiB limit", memoryHungry(), pdftext.Options{MemoryLimit: 256 << 20}, "reading the PDF needed more memory than allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.opts.MemoryLimit > 0 && pdftext.RaceEnabled {
				t.Skip("no hard memory limit under the race detector")
			}
			start := time.Now()
			res := extract(t, tc.data, tc.opts)
			took := time.Since(start)
			if res.Status != pdftext.StatusFailed || res.Detail != tc.detail || res.Text != "" {
				t.Errorf("got %+v, want failed: %q", res, tc.detail)
			}
			if tc.opts.Timeout > 0 && took > tc.opts.Timeout+time.Second {
				t.Errorf("took %v with a timeout of %v", took, tc.opts.Timeout)
			}
		})
	}
}

// The memory-hungry file is fine with room to spare: the 256 MiB limit,
// not the file, made it fail above.
func TestExtractMemoryLimitIsWhatStopsIt(t *testing.T) {
	if pdftext.RaceEnabled {
		t.Skip("no hard memory limit under the race detector")
	}
	res := extract(t, memoryHungry(), pdftext.Options{MemoryLimit: 2 << 30})
	if res.Status != pdftext.StatusOK || res.Text != "Liten fil, stort minne" {
		t.Fatalf("got %+v, want ok", res)
	}
}

// The child's hunger for memory is not the parent's: the parent holds only
// the child's (capped) answer.
func TestExtractParentMemoryStaysFlat(t *testing.T) {
	if pdftext.RaceEnabled {
		t.Skip("no hard memory limit under the race detector")
	}
	data := memoryHungry()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range 3 {
		extract(t, data, pdftext.Options{MemoryLimit: 256 << 20})
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 8<<20 {
		t.Errorf("parent heap grew by %d bytes", grew)
	}
	if grew := int64(after.Sys) - int64(before.Sys); grew > 64<<20 {
		t.Errorf("parent memory from the OS grew by %d bytes", grew)
	}
}

// A self-referencing kid next to a real page: the cycle is skipped and the
// real page read.
func TestExtractPageTreeCycleBesideRealPage(t *testing.T) {
	data := samplepdf.File([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		samplepdf.Stream("BT /F1 12 Tf 72 700 Td (Likevel lest) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	})
	res := extract(t, data, pdftext.Options{Timeout: 5 * time.Second})
	if res.Status != pdftext.StatusOK || res.Text != "Likevel lest" || res.Pages != 1 {
		t.Fatalf("got %+v", res)
	}
}
