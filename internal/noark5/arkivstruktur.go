package noark5

import (
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// NewArkivstruktur reads arkivstruktur.xml of a Noark 5 arkivuttrekk
// (versions 3.1 to 5.5) from r; file names it in every Pos. It streams:
// arkiv › arkivdel › (klassifikasjonssystem › klasse…)? › mappe ›
// registrering, one saksmappe at a time. Elements are matched on their
// local names, whatever their namespace prefix.
//
// Each saksmappe (xsi:type="saksmappe", or a mappe with saksaar and
// sakssekvensnummer, or one whose mappeID reads "2012/123") is one Mappe;
// an undermappe is a Mappe of its own, given before the mappe it sits in.
// Møtemapper, møteregistreringer, registreringer without journal numbers
// and case parties are left out with a Problem saying so. Every Mappe that
// is not Broken passes journal.Batch.Validate once the importer has stored
// its Files (see Mappe).
func NewArkivstruktur(r io.Reader, file string) Reader {
	return newXMLEngine(r, file, arkivstrukturGrammar{})
}

// arkivstrukturGrammar reads arkivstruktur.xml.
type arkivstrukturGrammar struct{}

func (arkivstrukturGrammar) root(e *xmlEngine, f *xmlFrame, el xml.StartElement) error {
	if f.name != "arkiv" {
		return fmt.Errorf("the root element is <%s>, not <arkiv>: not an arkivstruktur.xml", f.name)
	}
	f.kind = xkArkiv
	return nil
}

var (
	xmlMappeFields = xmlSet("systemID", "mappeID", "tittel", "offentligTittel", "saksaar", "sakssekvensnummer",
		"saksdato", "administrativEnhet", "saksansvarlig", "saksstatus")
	xmlRegFields = xmlSet("systemID", "tittel", "offentligTittel", "journalaar", "journalsekvensnummer",
		"journalpostnummer", "journalposttype", "journalstatus", "journaldato", "dokumentetsDato", "mottattDato",
		"sendtDato", "forfallsdato", "offentlighetsvurdertDato", "opprettetDato", "saksbehandler", "journalenhet",
		"administrativEnhet")
	xmlDokFields = xmlSet("systemID", "dokumentnummer", "tilknyttetRegistreringSom", "dokumenttype", "tittel")
	xmlObjFields = xmlSet("versjonsnummer", "variantformat", "format", "referanseDokumentfil", "sjekksum",
		"sjekksumAlgoritme")
	xmlKorrFields = xmlSet("korrespondanseparttype", "korrespondansepartNavn", "navn", "personNavn", "postadresse",
		"postnummer", "poststed", "epostadresse", "organisasjonsnummer", "administrativEnhet", "saksbehandler",
		"foedselsnummer", "dNummer", "personidentifikator")
	xmlPartFields = xmlSet("partNavn", "partRolle", "sakspartNavn", "sakspartRolle", "postadresse", "postnummer",
		"poststed", "epostadresse")
	xmlSkjFields = xmlSet("tilgangsrestriksjon", "skjermingshjemmel", "skjermingMetadata", "skjermingDokument",
		"skjermingsvarighet", "skjermingOpphoererDato")
)

func xmlSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func (arkivstrukturGrammar) child(e *xmlEngine, parent, f *xmlFrame, el xml.StartElement) {
	switch parent.kind {
	case xkArkiv:
		switch f.name {
		case "arkiv":
			f.kind = xkArkiv
		case "arkivdel":
			f.kind = xkArkivdel
		}
	case xkArkivdel, xkKlasse:
		switch f.name {
		case "klassifikasjonssystem", "klasse":
			f.kind = xkKlasse
		case "mappe":
			e.startMappe(f, el)
		case "registrering":
			e.problem("", "a registrering outside any mappe is not imported", true)
		}
	case xkMappe:
		m := parent.obj.(*xmlMappeB)
		switch {
		case f.name == "mappe":
			e.startMappe(f, el)
		case f.name == "registrering":
			e.startReg(m, f, el)
		case f.name == "skjerming":
			f.kind, f.obj = xkSkj, &xmlSkjB{pos: e.here()}
		case f.name == "part" || f.name == "sakspart":
			if !m.partiesNoted {
				m.partiesNoted = true
				e.problem("", "case parties (part/sakspart) are not imported", true)
			}
		case f.name == "dokumentbeskrivelse":
			e.problem("", "a dokumentbeskrivelse directly under a mappe is not imported", true)
		case xmlMappeFields[f.name]:
			f.kind = xkField
		}
	case xkReg:
		switch {
		case f.name == "dokumentbeskrivelse":
			f.kind, f.obj = xkDok, &xmlDokB{pos: e.here()}
		case f.name == "korrespondansepart":
			f.kind, f.obj = xkKorr, &xmlKorrB{pos: e.here(), person: strings.Contains(xmlXSIType(el), "person")}
		case f.name == "part":
			f.kind, f.obj = xkPart, &xmlPartB{pos: e.here()}
		case f.name == "skjerming":
			f.kind, f.obj = xkSkj, &xmlSkjB{pos: e.here()}
		case f.name == "dokumentobjekt":
			e.problem("", "a dokumentobjekt directly under a registrering (Noark 5 before 5.0) is not imported", true)
		case xmlRegFields[f.name]:
			f.kind = xkField
		}
	case xkDok:
		switch {
		case f.name == "dokumentobjekt":
			f.kind, f.obj = xkObj, &xmlObjB{pos: e.here()}
		case f.name == "skjerming":
			f.kind, f.obj = xkSkj, &xmlSkjB{pos: e.here()}
		case xmlDokFields[f.name]:
			f.kind = xkField
		}
	default:
		xmlLeafChild(parent, f)
	}
}

// xmlLeafChild sets the kind of a child of a korrespondansepart, part,
// skjerming or dokumentobjekt: the fields they hold.
func xmlLeafChild(parent, f *xmlFrame) {
	var fields map[string]bool
	switch parent.kind {
	case xkObj:
		fields = xmlObjFields
	case xkKorr:
		fields = xmlKorrFields
	case xkPart:
		fields = xmlPartFields
	case xkSkj:
		fields = xmlSkjFields
	}
	if fields[f.name] {
		f.kind = xkField
	}
}

func (e *xmlEngine) startMappe(f *xmlFrame, el xml.StartElement) {
	t := xmlXSIType(el)
	if t == "moetemappe" {
		e.problem("", "a møtemappe is not imported", true)
		return
	}
	f.kind, f.obj = xkMappe, &xmlMappeB{pos: e.here(), xsiType: t}
}

func (e *xmlEngine) startReg(m *xmlMappeB, f *xmlFrame, el xml.StartElement) {
	m.regs++
	if m.regs > MaxRegistrations {
		m.tooMany = true // finish says so: the list of problems may be full
		return
	}
	t := xmlXSIType(el)
	if t == "moeteregistrering" {
		e.problem("", "a møteregistrering is not imported", true)
		return
	}
	f.kind, f.obj = xkReg, &xmlRegB{pos: e.here(), xsiType: t}
}

func (arkivstrukturGrammar) end(e *xmlEngine, f, parent *xmlFrame) {
	switch f.kind {
	case xkField:
		v, ok := e.value(f)
		if !ok || parent == nil {
			return
		}
		switch b := parent.obj.(type) {
		case *xmlMappeB:
			b.set(e, f.name, v)
		case *xmlRegB:
			b.set(e, f.name, v)
		case *xmlDokB:
			b.set(e, f.name, v)
		case *xmlObjB:
			b.set(f.name, v)
		case *xmlKorrB:
			b.set(f.name, v)
		case *xmlPartB:
			b.set(f.name, v)
		case *xmlSkjB:
			b.set(e, f.name, v)
		}
	case xkSkj:
		xmlAttachSkjerming(e, f.obj.(*xmlSkjB), parent)
	case xkKorr:
		if r, ok := parent.obj.(*xmlRegB); ok {
			r.addKorr(e, f.obj.(*xmlKorrB))
		}
	case xkPart:
		parent.obj.(*xmlRegB).addPart(e, f.obj.(*xmlPartB))
	case xkObj:
		parent.obj.(*xmlDokB).addObj(e, f.obj.(*xmlObjB))
	case xkDok:
		parent.obj.(*xmlRegB).addDok(e, f.obj.(*xmlDokB))
	case xkReg:
		r := f.obj.(*xmlRegB)
		m := parent.obj.(*xmlMappeB)
		if en, ok := r.entry(e, false); ok {
			m.entries = append(m.entries, en)
		}
		m.addAll(&r.xmlProblems)
	case xkMappe:
		e.emit(f.obj.(*xmlMappeB).finish(e))
	}
}

func (arkivstrukturGrammar) finish(*xmlEngine) {}

// xmlAttachSkjerming gives a skjerming to the record it sits on.
func xmlAttachSkjerming(e *xmlEngine, s *xmlSkjB, parent *xmlFrame) {
	var slot **xmlSkjB
	switch b := parent.obj.(type) {
	case *xmlMappeB:
		slot = &b.skj
	case *xmlRegB:
		slot = &b.skj
	case *xmlDokB:
		slot = &b.skj
	default:
		return
	}
	if *slot != nil {
		e.problemAt(s.pos, "", "a second skjerming on the same record is not read; the first one applies", false)
		return
	}
	*slot = s
}

// xmlFilledForValidation returns copies of the entries with what the
// importer fills in before loading (a storage key, and the computed
// checksum where the export declared none), so that the rest can be
// checked with journal.Batch.Validate before any file is stored.
func xmlFilledForValidation(jps []journal.JournalpostInput) []journal.JournalpostInput {
	out := make([]journal.JournalpostInput, len(jps))
	for i, j := range jps {
		docs := make([]offl.Dokumentbeskrivelse, len(j.Journalpost.Dokumentbeskrivelse))
		for k, d := range j.Journalpost.Dokumentbeskrivelse {
			objs := make([]offl.Dokumentobjekt, len(d.Dokumentobjekt))
			for n, o := range d.Dokumentobjekt {
				if o.StorageKey == "" {
					o.StorageKey = "pending"
				}
				if o.Sjekksum == "" {
					o.Sjekksum = strings.Repeat("0", 64)
				}
				objs[n] = o
			}
			d.Dokumentobjekt = objs
			docs[k] = d
		}
		j.Journalpost.Dokumentbeskrivelse = docs
		out[i] = j
	}
	return out
}

// The builders below hold what has been read of one record until its end
// tag, where it is checked and turned into the journal's types.

// xmlEntry is a journal entry read from a registrering; the case numbers
// and keys are filled in when its mappe ends.
type xmlEntry struct {
	jp    offl.Journalpost
	enhet string
	files []File
	pos   Pos
}

// Limits of the journal's tables that journal.Batch.Validate does not
// check; a value past them would fail the whole load.
const (
	xmlMaxEnhetKode    = 50  // enhet.kode
	xmlMaxTilgangskode = 20  // skjerming.tilgangsrestriksjon
	xmlMaxHjemmel      = 500 // skjerming.skjermingshjemmel
	xmlMaxFilnavn      = 255 // dokumentobjekt.filnavn
)

// xmlNumber reads a whole number; "" is missing (0). ok is false for one
// that is not a number, which the caller reports; it reads as missing.
func xmlNumber(v string) (int, bool) {
	if v == "" {
		return 0, true
	}
	n, err := codeInt(v)
	if err != nil {
		return 0, false
	}
	return n, true
}

// date reads an optional date; one that is not a date is a Problem and
// reads as missing.
func (e *xmlEngine) date(v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	d, err := codeDate(v)
	if err != nil {
		e.problem(v, "not a date; read as missing", false)
	}
	return d
}

// xmlMappeB is a mappe being read (or, for offentligJournal.xml, a case
// gathered from consecutive entries).
type xmlMappeB struct {
	xmlProblems
	pos                                        Pos
	xsiType                                    string
	systemID, mappeID, tittel, offentligTittel string
	saksaar, seq                               int
	saksdato                                   time.Time
	enhet, saksansvarlig, saksstatus           string
	skj                                        *xmlSkjB
	entries                                    []xmlEntry
	regs                                       int
	tooMany, partiesNoted                      bool
	// public: the texts are the public versions (offentligJournal.xml).
	public bool
}

func (m *xmlMappeB) sink() *xmlProblems { return &m.xmlProblems }

func (m *xmlMappeB) set(e *xmlEngine, name, v string) {
	switch name {
	case "systemID":
		m.systemID = v
	case "mappeID":
		m.mappeID = v
	case "tittel":
		m.tittel = v
	case "offentligTittel":
		m.offentligTittel = v
	case "saksaar", "sakssekvensnummer":
		n, ok := xmlNumber(v)
		if !ok {
			e.problem(v, name+" is not a whole number", false)
		}
		if name == "saksaar" {
			m.saksaar = n
		} else {
			m.seq = n
		}
	case "saksdato":
		m.saksdato = e.date(v)
	case "administrativEnhet":
		m.enhet = v
	case "saksansvarlig":
		m.saksansvarlig = v
	case "saksstatus":
		m.saksstatus = v
	}
}

// finish checks the mappe and returns it with its entries. The mappe is
// broken when the case itself cannot be loaded; an entry that cannot be is
// left out with a Problem.
func (m *xmlMappeB) finish(e *xmlEngine) Mappe {
	out := Mappe{Pos: m.pos}
	broken := false
	// The case's own problems are listed even when the list is full.
	note := func(value, msg string, skipped bool) {
		m.list = append(m.list, Problem{Pos: m.pos, Value: codeShort(value), Message: msg, Skipped: skipped})
	}
	aar, seq := m.saksaar, m.seq
	if aar == 0 || seq == 0 {
		if a, s, ok := codeCaseNumbers(m.mappeID); ok {
			aar, seq = a, s
			note(m.mappeID, "saksaar and sakssekvensnummer are missing; they are read from the mappeID", false)
		}
	}
	if m.tooMany {
		broken = true
		note("", fmt.Sprintf("a mappe with more than %d registreringer is not imported", MaxRegistrations), false)
	}
	if aar == 0 || seq == 0 {
		broken = true
		if m.xsiType == "saksmappe" {
			note(m.mappeID, "the saksmappe has no saksaar and sakssekvensnummer, nor a mappeID of the form 2012/123: it is not imported", false)
		} else {
			note(m.mappeID, "the mappe is not a case: it has no saksaar and sakssekvensnummer, nor a mappeID of the form 2012/123; it is not imported", false)
		}
	}
	systemID := m.systemID
	if systemID == "" && !broken {
		systemID = codeDerivedCaseID(aar, seq)
		if !m.public {
			note("", fmt.Sprintf("the mappe has no systemID; it is given the systemID %q", systemID), false)
		}
	}
	enheter := xmlEnheter{}
	sm := offl.Saksmappe{SystemID: systemID, Saksaar: aar, Sakssekvensnummer: seq, Saksdato: m.saksdato,
		Tittel: m.tittel, Saksansvarlig: m.saksansvarlig, Saksstatus: m.saksstatus}
	sm.Skjerming = e.buildSkjerming(m.skj, xmlTarget{tittel: m.tittel, offentligTittel: m.offentligTittel, public: m.public},
		&m.xmlProblems, m.pos)
	out.Saksmappe = journal.SaksmappeInput{Saksmappe: sm, EnhetKode: enheter.add(m.enhet, m.pos, &m.xmlProblems)}
	if !broken {
		b := journal.Batch{Enheter: enheter.list, Saksmapper: []journal.SaksmappeInput{out.Saksmappe}}
		if err := b.ValidateRecords(); err != nil {
			broken = true
			note("", "the case cannot be imported: "+err.Error(), false)
		}
	}
	seen := xmlSeen{jp: map[string]bool{}, nr: map[[2]int]bool{}, pnr: map[int]bool{}, dok: map[string]bool{}}
	for _, en := range m.entries {
		en.jp.Saksaar, en.jp.Sakssekvensnummer = aar, seq
		enhet := out.Saksmappe.EnhetKode
		if en.enhet != "" {
			enhet = enheter.add(en.enhet, en.pos, &m.xmlProblems)
		}
		in := journal.JournalpostInput{Journalpost: en.jp, SaksmappeSystemID: systemID, EnhetKode: enhet}
		if !broken {
			var ok bool
			if in, en.files, ok = seen.check(in, en, &m.xmlProblems); !ok {
				continue
			}
		}
		out.Journalposts = append(out.Journalposts, in)
		out.Files = append(out.Files, en.files...)
	}
	out.Enheter = enheter.list
	if !broken {
		b := journal.Batch{Enheter: out.Enheter, Saksmapper: []journal.SaksmappeInput{out.Saksmappe},
			Journalposts: xmlFilledForValidation(out.Journalposts)}
		if err := b.ValidateRecords(); err != nil {
			broken = true
			note("", "the mappe cannot be imported: "+err.Error(), false)
		}
	}
	if m.dropped > 0 {
		m.list = append(m.list, Problem{Pos: m.pos, Message: fmt.Sprintf("%d more problems in this mappe are not listed", m.dropped)})
	}
	out.Problems = m.list
	out.Broken = broken
	return out
}

// xmlEnheter gathers the units a mappe names; administrativEnhet is free
// text, so its name is also its kode.
type xmlEnheter struct {
	list []journal.EnhetInput
}

func (u *xmlEnheter) add(name string, pos Pos, ps *xmlProblems) string {
	if name == "" {
		return ""
	}
	if utf8.RuneCountInString(name) > xmlMaxEnhetKode {
		ps.add(Problem{Pos: pos, Value: codeShort(name), Message: fmt.Sprintf("the administrativEnhet is longer than %d characters, too long for a unit; the record is imported without its unit", xmlMaxEnhetKode)})
		return ""
	}
	for _, x := range u.list {
		if x.Kode == name {
			return name
		}
	}
	u.list = append(u.list, journal.EnhetInput{Kode: name, Navn: name})
	return name
}

// xmlSeen holds the keys the entries of one mappe have used, which the
// journal keeps unique.
type xmlSeen struct {
	jp  map[string]bool
	nr  map[[2]int]bool
	pnr map[int]bool
	dok map[string]bool
}

// check leaves out an entry whose keys another entry of the mappe has
// taken, and documents whose systemID another has, then checks the entry
// on its own.
func (s xmlSeen) check(in journal.JournalpostInput, en xmlEntry, ps *xmlProblems) (journal.JournalpostInput, []File, bool) {
	jp := in.Journalpost
	skip := func(msg string) (journal.JournalpostInput, []File, bool) {
		ps.add(Problem{Pos: en.pos, Value: jp.SystemID, Message: msg + "; the entry is not imported", Skipped: true})
		return in, nil, false
	}
	switch {
	case s.jp[jp.SystemID]:
		return skip("another entry of the mappe has the same systemID")
	case s.nr[[2]int{jp.Journalaar, jp.Journalsekvensnummer}]:
		return skip(fmt.Sprintf("another entry of the mappe has the journal number %d/%d", jp.Journalaar, jp.Journalsekvensnummer))
	case s.pnr[jp.Journalpostnummer]:
		return skip(fmt.Sprintf("another entry of the case has journalpostnummer %d", jp.Journalpostnummer))
	}
	files := en.files
	var docs []offl.Dokumentbeskrivelse
	for _, d := range jp.Dokumentbeskrivelse {
		if s.dok[d.SystemID] {
			ps.add(Problem{Pos: en.pos, Value: d.SystemID, Message: "another document of the mappe has the same systemID; this one is not imported", Skipped: true})
			files = xmlWithoutDocument(files, d.SystemID)
			continue
		}
		docs = append(docs, d)
	}
	jp.Dokumentbeskrivelse = docs
	in.Journalpost = jp
	if err := (journal.Batch{Journalposts: xmlFilledForValidation([]journal.JournalpostInput{in})}).ValidateRecords(); err != nil {
		return skip("the entry cannot be imported: " + err.Error())
	}
	s.jp[jp.SystemID] = true
	s.nr[[2]int{jp.Journalaar, jp.Journalsekvensnummer}] = true
	s.pnr[jp.Journalpostnummer] = true
	for _, d := range docs {
		s.dok[d.SystemID] = true
	}
	return in, files, true
}

func xmlWithoutDocument(files []File, dokID string) []File {
	var out []File
	for _, f := range files {
		if f.DokumentSystemID != dokID {
			out = append(out, f)
		}
	}
	return out
}

// xmlRegB is a registrering being read.
type xmlRegB struct {
	xmlProblems
	pos                                  Pos
	xsiType                              string
	systemID, tittel, offentligTittel    string
	aar, seq, nr                         int
	numbersSeen                          bool
	typ                                  offl.Journalposttype
	status                               offl.Journalstatus
	journaldato, dokumentetsDato         time.Time
	mottattDato, sendtDato, forfallsdato time.Time
	vurdertDato, opprettetDato           time.Time
	saksbehandler, journalenhet, enhet   string
	korr                                 []offl.Korrespondansepart
	korrCapped, docsCapped               bool
	docs                                 []*xmlDokB
	skj                                  *xmlSkjB
	// invalid: a Problem has said the entry is skipped.
	invalid bool
}

func (r *xmlRegB) sink() *xmlProblems { return &r.xmlProblems }

func (r *xmlRegB) set(e *xmlEngine, name, v string) {
	switch name {
	case "systemID":
		r.systemID = v
	case "tittel":
		r.tittel = v
	case "offentligTittel":
		r.offentligTittel = v
	case "journalaar", "journalsekvensnummer", "journalpostnummer":
		r.numbersSeen = true
		n, ok := xmlNumber(v)
		if !ok {
			e.problem(v, name+" is not a whole number; the entry is not imported", true)
			r.invalid = true
		}
		switch name {
		case "journalaar":
			r.aar = n
		case "journalsekvensnummer":
			r.seq = n
		default:
			r.nr = n
		}
	case "journalposttype":
		if t, ok := codeJournalposttype(v); ok {
			r.typ = t
		} else if v != "" {
			e.problem(v, "unknown journalposttype; the entry is not imported", true)
			r.invalid = true
		}
	case "journalstatus":
		if s, ok := codeJournalstatus(v); ok {
			r.status = s
		} else if v != "" {
			e.problem(v, "unknown journalstatus; the entry is not imported", true)
			r.invalid = true
		}
	case "journaldato":
		if v == "" {
			return
		}
		d, err := codeDate(v)
		if err != nil {
			e.problem(v, "the journaldato is not a date; the entry is not imported", true)
			r.invalid = true
		}
		r.journaldato = d
	case "dokumentetsDato":
		r.dokumentetsDato = e.date(v)
	case "mottattDato":
		r.mottattDato = e.date(v)
	case "sendtDato":
		r.sendtDato = e.date(v)
	case "forfallsdato":
		r.forfallsdato = e.date(v)
	case "offentlighetsvurdertDato":
		r.vurdertDato = e.date(v)
	case "opprettetDato":
		r.opprettetDato = e.date(v)
	case "saksbehandler":
		r.saksbehandler = v
	case "journalenhet":
		r.journalenhet = v
	case "administrativEnhet":
		r.enhet = v
	}
}

func (r *xmlRegB) addKorr(e *xmlEngine, k *xmlKorrB) {
	t, ok := codeKorrespondanseparttype(k.typ)
	navn := k.name()
	switch {
	case !ok:
		e.problemAt(k.pos, k.typ, "unknown or missing korrespondanseparttype; the korrespondansepart is not imported", true)
		return
	case utf8.RuneCountInString(navn) > journal.MaxNameLength:
		e.problemAt(k.pos, navn, fmt.Sprintf("the name is longer than %d characters; the korrespondansepart is not imported", journal.MaxNameLength), true)
		return
	case len(r.korr) >= journal.MaxPartiesPerEntry:
		if !r.korrCapped {
			r.korrCapped = true
			e.problemAt(k.pos, "", fmt.Sprintf("the entry has more than %d korrespondanseparter; the rest are not imported", journal.MaxPartiesPerEntry), true)
		}
		return
	}
	r.korr = append(r.korr, offl.Korrespondansepart{Korrespondanseparttype: t, Navn: navn, ErPerson: k.person,
		Organisasjonsnummer: k.orgnr, Postadresse: strings.Join(k.postadresse, ", "), Postnummer: k.postnummer,
		Poststed: k.poststed, Epostadresse: k.epost, AdministrativEnhet: k.enhet, Saksbehandler: k.saksbehandler})
}

// addPart reads a 5.5 part in a registrering as a korrespondansepart when
// its role is a korrespondanseparttype.
func (r *xmlRegB) addPart(e *xmlEngine, p *xmlPartB) {
	if _, ok := codeKorrespondanseparttype(p.rolle); !ok || p.navn == "" {
		e.problemAt(p.pos, p.rolle, "a part whose partRolle is not a korrespondanseparttype is not imported", true)
		return
	}
	r.addKorr(e, &xmlKorrB{pos: p.pos, typ: p.rolle, navn: p.navn, postadresse: p.postadresse,
		postnummer: p.postnummer, poststed: p.poststed, epost: p.epost})
}

func (r *xmlRegB) addDok(e *xmlEngine, d *xmlDokB) {
	if len(r.docs) >= journal.MaxDocumentsPerEntry {
		if !r.docsCapped {
			r.docsCapped = true
			e.problemAt(d.pos, "", fmt.Sprintf("the entry has more than %d documents; the rest are not imported", journal.MaxDocumentsPerEntry), true)
		}
		return
	}
	r.docs = append(r.docs, d)
}

// entry checks the registrering and makes a journal entry of it; ok is
// false when it is not one (a Problem says why). public: the texts are the
// public versions (offentligJournal.xml).
func (r *xmlRegB) entry(e *xmlEngine, public bool) (xmlEntry, bool) {
	skip := func(msg string) (xmlEntry, bool) {
		r.add(Problem{Pos: r.pos, Value: r.systemID, Message: msg, Skipped: true})
		return xmlEntry{}, false
	}
	note := func(value, msg string) { r.add(Problem{Pos: r.pos, Value: codeShort(value), Message: msg}) }
	if r.invalid {
		return xmlEntry{}, false
	}
	arkivnotat := r.xsiType == "arkivnotat"
	switch {
	case !arkivnotat && r.xsiType != "journalpost" && !r.numbersSeen:
		what := "a registrering"
		if r.xsiType != "" {
			what = fmt.Sprintf("a registrering of xsi:type %q", r.xsiType)
		}
		return skip(what + " without journal numbers is not a journal entry; it is not imported")
	case arkivnotat && !r.numbersSeen:
		return skip("an arkivnotat without journal numbers is not a journal entry; it is not imported")
	case r.aar == 0 || r.seq == 0 || r.nr == 0:
		return skip("the entry has no valid " + xmlMissing(r.aar, r.seq, r.nr) + " (missing or 0); it is not imported")
	}
	typ, status, journaldato := r.typ, r.status, r.journaldato
	if arkivnotat {
		typ = offl.OrganinterntUtenOppfoelging
		if status == "" {
			status = offl.Arkivert
			note("", "the arkivnotat has no journalstatus; it is read as arkivert")
		}
		if journaldato.IsZero() {
			journaldato = r.dokumentetsDato
			if journaldato.IsZero() {
				journaldato = r.opprettetDato
			}
			if !journaldato.IsZero() {
				note("", "the arkivnotat has no journaldato; its dokumentetsDato or opprettetDato is used")
			}
		}
	}
	switch {
	case typ == "":
		return skip("the entry has no journalposttype; it is not imported")
	case status == "":
		return skip("the entry has no journalstatus; it is not imported")
	case journaldato.IsZero():
		return skip("the entry has no journaldato; it is not imported")
	}
	systemID := r.systemID
	if systemID == "" {
		systemID = codeDerivedEntryID(r.aar, r.seq)
		note("", fmt.Sprintf("the entry has no systemID; it is given the systemID %q", systemID))
	}
	tittel := r.tittel
	if tittel == "" && r.offentligTittel != "" {
		tittel = r.offentligTittel
		if !public {
			note(r.offentligTittel, "the entry has no tittel; its offentligTittel is used")
		}
	}
	docs, files, screens, titles := r.documents(systemID)
	sk := e.buildSkjerming(r.skj, xmlTarget{tittel: tittel, offentligTittel: r.offentligTittel, docTitles: titles, public: public},
		&r.xmlProblems, r.pos)
	sk = xmlMergeDocScreens(sk, screens, &r.xmlProblems, public)
	jp := offl.Journalpost{SystemID: systemID, Journalaar: r.aar, Journalsekvensnummer: r.seq, Journalpostnummer: r.nr,
		Journalposttype: typ, Journalstatus: status, Tittel: tittel, Journaldato: journaldato,
		DokumentetsDato: r.dokumentetsDato, MottattDato: r.mottattDato, SendtDato: r.sendtDato,
		Forfallsdato: r.forfallsdato, OffentlighetsvurdertDato: r.vurdertDato, Saksbehandler: r.saksbehandler,
		Journalenhet: r.journalenhet, Korrespondansepart: r.korr, Dokumentbeskrivelse: docs, Skjerming: sk}
	return xmlEntry{jp: jp, enhet: r.enhet, files: files, pos: r.pos}, true
}

func xmlMissing(aar, seq, nr int) string {
	var m []string
	for _, x := range []struct {
		n    int
		name string
	}{{aar, "journalaar"}, {seq, "journalsekvensnummer"}, {nr, "journalpostnummer"}} {
		if x.n == 0 {
			m = append(m, x.name)
		}
	}
	return strings.Join(m, ", ")
}

// documents turns the dokumentbeskrivelser into the journal's documents
// and their files, and lists the documents that carry a skjerming and the
// titles of all.
func (r *xmlRegB) documents(entryID string) ([]offl.Dokumentbeskrivelse, []File, []xmlDocScreen, []string) {
	var (
		docs    []offl.Dokumentbeskrivelse
		files   []File
		screens []xmlDocScreen
		titles  []string
	)
	numbers := map[int]bool{}
	for i, d := range r.docs {
		id := d.systemID
		if id == "" {
			id = fmt.Sprintf("%s/dokument/%d", entryID, i+1)
			r.add(Problem{Pos: d.pos, Message: fmt.Sprintf("the dokumentbeskrivelse has no systemID; it is given the systemID %q", id)})
		}
		nr := d.nummer
		if nr < 1 {
			nr = i + 1
			r.add(Problem{Pos: d.pos, Message: fmt.Sprintf("the dokumentbeskrivelse has no valid dokumentnummer; it is numbered %d by its place", nr)})
		}
		if numbers[nr] {
			r.add(Problem{Pos: d.pos, Value: id, Message: fmt.Sprintf("another document of the entry has dokumentnummer %d; this one is not imported", nr), Skipped: true})
			continue
		}
		numbers[nr] = true
		tilk := d.tilknytning
		if tilk == "" {
			tilk = offl.Vedlegg
			if nr == 1 {
				tilk = offl.Hoveddokument
			}
			r.add(Problem{Pos: d.pos, Value: d.tilknytningRaw, Message: fmt.Sprintf("tilknyttetRegistreringSom is missing or unknown; read as %s by the dokumentnummer", tilk.WireName())})
		}
		doc := offl.Dokumentbeskrivelse{SystemID: id, Dokumentnummer: nr, TilknyttetRegistreringSom: tilk,
			Dokumenttype: d.dokumenttype, Tittel: d.tittel}
		for _, o := range d.objs {
			doc.Dokumentobjekt = append(doc.Dokumentobjekt, o.obj)
			f := o.file
			f.JournalpostSystemID, f.DokumentSystemID = entryID, id
			files = append(files, f)
		}
		docs = append(docs, doc)
		titles = append(titles, d.tittel)
		if d.skj != nil {
			screens = append(screens, xmlDocScreen{id: id, tittel: d.tittel, s: d.skj})
		}
	}
	return docs, files, screens, titles
}

// xmlDokB is a dokumentbeskrivelse being read.
type xmlDokB struct {
	pos                            Pos
	systemID, dokumenttype, tittel string
	nummer                         int
	tilknytning                    offl.TilknyttetRegistreringSom
	tilknytningRaw                 string
	skj                            *xmlSkjB
	objs                           []xmlParsedObj
}

type xmlParsedObj struct {
	obj  offl.Dokumentobjekt
	file File
}

func (d *xmlDokB) set(e *xmlEngine, name, v string) {
	switch name {
	case "systemID":
		d.systemID = v
	case "dokumenttype":
		d.dokumenttype = v
	case "tittel":
		d.tittel = v
	case "dokumentnummer":
		n, ok := xmlNumber(v)
		if !ok {
			e.problem(v, "the dokumentnummer is not a whole number", false)
		}
		d.nummer = n
	case "tilknyttetRegistreringSom":
		d.tilknytningRaw = v
		d.tilknytning, _ = codeTilknytning(v)
	}
}

// addObj checks a dokumentobjekt and keeps it with its file.
func (d *xmlDokB) addObj(e *xmlEngine, o *xmlObjB) {
	problem := func(value, msg string, skipped bool) { e.problemAt(o.pos, value, msg, skipped) }
	if len(d.objs) >= xmlMaxCodes {
		problem("", fmt.Sprintf("a document with more than %d dokumentobjekter: the rest are not imported", xmlMaxCodes), true)
		return
	}
	variant, ok := codeVariantformat(o.variant)
	switch {
	case o.variant == "":
		variant = offl.Arkivformat
		problem("", "the dokumentobjekt has no variantformat; read as arkivformat", false)
	case !ok:
		problem(o.variant, "unknown variantformat; the dokumentobjekt is not imported", true)
		return
	}
	if o.ref == "" {
		problem("", "the dokumentobjekt has no referanseDokumentfil, so no file; it is not imported", true)
		return
	}
	versjon := 1
	if o.versjon != "" {
		if n, err := codeInt(o.versjon); err == nil && n > 0 {
			versjon = n
		} else {
			problem(o.versjon, "the versjonsnummer is not a positive whole number; read as 1", false)
		}
	}
	for _, x := range d.objs {
		if x.obj.Versjonsnummer == versjon && x.obj.Variantformat == variant {
			problem(o.ref, fmt.Sprintf("another dokumentobjekt of the document is version %d in %s; this one is not imported", versjon, variant.WireName()), true)
			return
		}
	}
	ref, filnavn, why := codeFileRef(o.ref)
	if why != "" {
		problem(o.ref, why, false)
	}
	if utf8.RuneCountInString(filnavn) > xmlMaxFilnavn {
		problem(filnavn, fmt.Sprintf("the file name is longer than %d characters; it is left out", xmlMaxFilnavn), false)
		filnavn = ""
	}
	sum, alg := strings.ToLower(strings.TrimSpace(o.sjekksum)), codeAlgorithm(o.algoritme)
	declared := ""
	if sum != "" && (alg == "SHA256" || alg == "") {
		if codeIsSHA256(sum) {
			declared = sum
		} else {
			problem(o.sjekksum, "the declared SHA-256 checksum is not 64 hex digits; it is not used, and the file's checksum is computed on import", false)
			sum = ""
		}
	}
	d.objs = append(d.objs, xmlParsedObj{
		obj: offl.Dokumentobjekt{Versjonsnummer: versjon, Variantformat: variant, Format: o.format, Filnavn: filnavn, Sjekksum: declared},
		file: File{Versjonsnummer: versjon, Variantformat: variant, Ref: ref, Sjekksum: sum, Algoritme: alg,
			Format: o.format, Filnavn: filnavn, Pos: o.pos},
	})
}

// xmlObjB is a dokumentobjekt being read.
type xmlObjB struct {
	pos                                                Pos
	versjon, variant, format, ref, sjekksum, algoritme string
}

func (o *xmlObjB) set(name, v string) {
	switch name {
	case "versjonsnummer":
		o.versjon = v
	case "variantformat":
		o.variant = v
	case "format":
		o.format = v
	case "referanseDokumentfil":
		o.ref = v
	case "sjekksum":
		o.sjekksum = v
	case "sjekksumAlgoritme":
		o.algoritme = v
	}
}

// xmlKorrB is a korrespondansepart being read.
type xmlKorrB struct {
	pos                                Pos
	typ, navn, navnAlt                 string
	postadresse                        []string
	postnummer, poststed, epost, orgnr string
	enhet, saksbehandler               string
	// person: the export marks a natural person (xsi:type
	// korrespondansepartPerson, or a fødselsnummer or D-nummer).
	person bool
}

func (k *xmlKorrB) name() string {
	if k.navn != "" {
		return k.navn
	}
	return k.navnAlt
}

func (k *xmlKorrB) set(name, v string) {
	switch name {
	case "korrespondanseparttype":
		k.typ = v
	case "korrespondansepartNavn":
		k.navn = v
	case "navn", "personNavn":
		k.navnAlt = v
	case "postadresse":
		if v != "" && len(k.postadresse) < 10 {
			k.postadresse = append(k.postadresse, v)
		}
	case "postnummer":
		k.postnummer = v
	case "poststed":
		k.poststed = v
	case "epostadresse":
		k.epost = v
	case "organisasjonsnummer":
		k.orgnr = v
	case "administrativEnhet":
		k.enhet = v
	case "saksbehandler":
		k.saksbehandler = v
	case "foedselsnummer", "dNummer", "personidentifikator":
		// The number itself is never kept: it only says this is a person.
		k.person = k.person || v != ""
	}
}

// xmlPartB is a part (5.x) or sakspart being read.
type xmlPartB struct {
	pos                         Pos
	navn, rolle                 string
	postadresse                 []string
	postnummer, poststed, epost string
}

func (p *xmlPartB) set(name, v string) {
	switch name {
	case "partNavn", "sakspartNavn":
		p.navn = v
	case "partRolle", "sakspartRolle":
		p.rolle = v
	case "postadresse":
		if v != "" && len(p.postadresse) < 10 {
			p.postadresse = append(p.postadresse, v)
		}
	case "postnummer":
		p.postnummer = v
	case "poststed":
		p.poststed = v
	case "epostadresse":
		p.epost = v
	}
}

// xmlSkjB is a skjerming being read (or, in offentligJournal.xml, the
// skjerming fields of an entry).
type xmlSkjB struct {
	pos              Pos
	tilgang, hjemmel string
	meta             []string // M502 codes; codeAllMetadata for an unknown one
	dokument         string   // "H", "D" or "" (not said)
	varighet         int
	opphoerer        time.Time
}

func (s *xmlSkjB) set(e *xmlEngine, name, v string) {
	switch name {
	case "tilgangsrestriksjon":
		s.tilgang = v
	case "skjermingshjemmel":
		s.hjemmel = v
	case "skjermingMetadata":
		for _, c := range codeSplitList(v) {
			if len(s.meta) >= xmlMaxCodes {
				break
			}
			code, ok := codeSkjermingMetadata(c)
			if !ok {
				e.problem(c, "unknown skjermingMetadata; all metadata is screened", false)
				code = codeAllMetadata
			}
			s.meta = append(s.meta, code)
		}
	case "skjermingDokument":
		if v == "" {
			return
		}
		d, ok := codeSkjermingDokument(v)
		if !ok {
			e.problem(v, "unknown skjermingDokument; the whole document is screened", false)
			d = "H"
		}
		if s.dokument != "H" {
			s.dokument = d
		}
	case "skjermingsvarighet":
		n, ok := xmlNumber(v)
		if !ok || n < 0 {
			e.problem(v, "the skjermingsvarighet is not a number of years; read as missing", false)
			n = 0
		}
		s.varighet = n
	case "skjermingOpphoererDato":
		s.opphoerer = e.date(v)
	}
}

func (s *xmlSkjB) empty() bool {
	return s.tilgang == "" && s.hjemmel == "" && len(s.meta) == 0 && s.dokument == "" && s.varighet == 0 && s.opphoerer.IsZero()
}

// base is the skjerming's code and basis, within the journal's limits.
func (s *xmlSkjB) base(ps *xmlProblems) offl.Skjerming {
	sk := offl.Skjerming{Tilgangsrestriksjon: s.tilgang, Skjermingshjemmel: s.hjemmel, Varighet: s.varighet, OpphoererDato: s.opphoerer}
	if utf8.RuneCountInString(sk.Tilgangsrestriksjon) > xmlMaxTilgangskode {
		ps.add(Problem{Pos: s.pos, Value: codeShort(s.tilgang), Message: fmt.Sprintf("the tilgangsrestriksjon is longer than %d characters, too long for an access code; it is left out (the skjerming applies)", xmlMaxTilgangskode)})
		sk.Tilgangsrestriksjon = ""
	}
	if r := []rune(sk.Skjermingshjemmel); len(r) > xmlMaxHjemmel {
		ps.add(Problem{Pos: s.pos, Value: codeShort(s.hjemmel), Message: fmt.Sprintf("the skjermingshjemmel is longer than %d characters; it is cut short", xmlMaxHjemmel)})
		sk.Skjermingshjemmel = string(r[:xmlMaxHjemmel])
	}
	return sk
}

// xmlTarget is the record a skjerming screens.
type xmlTarget struct {
	tittel, offentligTittel string
	docTitles               []string
	// public: the texts are already the public versions
	// (offentligJournal.xml), so their words need no screening.
	public bool
}

// buildSkjerming makes the journal's skjerming of what the export says.
// Where the export is unclear it screens more, never less, and says so:
// no skjermingMetadata screens all metadata; a title code whose words
// cannot be found screens the whole title; an offentligTittel that masks
// words screens those words even when no skjerming is given.
func (e *xmlEngine) buildSkjerming(s *xmlSkjB, t xmlTarget, ps *xmlProblems, pos Pos) *offl.Skjerming {
	note := func(p Pos, value, msg string) { ps.add(Problem{Pos: p, Value: codeShort(value), Message: msg}) }
	if s != nil && s.empty() {
		note(s.pos, "", "an empty skjerming is ignored")
		s = nil
	}
	var sk *offl.Skjerming
	masked := !t.public && strings.Contains(t.offentligTittel, offl.Mask)
	if s != nil {
		b := s.base(ps)
		sk = &b
		sc := &sk.Screens
		if len(s.meta) == 0 && !t.public {
			sc.AllMetadata = true
			msg := "the skjerming does not say what to screen (no skjermingMetadata): the whole title and all names are screened"
			if s.dokument == "" {
				sc.Documents.All = true
				msg = "the skjerming says neither what to screen nor whether the documents are (no skjermingMetadata or skjermingDokument): the whole title, all names and all documents are screened"
			}
			note(s.pos, "", msg)
		}
		for _, c := range s.meta {
			switch c {
			case "NA", "NM", "NPS":
				sc.Names = true
			case codeAllMetadata, "M":
				sc.AllMetadata = sc.AllMetadata || !t.public
			case "TM1", "TR1", "TMO", "TRO", "TKL":
				if !t.public && !masked {
					xmlScreenTitle(&sc.Title, c, t.tittel, func(msg string) { note(s.pos, c, msg) })
				}
			case "TD":
				if !t.public {
					sc.Title.Phrases = xmlAppendPhrases(sc.Title.Phrases, t.docTitles...)
				}
			}
		}
		switch s.dokument {
		case "H":
			sc.Documents.All, sc.Documents.PartsOnly = true, false
		case "D":
			sc.Documents.All, sc.Documents.PartsOnly = true, true
		}
	}
	if masked {
		if sk == nil {
			sk = &offl.Skjerming{}
			note(pos, t.offentligTittel, "the offentligTittel masks words but the record has no skjerming: the masked words are screened")
		}
		if phrases, ok := xmlMaskedPhrases(t.tittel, t.offentligTittel); ok {
			sk.Screens.Title.Phrases = xmlAppendPhrases(sk.Screens.Title.Phrases, phrases...)
		} else {
			sk.Screens.Title.Whole = true
			note(pos, t.offentligTittel, "the offentligTittel does not follow the tittel, so the masked words cannot be found: the whole title is screened")
		}
	}
	return sk
}

// xmlScreenTitle screens the title for an M502 title code when no masked
// offentligTittel says which words: "all but the first line" screens the
// lines after the first, anything else the whole title.
func xmlScreenTitle(ts *offl.TitleScreen, code, tittel string, note func(string)) {
	if code == "TM1" || code == "TR1" {
		lines := strings.Split(tittel, "\n")
		var rest []string
		for _, l := range lines[1:] {
			if l = strings.TrimSpace(l); l != "" {
				rest = append(rest, l)
			}
		}
		if len(rest) > 0 {
			ts.Phrases = xmlAppendPhrases(ts.Phrases, rest...)
			return
		}
		ts.Whole = true
		note("the title is screened but for its first line, and it has no second line: the whole title is screened")
		return
	}
	ts.Whole = true
	note("selected words of the title are screened and no offentligTittel with ***** says which: the whole title is screened")
}

func xmlAppendPhrases(list []string, phrases ...string) []string {
	for _, p := range phrases {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(list, p) {
			list = append(list, p)
		}
	}
	return list
}

// xmlMaskedPhrases finds the words of tittel that offentligTittel replaces
// with *****. Each masked span is widened to whole words, so that a span
// that splits a word screens all of it.
func xmlMaskedPhrases(tittel, offentlig string) ([]string, bool) {
	segs := strings.Split(offentlig, offl.Mask)
	var b strings.Builder
	b.WriteString(`(?s)^\s*`)
	for i, s := range segs {
		if i > 0 {
			b.WriteString(`(.+?)`)
		}
		space := false
		for _, r := range s {
			if unicode.IsSpace(r) {
				if !space {
					b.WriteString(`\s+`)
				}
				space = true
				continue
			}
			space = false
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`\s*$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, false
	}
	m := re.FindStringSubmatchIndex(tittel)
	if m == nil {
		return nil, false
	}
	var out []string
	for g := 1; g < len(segs); g++ {
		s, e := xmlWordSpan(tittel, m[2*g], m[2*g+1])
		out = xmlAppendPhrases(out, tittel[s:e])
	}
	return out, len(out) > 0
}

// xmlWordSpan widens [s, e) to the word boundaries around it.
func xmlWordSpan(text string, s, e int) (int, int) {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for s > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:s])
		if !isWord(r) {
			break
		}
		s -= n
	}
	for e < len(text) {
		r, n := utf8.DecodeRuneInString(text[e:])
		if !isWord(r) {
			break
		}
		e += n
	}
	return s, e
}

// xmlDocScreen is a skjerming on one document of an entry.
type xmlDocScreen struct {
	id, tittel string
	s          *xmlSkjB
}

// xmlMergeDocScreens adds the skjerming of single documents to the entry's:
// the documents are withheld by ID (only their redacted variant when every
// one is screened in parts), a screened document title is withheld as a
// phrase, and the skjerming lapses with the latest of them.
func xmlMergeDocScreens(sk *offl.Skjerming, docs []xmlDocScreen, ps *xmlProblems, public bool) *offl.Skjerming {
	var (
		ids              []string
		phrases          []string
		first            *xmlSkjB
		names            bool
		partsOnly, never = true, false
		latest           time.Time
	)
	for _, d := range docs {
		if d.s.empty() {
			ps.add(Problem{Pos: d.s.pos, Message: "an empty skjerming is ignored"})
			continue
		}
		if first == nil {
			first = d.s
		}
		ids = append(ids, d.id)
		partsOnly = partsOnly && d.s.dokument == "D"
		if len(d.s.meta) == 0 {
			phrases = append(phrases, d.tittel)
		}
		for _, c := range d.s.meta {
			switch c {
			case "NA", "NM":
				names = true
			case "KID", "MT", "NPS":
			default:
				phrases = append(phrases, d.tittel)
			}
		}
		if d.s.opphoerer.IsZero() {
			never = true
		} else if d.s.opphoerer.After(latest) {
			latest = d.s.opphoerer
		}
	}
	if len(ids) == 0 {
		return sk
	}
	if sk == nil {
		b := first.base(ps)
		sk = &b
		sk.OpphoererDato = latest
		if never {
			sk.OpphoererDato = time.Time{}
		}
		sk.Screens.Documents.PartsOnly = partsOnly
	} else {
		ds := &sk.Screens.Documents
		if !ds.All && len(ds.IDs) == 0 {
			ds.PartsOnly = partsOnly
		} else if !partsOnly {
			ds.PartsOnly = false
		}
		if !sk.OpphoererDato.IsZero() {
			if never {
				sk.OpphoererDato = time.Time{}
			} else if latest.After(sk.OpphoererDato) {
				sk.OpphoererDato = latest
			}
		}
	}
	sk.Screens.Documents.IDs = append(sk.Screens.Documents.IDs, ids...)
	sk.Screens.Names = sk.Screens.Names || names
	if !public {
		sk.Screens.Title.Phrases = xmlAppendPhrases(sk.Screens.Title.Phrases, phrases...)
	}
	return sk
}
