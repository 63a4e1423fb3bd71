package noark5

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// xmlMaxTokenBytes bounds one XML token (a start tag, a run of text, a
// comment), so that the tokenizer never buffers more than this however
// hostile the input.
const xmlMaxTokenBytes = 4 << 20

// xmlMaxProblems bounds the problems listed for one mappe.
const xmlMaxProblems = 1000

// xmlMaxCodes bounds the skjermingMetadata values read for one skjerming
// and the dokumentobjekter of one document.
const xmlMaxCodes = 100

var errXMLTokenTooLong = fmt.Errorf("an XML token is longer than %d bytes", xmlMaxTokenBytes)

// xmlCharsetReader lets exports declare encoding="ISO-8859-1" or
// "windows-1252", as older archive systems do.
func xmlCharsetReader(label string, input io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return enc.NewDecoder().Reader(input), nil
}

// xmlKind is what an open element is to the reader.
type xmlKind int

const (
	xkSkip       xmlKind = iota // consumed, not read
	xkField                     // a leaf whose text is a value
	xkFieldChild                // an element inside a field: its text joins the field's
	xkArkiv
	xkArkivdel
	xkKlasse // klassifikasjonssystem and klasse
	xkMappe
	xkReg
	xkDok
	xkObj
	xkKorr
	xkPart
	xkSkj
	xkOJRoot
	xkOJReg
	xkOJSak
	xkOJJp
)

// xmlFrame is an open element.
type xmlFrame struct {
	name   string
	idx    int // position among its parent's children of the same name; 0: not counted
	kind   xmlKind
	counts map[string]int
	text   []byte
	long   bool
	obj    any
}

// xmlGrammar says what the elements of one document type are.
type xmlGrammar interface {
	// root checks the root element and sets its kind.
	root(e *xmlEngine, f *xmlFrame, el xml.StartElement) error
	// child sets the kind (and builder) of a new element f under parent;
	// f is already on the stack.
	child(e *xmlEngine, parent, f *xmlFrame, el xml.StartElement)
	// end is called when f closes, while f is still on the stack.
	end(e *xmlEngine, f, parent *xmlFrame)
	// finish is called at the end of the document.
	finish(e *xmlEngine)
}

// xmlTokens is the token stream the engine reads: an xmlTokenizer, or
// encoding/xml's Decoder, which the tests read the same documents with.
type xmlTokens interface {
	Token() (xml.Token, error)
	InputPos() (line, column int)
}

// xmlEngine drives a grammar over a token stream: it keeps the stack of
// open elements, the text of the open field, and the mapper ready to hand
// out. It holds one mappe (and the mapper it nests in) at a time.
type xmlEngine struct {
	dec     xmlTokens
	file    string
	g       xmlGrammar
	stack   []*xmlFrame
	free    []*xmlFrame // frames of closed elements, for the next ones
	pending []Problem   // problems outside any mappe, given with the next one
	ready   []Mappe
	err     error
	rooted  bool
	done    bool
}

func newXMLEngine(r io.Reader, file string, g xmlGrammar) *xmlEngine {
	t := newXMLTokenizer(r, xmlBufferSize)
	t.charset = xmlCharsetReader
	return &xmlEngine{dec: t, file: file, g: g}
}

// Next returns the next mappe, io.EOF after the last, or a *ReadError.
func (e *xmlEngine) Next() (Mappe, error) {
	for {
		if len(e.ready) > 0 {
			m := e.ready[0]
			e.ready[0] = Mappe{}
			e.ready = e.ready[1:]
			return m, nil
		}
		if e.err != nil {
			return Mappe{}, e.err
		}
		if e.done {
			if len(e.pending) > 0 {
				e.flushPending()
				continue
			}
			return Mappe{}, io.EOF
		}
		e.step()
	}
}

// flushPending hands out the problems that no mappe followed as an empty,
// broken mappe, so that they are not lost.
func (e *xmlEngine) flushPending() {
	p := e.pending[0].Pos
	e.pending = append(e.pending, Problem{Pos: p, Message: "no case followed these notes in the export; they are given with an empty mappe that imports nothing"})
	e.ready = append(e.ready, Mappe{Pos: p, Problems: e.pending, Broken: true})
	e.pending = nil
}

func (e *xmlEngine) step() {
	tok, err := e.dec.Token()
	if err == io.EOF {
		if !e.rooted {
			e.fail(errors.New("the document has no root element"))
			return
		}
		e.g.finish(e)
		e.done = true
		return
	}
	if err != nil {
		e.fail(err)
		return
	}
	switch t := tok.(type) {
	case xml.StartElement:
		e.start(t)
	case xml.EndElement:
		e.end()
	case xml.CharData:
		e.text(t)
	}
}

// fail stops the reader: the rest of the export cannot be read.
func (e *xmlEngine) fail(err error) {
	e.err = &ReadError{Pos: e.here(), Err: err}
}

func xmlCounted(name string) bool {
	switch name {
	case "mappe", "registrering", "dokumentbeskrivelse", "dokumentobjekt", "korrespondansepart",
		"part", "sakspart", "journalregistrering":
		return true
	}
	return false
}

