package demojournal

import (
	"fmt"

	"github.com/innsyn/innsyn/internal/offl"
)

// Case templates of Rådmannens stab: licences, procurements, appointments
// and personnel matters.

var bevillinger = []string{
	"alminnelig skjenkebevilling", "alminnelig skjenkebevilling", "serveringsbevilling",
	"utvidet skjenketid", "skjenkebevilling for enkeltanledning", "endring av styrer og stedfortreder",
}

// skjenke is a licence to serve alcohol: application, statements from the
// police and the tax authorities, decision.
func (p *planner) skjenke() casePlan {
	rest := p.org(orgServering)
	b := pick(p.r, bevillinger)
	// A licence runs for four years, so a place applies for it only once here.
	if b == "alminnelig skjenkebevilling" || b == "serveringsbevilling" {
		if _, ok := p.fresh(func() string { return b + " " + rest.navn }); !ok {
			b = pick(p.r, []string{"utvidet skjenketid", "skjenkebevilling for enkeltanledning"})
		}
	}
	c := casePlan{
		unit:  unitRadm,
		title: fmt.Sprintf("Søknad om %s - %s", b, rest.navn),
		about: fmt.Sprintf("%s for %s, %s", b, rest.navn, rest.adresse),
	}
	s := c.in(0, rest, c.title, p.attach([]string{"Firmaattest", "Plantegning", "Skatteattest", "Dokumentasjon av kunnskapsprøve", "Serveringskonsept"}, 2)...)
	switch {
	case chance(p.r, 0.1):
		s.skj = docsOnly(restr5a, pick(p.r, basisOld5a))
	case chance(p.r, 0.2):
		s.skj = docsOnly(restrUO, pick(p.r, basisBusiness))
	}
	politi := p.orgs.named("Nordland politidistrikt")
	if b == "skjenkebevilling for enkeltanledning" {
		c.out(p.days(3, 14), rest, "Vedtak - "+b+" - "+rest.navn).cc = []*party{politi}
		return c
	}
	skatt := p.orgs.named("Skatteetaten")
	o := c.out(p.days(2, 10), politi, fmt.Sprintf("Søknad om %s - %s - oversendelse for uttalelse", b, rest.navn))
	o.to = append(o.to, skatt)
	// The police statement is about the manager's record: personal matters.
	c.in(p.days(10, 30), politi, "Uttalelse fra politiet - "+rest.navn).skj = docsOnly(restrUO, pick(p.r, basisPersonal))
	if chance(p.r, 0.6) {
		c.in(p.days(0, 15), skatt, "Uttalelse fra Skatteetaten - "+rest.navn).skj = docsOnly(restrUO, pick(p.r, basisTax))
	}
	if b == "alminnelig skjenkebevilling" {
		c.note(offl.Saksframlegg, p.days(10, 30), "", fmt.Sprintf("Søknad om %s - %s", b, rest.navn))
	}
	c.out(p.days(5, 21), rest, "Vedtak - "+b+" - "+rest.navn).cc = []*party{politi}
	return c
}

// anskaffelser lists what is bought, by whom, and the suppliers that bid.
var anskaffelser = []struct {
	unit, what string
	bidders    []string
}{
	{unitTekn, "rammeavtale for brøyting og strøing", []string{"Polar Brøyt AS", "Nordland Maskinutleie AS", "Sørfjord Anlegg AS", "Nordrana Graveservice AS"}},
	{unitOko, "levering av kontorrekvisita", []string{"Kontorpartner Helgeland AS", "Helgeland Data AS", "Rana Storkjøkken AS"}},
	{unitEie, "rehabilitering av Gruben skole", []string{"Ranabygg AS", "Polarsirkelen Entreprenør AS", "Helgeland Byggteknikk AS", "Mo Ferdighus AS"}},
	{unitTekn, "ny mannskapsbil til brannvesenet", []string{"Brannteknikk Nord AS", "Nordland Maskinutleie AS"}},
	{unitEie, "rammeavtale for rørleggertjenester", []string{"Helgeland Rørleggerservice AS", "Helgeland Rør AS", "Ranabygg AS"}},
	{unitOppv, "IKT-utstyr til grunnskolen", []string{"Helgeland Data AS", "Kontorpartner Helgeland AS"}},
	{unitEie, "renhold av kommunale bygg", []string{"Rana Renhold AS", "Kontorpartner Helgeland AS"}},
	{unitTekn, "asfaltering av kommunale veier", []string{"Nordnorsk Asfalt AS", "Sørfjord Anlegg AS", "Nordrana Graveservice AS"}},
	{unitEie, "prosjektering av utvidelse av Selfors sykehjem", []string{"Svartisen Arkitekter AS", "Helgeland Byggteknikk AS", "Polarsirkelen Entreprenør AS"}},
	{unitSyk, "matleveranser til Selfors sykehjem", []string{"Rana Storkjøkken AS", "Fjordstua Mat og Vinhus AS", "Hotell Dunderland AS"}},
	{unitVA, "rehabilitering av vannledning i Båsmoveien", []string{"Nordrana Graveservice AS", "Helgeland Rør AS", "Sørfjord Anlegg AS", "Rana Betong AS"}},
}

