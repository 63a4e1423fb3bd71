package noark5

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/innsyn/innsyn/internal/offl"
)

// NewOffentligJournal reads offentligJournal.xml of a Noark 5 arkivuttrekk
// from r; file names it in every Pos. The file lists journal entries one by
// one, each with the numbers and public title of its case; consecutive
// entries of the same case make one Mappe. A case that comes back later is
// given again (the importer upserts it).
//
// The file is the public journal, and says less than arkivstruktur.xml:
// its titles are the public ones (offentligTittel, screened words already
// replaced by *****) and are imported as the titles; cases have no
// systemID, so it is derived from the case number; entries have no
// journalposttype or journalstatus: the status is read as journalført
// (the file lists journaled entries) and the type is inferred from the
// korrespondanseparter (an external sender: inngående; else an external
// recipient: utgående; else organinternt). Each of these is said once in
// the Problems of the first Mappe concerned.
func NewOffentligJournal(r io.Reader, file string) Reader {
	return newXMLEngine(r, file, &offentligJournalGrammar{})
}

// offentligJournalGrammar reads offentligJournal.xml.
type offentligJournalGrammar struct {
	group                               *xmlMappeB
	key                                 [2]int
	notedPublic, notedType, notedStatus bool
}

// xmlOJRegB is a journalregistrering being read: a case and an entry.
type xmlOJRegB struct {
	xmlProblems
	pos Pos
	sak *xmlMappeB
	reg *xmlRegB
}

func (j *xmlOJRegB) sink() *xmlProblems { return &j.xmlProblems }

var xmlOJFlatSkjerming = xmlSet("skjermingMetadata", "tilgangsrestriksjon", "skjermingshjemmel")

func (g *offentligJournalGrammar) root(e *xmlEngine, f *xmlFrame, el xml.StartElement) error {
	if f.name != "offentligJournal" {
		return fmt.Errorf("the root element is <%s>, not <offentligJournal>: not an offentligJournal.xml", f.name)
	}
	f.kind = xkOJRoot
	return nil
}

func (g *offentligJournalGrammar) child(e *xmlEngine, parent, f *xmlFrame, el xml.StartElement) {
	switch parent.kind {
	case xkOJRoot:
		if f.name == "journalregistrering" {
			f.kind, f.obj = xkOJReg, &xmlOJRegB{pos: e.here()}
		}
	case xkOJReg:
		j := parent.obj.(*xmlOJRegB)
		switch f.name {
		case "saksmappe":
			if j.sak == nil {
				j.sak = &xmlMappeB{pos: e.here(), xsiType: "saksmappe", public: true}
				f.kind, f.obj = xkOJSak, j.sak
			}
		case "journalpost":
			if j.reg == nil {
				j.reg = &xmlRegB{pos: e.here(), xsiType: "journalpost"}
				f.kind, f.obj = xkOJJp, j.reg
			}
		}
	case xkOJSak:
		if xmlMappeFields[f.name] {
			f.kind = xkField
		}
	case xkOJJp:
		switch {
		case f.name == "korrespondansepart":
			f.kind, f.obj = xkKorr, &xmlKorrB{pos: e.here(), person: xmlXSIType(el) == "korrespondansepartperson"}
		case f.name == "skjerming":
			f.kind, f.obj = xkSkj, &xmlSkjB{pos: e.here()}
		case xmlRegFields[f.name] || xmlOJFlatSkjerming[f.name]:
			f.kind = xkField
		}
	default:
		xmlLeafChild(parent, f)
	}
}

func (g *offentligJournalGrammar) end(e *xmlEngine, f, parent *xmlFrame) {
	switch f.kind {
	case xkField:
		v, ok := e.value(f)
		if !ok || parent == nil {
			return
		}
		if b, ok := parent.obj.(*xmlRegB); ok && xmlOJFlatSkjerming[f.name] {
			if b.skj == nil {
				b.skj = &xmlSkjB{pos: e.here()}
			}
			b.skj.set(e, f.name, v)
			return
		}
		xmlSetField(e, parent.obj, f.name, v)
	case xkSkj:
		xmlAttachSkjerming(e, f.obj.(*xmlSkjB), parent)
	case xkKorr:
		parent.obj.(*xmlRegB).addKorr(e, f.obj.(*xmlKorrB))
	case xkOJReg:
		g.add(e, f.obj.(*xmlOJRegB))
	case xkOJRoot:
		g.flush(e)
	}
}

