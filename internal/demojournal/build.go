package demojournal

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// journalenhet is the registry unit that journals everything.
const journalenhet = "DOK"

// neverAccessible hides a handful of entries for good.
var neverAccessible = time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)

// emit turns a queued entry into a JournalpostInput in the current batch.
func (g *generator) emit(q queued) {
	cs, e := q.cs, &q.cs.plan.entries[q.i]
	date := g.date(q.day)
	if date.Year() != g.journalYear {
		g.journalYear, g.journalSeq = date.Year(), 0
	}
	g.journalSeq++
	if q.i == 0 {
		g.batch.Saksmapper = append(g.batch.Saksmapper, cs.saksmappe)
	}
	sm := cs.saksmappe.Saksmappe
	unit := e.unit
	if unit == "" {
		unit = cs.plan.unit
	}
	staff := cs.staff
	if unit != cs.plan.unit {
		staff = pick(g.r, g.p.staff[unit])
	}
	jp := offl.Journalpost{
		SystemID:                 newUUID(g.r),
		Saksaar:                  sm.Saksaar,
		Sakssekvensnummer:        sm.Sakssekvensnummer,
		Journalaar:               date.Year(),
		Journalsekvensnummer:     g.journalSeq,
		Journalpostnummer:        q.i + 1,
		Journalposttype:          e.typ,
		Journalstatus:            g.status(e.typ, q.day),
		Tittel:                   g.title(cs, e, date),
		Journaldato:              date,
		DokumentetsDato:          date,
		OffentlighetsvurdertDato: date,
		Saksbehandler:            staff,
		Journalenhet:             journalenhet,
		AccessibleAfter:          g.accessibleAfter(q.day),
	}
	g.dates(&jp)
	jp.Korrespondansepart = correspondents(e, unit, staff)
	l := letter{
		typ: e.typ, ref: sm.Saksnummer(), nr: q.i + 1, date: jp.DokumentetsDato,
		unit: unitName(unit), staff: staff, from: e.from, to: e.to, toUnit: e.toUnit, about: cs.plan.about,
	}
	jp.Dokumentbeskrivelse = g.documents(e, l)
	sp := e.skj
	if sp == nil {
		sp = cs.plan.entrySkj
	}
	jp.Skjerming = g.skjerming(sp, jp.Tittel, jp.Dokumentbeskrivelse, cs, date)
	g.batch.Journalposts = append(g.batch.Journalposts, journal.JournalpostInput{
		Journalpost: jp, SaksmappeSystemID: sm.SystemID, EnhetKode: unit,
	})
	g.emitted++
	*e = entryPlan{} // release what only this entry needed while the case stays open
}

// title is the entry's title. Now and then an incoming letter from a
// person gets the sender's fødselsnummer in its title without a skjerming:
// the kind of mistake the service must catch before publishing.
func (g *generator) title(cs *caseState, e *entryPlan, date time.Time) string {
	if g.emitted < g.nextFnr || e.typ != offl.Inngaaende || e.from == nil || !e.from.person ||
		e.skj != nil || cs.plan.entrySkj != nil {
		return e.title
	}
	g.nextFnr += fnrEvery
	g.fnrCount++
	born := date.AddDate(-between(g.r, 20, 80), 0, -between(g.r, 0, 364))
	return e.title + " - " + formatFnr(fodselsnummer(g.r, born), g.fnrCount)
}

// status is mostly a published journalstatus; about 3 % are registrations
// not yet finished, which the public journal leaves out.
func (g *generator) status(typ offl.Journalposttype, day int) offl.Journalstatus {
	if chance(g.r, 0.03) {
		switch typ {
		case offl.Inngaaende:
			return offl.Midlertidig
		case offl.Utgaaende:
			return offl.Reservert
		default:
			return offl.RegistrertAvSaksbehandler
		}
	}
	if day < g.lastDay-365 && chance(g.r, 0.5) {
		return offl.Arkivert
	}
	switch typ {
	case offl.Inngaaende:
		return offl.Journalfoert
	case offl.Utgaaende:
		return offl.Ekspedert
	default:
		return offl.Ferdigstilt
	}
}

