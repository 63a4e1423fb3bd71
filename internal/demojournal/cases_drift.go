package demojournal

import (
	"fmt"

	"github.com/innsyn/innsyn/internal/offl"
)

// Case templates of the day-to-day running of the municipality: finance,
// politics, communication, internal routines and technical services.

// street draws a street name with its district.
func (p *planner) street() string {
	d := pick(p.r, districts)
	return pick(p.r, d.streets) + ", " + d.name
}

func (p *planner) okonomi() casePlan {
	y := p.year()
	nr := fmt.Sprintf("%d-%05d", y, between(p.r, 1000, 99999))
	switch p.r.IntN(4) {
	case 0:
		org := p.org(pick(p.r, []orgKind{orgBygg, orgServering, orgLeverandor}))
		c := casePlan{unit: unitOko, title: "Inkasso - faktura " + nr + " - " + org.navn, about: "ubetalt faktura nr. " + nr + " for kommunale tjenester"}
		c.out(0, org, "Betalingspåminnelse - faktura "+nr)
		c.out(p.days(14, 21), org, "Inkassovarsel - faktura "+nr+" - "+org.navn)
		if chance(p.r, 0.3) {
			c.in(p.days(3, 14), org, "Innsigelse mot inkassovarsel - faktura "+nr)
		} else if chance(p.r, 0.5) {
			c.out(p.days(14, 30), p.orgs.named("Advokatfirmaet Helgeland DA"), "Oversendelse til inkasso - faktura "+nr+" - "+org.navn)
		}
		return c
	case 1:
		who := p.secretAdult("")
		c := casePlan{unit: unitOko, title: "Betalingsutsettelse - eiendomsskatt - " + who.navn, about: "utsettelse av betaling av eiendomsskatt"}
		p.protect(&c, restrP, pick(p.r, basisPersonal), who.navn)
		c.in(0, who, "Søknad om betalingsutsettelse - eiendomsskatt - "+who.navn)
		c.out(p.days(5, 21), who, "Svar på søknad om betalingsutsettelse - "+who.navn)
		return c
	case 2:
		org := p.org(orgLeverandor)
		c := casePlan{unit: unitOko, title: "Faktura " + nr + " - " + org.navn, about: "faktura nr. " + nr + " fra " + org.navn}
		c.in(0, org, "Faktura "+nr+" - "+org.navn)
		if chance(p.r, 0.3) {
			c.out(p.days(5, 20), org, "Reklamasjon på faktura "+nr)
			c.in(p.days(5, 20), org, "Kreditnota - faktura "+nr)
		}
		return c
	default:
		u := pick(p.r, []string{unitOppv, unitHelse, unitTekn, unitPlan})
		t := between(p.r, 1, 2)
		subj := fmt.Sprintf("Budsjettjustering %d. tertial %d - %s", t, y, unitName(u))
		c := casePlan{unit: unitOko, title: subj, about: fmt.Sprintf("budsjettjustering for %d. tertial %d", t, y)}
		n := c.note(offl.OrganinterntForOppfoelging, 0, unitOko, "Melding om merforbruk - "+unitName(u))
		n.unit = u
		x := c.note(offl.OrganinterntUtenOppfoelging, p.days(3, 14), "", "Notat - "+subj)
		if chance(p.r, 0.5) {
			x.skj = docsOnly(restrX, pick(p.r, basisInternal))
		}
		c.note(offl.Saksframlegg, p.days(5, 20), "", subj)
		c.note(offl.OrganinterntForOppfoelging, p.days(14, 30), u, "Melding om vedtak - "+subj)
		return c
	}
}

// politiskeSaker are subjects for the municipal council, each dealt with
// once; %d is replaced by the year the case starts.
var politiskeSaker = []string{
	"Budsjett %d og økonomiplan", "Årsrapport og årsregnskap %d", "Eierskapsmelding %d",
	"Tilstandsrapport for grunnskolen %d", "Kommunal planstrategi", "Reglement for godtgjøring til folkevalgte",
	"Navnsetting av veier i Hauknes", "Etablering av ungdomsråd", "Valg av meddommere",
	"Interpellasjon om gang- og sykkelvei på Båsmoen", "Rusmiddelpolitisk handlingsplan",
	"Samarbeidsavtale med Helgelandssykehuset HF", "Ny brannstasjon - finansiering",
}

