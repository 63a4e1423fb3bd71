package offl

import (
	"fmt"
	"strconv"
	"strings"
)

// hjemmelParser walks the tokens once. Every step consumes at least one
// token (run enforces it), so parsing ends on any input.
type hjemmelParser struct {
	toks     []token
	i        int
	cites    []Citation
	warnings []string
	ignored  []string
	// pending is an act named but not yet followed by its §; while one is
	// pending, parts (ledd, nr.) belong to it, not to the last citation.
	pending      *Act
	pendingKnown bool
	// and is set by "og" right before a §: the next section is cited
	// alongside the last one, not as its reference.
	and bool
}

var ordinalWords = map[string]int{
	"første": 1, "forste": 1, "1ste": 1, "fyrste": 1,
	"annet": 2, "andre": 2, "anna": 2,
	"tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6, "sjuende": 7, "sjuande": 7, "syvende": 7,
	"åttende": 8, "åttande": 8, "niende": 9, "niande": 9, "tiende": 10, "tiande": 10,
}

func (p *hjemmelParser) run() {
	for p.i < len(p.toks) {
		start := p.i
		p.step()
		if p.i <= start {
			p.i = start + 1
		}
	}
	if p.pending != nil {
		p.warnings = append(p.warnings, fmt.Sprintf("%q is named without a section and was not read", p.pending.Abbr))
	}
	if len(p.ignored) > 0 {
		p.warnings = append(p.warnings, "not understood and ignored: "+strings.Join(p.ignored, ", "))
	}
	p.orderMain()
}

// orderMain puts the first offentleglova citation first: "fvl. § 13 jf.
// offl. § 13" is a § 13 basis written backwards. A basis citing only
// another act known to the catalogue of acts (not a regulation, not an
// unknown act) is read as offl. § 13 by Hjemmel.completeMain.
func (p *hjemmelParser) orderMain() {
	for k, c := range p.cites {
		if c.Act == ActOffl {
			if k > 0 {
				main := p.cites[k]
				copy(p.cites[1:k+1], p.cites[:k])
				p.cites[0] = main
			}
			return
		}
	}
}

func (p *hjemmelParser) peek(offset int) (token, bool) {
	if j := p.i + offset; j >= 0 && j < len(p.toks) {
		return p.toks[j], true
	}
	return token{}, false
}

func (p *hjemmelParser) isWord(offset int, words ...string) bool {
	t, ok := p.peek(offset)
	if !ok || t.kind != tokWord {
		return false
	}
	key := actKey(t.text)
	for _, w := range words {
		if key == w {
			return true
		}
	}
	return false
}

func (p *hjemmelParser) isPunct(offset int, punct string) bool {
	t, ok := p.peek(offset)
	return ok && t.kind == tokPunct && t.text == punct
}

// target is the citation parts attach to, or nil when none does (no §
// yet, or an act is named whose § has not come).
func (p *hjemmelParser) target() *Citation {
	if p.pending != nil || len(p.cites) == 0 {
		return nil
	}
	return &p.cites[len(p.cites)-1]
}

func (p *hjemmelParser) ignore(text string) {
	if len(p.cites) > 0 && len(p.ignored) < 10 {
		p.ignored = append(p.ignored, strconv.Quote(text))
	}
}

func (p *hjemmelParser) step() {
	t := p.toks[p.i]
	switch t.kind {
	case tokSection:
		p.section()
	case tokNumber:
		if !p.unitRun() {
			p.ignore(t.text)
			p.i++
		}
	case tokPunct:
		p.punct(t.text)
	case tokWord:
		p.word(t)
	}
}

