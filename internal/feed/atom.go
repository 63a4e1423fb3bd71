package feed

import (
	"encoding/xml"
	"io"
	"time"
	"unicode/utf8"
)

// atomWriter writes Atom 1.0. The markup is fixed, so it is written as
// literals; every piece of caller text goes through text, which is the only
// place that has to get escaping right.
type atomWriter struct {
	stream
	clean   []byte    // scratch for sanitized text, reused so Item does not allocate
	updated time.Time // feed's updated, for entries that carry no time at all
}

// NewAtom returns a Writer that writes an Atom 1.0 feed (RFC 4287) to w.
// Serve it with Content-Type AtomType.
func NewAtom(w io.Writer) Writer {
	return &atomWriter{stream: stream{w: w}}
}

// Begin writes the XML declaration and the feed's own elements.
func (a *atomWriter) Begin(f Feed) error {
	if err := a.enter(phaseNew, phaseOpen); err != nil {
		return err
	}
	if f.Updated.IsZero() {
		f.Updated = time.Now()
	}
	a.updated = f.Updated
	a.buf.WriteString(xml.Header)
	a.buf.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"`)
	if f.Language != "" {
		a.buf.WriteString(` xml:lang="`)
		a.text(f.Language)
		a.buf.WriteByte('"')
	}
	a.buf.WriteString(">\n")
	a.elem("id", f.ID)
	a.elem("title", f.Title)
	a.date("updated", f.Updated)
	a.link("self", f.SelfURL)
	a.link("alternate", f.HomePage)
	// RFC 4287 wants an author on the feed unless every entry has one;
	// entries here never do, so callers are expected to set Author.
	if f.Author != "" {
		a.buf.WriteString("<author><name>")
		a.text(f.Author)
		a.buf.WriteString("</name></author>\n")
	}
	return a.flush()
}

// Item writes one entry.
func (a *atomWriter) Item(it Item) error {
	if err := a.enter(phaseOpen, phaseOpen); err != nil {
		return err
	}
	// atom:updated is required; fall back to the best time we have.
	updated := it.Updated
	if updated.IsZero() {
		updated = it.Published
	}
	if updated.IsZero() {
		updated = a.updated
	}
	a.buf.WriteString("<entry>\n")
	a.elem("id", it.ID)
	a.elem("title", it.Title)
	a.link("alternate", it.URL)
	if !it.Published.IsZero() {
		a.date("published", it.Published)
	}
	a.date("updated", updated)
	if it.Summary != "" {
		a.buf.WriteString(`<summary type="text">`)
		a.text(it.Summary)
		a.buf.WriteString("</summary>\n")
	}
	for _, c := range it.Categories {
		a.buf.WriteString(`<category term="`)
		a.text(c)
		a.buf.WriteString("\"/>\n")
	}
	a.buf.WriteString("</entry>\n")
	return a.flush()
}

// End closes the feed element.
func (a *atomWriter) End() error {
	if err := a.enter(phaseOpen, phaseDone); err != nil {
		return err
	}
	a.buf.WriteString("</feed>\n")
	return a.flush()
}

func (a *atomWriter) elem(name, s string) {
	a.buf.WriteString("<" + name + ">")
	a.text(s)
	a.buf.WriteString("</" + name + ">\n")
}

func (a *atomWriter) date(name string, t time.Time) {
	a.buf.WriteString("<" + name + ">")
	a.appendRFC3339(t)
	a.buf.WriteString("</" + name + ">\n")
}

// link writes an atom:link; an empty href is left out rather than written
// as a link to the feed's own base.
func (a *atomWriter) link(rel, href string) {
	if href == "" {
		return
	}
	a.buf.WriteString(`<link rel="` + rel + `"`)
	if rel == "self" {
		a.buf.WriteString(` type="application/atom+xml"`)
	}
	a.buf.WriteString(` href="`)
	a.text(href)
	a.buf.WriteString("\"/>\n")
}

// text writes s escaped for element content and quoted attribute values alike
// (xml.EscapeText escapes both quote characters).
func (a *atomWriter) text(s string) {
	a.clean = appendXMLChars(a.clean[:0], s)
	xml.EscapeText(&a.buf, a.clean) // writes to a bytes.Buffer cannot fail
}

// appendXMLChars appends the characters of s that XML 1.0 allows (§2.2 Char)
// and drops the rest. xml.EscapeText alone would write U+FFFD for them;
// dropping reads better for the stray control codes that case-handling
// systems leave in titles, and nothing a reader could use is lost.
func appendXMLChars(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isXMLChar(r) && (r != utf8.RuneError || n > 1) {
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst
}

func isXMLChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= utf8.MaxRune
}
