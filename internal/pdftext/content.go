package pdftext

import (
	"math"

	"github.com/ledongthuc/pdf"
)

// This file interprets page content streams into positioned glyphs. The
// library's Page.Content() does the same, but it cannot be used here:
//   - it gives every glyph of a composite (Type0/Identity-H) font a width of
//     0, because it reads /Widths, which such fonts do not have (they have
//     /W in the descendant font); with TJ kerning the positions then even run
//     backwards (measured on no/Brev_RA_til_Acos…pdf: x 70.8, 70.7, 70.6…);
//   - it ends every TJ by showing the string "\n" through the current font,
//     so each TJ adds a stray glyph: "\n" itself for WinAnsi fonts, U+FFFD
//     for Identity-H fonts, and whatever code 10 maps to in a subset font's
//     ToUnicode CMap, with the width of code 10, right after the TJ's text;
//   - it ignores /ToUnicode when /Encoding is a name (WinAnsiEncoding…),
//     looks codes up in a CMap by linear search, does not enter form
//     XObjects (Do), where some producers put headers and footers, and
//     panics on operators with a wrong operand count.
// The interpreter below uses the library's object model and stream
// decoding only; streams are tokenized by lexer.go, fonts read by font.go.

// matrix is an affine transform [a b c d e f], as in PDF.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: first m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(tx, ty float64) matrix { return matrix{1, 0, 0, 1, tx, ty} }

// gstate is the part of the graphics state that positions text.
type gstate struct {
	ctm       matrix
	font      *font
	fontSize  float64
	charSpace float64
	wordSpace float64
	scale     float64 // horizontal scaling, 1 = 100 %
	leading   float64
	rise      float64
}

// Bounds on what one page may cost, beyond the child's time and memory
// limits: they keep a hostile page from holding up the pages after it.
const (
	maxGlyphsPerPage = 400000
	maxFormDepth     = 8
	maxFormsPerPage  = 2000
	maxSavedStates   = 4096
)

// errPageFull stops a page that drew more glyphs than maxGlyphsPerPage.
type errPageFull struct{}

// interp runs the content streams of one page.
type interp struct {
	fonts  *fontCache
	glyphs []glyph
	gs     gstate
	saved  []gstate
	tm     matrix // text matrix
	tlm    matrix // text line matrix
	forms  int    // form XObjects drawn on this page
	cut    bool   // a content stream could not be read to its end
	// formDepth is how deep in nested forms the interpreter is.
	formDepth int
}

func newInterp(fonts *fontCache) *interp {
	return &interp{fonts: fonts, gs: gstate{ctm: identity, scale: 1}, tm: identity, tlm: identity}
}

// run interprets content (a stream or an array of streams) with resources.
func (in *interp) run(content, resources pdf.Value) {
	lx := &lexer{data: in.contentBytes(content)}
	byName := map[string]*font{} // Tf is frequent; resolve each font once per stream
	var args []operand
	for {
		o, op, ok := lx.next()
		switch {
		case !ok:
			return
		case op == "":
			if len(args) == maxOperands {
				args = args[:0]
			}
			args = append(args, o)
			continue
		case op == "BI":
			lx.skipInlineImage()
		default:
			in.do(op, args, resources, byName)
		}
		args = args[:0]
	}
}

// contentBytes reads the decoded bytes of a content stream, or of an array
// of them (which PDF joins as if they were one); a stream that cannot be
// read to its end gives what was read and marks the page as cut.
func (in *interp) contentBytes(content pdf.Value) []byte {
	var parts []pdf.Value
	switch content.Kind() {
	case pdf.Stream:
		parts = []pdf.Value{content}
	case pdf.Array:
		for i := 0; i < content.Len() && i < maxFormsPerPage; i++ {
			if p := index(content, i); p.Kind() == pdf.Stream {
				parts = append(parts, p)
			}
		}
	}
	var data []byte
	for _, p := range parts {
		b, err := readStream(p, maxStreamBytes-int64(len(data)))
		if err != nil {
			in.cut = true
		}
		data = append(append(data, b...), '\n')
	}
	return data
}