func (p *hjemmelParser) section() {
	p.i++ // §
	num, ok := p.peek(0)
	if !ok || num.kind != tokNumber || atoiPrefix(num.text) < 1 || atoiPrefix(num.text) > 999 {
		p.warnings = append(p.warnings, "a § without a section number was ignored")
		p.pending = nil
		return
	}
	c := Citation{Section: strings.ToLower(num.text), KnownAct: true, Coordinate: p.and && len(p.cites) > 0}
	p.and = false
	// "§ 5 a": the 1970 act's § 5a written with a space. Sections of the
	// 2006 act up to § 12 have no letters, so a bare letter right after
	// one of them belongs to the section.
	if next, ok := p.peek(1); ok && next.kind == tokWord && isLetterItem(next.text) && atoiPrefix(c.Section) <= 12 &&
		!strings.ContainsAny(c.Section, "abcdefghijklmnopqrstuvwxyz-") {
		c.Section += strings.ToLower(next.text)
		p.i++
	}
	switch {
	case p.pending != nil:
		c.Act, c.KnownAct = *p.pending, p.pendingKnown
	case len(p.cites) > 0:
		c.Act, c.KnownAct = p.cites[len(p.cites)-1].Act, p.cites[len(p.cites)-1].KnownAct
	default:
		c.Act = ActOffl
		p.warnings = append(p.warnings, "no act is named before the first §: read as offentleglova")
	}
	p.pending = nil
	p.cites = append(p.cites, c)
	p.i++
	// "§§ 13 og 14": the next number after "og" is another section, unless
	// it counts a ledd or punktum ("§ 24 2. og 3. ledd" is handled there).
	for p.isWord(0, "og") {
		n, ok := p.peek(1)
		if !ok || n.kind != tokNumber || p.unitFollows(2) {
			break
		}
		p.cites = append(p.cites, Citation{Act: c.Act, KnownAct: c.KnownAct, Section: strings.ToLower(n.text), Coordinate: true})
		p.i += 2
	}
	// "§ 23.1" and "§ 13.1 ledd": a number right after a dot is the ledd.
	if p.isPunct(0, ".") && !p.toks[p.i].spaced {
		if n, ok := p.peek(1); ok && n.kind == tokNumber && !n.spaced {
			if v, ok := partValue(n.text); ok {
				p.addParagraphs([]int{v})
				p.i += 2
			}
		}
	}
}

// unitRun reads a list of numbers or ordinal words ending in a unit:
// "2. og 3. ledd", "første og andre ledd", "2. pkt". It reports whether
// it found one; if not, nothing is consumed.
func (p *hjemmelParser) unitRun() bool {
	var vals []int
	j := p.i
	for j < len(p.toks) {
		t := p.toks[j]
		v, ok := runValue(t)
		if !ok {
			return false
		}
		vals = append(vals, v)
		j++
		if j < len(p.toks) && p.toks[j].kind == tokPunct && p.toks[j].text == "." {
			j++
		}
		if j >= len(p.toks) {
			return false
		}
		next := p.toks[j]
		switch key := actKey(next.text); {
		case next.kind == tokWord && (key == "ledd" || key == "leddet"):
			p.i = j + 1
			p.addParagraphs(vals)
			return true
		case next.kind == tokWord && (key == "punktum" || key == "pkt"):
			p.i = j + 1
			if p.isPunct(0, ".") {
				p.i++
			}
			p.setSentence(vals[0])
			return true
		case next.kind == tokWord && (key == "og" || key == "eller"), next.kind == tokPunct && next.text == ",":
			j++
		}
	}
	return false
}

// partValue reads the number of a ledd, punktum or nr.: 1 to 99.
func partValue(text string) (int, bool) {
	v, err := strconv.Atoi(text)
	return v, err == nil && v > 0 && v < 100
}

// unitFollows reports whether a ledd or punktum word comes at offset,
// after an optional full stop.
func (p *hjemmelParser) unitFollows(offset int) bool {
	if p.isPunct(offset, ".") {
		offset++
	}
	return p.isWord(offset, "ledd", "leddet", "punktum", "pkt")
}

func runValue(t token) (int, bool) {
	switch t.kind {
	case tokNumber:
		return partValue(t.text)
	case tokWord:
		v, ok := ordinalWords[strings.ToLower(t.text)]
		return v, ok
	}
	return 0, false
}

func (p *hjemmelParser) addParagraphs(vals []int) {
	c := p.target()
	if c == nil {
		p.ignore("ledd")
		return
	}
	for _, v := range vals {
		c.Paragraphs = appendUnique(c.Paragraphs, v)
	}
}

// setSentence records a punktum. fvl. § 13 første ledd has numbered items,
// not sentences, and journals write "fvl. § 13.1 pkt. 2" for its nr. 2.
func (p *hjemmelParser) setSentence(n int) {
	c := p.target()
	if c == nil {
		p.ignore("punktum")
		return
	}
	if c.Act.Abbr == "fvl." && c.Section == "13" {
		c.Numbers = appendUnique(c.Numbers, strconv.Itoa(n))
		p.warnings = append(p.warnings, fmt.Sprintf("read punktum %d of fvl. § 13 as nr. %d (its first paragraph has numbered items)", n, n))
		return
	}
	c.Sentence = n
}