func (p *planner) politisk() casePlan {
	y := p.year()
	if chance(p.r, 0.12) {
		e := p.property()
		subj := "Kjøp av eiendom " + e.ref() + " - " + e.adresse
		c := casePlan{unit: unitRadm, title: subj, about: "kjøp av " + e.ref() + " til kommunale formål"}
		c.note(offl.OrganinterntUtenOppfoelging, 0, "", "Forhandlingsnotat - "+subj).skj = docsOnly(restrUO, pick(p.r, basisNegotiation))
		c.note(offl.Saksframlegg, p.days(14, 40), "", subj)
		c.out(p.days(7, 21), p.person(), "Melding om vedtak - "+subj)
		return c
	}
	subj, ok := p.fresh(func() string {
		switch s := pick(p.r, politiskeSaker); s {
		case "Budsjett %d og økonomiplan":
			return fmt.Sprintf("Budsjett %d og økonomiplan %d–%d", y+1, y+1, y+4)
		case "Årsrapport og årsregnskap %d":
			return fmt.Sprintf(s, y-1)
		case "Eierskapsmelding %d", "Tilstandsrapport for grunnskolen %d":
			return fmt.Sprintf(s, y)
		default:
			return s
		}
	})
	if !ok {
		// The council's yearly matters are taken; questions from its
		// members (public persons) never run out.
		subj = pick(p.r, []string{"Interpellasjon fra ", "Spørsmål fra "}) + p.person().navn + " om " + pick(p.r, mediaTopics)
	}
	c := casePlan{unit: pick(p.r, []string{unitPol, unitRadm}), title: subj, about: "saken om " + subj}
	if chance(p.r, 0.5) {
		x := c.note(offl.OrganinterntUtenOppfoelging, 0, "", "Notat - "+subj)
		if chance(p.r, 0.3) {
			x.skj = docsOnly(restrX, pick(p.r, basisInternal))
		}
	}
	c.note(offl.Saksframlegg, p.days(5, 30), "", subj, p.attach([]string{"Høringsuttalelser", "Kostnadsoverslag", "Utredning"}, 1)...)
	if chance(p.r, 0.5) {
		c.note(offl.Saksframlegg, p.days(14, 30), "", subj+" - kommunestyret")
	}
	if chance(p.r, 0.5) {
		c.out(p.days(3, 14), p.org(pick(p.r, []orgKind{orgOffentlig, orgForening})), "Melding om vedtak - "+subj)
	}
	return c
}

var months = []string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

var pressemeldinger = []string{
	"åpning av ny gang- og sykkelvei på Båsmoen", "oppstart av arbeidet med kommuneplanens samfunnsdel",
	"kokevarsel for Båsmoen vannverk", "stengt vei i Hauknesveien", "nye åpningstider på servicetorget",
	"ledige barnehageplasser fra januar", "influensavaksinering for eldre", "sommeråpent i Svømmehallen på Mo",
	"tømmekalender for renovasjon", "kommunens krisetelefon ved strømbrudd",
}

var mediaTopics = []string{
	"skoleskyss i Skonseng", "ventetid på sykehjemsplass", "brøyting i Ytteren", "vannkvaliteten på Båsmoen",
	"kommunens bruk av konsulenter", "nytt svømmeanlegg", "sommerstenging av barnehagene", "eiendomsskatten",
}

func (p *planner) kommunikasjon() casePlan {
	topic := pick(p.r, mediaTopics)
	switch p.r.IntN(3) {
	case 0:
		m := p.org(orgMedia)
		c := casePlan{unit: unitKomm, title: "Henvendelse fra " + m.navn + " - " + topic, about: "spørsmål fra pressen om " + topic}
		c.in(0, m, "Spørsmål om "+topic)
		c.out(p.days(0, 3), m, "Svar på spørsmål fra "+m.navn+" - "+topic)
		return c
	case 1:
		// Requests concern older cases, whose numbers surely exist.
		sak := fmt.Sprintf("%d/%d", p.year()-between(p.r, 1, 3), between(p.r, 10, 400))
		from := p.person()
		if chance(p.r, 0.5) {
			from = p.org(orgMedia)
		}
		c := casePlan{unit: unitKomm, title: "Innsynskrav - sak " + sak, about: "innsyn i dokumenter i sak " + sak}
		c.in(0, from, "Innsynskrav - sak "+sak)
		c.out(p.days(0, 3), from, "Svar på innsynskrav - sak "+sak)
		return c
	default:
		var news string
		if _, ok := p.fresh(func() string { news = pick(p.r, pressemeldinger); return fmt.Sprint(news, " ", p.year()) }); !ok {
			return p.kommunikasjon()
		}
		c := casePlan{unit: unitKomm, title: "Pressemelding - " + news, about: news}
		c.note(offl.OrganinterntUtenOppfoelging, 0, "", "Pressemelding - "+news)
		return c
	}
}

