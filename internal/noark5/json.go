package noark5

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// NewJSON reads eInnsyn-style journal objects from the file named file
// (for positions only): a top-level array of objects, an eInnsyn list
// {"items": [...], "next": …}, or NDJSON (one object per line, as this
// service's /v1/search/export.ndjson writes), told apart by what the input
// starts with. The text is UTF-8 (a byte order mark is dropped, bytes that
// are not UTF-8 are read as Windows-1252 with a note).
//
// Objects are journalposts and saksmapper, by their "entity" field or,
// without one, by their fields: a journalpost has journalaar,
// journalsekvensnummer, journalpostnummer, journalposttype or saksmappe; a
// saksmappe has saksaar, sakssekvensnummer or saksnummer. Other entities
// are skipped with a note. Field names are eInnsyn's (LAW.md § 5) and
// matched without regard to case; codes may be eInnsyn names
// ("inngaaende_dokument", "avsender", "hoveddokument") or Noark letters
// (I, EA, H).
//
// A journalpost's case is its "saksmappe": an object with saksaar and
// sakssekvensnummer (or saksnummer "2024/123"), or only an id, which must
// name the case of the objects just before it (a saksmappe object, or a
// journalpost with the case in full). Journalposts of one case that follow
// each other form one Mappe, with a saksmappe object of that case before
// them; a saksmappe alone is a Mappe without entries, and one that holds its
// journalposts as objects in "journalpost" gives them too.
//
// Keys: a record's SystemID is its systemId, else its externalId, else its
// id (this service's export: "jp_…", "sm_…", "dok_…"); without any, a
// journalpost is "json:<journalaar>/<journalsekvensnummer>", a saksmappe
// "json:sak:<saksaar>/<sakssekvensnummer>", a document
// "<journalpost>:dok:<dokumentnummer>".
//
// Values: the title is tittel, else offentligTittelSensitiv, else
// offentligTittel; a name korrespondansepartNavnSensitiv, else
// korrespondansepartNavn. journalstatus is J when absent. Dates are read
// as in CSV, a time after them ignored (the date is taken as written).
// administrativEnhet is a kode, or an object with kode or enhetskode and
// navn. A skjerming object gives a Skjerming that withholds all metadata
// and every document unless its skjermingMetadata and skjermingDokument
// say otherwise; a skjerming given only by id withholds the same, with a
// note. A korrespondansepart without a type is EA on I, EM on U and IM
// otherwise; one without erPerson is a natural person if external. A
// dokumentbeskrivelse without dokumentnummer is numbered by its place, the
// first is the hoveddokument unless it says. A dokumentobjekt with a
// referanseDokumentfil gives a File and a Dokumentobjekt (variantformat A
// unless given, versjonsnummer 1) with the declared SHA-256, if any; one
// without a file, and this service's download links ("fil"), are not
// imported. publisertDato is ignored: publishing is this service's
// decision.
//
// A bad object is skipped with a Problem on the line where it starts; a
// case none of whose journalposts can be read is Broken. An object larger
// than 1 MB, or JSON that is not well formed, is a *ReadError on its line;
// an object nested deeper than 32 levels is skipped.
func NewJSON(r io.Reader, file string) Reader {
	return &jsonReader{src: r, file: file, g: textGrouper{file: file, what: "object"}}
}

// Limits of the JSON reader.
const (
	jsonMaxObject = 1 << 20
	jsonMaxDepth  = 32
	jsonChunk     = 64 << 10
)

type jsonState int

const (
	jsonTop     jsonState = iota // between top-level values
	jsonInArray                  // in a top-level array
	jsonInItems                  // in the items of a top-level list object
)

type jsonReader struct {
	src  io.Reader
	file string
	err  error

	dec   *json.Decoder
	cnt   *jsonCounter
	fb    *textFallback
	noted bool
	state jsonState

	queue []textItem
	g     textGrouper
}

