package pdftext

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Repair of damaged cross-reference data, as viewers and pdftotext do it:
// every "N G obj" in the file is found by scanning, and a new
// cross-reference stream naming them is appended, with a trailer whose
// /Root (and /Encrypt, /ID) come from the old trailers or, failing that,
// from the object that says /Type /Catalog. Objects packed in object
// streams are found in a second round, through a reader over the first.
// Offsets in files edited by tools that do not update them, files cut
// short, and fuzzed xref tables are the usual reasons.

var (
	rootRef    = regexp.MustCompile(`/Root\s+(\d+)\s+(\d+)\s+R`)
	encryptRef = regexp.MustCompile(`/Encrypt\s+(\d+)\s+(\d+)\s+R`)
	idArray    = regexp.MustCompile(`/ID\s*\[\s*<[0-9A-Fa-f\s]*>\s*<[0-9A-Fa-f\s]*>\s*\]`)
	catalog    = regexp.MustCompile(`/Type\s*/Catalog\b`)
	pageType   = regexp.MustCompile(`/Type\s*/Page(?:[^A-Za-z0-9]|$)`)
)

// objStmKey is the trailer entry through which the first round reaches the
// object streams; it is not a PDF key, so nothing else reads it.
const objStmKey = "InnsynObjStms"

// xrefEntry is one row of a cross-reference stream: type 1 (offset, gen)
// or type 2 (object stream, index).
type xrefEntry struct {
	typ byte
	a   uint32
	b   uint16
}

// repairXref returns data with a rebuilt cross-reference stream appended,
// or false when the file holds no catalog to start from.
func repairXref(data []byte) ([]byte, bool) {
	objs := scanObjects(data)
	if len(objs) == 0 {
		return nil, false
	}
	trailer, ok := repairTrailer(data, objs)
	if !ok {
		return nil, false
	}
	var streams []int
	for num, e := range objs {
		head := data[e.a:min(len(data), int(e.a)+1024)]
		if i := bytes.Index(head, []byte("stream")); i >= 0 && bytes.Contains(head[:i], []byte("/ObjStm")) {
			streams = append(streams, num)
		}
	}
	if len(streams) > 0 {
		refs := make([]string, len(streams))
		for i, n := range streams {
			refs[i] = fmt.Sprintf("%d %d R", n, objs[n].b)
		}
		first := appendXref(data, objs, trailer+" /"+objStmKey+" ["+strings.Join(refs, " ")+"]")
		addPacked(first, objs, streams)
	}
	return appendXref(data, objs, trailer+" /"+scannedPagesKey+" ["+strings.Join(pageObjects(data, objs), " ")+"]"), true
}

// pageObjects lists, in file order, the objects found by the scan whose
// dictionary says /Type /Page: the pages, should the page tree be damaged.
func pageObjects(data []byte, objs map[int]xrefEntry) []string {
	type page struct{ off, num, gen int }
	var pages []page
	for num, e := range objs {
		if e.typ != 1 {
			continue
		}
		head := data[e.a:min(len(data), int(e.a)+2048)]
		if i := bytes.Index(head, []byte("endobj")); i >= 0 {
			head = head[:i]
		}
		if i := bytes.Index(head, []byte("stream")); i >= 0 {
			head = head[:i]
		}
		if pageType.Match(head) {
			pages = append(pages, page{int(e.a), num, int(e.b)})
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].off < pages[j].off })
	refs := make([]string, len(pages))
	for i, p := range pages {
		refs[i] = fmt.Sprintf("%d %d R", p.num, p.gen)
	}
	return refs
}

// scanObjects finds every "N G obj" header, the last definition of a
// number winning as in an incremental update.
func scanObjects(data []byte) map[int]xrefEntry {
	objs := map[int]xrefEntry{}
	limit := maxObjectNumber(len(data))
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte("obj"))
		if i < 0 {
			return objs
		}
		pos := at + i
		at = pos + 3
		if at < len(data) && !isSpaceOrDelim(data[at]) {
			continue // "objects", "objstm"
		}
		j := pos
		genEnd := skipBack(data, j, isSpaceByte)
		genStart := skipBack(data, genEnd, isDigit)
		numEnd := skipBack(data, genStart, isSpaceByte)
		numStart := skipBack(data, numEnd, isDigit)
		if genEnd == j || genStart == genEnd || numEnd == genStart || numStart == numEnd ||
			numStart > 0 && !isSpaceOrDelim(data[numStart-1]) {
			continue
		}
		num, err1 := strconv.Atoi(string(data[numStart:numEnd]))
		gen, err2 := strconv.Atoi(string(data[genStart:genEnd]))
		if err1 == nil && err2 == nil && num > 0 && num < limit && gen <= 65535 {
			objs[num] = xrefEntry{typ: 1, a: uint32(numStart), b: uint16(gen)}
		}
	}
}

