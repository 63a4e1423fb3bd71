package demojournal

import (
	"fmt"
	"strings"

	"github.com/innsyn/innsyn/internal/offl"
)

// Case templates of Plan og byggesak: building permits, the sale of
// building lots, appeals and public hearings.

var tiltakList = []string{
	"oppføring av enebolig", "oppføring av garasje", "tilbygg til bolig", "oppføring av fritidsbolig",
	"bruksendring fra kjeller til boenhet", "riving av uthus", "oppføring av tomannsbolig",
	"fasadeendring", "oppføring av carport", "oppføring av terrasse", "påbygg med ny etasje",
	"oppføring av anneks", "oppføring av naust",
}

// smallBuilding reports whether the owner may apply without a contractor.
func smallBuilding(tiltak string) bool {
	switch tiltak {
	case "oppføring av garasje", "oppføring av carport", "oppføring av terrasse",
		"riving av uthus", "oppføring av anneks", "oppføring av naust":
		return true
	}
	return false
}

var byggesakVedlegg = []string{
	"Situasjonskart", "Tegninger", "Nabovarsel", "Kvittering for nabovarsel", "Erklæring om ansvarsrett",
	"Gjennomføringsplan", "Redegjørelse for avkjørsel", "Foto av eiendommen", "Fasadetegninger",
}

// attach draws up to n distinct attachment titles from pool.
func (p *planner) attach(pool []string, n int) []string {
	k := between(p.r, 0, n)
	idx := p.r.Perm(len(pool))[:k]
	out := make([]string, k)
	for i, j := range idx {
		out[i] = pool[j]
	}
	return out
}

func (p *planner) byggesak() casePlan {
	e := p.property()
	t := pick(p.r, tiltakList)
	ref := e.ref()
	c := casePlan{
		unit:  unitPlan,
		title: fmt.Sprintf("Byggesøknad - gnr. %d bnr. %d - %s - %s", e.gnr, e.bnr, e.adresse, t),
		about: fmt.Sprintf("%s på %s, %s på %s", t, ref, e.adresse, e.distrikt),
	}
	owner := p.person()
	applicant := owner
	if chance(p.r, 0.65) {
		applicant = p.org(orgBygg)
	}
	soknad := pick(p.r, []string{"rammetillatelse", "ett-trinns tillatelse"})
	if smallBuilding(t) && chance(p.r, 0.6) {
		// Small buildings may be applied for by the owner without a
		// responsible contractor (byggesaksforskriften § 3-1).
		soknad, applicant = "tillatelse til tiltak uten ansvarsrett", owner
	}
	var neighbours []*party
	if chance(p.r, 0.3) {
		n := p.person()
		neighbours = append(neighbours, n)
		c.in(0, n, "Merknad til nabovarsel - "+t+" - "+ref)
	}
	application := fmt.Sprintf("Søknad om %s - %s - %s", soknad, t, ref)
	if soknad == "ett-trinns tillatelse" {
		application = fmt.Sprintf("Byggesøknad - %s - %s - %s", soknad, t, ref) // as many archives write it
	}
	c.in(p.days(0, 10), applicant, application, p.attach(byggesakVedlegg, 2)...)
	if chance(p.r, 0.2) {
		c.note(offl.OrganinterntForOppfoelging, p.days(2, 10), unitVA, "Intern høring - tilknytning til vann og avløp - "+ref)
	}
	if chance(p.r, 0.2) {
		c.note(offl.OrganinterntUtenOppfoelging, p.days(3, 20), "", "Befaringsrapport - "+ref, "Foto fra befaring")
	}
	if chance(p.r, 0.4) {
		c.out(p.days(7, 21), applicant, fmt.Sprintf("Mangelbrev - søknad om %s - %s", soknad, ref))
		c.in(p.days(7, 45), applicant, "Tilleggsdokumentasjon - "+ref, p.attach([]string{"Reviderte tegninger", "Situasjonskart", "Nabovarsel"}, 2)...)
	}
	if chance(p.r, 0.15) {
		sf := p.orgs.named("Statsforvalteren i Nordland")
		o := c.out(p.days(5, 15), sf, "Søknad om dispensasjon - "+ref+" - oversendelse for uttalelse")
		o.cc = []*party{p.orgs.named("Nordland fylkeskommune")}
		c.in(p.days(14, 35), sf, "Uttalelse til søknad om dispensasjon - "+ref)
	}
	if chance(p.r, 0.08) {
		p.byggesakAvslag(&c, applicant, soknad, t, ref)
		return c
	}
	title := fmt.Sprintf("Vedtak - %s - %s - %s", soknad, t, ref)
	if soknad == "rammetillatelse" {
		title = fmt.Sprintf("Rammetillatelse - %s - %s", t, ref)
	}
	v := c.out(p.days(10, 35), applicant, title)
	if applicant != owner {
		v.cc = append(v.cc, owner)
	}
	v.cc = append(v.cc, neighbours...)
	if soknad == "rammetillatelse" {
		c.in(p.days(20, 90), applicant, "Søknad om igangsettingstillatelse - "+ref, "Gjennomføringsplan")
		c.out(p.days(5, 20), applicant, fmt.Sprintf("Igangsettingstillatelse - %s - %s", t, ref))
	}
	if chance(p.r, 0.5) {
		c.in(p.days(60, 240), applicant, "Søknad om ferdigattest - "+ref, p.attach([]string{"Sluttrapport for avfallshåndtering", "Samsvarserklæring"}, 1)...)
		c.out(p.days(5, 20), applicant, fmt.Sprintf("Ferdigattest - %s - %s", t, ref))
	}
	return c
}

