package demojournal

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/innsyn/innsyn/internal/offl"
)

// letter is what a document's PDF shows. Names of correspondents appear only
// in the hoveddokument; attachments show the case's about text, which is
// safe to publish, so an attachment of a screened entry can be given out
// without giving away whom it concerns.
type letter struct {
	typ    offl.Journalposttype
	ref    string // saksnummer, e.g. "2024/123"
	nr     int    // journalpostnummer
	date   time.Time
	unit   string // the unit's name
	staff  string
	from   *party
	to     []*party
	toUnit string
	about  string
	title  string // the document's title
	main   bool
}

// Page layout in points (A4 is 595 × 842).
const (
	marginLeft  = 56
	columnRight = 370
	lineHeight  = 14
	wrapAt      = 88 // characters of 10 pt Helvetica on the text width
)

// render draws the letter; r picks the body text.
func (l letter) render(r *rand.Rand) []byte {
	var page []pdfText
	y := 790
	line := func(x, size int, bold bool, text string) {
		page = append(page, pdfText{x: x, y: y, size: size, bold: bold, text: text})
		y -= lineHeight
	}
	if !l.main {
		for _, s := range wrap(l.title, 60) {
			line(marginLeft, 14, true, s)
		}
		line(marginLeft, 10, false, fmt.Sprintf("Vedlegg til dokument %s-%d", l.ref, l.nr))
		y -= lineHeight
		line(marginLeft, 10, false, "Gjelder: "+l.about)
		for _, s := range attachmentText(l.title, r) {
			line(marginLeft, 10, false, s)
		}
		return writePDF([][]pdfText{page}, l.title, l.date)
	}
	l.header(line, &y)
	y -= lineHeight
	for _, s := range wrap(l.title, 72) {
		line(marginLeft, 12, true, s)
	}
	y -= 4
	for _, s := range wrap(l.body(r), wrapAt) {
		line(marginLeft, 10, false, s)
	}
	if l.typ == offl.Saksframlegg {
		// A saksframlegg ends with the recommendation on its own page.
		pages := [][]pdfText{page}
		page, y = nil, 790
		line(marginLeft, 12, true, "Rådmannens innstilling")
		for _, s := range wrap(fmt.Sprintf(pick(r, recommendations), l.about), wrapAt) {
			line(marginLeft, 10, false, s)
		}
		return writePDF(append(pages, page), l.title, l.date)
	}
	y -= lineHeight
	l.closing(line)
	return writePDF([][]pdfText{page}, l.title, l.date)
}

// header writes the sender and recipient on the left and the references
// on the right, and leaves y below the lower of the two columns.
func (l letter) header(line func(x, size int, bold bool, text string), y *int) {
	top := *y
	right := []string{"Dato: " + l.date.Format("02.01.2006")}
	switch l.typ {
	case offl.Inngaaende:
		line(marginLeft, 14, true, l.from.navn)
		line(marginLeft, 9, false, l.from.adresse+", "+l.from.postnr+" "+l.from.poststed)
		*y -= lineHeight
		for _, s := range []string{Municipality, "v/ " + l.unit, "Postboks 415", "8601 Mo i Rana"} {
			line(marginLeft, 10, false, s)
		}
		if l.nr > 1 {
			// Only a reply knows the municipality's reference.
			right = append(right, "Deres ref.: "+l.ref)
		}
	default:
		line(marginLeft, 16, true, strings.ToUpper(Municipality))
		line(marginLeft, 10, false, l.unit)
		*y -= lineHeight
		switch {
		case l.typ == offl.Saksframlegg:
			line(marginLeft, 14, true, "SAKSFRAMLEGG")
			line(marginLeft, 10, false, "Behandles i: "+committee(l.unit))
		case l.typ != offl.Utgaaende:
			line(marginLeft, 14, true, "NOTAT")
			if l.toUnit != "" {
				line(marginLeft, 10, false, "Til: "+unitName(l.toUnit))
			}
		default:
			for _, p := range l.to {
				line(marginLeft, 10, false, p.navn)
			}
			if len(l.to) == 1 {
				line(marginLeft, 10, false, l.to[0].adresse)
				line(marginLeft, 10, false, l.to[0].postnr+" "+l.to[0].poststed)
			}
		}
		right = append([]string{fmt.Sprintf("Vår ref.: %s-%d", l.ref, l.nr), "Saksbehandler: " + l.staff}, right...)
	}
	low := *y
	*y = top
	for _, s := range right {
		line(columnRight, 10, false, s)
	}
	*y = min(low, *y)
}

func (l letter) closing(line func(x, size int, bold bool, text string)) {
	switch l.typ {
	case offl.Inngaaende:
		line(marginLeft, 10, false, "Med vennlig hilsen")
		line(marginLeft, 10, false, l.from.navn)
	case offl.Utgaaende:
		line(marginLeft, 10, false, "Med hilsen")
		line(marginLeft, 10, false, l.staff)
		line(marginLeft, 10, false, l.unit+", "+Municipality)
		line(marginLeft, 8, false, "Dokumentet er elektronisk godkjent og har ingen signatur.")
	default:
		line(marginLeft, 10, false, l.staff)
	}
}

// body is four to seven sentences for the kind of document.
func (l letter) body(r *rand.Rand) string {
	// The first sentence names the matter, so that every letter holds words
	// distinctive of its case; the rest are drawn from the kind's pool.
	pool := sentences[l.kind()]
	rest := pool[1:]
	n := min(len(rest), between(r, 3, 6))
	parts := []string{fmt.Sprintf(pool[0], l.about)}
	for _, j := range r.Perm(len(rest))[:n] {
		parts = append(parts, rest[j])
	}
	return strings.Join(parts, " ")
}

// kind classifies the document by its direction and title.
func (l letter) kind() string {
	t := strings.ToLower(l.title)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(t, w) {
				return true
			}
		}
		return false
	}
	switch {
	case l.typ == offl.Saksframlegg:
		return "saksframlegg"
	case l.typ != offl.Inngaaende && l.typ != offl.Utgaaende:
		return "notat"
	case has("klage"):
		return "klage"
	case has("høring"):
		return "høring"
	case l.typ == offl.Inngaaende && has("tilbud -"):
		return "tilbud"
	case l.typ == offl.Inngaaende && has("søknad", "forslag", "varsel"):
		return "søknad"
	case l.typ == offl.Inngaaende:
		return "brev inn"
	case has("mangel"):
		return "mangel"
	case has("vedtak", "tillatelse", "ferdigattest", "tilsagn", "avslag", "tildeling", "tilbud om"):
		return "vedtak"
	default:
		return "brev ut"
	}
}

// committee is the political body a unit's saksframlegg go to.
func committee(unit string) string {
	if unit == unitName(unitPlan) {
		return "Planutvalget"
	}
	return "Formannskapet"
}

// wrap breaks text into lines of at most width characters.
func wrap(text string, width int) []string {
	var lines []string
	var cur []string
	n := 0
	for _, w := range strings.Fields(text) {
		if n > 0 && n+1+len([]rune(w)) > width {
			lines = append(lines, strings.Join(cur, " "))
			cur, n = nil, 0
		}
		if n > 0 {
			n++
		}
		cur = append(cur, w)
		n += len([]rune(w))
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}