func (r *jsonReader) Next() (Mappe, error) {
	if r.err != nil {
		return Mappe{}, r.err
	}
	if r.dec == nil {
		dec, fb := textDecode(r.src)
		r.fb, r.cnt = fb, &jsonCounter{r: dec}
		r.dec = json.NewDecoder(r.cnt)
	}
	for {
		if len(r.queue) > 0 {
			it := r.queue[0]
			r.queue = r.queue[1:]
			if m, ok := r.g.take(it); ok {
				return m, nil
			}
			continue
		}
		raw, line, err := r.next()
		if r.fb.line > 0 && !r.noted {
			r.noted = true
			r.g.note(r.fb.note(r.file))
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				r.err = err
			}
			if m, ok := r.g.flush(); ok {
				return m, nil
			}
			if r.err == nil {
				r.err = io.EOF
			}
			return Mappe{}, r.err
		}
		r.queue = r.items(raw, line)
	}
}

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

// items reads one object into the items it holds.
func (r *jsonReader) items(raw json.RawMessage, line int) []textItem {
	bad := func(value, format string, args ...any) []textItem {
		it := textItem{line: line}
		it.err = it.fail(value, format, args...)
		return []textItem{it}
	}
	if raw[0] != '{' {
		return bad(string(raw), "a value that is not an object")
	}
	if jsonDepth(raw) > jsonMaxDepth {
		return bad("", "the object is nested deeper than %d levels", jsonMaxDepth)
	}
	var o jsonObject
	if err := json.Unmarshal(raw, &o); err != nil {
		return bad("", "%s", jsonUnmarshalMessage(err))
	}
	switch kind := textFold(o.Entity); {
	case kind == "journalpost", kind == "" && o.isJournalpost():
		return []textItem{r.entry(&o, line, nil)}
	case kind == "saksmappe", kind == "" && o.isSaksmappe():
		return r.saksmappe(&o, line)
	case kind == "":
		return bad("", "the object is neither a journalpost nor a saksmappe")
	default:
		return bad(o.Entity, "entity %q is not imported", o.Entity)
	}
}