func (p *hjemmelParser) punct(text string) {
	switch text {
	case "(":
		// "(1)" after a section is its first ledd; anything else in
		// parentheses is a comment.
		if n, ok := p.peek(1); ok && n.kind == tokNumber && p.isPunct(2, ")") && p.target() != nil {
			if v, ok := partValue(n.text); ok {
				p.addParagraphs([]int{v})
				p.i += 3
				return
			}
		}
		p.skipComment()
	default:
		p.i++
	}
}

// skipComment skips to the closing parenthesis, or the end.
func (p *hjemmelParser) skipComment() {
	for p.i++; p.i < len(p.toks); p.i++ {
		if t := p.toks[p.i]; t.kind == tokPunct && t.text == ")" {
			p.i++
			return
		}
	}
}

func (p *hjemmelParser) word(t token) {
	key := actKey(t.text)
	switch {
	case key == "og":
		p.i++
		if next, ok := p.peek(0); ok && next.kind == tokSection {
			p.and = true
		}
	case key == "jf" || key == "jfr" || key == "jamfør" || key == "jamfor" || key == "samt" ||
		key == "ledd" || key == "leddet":
		p.i++
	case ordinalWords[strings.ToLower(t.text)] > 0:
		if !p.unitRun() {
			p.ignore(t.text)
			p.i++
		}
	case key == "nr" || key == "nummer":
		p.i++
		p.items(func(c *Citation, s string) { c.Numbers = appendUnique(c.Numbers, strings.ToLower(s)) }, tokNumber)
	case key == "bokstav" || key == "bokst" || key == "litra":
		p.i++
		p.items(func(c *Citation, s string) { c.Letters = appendUnique(c.Letters, strings.ToLower(s)) }, tokWord)
	case key == "pkt" || key == "punktum":
		p.i++
		if p.isPunct(0, ".") {
			p.i++
		}
		if n, ok := p.peek(0); ok && n.kind == tokNumber {
			if v, ok := partValue(n.text); ok {
				p.setSentence(v)
			}
			p.i++
		}
	default:
		p.actOrLetter(t)
	}
}

// items reads "1", "1 og 2", "a, b" after nr. or bokstav.
func (p *hjemmelParser) items(add func(*Citation, string), kind tokenKind) {
	c := p.target()
	for p.i < len(p.toks) {
		if p.isPunct(0, ".") || p.isPunct(0, ",") || p.isWord(0, "og") {
			p.i++
			continue
		}
		t := p.toks[p.i]
		if t.kind != kind || (kind == tokWord && !isLetterItem(t.text)) {
			return
		}
		if c == nil {
			p.ignore(t.text)
		} else {
			add(c, t.text)
		}
		p.i++
	}
}

func isLetterItem(s string) bool {
	return len([]rune(s)) == 1 && strings.ContainsAny(strings.ToLower(s), "abcdefghijk")
}

// actOrLetter reads a word that names an act, a bare letter ("§ 6 nr. 2
// a"), or something to ignore.
func (p *hjemmelParser) actOrLetter(t token) {
	p.i++
	if act, ok := lookupAct(t.text); ok {
		p.pending, p.pendingKnown = &act, true
		return
	}
	if next, ok := p.peek(0); ok && next.kind == tokSection {
		// A word right before a § names an act, even one not in the table.
		p.pending, p.pendingKnown = &Act{Abbr: t.text, Name: t.text}, false
		p.warnings = append(p.warnings, fmt.Sprintf("the act %q is not known; kept as written", t.text))
		return
	}
	// A bare letter is a bokstav only in the range statutes use (a–h): a
	// trailing "j" is a "jf." cut short, not bokstav j.
	if c := p.target(); c != nil && isLetterItem(t.text) && t.spaced && strings.ContainsAny(strings.ToLower(t.text), "abcdefgh") {
		c.Letters = appendUnique(c.Letters, strings.ToLower(t.text))
		return
	}
	p.ignore(t.text)
}
