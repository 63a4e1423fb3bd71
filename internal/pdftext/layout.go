package pdftext

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Writing directions of glyphs, quantised to the page's axes.
const (
	dirRight int8 = iota
	dirUp
	dirLeft
	dirDown
)

// glyph is one drawn code: its text and where it went on the page.
type glyph struct {
	x, y  float64 // origin on the page
	w     float64 // advance along the writing direction, character spacing included
	size  float64 // font size on the page
	dir   int8
	space bool // the text is spaces: a word break wherever it is drawn
	text  string
}

// Layout thresholds, in units of the font size. Glyph widths come from the
// font; these describe typography, not any one file.
const (
	// wordGap: a gap wider than this between two glyphs separates words.
	// Kerning and tracking inside words stay below 0.1; a space, even
	// squeezed in justified text, is about 0.2 or more.
	wordGap = 0.15
	// dupDist: the same text drawn again closer than this is a duplicate
	// (fake bold, shadows); a real double letter is a glyph width apart.
	dupDist = 0.1
	// lineTol: baselines closer than this (of the larger font) are one
	// line: a superscript (raised about 0.35) stays on its line, the next
	// line (leading about 1.2) does not join.
	lineTol = 0.5
	// colGap: a horizontal gap wider than this may separate columns
	// (LaTeX puts 1 em between two columns of 10 pt text).
	colGap = 0.75
	// blockGap: a vertical gap at least this high may separate blocks.
	blockGap = 1.0
	// sectionGap: a vertical gap at least this high separates blocks
	// before any column is looked for: more than a blank line, as between
	// a title and the columns under it.
	sectionGap = 2.0
)

// maxCutSegments bounds the column analysis: a page with more pieces of
// text than this (a table of thousands of cells) is read line by line.
const maxCutSegments = 5000

// item is a glyph in its writing direction's frame: u runs along the
// text, v up from the baseline.
type item struct {
	u, v, w, size float64
	seq           int // drawing order, to keep sorting stable
	text          string
	space         bool
}

// segment is a run of words on one line with no column-wide gap inside.
type segment struct {
	line           int
	u0, u1, v, top float64
	size           float64
	text           string
}

// layoutPage rebuilds words, lines and reading order from the glyphs of a
// page: lines by baseline, words by the gaps between glyphs (not by the
// order of drawing, which producers choose freely), and columns by gaps
// that run through a whole block of lines.
func layoutPage(glyphs []glyph) string {
	var parts []string
	for _, dir := range []int8{dirRight, dirUp, dirDown, dirLeft} {
		items := itemsFor(glyphs, dir)
		if len(items) == 0 {
			continue
		}
		segs := segmentLines(buildLines(items))
		var blocks [][]*segment
		if len(segs) <= maxCutSegments {
			xyCut(segs, &blocks, 0)
		} else {
			blocks = [][]*segment{segs}
		}
		parts = append(parts, render(blocks))
	}
	return finishPage(strings.Join(parts, "\n"))
}

