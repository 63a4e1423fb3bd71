package noark5

// The character data of the XML tokenizer: text, references, CDATA,
// comments, processing instructions and directives.

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// xmlRun is a kind of run of characters, which decode reads.
type xmlRun int

const (
	xmlRunText  xmlRun = iota // character data, up to a '<' or the end of the input
	xmlRunAttr                // an attribute value, between its quotes
	xmlRunCDATA               // the content of <![CDATA[…]]>
)

// tail is the length of what ends a run: encoding/xml has read it when it
// finds a character of the run wrong.
func (r xmlRun) tail() int {
	switch r {
	case xmlRunAttr:
		return len(`"`)
	case xmlRunCDATA:
		return len("]]>")
	}
	return 0
}

// The classes of bytes in a run of characters.
const (
	xcPlain   = iota // taken as it is
	xcAmp            // begins a reference, but in CDATA
	xcLess           // ends text; wrong in an attribute value
	xcBracket        // may begin "]]>", which is wrong in text
	xcCR             // a line end, read as '\n' (and "\r\n" too)
	xcControl        // not an XML character
	xcMulti          // begins a multi-byte character, or is not UTF-8
)

var xmlByteClass = func() (class [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			class[c] = xcMulti
		case c == '&':
			class[c] = xcAmp
		case c == '<':
			class[c] = xcLess
		case c == ']':
			class[c] = xcBracket
		case c == '\r':
			class[c] = xcCR
		case c < 0x20 && c != '\t' && c != '\n':
			class[c] = xcControl
		}
	}
	return class
}()

// xmlIsChar says whether r is a character XML allows (its production Char).
func xmlIsChar(r rune) bool {
	switch {
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	case r < 0xD800:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	}
	return r >= 0x10000 && r <= utf8.MaxRune
}

// text reads character data up to the next '<' or the end of the input.
func (t *xmlTokenizer) text(s []byte) (xml.Token, error) {
	i := 0
	for i < len(s) && xmlByteClass[s[i]] == xcPlain {
		i++
	}
	end := i
	if i == len(s) || s[i] != '<' {
		k := bytes.IndexByte(s[i:], '<')
		switch {
		case k >= 0:
			end = i + k
		case !t.eof:
			return nil, errXMLShort
		default:
			end = len(s)
		}
	}
	if end > i {
		data, err := t.decode(s, 0, end, xmlRunText)
		if err != nil {
			return nil, err
		}
		t.advance(end)
		return xml.CharData(data), nil
	}
	t.advance(end)
	if end <= len(xmlIndent) && string(s[:end]) == xmlIndent[:end] {
		if t.indents[end-1] == nil {
			t.indents[end-1] = xml.CharData(xmlIndent[:end])
		}
		return t.indents[end-1], nil
	}
	return xml.CharData(s[:end]), nil
}

// decode checks the run s[from:to] and returns it as encoding/xml gives
// it: references replaced by their characters, "\r\n" and '\r' by '\n'.
// That is s itself when nothing is replaced, which is the common case, or
// else t.scratch. Errors come in the order and at the place encoding/xml
// reports them: wrong markup as it is met, wrong characters after the run.
func (t *xmlTokenizer) decode(s []byte, from, to int, run xmlRun) ([]byte, error) {
	copying := false
	startCopy := func(k int) {
		if !copying {
			t.scratch = append(t.scratch[:0], s[from:k]...)
			copying = true
		}
	}
	bad := ""
	for k := from; k < to; {
		plain := k
		for k < to && xmlByteClass[s[k]] == xcPlain {
			k++
		}
		if copying {
			t.scratch = append(t.scratch, s[plain:k]...)
		}
		if k == to {
			break
		}
		c, n := s[k], 1
		switch xmlByteClass[c] {
		case xcMulti:
			r, size := utf8.DecodeRune(s[k:to])
			if r == utf8.RuneError && size == 1 && bad == "" {
				bad = "invalid UTF-8"
			} else if !xmlIsChar(r) && bad == "" {
				bad = fmt.Sprintf("illegal character code %U", r)
			}
			n = size
		case xcControl:
			if bad == "" {
				bad = fmt.Sprintf("illegal character code %U", rune(c))
			}
		case xcBracket:
			if run == xmlRunText && k+2 < to && s[k+1] == ']' && s[k+2] == '>' {
				return nil, t.fail(k+3, "unescaped ]]> not in CDATA section")
			}
		case xcLess:
			if run == xmlRunAttr {
				return nil, t.fail(k+1, "unescaped < inside quoted string")
			}
		case xcCR:
			startCopy(k)
			t.scratch = append(t.scratch, '\n')
			if k++; k < to && s[k] == '\n' {
				k++
			}
			continue
		case xcAmp:
			if run == xmlRunCDATA {
				break
			}
			r, size, err := t.reference(s, k, to)
			if err != nil {
				return nil, err
			}
			if !xmlIsChar(r) && bad == "" {
				bad = fmt.Sprintf("illegal character code %U", r)
			}
			startCopy(k)
			t.scratch = utf8.AppendRune(t.scratch, r)
			k += size
			continue
		}
		if copying {
			t.scratch = append(t.scratch, s[k:k+n]...)
		}
		k += n
	}
	if bad != "" {
		stop := to
		if to < len(s) {
			stop += run.tail()
		}
		return nil, t.fail(stop, bad)
	}
	if copying {
		return t.scratch, nil
	}
	return s[from:to], nil
}

