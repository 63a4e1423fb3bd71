package noark5

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