// jsonDepth returns how deep raw nests.
func jsonDepth(raw []byte) int {
	depth, most, str, esc := 0, 0, false, false
	for _, c := range raw {
		switch {
		case esc:
			esc = false
		case str && c == '\\':
			esc = true
		case c == '"':
			str = !str
		case str:
		case c == '{' || c == '[':
			depth++
			most = max(most, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	return most
}

// jsonUnmarshalMessage says what is wrong with an object in the export's
// words, not Go's.
func jsonUnmarshalMessage(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s: a JSON %s where something else belongs", te.Field, te.Value)
	}
	return err.Error()
}

// saksmappe reads a saksmappe object, and the journalposts it holds.
func (r *jsonReader) saksmappe(o *jsonObject, line int) []textItem {
	it := textItem{line: line}
	it.sak, it.enheter, it.aliases, it.err = r.readSak(o, &it)
	if it.err == nil && it.sak.Saksmappe.Saksaar == 0 {
		it.err = it.fail(o.Saksnummer, "the saksmappe has no saksaar and sakssekvensnummer")
	}
	if it.err == nil {
		if err := textCheck(it.enheter, it.sak, nil); err != nil {
			it.err = it.fail("", "%v", err)
		}
	}
	if it.err != nil {
		it.aliases = nil
		return []textItem{it}
	}
	items := []textItem{it}
	byID := 0
	for _, raw := range o.Journalpost {
		var jo jsonObject
		switch {
		case len(raw) > 0 && raw[0] == '{':
			if err := json.Unmarshal(raw, &jo); err != nil {
				bad := textItem{line: line, entry: true, aliases: it.aliases, sak: it.sak}
				bad.err = bad.fail("", "a journalpost of the saksmappe: %s", jsonUnmarshalMessage(err))
				items = append(items, bad)
				continue
			}
			items = append(items, r.entry(&jo, line, &it))
		default:
			byID++
		}
	}
	if byID > 0 {
		items[0].notes = append(items[0].notes, Problem{Pos: Pos{File: r.file, Line: line},
			Message: fmt.Sprintf("%d journalposts of the saksmappe are given only by id; they are not imported from it", byID)})
	}
	return items
}

// readSak reads a case from a saksmappe object, or from the saksmappe of a
// journalpost. A case given only by id has aliases but no saksaar.
func (r *jsonReader) readSak(o *jsonObject, it *textItem) (journal.SaksmappeInput, []journal.EnhetInput, []string, error) {
	var sak journal.SaksmappeInput
	s := &sak.Saksmappe
	s.Saksaar, s.Sakssekvensnummer = o.Saksaar.n, o.Sakssekvensnummer.n
	if o.Saksnummer != "" {
		n, err := textParseSaksnummer(o.Saksnummer)
		if err == nil {
			err = errors.Join(textSet(&s.Saksaar, n.Saksaar, "saksaar"), textSet(&s.Sakssekvensnummer, n.Sakssekvensnummer, "sakssekvensnummer"))
		}
		if err != nil {
			return sak, nil, nil, it.fail(o.Saksnummer, "saksnummer: %v", err)
		}
	}
	var aliases []string
	s.SystemID = textClean(o.key())
	if s.Saksaar != 0 && s.Sakssekvensnummer != 0 {
		aliases = append(aliases, fmt.Sprintf("nr:%d/%d", s.Saksaar, s.Sakssekvensnummer))
		if s.SystemID == "" {
			s.SystemID = fmt.Sprintf("json:sak:%d/%d", s.Saksaar, s.Sakssekvensnummer)
		}
	}
	for _, a := range []string{s.SystemID, o.ID, o.SystemID, o.ExternalID} {
		if a = textClean(a); a != "" {
			aliases = append(aliases, a)
		}
	}
	if len(aliases) == 0 {
		return sak, nil, nil, it.fail("", "the saksmappe has no saksaar, sakssekvensnummer, saksnummer or id")
	}
	s.Tittel = o.title()
	s.Saksansvarlig, s.Saksstatus = textClean(o.Saksansvarlig), textClean(o.Saksstatus)
	if o.Saksdato != "" {
		d, err := textParseDate(o.Saksdato)
		if err != nil {
			return sak, nil, aliases, it.fail(o.Saksdato, "saksdato: %v", err)
		}
		s.Saksdato = d
	}
	sk, err := r.skjerming(o.Skjerming, it)
	if err != nil {
		return sak, nil, aliases, err
	}
	s.Skjerming = sk
	enheter := o.enhet()
	if len(enheter) > 0 {
		sak.EnhetKode = enheter[0].Kode
	}
	return sak, enheter, aliases, nil
}

// entry reads a journalpost; in is the saksmappe that holds it, if any.
func (r *jsonReader) entry(o *jsonObject, line int, in *textItem) textItem {
	it := textItem{line: line, entry: true}
	if err := r.entryCase(o, &it, in); err != nil {
		it.err = err
		return it
	}
	it.err = r.readEntry(o, &it)
	return it
}

// entryCase finds the journalpost's case.
func (r *jsonReader) entryCase(o *jsonObject, it *textItem, in *textItem) error {
	var (
		sak     journal.SaksmappeInput
		enheter []journal.EnhetInput
		aliases []string
		err     error
	)
	switch {
	case o.Saksmappe != nil && o.Saksmappe.obj != nil:
		sak, enheter, aliases, err = r.readSak(o.Saksmappe.obj, it)
	case o.Saksmappe != nil && o.Saksmappe.id != "":
		aliases = []string{textClean(o.Saksmappe.id)}
	case o.isSaksmappe():
		sak, enheter, aliases, err = r.readSak(&jsonObject{Saksaar: o.Saksaar, Sakssekvensnummer: o.Sakssekvensnummer,
			Saksnummer: o.Saksnummer}, it)
	case in != nil:
		sak, enheter, aliases = in.sak, in.enheter, in.aliases
	default:
		return it.fail("", "the journalpost names no saksmappe")
	}
	if err != nil {
		return err
	}
	if sak.Saksmappe.Saksaar == 0 {
		// Known only by id: it must be the saksmappe that holds the
		// journalpost, or the case being gathered.
		if in != nil && (&textGroup{aliases: in.aliases}).matches(aliases) {
			sak, enheter, aliases = in.sak, in.enheter, in.aliases
		} else if c := r.g.cur; c != nil && c.matches(aliases) {
			sak, aliases = c.m.Saksmappe, c.aliases
		} else {
			return it.fail(strings.Join(aliases, " "), "the saksmappe is given only by id, and is not the saksmappe of the objects before; give saksaar and sakssekvensnummer")
		}
	}
	it.sak, it.aliases = sak, aliases
	it.enheter = append(it.enheter, enheter...)
	return nil
}

// readEntry reads the journalpost's own fields; its case is read.
func (r *jsonReader) readEntry(o *jsonObject, it *textItem) error {
	jp := &it.jp.Journalpost
	jp.Journalaar, jp.Journalsekvensnummer, jp.Journalpostnummer = o.Journalaar.n, o.Journalsekvensnummer.n, o.Journalpostnummer.n
	if jp.Journalaar == 0 || jp.Journalsekvensnummer == 0 || jp.Journalpostnummer == 0 {
		return it.fail("", "the journalpost lacks journalaar, journalsekvensnummer or journalpostnummer")
	}
	jp.SystemID = textClean(o.key())
	if jp.SystemID == "" {
		jp.SystemID = fmt.Sprintf("json:%d/%d", jp.Journalaar, jp.Journalsekvensnummer)
	}
	c, ok := textJournalposttyper.parse(o.Journalposttype)
	if !ok {
		return it.fail(o.Journalposttype, "journalposttype %q is not one of I, U, N, X, S or their eInnsyn names", o.Journalposttype)
	}
	jp.Journalposttype = offl.Journalposttype(c)
	jp.Journalstatus = offl.Journalfoert
	if o.Journalstatus != "" {
		c, ok := textJournalstatuser.parse(o.Journalstatus)
		if !ok {
			return it.fail(o.Journalstatus, "journalstatus %q is not one of J, F, G, E, A, U, M, S, R or their names", o.Journalstatus)
		}
		jp.Journalstatus = offl.Journalstatus(c)
	}
	if err := r.dates(o, it); err != nil {
		return err
	}
	jp.Tittel, jp.Saksbehandler, jp.Journalenhet = o.title(), textClean(o.Saksbehandler), textClean(o.Journalenhet)
	if e := o.enhet(); len(e) > 0 {
		it.enheter = append(e, it.enheter...)
		it.jp.EnhetKode = e[0].Kode
	}
	if err := r.parties(o, it); err != nil {
		return err
	}
	if err := r.documents(o, it); err != nil {
		return err
	}
	sk, err := r.skjerming(o.Skjerming, it)
	if err != nil {
		return err
	}
	jp.Skjerming = sk
	for _, s := range []string{jp.Saksbehandler, jp.Journalenhet} {
		if textTooLong(s) {
			return it.fail("", "a text is longer than %d characters", MaxTextLength)
		}
	}
	if err := textCheck(it.enheter, it.sak, &it.jp); err != nil {
		return it.fail("", "%v", err)
	}
	return nil
}

func (r *jsonReader) dates(o *jsonObject, it *textItem) error {
	jp := &it.jp.Journalpost
	for _, d := range []struct {
		name, value string
		dst         *time.Time
	}{{"journaldato", o.Journaldato, &jp.Journaldato}, {"dokumentetsDato", o.DokumentetsDato, &jp.DokumentetsDato},
		{"mottattDato", o.MottattDato, &jp.MottattDato}, {"sendtDato", o.SendtDato, &jp.SendtDato},
		{"forfallsdato", o.Forfallsdato, &jp.Forfallsdato},
		{"offentlighetsvurdertDato", o.OffentlighetsvurdertDato, &jp.OffentlighetsvurdertDato}} {
		if d.value == "" {
			continue
		}
		t, err := textParseDate(d.value)
		if err != nil {
			return it.fail(d.value, "%s: %v", d.name, err)
		}
		*d.dst = t
	}
	if jp.Journaldato.IsZero() {
		return it.fail("", "the journalpost has no journaldato")
	}
	if s := o.AccessibleAfter; s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			if t, err = textParseDate(s); err != nil {
				return it.fail(s, "accessibleAfter %q is not a time like 2024-05-02T08:00:00Z", s)
			}
		}
		jp.AccessibleAfter = t.UTC()
	}
	return nil
}