// lastArgs returns the operands an operator needs: the last n, of which the
// kinds must match (opNum, opStr, …; 0 for any). Garbage before them is
// ignored; too few, or the wrong kinds, and the operator is skipped: one
// bad operator should not cost the rest of the page.
func lastArgs(args []operand, kinds ...byte) ([]operand, bool) {
	if len(args) < len(kinds) {
		return nil, false
	}
	args = args[len(args)-len(kinds):]
	for i, k := range kinds {
		if k != 0 && args[i].kind != k {
			return nil, false
		}
	}
	return args, true
}

var (
	oneNum   = []byte{opNum}
	twoNums  = []byte{opNum, opNum}
	sixNums  = []byte{opNum, opNum, opNum, opNum, opNum, opNum}
	fontArgs = []byte{opName, opNum}
)

// do executes one operator.
func (in *interp) do(op string, args []operand, res pdf.Value, byName map[string]*font) {
	switch op {
	case "q":
		if len(in.saved) < maxSavedStates {
			in.saved = append(in.saved, in.gs)
		}
	case "Q":
		if n := len(in.saved); n > 0 {
			in.gs, in.saved = in.saved[n-1], in.saved[:n-1]
		}
	case "cm":
		if a, ok := lastArgs(args, sixNums...); ok {
			in.gs.ctm = matrixOf(a).mul(in.gs.ctm)
		}
	case "BT":
		in.tm, in.tlm = identity, identity
	case "Tf":
		if a, ok := lastArgs(args, fontArgs...); ok {
			f, found := byName[a[0].str]
			if !found {
				f = in.fonts.lookup(res, a[0].str)
				byName[a[0].str] = f
			}
			in.gs.font, in.gs.fontSize = f, a[1].num
		}
	case "Tc", "Tw", "Tz", "TL", "Ts":
		if a, ok := lastArgs(args, oneNum...); ok {
			in.setTextParam(op, a[0].num)
		}
	case "Td", "TD":
		if a, ok := lastArgs(args, twoNums...); ok {
			if op == "TD" {
				in.gs.leading = -a[1].num
			}
			in.nextLine(a[0].num, a[1].num)
		}
	case "Tm":
		if a, ok := lastArgs(args, sixNums...); ok {
			in.tm = matrixOf(a)
			in.tlm = in.tm
		}
	case "T*":
		in.nextLine(0, -in.gs.leading)
	case "Tj", "'":
		if a, ok := lastArgs(args, opStr); ok {
			if op == "'" {
				in.nextLine(0, -in.gs.leading)
			}
			in.show(a[0].str)
		}
	case "\"":
		if a, ok := lastArgs(args, opNum, opNum, opStr); ok {
			in.gs.wordSpace, in.gs.charSpace = a[0].num, a[1].num
			in.nextLine(0, -in.gs.leading)
			in.show(a[2].str)
		}
	case "TJ":
		if a, ok := lastArgs(args, opArray); ok {
			in.showArray(a[0].arr)
		}
	case "Do":
		if a, ok := lastArgs(args, opName); ok {
			in.drawForm(xobject(res, a[0].str), res)
		}
	}
}

// xobject looks an XObject up in the resources; a damaged resource
// dictionary (the parser panics) gives none.
func xobject(res pdf.Value, name string) (v pdf.Value) {
	defer func() { _ = recover() }()
	return res.Key("XObject").Key(name)
}

func (in *interp) setTextParam(op string, v float64) {
	switch op {
	case "Tc":
		in.gs.charSpace = v
	case "Tw":
		in.gs.wordSpace = v
	case "Tz":
		in.gs.scale = v / 100
	case "TL":
		in.gs.leading = v
	case "Ts":
		in.gs.rise = v
	}
}

func matrixOf(args []operand) matrix {
	var m matrix
	for i := range m {
		m[i] = args[i].num
	}
	return m
}

func (in *interp) nextLine(tx, ty float64) {
	in.tlm = translate(tx, ty).mul(in.tlm)
	in.tm = in.tlm
}

