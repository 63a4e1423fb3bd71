package pdftext

import (
	"math"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// font turns the codes of a shown string into text and widths.
type font struct {
	composite bool

	// Simple fonts: one byte per code.
	text   encoding
	widths [256]float64 // in text space units per unit of font size

	// Composite (Type0) fonts.
	codes     *cmap  // splits strings into codes; nil means two bytes each
	toUnicode *cmap  // code → text; nil without /ToUnicode
	ucs2      bool   // without /ToUnicode: codes are UTF-16BE (Uni…-UCS2-… CMaps)
	cidWidths []span // sorted by first CID
	defWidth  float64

	// sizeScale corrects the glyph height of Type3 fonts, whose glyph space
	// is set by /FontMatrix instead of being 1/1000 of the font size.
	sizeScale float64
}

// span gives CIDs first..last the width w, or widths ws one by one.
type span struct {
	first, last int
	w           float64
	ws          []float64
}

// nextCode returns the code at the start of raw (raw is not empty).
func (f *font) nextCode(raw string) string {
	switch {
	case !f.composite:
		return raw[:1]
	case f.codes != nil:
		return f.codes.nextCode(raw)
	case len(raw) >= 2:
		return raw[:2]
	}
	return raw
}

// decode returns the text of one code, "" when the font does not say.
func (f *font) decode(code string) string {
	if !f.composite {
		return f.text[code[0]]
	}
	if f.toUnicode != nil {
		if t, ok := f.toUnicode.text[code]; ok {
			return t
		}
	}
	if f.ucs2 {
		return normalizeGlyphText(string(utf16.Decode(utf16Units(code))))
	}
	return ""
}

// width returns the advance of one code in units of the font size.
func (f *font) width(code string) float64 {
	if !f.composite {
		return f.widths[code[0]]
	}
	cid := int(codeValue(code)) // Identity CMaps: the code is the CID
	i := sort.Search(len(f.cidWidths), func(i int) bool { return f.cidWidths[i].last >= cid })
	if i < len(f.cidWidths) && f.cidWidths[i].first <= cid {
		s := f.cidWidths[i]
		if s.ws != nil {
			return s.ws[cid-s.first]
		}
		return s.w
	}
	return f.defWidth
}

// fontCache keeps the fonts of one document. Fonts are shared by most
// pages, and parsing a font (its CMap above all) costs more than the text
// of a page, so they are keyed by their serialised dictionary: equal
// dictionaries (with equal references to CMaps and widths) decode alike.
type fontCache struct {
	fonts map[string]*font
	// named is keyed by a resources' /Font dictionary as written (with
	// references, not the fonts they point to) and a name: pages that
	// share their fonts find them without serialising a font each time.
	named map[string]*font
}

func newFontCache() *fontCache {
	return &fontCache{fonts: map[string]*font{}, named: map[string]*font{}}
}

// lookup returns the font called name in the resources res.
func (c *fontCache) lookup(res pdf.Value, name string) *font {
	fonts := resourceDict(res, "Font")
	key := fonts.String() + "\x00" + name
	if f, ok := c.named[key]; ok {
		return f
	}
	f := c.get(resourceDict(fonts, name))
	c.named[key] = f
	return f
}

// resourceDict looks key up in a dictionary; a damaged object on the way
// (the parser panics) gives a null.
func resourceDict(d pdf.Value, key string) (v pdf.Value) {
	defer func() { _ = recover() }()
	return d.Key(key)
}

// fallbackFont stands in for a font that is missing or unreadable: bytes
// as WinAnsi with a typical width, so that the text is not lost. It is
// made in init, after the encoding tables it copies.
var fallbackFont *font

func init() {
	fallbackFont = &font{text: winAnsi, sizeScale: 1}
	standardWidths("", &fallbackFont.widths)
}

// get returns the font for a font dictionary; a font that cannot be read
// (the parser panics on a damaged one) is replaced by the fallback font,
// so that its text is not lost with it.
func (c *fontCache) get(v pdf.Value) (f *font) {
	defer func() {
		if recover() != nil {
			f = fallbackFont
		}
	}()
	if v.Kind() != pdf.Dict {
		return fallbackFont
	}
	key := v.String()
	if f, ok := c.fonts[key]; ok {
		return f
	}
	if v.Key("Subtype").Name() == "Type0" {
		f = loadComposite(v)
	} else {
		f = loadSimple(v)
	}
	c.fonts[key] = f
	return f
}

// try runs f and swallows a panic: the parser signals damage by
// panicking, and a damaged part of a font should cost that part only.
func try(f func()) {
	defer func() { _ = recover() }()
	f()
}

// loadComposite reads a Type0 font: its CMap (how codes split), its
// ToUnicode CMap and the widths of its descendant CIDFont. Each part that
// cannot be read keeps its default: two-byte codes, no text, width 1 em.
func loadComposite(v pdf.Value) *font {
	f := &font{composite: true, sizeScale: 1, defWidth: 1}
	try(func() {
		desc := v.Key("DescendantFonts").Index(0)
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.defWidth = dw.Float64() / 1000
		}
		f.cidWidths = readCIDWidths(desc.Key("W"))
	})
	var enc pdf.Value
	var name string
	try(func() {
		enc = v.Key("Encoding")
		name = enc.Name()
	})
	f.ucs2 = strings.Contains(name, "UCS2") || strings.Contains(name, "UTF16")
	try(func() {
		if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
			f.toUnicode = parseCMap(tu)
		}
	})
	switch {
	case strings.HasPrefix(name, "Identity"), f.ucs2:
		// two bytes per code
	case enc.Kind() == pdf.Stream:
		if c := parseCMap(enc); c.hasSpaces() {
			f.codes = c
		}
	case f.toUnicode != nil && f.toUnicode.hasSpaces():
		f.codes = f.toUnicode
	}
	return f
}