// parties reads the korrespondanseparter.
func (r *jsonReader) parties(o *jsonObject, it *textItem) error {
	jp := &it.jp.Journalpost
	byID := 0
	for _, p := range o.Korrespondansepart {
		if p.ref != "" {
			byID++
			continue
		}
		t := offl.InternMottaker
		switch {
		case p.Korrespondanseparttype != "":
			c, ok := textParttyper.parse(p.Korrespondanseparttype)
			if !ok {
				return it.fail(p.Korrespondanseparttype, "korrespondanseparttype %q is not one of EA, EM, EK, GM, IA, IM, IK, IS or their eInnsyn names", p.Korrespondanseparttype)
			}
			t = offl.Korrespondanseparttype(c)
		case jp.Journalposttype == offl.Inngaaende:
			t = offl.Avsender
		case jp.Journalposttype == offl.Utgaaende:
			t = offl.Mottaker
		}
		k := offl.Korrespondansepart{Korrespondanseparttype: t, Navn: textClean(p.KorrespondansepartNavnSensitiv),
			ErPerson: !t.Internal(), ErBehandlingsansvarlig: p.ErBehandlingsansvarlig,
			Organisasjonsnummer: textClean(p.Organisasjonsnummer), Saksbehandler: textClean(p.Saksbehandler)}
		if k.Navn == "" {
			k.Navn = textClean(p.KorrespondansepartNavn)
		}
		if k.Navn == "" {
			k.Navn = textClean(p.Navn)
		}
		if p.ErPerson != nil {
			k.ErPerson = *p.ErPerson
		}
		if e := p.AdministrativEnhet.enhet(); len(e) > 0 {
			k.AdministrativEnhet = e[0].Kode
		}
		if textTooLong(k.Organisasjonsnummer) || textTooLong(k.Saksbehandler) || textTooLong(k.AdministrativEnhet) {
			return it.fail("", "a korrespondansepart's text is longer than %d characters", MaxTextLength)
		}
		jp.Korrespondansepart = append(jp.Korrespondansepart, k)
	}
	if byID > 0 {
		it.notes = append(it.notes, Problem{Pos: Pos{File: r.file, Line: it.line},
			Message: fmt.Sprintf("%d korrespondanseparter are given only by id; they are not imported", byID)})
	}
	return nil
}