// xmlEntities are the entities XML predefines; strict encoding/xml knows
// no others, and neither does the tokenizer: a DOCTYPE cannot define any.
var xmlEntities = map[string]rune{"lt": '<', "gt": '>', "amp": '&', "apos": '\'', "quot": '"'}

// reference reads the reference at s[k:to], which begins with '&': a
// predefined entity, or a character in decimal (&#233;) or hex (&#xE9;).
// It returns the character, a surrogate read as U+FFFD as encoding/xml
// reads it, and the length of the reference.
func (t *xmlTokenizer) reference(s []byte, k, to int) (rune, int, error) {
	i, r := k+1, rune(-1)
	if i < to && s[i] == '#' {
		i++
		base := 10
		if i < to && s[i] == 'x' {
			base, i = 16, i+1
		}
		digits, n := i, 0
		for ; i < to && xmlDigit(s[i], base) >= 0; i++ {
			n = min(n*base+xmlDigit(s[i], base), utf8.MaxRune+1)
		}
		if i > digits && i < to && s[i] == ';' && n <= utf8.MaxRune {
			r = rune(n)
		}
	} else {
		i = xmlNameEnd(s[:to], i)
		if e, ok := xmlEntities[string(s[k+1:i])]; ok && i < to && s[i] == ';' {
			r = e
		}
	}
	switch {
	case r >= 0xD800 && r < 0xE000:
		return utf8.RuneError, i + 1 - k, nil
	case r >= 0:
		return r, i + 1 - k, nil
	case i == len(s):
		return 0, 0, t.fail(i, "unexpected EOF")
	case s[i] == ';':
		return 0, 0, t.fail(i+1, "invalid character entity "+string(s[k:i+1]))
	}
	return 0, 0, t.fail(i, "invalid character entity "+string(s[k:i])+" (no semicolon)")
}

// xmlDigit is the value of the digit c in base 10 or 16, or -1.
func xmlDigit(c byte, base int) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case base == 16 && 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// bang reads what begins with "<!": a comment, CDATA or a directive.
func (t *xmlTokenizer) bang(s []byte) (xml.Token, error) {
	if len(s) < 3 {
		return nil, t.short(s)
	}
	switch s[2] {
	case '-':
		return nil, t.comment(s)
	case '[':
		return t.cdata(s)
	}
	return nil, t.directive(s)
}

// comment skips <!--…-->, in which "--" may stand only at the end.
func (t *xmlTokenizer) comment(s []byte) error {
	switch {
	case len(s) < 4:
		return t.short(s)
	case s[3] != '-':
		return t.fail(4, "invalid sequence <!- not part of <!--")
	}
	k := bytes.Index(s[4:], []byte("--"))
	if k < 0 || 4+k+2 == len(s) {
		return t.short(s)
	}
	if k += 4 + 2; s[k] != '>' {
		return t.fail(k+1, `invalid sequence "--" not allowed in comments`)
	}
	t.advance(k + 1)
	return nil
}

