package bench

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strconv"
	"time"
	"unicode"

	"github.com/innsyn/innsyn/internal/demojournal"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// ArkivstrukturStats count what WriteArkivstruktur wrote.
type ArkivstrukturStats struct {
	Mapper       int
	Journalposts int
	// Skjerminger counts the records (cases and entries) written with a
	// skjerming.
	Skjerminger int
	Bytes       int64
	// PeakOpen is the most cases held at once (their first entry made, not
	// yet their last) and PeakBuffered the bytes of XML they held: what the
	// writer's memory is bounded by, besides a count of 12 bytes per case.
	PeakOpen     int
	PeakBuffered int64
}

// WriteArkivstruktur writes the benchmark journal of the given number of
// entries (the journal the search benchmark loads) as a Noark 5 (5.x)
// arkivstruktur.xml: arkiv › arkivdel › mappe xsi:type="saksmappe" ›
// registrering xsi:type="journalpost", with code words ("Inngående
// dokument", "Journalført", "Avsender"), korrespondanseparter, documents
// without files, and a skjerming wherever the demo record has one.
//
// The generator makes entries in date order, but the XML nests each case's
// entries in its mappe. So the journal is generated twice: once to count
// each case's entries, then again (it is deterministic) to write each case
// as soon as its last entry is made. Memory is bounded by the cases open at
// one time, as the generator's own is, not by the size of the journal.
func WriteArkivstruktur(w io.Writer, entries int) (ArkivstrukturStats, error) {
	return writeArkivstruktur(w, journalOptions(entries))
}

func writeArkivstruktur(w io.Writer, opts demojournal.Options) (ArkivstrukturStats, error) {
	counts, err := countCaseEntries(opts)
	if err != nil {
		return ArkivstrukturStats{}, err
	}
	cw := &countingWriter{w: w}
	a := &arkivWriter{out: bufio.NewWriterSize(cw, 1<<20), counts: counts, open: map[string]*openCase{},
		units: map[string]string{}}
	a.header(opts)
	if err := demojournal.Generate(opts, a.batch); err != nil {
		return a.stats, err
	}
	if err := a.finish(); err != nil {
		return a.stats, err
	}
	a.stats.Bytes = cw.n
	return a.stats, nil
}

// caseKey is the key of a case in the count table: a 64-bit hash of its
// SystemID. Two cases that share one only stay open until the end, which
// costs memory, never correctness.
func caseKey(systemID string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(systemID))
	return h.Sum64()
}