// documents reads the dokumentbeskrivelser and the files they name.
func (r *jsonReader) documents(o *jsonObject, it *textItem) error {
	jp := &it.jp.Journalpost
	byID := 0
	for i, d := range o.Dokumentbeskrivelse {
		if d.ref != "" {
			byID++
			continue
		}
		doc := offl.Dokumentbeskrivelse{SystemID: textClean(d.key()), Dokumentnummer: d.Dokumentnummer.n,
			Dokumenttype: textClean(d.Dokumenttype), Tittel: textClean(d.Tittel)}
		if doc.Tittel == "" {
			doc.Tittel = textClean(d.TittelSensitiv)
		}
		if doc.Dokumentnummer == 0 {
			doc.Dokumentnummer = i + 1
		}
		if doc.SystemID == "" {
			doc.SystemID = fmt.Sprintf("%s:dok:%d", jp.SystemID, doc.Dokumentnummer)
		}
		doc.TilknyttetRegistreringSom = offl.Vedlegg
		if i == 0 {
			doc.TilknyttetRegistreringSom = offl.Hoveddokument
		}
		if s := d.TilknyttetRegistreringSom; s != "" {
			c, ok := textTilknytninger.parse(s)
			if !ok {
				return it.fail(s, "tilknyttetRegistreringSom %q is not H, V, hoveddokument or vedlegg", s)
			}
			doc.TilknyttetRegistreringSom = offl.TilknyttetRegistreringSom(c)
		}
		if textTooLong(doc.Dokumenttype) {
			return it.fail("", "dokumenttype is longer than %d characters", MaxTextLength)
		}
		for _, ob := range d.Dokumentobjekt {
			if err := r.file1(jp.SystemID, &doc, ob, it); err != nil {
				return err
			}
		}
		jp.Dokumentbeskrivelse = append(jp.Dokumentbeskrivelse, doc)
	}
	if byID > 0 {
		it.notes = append(it.notes, Problem{Pos: Pos{File: r.file, Line: it.line},
			Message: fmt.Sprintf("%d dokumentbeskrivelser are given only by id; they are not imported", byID)})
	}
	return nil
}