func (g *offentligJournalGrammar) finish(e *xmlEngine) { g.flush(e) }

func (g *offentligJournalGrammar) flush(e *xmlEngine) {
	if g.group != nil {
		e.emit(g.group.finish(e))
		g.group = nil
	}
}

// add puts a journalregistrering's entry into the case it belongs to,
// handing out the case before when this is another.
func (g *offentligJournalGrammar) add(e *xmlEngine, j *xmlOJRegB) {
	skip := func(msg string) {
		j.add(Problem{Pos: j.pos, Message: msg, Skipped: true})
		g.keep(e, &j.xmlProblems)
	}
	if j.sak != nil {
		j.addAll(&j.sak.xmlProblems)
	}
	if j.sak == nil || j.sak.saksaar == 0 || j.sak.seq == 0 {
		if j.reg != nil {
			j.addAll(&j.reg.xmlProblems)
		}
		skip("a journalregistrering without the saksaar and sakssekvensnummer of its case is not imported")
		return
	}
	key := [2]int{j.sak.saksaar, j.sak.seq}
	if g.group == nil || g.key != key {
		g.flush(e)
		g.group = &xmlMappeB{pos: j.pos, xsiType: "saksmappe", systemID: j.sak.systemID, saksaar: key[0], seq: key[1],
			tittel: j.sak.offentligTittel, enhet: j.sak.enhet, public: true}
		g.key = key
		if !g.notedPublic {
			g.notedPublic = true
			g.group.add(Problem{Pos: j.pos, Message: "offentligJournal.xml holds the public titles only (offentligTittel, screened words as *****): they are imported as the titles; cases there have no systemID, so each is given \"saksnummer:YYYY/N\""})
		}
	}
	g.group.addAll(&j.xmlProblems)
	if j.reg == nil {
		g.group.add(Problem{Pos: j.pos, Message: "a journalregistrering without a journalpost is not imported", Skipped: true})
		return
	}
	g.fillIn(j.reg)
	if en, ok := j.reg.entry(e, true); ok {
		g.group.entries = append(g.group.entries, en)
	}
	g.group.addAll(&j.reg.xmlProblems)
}

// keep gives problems to the open case, or to the next mappe.
func (g *offentligJournalGrammar) keep(e *xmlEngine, ps *xmlProblems) {
	if g.group != nil {
		g.group.addAll(ps)
		return
	}
	for _, p := range ps.list {
		if len(e.pending) < xmlMaxProblems {
			e.pending = append(e.pending, p)
		}
	}
}

// fillIn supplies what offentligJournal.xml does not hold: the title is
// the public title, the status journalført, the type inferred from the
// parties.
func (g *offentligJournalGrammar) fillIn(r *xmlRegB) {
	if r.invalid {
		return
	}
	if r.tittel == "" {
		r.tittel = r.offentligTittel
	}
	if r.status == "" {
		r.status = offl.Journalfoert
		if !g.notedStatus {
			g.notedStatus = true
			r.add(Problem{Pos: r.pos, Message: "offentligJournal.xml gives no journalstatus: its entries are read as journalført"})
		}
	}
	if r.typ == "" {
		r.typ = xmlInferType(r.korr)
		if r.typ != "" && !g.notedType {
			g.notedType = true
			r.add(Problem{Pos: r.pos, Message: "offentligJournal.xml gives no journalposttype: it is inferred from the korrespondanseparter (an external avsender: inngående; else an external mottaker: utgående; else organinternt for oppfølging)"})
		}
	}
}

// xmlInferType guesses the journalposttype from the parties: an external
// sender makes an incoming document, an external recipient an outgoing
// one, internal parties only an internal one; no parties: "" (unknown).
func xmlInferType(parts []offl.Korrespondansepart) offl.Journalposttype {
	var t offl.Journalposttype
	for _, p := range parts {
		switch p.Korrespondanseparttype {
		case offl.Avsender:
			return offl.Inngaaende
		case offl.Mottaker, offl.Kopimottaker, offl.Gruppemottaker:
			t = offl.Utgaaende
		default:
			if t == "" {
				t = offl.OrganinterntForOppfoelging
			}
		}
	}
	return t
}
