package offl

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hjemmel is a skjermingshjemmel (Noark 5 M501) read into its parts. The
// text is free: archives write the same basis in dozens of ways (LAW.md
// § 1), so parsing never rejects. What it cannot read is kept verbatim,
// marked not Parsed, and goes to staff review.
type Hjemmel struct {
	// Original is the text exactly as given.
	Original string
	// Citations are the cited provisions: the first is the basis itself,
	// the rest are what it refers to ("jf. fvl. § 13 …").
	Citations []Citation
	// OldLaw is true for a basis under the 1970 act (offentlighetsloven
	// §§ 4–11, e.g. "Offl. § 5a", "§ 6 nr. 2 bokstav a").
	OldLaw bool
	// Parsed is false when no provision could be read at all.
	Parsed bool
	// Canonical is the one way innsyn writes this basis; "" if not Parsed.
	Canonical string
	// Warnings say what was assumed or ignored, for staff.
	Warnings []string
}

// Citation is one cited provision.
type Citation struct {
	Act Act
	// KnownAct is false for an act name innsyn does not know ("Rrevl").
	KnownAct bool
	// Implied is true when the citation was not written but follows from
	// the rest (offl. § 13 before a bare confidentiality rule).
	Implied bool
	// Coordinate is true for a section cited alongside the one before it
	// ("§§ 13 og 14"), not as its reference.
	Coordinate bool
	// Section is the section number as written: "13", "5a", "3-2".
	Section    string
	Paragraphs []int    // ledd
	Sentence   int      // punktum; 0 if none
	Numbers    []string // nr.: "1", "1b"
	Letters    []string // bokstav
}

// NeedsReview reports whether staff should look at the basis: it could not
// be read, or it names no provision of the catalogue (and is not old law).
func (h Hjemmel) NeedsReview(c *Catalogue) bool {
	if !h.Parsed {
		return true
	}
	_, ok := h.Provision(c)
	return !ok && !h.OldLaw
}

// Provision is the catalogue entry the basis maps to: the first citation's
// section and, when it names exactly one, paragraph.
func (h Hjemmel) Provision(c *Catalogue) (Provision, bool) {
	if !h.Parsed || h.OldLaw || len(h.Citations) == 0 || h.Citations[0].Act != ActOffl {
		return Provision{}, false
	}
	main := h.Citations[0]
	section, err := strconv.Atoi(main.Section)
	if err != nil {
		return Provision{}, false
	}
	paragraph := 0
	if len(main.Paragraphs) == 1 {
		paragraph = main.Paragraphs[0]
	}
	return c.Lookup(section, paragraph)
}

// The basis keys of a skjermingshjemmel that names no provision of the
// catalogue.
const (
	BasisOldLaw       = "old_law"
	BasisUnrecognised = "unrecognised"
)

// Basis is the stable key under which entries are counted and filtered by
// basis: the provision's ID ("offl-13"), BasisOldLaw or BasisUnrecognised;
// label is how to show it.
func (h Hjemmel) Basis(c *Catalogue) (key, label string) {
	key = BasisUnrecognised
	if p, ok := h.Provision(c); ok {
		key = p.ID
	} else if h.OldLaw {
		key = BasisOldLaw
	}
	return key, BasisLabel(key, c)
}

// BasisLabel is how a basis key reads: a provision's citation.
func BasisLabel(key string, c *Catalogue) string {
	if p, ok := c.Provision(key); ok {
		return p.Citation()
	}
	switch key {
	case BasisOldLaw:
		return "Offentlighetsloven 1970"
	case BasisUnrecognised:
		return "Not recognised"
	}
	return key
}