func (e *xmlEngine) start(el xml.StartElement) {
	if len(e.stack) >= MaxElementDepth {
		e.fail(fmt.Errorf("elements nest deeper than %d", MaxElementDepth))
		return
	}
	f := e.frame(el.Name.Local)
	var parent *xmlFrame
	if n := len(e.stack); n > 0 {
		parent = e.stack[n-1]
		if xmlCounted(f.name) && parent.kind != xkSkip && parent.kind != xkField && parent.kind != xkFieldChild {
			if parent.counts == nil {
				parent.counts = map[string]int{}
			}
			parent.counts[f.name]++
			f.idx = parent.counts[f.name]
		}
	}
	e.stack = append(e.stack, f)
	switch {
	case parent == nil:
		if e.rooted {
			e.fail(errors.New("the document has a second root element"))
			return
		}
		e.rooted = true
		if err := e.g.root(e, f, el); err != nil {
			e.fail(err)
		}
	case parent.kind == xkSkip:
		f.kind = xkSkip
	case parent.kind == xkField || parent.kind == xkFieldChild:
		f.kind = xkFieldChild
	default:
		e.g.child(e, parent, f, el)
	}
}

func (e *xmlEngine) end() {
	n := len(e.stack)
	if n == 0 {
		return // the tokenizer does not let this happen
	}
	f := e.stack[n-1]
	var parent *xmlFrame
	if n > 1 {
		parent = e.stack[n-2]
	}
	if f.kind != xkSkip && f.kind != xkFieldChild {
		e.g.end(e, f, parent)
	}
	e.stack[n-1] = nil
	e.stack = e.stack[:n-1]
	e.free = append(e.free, f)
}

// frame is the frame of a new element. It reuses the frame of a closed
// one, with its buffers: an export has many millions of elements, no
// grammar keeps a frame, and there are never more than MaxElementDepth.
func (e *xmlEngine) frame(name string) *xmlFrame {
	n := len(e.free)
	if n == 0 {
		return &xmlFrame{name: name}
	}
	f := e.free[n-1]
	e.free = e.free[:n-1]
	clear(f.counts)
	*f = xmlFrame{name: name, counts: f.counts, text: f.text[:0]}
	return f
}

// xmlMaxTextBytes is the most bytes MaxTextLength characters can take.
const xmlMaxTextBytes = 4 * MaxTextLength

func (e *xmlEngine) text(t xml.CharData) {
	i := len(e.stack) - 1
	for i >= 0 && e.stack[i].kind == xkFieldChild {
		i--
	}
	if i < 0 || e.stack[i].kind != xkField {
		return
	}
	f := e.stack[i]
	if f.long {
		return
	}
	if len(f.text)+len(t) > xmlMaxTextBytes {
		f.long, f.text = true, nil
		return
	}
	f.text = append(f.text, t...)
}

// value is the text of the field f, trimmed; ok is false when it is longer
// than MaxTextLength, which a Problem reports and the caller reads as
// missing.
func (e *xmlEngine) value(f *xmlFrame) (string, bool) {
	if f.long || utf8.RuneCount(f.text) > MaxTextLength {
		e.problem("", fmt.Sprintf("the value is longer than %d characters; it is read as missing", MaxTextLength), false)
		return "", false
	}
	return strings.TrimSpace(string(f.text)), true
}

// here is the current place: the line the tokenizer is at and the path
// of the open elements.
func (e *xmlEngine) here() Pos {
	line, _ := e.dec.InputPos()
	return Pos{File: e.file, Line: line, Path: e.path()}
}

func (e *xmlEngine) path() string {
	var b strings.Builder
	for i, f := range e.stack {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(f.name)
		if f.idx > 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(f.idx))
			b.WriteByte(']')
		}
	}
	return b.String()
}

// xmlProblems collects the problems of a builder, up to xmlMaxProblems.
type xmlProblems struct {
	list    []Problem
	dropped int
}

func (p *xmlProblems) add(pr Problem) {
	if len(p.list) >= xmlMaxProblems {
		p.dropped++
		return
	}
	p.list = append(p.list, pr)
}

func (p *xmlProblems) addAll(q *xmlProblems) {
	for _, pr := range q.list {
		p.add(pr)
	}
	p.dropped += q.dropped
}

// xmlSink is a builder that keeps problems: a mappe or a registrering.
type xmlSink interface{ sink() *xmlProblems }

// problem records a problem at the current place, with the nearest open
// mappe or registrering, or for the next mappe when there is none.
func (e *xmlEngine) problem(value, msg string, skipped bool) {
	e.problemAt(e.here(), value, msg, skipped)
}

func (e *xmlEngine) problemAt(pos Pos, value, msg string, skipped bool) {
	pr := Problem{Pos: pos, Value: codeShort(value), Message: msg, Skipped: skipped}
	for i := len(e.stack) - 1; i >= 0; i-- {
		if s, ok := e.stack[i].obj.(xmlSink); ok {
			s.sink().add(pr)
			return
		}
	}
	if len(e.pending) < xmlMaxProblems {
		e.pending = append(e.pending, pr)
	}
}

// xmlXSIType is the xsi:type of an element, without a namespace prefix and in
// lower case ("saksmappe"), or "".
func xmlXSIType(el xml.StartElement) string {
	for _, a := range el.Attr {
		if a.Name.Local == "type" && (a.Name.Space == "http://www.w3.org/2001/XMLSchema-instance" || a.Name.Space == "xsi") {
			v := strings.TrimSpace(a.Value)
			if i := strings.LastIndexByte(v, ':'); i >= 0 {
				v = v[i+1:]
			}
			return strings.ToLower(v)
		}
	}
	return ""
}

// emit hands a finished mappe out, with the problems met outside any mappe
// before it.
func (e *xmlEngine) emit(m Mappe) {
	if len(e.pending) > 0 {
		m.Problems = append(e.pending, m.Problems...)
		e.pending = nil
	}
	e.ready = append(e.ready, m)
}