// itemsFor turns the glyphs written in direction dir into items, rotating
// the page so that this text runs left to right.
func itemsFor(glyphs []glyph, dir int8) []item {
	n := 0
	for _, g := range glyphs {
		if g.dir == dir {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	items := make([]item, 0, n)
	for i, g := range glyphs {
		if g.dir != dir {
			continue
		}
		u, v := g.x, g.y
		switch dir {
		case dirUp:
			u, v = g.y, -g.x
		case dirLeft:
			u, v = -g.x, -g.y
		case dirDown:
			u, v = -g.y, g.x
		}
		items = append(items, item{u: u, v: v, w: g.w, size: g.size, seq: i, text: g.text, space: g.space})
	}
	return items
}

// buildLines groups items into lines by baseline, top line first, each
// line's items from left to right. Items are first cut into runs as drawn
// (consecutive items on one baseline, as a Tj or TJ draws them); runs,
// which are far fewer than items, are sorted by baseline and swept into
// lines, and only lines made of several runs are sorted again.
func buildLines(items []item) [][]item {
	type run struct {
		v, size float64
		items   []item
		sorted  bool
	}
	var runs []run
	for i, start := 1, 0; i <= len(items); i++ {
		if i < len(items) && math.Abs(items[i].v-items[start].v) <= 0.01*items[start].size {
			continue
		}
		r := run{v: items[start].v, size: items[start].size, items: items[start:i], sorted: true}
		for k := 1; k < len(r.items); k++ {
			r.sorted = r.sorted && r.items[k-1].u <= r.items[k].u
		}
		runs = append(runs, r)
		start = i
	}
	slices.SortStableFunc(runs, func(a, b run) int { return cmp.Compare(b.v, a.v) })
	var lines [][]item
	var v0, s0 float64
	sorted := true
	for _, r := range runs {
		n := len(lines)
		if n > 0 && math.Abs(v0-r.v) <= lineTol*math.Max(s0, r.size) {
			last := lines[n-1]
			sorted = sorted && r.sorted && (len(last) == 0 || last[len(last)-1].u <= r.items[0].u)
			lines[n-1] = append(last, r.items...)
			continue
		}
		if n > 0 && !sorted {
			sortByU(lines[n-1])
		}
		v0, s0, sorted = r.v, r.size, r.sorted
		lines = append(lines, append([]item(nil), r.items...))
	}
	if n := len(lines); n > 0 && !sorted {
		sortByU(lines[n-1])
	}
	return lines
}

// sortByU sorts the items of a line from left to right, in drawing order
// where they start at the same place.
func sortByU(line []item) {
	slices.SortFunc(line, func(a, b item) int {
		if c := cmp.Compare(a.u, b.u); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
}

// segmentLines splits lines into words and segments. A space glyph or a
// gap wider than wordGap ends a word; a gap wider than colGap ends a
// segment. A glyph repeating the one before it at almost the same place
// is dropped.
func segmentLines(lines [][]item) []*segment {
	var segs []*segment
	for li, line := range lines {
		var seg *segment
		var text strings.Builder
		var prev *item
		var end float64 // where the text so far ends: glyphs may overlap
		space := false
		flush := func() {
			if seg != nil {
				seg.text = text.String()
				segs = append(segs, seg)
			}
			seg = nil
			text.Reset()
		}
		for i := range line {
			it := &line[i]
			if it.space {
				space = prev != nil
				continue
			}
			if prev != nil {
				size := (prev.size + it.size) / 2
				gap := it.u - end
				switch {
				case !space && it.text == prev.text && math.Abs(it.u-prev.u) < dupDist*size && math.Abs(it.v-prev.v) < dupDist*size:
					continue
				case gap >= colGap*size:
					flush()
				case space || gap > wordGap*size:
					text.WriteByte(' ')
				}
			}
			if seg == nil {
				seg = &segment{line: li, u0: it.u, u1: it.u + it.w, v: it.v, top: it.v + 0.75*it.size}
			}
			text.WriteString(it.text)
			if prev == nil {
				end = it.u + it.w
			}
			end = max(end, it.u+it.w)
			seg.u1 = max(seg.u1, it.u+it.w)
			seg.size = max(seg.size, it.size)
			seg.top = max(seg.top, it.v+0.75*it.size)
			prev, space = it, false
		}
		flush()
	}
	return segs
}

// xyCut orders segments into blocks by recursive cuts: first at a wide
// horizontal gap (between a title and the columns under it), then at a
// vertical gap running through every line of the region (a column
// gutter), then at any clear horizontal gap. Looking for columns before
// ordinary paragraph breaks keeps a two-column page from being read
// across the columns; looking for wide breaks first keeps a title that
// straddles the gutter from being taken for part of one column.
func xyCut(segs []*segment, out *[][]*segment, depth int) {
	if len(segs) > 1 && depth < 200 {
		size := medianSize(segs)
		if a, b, ok := splitRows(segs, sectionGap*size); ok {
			xyCut(a, out, depth+1)
			xyCut(b, out, depth+1)
			return
		}
		if a, b, ok := splitColumns(segs, size); ok {
			xyCut(a, out, depth+1)
			xyCut(b, out, depth+1)
			return
		}
		if a, b, ok := splitRows(segs, blockGap*size); ok {
			xyCut(a, out, depth+1)
			xyCut(b, out, depth+1)
			return
		}
	}
	*out = append(*out, segs)
}

func medianSize(segs []*segment) float64 {
	sizes := make([]float64, len(segs))
	for i, s := range segs {
		sizes[i] = s.size
	}
	sort.Float64s(sizes)
	return sizes[len(sizes)/2]
}

// splitColumns finds the widest gap along u that no segment crosses, with
// at least two lines of text on each side: one line beside another is a
// line with a wide gap, not two columns.
func splitColumns(segs []*segment, size float64) (left, right []*segment, ok bool) {
	sorted := append([]*segment(nil), segs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].u0 < sorted[j].u0 })
	bestAt, bestWidth := -1, 0.0
	end := sorted[0].u1
	for i := 1; i < len(sorted); i++ {
		if w := sorted[i].u0 - end; w >= colGap*size && w > bestWidth &&
			distinctLines(sorted[:i]) >= 2 && distinctLines(sorted[i:]) >= 2 {
			bestAt, bestWidth = i, w
		}
		end = max(end, sorted[i].u1)
	}
	if bestAt < 0 {
		return nil, nil, false
	}
	return sorted[:bestAt], sorted[bestAt:], true
}

func distinctLines(segs []*segment) int {
	seen := map[int]bool{}
	for _, s := range segs {
		seen[s.line] = true
	}
	return len(seen)
}

// splitRows finds the widest gap along v between lines that is at least
// minGap high, and cuts there.
func splitRows(segs []*segment, minGap float64) (above, below []*segment, ok bool) {
	sorted := append([]*segment(nil), segs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].top > sorted[j].top })
	bestAt, bestHeight := -1, 0.0
	bottom := sorted[0].v - 0.25*sorted[0].size
	for i := 1; i < len(sorted); i++ {
		if h := bottom - sorted[i].top; h >= minGap && h > bestHeight {
			bestAt, bestHeight = i, h
		}
		bottom = min(bottom, sorted[i].v-0.25*sorted[i].size)
	}
	if bestAt < 0 {
		return nil, nil, false
	}
	return sorted[:bestAt], sorted[bestAt:], true
}

