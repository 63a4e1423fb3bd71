package demojournal

import (
	"fmt"

	"github.com/innsyn/innsyn/internal/offl"
)

// Case templates of Oppvekst og kultur: kindergarten places, pupils,
// culture grants and the culture prize.

// barnehage is an application for a kindergarten place. The child's and
// the parent's names are screened (offl. § 13 jf. fvl. § 13).
func (p *planner) barnehage() casePlan {
	first, last := p.secretChild()
	child := first + " " + last
	bhg := pick(p.r, kindergartens)
	c := casePlan{
		unit:  pick(p.r, []string{unitOppv, unitOppv, bhg}),
		title: "Barnehageplass - " + child,
		about: fmt.Sprintf("barnehageplass ved %s fra august %d", unitName(bhg), p.year()),
	}
	p.protect(&c, pick(p.r, []string{restrP, restrUO}), pick(p.r, basisPersonal), child)
	parent := p.secretAdult(last)
	c.in(0, parent, "Søknad om barnehageplass - "+child, p.attach([]string{"Bekreftelse fra helsestasjon", "Dokumentasjon av prioritet"}, 1)...)
	c.out(p.days(20, 90), parent, "Tilbud om barnehageplass - "+child)
	c.in(p.days(3, 14), parent, "Svar på tilbud om barnehageplass - "+child)
	if chance(p.r, 0.3) {
		c.in(p.days(10, 60), parent, "Søknad om redusert foreldrebetaling - "+child, "Skattemelding")
		c.out(p.days(7, 21), parent, "Vedtak om redusert foreldrebetaling - "+child)
	}
	if chance(p.r, 0.1) {
		c.in(p.days(60, 300), parent, "Oppsigelse av barnehageplass - "+child)
	}
	return c
}

// elevsak is a matter about one pupil; the pupil and parent are screened.
func (p *planner) elevsak() casePlan {
	first, last := p.secretChild()
	child := first + " " + last
	school := pick(p.r, schools)
	c := casePlan{unit: school, title: "Elevsak - " + child, about: "opplæringen ved " + unitName(school)}
	p.protect(&c, restrP, pick(p.r, basisPersonal), child)
	parent := p.secretAdult(last)
	switch p.r.IntN(4) {
	case 0:
		c.in(0, parent, "Søknad om permisjon fra opplæringen - "+child)
		c.out(p.days(3, 14), parent, "Svar på søknad om permisjon - "+child)
	case 1:
		c.in(0, parent, "Søknad om skoleskyss - "+child, p.attach([]string{"Legeerklæring"}, 1)...)
		c.out(p.days(7, 30), parent, "Vedtak om skoleskyss - "+child)
	case 2:
		c.in(0, p.orgs.named("PP-tjenesten Indre Helgeland"), "Sakkyndig vurdering - "+child)
		c.out(p.days(14, 45), parent, "Vedtak om spesialundervisning - "+child)
		if chance(p.r, 0.5) {
			c.note(offl.OrganinterntUtenOppfoelging, p.days(14, 60), "", "Individuell opplæringsplan - "+child)
		}
	default:
		c.in(0, parent, "Søknad om skolebytte - "+child)
		c.out(p.days(7, 30), parent, "Svar på søknad om skolebytte - "+child)
	}
	return c
}

// skolesak is a public matter of a school.
func (p *planner) skolesak() casePlan {
	school := pick(p.r, schools)
	name := unitName(school)
	// Statsforvalteren inspects a school at most once a year.
	if chance(p.r, 0.5) || p.used[fmt.Sprint("tilsyn ", name, p.year())] {
		org := p.org(orgForening)
		c := casePlan{unit: school, title: "Utleie av lokaler - " + name + " - " + org.navn, about: "leie av gymsal og klasserom ved " + name}
		c.in(0, org, "Søknad om bruk av skolens lokaler - "+org.navn)
		c.out(p.days(3, 14), org, "Svar på søknad om bruk av lokaler - "+name)
		return c
	}
	p.used[fmt.Sprint("tilsyn ", name, p.year())] = true
	sf := p.orgs.named("Statsforvalteren i Nordland")
	c := casePlan{unit: school, title: "Tilsyn - skolemiljø - " + name, about: "tilsyn med skolemiljøet ved " + name}
	c.in(0, sf, "Varsel om tilsyn - skolemiljø - "+name)
	c.out(p.days(14, 30), sf, "Dokumentasjon til tilsyn - "+name, "Ordensreglement", "Rutiner for skolemiljø")
	c.in(p.days(30, 90), sf, "Foreløpig tilsynsrapport - "+name)
	if chance(p.r, 0.6) {
		c.in(p.days(20, 60), sf, "Endelig tilsynsrapport - "+name)
	}
	return c
}