// ParseHjemmel reads a skjermingshjemmel. It never fails and never panics;
// see Hjemmel for what it returns.
func ParseHjemmel(text string) Hjemmel {
	p := &hjemmelParser{toks: scan(text)}
	p.run()
	h := Hjemmel{Original: text, Citations: p.cites, Warnings: p.warnings}
	if len([]rune(text)) > MaxHjemmelLength {
		h.Warnings = append(h.Warnings, fmt.Sprintf("only the first %d characters were read", MaxHjemmelLength))
	}
	if len(h.Citations) == 0 {
		h.Warnings = append(h.Warnings, "no section (§) could be read")
		return h
	}
	h.Parsed = true
	h.completeMain()
	h.OldLaw = h.Citations[0].Act == ActOffl && isOldLawSection(h.Citations[0].Section)
	if h.OldLaw {
		h.Warnings = append(h.Warnings, "a basis under the 1970 offentlighetsloven, not the 2006 offentleglova")
	} else if h.Citations[0].Section == "5" && h.Citations[0].Act == ActOffl {
		h.Warnings = append(h.Warnings, "§ 5 of offentleglova postpones access (utsett innsyn) and exempts nothing; "+
			"in the 1970 act § 5 exempted internal documents: check which is meant")
	}
	h.Canonical = h.canonical()
	return h
}

// completeMain makes the first citation offentleglova's: a basis that
// names only another statute ("fvl. § 13 første ledd nr. 1") is read as
// offl. § 13 (teieplikt) with that statute as its reference. An unknown
// act or a regulation is left as it is, for staff to review.
func (h *Hjemmel) completeMain() {
	first := h.Citations[0]
	if first.Act == ActOffl || !first.KnownAct || first.Act.Abbr == "forskrift" {
		return
	}
	main := Citation{Act: ActOffl, KnownAct: true, Implied: true, Section: "13"}
	h.Citations = append([]Citation{main}, h.Citations...)
	h.Warnings = append(h.Warnings, "offentleglova is not named: read as offl. § 13 (teieplikt) with the act cited as its reference")
}

// isOldLawSection tells sections that are exemption bases only in the 1970
// act: a letter suffix (5a, 7d), or §§ 4, 6, 7 and 11, which in the 2006 act
// define terms, regulate other things or are meirinnsyn.
func isOldLawSection(section string) bool {
	n, err := strconv.Atoi(section)
	if err != nil {
		return len(section) > 1 && section[len(section)-1] >= 'a' && section[len(section)-1] <= 'z' &&
			!strings.Contains(section, "-") && atoiPrefix(section) <= 12
	}
	return n == 4 || n == 6 || n == 7 || n == 11
}

func atoiPrefix(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// canonical writes the basis the one way innsyn does:
// "Offl. § 13 jf. fvl. § 13 første ledd nr. 1".
func (h Hjemmel) canonical() string {
	var b strings.Builder
	for i, c := range h.Citations {
		part := c.String()
		switch {
		case i == 0 && h.OldLaw:
			part = strings.Replace(part, "offl.", "offl. (1970)", 1)
		case c.Coordinate && c.Act == h.Citations[i-1].Act:
			part = " og " + strings.TrimPrefix(part, c.Act.Abbr+" ")
		case c.Coordinate:
			part = " og " + part
		case i > 0:
			part = " jf. " + part
		}
		b.WriteString(part)
	}
	s := b.String()
	first, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(first)) + s[size:]
}

// String writes the citation: "fvl. § 13 første ledd nr. 1".
func (c Citation) String() string {
	var b strings.Builder
	b.WriteString(c.Act.Abbr)
	b.WriteString(" § ")
	b.WriteString(c.Section)
	if len(c.Paragraphs) > 0 {
		words := make([]string, len(c.Paragraphs))
		for i, p := range c.Paragraphs {
			words[i] = ordinal(p)
		}
		b.WriteString(" " + joinList(words) + " ledd")
	}
	if c.Sentence > 0 {
		b.WriteString(" " + ordinal(c.Sentence) + " punktum")
	}
	if len(c.Numbers) > 0 {
		b.WriteString(" nr. " + joinList(c.Numbers))
	}
	if len(c.Letters) > 0 {
		b.WriteString(" bokstav " + joinList(c.Letters))
	}
	return b.String()
}

// joinList writes "a", "a og b", "a, b og c".
func joinList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " og " + items[len(items)-1]
}

func appendUnique[T comparable](list []T, v T) []T {
	if slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}
