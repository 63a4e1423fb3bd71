package noark5

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
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

type csvField int

// The fields a column can give.
const (
	csvSaksnummer csvField = iota
	csvSaksaar
	csvSakssekvensnummer
	csvDokumentnummer
	csvJournalpostnummer
	csvJournalnummer
	csvJournalaar
	csvJournalsekvensnummer
	csvJournalposttype
	csvJournalstatus
	csvJournaldato
	csvDokumentdato
	csvMottattDato
	csvSendtDato
	csvForfallsdato
	csvTittel
	csvSakstittel
	csvSaksdato
	csvSaksansvarlig
	csvSaksstatus
	csvAvsender
	csvMottaker
	csvPart
	csvParttype
	csvEnhet
	csvEnhetskode
	csvEnhetsnavn
	csvJournalenhet
	csvSaksbehandler
	csvTilgangskode
	csvHjemmel
	csvSkjermingMetadata
	csvSkjermingDokument
	csvSystemID
	csvSaksmappeSystemID
	csvIgnored
	csvNumFields
)

// csvNames lists the header names of each field, the preferred first.
var csvNames = [csvNumFields][]string{
	csvSaksnummer:           {"saksnummer", "saksnr", "sak nr", "arkivsaksnummer", "arkivsaksnr", "mappeID"},
	csvSaksaar:              {"saksår", "sak år"},
	csvSakssekvensnummer:    {"sakssekvensnummer", "sakssekvensnr", "saksløpenummer"},
	csvDokumentnummer:       {"dokumentnummer", "dokumentnr", "dok nr"},
	csvJournalpostnummer:    {"journalpostnummer", "journalpostnr", "jpnr"},
	csvJournalnummer:        {"journalnummer", "journalnr", "jnr", "løpenummer", "løpenr"},
	csvJournalaar:           {"journalår"},
	csvJournalsekvensnummer: {"journalsekvensnummer", "journalsekvensnr", "sekvensnummer"},
	csvJournalposttype: {"journalposttype", "jp type", "type", "posttype",
		"dokumentretning", "retning", "I/U", "inn/ut"},
	csvJournalstatus: {"journalstatus", "journalpoststatus", "jp status"},
	csvJournaldato: {"journaldato", "journalført dato", "journalføringsdato", "registrert dato",
		"registreringsdato", "dato", "jdato"},
	csvDokumentdato: {"dokumentdato", "dokumentets dato", "brevdato", "dokdato", "datert"},
	csvMottattDato:  {"mottatt dato", "mottatt"},
	csvSendtDato:    {"sendt dato", "ekspedert dato", "ekspedert", "sendt"},
	csvForfallsdato: {"forfallsdato", "frist"},
	csvTittel: {"tittel", "innhold", "innhald", "journalposttittel", "dokumenttittel", "dokumentbeskrivelse",
		"beskrivelse", "emne", "offentlig tittel"},
	csvSakstittel: {"sakstittel", "saksmappetittel", "sakens tittel", "saksnavn",
		"sak tittel", "offentlig sakstittel"},
	csvSaksdato:      {"saksdato"},
	csvSaksansvarlig: {"saksansvarlig"},
	csvSaksstatus:    {"saksstatus"},
	csvAvsender:      {"avsender", "avsendar", "fra", "avsendernavn"},
	csvMottaker:      {"mottaker", "mottakar", "til", "mottakernavn"},
	csvPart: {"avsender/mottaker", "mottaker/avsender", "fra/til", "korrespondansepart",
		"korrespondansepartnavn"},
	csvParttype:   {"korrespondanseparttype", "parttype", "rolle"},
	csvEnhet:      {"enhet", "avdeling", "administrativ enhet", "adm enhet", "eining", "seksjon"},
	csvEnhetskode: {"enhetskode", "avdelingskode"},
	csvEnhetsnavn: {"enhetsnavn", "avdelingsnavn"},

	csvJournalenhet:  {"journalenhet"},
	csvSaksbehandler: {"saksbehandler", "sakshandsamar", "saksbeh", "behandler"},
	csvTilgangskode: {"tilgangskode", "tilgangsrestriksjon", "tilgang", "tgkode", "skjermingskode",
		"gradering"},
	csvHjemmel: {"hjemmel", "skjermingshjemmel", "paragraf", "lovhjemmel", "heimel", "unntakshjemmel",
		"skjerming"},
	csvSkjermingMetadata: {"skjermingmetadata", "skjermede felt"},
	csvSkjermingDokument: {"skjermingdokument", "dokumentskjerming"},
	csvSystemID:          {"systemid", "journalpost systemid", "jp systemid", "id", "journalpostid", "jpid"},
	csvSaksmappeSystemID: {"saksmappe systemid", "sak systemid", "saksmappeid", "sakssystemid"},
	csvIgnored:           {"dokumenter", "publisert dato", "antall vedlegg", "arkivkode", "klasse"},
}