// byggesakAvslag ends a building case with a refusal and an appeal.
func (p *planner) byggesakAvslag(c *casePlan, applicant *party, soknad, t, ref string) {
	c.out(p.days(10, 35), applicant, fmt.Sprintf("Avslag på søknad om %s - %s - %s", soknad, t, ref))
	if !chance(p.r, 0.6) {
		return
	}
	c.in(p.days(10, 21), applicant, "Klage på vedtak om avslag - "+ref)
	c.note(offl.Saksframlegg, p.days(14, 40), "", fmt.Sprintf("Klage på avslag - %s - %s", t, ref))
	sf := p.orgs.named("Statsforvalteren i Nordland")
	o := c.out(p.days(3, 10), sf, "Oversendelse av klage til Statsforvalteren - "+ref)
	o.cc = []*party{applicant}
	c.in(p.days(40, 120), sf, "Vedtak i klagesak - "+ref)
}

// tomt is the sale of a municipal building lot. The buyer's application
// carries a fødselsnummer in its title, screened by offl. § 26 femte ledd
// (the buyer's name is public).
func (p *planner) tomt() casePlan {
	var felt string
	var nr int
	if _, ok := p.fresh(func() string {
		felt, nr = pick(p.r, boligfelt), between(p.r, 1, 40)
		return fmt.Sprint("tomt ", felt, nr)
	}); !ok {
		return p.byggesak() // a lot is sold once; these are all sold
	}
	c := casePlan{
		unit:  unitEie,
		title: fmt.Sprintf("Salg av tomt nr. %d - %s", nr, felt),
		about: fmt.Sprintf("kjøp av tomt nr. %d i %s", nr, felt),
	}
	buyer := p.person()
	born := p.date.AddDate(-between(p.r, 24, 60), 0, -between(p.r, 0, 364))
	fnr := formatFnr(fodselsnummer(p.r, born), p.r.IntN(3))
	s := c.in(0, buyer, fmt.Sprintf("Søknad om kjøp av tomt - %s - %s - %s", felt, buyer.navn, fnr), "Finansieringsbevis")
	s.mainDoc = "Søknad om kjøp av tomt"
	s.skj = &skjPlan{restr: restrUO, basis: pick(p.r, basisFnr), phrases: []string{fnr}, docs: mainDoc, partsOnly: true, lapseAt: -1}
	c.out(p.days(14, 60), buyer, fmt.Sprintf("Tildeling av tomt nr. %d - %s", nr, felt))
	c.in(p.days(5, 20), buyer, fmt.Sprintf("Aksept av tildeling - tomt nr. %d - %s", nr, felt))
	k := c.out(p.days(20, 90), buyer, fmt.Sprintf("Kjøpekontrakt - tomt nr. %d - %s", nr, felt))
	k.skj = &skjPlan{restr: restrUO, basis: pick(p.r, basisFnr), docs: mainDoc, partsOnly: true, lapseAt: -1}
	return c
}

