package pdftext

import (
	"bytes"
	"errors"
	"io"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// Content streams and CMaps are tokenized here rather than by the
// library's pdf.Interpret, whose tokenizer reads a hex string that is cut
// off at the end of a stream forever (its reader returns '\n' at end of
// input, and the hex-string loop waits for '>'), takes the binary data of
// an inline image for tokens (a "(" in it swallows the text after the
// image), and grows arrays without bound. The library still decodes the
// streams (filters, decryption); this reads their bytes.

// Bounds on what one content stream may make the lexer hold.
const (
	maxStreamBytes = 64 << 20 // decoded bytes read from one stream
	maxOperands    = 512      // operands before an operator: more is garbage
	maxArrayLen    = 1 << 16  // elements kept of one array (a TJ has dozens)
	maxArrayDepth  = 8
)

// operand kinds.
const (
	opNum byte = iota + 1
	opStr
	opName
	opArray
	opOther // dictionaries, booleans, null: skipped by the interpreter
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind byte
	num  float64
	str  string // string bytes, or a name without the slash
	arr  []operand
}

// lexer reads tokens from decoded stream bytes.
type lexer struct {
	data []byte
	pos  int
}

// errStreamCut marks a stream whose data could not be read to its end.
var errStreamCut = errors.New("stream cut short")

// readStream reads the decoded data of a stream, at most limit bytes. A
// stream whose filter fails part way gives what was decoded before, and
// errStreamCut; the library panics on filters it does not know.
func readStream(v pdf.Value, limit int64) (data []byte, err error) {
	defer func() {
		if recover() != nil {
			err = errStreamCut
		}
	}()
	rc := v.Reader()
	defer rc.Close()
	data, err = io.ReadAll(io.LimitReader(rc, limit))
	if err != nil {
		err = errStreamCut
	}
	return data, err
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		if c == '%' {
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		if !isWhite(c) {
			return
		}
		l.pos++
	}
}

// next returns the next operand, or the next operator as op; ok is false
// at the end of the data.
func (l *lexer) next() (o operand, op string, ok bool) {
	return l.nextDepth(0)
}

func (l *lexer) nextDepth(depth int) (o operand, op string, ok bool) {
	l.skipSpace()
	if l.pos >= len(l.data) {
		return o, "", false
	}
	c := l.data[l.pos]
	switch {
	case c == '(':
		l.pos++
		return operand{kind: opStr, str: l.literalString()}, "", true
	case c == '<' && l.peek(1) == '<':
		l.pos += 2
		return operand{kind: opOther}, "", true
	case c == '>' && l.peek(1) == '>':
		l.pos += 2
		return operand{kind: opOther}, "", true
	case c == '<':
		l.pos++
		return operand{kind: opStr, str: l.hexString()}, "", true
	case c == '/':
		l.pos++
		return operand{kind: opName, str: l.name()}, "", true
	case c == '[':
		l.pos++
		return l.array(depth), "", true
	case c == ']' || c == ')' || c == '>' || c == '{' || c == '}':
		l.pos++ // stray delimiter: skip
		return operand{kind: opOther}, "", true
	}
	start := l.pos
	for l.pos < len(l.data) && !isWhite(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
		l.pos++
	}
	word := l.data[start:l.pos]
	if c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' {
		if f, err := strconv.ParseFloat(string(word), 64); err == nil {
			return operand{kind: opNum, num: f}, "", true
		}
		return operand{kind: opNum}, "", true // "--5", "1.2.3": as pdf.js, a number anyway
	}
	switch string(word) {
	case "true", "false", "null":
		return operand{kind: opOther}, "", true
	}
	return o, string(word), true
}

func (l *lexer) peek(n int) byte {
	if l.pos+n < len(l.data) {
		return l.data[l.pos+n]
	}
	return 0
}

// array reads the elements up to "]" (or the end). Operators inside an
// array are invalid and dropped.
func (l *lexer) array(depth int) operand {
	a := operand{kind: opArray}
	for {
		l.skipSpace()
		if l.pos >= len(l.data) {
			return a
		}
		if l.data[l.pos] == ']' {
			l.pos++
			return a
		}
		if depth >= maxArrayDepth && l.data[l.pos] == '[' {
			l.pos++
			continue
		}
		o, op, ok := l.nextDepth(depth + 1)
		if !ok {
			return a
		}
		if op == "" && len(a.arr) < maxArrayLen {
			a.arr = append(a.arr, o)
		}
	}
}

// literalString reads a (string) after its "(": nested parentheses,
// escapes, and an end of input that ends it.
func (l *lexer) literalString() string {
	var b []byte
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return string(b)
			}
		case '\\':
			if l.pos >= len(l.data) {
				return string(b)
			}
			c = l.data[l.pos]
			l.pos++
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue // a line continuation
			case '\n':
				continue
			default:
				if c >= '0' && c <= '7' {
					v := int(c - '0')
					for k := 0; k < 2 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; k++ {
						v = v*8 + int(l.data[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				}
			}
		}
		b = append(b, c)
	}
	return string(b)
}

// hexString reads a <hex string> after its "<"; it ends at ">", at a byte
// that is not hex or white space, or at the end of input.
func (l *lexer) hexString() string {
	var b []byte
	var hi int = -1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'a' && c <= 'f':
			v = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = int(c-'A') + 10
		case isWhite(c):
			continue
		default:
			if c != '>' {
				l.pos--
			}
			if hi >= 0 {
				b = append(b, byte(hi<<4))
			}
			return string(b)
		}
		if hi < 0 {
			hi = v
		} else {
			b = append(b, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		b = append(b, byte(hi<<4))
	}
	return string(b)
}

// name reads a /Name after its "/", decoding #xx escapes.
func (l *lexer) name() string {
	start := l.pos
	for l.pos < len(l.data) && !isWhite(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
		l.pos++
	}
	raw := l.data[start:l.pos]
	if bytes.IndexByte(raw, '#') < 0 {
		return string(raw)
	}
	var b []byte
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			if v, err := strconv.ParseUint(string(raw[i+1:i+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, raw[i])
	}
	return string(b)
}

// skipInlineImage skips an inline image after its BI operator: the
// parameters up to ID, then the data up to an EI that stands alone and is
// followed by what looks like content again (image data may contain "EI").
func (l *lexer) skipInlineImage() {
	i := bytes.Index(l.data[l.pos:], []byte("ID"))
	if i < 0 {
		l.pos = len(l.data)
		return
	}
	l.pos += i + 3 // "ID" and the one white-space byte after it
	for l.pos < len(l.data) {
		j := bytes.Index(l.data[l.pos:], []byte("EI"))
		if j < 0 {
			l.pos = len(l.data)
			return
		}
		at := l.pos + j
		l.pos = at + 2
		if at > 0 && isWhite(l.data[at-1]) && (l.pos >= len(l.data) || isWhite(l.data[l.pos])) && looksLikeContent(l.data[l.pos:]) {
			return
		}
	}
}

// looksLikeContent reports whether the next bytes are printable ASCII or
// white space, as content-stream syntax is.
func looksLikeContent(b []byte) bool {
	for _, c := range b[:min(len(b), 16)] {
		if (c < 0x20 || c > 0x7E) && !isWhite(c) {
			return false
		}
	}
	return true
}