// csvSynonym is where a folded header name leads.
type csvSynonym struct {
	field csvField
	rank  int
}

var csvSynonyms = func() map[string]csvSynonym {
	m := map[string]csvSynonym{}
	for f, names := range csvNames {
		for rank, n := range names {
			m[textFold(n)] = csvSynonym{csvField(f), rank}
		}
	}
	return m
}()

// csvRequired are the column sets the reader cannot do without: each needs
// one of its alternatives, an alternative all of its fields.
var csvRequired = []struct {
	what string
	any  [][]csvField
}{
	{"saksnummer", [][]csvField{{csvSaksnummer}, {csvDokumentnummer}, {csvSaksaar, csvSakssekvensnummer}}},
	{"journalpostnummer", [][]csvField{{csvJournalpostnummer}, {csvDokumentnummer}, {csvSaksnummer}}},
	{"journalsekvensnummer", [][]csvField{{csvJournalnummer}, {csvJournalsekvensnummer}}},
	{"tittel", [][]csvField{{csvTittel}}},
	{"journaldato", [][]csvField{{csvJournaldato}}},
	{"journalposttype", [][]csvField{{csvJournalposttype}, {csvAvsender}, {csvMottaker}, {csvParttype}}},
}

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

// csvSniff picks the separator the header line holds most of, ',' if
// none.
func csvSniff(head []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
		} else if c == '\n' && !quoted {
			break
		} else if !quoted {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// mapColumns finds each field's column and returns notes on the columns it
// ignores.
func (r *csvReader) mapColumns(header []string) []Problem {
	var notes []Problem
	note := func(format string, args ...any) {
		notes = append(notes, Problem{Pos: Pos{File: r.file, Line: 1}, Message: fmt.Sprintf(format, args...)})
	}
	rank := [csvNumFields]int{}
	for f := range r.index {
		r.index[f] = -1
	}
	for i, h := range header {
		h = textClean(h)
		key := textFold(h)
		if key == "" {
			continue // a trailing separator, or a column nobody named
		}
		r.need = i + 1
		syn, ok := csvSynonyms[key]
		switch {
		case !ok:
			note("column %q is not known; it is ignored", textShort(h))
		case syn.field == csvIgnored:
		case r.index[syn.field] < 0:
			r.index[syn.field], rank[syn.field] = i, syn.rank
		case syn.rank < rank[syn.field]:
			note("column %q is ignored: column %q gives the same", textShort(header[r.index[syn.field]]), textShort(h))
			r.index[syn.field], rank[syn.field] = i, syn.rank
		default:
			note("column %q is ignored: column %q gives the same", textShort(h), textShort(header[r.index[syn.field]]))
		}
	}
	return notes
}

// checkRequired returns a *ReadError naming the missing columns.
func (r *csvReader) checkRequired() error {
	var missing, accepted []string
	for _, req := range csvRequired {
		ok := false
		var alts []string
		for _, alt := range req.any {
			all := true
			var names []string
			for _, f := range alt {
				all = all && r.index[f] >= 0
				names = append(names, csvNames[f][0])
			}
			ok = ok || all
			alts = append(alts, strings.Join(names, " + "))
		}
		if ok {
			continue
		}
		missing = append(missing, fmt.Sprintf("%s (give %s)", req.what, strings.Join(alts, " or ")))
		for _, alt := range req.any {
			for _, f := range alt {
				accepted = append(accepted, fmt.Sprintf("%s: %s", csvNames[f][0], strings.Join(csvNames[f], ", ")))
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(accepted)
	accepted = csvCompact(accepted)
	return &ReadError{Pos{File: r.file, Line: 1}, fmt.Errorf("the header lacks required columns: %s. Accepted names: %s",
		strings.Join(missing, "; "), strings.Join(accepted, "; "))}
}

func csvCompact(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
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

// csvRow is one row as read.
type csvRow struct{ textItem }

// csvValues are a row's fields by meaning.
type csvValues [csvNumFields]string

// parse reads one row.
func (r *csvReader) parse(rec []string, line int) csvRow {
	row := csvRow{textItem{line: line, entry: true}}
	if !csvNonBlank(rec) {
		row.blank = true
		return row
	}
	if len(rec) < r.need {
		row.err = fmt.Errorf("the row has %d fields, the header %d", len(rec), r.header)
		return row
	}
	if len(rec) > r.header && csvNonBlank(rec[r.header:]) {
		row.err = fmt.Errorf("the row has %d fields, the header %d", len(rec), r.header)
		return row
	}
	var v csvValues
	for f, i := range r.index {
		if i < 0 {
			continue
		}
		if textTooLong(rec[i]) {
			row.err, row.value = fmt.Errorf("%s is longer than %d characters", csvNames[f][0], MaxTextLength), rec[i]
			return row
		}
		v[f] = csvUnprotect(textClean(rec[i]))
	}
	if err := row.readCase(&v); err != nil {
		row.err = err
		return row
	}
	row.err = row.readEntry(&v, r.index[csvJournalposttype] >= 0, r.file)
	return row
}

func csvNonBlank(s []string) bool {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return true
		}
	}
	return false
}

// csvUnprotect drops the apostrophe a spreadsheet-safe export puts before
// a text that starts with = + or @.
func csvUnprotect(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+@", rune(s[1])) {
		return s[1:]
	}
	return s
}

// readCase reads the row's case and sets its aliases; an error leaves the
// row without a case.
func (row *csvRow) readCase(v *csvValues) error {
	var aar, seq, jpnr int
	if s := v[csvSaksnummer]; s != "" {
		n, err := textParseSaksnummer(s)
		if err != nil {
			return row.fail(s, "saksnummer: %v", err)
		}
		aar, seq, jpnr = n.Saksaar, n.Sakssekvensnummer, n.Journalpostnummer
	}
	if s := v[csvDokumentnummer]; strings.Contains(s, "/") {
		n, err := textParseSaksnummer(s)
		if err != nil {
			return row.fail(s, "dokumentnummer: %v", err)
		}
		if err := errors.Join(textSet(&aar, n.Saksaar, "saksår"), textSet(&seq, n.Sakssekvensnummer, "sakssekvensnummer"),
			textSet(&jpnr, n.Journalpostnummer, "journalpostnummer")); err != nil {
			return row.fail(s, "saksnummer and dokumentnummer: %v", err)
		}
	}
	if s := v[csvSaksaar]; s != "" {
		y, err := csvParseYear(s)
		if err == nil {
			err = textSet(&aar, y, "saksår")
		}
		if err != nil {
			return row.fail(s, "saksår: %v", err)
		}
	}
	if s := v[csvSakssekvensnummer]; s != "" {
		n, err := textParseInt(s)
		if err == nil {
			err = textSet(&seq, n, "sakssekvensnummer")
		}
		if err != nil {
			return row.fail(s, "sakssekvensnummer: %v", err)
		}
	}
	if aar == 0 || seq == 0 {
		return row.fail("", "the row gives no saksnummer")
	}
	row.jp.Journalpost.Journalpostnummer = jpnr
	systemID := v[csvSaksmappeSystemID]
	if systemID == "" {
		systemID = fmt.Sprintf("csv:sak:%d/%d", aar, seq)
	}
	row.aliases = []string{systemID}
	row.sak = journal.SaksmappeInput{Saksmappe: offl.Saksmappe{SystemID: systemID, Saksaar: aar, Sakssekvensnummer: seq,
		Tittel: v[csvSakstittel], Saksansvarlig: v[csvSaksansvarlig], Saksstatus: v[csvSaksstatus]}}
	if s := v[csvSaksdato]; s != "" {
		d, err := textParseDate(s)
		if err != nil {
			return row.fail(s, "saksdato: %v", err)
		}
		row.sak.Saksmappe.Saksdato = d
	}
	return nil
}

// csvParseYear reads a year of four digits, or two (textYear).
func csvParseYear(s string) (int, error) {
	n, err := textParseInt(s)
	switch {
	case err != nil:
		return 0, err
	case len(s) == 2:
		return textYear(n), nil
	case len(s) != 4:
		return 0, fmt.Errorf("%q is not a year", s)
	}
	return n, nil
}

// readEntry reads the row's journal entry; its case is read.
func (row *csvRow) readEntry(v *csvValues, typeColumn bool, file string) error {
	jp := &row.jp.Journalpost
	if err := row.readNumbers(v); err != nil {
		return err
	}
	dates := []struct {
		f   csvField
		dst *time.Time
	}{{csvJournaldato, &jp.Journaldato}, {csvDokumentdato, &jp.DokumentetsDato}, {csvMottattDato, &jp.MottattDato},
		{csvSendtDato, &jp.SendtDato}, {csvForfallsdato, &jp.Forfallsdato}}
	for _, d := range dates {
		if s := v[d.f]; s != "" {
			t, err := textParseDate(s)
			if err != nil {
				return row.fail(s, "%s: %v", csvNames[d.f][0], err)
			}
			*d.dst = t
		}
	}
	if jp.Journaldato.IsZero() {
		return row.fail("", "the row has no journaldato")
	}
	if jp.Journalaar == 0 {
		jp.Journalaar = jp.Journaldato.Year()
	}
	if err := row.readType(v, typeColumn); err != nil {
		return err
	}
	jp.Journalstatus = offl.Journalfoert
	if s := v[csvJournalstatus]; s != "" {
		c, ok := textJournalstatuser.parse(s)
		if !ok {
			return row.fail(s, "journalstatus %q is not J, F, G, E, A, U, M, S or R", s)
		}
		jp.Journalstatus = offl.Journalstatus(c)
	}
	jp.Tittel, jp.Saksbehandler, jp.Journalenhet = v[csvTittel], v[csvSaksbehandler], v[csvJournalenhet]
	jp.SystemID = v[csvSystemID]
	if jp.SystemID == "" {
		jp.SystemID = fmt.Sprintf("csv:%d/%d", jp.Journalaar, jp.Journalsekvensnummer)
	}
	row.readEnhet(v)
	if err := row.readParties(v); err != nil {
		return err
	}
	screens, note := textScreens(v[csvSkjermingMetadata], v[csvSkjermingDokument])
	sk, err := textSkjerming(v[csvTilgangskode], v[csvHjemmel], screens)
	if err != nil {
		return row.fail("", "%v", err)
	}
	if sk != nil && note != "" {
		row.notes = append(row.notes, Problem{Pos: Pos{File: file, Line: row.line}, Message: note})
	}
	jp.Skjerming = sk
	if err := textCheck(row.enheter, row.sak, &row.jp); err != nil {
		return row.fail("", "%v", err)
	}
	return nil
}

// readNumbers reads journalpostnummer, journalår and journalsekvensnummer.
func (row *csvRow) readNumbers(v *csvValues) error {
	jp := &row.jp.Journalpost
	if s := v[csvDokumentnummer]; s != "" && !strings.Contains(s, "/") {
		n, err := textParseInt(s)
		if err == nil {
			err = textSet(&jp.Journalpostnummer, n, "journalpostnummer")
		}
		if err != nil {
			return row.fail(s, "dokumentnummer: %v", err)
		}
	}
	if s := v[csvJournalpostnummer]; s != "" {
		n, err := textParseInt(s)
		if err == nil {
			err = textSet(&jp.Journalpostnummer, n, "journalpostnummer")
		}
		if err != nil {
			return row.fail(s, "journalpostnummer: %v", err)
		}
	}
	if jp.Journalpostnummer == 0 {
		return row.fail(v[csvSaksnummer], "the row gives no journalpostnummer (as a column, or as 2024/123-4)")
	}
	if s := v[csvJournalnummer]; s != "" {
		y, n, err := textParseJournalnummer(s)
		if err == nil {
			err = errors.Join(textSet(&jp.Journalaar, y, "journalår"), textSet(&jp.Journalsekvensnummer, n, "journalsekvensnummer"))
		}
		if err != nil {
			return row.fail(s, "journalnummer: %v", err)
		}
	}
	if s := v[csvJournalaar]; s != "" {
		y, err := csvParseYear(s)
		if err == nil {
			err = textSet(&jp.Journalaar, y, "journalår")
		}
		if err != nil {
			return row.fail(s, "journalår: %v", err)
		}
	}
	if s := v[csvJournalsekvensnummer]; s != "" {
		n, err := textParseInt(s)
		if err == nil {
			err = textSet(&jp.Journalsekvensnummer, n, "journalsekvensnummer")
		}
		if err != nil {
			return row.fail(s, "journalsekvensnummer: %v", err)
		}
	}
	if jp.Journalsekvensnummer == 0 {
		return row.fail("", "the row gives no journalsekvensnummer")
	}
	return nil
}

// readType reads the journalposttype, or without its column infers it.
func (row *csvRow) readType(v *csvValues, typeColumn bool) error {
	jp := &row.jp.Journalpost
	if typeColumn {
		s := v[csvJournalposttype]
		c, ok := textJournalposttyper.parse(s)
		if !ok {
			return row.fail(s, "journalposttype %q is not I, U, N, X or S", s)
		}
		jp.Journalposttype = offl.Journalposttype(c)
		return nil
	}
	from, to := v[csvAvsender] != "", v[csvMottaker] != ""
	t, _ := textParttyper.parse(v[csvParttype])
	switch {
	case from && !to, !from && !to && t == string(offl.Avsender):
		jp.Journalposttype = offl.Inngaaende
	case to && !from, !from && !to && t == string(offl.Mottaker):
		jp.Journalposttype = offl.Utgaaende
	default:
		return row.fail("", "there is no journalposttype column, and the row does not show whether the entry is incoming (only an avsender) or outgoing (only a mottaker)")
	}
	return nil
}

func (row *csvRow) readEnhet(v *csvValues) {
	first := func(fs ...csvField) string {
		for _, f := range fs {
			if v[f] != "" {
				return v[f]
			}
		}
		return ""
	}
	kode := first(csvEnhetskode, csvEnhet, csvEnhetsnavn)
	if kode == "" {
		return
	}
	navn := first(csvEnhetsnavn, csvEnhet, csvEnhetskode)
	row.enheter = []journal.EnhetInput{{Kode: kode, Navn: navn}}
	row.jp.EnhetKode = kode
	row.sak.EnhetKode = kode
}

// readParties reads the senders and recipients.
func (row *csvRow) readParties(v *csvValues) error {
	jp := &row.jp.Journalpost
	add := func(names string, t offl.Korrespondanseparttype) {
		for _, n := range strings.FieldsFunc(names, func(r rune) bool { return r == ';' || r == '\n' }) {
			if n = strings.TrimSpace(n); n != "" {
				jp.Korrespondansepart = append(jp.Korrespondansepart,
					offl.Korrespondansepart{Korrespondanseparttype: t, Navn: n, ErPerson: !t.Internal()})
			}
		}
	}
	typ := jp.Journalposttype
	if typ == offl.Inngaaende {
		add(v[csvAvsender], offl.Avsender)
	} else {
		add(v[csvAvsender], offl.InternAvsender)
	}
	if typ == offl.Utgaaende {
		add(v[csvMottaker], offl.Mottaker)
	} else {
		add(v[csvMottaker], offl.InternMottaker)
	}
	if v[csvPart] == "" {
		return nil
	}
	t := offl.InternMottaker
	switch {
	case v[csvParttype] != "":
		c, ok := textParttyper.parse(v[csvParttype])
		if !ok {
			return row.fail(v[csvParttype], "korrespondanseparttype %q is not EA, EM, EK, GM, IA, IM, IK or IS", v[csvParttype])
		}
		t = offl.Korrespondanseparttype(c)
	case typ == offl.Inngaaende:
		t = offl.Avsender
	case typ == offl.Utgaaende:
		t = offl.Mottaker
	}
	add(v[csvPart], t)
	return nil
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