// file1 reads a dokumentobjekt into doc and the item's files.
func (r *jsonReader) file1(jpID string, doc *offl.Dokumentbeskrivelse, ob jsonDokumentobjekt, it *textItem) error {
	ref := textClean(ob.ReferanseDokumentfil)
	if ref == "" {
		return nil
	}
	obj := offl.Dokumentobjekt{Versjonsnummer: ob.Versjonsnummer.n, Variantformat: offl.Arkivformat,
		Format: textClean(ob.Format), Filnavn: textClean(ob.Filnavn)}
	if obj.Versjonsnummer == 0 {
		obj.Versjonsnummer = 1
	}
	if s := ob.Variantformat; s != "" {
		c, ok := textVariantformater.parse(s)
		if !ok {
			return it.fail(s, "variantformat %q is not P, A, O or their names", s)
		}
		obj.Variantformat = offl.Variantformat(c)
	}
	if obj.Filnavn == "" {
		obj.Filnavn = path.Base(strings.ReplaceAll(ref, "\\", "/"))
	}
	sum, algo := strings.ToLower(textClean(ob.Sjekksum)), textClean(ob.SjekksumAlgoritme)
	if f := textFold(algo); (f == "" || f == "sha256") && len(sum) == 64 && strings.Trim(sum, "0123456789abcdef") == "" {
		obj.Sjekksum = sum
	}
	for _, s := range []string{ref, sum, algo, obj.Format, obj.Filnavn} {
		if textTooLong(s) {
			return it.fail("", "a dokumentobjekt's text is longer than %d characters", MaxTextLength)
		}
	}
	doc.Dokumentobjekt = append(doc.Dokumentobjekt, obj)
	it.files = append(it.files, File{JournalpostSystemID: jpID, DokumentSystemID: doc.SystemID,
		Versjonsnummer: obj.Versjonsnummer, Variantformat: obj.Variantformat, Ref: ref, Sjekksum: sum, Algoritme: algo,
		Format: obj.Format, Filnavn: obj.Filnavn, Pos: Pos{File: r.file, Line: it.line}})
	return nil
}

// skjerming reads a skjerming; nil when there is none.
func (r *jsonReader) skjerming(s *jsonSkjerming, it *textItem) (*offl.Skjerming, error) {
	if s == nil {
		return nil, nil
	}
	screens, note := textScreens(s.SkjermingMetadata.s, s.SkjermingDokument)
	if s.ref != "" {
		it.notes = append(it.notes, Problem{Pos: Pos{File: r.file, Line: it.line}, Value: textShort(s.ref),
			Message: "the skjerming is given only by id; all metadata and every document are screened"})
		return &offl.Skjerming{Screens: screens}, nil
	}
	sk, err := textSkjerming(textClean(s.Tilgangsrestriksjon), textClean(s.Skjermingshjemmel), screens)
	if err != nil {
		return nil, it.fail("", "%v", err)
	}
	if sk == nil {
		// A skjerming object says the record is screened, even when it
		// does not say why.
		sk = &offl.Skjerming{Screens: screens}
	}
	if note != "" {
		it.notes = append(it.notes, Problem{Pos: Pos{File: r.file, Line: it.line}, Message: note})
	}
	if s.SkjermingOpphoererDato != "" {
		d, err := textParseDate(s.SkjermingOpphoererDato)
		if err != nil {
			return nil, it.fail(s.SkjermingOpphoererDato, "skjermingOpphoererDato: %v", err)
		}
		sk.OpphoererDato = d
	}
	sk.Varighet = s.Skjermingsvarighet.n
	return sk, nil
}