// accessibleAfter delays about a third of the entries of the last month
// by 30 days, and hides every 600th entry until 2099.
func (g *generator) accessibleAfter(day int) time.Time {
	if g.emitted%600 == 300 {
		return neverAccessible
	}
	if day > g.lastDay-30 && chance(g.r, 0.35) {
		return g.date(day + 30)
	}
	return time.Time{}
}

// dates sets the dates that depend on the direction of the document: an
// incoming letter was written and received before it was journaled.
func (g *generator) dates(jp *offl.Journalpost) {
	switch jp.Journalposttype {
	case offl.Inngaaende:
		jp.MottattDato = jp.Journaldato.AddDate(0, 0, -between(g.r, 0, 2))
		jp.DokumentetsDato = jp.MottattDato.AddDate(0, 0, -between(g.r, 0, 5))
		if chance(g.r, 0.3) {
			jp.Forfallsdato = jp.Journaldato.AddDate(0, 0, 21)
		}
	case offl.Utgaaende:
		jp.SendtDato = jp.Journaldato
	}
}

func external(t offl.Korrespondanseparttype, p *party) offl.Korrespondansepart {
	return offl.Korrespondansepart{
		Korrespondanseparttype: t, Navn: p.navn, ErPerson: p.person, Organisasjonsnummer: p.orgnr,
		Postadresse: p.adresse, Postnummer: p.postnr, Poststed: p.poststed,
	}
}

func internal(t offl.Korrespondanseparttype, unit, staff string, responsible bool) offl.Korrespondansepart {
	return offl.Korrespondansepart{
		Korrespondanseparttype: t, Navn: unitName(unit), AdministrativEnhet: unitName(unit),
		Saksbehandler: staff, ErBehandlingsansvarlig: responsible,
	}
}

// correspondents: the external sender or recipients and copies, and the
// unit on the municipality's side.
func correspondents(e *entryPlan, unit, staff string) []offl.Korrespondansepart {
	var ks []offl.Korrespondansepart
	switch e.typ {
	case offl.Inngaaende:
		ks = append(ks, external(offl.Avsender, e.from), internal(offl.InternMottaker, unit, staff, true))
	case offl.Utgaaende:
		ks = append(ks, internal(offl.InternAvsender, unit, staff, true))
		for _, p := range e.to {
			ks = append(ks, external(offl.Mottaker, p))
		}
	default:
		ks = append(ks, internal(offl.InternAvsender, unit, staff, true))
		if e.toUnit != "" {
			ks = append(ks, internal(offl.InternMottaker, e.toUnit, "", false))
		}
	}
	for _, p := range e.cc {
		ks = append(ks, external(offl.Kopimottaker, p))
	}
	return ks
}

// documents: the hoveddokument and the attachments, each with a PDF when
// files are wanted.
func (g *generator) documents(e *entryPlan, l letter) []offl.Dokumentbeskrivelse {
	main := e.mainDoc
	if main == "" {
		main = e.title
	}
	docs := make([]offl.Dokumentbeskrivelse, 0, 1+len(e.attach))
	for i, t := range append([]string{main}, e.attach...) {
		d := offl.Dokumentbeskrivelse{
			SystemID:                  newUUID(g.r),
			Dokumentnummer:            i + 1,
			TilknyttetRegistreringSom: offl.Hoveddokument,
			Dokumenttype:              documentType(e.typ, t, i == 0),
			Tittel:                    t,
		}
		if i > 0 {
			d.TilknyttetRegistreringSom = offl.Vedlegg
		}
		if g.opts.Files {
			l.title, l.main = t, i == 0
			d.Dokumentobjekt = []offl.Dokumentobjekt{g.file(l)}
		}
		docs = append(docs, d)
	}
	return docs
}

