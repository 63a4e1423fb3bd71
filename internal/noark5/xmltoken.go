package noark5

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// xmlTokenizer reads XML as encoding/xml's Decoder.Token does in its
// default strict mode: the same tokens, with names translated to their
// namespaces, the same checks of what is well-formed, errors of type
// *xml.SyntaxError, the same InputPos at every token and the same line at
// every error. It is made for exports of gigabytes: rather than reading a
// byte at a time through an interface, it scans a large buffer with tight
// loops, and it interns names.
//
// Where it differs from Decoder.Token, the readers do not care:
//   - comments, processing instructions and directives (DOCTYPE) are checked
//     as encoding/xml checks them, then skipped rather than returned;
//   - a CharData, and the Attr of a StartElement, are valid only until the
//     next call of Token and must not be changed: they share the
//     tokenizer's buffers (the engine copies what it keeps);
//   - an element without attributes has a nil Attr rather than an empty one;
//   - a token (a start tag, a run of text, a comment) longer than
//     xmlMaxTokenBytes fails with errXMLTokenTooLong, which bounds memory;
//   - the encoding may be switched by an XML declaration once: a second
//     switch fails, where encoding/xml would decode the decoded text again.
type xmlTokenizer struct {
	r   io.Reader
	buf []byte
	pos int  // the next byte of buf to read
	end int  // the end of what buf holds
	eof bool // r has nothing more: buf[pos:end] is the rest of the input

	// Lines are counted only when asked for, in bulk: up to buf[counted],
	// which is at or before buf[pos].
	base      int64 // the input offset of buf[0]
	counted   int
	line      int   // the line buf[counted] is on
	lineStart int64 // the input offset of that line's first byte

	// err is the error a call of Token ended with; every later call
	// returns it again.
	err error

	// charset, if not nil, decodes the rest of the input into UTF-8 when
	// an XML declaration names another encoding (see xmlCharsetReader).
	charset  func(label string, r io.Reader) (io.Reader, error)
	switched bool

	stack   []xmlOpenTag
	ns      map[string]string // namespace prefix ("" the default) → URL
	nsUndo  []xmlNSBinding    // the bindings the open elements replaced
	nsGen   uint64            // counts the changes of ns
	closing bool              // the last start tag was empty: its end comes next

	names   map[string]*xmlQName
	attrs   []xml.Attr
	scratch []byte
	// indents are the tokens of line ends indented with spaces, by length,
	// made once: they stand between most tags of an export.
	indents [len(xmlIndent)]xml.Token
}

// xmlOpenTag is an element whose end tag has not come yet.
type xmlOpenTag struct {
	q    *xmlQName // its name as written, which the end tag must repeat
	name xml.Name  // its name translated
	gen  uint64    // nsGen when it was translated
	mark int       // len(nsUndo) before its namespace declarations
}

// xmlNSBinding is a namespace binding as it was before an element
// replaced it.
type xmlNSBinding struct {
	prefix, url string
	bound       bool
}

// xmlQName is an element or attribute name as written and split at its
// colon, not yet translated. For an element name it keeps the translation
// last made, and the tokens of an element without attributes: the same
// elements come again and again, and translating each anew would cost a
// lookup, boxing its tokens anew in an xml.Token an allocation each.
type xmlQName struct {
	raw        string
	name       xml.Name
	gen        uint64    // nsGen when element was translated
	element    xml.Name  // name translated as an element's
	start, end xml.Token // xml.StartElement{element} and xml.EndElement{element}
}

const (
	// xmlBufferSize is the buffer of the readers; it grows for a token
	// longer than half of it, up to xmlMaxTokenBytes.
	xmlBufferSize = 64 << 10
	// Names are interned up to these bounds: exports use a few dozen.
	xmlMaxInterned     = 4096
	xmlMaxInternedName = 64
	// xmlNamespaceURL is what the reserved prefix xml stands for.
	xmlNamespaceURL = "http://www.w3.org/XML/1998/namespace"
	// xmlIndent is a line end and the longest indentation that indents
	// holds.
	xmlIndent = "\n                                                               "
)

// errXMLShort says that buf does not hold the whole token: the caller
// reads more and scans the token again from its start.
var errXMLShort = errors.New("xml: token continues after the buffer")

// newXMLTokenizer reads from r through a buffer of size bytes at first.
func newXMLTokenizer(r io.Reader, size int) *xmlTokenizer {
	return &xmlTokenizer{r: r, buf: make([]byte, max(size, 1)), line: 1,
		ns: map[string]string{}, names: map[string]*xmlQName{}}
}

