package noark5

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// NewCSV reads a postliste exported as CSV, one journal entry per row,
// from the file named file (for positions only). Rows of one case that
// follow each other form one Mappe; a case that comes back later in the
// file is read again as another Mappe with the same keys, which the
// importer merges.
//
// The file: the first line names the columns. The separator is whichever
// of ',' ';' and tab the header line holds most of. The text is UTF-8,
// with or without a byte order mark; UTF-16 with a byte order mark; and
// bytes that are not UTF-8 are read as Windows-1252 (ISO-8859-1), with a
// note. Fields are quoted as in RFC 4180 (a quoted field may hold the
// separator, quotes doubled, and line breaks). A line may be at most 1 MB,
// a row (with the line breaks in its quoted fields) about 4 MB, a field
// MaxTextLength characters, the header 200 columns.
//
// Columns are found by their header, whatever the case, spacing and
// punctuation, with æ ø å or their ASCII spellings (ae oe aa, or a o a):
// "Journalår", "journalaar" and "JOURNAL_AAR" are one column. Where two
// columns mean the same, the first name listed below wins and the other is
// ignored with a note. A column not listed is ignored with a note. Columns
// (names accepted → meaning):
//
//	saksnummer, saksnr, sak nr, arkivsaksnummer, arkivsaksnr, mappeID
//	    → the case number, "2024/123" or "24/123"; "2024/123-4" also gives
//	      the journalpostnummer
//	saksår, sak år · sakssekvensnummer, sakssekvensnr, saksløpenummer
//	    → the case number in two columns
//	dokumentnummer, dokumentnr, dok nr
//	    → "2024/123-4": saksnummer and journalpostnummer; a bare number is
//	      the journalpostnummer
//	journalpostnummer, journalpostnr, jpnr
//	    → the entry's number within its case
//	journalnummer, journalnr, jnr, løpenummer, løpenr
//	    → "2024/004567", "004567/2024", "004567/24" or "24/004567":
//	      journalår and journalsekvensnummer
//	journalår · journalsekvensnummer, journalsekvensnr, sekvensnummer
//	    → the journal number in two columns; without a journalår the year
//	      of the journaldato is used
//	journalposttype, jp type, type, posttype, dokumentretning, retning,
//	I/U, inn/ut
//	    → I U N X S, the eInnsyn names (inngaaende_dokument …) or the words
//	      Inngående, Utgående, Notat (N), Notat uten oppfølging (X),
//	      Saksframlegg
//	journalstatus, journalpoststatus, jp status
//	    → J F G E A U M S R or their words (Journalført, Ferdigstilt,
//	      Ekspedert …); J (journalført) when the column is absent or empty
//	journaldato, journalført dato, journalføringsdato, registrert dato,
//	registreringsdato, dato, jdato
//	    → the journal date
//	dokumentdato, dokumentets dato, brevdato, dokdato, datert
//	    → the document's own date
//	mottatt dato, mottatt · sendt dato, ekspedert dato, ekspedert, sendt ·
//	forfallsdato, frist
//	    → the dates received, sent, due
//	tittel, innhold, innhald, journalposttittel, dokumenttittel,
//	dokumentbeskrivelse, beskrivelse, emne, offentlig tittel
//	    → the entry's title
//	sakstittel, saksmappetittel, sakens tittel, saksnavn, sak tittel,
//	offentlig sakstittel · saksdato · saksansvarlig · saksstatus
//	    → the case's title, date, responsible person and status
//	avsender, avsendar, fra, avsendernavn
//	    → the sender: external (EA) on an incoming entry (I), internal (IA)
//	      on the others
//	mottaker, mottakar, til, mottakernavn
//	    → the recipient: external (EM) on an outgoing entry (U), internal
//	      (IM) on the others
//	avsender/mottaker, mottaker/avsender, fra/til, korrespondansepart,
//	korrespondansepartnavn
//	    → a sender or recipient whose role is in the korrespondanseparttype
//	      column, or else EA on I, EM on U and IM on N X S
//	korrespondanseparttype, parttype, rolle
//	    → EA EM EK GM IA IM IK IS or their names (avsender, mottaker …)
//	      for the column above
//	enhet, avdeling, administrativ enhet, adm enhet, eining, seksjon ·
//	enhetskode, avdelingskode · enhetsnavn, avdelingsnavn
//	    → the administrative unit; with only one of them it is both the
//	      unit's kode and its name
//	journalenhet · saksbehandler, sakshandsamar, saksbeh, behandler
//	    → the journal unit and the case officer, as text
//	tilgangskode, tilgangsrestriksjon, tilgang, tgkode, skjermingskode,
//	gradering
//	    → the access code (Noark 5 M500), kept as written
//	hjemmel, skjermingshjemmel, paragraf, lovhjemmel, heimel,
//	unntakshjemmel, skjerming
//	    → the legal basis (M501), kept as written
//	skjermingmetadata, skjermede felt
//	    → what the skjerming withholds: words such as tittel, navn, alle,
//	      ingen (M502 codes TKL TM1 NA NM …)
//	skjermingdokument, dokumentskjerming
//	    → H (whole documents), D (parts) or ingen (M503)
//	systemid, journalpost systemid, jp systemid, id, journalpostid, jpid
//	    → the entry's key; default "csv:<journalår>/<journalsekvensnummer>"
//	saksmappe systemid, sak systemid, saksmappeid, sakssystemid
//	    → the case's key; default "csv:sak:<saksår>/<sakssekvensnummer>"
//	dokumenter, publisert dato, antall vedlegg, arkivkode, klasse
//	    → ignored without a note (this service's own CSV export has some)
//
// Required: something that gives the case (saksnummer, dokumentnummer, or
// saksår with sakssekvensnummer), the entry's number in it
// (journalpostnummer, dokumentnummer, or a saksnummer that carries it),
// the journal number (journalnummer or journalsekvensnummer), the title,
// the journaldato, and the journalposttype or something to infer it from
// (avsender, mottaker or korrespondanseparttype). Without them the first
// Next returns a *ReadError naming what is missing and the names accepted.
//
// Rows: a row that cannot be read as written (a bad date, a number that is
// not one, an unknown code, fewer fields than the header) is skipped with
// a Problem on its line; a case none of whose rows can be read is Broken.
// Without a journalposttype column an entry with only an avsender (or
// korrespondanseparttype EA) is I, one with only a mottaker (or EM) U;
// others are skipped. Several names in one
// avsender or mottaker field are split at ';' and line breaks. External
// parties are marked as natural persons (their names stop being searchable
// after a year), since a postliste does not say. A tilgangskode or hjemmel
// (other than empty, "-", "ingen", "nei", "offentlig", "ugradert") gives
// the entry a Skjerming that, unless the skjerming columns say otherwise,
// withholds all metadata and every document. Dates are 2024-05-02,
// 20240502, 02.05.2024, 2.5.2024 or 02.05.24, a time after them ignored.
// A leading apostrophe that a spreadsheet export put before = + or @ is
// dropped.
func NewCSV(r io.Reader, file string) Reader {
	return &csvReader{src: r, file: file, g: textGrouper{file: file, what: "row"}}
}

