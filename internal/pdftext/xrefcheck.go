package pdftext

import (
	"bytes"
	"regexp"
	"strconv"
)

// The library trusts the cross-reference data: a subsection that starts at
// object 2,000,000,000 makes it allocate a table that size (the Go runtime
// dies of it: pdfjs/GHOSTSCRIPT-698804-1-fuzzed.pdf), and a /Prev chain
// that comes back to itself makes it read forever. xrefLooksSane checks
// those before the library sees the file; a file that fails the check is
// repaired (repair.go) instead of crashing or hanging the child.

// maxPrevHops bounds a /Prev chain: one hop per incremental update.
const maxPrevHops = 256

var (
	prevEntry  = regexp.MustCompile(`/Prev\s+(\d+)`)
	sizeEntry  = regexp.MustCompile(`/Size\s+(\d+)`)
	indexEntry = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
)

// maxObjectNumber is the highest object number believable in a file of n
// bytes: an object takes a few bytes even in a compressed object stream.
func maxObjectNumber(n int) int { return n/2 + 10000 }

// xrefLooksSane follows startxref and the /Prev chain and checks every
// cross-reference section's object numbers against the file's size.
func xrefLooksSane(data []byte, size int64) bool {
	data = data[:size]
	tail := data[max(0, len(data)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return false
	}
	off, ok := leadingInt(tail[i+len("startxref"):])
	seen := map[int]bool{}
	for hops := 0; ok; hops++ {
		if off < 0 || off >= len(data) || seen[off] || hops > maxPrevHops {
			return false
		}
		seen[off] = true
		var dict []byte
		if dict, ok = sectionSane(data, off); !ok {
			return false
		}
		m := prevEntry.FindSubmatch(dict)
		if m == nil {
			return true
		}
		off, ok = leadingInt(m[1])
	}
	return false
}

// sectionSane checks the cross-reference section at off, a table or a
// stream, and returns its trailer dictionary's text.
func sectionSane(data []byte, off int) (dict []byte, ok bool) {
	limit := maxObjectNumber(len(data))
	rest := bytes.TrimLeft(data[off:], " \t\r\n\f\x00")
	if tableRest, isTable := bytes.CutPrefix(rest, []byte("xref")); isTable {
		end := bytes.Index(tableRest, []byte("trailer"))
		if end < 0 {
			return nil, false
		}
		if !subsectionsSane(tableRest[:end], limit) {
			return nil, false
		}
		dict = tableRest[end:min(len(tableRest), end+8192)]
		if k := bytes.Index(dict, []byte(">>")); k >= 0 {
			dict = dict[:k]
		}
		return dict, true
	}
	end := bytes.Index(rest[:min(len(rest), 8192)], []byte("stream"))
	if end < 0 {
		return nil, false
	}
	dict = rest[:end]
	if m := sizeEntry.FindSubmatch(dict); m != nil {
		if n, ok := leadingInt(m[1]); !ok || n > limit {
			return nil, false
		}
	}
	if m := indexEntry.FindSubmatch(dict); m != nil {
		nums := bytes.Fields(m[1])
		for j := 0; j+1 < len(nums); j += 2 {
			start, err1 := strconv.Atoi(string(nums[j]))
			count, err2 := strconv.Atoi(string(nums[j+1]))
			if err1 != nil || err2 != nil || start < 0 || count < 0 || start > limit || count > limit || start+count > limit {
				return nil, false
			}
		}
	}
	return dict, true
}

// subsectionsSane checks the subsection headers ("start count") of an
// xref table, skipping the count entries of three fields after each,
// without allocating per entry: tables have a row per object.
func subsectionsSane(table []byte, limit int) bool {
	pos := 0
	field := func() []byte {
		for pos < len(table) && isSpaceByte(table[pos]) {
			pos++
		}
		start := pos
		for pos < len(table) && !isSpaceByte(table[pos]) {
			pos++
		}
		return table[start:pos]
	}
	for {
		f := field()
		if len(f) == 0 {
			return true
		}
		start, err1 := strconv.Atoi(string(f))
		count, err2 := strconv.Atoi(string(field()))
		if err1 != nil || err2 != nil || start < 0 || count < 0 || start > limit || count > limit || start+count > limit {
			return false
		}
		for range 3 * count {
			if len(field()) == 0 {
				return false
			}
		}
	}
}

// leadingInt reads the decimal number at the start of b, after spaces.
func leadingInt(b []byte) (int, bool) {
	b = bytes.TrimLeft(b, " \t\r\n\f\x00")
	n := 0
	for n < len(b) && n < 12 && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	v, err := strconv.Atoi(string(b[:n]))
	return v, err == nil
}