// anskaffelse is a public procurement. Tenders, evaluation and protocol are
// exempt (offl. § 23 tredje ledd) until the contract is awarded; their
// skjerming lapses on the day of the award letter.
func (p *planner) anskaffelse() casePlan {
	a := anskaffelser[0]
	what, ok := p.fresh(func() string {
		a = pick(p.r, anskaffelser)
		return fmt.Sprintf("%s %d", a.what, p.year())
	})
	if !ok {
		return p.okonomi() // this year's procurements are all under way
	}
	c := casePlan{unit: a.unit, title: "Anskaffelse - " + what, about: what}
	var bidders []*party
	for _, i := range p.r.Perm(len(a.bidders))[:between(p.r, 2, len(a.bidders))] {
		bidders = append(bidders, p.orgs.named(a.bidders[i]))
	}
	c.note(offl.OrganinterntUtenOppfoelging, 0, "", "Konkurransegrunnlag - "+what, "Kravspesifikasjon", "Kontraktsvilkår")
	if chance(p.r, 0.5) {
		c.in(p.days(5, 15), bidders[0], "Spørsmål til konkurransegrunnlaget - "+what)
		c.out(p.days(1, 5), bidders[0], "Svar på spørsmål til konkurransegrunnlaget - "+what)
	}
	var exempt []int
	for i, b := range bidders {
		gap := p.days(0, 2)
		if i == 0 {
			gap = p.days(10, 25)
		}
		e := c.in(gap, b, "Tilbud - "+what+" - "+b.navn, p.attach([]string{"Prisskjema", "Referanseliste", "CV-er"}, 1)...)
		switch {
		case chance(p.r, 0.08):
			e.skj = docsOnly(restr5a, pick(p.r, basisOld5a))
		case chance(p.r, 0.1):
			e.skj = docsOnly(restrUO, pick(p.r, basisBusiness))
		default:
			e.skj = docsOnly(restrUO, pick(p.r, basisTender))
			exempt = append(exempt, len(c.entries)-1)
		}
	}
	if chance(p.r, 0.3) {
		c.in(p.days(3, 14), p.org(orgAdvokat), "Juridisk vurdering - "+what).skj = docsOnly(restrX, pick(p.r, basisObtained))
	}
	c.note(offl.OrganinterntForOppfoelging, p.days(5, 20), unitOko, "Evalueringsrapport - "+what).skj = docsOnly(restrUO, pick(p.r, basisTender))
	exempt = append(exempt, len(c.entries)-1)
	c.note(offl.OrganinterntUtenOppfoelging, p.days(0, 5), "", "Anskaffelsesprotokoll - "+what).skj = docsOnly(restrUO, pick(p.r, basisTender))
	exempt = append(exempt, len(c.entries)-1)
	winner := bidders[p.r.IntN(len(bidders))]
	t := c.out(p.days(1, 5), winner, "Meddelelse om tildeling av kontrakt - "+what)
	for _, b := range bidders {
		if b != winner {
			t.to = append(t.to, b)
		}
	}
	award := len(c.entries) - 1
	for _, i := range exempt {
		c.entries[i].skj.lapseAt = award
	}
	c.out(p.days(12, 30), winner, "Kontrakt - "+what+" - "+winner.navn)
	return c
}

var stillinger = []struct{ unit, kort, full string }{
	{"OPPV-SKO1", "lærer", "lærer 100 % fast stilling - Gruben skole"},
	{"OPPV-SKO3", "lektor", "lektor i realfag - Mo ungdomsskole"},
	{unitSyk, "sykepleier", "sykepleier 80 % - Selfors sykehjem"},
	{"OPPV-BHG1", "pedagogisk leder", "pedagogisk leder - Ytteren barnehage"},
	{unitOko, "rådgiver", "rådgiver - Økonomi"},
	{unitVA, "ingeniør", "ingeniør - Vann og avløp"},
	{unitHjt, "helsefagarbeider", "helsefagarbeider 75 % - Hjemmetjenesten"},
	{unitPlan, "byggesaksbehandler", "byggesaksbehandler - Plan og byggesak"},
	{unitKomm, "kommunikasjonsrådgiver", "kommunikasjonsrådgiver - Kommunikasjonsenheten"},
	{"OPPV-BHG3", "barnehagelærer", "barnehagelærer vikariat - Hauknes barnehage"},
	{unitNav, "sosialkonsulent", "sosialkonsulent - NAV Nordrana"},
	{unitTekn, "fagarbeider", "fagarbeider vei og park - Teknisk drift"},
}

