package demojournal

import (
	"github.com/innsyn/innsyn/internal/offl"
)

// Case templates of Helse og omsorg. Every one of them is about a person
// whose name is screened under a duty of confidentiality.

var tjenester = []struct{ name, unit string }{
	{"hjemmesykepleie", unitHjt},
	{"praktisk bistand", unitHjt},
	{"trygghetsalarm", unitHjt},
	{"korttidsopphold", unitSyk},
	{"langtidsopphold i sykehjem", unitSyk},
	{"brukerstyrt personlig assistanse", unitTild},
	{"omsorgsstønad", unitTild},
	{"dagsenterplass", unitSyk},
	{"støttekontakt", unitTild},
}

// helse is an application for health and care services.
func (p *planner) helse() casePlan {
	client := p.secretAdult("")
	t := pick(p.r, tjenester)
	c := casePlan{
		unit:  unitTild,
		title: "Helse- og omsorgstjenester - " + client.navn,
		about: "tildeling av " + t.name + " etter helse- og omsorgstjenesteloven",
	}
	p.protect(&c, pick(p.r, []string{restrUO, restrP}), pick(p.r, basisHealth), client.navn)
	applicant := client
	if chance(p.r, 0.4) {
		// A relative applies on the client's behalf.
		applicant = p.secretAdult("")
	}
	c.in(0, applicant, "Søknad om helse- og omsorgstjenester - "+client.navn, p.attach([]string{"Legeerklæring", "Fullmakt", "Epikrise"}, 2)...)
	if chance(p.r, 0.5) {
		c.note(offl.OrganinterntForOppfoelging, p.days(2, 10), t.unit, "Kartlegging av funksjonsnivå - "+client.navn)
	}
	c.out(p.days(7, 30), client, "Vedtak om "+t.name+" - "+client.navn)
	if chance(p.r, 0.3) {
		c.out(p.days(1, 10), client, "Vedtak om egenandel - "+client.navn)
	}
	if chance(p.r, 0.2) {
		sf := p.orgs.named("Statsforvalteren i Nordland")
		c.in(p.days(10, 21), applicant, "Klage på vedtak om "+t.name+" - "+client.navn)
		c.out(p.days(10, 30), sf, "Oversendelse av klage til Statsforvalteren - "+client.navn)
		c.in(p.days(30, 120), sf, "Vedtak i klagesak - "+client.navn)
	}
	if chance(p.r, 0.25) {
		c.out(p.days(60, 240), client, "Revurdering av vedtak om "+t.name+" - "+client.navn)
	}
	return c
}

// sosial is a matter of the social services (economic assistance, the
// municipal housing loan).
func (p *planner) sosial() casePlan {
	client := p.secretAdult("")
	if chance(p.r, 0.35) {
		c := casePlan{unit: unitNav, title: "Startlån - " + client.navn, about: "startlån fra Husbanken til kjøp av bolig"}
		p.protect(&c, restrUO, pick(p.r, basisPersonal), client.navn)
		c.in(0, client, "Søknad om startlån - "+client.navn, p.attach([]string{"Lønnsslipp", "Skattemelding", "Kjøpekontrakt"}, 2)...)
		c.out(p.days(14, 45), client, "Vedtak om startlån - "+client.navn)
		if chance(p.r, 0.5) {
			c.out(p.days(3, 14), p.orgs.named("Husbanken"), "Melding om tildelt startlån - "+client.navn)
		}
		return c
	}
	c := casePlan{unit: unitNav, title: "Økonomisk stønad - " + client.navn, about: "økonomisk stønad etter sosialtjenesteloven"}
	p.protect(&c, restrUO, pick(p.r, basisSocial), client.navn)
	c.in(0, client, "Søknad om økonomisk stønad - "+client.navn, p.attach([]string{"Kontoutskrift", "Husleiekontrakt"}, 2)...)
	c.out(p.days(5, 20), client, "Vedtak om økonomisk stønad - "+client.navn)
	if chance(p.r, 0.15) {
		c.in(p.days(10, 21), client, "Klage på vedtak om økonomisk stønad - "+client.navn)
	}
	return c
}