// Token returns the next token, or io.EOF after the last. The bytes of a
// CharData and the Attr of a StartElement are only valid until the next
// call, and must not be changed.
func (t *xmlTokenizer) Token() (xml.Token, error) {
	if t.err != nil {
		return nil, t.err
	}
	if t.closing {
		t.closing = false
		return t.close(), nil
	}
	for {
		tok, err := t.next()
		if err == errXMLShort {
			err = t.more()
		}
		if err != nil {
			t.err = err
			return nil, err
		}
		if tok != nil {
			return tok, nil
		}
	}
}

// InputPos is the line and the 1-based column of the end of the last
// token, as Decoder.InputPos gives them.
func (t *xmlTokenizer) InputPos() (line, column int) {
	t.countLines()
	return t.line, int(t.base+int64(t.pos)-t.lineStart) + 1
}

// next scans the token at buf[pos:]. It returns a nil token and a nil
// error for a comment, a processing instruction or a directive, and
// errXMLShort when the buffer ends inside the token.
func (t *xmlTokenizer) next() (xml.Token, error) {
	s := t.buf[t.pos:t.end]
	switch {
	case len(s) == 0 && !t.eof:
		return nil, errXMLShort
	case len(s) == 0 && len(t.stack) > 0:
		return nil, t.fail(0, "unexpected EOF")
	case len(s) == 0:
		return nil, io.EOF
	case s[0] != '<':
		return t.text(s)
	case len(s) < 2:
		return nil, t.short(s)
	}
	switch s[1] {
	case '/':
		return t.endTag(s)
	case '?':
		return nil, t.procInst(s)
	case '!':
		return t.bang(s)
	}
	return t.startTag(s)
}

// more reads on after the unfinished token buf[pos:end], moving it to the
// front of buf first. It reads at least as many bytes again as the token
// has, growing buf where needed, so that scanning a long token again from
// its start after each read costs time linear in its length in all.
func (t *xmlTokenizer) more() error {
	n := t.end - t.pos
	if n >= xmlMaxTokenBytes {
		return errXMLTokenTooLong
	}
	if t.pos > 0 {
		t.countLines()
		copy(t.buf, t.buf[t.pos:t.end])
		t.base += int64(t.pos)
		t.pos, t.end, t.counted = 0, n, 0
	}
	if size := len(t.buf); size < 2*n && size < xmlMaxTokenBytes {
		for size < 2*n {
			size *= 2
		}
		grown := make([]byte, min(size, xmlMaxTokenBytes))
		copy(grown, t.buf[:n])
		t.buf = grown
	}
	goal := min(n+max(n, 1), len(t.buf))
	for empty := 0; t.end < goal; {
		m, err := t.r.Read(t.buf[t.end:])
		t.end += m
		switch {
		case err == io.EOF:
			t.eof = true
			return nil
		case err != nil:
			return err
		case m > 0:
			empty = 0
		default:
			if empty++; empty == 100 {
				return io.ErrNoProgress
			}
		}
	}
	return nil
}

// advance consumes the next n bytes of the buffer.
func (t *xmlTokenizer) advance(n int) {
	t.pos += n
}

// countLines brings line and lineStart up to pos.
func (t *xmlTokenizer) countLines() {
	s := t.buf[t.counted:t.pos]
	if lines := bytes.Count(s, []byte{'\n'}); lines > 0 {
		t.line += lines
		t.lineStart = t.base + int64(t.counted+bytes.LastIndexByte(s, '\n')+1)
	}
	t.counted = t.pos
}

// fail is a syntax error i bytes into the token: the tokenizer stands
// there, so that its line is where encoding/xml would report it.
func (t *xmlTokenizer) fail(i int, msg string) error {
	t.advance(i)
	t.countLines()
	return &xml.SyntaxError{Msg: msg, Line: t.line}
}

// short is the error for a token s that the buffer ends inside: there is
// more to read, or the input ends inside the token.
func (t *xmlTokenizer) short(s []byte) error {
	if !t.eof {
		return errXMLShort
	}
	return t.fail(len(s), "unexpected EOF")
}

// xmlSkipSpace returns the index of the first byte at or after i that is
// not XML white space.
func xmlSkipSpace(s []byte, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i
}

// xmlNameByte holds the bytes a name is made of, as encoding/xml reads
// one: ASCII name characters and every byte of a multi-byte character,
// which xmlNameOK checks afterwards.
var xmlNameByte = func() (b [256]bool) {
	for c := range 256 {
		b[c] = c >= 0x80 || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '_' || c == ':' || c == '.' || c == '-'
	}
	return b
}()

