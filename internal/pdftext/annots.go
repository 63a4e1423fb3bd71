package pdftext

import (
	"math"

	"github.com/ledongthuc/pdf"
)

// maxAnnotsPerPage bounds the annotations drawn on one page.
const maxAnnotsPerPage = 1000

// Annotation flags that keep an annotation off the screen.
const (
	annotHidden = 1 << 1
	annotNoView = 1 << 5
)

// drawAnnotations draws the appearance streams of a page's visible
// annotations, as viewers and pdftotext do: the text of filled-in form
// fields, buttons and stamps is in no content stream.
func (in *interp) drawAnnotations(annots, res pdf.Value) {
	for i := 0; i < annots.Len() && i < maxAnnotsPerPage; i++ {
		a := annots.Index(i)
		switch a.Key("Subtype").Name() {
		case "Popup", "Link":
			continue
		}
		if a.Key("F").Int64()&(annotHidden|annotNoView) != 0 {
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == pdf.Dict { // one appearance per state, e.g. of a check box
			ap = ap.Key(a.Key("AS").Name())
		}
		rect, ok := numbers(a.Key("Rect"), 4)
		if ap.Kind() != pdf.Stream || !ok {
			continue
		}
		in.gs, in.saved = newInterp(in.fonts).gs, nil
		in.gs.ctm = appearanceMatrix(ap, rect)
		in.drawForm(ap, res)
	}
}

// appearanceMatrix maps an appearance stream onto its annotation's
// rectangle (PDF 32000-1:2008, 12.5.5): its bounding box, transformed by
// its /Matrix, is scaled and moved onto the rectangle. drawForm applies
// /Matrix itself, so this is the part after it.
func appearanceMatrix(ap pdf.Value, rect [4]float64) matrix {
	bbox, ok := numbers(ap.Key("BBox"), 4)
	if !ok {
		return translate(rect[0], rect[1])
	}
	fm := identity
	if m, ok := numbers6(ap.Key("Matrix")); ok {
		fm = m
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range [][2]float64{{bbox[0], bbox[1]}, {bbox[2], bbox[1]}, {bbox[0], bbox[3]}, {bbox[2], bbox[3]}} {
		x := c[0]*fm[0] + c[1]*fm[2] + fm[4]
		y := c[0]*fm[1] + c[1]*fm[3] + fm[5]
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	rx0, ry0 := min(rect[0], rect[2]), min(rect[1], rect[3])
	sx, sy := 1.0, 1.0
	if x1 > x0 {
		sx = math.Abs(rect[2]-rect[0]) / (x1 - x0)
	}
	if y1 > y0 {
		sy = math.Abs(rect[3]-rect[1]) / (y1 - y0)
	}
	return matrix{sx, 0, 0, sy, rx0 - x0*sx, ry0 - y0*sy}
}

// numbers reads an array of n numbers.
func numbers(v pdf.Value, n int) (out [4]float64, ok bool) {
	if v.Kind() != pdf.Array || v.Len() != n || n > len(out) {
		return out, false
	}
	for i := range n {
		out[i] = v.Index(i).Float64()
	}
	return out, true
}

// numbers6 reads a matrix.
func numbers6(v pdf.Value) (m matrix, ok bool) {
	if v.Kind() != pdf.Array || v.Len() != 6 {
		return m, false
	}
	for i := range m {
		m[i] = v.Index(i).Float64()
	}
	return m, true
}