// skipBack moves i back over bytes that match and returns the new index.
func skipBack(data []byte, i int, match func(byte) bool) int {
	for i > 0 && match(data[i-1]) {
		i--
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}
func isSpaceOrDelim(c byte) bool {
	return isSpaceByte(c) || strings.IndexByte("()<>[]{}/%", c) >= 0
}

// repairTrailer writes the entries of the new trailer: /Root from the last
// trailer that names one (if that object exists), else the catalog found by
// its /Type; /Encrypt and /ID when the file has them, so that encrypted
// files still decrypt.
func repairTrailer(data []byte, objs map[int]xrefEntry) (string, bool) {
	root := ""
	for _, m := range rootRef.FindAllSubmatch(data, -1) {
		if n, _ := strconv.Atoi(string(m[1])); objs[n].typ == 1 {
			root = fmt.Sprintf("%s %s R", m[1], m[2])
		}
	}
	if root == "" {
		locs := catalog.FindAllIndex(data, -1)
		if len(locs) == 0 {
			return "", false
		}
		at := locs[len(locs)-1][0]
		best, bestOff := 0, -1
		for num, e := range objs {
			if int(e.a) <= at && int(e.a) > bestOff {
				best, bestOff = num, int(e.a)
			}
		}
		if bestOff < 0 {
			return "", false
		}
		root = fmt.Sprintf("%d %d R", best, objs[best].b)
	}
	t := "/Root " + root
	if m := encryptRef.FindAll(data, -1); len(m) > 0 {
		t += " " + string(m[len(m)-1])
	}
	if m := idArray.FindAll(data, -1); len(m) > 0 {
		t += " " + string(m[len(m)-1])
	}
	return t, true
}

// addPacked reads the object streams (numbered streams, in the order of
// the trailer list) through a reader over the first repair and adds the
// objects they hold that the scan did not find.
func addPacked(first []byte, objs map[int]xrefEntry, streams []int) {
	defer func() { _ = recover() }() // a broken object stream adds nothing
	r, err := pdf.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		return
	}
	list := r.Trailer().Key(objStmKey)
	limit := maxObjectNumber(len(first))
	for i := 0; i < list.Len() && i < len(streams); i++ {
		strm := list.Index(i)
		n, firstOff := int(strm.Key("N").Int64()), strm.Key("First").Int64()
		if n <= 0 || n > limit || firstOff <= 0 || firstOff > int64(len(first)) {
			continue
		}
		rc := strm.Reader()
		head := make([]byte, firstOff)
		read, _ := io.ReadFull(rc, head)
		rc.Close()
		fields := bytes.Fields(head[:read])
		for k := 0; k+1 < len(fields) && k/2 < n; k += 2 {
			obj, err := strconv.Atoi(string(fields[k]))
			if err == nil && obj > 0 && obj < limit && objs[obj].typ == 0 {
				objs[obj] = xrefEntry{typ: 2, a: uint32(streams[i]), b: uint16(k / 2)}
			}
		}
	}
}

// appendXref returns data followed by a cross-reference stream for objs
// and the trailer entries given.
func appendXref(data []byte, objs map[int]xrefEntry, trailer string) []byte {
	size := 1
	for num := range objs {
		size = max(size, num+1)
	}
	self := size // the new stream's own number
	size++
	var rows bytes.Buffer
	out := append(append(make([]byte, 0, len(data)+size*7+512), data...), '\n')
	selfOff := len(out)
	for num := 0; num < size; num++ {
		e := objs[num]
		if num == self {
			e = xrefEntry{typ: 1, a: uint32(selfOff)}
		}
		rows.WriteByte(e.typ)
		binary.Write(&rows, binary.BigEndian, e.a)
		binary.Write(&rows, binary.BigEndian, e.b)
	}
	out = fmt.Appendf(out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] %s /Length %d >>\nstream\n", self, size, trailer, rows.Len())
	out = append(out, rows.Bytes()...)
	return fmt.Appendf(out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", selfOff)
}