// jsonObject holds the fields of a journalpost or saksmappe that are read.
type jsonObject struct {
	Entity     string `json:"entity"`
	ID         string `json:"id"`
	SystemID   string `json:"systemId"`
	ExternalID string `json:"externalId"`

	Journalaar               jsonInt                  `json:"journalaar"`
	Journalsekvensnummer     jsonInt                  `json:"journalsekvensnummer"`
	Journalpostnummer        jsonInt                  `json:"journalpostnummer"`
	Journalposttype          string                   `json:"journalposttype"`
	Journalstatus            string                   `json:"journalstatus"`
	Tittel                   string                   `json:"tittel"`
	OffentligTittel          string                   `json:"offentligTittel"`
	OffentligTittelSensitiv  string                   `json:"offentligTittelSensitiv"`
	Journaldato              string                   `json:"journaldato"`
	DokumentetsDato          string                   `json:"dokumentetsDato"`
	MottattDato              string                   `json:"mottattDato"`
	SendtDato                string                   `json:"sendtDato"`
	Forfallsdato             string                   `json:"forfallsdato"`
	OffentlighetsvurdertDato string                   `json:"offentlighetsvurdertDato"`
	AccessibleAfter          string                   `json:"accessibleAfter"`
	Saksbehandler            string                   `json:"saksbehandler"`
	Journalenhet             string                   `json:"journalenhet"`
	Saksmappe                *jsonSaksmappeRef        `json:"saksmappe"`
	AdministrativEnhet       *jsonEnhet               `json:"administrativEnhet"`
	AdministrativEnhetObjekt *jsonEnhet               `json:"administrativEnhetObjekt"`
	Korrespondansepart       []jsonKorrespondansepart `json:"korrespondansepart"`
	Dokumentbeskrivelse      []jsonDokument           `json:"dokumentbeskrivelse"`
	Skjerming                *jsonSkjerming           `json:"skjerming"`

	Saksaar           jsonInt           `json:"saksaar"`
	Sakssekvensnummer jsonInt           `json:"sakssekvensnummer"`
	Saksnummer        string            `json:"saksnummer"`
	Saksdato          string            `json:"saksdato"`
	Saksansvarlig     string            `json:"saksansvarlig"`
	Saksstatus        string            `json:"saksstatus"`
	Journalpost       []json.RawMessage `json:"journalpost"`
}

func (o *jsonObject) isJournalpost() bool {
	return o.Journalaar.set || o.Journalsekvensnummer.set || o.Journalpostnummer.set || o.Journalposttype != "" ||
		o.Saksmappe != nil
}

func (o *jsonObject) isSaksmappe() bool {
	return o.Saksaar.set || o.Sakssekvensnummer.set || o.Saksnummer != ""
}

// key is the record's SystemID as the export gives it.
func (o *jsonObject) key() string { return jsonFirst(o.SystemID, o.ExternalID, o.ID) }

func (o *jsonObject) title() string {
	return textClean(jsonFirst(o.Tittel, o.OffentligTittelSensitiv, o.OffentligTittel))
}

func (o *jsonObject) enhet() []journal.EnhetInput {
	if e := o.AdministrativEnhet.enhet(); len(e) > 0 {
		return e
	}
	return o.AdministrativEnhetObjekt.enhet()
}

func jsonFirst(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// jsonInt is a whole number, also when written as a string.
type jsonInt struct {
	n   int
	set bool
}

func (i *jsonInt) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || len(s) > 10 {
		return fmt.Errorf("%s is not a whole number", textShort(string(b)))
	}
	i.n, i.set = n, true
	return nil
}

// jsonString is a string, or a list of strings joined with spaces.
type jsonString struct{ s string }

func (j *jsonString) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), "[") {
		var l []string
		if err := json.Unmarshal(b, &l); err != nil {
			return err
		}
		j.s = strings.Join(l, " ")
		return nil
	}
	return json.Unmarshal(b, &j.s)
}

// jsonSaksmappeRef is a journalpost's saksmappe: an object or an id.
type jsonSaksmappeRef struct {
	obj *jsonObject
	id  string
}

func (r *jsonSaksmappeRef) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), `"`) {
		return json.Unmarshal(b, &r.id)
	}
	if string(b) == "null" {
		return nil
	}
	r.obj = new(jsonObject)
	return json.Unmarshal(b, r.obj)
}