// cdata reads <![CDATA[…]]> as character data.
func (t *xmlTokenizer) cdata(s []byte) (xml.Token, error) {
	const open = "<![CDATA["
	for i := len("<!["); i < len(open); i++ {
		switch {
		case i == len(s):
			return nil, t.short(s)
		case s[i] != open[i]:
			return nil, t.fail(i+1, "invalid <![ sequence")
		}
	}
	k := bytes.Index(s[len(open):], []byte("]]>"))
	switch {
	case k < 0 && t.eof:
		return nil, t.fail(len(s), "unexpected EOF in CDATA section")
	case k < 0:
		return nil, errXMLShort
	}
	end := len(open) + k
	data, err := t.decode(s, len(open), end, xmlRunCDATA)
	if err != nil {
		return nil, err
	}
	t.advance(end + len("]]>"))
	return xml.CharData(data), nil
}

// directive skips <!DOCTYPE …> or another directive, with the internal
// subset of a DOCTYPE, without reading what it declares. It ends where
// encoding/xml ends it: at the first '>' outside quotes, nested <…> and
// comments; the byte after "<!" is taken whatever it is.
func (t *xmlTokenizer) directive(s []byte) error {
	var quote byte
	depth := 0
	for k := 3; ; {
		if k == len(s) {
			return t.short(s)
		}
		c := s[k]
		k++
		if quote == 0 && c == '>' && depth == 0 {
			t.advance(k)
			return nil
		}
		// A '<' that begins no comment nests, and the byte that showed it
		// is taken again.
		for again := true; again; {
			again = false
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				depth--
			case c == '<':
				m := 0
				for ; m < len("!--"); m, k = m+1, k+1 {
					if k == len(s) {
						return t.short(s)
					}
					if s[k] != "!--"[m] {
						break
					}
				}
				if m < len("!--") {
					depth++
					c, k, again = s[k], k+1, true
					continue
				}
				e := bytes.Index(s[k:], []byte("-->"))
				if e < 0 {
					return t.short(s)
				}
				k += e + len("-->")
			}
		}
	}
}

// procInst skips <?target …?>. The XML declaration <?xml …?> is checked
// and may switch the encoding.
func (t *xmlTokenizer) procInst(s []byte) error {
	j := xmlNameEnd(s, 2)
	switch {
	case j == len(s):
		return t.short(s)
	case j == 2:
		return t.fail(2, "expected target name after <?")
	case !xmlNameOK(s[2:j]):
		return t.fail(j, "invalid XML name: "+string(s[2:j]))
	}
	k := xmlSkipSpace(s, j)
	e := bytes.Index(s[k:], []byte("?>"))
	if e < 0 {
		return t.short(s)
	}
	e += k
	if string(s[2:j]) != "xml" {
		t.advance(e + len("?>"))
		return nil
	}
	return t.declaration(string(s[k:e]), e+len("?>"))
}

// declaration checks the XML declaration that is the token's first n
// bytes, with content its pseudo-attributes, and consumes it. Where it
// names an encoding other than UTF-8, the rest of the input is read
// through t.charset.
func (t *xmlTokenizer) declaration(content string, n int) error {
	rest := t.buf[t.pos+n : t.end]
	t.advance(n)
	if v := xmlDeclValue(content, "version"); v != "" && v != "1.0" {
		return fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", v)
	}
	enc := xmlDeclValue(content, "encoding")
	switch {
	case enc == "" || strings.EqualFold(enc, "utf-8"):
		return nil
	case t.charset == nil:
		return fmt.Errorf("xml: encoding %q declared but no charset reader is set", enc)
	case t.switched:
		// Decoding text already decoded is never what an export means,
		// and readers nested without bound would be a way to exhaust memory.
		return fmt.Errorf("xml: encoding %q declared after the encoding was switched once", enc)
	}
	r, err := t.charset(enc, io.MultiReader(bytes.NewReader(bytes.Clone(rest)), t.r))
	if err != nil {
		return fmt.Errorf("xml: opening charset %q: %w", enc, err)
	}
	t.r, t.end, t.eof, t.switched = r, t.pos, false, true
	return nil
}

// xmlDeclValue is the value of name="…" or name='…' in the content of an
// XML declaration, found as encoding/xml finds it: at the first "name="
// followed by a quote (looking on after the byte that follows one that is
// not), up to the next such quote; "" when there is none.
func xmlDeclValue(content, name string) string {
	key := name + "="
	for rest := content; ; {
		k := strings.Index(rest, key)
		if k < 0 || k+len(key) == len(rest) {
			return ""
		}
		rest = rest[k+len(key):]
		if q := rest[0]; q == '"' || q == '\'' {
			v, _, ok := strings.Cut(rest[1:], string(q))
			if !ok {
				return ""
			}
			return v
		}
		rest = rest[1:]
	}
}