// render writes blocks in order; in a block, the segments of a line are
// joined by a space, lines by "\n" unless a hyphen joins them.
func render(blocks [][]*segment) string {
	var out []string
	for _, blk := range blocks {
		sort.Slice(blk, func(i, j int) bool {
			if blk[i].line != blk[j].line {
				return blk[i].line < blk[j].line
			}
			return blk[i].u0 < blk[j].u0
		})
		var lines []string
		for i, s := range blk {
			if i > 0 && s.line == blk[i-1].line {
				lines[len(lines)-1] += " " + s.text
				continue
			}
			lines = append(lines, s.text)
		}
		out = append(out, joinLines(lines))
	}
	return strings.Join(out, "\n")
}

// joinLines joins the lines of a block. A word broken across lines is
// mended, as pdftotext does: a soft hyphen at the end of a line goes and
// the lines join; so does a hyphen after a letter when the next line goes
// on in lower case ("behand-" + "ling"). Before a digit or a capital the
// hyphen is kept, and so is the line break: "Noark-" + "5" stays apart.
func joinLines(lines []string) string {
	var b strings.Builder
	for i, line := range lines {
		if i+1 < len(lines) {
			trimmed := strings.TrimRight(line, " ")
			next, _ := utf8.DecodeRuneInString(lines[i+1])
			switch {
			case strings.HasSuffix(trimmed, string(softHyphen)):
				b.WriteString(strings.TrimSuffix(trimmed, string(softHyphen)))
				continue
			case endsWithLetterHyphen(trimmed) && unicode.IsLower(next):
				b.WriteString(strings.TrimSuffix(trimmed, "-"))
				continue
			}
		}
		b.WriteString(line)
		if i+1 < len(lines) {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// endsWithLetterHyphen reports whether s ends with a letter and "-".
func endsWithLetterHyphen(s string) bool {
	rest, ok := strings.CutSuffix(s, "-")
	if !ok {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(rest)
	return unicode.IsLetter(r)
}
