package pdftext

import (
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// maxCMapEntries bounds one CMap: a range <0000> <FFFF> is legal, a
// thousand of them is an attack on memory.
const maxCMapEntries = 1 << 17

// codeRange is one codespace range: codes of len(lo) bytes from lo to hi.
type codeRange struct{ lo, hi string }

// cmap is what a ToUnicode (or embedded encoding) CMap says: how codes are
// split (codespace ranges by byte length) and what text each code means.
type cmap struct {
	spaces [4][]codeRange
	text   map[string]string
}

// hasSpaces reports whether the CMap declared any codespace range.
func (c *cmap) hasSpaces() bool {
	for _, s := range c.spaces {
		if len(s) > 0 {
			return true
		}
	}
	return false
}

// nextCode returns the code at the start of raw by the codespace ranges:
// the shortest code that falls in a range, else one byte.
func (c *cmap) nextCode(raw string) string {
	for n := 1; n <= 4 && n <= len(raw); n++ {
		for _, r := range c.spaces[n-1] {
			if r.lo <= raw[:n] && raw[:n] <= r.hi {
				return raw[:n]
			}
		}
	}
	return raw[:1]
}

// maxCMapBytes bounds the CMap stream read: real ones are kilobytes.
const maxCMapBytes = 4 << 20

// parseCMap reads a CMap stream. Where the library's own reader keeps
// bfchar and bfrange lists and searches them for every glyph, this builds
// a map once. Only the sections that matter are read; the PostScript
// around them ("/CIDInit /ProcSet findresource begin", defs) is ignored.
// A CMap cut short gives what was read before the cut.
func parseCMap(strm pdf.Value) *cmap {
	c := &cmap{text: map[string]string{}}
	data, _ := readStream(strm, maxCMapBytes)
	lx := &lexer{data: data}
	var args []operand
	for {
		o, op, ok := lx.next()
		switch {
		case !ok:
			return c
		case op == "":
			if len(args) < 3*maxCMapEntries {
				args = append(args, o)
			}
			continue
		case op == "endcodespacerange":
			c.addSpaces(args)
		case op == "endbfchar":
			c.addChars(args)
		case op == "endbfrange":
			c.addRanges(args)
		}
		args = args[:0]
	}
}

func (c *cmap) addSpaces(v []operand) {
	for i := 0; i+1 < len(v); i += 2 {
		lo, hi := v[i].str, v[i+1].str
		if n := len(lo); n >= 1 && n <= 4 && len(hi) == n {
			c.spaces[n-1] = append(c.spaces[n-1], codeRange{lo, hi})
		}
	}
}

func (c *cmap) addChars(v []operand) {
	for i := 0; i+1 < len(v) && len(c.text) < maxCMapEntries; i += 2 {
		c.set(v[i].str, dstText(v[i+1]))
	}
}

// addRanges adds bfrange triples: lo hi dst, where dst is the text of lo
// (the next codes count up from it) or an array with the text of each code.
func (c *cmap) addRanges(v []operand) {
	for i := 0; i+2 < len(v); i += 3 {
		lo, hi, dst := v[i].str, v[i+1].str, v[i+2]
		if len(lo) == 0 || len(lo) > 4 || len(hi) != len(lo) {
			continue
		}
		first, last := codeValue(lo), codeValue(hi)
		if last < first || len(c.text)+int(last-first) > maxCMapEntries {
			continue
		}
		base := utf16Units(dst.str)
		for off := 0; off <= int(last-first); off++ {
			var text string
			if dst.kind == opArray {
				if off < len(dst.arr) {
					text = dstText(dst.arr[off])
				}
			} else if len(base) > 0 {
				units := append([]uint16(nil), base...)
				units[len(units)-1] += uint16(off)
				text = string(utf16.Decode(units))
			}
			c.set(codeString(first+uint32(off), len(lo)), text)
		}
	}
}

func (c *cmap) set(code, text string) {
	if code != "" {
		c.text[code] = normalizeGlyphText(text)
	}
}

// dstText decodes a bfchar or bfrange destination: UTF-16BE text, or a
// glyph name (allowed, rarely used).
func dstText(v operand) string {
	if v.kind == opName {
		return glyphText(v.str)
	}
	return string(utf16.Decode(utf16Units(v.str)))
}

// utf16Units splits big-endian bytes into UTF-16 code units; an odd last
// byte is dropped.
func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

// codeValue reads a code of 1–4 bytes as a big-endian number.
func codeValue(s string) uint32 {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

// codeString writes v as a big-endian code of n bytes.
func codeString(v uint32, n int) string {
	var b strings.Builder
	for i := n - 1; i >= 0; i-- {
		b.WriteByte(byte(v >> (8 * i)))
	}
	return b.String()
}