// file renders the document and queues it for storage.
func (g *generator) file(l letter) offl.Dokumentobjekt {
	content := l.render(g.fr)
	sum := sha256.Sum256(content)
	key := newStorageKey(g.fr)
	g.files = append(g.files, File{Key: key, Content: content, MediaType: "application/pdf"})
	return offl.Dokumentobjekt{
		Versjonsnummer: 1,
		Variantformat:  offl.Arkivformat,
		Format:         "PDF",
		Filnavn:        fileName(l.title),
		MediaType:      "application/pdf",
		Sjekksum:       hex.EncodeToString(sum[:]),
		Storrelse:      int64(len(content)),
		StorageKey:     key,
	}
}

// fileName makes a file name from a title, keeping æøå.
func fileName(title string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, title) + ".pdf"
}

// documentType names the kind of document (Noark 5 dokumenttype).
func documentType(typ offl.Journalposttype, title string, main bool) string {
	t := strings.ToLower(title)
	switch {
	case !main && strings.Contains(t, "kart"):
		return "Kart"
	case !main && strings.Contains(t, "tegning"):
		return "Tegning"
	case !main:
		return "Vedlegg"
	case typ == offl.Saksframlegg:
		return "Saksframlegg"
	case typ == offl.OrganinterntForOppfoelging || typ == offl.OrganinterntUtenOppfoelging:
		return "Notat"
	case strings.Contains(t, "vedtak") || strings.Contains(t, "tillatelse"):
		return "Vedtak"
	case strings.Contains(t, "søknad"):
		return "Søknad"
	case strings.Contains(t, "faktura"):
		return "Faktura"
	default:
		return "Brev"
	}
}

// skjerming turns a planned skjerming into the entry's, now that the
// documents have SystemIDs and the case's dates are known.
func (g *generator) skjerming(sp *skjPlan, title string, docs []offl.Dokumentbeskrivelse, cs *caseState, date time.Time) *offl.Skjerming {
	if sp == nil {
		return nil
	}
	s := &offl.Skjerming{Tilgangsrestriksjon: sp.restr, Skjermingshjemmel: sp.basis}
	phrases := sp.phrases
	if sp.byWords && len(phrases) > 0 {
		// Screening by position is how some archive systems mark the words;
		// it only works when the title holds the phrase.
		if from, to, ok := wordSpan(title, phrases[0]); ok {
			s.Screens.Title.Words = []offl.WordRange{{From: from, To: to}}
			phrases = phrases[1:]
		}
	}
	s.Screens.Title.Phrases = phrases
	s.Screens.Names = sp.names
	switch sp.docs {
	case allDocs:
		s.Screens.Documents.All = true
	case listDocs:
		for _, d := range docs {
			s.Screens.Documents.IDs = append(s.Screens.Documents.IDs, d.SystemID)
		}
	case mainDoc:
		s.Screens.Documents.IDs = []string{docs[0].SystemID}
	}
	s.Screens.Documents.PartsOnly = sp.partsOnly
	switch {
	case sp.lapseAt >= 0 && sp.lapseAt < len(cs.days):
		s.OpphoererDato = g.date(cs.days[sp.lapseAt])
	case sp.years > 0:
		s.OpphoererDato = date.AddDate(sp.years, 0, 0)
	}
	s.Meirinnsyn = meirinnsyn(sp, cs.staff, date)
	return s
}

// meirinnsyn is the offl. § 11 assessment the case officer records for a
// discretionary basis; § 13 (mandatory) and bases that name no provision
// of the catalogue (old law) get none.
func meirinnsyn(sp *skjPlan, staff string, date time.Time) *offl.Meirinnsyn {
	p, ok := offl.ParseHjemmel(sp.basis).Provision(catalogue)
	if !ok || p.Mandatory {
		return nil
	}
	m := &offl.Meirinnsyn{VurdertAv: staff, VurdertDato: date, Utfall: offl.UnntakOpprettholdt,
		Begrunnelse: "Hensynet bak unntaket veier tyngre enn behovet for innsyn."}
	if sp.partsOnly {
		m.Utfall = offl.DelvisMeirinnsyn
		m.Begrunnelse = "Innsyn i de delene av dokumentet som ikke er unntatt."
	}
	return m
}

// catalogue maps the demo's bases to provisions.
var catalogue = offl.DefaultCatalogue()