// countCaseEntries generates the journal and counts each case's entries.
func countCaseEntries(opts demojournal.Options) (map[uint64]int32, error) {
	counts := map[uint64]int32{}
	err := demojournal.Generate(opts, func(b journal.Batch, _ []demojournal.File) error {
		for _, e := range b.Journalposts {
			counts[caseKey(e.SaksmappeSystemID)]++
		}
		return nil
	})
	return counts, err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// openCase is a case whose mappe is being written: its XML so far, and
// the entries still to come.
type openCase struct {
	seq       int
	sm        journal.SaksmappeInput
	buf       *bytes.Buffer
	remaining int32
}

// arkivWriter writes the arkivstruktur from the generator's batches.
type arkivWriter struct {
	out      *bufio.Writer
	counts   map[uint64]int32
	open     map[string]*openCase
	units    map[string]string // kode → navn
	seq      int
	buffered int64
	free     []*bytes.Buffer
	scratch  []byte
	stats    ArkivstrukturStats
}

func (a *arkivWriter) header(opts demojournal.Options) {
	start := opts.Start
	end := start.AddDate(opts.Years, 0, -1)
	x := xw{a.out, &a.scratch}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<arkiv xmlns="http://www.arkivverket.no/standarder/noark5/arkivstruktur" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` + "\n")
	x.field(1, "systemID", "6a1c3e52-6f1b-4c59-9a6e-2b1f0c0d0001")
	x.field(1, "tittel", "Arkiv for "+demojournal.Municipality)
	x.field(1, "arkivstatus", "Avsluttet")
	x.field(1, "dokumentmedium", "Elektronisk arkiv")
	x.field(1, "opprettetDato", start.Format(time.RFC3339))
	x.field(1, "opprettetAv", "innsyn bench")
	x.open(1, "arkivskaper")
	x.field(2, "arkivskaperID", "NORDRANA")
	x.field(2, "arkivskaperNavn", demojournal.Municipality)
	x.close(1, "arkivskaper")
	x.open(1, "arkivdel")
	x.field(2, "systemID", "6a1c3e52-6f1b-4c59-9a6e-2b1f0c0d0002")
	x.field(2, "tittel", fmt.Sprintf("Sakarkiv %d–%d", start.Year(), end.Year()))
	x.field(2, "arkivdelstatus", "Avsluttet periode")
	x.field(2, "dokumentmedium", "Elektronisk arkiv")
	x.field(2, "opprettetDato", start.Format(time.RFC3339))
	x.field(2, "opprettetAv", "innsyn bench")
	x.date(2, "arkivperiodeStartDato", start)
	x.date(2, "arkivperiodeSluttDato", end)
}

// batch takes one batch of the generator: it opens the new cases, adds
// each entry to its case, and writes out the cases it completes.
func (a *arkivWriter) batch(b journal.Batch, _ []demojournal.File) error {
	for _, u := range b.Enheter {
		a.units[u.Kode] = u.Navn
	}
	for _, c := range b.Saksmapper {
		a.openCase(c)
	}
	for _, e := range b.Journalposts {
		c, ok := a.open[e.SaksmappeSystemID]
		if !ok {
			return fmt.Errorf("arkivstruktur: entry %s before its case %s", e.Journalpost.SystemID, e.SaksmappeSystemID)
		}
		before := c.buf.Len()
		a.registrering(c, e)
		a.buffered += int64(c.buf.Len() - before)
		a.stats.PeakBuffered = max(a.stats.PeakBuffered, a.buffered)
		a.stats.Journalposts++
		if c.remaining--; c.remaining == 0 {
			if err := a.closeCase(c); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *arkivWriter) openCase(c journal.SaksmappeInput) {
	buf := &bytes.Buffer{}
	if n := len(a.free); n > 0 {
		buf, a.free = a.free[n-1], a.free[:n-1]
	}
	a.seq++
	oc := &openCase{seq: a.seq, sm: c, buf: buf, remaining: a.counts[caseKey(c.Saksmappe.SystemID)]}
	a.open[c.Saksmappe.SystemID] = oc
	a.stats.PeakOpen = max(a.stats.PeakOpen, len(a.open))
	a.mappeStart(oc)
	a.buffered += int64(buf.Len())
}

// closeCase ends the case's mappe and writes it out.
func (a *arkivWriter) closeCase(c *openCase) error {
	a.buffered -= int64(c.buf.Len())
	a.mappeEnd(c)
	delete(a.open, c.sm.Saksmappe.SystemID)
	a.stats.Mapper++
	_, err := a.out.Write(c.buf.Bytes())
	c.buf.Reset()
	if c.buf.Cap() <= 64<<10 {
		a.free = append(a.free, c.buf)
	}
	return err
}

// finish writes the cases still open (only when the count table merged two
// cases), in the order they were opened, and ends the document.
func (a *arkivWriter) finish() error {
	rest := make([]*openCase, 0, len(a.open))
	for _, c := range a.open {
		rest = append(rest, c)
	}
	slices.SortFunc(rest, func(x, y *openCase) int { return x.seq - y.seq })
	for _, c := range rest {
		if err := a.closeCase(c); err != nil {
			return err
		}
	}
	x := xw{a.out, &a.scratch}
	x.close(1, "arkivdel")
	x.raw("</arkiv>\n")
	return a.out.Flush()
}

// mappeStart writes the fields of the mappe that come before its
// registreringer (Noark 5: the saksmappe's own fields come after them).
func (a *arkivWriter) mappeStart(c *openCase) {
	sm := c.sm.Saksmappe
	x := xw{c.buf, &a.scratch}
	x.raw("    <mappe xsi:type=\"saksmappe\">\n")
	x.field(3, "systemID", sm.SystemID)
	x.field(3, "mappeID", sm.Saksnummer())
	x.field(3, "tittel", sm.Tittel)
	var ts offl.TitleScreen
	if sm.Skjerming != nil {
		ts = sm.Skjerming.Screens.Title
	}
	x.field(3, "offentligTittel", maskTitle(sm.Tittel, ts))
	x.field(3, "dokumentmedium", "Elektronisk arkiv")
	x.field(3, "opprettetDato", sm.Saksdato.Format(time.RFC3339))
	x.field(3, "opprettetAv", sm.Saksansvarlig)
	if sk := sm.Skjerming; sk != nil {
		a.stats.Skjerminger++
		var codes []string
		if maskTitle(sm.Tittel, sk.Screens.Title) != sm.Tittel {
			codes = append(codes, "Skjerming tittel mappe - utvalgte ord")
		}
		a.skjerming(x, 3, sk, codes, "")
	}
}

func (a *arkivWriter) mappeEnd(c *openCase) {
	sm := c.sm.Saksmappe
	x := xw{c.buf, &a.scratch}
	x.int(3, "saksaar", sm.Saksaar)
	x.int(3, "sakssekvensnummer", sm.Sakssekvensnummer)
	x.date(3, "saksdato", sm.Saksdato)
	x.field(3, "administrativEnhet", a.unitName(c.sm.EnhetKode))
	x.field(3, "saksansvarlig", sm.Saksansvarlig)
	x.field(3, "saksstatus", codeWord(saksstatusWords, sm.Saksstatus))
	x.close(2, "mappe")
}

func (a *arkivWriter) unitName(kode string) string {
	if n, ok := a.units[kode]; ok {
		return n
	}
	return kode
}

// registrering writes one entry into its case's mappe.
func (a *arkivWriter) registrering(c *openCase, e journal.JournalpostInput) {
	jp := e.Journalpost
	x := xw{c.buf, &a.scratch}
	x.raw("      <registrering xsi:type=\"journalpost\">\n")
	x.field(4, "systemID", jp.SystemID)
	x.field(4, "opprettetDato", jp.Journaldato.Format(time.RFC3339))
	x.field(4, "opprettetAv", jp.Saksbehandler)
	docScreens := a.entrySkjerming(x, jp)
	for _, d := range jp.Dokumentbeskrivelse {
		x.open(4, "dokumentbeskrivelse")
		x.field(5, "systemID", d.SystemID)
		x.field(5, "dokumenttype", d.Dokumenttype)
		x.field(5, "dokumentstatus", "Dokumentet er ferdigstilt")
		x.field(5, "tittel", d.Tittel)
		x.field(5, "opprettetDato", jp.DokumentetsDato.Format(time.RFC3339))
		x.field(5, "opprettetAv", jp.Saksbehandler)
		x.field(5, "tilknyttetRegistreringSom", codeWord(tilknytningWords, string(d.TilknyttetRegistreringSom)))
		x.int(5, "dokumentnummer", d.Dokumentnummer)
		if slices.Contains(docScreens, d.SystemID) {
			// Without skjermingMetadata: the document, and its title.
			a.skjerming(x, 5, jp.Skjerming, nil, skjermingDokument(jp.Skjerming))
		}
		x.close(4, "dokumentbeskrivelse")
	}
	x.field(4, "registreringsID", fmt.Sprintf("%s-%d", jp.Saksnummer(), jp.Journalpostnummer))
	x.field(4, "tittel", jp.Tittel)
	var ts offl.TitleScreen
	if jp.Skjerming != nil {
		ts = jp.Skjerming.Screens.Title
	}
	x.field(4, "offentligTittel", maskTitle(jp.Tittel, ts))
	for _, k := range jp.Korrespondansepart {
		a.korrespondansepart(x, k)
	}
	x.int(4, "journalaar", jp.Journalaar)
	x.int(4, "journalsekvensnummer", jp.Journalsekvensnummer)
	x.int(4, "journalpostnummer", jp.Journalpostnummer)
	x.field(4, "journalposttype", codeWord(journalposttypeWords, string(jp.Journalposttype)))
	x.field(4, "journalstatus", codeWord(journalstatusWords, string(jp.Journalstatus)))
	x.date(4, "journaldato", jp.Journaldato)
	x.date(4, "dokumentetsDato", jp.DokumentetsDato)
	x.date(4, "mottattDato", jp.MottattDato)
	x.date(4, "sendtDato", jp.SendtDato)
	x.date(4, "forfallsdato", jp.Forfallsdato)
	x.date(4, "offentlighetsvurdertDato", jp.OffentlighetsvurdertDato)
	x.int(4, "antallVedlegg", max(len(jp.Dokumentbeskrivelse)-1, 0))
	x.field(4, "journalenhet", jp.Journalenhet)
	x.close(3, "registrering")
}

// entrySkjerming writes the entry's skjerming and returns the documents
// that need one of their own: the screened documents when they are not all
// of the entry's.
func (a *arkivWriter) entrySkjerming(x xw, jp offl.Journalpost) []string {
	sk := jp.Skjerming
	if sk == nil {
		return nil
	}
	a.stats.Skjerminger++
	var codes []string
	if maskTitle(jp.Tittel, sk.Screens.Title) != jp.Tittel {
		codes = append(codes, "Skjerming tittel registrering - utvalgte ord")
	}
	if sk.Screens.Names || sk.Screens.AllMetadata {
		codes = append(codes, nameCodes(jp.Korrespondansepart)...)
	}
	docs := sk.Screens.Documents
	dokument, perDocument := "", []string(nil)
	switch {
	case docs.All || (len(docs.IDs) > 0 && len(docs.IDs) == len(jp.Dokumentbeskrivelse)):
		dokument = skjermingDokument(sk)
	case len(docs.IDs) > 0:
		perDocument = docs.IDs
	}
	if len(codes) == 0 {
		// Noark 5 requires skjermingMetadata; without one a reader must
		// screen every field. Only documents are screened here, so name a
		// field the entry does not have.
		codes = append(codes, "Skjerming merknadstekst")
	}
	a.skjerming(x, 4, sk, codes, dokument)
	return perDocument
}

func (a *arkivWriter) skjerming(x xw, depth int, sk *offl.Skjerming, codes []string, dokument string) {
	x.open(depth, "skjerming")
	x.field(depth+1, "tilgangsrestriksjon", sk.Tilgangsrestriksjon)
	x.field(depth+1, "skjermingshjemmel", sk.Skjermingshjemmel)
	for _, c := range codes {
		x.field(depth+1, "skjermingMetadata", c)
	}
	x.field(depth+1, "skjermingDokument", dokument)
	if sk.Varighet > 0 {
		x.int(depth+1, "skjermingsvarighet", sk.Varighet)
	}
	x.date(depth+1, "skjermingOpphoererDato", sk.OpphoererDato)
	x.close(depth, "skjerming")
}

func skjermingDokument(sk *offl.Skjerming) string {
	if sk.Screens.Documents.PartsOnly {
		return "Skjerming av deler av dokumentet"
	}
	return "Skjerming av hele dokumentet"
}

// nameCodes are the M502 codes that screen the names of the entry's
// external senders and recipients.
func nameCodes(ks []offl.Korrespondansepart) []string {
	var sender, recipient bool
	for _, k := range ks {
		switch k.Korrespondanseparttype {
		case offl.Avsender:
			sender = true
		case offl.Mottaker, offl.Kopimottaker, offl.Gruppemottaker:
			recipient = true
		}
	}
	var out []string
	if sender || !recipient {
		out = append(out, "Skjerming navn avsender")
	}
	if recipient {
		out = append(out, "Skjerming navn mottaker")
	}
	return out
}

func (a *arkivWriter) korrespondansepart(x xw, k offl.Korrespondansepart) {
	if k.ErPerson {
		x.raw("        <korrespondansepart xsi:type=\"korrespondansepartPerson\">\n")
	} else {
		x.open(4, "korrespondansepart")
	}
	x.field(5, "korrespondanseparttype", codeWord(korrespondanseparttypeWords, string(k.Korrespondanseparttype)))
	x.field(5, "korrespondansepartNavn", k.Navn)
	x.field(5, "organisasjonsnummer", k.Organisasjonsnummer)
	x.field(5, "postadresse", k.Postadresse)
	x.field(5, "postnummer", k.Postnummer)
	x.field(5, "poststed", k.Poststed)
	x.field(5, "epostadresse", k.Epostadresse)
	x.field(5, "administrativEnhet", k.AdministrativEnhet)
	x.field(5, "saksbehandler", k.Saksbehandler)
	x.close(4, "korrespondansepart")
}

// The code words of the Noark 5 metadata catalogue for the letter codes
// the journal keeps.
var (
	journalposttypeWords = map[string]string{
		"I": "Inngående dokument", "U": "Utgående dokument", "N": "Organinternt dokument for oppfølging",
		"X": "Organinternt dokument uten oppfølging", "S": "Saksframlegg",
	}
	journalstatusWords = map[string]string{
		"J": "Journalført", "F": "Ferdigstilt fra saksbehandler", "G": "Godkjent av leder", "E": "Ekspedert",
		"A": "Arkivert", "U": "Utgår", "M": "Midlertidig registrering av innkommet dokument",
		"S": "Registrert av saksbehandler", "R": "Reservert dokument",
	}
	korrespondanseparttypeWords = map[string]string{
		"EA": "Avsender", "EM": "Mottaker", "EK": "Kopimottaker", "GM": "Gruppemottaker", "IA": "Intern avsender",
		"IM": "Intern mottaker", "IK": "Intern kopimottaker", "IS": "Medavsender",
	}
	tilknytningWords = map[string]string{"H": "Hoveddokument", "V": "Vedlegg"}
	saksstatusWords  = map[string]string{"B": "Under behandling", "A": "Avsluttet"}
)

// codeWord is the catalogue's code word for code, or code itself.
func codeWord(words map[string]string, code string) string {
	if w, ok := words[code]; ok {
		return w
	}
	return code
}

// maskTitle is the title with the words the screen withholds replaced by
// *****, as a Noark 5 offentligTittel shows them; a reader finds the
// screened words again by comparing it with the tittel.
func maskTitle(title string, ts offl.TitleScreen) string {
	screened := offl.ScreenedWords(title, ts, false)
	if len(screened) == 0 {
		return title
	}
	var b []byte
	last, k := 0, 0
	for _, w := range offlWordSpans(title) {
		if k < len(screened) && title[w[0]:w[1]] == screened[k] {
			b = append(append(b, title[last:w[0]]...), offl.Mask...)
			last = w[1]
			k++
		}
	}
	return string(append(b, title[last:]...))
}

// offlWordSpans are the byte spans of the words of text as offl counts them:
// runs of letters and digits, joined by - . / ' : between two of them.
func offlWordSpans(text string) [][2]int {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	joiner := func(r rune) bool {
		switch r {
		case '-', '.', '/', '\'', ':', '\u2010', '\u2011':
			return true
		}
		return false
	}
	var spans [][2]int
	rs := []rune(text)
	offs := make([]int, len(rs)+1)
	for i, o := 0, 0; i < len(rs); i++ {
		offs[i] = o
		o += len(string(rs[i]))
		offs[i+1] = o
	}
	for i := 0; i < len(rs); {
		if !isWord(rs[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && (isWord(rs[j]) || joiner(rs[j]) && j+1 < len(rs) && isWord(rs[j+1])) {
			if isWord(rs[j]) {
				j++
			} else {
				j += 2
			}
		}
		spans = append(spans, [2]int{offs[i], offs[j]})
		i = j
	}
	return spans
}

// xw writes indented XML elements to w, escaping text with encoding/xml.
type xw struct {
	w interface {
		io.Writer
		io.StringWriter
	}
	scratch *[]byte
}

const indent = "                                " // 2 spaces a level, up to 16

func (x xw) raw(s string) { x.w.WriteString(s) }

func (x xw) open(depth int, name string) {
	x.tag(depth, "<", name, ">\n")
}

func (x xw) close(depth int, name string) {
	x.tag(depth, "</", name, ">\n")
}

func (x xw) tag(depth int, start, name, end string) {
	x.w.WriteString(indent[:2*depth])
	x.w.WriteString(start)
	x.w.WriteString(name)
	x.w.WriteString(end)
}

// field writes <name>value</name>; nothing for an empty value.
func (x xw) field(depth int, name, value string) {
	if value == "" {
		return
	}
	x.tag(depth, "<", name, ">")
	*x.scratch = append((*x.scratch)[:0], value...)
	xml.EscapeText(x.w, *x.scratch)
	x.tag(0, "</", name, ">\n")
}

func (x xw) int(depth int, name string, n int) { x.field(depth, name, strconv.Itoa(n)) }

// date writes an xs:date; nothing for the zero time.
func (x xw) date(depth int, name string, t time.Time) {
	if !t.IsZero() {
		x.field(depth, name, t.Format(time.DateOnly))
	}
}