// Limits of the CSV reader.
const (
	csvMaxColumns = 200
	csvMaxLine    = 1 << 20
	// csvMaxRow is checked on what the CSV reader took since the last row,
	// which includes what it read ahead (up to 64 kB).
	csvMaxRow = 4 << 20
)

type csvReader struct {
	src  io.Reader
	file string
	err  error

	cr    *csv.Reader
	lim   *csvLimit
	fb    *textFallback
	noted bool
	// header is the number of columns; need is the number a row must have
	// (up to the last named column).
	header, need int
	index        [csvNumFields]int

	g textGrouper
}

func (r *csvReader) Next() (Mappe, error) {
	if r.err != nil {
		return Mappe{}, r.err
	}
	if r.cr == nil {
		if err := r.start(); err != nil {
			r.err = err
			return Mappe{}, err
		}
	}
	for {
		rec, err := r.cr.Read()
		if err != nil {
			return r.end(err)
		}
		line, _ := r.cr.FieldPos(0)
		r.lim.n = 0
		r.noteCharset()
		if m, ok := r.g.take(r.parse(rec, line).textItem); ok {
			return m, nil
		}
	}
}

// start reads the header line and maps the columns.
func (r *csvReader) start() error {
	dec, fb := textDecode(r.src)
	r.fb = fb
	r.lim = &csvLimit{r: dec}
	br := bufio.NewReaderSize(r.lim, 64<<10)
	head, _ := br.Peek(64 << 10)
	r.cr = csv.NewReader(br)
	r.cr.Comma = csvSniff(head)
	r.cr.FieldsPerRecord = -1
	r.cr.ReuseRecord = true
	header, err := r.cr.Read()
	if errors.Is(err, io.EOF) {
		return &ReadError{Pos{File: r.file, Line: 1}, errors.New("the file is empty: a CSV postliste starts with a header line")}
	}
	if err != nil {
		return r.readError(err)
	}
	r.lim.n = 0
	if len(header) > csvMaxColumns {
		return &ReadError{Pos{File: r.file, Line: 1}, fmt.Errorf("the header has %d columns, at most %d are read", len(header), csvMaxColumns)}
	}
	r.header = len(header)
	r.g.note(r.mapColumns(header)...)
	return r.checkRequired()
}