// readCIDWidths reads a /W array: "c [w1 w2 …]" gives CIDs from c on one
// width each, "c1 c2 w" gives CIDs c1..c2 the width w.
func readCIDWidths(w pdf.Value) []span {
	var spans []span
	for i := 0; i < w.Len(); {
		first := int(w.Index(i).Int64())
		if next := w.Index(i + 1); next.Kind() == pdf.Array {
			ws := make([]float64, next.Len())
			for j := range ws {
				ws[j] = next.Index(j).Float64() / 1000
			}
			if len(ws) > 0 {
				spans = append(spans, span{first: first, last: first + len(ws) - 1, ws: ws})
			}
			i += 2
			continue
		}
		last := int(w.Index(i + 1).Int64())
		if last >= first && i+2 < w.Len() {
			spans = append(spans, span{first: first, last: last, w: w.Index(i+2).Float64() / 1000})
		}
		i += 3
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].first < spans[j].first })
	return spans
}

// loadSimple reads a simple font (Type1, TrueType, Type3, MMType1).
// The text of a code comes from /ToUnicode when it has the code, else from
// /Differences, else from the base encoding: the one named, or the font's
// own (built into the font program, or a standard font's).
func loadSimple(v pdf.Value) *font {
	f := &font{sizeScale: 1, text: winAnsi}
	try(func() {
		enc := v.Key("Encoding")
		baseName := enc.Name()
		if enc.Kind() == pdf.Dict {
			baseName = enc.Key("BaseEncoding").Name()
		}
		f.text = baseEncoding(baseName, v)
		if enc.Kind() == pdf.Dict {
			applyDifferences(&f.text, v, enc.Key("Differences"))
		}
	})
	try(func() {
		if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
			c := parseCMap(tu)
			for code := range 256 {
				t, ok := c.text[string([]byte{byte(code)})]
				if !ok { // some producers write two-byte codes for simple fonts
					t, ok = c.text[string([]byte{0, byte(code)})]
				}
				if ok && t != "" {
					f.text[code] = t
				}
			}
		}
	})
	for code, t := range f.text {
		f.text[code] = normalizeGlyphText(t)
	}
	standardWidths("", &f.widths)
	try(func() { readSimpleWidths(f, v) })
	return f
}

// flagNonsymbolic is the font descriptor flag of fonts in the Latin set.
const flagNonsymbolic = 1 << 5

// baseEncoding returns the encoding named, or the font's own.
func baseEncoding(name string, v pdf.Value) encoding {
	switch name {
	case "WinAnsiEncoding":
		return winAnsi
	case "MacRomanEncoding":
		return macRoman
	case "StandardEncoding", "MacExpertEncoding":
		return standard
	}
	baseFont := v.Key("BaseFont").Name()
	switch {
	case strings.Contains(baseFont, "Symbol"):
		return symbol
	case strings.Contains(baseFont, "Dingbats"):
		return dingbats
	}
	switch v.Key("Subtype").Name() {
	case "TrueType":
		// A nonsymbolic font means StandardEncoding (pdftotext agrees:
		// pdfjs/issue7580.pdf has æ at 0xF1); a symbolic one has codes
		// for its own glyphs, mostly ASCII in practice.
		if v.Key("FontDescriptor").Key("Flags").Int64()&flagNonsymbolic != 0 {
			return standard
		}
		return winAnsi
	case "Type1", "MMType1":
		if e, ok := type1Encoding(v.Key("FontDescriptor").Key("FontFile")); ok {
			return e
		}
		return standard
	case "Type3":
		return standard
	}
	return winAnsi
}

// applyDifferences overlays a /Differences array: a code, then the glyph
// names of that code and the ones after it. Names glyphText does not know
// are asked of the library, whose table is the whole Adobe Glyph List;
// names neither knows keep the base encoding's text.
func applyDifferences(e *encoding, v, diffs pdf.Value) {
	lib := pdf.Font{V: v}
	libEnc := lib.Encoder()
	code := -1
	for i := 0; i < diffs.Len(); i++ {
		x := diffs.Index(i)
		switch x.Kind() {
		case pdf.Integer:
			code = int(x.Int64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				if t := glyphText(x.Name()); t != "" {
					e[code] = t
				} else if t := libEnc.Decode(string([]byte{byte(code)})); t != string(rune(code)) {
					e[code] = t
				}
			}
			code++
		}
	}
}

// readSimpleWidths reads /FirstChar and /Widths; Type3 widths are in
// glyph space, scaled by /FontMatrix rather than by 1/1000.
func readSimpleWidths(f *font, v pdf.Value) {
	scale := 0.001
	if v.Key("Subtype").Name() == "Type3" {
		if fm := v.Key("FontMatrix"); fm.Len() == 6 {
			scale = fm.Index(0).Float64()
			if s := math.Abs(fm.Index(3).Float64()) * 1000; s > 0 {
				f.sizeScale = s
			}
		}
	}
	widths := v.Key("Widths")
	if widths.Kind() != pdf.Array {
		standardWidths(v.Key("BaseFont").Name(), &f.widths)
		return
	}
	missing := v.Key("FontDescriptor").Key("MissingWidth").Float64() * scale
	for c := range f.widths {
		f.widths[c] = missing
	}
	first := int(v.Key("FirstChar").Int64())
	for i := 0; i < widths.Len(); i++ {
		if c := first + i; c >= 0 && c < 256 {
			f.widths[c] = widths.Index(i).Float64() * scale
		}
	}
}