// jsonEnhet is an administrative unit: a kode, or an object.
type jsonEnhet struct {
	ID         string `json:"id"`
	Kode       string `json:"kode"`
	Enhetskode string `json:"enhetskode"`
	Navn       string `json:"navn"`
}

func (e *jsonEnhet) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), `"`) {
		return json.Unmarshal(b, &e.Kode)
	}
	type plain jsonEnhet
	return json.Unmarshal(b, (*plain)(e))
}

// enhet returns the unit as an EnhetInput, none when it names nothing.
func (e *jsonEnhet) enhet() []journal.EnhetInput {
	if e == nil {
		return nil
	}
	kode := textClean(jsonFirst(e.Enhetskode, e.Kode, e.Navn, e.ID))
	if kode == "" {
		return nil
	}
	return []journal.EnhetInput{{Kode: kode, Navn: textClean(jsonFirst(e.Navn, kode))}}
}

type jsonKorrespondansepart struct {
	ref                            string
	Korrespondanseparttype         string     `json:"korrespondanseparttype"`
	KorrespondansepartNavn         string     `json:"korrespondansepartNavn"`
	KorrespondansepartNavnSensitiv string     `json:"korrespondansepartNavnSensitiv"`
	Navn                           string     `json:"navn"`
	ErBehandlingsansvarlig         bool       `json:"erBehandlingsansvarlig"`
	ErPerson                       *bool      `json:"erPerson"`
	Organisasjonsnummer            string     `json:"organisasjonsnummer"`
	AdministrativEnhet             *jsonEnhet `json:"administrativEnhet"`
	Saksbehandler                  string     `json:"saksbehandler"`
}

func (p *jsonKorrespondansepart) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), `"`) {
		return json.Unmarshal(b, &p.ref)
	}
	type plain jsonKorrespondansepart
	return json.Unmarshal(b, (*plain)(p))
}

type jsonDokument struct {
	ref                       string
	ID                        string               `json:"id"`
	SystemID                  string               `json:"systemId"`
	ExternalID                string               `json:"externalId"`
	Dokumentnummer            jsonInt              `json:"dokumentnummer"`
	TilknyttetRegistreringSom string               `json:"tilknyttetRegistreringSom"`
	Dokumenttype              string               `json:"dokumenttype"`
	Tittel                    string               `json:"tittel"`
	TittelSensitiv            string               `json:"tittelSensitiv"`
	Dokumentobjekt            []jsonDokumentobjekt `json:"dokumentobjekt"`
}

func (d *jsonDokument) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), `"`) {
		return json.Unmarshal(b, &d.ref)
	}
	type plain jsonDokument
	return json.Unmarshal(b, (*plain)(d))
}

func (d *jsonDokument) key() string { return jsonFirst(d.SystemID, d.ExternalID, d.ID) }

type jsonDokumentobjekt struct {
	Versjonsnummer       jsonInt `json:"versjonsnummer"`
	Variantformat        string  `json:"variantformat"`
	Format               string  `json:"format"`
	Filnavn              string  `json:"filnavn"`
	ReferanseDokumentfil string  `json:"referanseDokumentfil"`
	Sjekksum             string  `json:"sjekksum"`
	SjekksumAlgoritme    string  `json:"sjekksumAlgoritme"`
}

type jsonSkjerming struct {
	ref                    string
	Tilgangsrestriksjon    string     `json:"tilgangsrestriksjon"`
	Skjermingshjemmel      string     `json:"skjermingshjemmel"`
	SkjermingMetadata      jsonString `json:"skjermingMetadata"`
	SkjermingDokument      string     `json:"skjermingDokument"`
	SkjermingOpphoererDato string     `json:"skjermingOpphoererDato"`
	Skjermingsvarighet     jsonInt    `json:"skjermingsvarighet"`
}

func (s *jsonSkjerming) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), `"`) {
		return json.Unmarshal(b, &s.ref)
	}
	type plain jsonSkjerming
	return json.Unmarshal(b, (*plain)(s))
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