// tilsetting is an appointment. Applications and the recommendation are
// exempt (offl. § 25 første ledd); applicants who asked to be left off the
// public list are screened by name (§ 25 andre ledd); the person appointed
// is always public.
func (p *planner) tilsetting() casePlan {
	s := pick(p.r, stillinger)
	// Vacancies are numbered, as the same kind of post is filled again and again.
	full := fmt.Sprintf("%s - ref. %d", s.full, between(p.r, 1000, 9999))
	c := casePlan{unit: pick(p.r, []string{s.unit, unitPers}), title: "Tilsetting - " + full, about: "stillingen som " + s.full}
	c.note(offl.OrganinterntUtenOppfoelging, 0, "", "Utlysning - "+full)
	var chosen *party
	for i := range between(p.r, 2, 5) {
		gap := p.days(0, 4)
		if i == 0 {
			gap = p.days(7, 21)
		}
		if i > 0 && chance(p.r, 0.3) {
			a := p.secretAdult("")
			e := c.in(gap, a, fmt.Sprintf("Søknad på stilling som %s - %s", s.kort, a.navn), "CV", "Attester")
			e.skj = &skjPlan{restr: restrPers, basis: pick(p.r, basisApplicant), phrases: []string{a.navn},
				byWords: chance(p.r, 0.3), names: true, docs: allDocs, lapseAt: -1}
			continue
		}
		a := p.person()
		if chosen == nil || chance(p.r, 0.3) {
			chosen = a
		}
		e := c.in(gap, a, fmt.Sprintf("Søknad på stilling som %s - %s", s.kort, a.navn), "CV", "Attester")
		e.skj = docsOnly(restrPers, pick(p.r, basisAppointment))
	}
	c.note(offl.OrganinterntUtenOppfoelging, p.days(1, 5), "", "Offentlig søkerliste - "+full)
	c.note(offl.OrganinterntForOppfoelging, p.days(10, 30), unitPers, "Innstilling - "+full).skj = docsOnly(restrPers, pick(p.r, basisAppointment))
	c.out(p.days(3, 14), chosen, fmt.Sprintf("Tilbud om stilling som %s - %s", s.kort, chosen.navn))
	c.in(p.days(2, 10), chosen, fmt.Sprintf("Aksept av tilbud om stilling som %s - %s", s.kort, chosen.navn))
	a := c.out(p.days(5, 30), chosen, fmt.Sprintf("Arbeidsavtale - %s - %s", s.kort, chosen.navn))
	if chance(p.r, 0.1) {
		a.skj = docsOnly(restr6, pick(p.r, basisOld6))
	} else {
		a.skj = docsOnly(restrPers, pick(p.r, basisAppointment))
	}
	return c
}

// personalsak is a personnel matter about one employee, screened by name.
func (p *planner) personalsak() casePlan {
	emp := p.secretAdult("")
	c := casePlan{unit: unitPers, title: "Personalsak - " + emp.navn, about: "oppfølging av arbeidsforholdet"}
	if chance(p.r, 0.1) {
		p.protect(&c, restr6, pick(p.r, basisOld6), emp.navn)
	} else {
		p.protect(&c, restrPers, pick(p.r, basisPersonal), emp.navn)
	}
	switch p.r.IntN(3) {
	case 0:
		c.note(offl.OrganinterntForOppfoelging, 0, unitPers, "Oppfølgingsplan ved sykefravær - "+emp.navn)
		c.out(p.days(7, 30), emp, "Innkalling til dialogmøte - "+emp.navn)
		c.note(offl.OrganinterntUtenOppfoelging, p.days(7, 21), "", "Referat fra dialogmøte - "+emp.navn)
	case 1:
		c.in(0, emp, "Søknad om permisjon uten lønn - "+emp.navn)
		c.out(p.days(5, 21), emp, "Svar på søknad om permisjon - "+emp.navn)
	default:
		c.in(0, emp, "Oppsigelse av stilling - "+emp.navn)
		c.out(p.days(2, 10), emp, "Bekreftelse på mottatt oppsigelse - "+emp.navn)
	}
	return c
}

var workplaces = []string{unitSyk, unitHjt, unitVA, "OPPV-SKO2", "OPPV-BHG2", unitPlan, unitNav}

// varsling is a whistleblowing report; the whistleblower's identity is
// confidential, so every correspondent's name is screened.
func (p *planner) varsling() casePlan {
	where := unitName(pick(p.r, workplaces))
	who := p.secretAdult("")
	c := casePlan{unit: unitPers, title: "Varsel om kritikkverdige forhold - " + where, about: "varsel om kritikkverdige forhold ved " + where}
	hide := func() *skjPlan {
		return &skjPlan{restr: restrPers, basis: basisWhistle[0], names: true, docs: allDocs, lapseAt: -1}
	}
	c.in(0, who, "Varsel om kritikkverdige forhold - "+where).skj = hide()
	c.note(offl.OrganinterntForOppfoelging, p.days(1, 7), unitRadm, "Oppfølging av varsel - "+where).skj = hide()
	c.out(p.days(2, 10), who, "Bekreftelse på mottatt varsel").skj = hide()
	if chance(p.r, 0.5) {
		c.note(offl.OrganinterntUtenOppfoelging, p.days(20, 60), "", "Rapport etter undersøkelse av varsel - "+where).skj = docsOnly(restrX, pick(p.r, basisInternal))
	}
	return c
}
