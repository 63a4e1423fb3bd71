package noark5

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
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
		xmlSetField(e, parent.obj, f.name, v)
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