// xmlNameEnd returns the end of the name that begins at s[i].
func xmlNameEnd(s []byte, i int) int {
	for i < len(s) && xmlNameByte[s[i]] {
		i++
	}
	return i
}

// xmlNameOK says whether name, made of xmlNameByte, is an XML name.
func xmlNameOK(name []byte) bool {
	c := name[0]
	if c < utf8.RuneSelf && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == ':') {
		return false
	}
	for _, c := range name {
		if c >= utf8.RuneSelf {
			return xmlUnicodeNameOK(name)
		}
	}
	return true
}

// xmlUnicodeNameOK checks a name with other than ASCII characters, which
// exports hardly ever have, against the tables of XML name characters that
// encoding/xml keeps unexported: by letting it read the name as an empty
// element. Each ':' is read as '_', which may stand anywhere in a name as
// ':' may, so that encoding/xml sees no namespace prefix.
func xmlUnicodeNameOK(name []byte) bool {
	el := "<" + strings.ReplaceAll(string(name), ":", "_") + "/>"
	_, err := xml.NewDecoder(strings.NewReader(el)).RawToken()
	return err == nil
}

// qname reads the element or attribute name at s[i:] and returns it with
// its end; missing is the error when there is none.
func (t *xmlTokenizer) qname(s []byte, i int, missing string) (*xmlQName, int, error) {
	j := xmlNameEnd(s, i)
	switch {
	case j == len(s):
		return nil, 0, t.short(s)
	case j == i:
		return nil, 0, t.fail(i, missing)
	}
	if q, ok := t.names[string(s[i:j])]; ok {
		return q, j, nil
	}
	if !xmlNameOK(s[i:j]) {
		return nil, 0, t.fail(j, "invalid XML name: "+string(s[i:j]))
	}
	q := &xmlQName{raw: string(s[i:j])}
	if strings.Count(q.raw, ":") > 1 {
		return nil, 0, t.fail(j, missing)
	}
	q.name.Local = q.raw
	if prefix, local, ok := strings.Cut(q.raw, ":"); ok && prefix != "" && local != "" {
		q.name = xml.Name{Space: prefix, Local: local}
	}
	if len(q.raw) <= xmlMaxInternedName && len(t.names) < xmlMaxInterned {
		t.names[q.raw] = q
	}
	return q, j, nil
}

// startTag reads <name attr="value"…> or <name …/>.
func (t *xmlTokenizer) startTag(s []byte) (xml.Token, error) {
	q, i, err := t.qname(s, 1, "expected element name after <")
	if err != nil {
		return nil, err
	}
	t.attrs = t.attrs[:0]
	for {
		i = xmlSkipSpace(s, i)
		switch {
		case i == len(s):
			return nil, t.short(s)
		case s[i] == '>':
			return t.open(q, i+1, false), nil
		case s[i] == '/' && i+1 == len(s):
			return nil, t.short(s)
		case s[i] == '/' && s[i+1] != '>':
			return nil, t.fail(i+2, "expected /> in element")
		case s[i] == '/':
			return t.open(q, i+2, true), nil
		}
		if i, err = t.attr(s, i); err != nil {
			return nil, err
		}
	}
}

// attr reads name="value" at s[i:] into t.attrs and returns its end.
func (t *xmlTokenizer) attr(s []byte, i int) (int, error) {
	q, i, err := t.qname(s, i, "expected attribute name in element")
	if err != nil {
		return 0, err
	}
	if i = xmlSkipSpace(s, i); i == len(s) {
		return 0, t.short(s)
	} else if s[i] != '=' {
		return 0, t.fail(i+1, "attribute name without = in element")
	}
	if i = xmlSkipSpace(s, i+1); i == len(s) {
		return 0, t.short(s)
	}
	quote := s[i]
	if quote != '"' && quote != '\'' {
		return 0, t.fail(i+1, "unquoted or missing attribute value in element")
	}
	i++
	j := bytes.IndexByte(s[i:], quote)
	if j < 0 {
		// A value that does not end fails on what is wrong in it before
		// the end of the input, or on a '<', as in encoding/xml.
		if !t.eof && bytes.IndexByte(s[i:], '<') < 0 {
			return 0, errXMLShort
		}
		if _, err := t.decode(s, i, len(s), xmlRunAttr); err != nil {
			return 0, err
		}
		return 0, t.fail(len(s), "unexpected EOF")
	}
	v, err := t.decode(s, i, i+j, xmlRunAttr)
	if err != nil {
		return 0, err
	}
	t.attrs = append(t.attrs, xml.Attr{Name: q.name, Value: string(v)})
	return i + j + 1, nil
}