// klage is an appeal against a decision, prepared by the municipality and
// forwarded to Statsforvalteren.
func (p *planner) klage() casePlan {
	e := p.property()
	subjects := []struct{ unit, what string }{
		{unitPlan, "avslag på søknad om dispensasjon - " + e.ref()},
		{unitPlan, "gebyr for byggesaksbehandling - " + e.ref()},
		{unitPlan, "pålegg om retting - " + e.ref()},
		{unitVA, "vann- og avløpsgebyr - " + e.adresse},
		{unitOko, "eiendomsskatt - " + e.ref()},
		{unitTekn, "avkjøringstillatelse - " + e.ref()},
	}
	s := pick(p.r, subjects)
	c := casePlan{unit: s.unit, title: "Klage på vedtak - " + s.what, about: "klage på vedtak om " + s.what}
	klager := p.person()
	c.in(0, klager, "Klage på vedtak - "+s.what)
	if chance(p.r, 0.5) {
		x := c.note(offl.OrganinterntUtenOppfoelging, p.days(5, 20), "", "Vurdering av klage - "+s.what)
		if chance(p.r, 0.5) {
			x.skj = docsOnly(restrX, pick(p.r, basisInternal))
		}
	}
	if chance(p.r, 0.3) {
		c.out(p.days(10, 30), klager, "Vedtak - klagen tas til følge - "+s.what)
		return c
	}
	c.note(offl.Saksframlegg, p.days(10, 40), "", "Klage på vedtak - "+s.what)
	sf := p.orgs.named("Statsforvalteren i Nordland")
	o := c.out(p.days(3, 14), sf, "Oversendelse av klage til Statsforvalteren - "+s.what)
	o.cc = []*party{klager}
	c.in(p.days(40, 150), sf, "Vedtak i klagesak - "+s.what)
	return c
}

var horingSubjects = []struct{ unit, subj string }{
	{unitPlan, "forslag til detaljregulering for Båsmoen sentrum"},
	{unitPlan, "revisjon av kommuneplanens arealdel 2024–2036"},
	{unitPlan, "planprogram for kommunedelplan Mo sentrum"},
	{unitPlan, "reguleringsplan for Hauknes boligfelt"},
	{unitPlan, "detaljregulering for Ytterlia næringsområde"},
	{unitTekn, "lokal forskrift om feiing og tilsyn"},
	{unitVA, "forskrift om vann- og avløpsgebyrer"},
	{unitRadm, "trafikksikkerhetsplan 2024–2027"},
	{unitOppv, "plan for kulturarv i Nordrana"},
	{unitHelse, "boligsosial handlingsplan 2024–2028"},
}

// horing sends a proposal out for comments and collects the answers.
func (p *planner) horing() casePlan {
	var s struct{ unit, subj string }
	key, ok := p.fresh(func() string { s = pick(p.r, horingSubjects); return s.subj })
	if !ok {
		// Once the big plans have been heard, zoning plans for single
		// properties keep coming.
		e := p.property()
		s.unit, s.subj = unitPlan, fmt.Sprintf("detaljregulering for %s, %s", e.ref(), e.adresse)
	} else {
		s.subj = key
	}
	c := casePlan{unit: s.unit, title: "Høring - " + s.subj, about: s.subj}
	recipients := append(p.orgsOf(orgOffentlig, between(p.r, 2, 4)), p.orgsOf(orgForening, between(p.r, 1, 3))...)
	o := c.out(0, recipients[0], "Høring og offentlig ettersyn - "+s.subj, "Planbeskrivelse", "Plankart")
	o.to = append(o.to, recipients[1:]...)
	n := between(p.r, 2, 6)
	for i := range n {
		if i < len(recipients) && chance(p.r, 0.7) {
			c.in(p.days(5, 25), recipients[i], "Høringsuttalelse - "+s.subj)
		} else {
			c.in(p.days(5, 25), p.person(), "Merknad til høring - "+s.subj)
		}
	}
	if chance(p.r, 0.5) {
		c.note(offl.OrganinterntForOppfoelging, p.days(5, 20), unitPol, "Oppsummering av høringsuttalelser - "+s.subj)
	}
	c.note(offl.Saksframlegg, p.days(10, 40), "", upperFirst(s.subj)+" - sluttbehandling")
	m := c.out(p.days(14, 40), recipients[0], "Melding om vedtak - "+s.subj)
	m.cc = recipients[1:]
	return c
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
