package noark5

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// The registrering builder, with its korrespondanseparter and parter.

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
	r.addKorr(e, &xmlKorrB{pos: p.pos, typ: p.rolle, navn: p.navn, xmlAddress: p.xmlAddress})
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

// xmlKorrB is a korrespondansepart being read.
type xmlKorrB struct {
	pos                       Pos
	typ, navn, navnAlt, orgnr string
	enhet, saksbehandler      string
	xmlAddress
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
	if k.xmlAddress.set(name, v) {
		return
	}
	switch name {
	case "korrespondanseparttype":
		k.typ = v
	case "korrespondansepartNavn":
		k.navn = v
	case "navn", "personNavn":
		k.navnAlt = v
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
	pos         Pos
	navn, rolle string
	xmlAddress
}

func (p *xmlPartB) set(name, v string) {
	if p.xmlAddress.set(name, v) {
		return
	}
	switch name {
	case "partNavn", "sakspartNavn":
		p.navn = v
	case "partRolle", "sakspartRolle":
		p.rolle = v
	}
}

// xmlAddress is the address of a correspondent or a part.
type xmlAddress struct {
	postadresse                 []string // its lines, at most 10
	postnummer, poststed, epost string
}

// set reads an address field, and reports whether name is one.
func (a *xmlAddress) set(name, v string) bool {
	switch name {
	case "postadresse":
		if v != "" && len(a.postadresse) < 10 {
			a.postadresse = append(a.postadresse, v)
		}
	case "postnummer":
		a.postnummer = v
	case "poststed":
		a.poststed = v
	case "epostadresse":
		a.epost = v
	default:
		return false
	}
	return true
}