// end handles the end of the rows: io.EOF or an error that stops reading.
// The case being gathered is returned first.
func (r *csvReader) end(err error) (Mappe, error) {
	if !errors.Is(err, io.EOF) {
		r.err = r.readError(err)
	}
	r.noteCharset()
	if m, ok := r.g.flush(); ok {
		return m, nil
	}
	if r.err == nil {
		r.err = io.EOF
	}
	return Mappe{}, r.err
}

func (r *csvReader) readError(err error) *ReadError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		where := ""
		if pe.StartLine != pe.Line {
			where = fmt.Sprintf(", in the row that starts on line %d", pe.StartLine)
		}
		return &ReadError{Pos{File: r.file, Line: pe.Line}, fmt.Errorf("column %d%s: %w (a field that holds quotes, the separator or line breaks must be in quotes, its quotes doubled)", pe.Column, where, pe.Err)}
	}
	// Too long, or the reader failed: the lines read so far are whole.
	return &ReadError{Pos{File: r.file, Line: r.lim.lines + 1}, err}
}

// noteCharset notes, once, that the file was read as Windows-1252.
func (r *csvReader) noteCharset() {
	if r.noted || r.fb.line == 0 {
		return
	}
	r.noted = true
	r.g.note(r.fb.note(r.file))
}

// The errors of lines and rows that are too long.
var (
	errCSVLineTooLong = fmt.Errorf("a line is longer than %d bytes", csvMaxLine)
	errCSVRowTooLong  = fmt.Errorf("a row is longer than %d bytes", csvMaxRow)
)

// csvLimit counts what the CSV reader takes: the bytes since the last line
// break, to stop a line longer than csvMaxLine exactly there; the bytes
// since the last row (n, which the reader resets), to stop a row that
// never ends; and the lines, to say where.
type csvLimit struct {
	r      io.Reader
	n      int
	line   int
	lines  int
	failed error
}

func (l *csvLimit) Read(p []byte) (int, error) {
	if l.failed != nil {
		return 0, l.failed
	}
	if l.n > csvMaxRow {
		l.failed = errCSVRowTooLong
		return 0, l.failed
	}
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.lines++
			l.line = 0
		} else if l.line++; l.line > csvMaxLine {
			// Hand over the lines before, then fail.
			l.failed = errCSVLineTooLong
			l.n += i
			return i, l.failed
		}
	}
	l.n += n
	return n, err
}
