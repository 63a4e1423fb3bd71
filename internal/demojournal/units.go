package demojournal

import (
	"math/rand/v2"

	"github.com/innsyn/innsyn/internal/journal"
)

// Municipality is the name of the fictional municipality, modelled on Rana
// kommune (Mo i Rana, Nordland).
const Municipality = "Nordrana kommune"

// Unit kodes used by the case templates.
const (
	unitRoot  = "NORDRANA"
	unitRadm  = "RADM"
	unitKomm  = "RADM-KOMM"
	unitOko   = "RADM-OKO"
	unitPers  = "RADM-PERS"
	unitPol   = "RADM-POL"
	unitPlan  = "PLAN"
	unitOppv  = "OPPV"
	unitKult  = "OPPV-KULT"
	unitHelse = "HELSE"
	unitTild  = "HELSE-TILD"
	unitHjt   = "HELSE-HJT"
	unitSyk   = "HELSE-SYK"
	unitNav   = "HELSE-NAV"
	unitTekn  = "TEKN"
	unitVA    = "TEKN-VA"
	unitEie   = "TEKN-EIE"
)

// units is the organisation chart, parents before children.
var units = []journal.EnhetInput{
	{Kode: unitRoot, Navn: Municipality},
	{Kode: unitRadm, Navn: "Rådmannens stab", ParentKode: unitRoot},
	{Kode: unitKomm, Navn: "Kommunikasjonsenheten", ParentKode: unitRadm},
	{Kode: unitOko, Navn: "Økonomi", ParentKode: unitRadm},
	{Kode: unitPers, Navn: "Personal", ParentKode: unitRadm},
	{Kode: unitPol, Navn: "Politisk sekretariat", ParentKode: unitRadm},
	{Kode: unitPlan, Navn: "Plan og byggesak", ParentKode: unitRoot},
	{Kode: unitOppv, Navn: "Oppvekst og kultur", ParentKode: unitRoot},
	{Kode: "OPPV-BHG1", Navn: "Ytteren barnehage", ParentKode: unitOppv},
	{Kode: "OPPV-BHG2", Navn: "Selfors barnehage", ParentKode: unitOppv},
	{Kode: "OPPV-BHG3", Navn: "Hauknes barnehage", ParentKode: unitOppv},
	{Kode: "OPPV-SKO1", Navn: "Gruben skole", ParentKode: unitOppv},
	{Kode: "OPPV-SKO2", Navn: "Båsmoen skole", ParentKode: unitOppv},
	{Kode: "OPPV-SKO3", Navn: "Mo ungdomsskole", ParentKode: unitOppv},
	{Kode: unitKult, Navn: "Kulturkontoret", ParentKode: unitOppv},
	{Kode: unitHelse, Navn: "Helse og omsorg", ParentKode: unitRoot},
	{Kode: unitTild, Navn: "Tildelingskontoret", ParentKode: unitHelse},
	{Kode: unitHjt, Navn: "Hjemmetjenesten", ParentKode: unitHelse},
	{Kode: unitSyk, Navn: "Selfors sykehjem", ParentKode: unitHelse},
	{Kode: unitNav, Navn: "NAV Nordrana – sosiale tjenester", ParentKode: unitHelse},
	{Kode: unitTekn, Navn: "Teknisk drift", ParentKode: unitRoot},
	{Kode: unitVA, Navn: "Vann og avløp", ParentKode: unitTekn},
	{Kode: unitEie, Navn: "Eiendom", ParentKode: unitTekn},
}

var (
	kindergartens = []string{"OPPV-BHG1", "OPPV-BHG2", "OPPV-BHG3"}
	schools       = []string{"OPPV-SKO1", "OPPV-SKO2", "OPPV-SKO3"}
)

// unitName returns the name of a unit kode.
func unitName(kode string) string {
	for _, u := range units {
		if u.Kode == kode {
			return u.Navn
		}
	}
	panic("demojournal: unknown unit " + kode)
}

// staffByUnit gives every unit two to five case officers from the public
// name pool: their names are in the public journal's letters anyway.
func staffByUnit(r *rand.Rand) map[string][]string {
	m := make(map[string][]string, len(units))
	for _, u := range units {
		n := between(r, 2, 5)
		for range n {
			m[u.Kode] = append(m[u.Kode], pick(r, publicFirstNames)+" "+pick(r, publicSurnames))
		}
	}
	return m
}