// kulturmidler is an association's yearly grant application.
func (p *planner) kulturmidler() casePlan {
	y := p.year()
	org := p.org(orgForening)
	if _, ok := p.fresh(func() string { org = p.org(orgForening); return fmt.Sprint("kulturmidler ", org.navn, y) }); !ok {
		return p.arrangement(org)
	}
	c := casePlan{
		unit:  unitKult,
		title: fmt.Sprintf("Kulturmidler %d - %s", y, org.navn),
		about: fmt.Sprintf("tilskudd til kulturarbeid i %d for %s", y, org.navn),
	}
	c.in(0, org, fmt.Sprintf("Søknad om kulturmidler %d - %s", y, org.navn), p.attach([]string{"Budsjett", "Årsmelding", "Aktivitetsplan"}, 2)...)
	if chance(p.r, 0.8) {
		c.out(p.days(20, 60), org, fmt.Sprintf("Tilsagn om kulturmidler %d - %s", y, org.navn))
		if chance(p.r, 0.4) {
			c.in(p.days(120, 300), org, fmt.Sprintf("Rapport og regnskap - kulturmidler %d - %s", y, org.navn))
		}
	} else {
		c.out(p.days(20, 60), org, fmt.Sprintf("Avslag på søknad om kulturmidler %d - %s", y, org.navn))
	}
	return c
}

var arrangementer = []string{"17. mai-arrangement", "sommerkonsert", "julemarked", "cupturnering", "kulturnatt", "bygdedag"}

// arrangement is an application for support to a single event.
func (p *planner) arrangement(org *party) casePlan {
	a := pick(p.r, arrangementer)
	c := casePlan{unit: unitKult, title: fmt.Sprintf("Arrangementsstøtte - %s - %s", a, org.navn), about: "støtte til " + a}
	c.in(0, org, fmt.Sprintf("Søknad om støtte til %s - %s", a, org.navn), p.attach([]string{"Budsjett", "Program"}, 1)...)
	c.out(p.days(7, 30), org, fmt.Sprintf("Svar på søknad om støtte til %s - %s", a, org.navn))
	return c
}

// prizes are awarded once a year.
var prizes = []string{
	"Nordrana kommunes kulturpris", "Nordrana kommunes frivillighetspris", "Ungdommens kulturpris",
	"Nordrana kommunes byggeskikkpris", "Miljøprisen i Nordrana",
}

// kulturpris collects nominations for the culture prize. They are exempt
// until the prize is awarded (offl. § 26 andre ledd): the skjerming lapses
// on the day of the award.
func (p *planner) kulturpris() casePlan {
	prize, ok := p.fresh(func() string { return fmt.Sprintf("%s %d", pick(p.r, prizes), p.year()) })
	if !ok {
		return p.kulturmidler() // every prize of the year is taken
	}
	c := casePlan{unit: unitKult, title: prize, about: "tildeling av " + prize}
	var nominations []int
	for i := range between(p.r, 2, 4) {
		gap := p.days(3, 20)
		if i == 0 {
			gap = 0
		}
		e := c.in(gap, p.person(), "Forslag til kandidat - "+prize)
		e.skj = docsOnly(restrUO, pick(p.r, basisPrize))
		nominations = append(nominations, len(c.entries)-1)
	}
	c.note(offl.Saksframlegg, p.days(10, 30), "", "Tildeling av "+prize)
	award := len(c.entries) - 1
	for _, i := range nominations {
		c.entries[i].skj.lapseAt = award
	}
	c.out(p.days(3, 10), p.org(orgForening), "Melding om tildeling av "+prize)
	return c
}
