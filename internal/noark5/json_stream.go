package noark5

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Streaming the input: arrays, list objects and NDJSON, one value at a time, with its line.

// next returns the next object (or other value where an object belongs)
// and the line it starts on.
func (r *jsonReader) next() (json.RawMessage, int, error) {
	for {
		pre := r.pos()
		if !r.dec.More() {
			if err := r.close(pre); err != nil {
				return nil, 0, err
			}
			continue
		}
		start := r.cnt.start(pre)
		if r.state == jsonTop && r.cnt.byteAt(start) == '[' {
			if _, err := r.dec.Token(); err != nil {
				return nil, 0, r.readError(err, start, false, 0)
			}
			r.state = jsonInArray
			continue
		}
		if r.state == jsonTop && r.cnt.byteAt(start) == '{' {
			raw, line, err := r.topObject(start)
			if raw == nil && err == nil {
				continue // the items of a list
			}
			return raw, line, err
		}
		raw, err := r.decode(pre)
		if err != nil {
			return nil, 0, err
		}
		end := r.dec.InputOffset()
		line := r.cnt.line(end - int64(len(raw)))
		r.cnt.forget(end)
		return raw, line, nil
	}
}

// close reads the ']' that ends an array (and the rest of the list object
// whose items it holds), or at the top level the end of the input.
func (r *jsonReader) close(pre int64) error {
	tok, err := r.dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) && r.state == jsonTop {
			return io.EOF
		}
		if errors.Is(err, io.EOF) {
			err = errors.New("the input ends before the array is closed")
		}
		return r.readError(err, r.cnt.start(pre), false, 0)
	}
	switch {
	case r.state == jsonTop:
		return &ReadError{Pos{File: r.file, Line: r.cnt.line(r.cnt.start(pre))}, fmt.Errorf("malformed JSON: unexpected %v", tok)}
	case r.state == jsonInItems:
		if err := r.skipRest(); err != nil {
			return err
		}
	}
	r.state = jsonTop
	r.cnt.forget(r.dec.InputOffset())
	return nil
}

// topObject reads a top-level object key by key, so that a list object's
// items are streamed rather than held. For a list it returns nil and sets
// the state to read the items.
func (r *jsonReader) topObject(start int64) (json.RawMessage, int, error) {
	line := r.cnt.line(start)
	r.cnt.forget(start)
	if _, err := r.dec.Token(); err != nil {
		return nil, 0, r.readError(err, start, false, line)
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	for {
		pre := r.pos()
		if !r.dec.More() {
			break
		}
		tok, err := r.dec.Token()
		if err != nil {
			return nil, 0, r.readError(err, r.cnt.start(pre), false, line)
		}
		key, _ := tok.(string)
		pre = r.pos()
		if key == "items" {
			list, err := r.items1(pre, line)
			if list || err != nil {
				return nil, 0, err
			}
			continue
		}
		raw, err := r.decode(pre)
		if err != nil {
			return nil, 0, err
		}
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(key)
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(raw)
		if buf.Len() > jsonMaxObject {
			return nil, 0, &ReadError{Pos{File: r.file, Line: line}, fmt.Errorf("an object is larger than %d bytes", jsonMaxObject)}
		}
	}
	pre := r.pos()
	if _, err := r.dec.Token(); err != nil {
		return nil, 0, r.readError(err, r.cnt.start(pre), false, line)
	}
	buf.WriteByte('}')
	r.cnt.forget(r.dec.InputOffset())
	return buf.Bytes(), line, nil
}

// items1 reads the value of a top-level object's "items": when it is an
// array, the object is a list whose items are read next (true); anything
// else is skipped.
func (r *jsonReader) items1(pre int64, line int) (bool, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return false, r.readError(err, r.cnt.start(pre), false, line)
	}
	if tok == json.Delim('[') {
		r.state = jsonInItems
		r.cnt.forget(r.dec.InputOffset())
		return true, nil
	}
	for depth := 0; tok == json.Delim('{') || depth > 0; {
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			break
		}
		pre = r.pos()
		if tok, err = r.dec.Token(); err != nil {
			return false, r.readError(err, r.cnt.start(pre), false, line)
		}
	}
	return false, nil
}

// skipRest reads the fields of a list object after its items, and its end.
func (r *jsonReader) skipRest() error {
	for {
		pre := r.pos()
		if !r.dec.More() {
			break
		}
		if _, err := r.dec.Token(); err != nil {
			return r.readError(err, r.cnt.start(pre), false, 0)
		}
		if _, err := r.decode(r.pos()); err != nil {
			return err
		}
		r.cnt.forget(r.dec.InputOffset())
	}
	pre := r.pos()
	if _, err := r.dec.Token(); err != nil {
		return r.readError(err, r.cnt.start(pre), false, 0)
	}
	return nil
}