func (p *planner) intern() casePlan {
	y := p.year()
	switch p.r.IntN(4) {
	case 0:
		// One case per month holds that month's minutes.
		month := months[p.date.Month()-1] + " " + fmt.Sprint(y)
		if _, ok := p.fresh(func() string { return "ledermøter " + month }); !ok {
			return p.teknisk()
		}
		c := casePlan{unit: unitRadm, title: "Referater fra ledermøter - " + month, about: "ledermøtet i rådmannens stab"}
		for i := range between(p.r, 1, 4) {
			gap := 7
			if i == 0 {
				gap = 0
			}
			_, week := p.date.AddDate(0, 0, 7*i).ISOWeek()
			c.note(offl.OrganinterntUtenOppfoelging, gap, "", fmt.Sprintf("Referat fra ledermøte - uke %d", week))
		}
		return c
	case 1:
		u := pick(p.r, workplaces)
		c := casePlan{unit: u, title: "Avviksmelding - " + unitName(u), about: "avvik i internkontrollen ved " + unitName(u)}
		c.note(offl.OrganinterntForOppfoelging, 0, unitRadm, "Avviksmelding - "+unitName(u)).skj = docsOnly(restrX, pick(p.r, basisInternal))
		c.note(offl.OrganinterntUtenOppfoelging, p.days(3, 20), "", "Lukking av avvik - "+unitName(u))
		return c
	case 2:
		c := casePlan{unit: unitRadm, title: fmt.Sprintf("Beredskapsplan for Nordrana kommune - revisjon %d", y), about: "kommunens beredskapsplan"}
		c.note(offl.OrganinterntUtenOppfoelging, 0, "", c.title).skj = docsOnly(restrUO, pick(p.r, basisSecurity))
		return c
	default:
		b := pick(p.r, municipalBuildings)
		c := casePlan{unit: unitEie, title: "Risiko- og sårbarhetsanalyse - " + b, about: "sikring av " + b}
		c.note(offl.OrganinterntForOppfoelging, 0, unitRadm, "Risiko- og sårbarhetsanalyse - "+b).skj = docsOnly(restrUO, pick(p.r, basisSecurity))
		return c
	}
}

func (p *planner) teknisk() casePlan {
	switch p.r.IntN(6) {
	case 0:
		org, st := p.org(orgBygg), p.street()
		c := casePlan{unit: unitTekn, title: "Gravemelding - " + st + " - " + org.navn, about: "graving i kommunal vei i " + st}
		c.in(0, org, "Gravemelding - "+st, "Kart over gravestedet")
		c.out(p.days(2, 10), org, "Gravetillatelse - "+st)
		if chance(p.r, 0.3) {
			c.in(p.days(20, 60), org, "Ferdigmelding etter graving - "+st)
		}
		return c
	case 1:
		e := p.property()
		who := p.person()
		if chance(p.r, 0.4) {
			who = p.org(orgBygg)
		}
		c := casePlan{unit: unitVA, title: "Tilknytning til kommunalt vann og avløp - " + e.ref(), about: "tilknytning av " + e.adresse + " til kommunalt vann og avløp"}
		c.in(0, who, "Søknad om tilknytning til kommunalt vann og avløp - "+e.ref(), "Situasjonskart")
		c.out(p.days(5, 21), who, "Tillatelse til tilknytning - "+e.ref())
		return c
	case 2:
		st, who := p.street(), p.person()
		c := casePlan{unit: unitVA, title: "Vannlekkasje - " + st, about: "lekkasje på kommunal vannledning i " + st}
		c.in(0, who, "Melding om vannlekkasje - "+st)
		c.note(offl.OrganinterntUtenOppfoelging, p.days(0, 2), "", "Arbeidsordre - reparasjon av vannledning - "+st)
		if chance(p.r, 0.5) {
			c.out(p.days(0, 3), who, "Informasjon om stenging av vannet - "+st)
		}
		return c
	case 3:
		st, who := p.street(), p.person()
		c := casePlan{unit: unitTekn, title: "Brøyting - " + st, about: "brøyting og strøing i " + st}
		c.in(0, who, "Klage på brøyting - "+st)
		c.out(p.days(3, 14), who, "Svar på henvendelse om brøyting - "+st)
		return c
	case 4:
		b := pick(p.r, municipalBuildings)
		politi := p.orgs.named("Nordland politidistrikt")
		c := casePlan{unit: unitEie, title: "Hærverk - " + b, about: "hærverk på " + b}
		c.out(0, politi, "Anmeldelse av hærverk - "+b, "Foto av skadene").skj = docsOnly(restrUO, pick(p.r, basisOffence))
		if chance(p.r, 0.5) {
			c.note(offl.OrganinterntForOppfoelging, p.days(1, 7), unitRadm, "Skadeomfang og sikringstiltak - "+b).skj = docsOnly(restrUO, pick(p.r, basisSecurity))
		}
		if chance(p.r, 0.5) {
			c.in(p.days(30, 120), politi, "Underretning om henleggelse - "+b).skj = docsOnly(restrUO, pick(p.r, basisOffence))
		}
		return c
	default:
		e := p.property()
		who := p.person()
		c := casePlan{unit: unitTekn, title: "Avkjørsel fra kommunal vei - " + e.ref(), about: "avkjørsel til " + e.adresse}
		c.in(0, who, "Søknad om avkjøringstillatelse - "+e.ref(), "Situasjonskart")
		c.out(p.days(5, 21), who, "Avkjøringstillatelse - "+e.ref())
		return c
	}
}