// showArray runs TJ: strings are shown, numbers move the pen back by
// thousandths of the font size. Nothing else is drawn: no stray glyph.
func (in *interp) showArray(elems []operand) {
	for _, x := range elems {
		switch x.kind {
		case opStr:
			in.show(x.str)
		case opNum:
			tx := -x.num / 1000 * in.gs.fontSize * in.gs.scale
			in.tm = translate(tx, 0).mul(in.tm)
		}
	}
}

// show draws the string raw with the current font, glyph by glyph.
// Showing text only moves the text matrix along the baseline, so the
// glyphs' axes are computed once per string and their origins from the
// pen position; the text matrix is moved once at the end.
func (in *interp) show(raw string) {
	f, g := in.gs.font, in.gs
	if f == nil {
		return // text before any Tf: invalid, and nothing to decode it with
	}
	m := in.tm.mul(g.ctm)
	axes := matrix{g.fontSize * g.scale, 0, 0, g.fontSize, 0, 0}.mul(matrix{m[0], m[1], m[2], m[3], 0, 0})
	size := math.Hypot(axes[2], axes[3]) * f.sizeScale
	dir := direction(axes[0], axes[1])
	unit := math.Hypot(m[0], m[1]) // page length of one text-space unit along the baseline
	pen := 0.0
	for len(raw) > 0 {
		code := f.nextCode(raw)
		raw = raw[len(code):]
		adv := (f.width(code)*g.fontSize + g.charSpace) * g.scale
		if text := f.decode(code); text != "" {
			x := pen*m[0] + g.rise*m[2] + m[4]
			y := pen*m[1] + g.rise*m[3] + m[5]
			in.addGlyph(glyph{x: x, y: y, w: adv * unit, size: size, dir: dir, text: text, space: isSpaceText(text)})
		}
		if len(code) == 1 && code[0] == ' ' {
			adv += g.wordSpace * g.scale // PDF applies Tw to the single-byte code 32 only
		}
		pen += adv
	}
	in.tm = translate(pen, 0).mul(in.tm)
}

// addGlyph records a glyph; its advance w leaves word spacing out, so that
// the gap after a space glyph still shows.
func (in *interp) addGlyph(gl glyph) {
	if len(in.glyphs) >= maxGlyphsPerPage {
		panic(errPageFull{})
	}
	if !(gl.size > 0) || math.IsInf(gl.size, 0) || math.IsNaN(gl.w+gl.x+gl.y) || math.IsInf(gl.w+gl.x+gl.y, 0) {
		return
	}
	in.glyphs = append(in.glyphs, gl)
}

// direction quantises the writing direction to right, up, left or down.
func direction(dx, dy float64) int8 {
	switch {
	case math.Abs(dx) >= math.Abs(dy) && dx >= 0:
		return dirRight
	case math.Abs(dx) >= math.Abs(dy):
		return dirLeft
	case dy > 0:
		return dirUp
	}
	return dirDown
}

// drawForm runs a form XObject with its own resources (or the caller's)
// and its matrix; recursion and the number of forms per page are bounded,
// since a form may draw itself. A damaged form is skipped: the parser's
// panic ends the form, not the page.
func (in *interp) drawForm(x, res pdf.Value) {
	if in.formDepth >= maxFormDepth || in.forms >= maxFormsPerPage {
		return
	}
	in.forms++
	in.formDepth++
	// A form's q/Q are its own: unbalanced ones must not touch the page's.
	gs, tm, tlm, saved := in.gs, in.tm, in.tlm, in.saved
	defer func() {
		in.gs, in.tm, in.tlm, in.saved = gs, tm, tlm, saved
		in.formDepth--
		if p := recover(); p != nil {
			if _, full := p.(errPageFull); full {
				panic(p)
			}
			in.cut = true
		}
	}()
	if st := x.Key("Subtype").Name(); x.Kind() != pdf.Stream || st != "Form" && st != "" {
		return // images have no text
	}
	in.saved = nil
	if fm, ok := numbers6(x.Key("Matrix")); ok {
		in.gs.ctm = fm.mul(in.gs.ctm)
	}
	if own := x.Key("Resources"); own.Kind() == pdf.Dict {
		res = own
	}
	in.run(x, res)
}