// pos returns where the decoder is, and starts counting the bytes the
// next value takes.
func (r *jsonReader) pos() int64 {
	r.cnt.mark = r.cnt.read
	return r.dec.InputOffset()
}

// decode reads one value that starts at or after pre.
func (r *jsonReader) decode(pre int64) (json.RawMessage, error) {
	var raw json.RawMessage
	if err := r.dec.Decode(&raw); err != nil {
		start := r.cnt.start(pre)
		return nil, r.readError(err, start, true, r.cnt.line(start))
	}
	if len(raw) > jsonMaxObject {
		end := r.dec.InputOffset()
		return nil, &ReadError{Pos{File: r.file, Line: r.cnt.line(end - int64(len(raw)))}, fmt.Errorf("an object is larger than %d bytes", jsonMaxObject)}
	}
	return raw, nil
}

// readError says where JSON that cannot be read goes wrong. For an error
// of Decode, the value from start is scanned again to find the place; a
// Token error's offset is exact. objectLine, if not 0, is where the object
// being read starts.
func (r *jsonReader) readError(err error, start int64, decoding bool, objectLine int) *ReadError {
	pos := Pos{File: r.file, Line: r.cnt.line(r.cnt.read)}
	var se *json.SyntaxError
	switch {
	case errors.Is(err, errJSONTooLarge):
		pos.Line = r.cnt.line(start)
		return &ReadError{pos, fmt.Errorf("an object is larger than %d bytes", jsonMaxObject)}
	case errors.As(err, &se) && decoding:
		var raw json.RawMessage
		if e := json.NewDecoder(bytes.NewReader(r.cnt.from(start))).Decode(&raw); errors.As(e, &se) {
			pos.Line = r.cnt.line(start + se.Offset - 1)
		}
	case errors.As(err, &se):
		pos.Line = r.cnt.line(se.Offset)
	}
	msg := "malformed JSON: " + err.Error()
	if objectLine > 0 && objectLine != pos.Line {
		msg += fmt.Sprintf(" (in the value that starts on line %d)", objectLine)
	}
	return &ReadError{pos, errors.New(msg)}
}

// errJSONTooLarge stops a value that would not end.
var errJSONTooLarge = errors.New("a value is too large")

// jsonCounter passes the input to the decoder, keeping what it read since
// the start of the current object to find lines (the decoder reports byte
// offsets), and stops a value larger than jsonMaxObject.
type jsonCounter struct {
	r io.Reader
	// buf[dead:] holds the bytes from offset base to offset read; lines
	// counts the newlines before base.
	buf   []byte
	dead  int
	base  int64
	lines int
	read  int64
	// mark is where the value being read starts.
	mark int64
}

func (c *jsonCounter) Read(p []byte) (int, error) {
	if c.read-c.mark > jsonMaxObject+jsonChunk {
		return 0, errJSONTooLarge
	}
	if len(p) > jsonChunk {
		p = p[:jsonChunk]
	}
	n, err := c.r.Read(p)
	if c.dead > jsonChunk && c.dead > len(c.buf)/2 {
		c.buf = append(c.buf[:0], c.buf[c.dead:]...)
		c.dead = 0
	}
	c.buf = append(c.buf, p[:n]...)
	c.read += int64(n)
	return n, err
}

// live returns the bytes kept, from offset base, and the index of off in
// them.
func (c *jsonCounter) live(off int64) ([]byte, int) {
	b := c.buf[c.dead:]
	return b, int(min(max(off-c.base, 0), int64(len(b))))
}

// start returns the offset of the first byte at or after off that is not
// white space, ',' or ':': where the next value starts.
func (c *jsonCounter) start(off int64) int64 {
	b, i := c.live(off)
	for ; i < len(b); i++ {
		switch b[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			continue
		}
		break
	}
	return c.base + int64(i)
}

func (c *jsonCounter) byteAt(off int64) byte {
	if b, i := c.live(off); i < len(b) {
		return b[i]
	}
	return 0
}

func (c *jsonCounter) from(off int64) []byte {
	b, i := c.live(off)
	return b[i:]
}

// line returns the line of offset off.
func (c *jsonCounter) line(off int64) int {
	b, i := c.live(off)
	return c.lines + bytes.Count(b[:i], []byte{'\n'}) + 1
}

// forget drops what lies before off.
func (c *jsonCounter) forget(off int64) {
	b, i := c.live(off)
	c.lines += bytes.Count(b[:i], []byte{'\n'})
	c.dead += i
	c.base += int64(i)
}