// open consumes the start tag of n bytes and returns its StartElement,
// binding the namespaces it declares first, as encoding/xml does.
func (t *xmlTokenizer) open(q *xmlQName, n int, empty bool) xml.Token {
	t.advance(n)
	mark := len(t.nsUndo)
	for _, a := range t.attrs {
		switch {
		case a.Name.Space == "xmlns":
			t.bind(a.Name.Local, a.Value)
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			t.bind("", a.Value)
		}
	}
	name := t.element(q)
	t.stack = append(t.stack, xmlOpenTag{q: q, name: name, gen: t.nsGen, mark: mark})
	t.closing = empty
	if len(t.attrs) == 0 {
		return q.start
	}
	for i := range t.attrs {
		t.attrs[i].Name = t.translate(t.attrs[i].Name, false)
	}
	return xml.StartElement{Name: name, Attr: t.attrs}
}

// bind binds prefix to url for the element being opened, keeping the
// binding it replaces for close to restore.
func (t *xmlTokenizer) bind(prefix, url string) {
	old, bound := t.ns[prefix]
	t.nsUndo = append(t.nsUndo, xmlNSBinding{prefix: prefix, url: old, bound: bound})
	t.ns[prefix] = url
	t.nsGen++
}

// element translates q as an element name, as far as it can without
// looking up namespaces again.
func (t *xmlTokenizer) element(q *xmlQName) xml.Name {
	if q.start == nil || q.gen != t.nsGen {
		n := t.translate(q.name, true)
		q.gen, q.element, q.start, q.end = t.nsGen, n, xml.StartElement{Name: n}, xml.EndElement{Name: n}
	}
	return q.element
}

// translate puts the namespace URL for its prefix in n.Space as
// encoding/xml does: an unprefixed attribute has none, an unprefixed
// element the default namespace, xmlns declarations and names whose prefix
// is not bound keep their prefix.
func (t *xmlTokenizer) translate(n xml.Name, element bool) xml.Name {
	switch {
	case n.Space == "xmlns" || n.Space == "" && (!element || n.Local == "xmlns"):
	case n.Space == "xml":
		n.Space = xmlNamespaceURL
	default:
		if url, ok := t.ns[n.Space]; ok {
			n.Space = url
		}
	}
	return n
}

// close ends the innermost open element, undoing its namespace bindings.
func (t *xmlTokenizer) close() xml.Token {
	top := t.stack[len(t.stack)-1]
	t.stack = t.stack[:len(t.stack)-1]
	for i := len(t.nsUndo) - 1; i >= top.mark; i-- {
		b := t.nsUndo[i]
		if b.bound {
			t.ns[b.prefix] = b.url
		} else {
			delete(t.ns, b.prefix)
		}
		t.nsGen++
	}
	t.nsUndo = t.nsUndo[:top.mark]
	if top.q.gen == top.gen {
		return top.q.end
	}
	return xml.EndElement{Name: top.name}
}

// endTag reads </name>, which must close the innermost open element.
func (t *xmlTokenizer) endTag(s []byte) (xml.Token, error) {
	if n := len(t.stack); n > 0 {
		// Comparing with the name it must have is quicker than reading it.
		raw := t.stack[n-1].q.raw
		j := 2 + len(raw)
		if j < len(s) && string(s[2:j]) == raw && !xmlNameByte[s[j]] {
			if k := xmlSkipSpace(s, j); k < len(s) && s[k] == '>' {
				t.advance(k + 1)
				return t.close(), nil
			}
		}
	}
	q, j, err := t.qname(s, 2, "expected element name after </")
	if err != nil {
		return nil, err
	}
	k := xmlSkipSpace(s, j)
	if k == len(s) {
		return nil, t.short(s)
	}
	return nil, t.badEndTag(q, s[k], k)
}

// badEndTag is the error for an end tag named q that does not close the
// innermost open element, or whose byte k, c, does not end it.
func (t *xmlTokenizer) badEndTag(q *xmlQName, c byte, k int) error {
	switch {
	case c != '>':
		return t.fail(k+1, "invalid characters between </"+q.name.Local+" and >")
	case len(t.stack) == 0:
		return t.fail(k+1, "unexpected end element </"+q.name.Local+">")
	}
	open := t.stack[len(t.stack)-1].q.name
	if open.Local != q.name.Local {
		return t.fail(k+1, "element <"+open.Local+"> closed by </"+q.name.Local+">")
	}
	space := q.name.Space
	if space == "" {
		space = `""`
	}
	return t.fail(k+1, "element <"+open.Local+"> in space "+open.Space+" closed by </"+q.name.Local+"> in space "+space)
}
