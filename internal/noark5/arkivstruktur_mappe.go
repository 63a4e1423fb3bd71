package noark5

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// The mappe builder: a case, its units, and the checks on its entries.

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
