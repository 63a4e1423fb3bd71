package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Journalpost is a published journal entry.
type Journalpost struct {
	ID                   string                `json:"id" doc:"The entry's ID." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
	OffentligTittel      string                `json:"offentligTittel" doc:"The title, with every screened word replaced by *****." example:"Søknad om barnehageplass til ***** *****"`
	Journalaar           int                   `json:"journalaar" doc:"Journal year (Noark 5 M013)." example:"2024"`
	Journalsekvensnummer int                   `json:"journalsekvensnummer" doc:"Sequence number in the journal year (M014)." example:"4567"`
	Journalpostnummer    int                   `json:"journalpostnummer" doc:"The entry's number within its case (M015)." example:"2"`
	Journalposttype      string                `json:"journalposttype" enum:"inngaaende_dokument,utgaaende_dokument,organinternt_dokument_for_oppfoelging,organinternt_dokument_uten_oppfoelging,saksframlegg" doc:"Incoming, outgoing, internal or case presentation (M082)." example:"inngaaende_dokument"`
	Journaldato          string                `json:"journaldato" format:"date" doc:"The date the entry was journaled (M101)." example:"2024-05-02"`
	DokumentetsDato      string                `json:"dokumentetsDato,omitempty" format:"date" doc:"The document's own date (M103)." example:"2024-04-30"`
	Saksmappe            SaksmappeRef          `json:"saksmappe" doc:"The case the entry belongs to."`
	AdministrativEnhet   *Enhet                `json:"administrativEnhet,omitempty" doc:"The unit responsible."`
	Korrespondansepart   []Korrespondansepart  `json:"korrespondansepart" doc:"Senders and recipients."`
	Dokumentbeskrivelse  []Dokumentbeskrivelse `json:"dokumentbeskrivelse" doc:"The documents the public may know of."`
	Skjerming            *Skjerming            `json:"skjerming,omitempty" doc:"Present when part of the entry is exempt from public access."`
	PublisertDato        time.Time             `json:"publisertDato" doc:"When the entry was first published." example:"2024-05-03T06:00:00Z"`
}

// SaksmappeRef names the case of an entry.
type SaksmappeRef struct {
	ID                string `json:"id" doc:"The case's ID." example:"sm_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f"`
	Saksnummer        string `json:"saksnummer" doc:"The case number." example:"2024/123"`
	Saksaar           int    `json:"saksaar" doc:"Case year (M011)." example:"2024"`
	Sakssekvensnummer int    `json:"sakssekvensnummer" doc:"Sequence number in the case year (M012)." example:"123"`
	OffentligTittel   string `json:"offentligTittel,omitempty" doc:"The case's public title." example:"Barnehageplass - ***** *****"`
}

// Korrespondansepart is a sender or recipient.
type Korrespondansepart struct {
	Korrespondanseparttype string `json:"korrespondanseparttype" enum:"avsender,mottaker,kopimottaker,gruppemottaker,intern_avsender,intern_mottaker,intern_kopimottaker,medavsender" doc:"The party's role (M087)." example:"avsender"`
	KorrespondansepartNavn string `json:"korrespondansepartNavn" doc:"The name, or ***** when it is screened." example:"Rana Bygg AS"`
	ErBehandlingsansvarlig bool   `json:"erBehandlingsansvarlig" doc:"Whether the party handles the case." example:"false"`
}

// Dokumentbeskrivelse is a document of an entry.
type Dokumentbeskrivelse struct {
	ID                        string `json:"id" doc:"The document's ID." example:"dok_7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"`
	Dokumentnummer            int    `json:"dokumentnummer" doc:"The document's number in the entry." example:"1"`
	TilknyttetRegistreringSom string `json:"tilknyttetRegistreringSom" enum:"hoveddokument,vedlegg" doc:"Main document or attachment (M217)." example:"hoveddokument"`
	Dokumenttype              string `json:"dokumenttype,omitempty" doc:"The kind of document." example:"Brev"`
	Tittel                    string `json:"tittel" doc:"The document's title, screened like the entry's." example:"Situasjonskart"`
	Fil                       *Fil   `json:"fil,omitempty" doc:"The file anyone may download, when the document is published in full text."`
}

func newJournalpost(j journal.PublicJournalpost) Journalpost {
	out := Journalpost{
		ID: wireID(kindJournalpost, j.ID), OffentligTittel: j.OffentligTittel, Journalaar: j.Journalaar,
		Journalsekvensnummer: j.Journalsekvensnummer, Journalpostnummer: j.Journalpostnummer,
		Journalposttype: j.Journalposttype.WireName(), Journaldato: date(j.Journaldato),
		DokumentetsDato: date(j.DokumentetsDato), AdministrativEnhet: newEnhet(j.Enhet),
		Skjerming: newSkjerming(j.Skjerming), PublisertDato: j.PublisertDato,
		Saksmappe: SaksmappeRef{ID: wireID(kindSaksmappe, j.Saksmappe.ID),
			Saksnummer: offl.FormatSaksnummer(j.Saksmappe.Saksaar, j.Saksmappe.Sakssekvensnummer),
			Saksaar:    j.Saksmappe.Saksaar, Sakssekvensnummer: j.Saksmappe.Sakssekvensnummer,
			OffentligTittel: j.Saksmappe.OffentligTittel},
		Korrespondansepart:  make([]Korrespondansepart, len(j.Korrespondansepart)),
		Dokumentbeskrivelse: make([]Dokumentbeskrivelse, len(j.Dokumentbeskrivelse)),
	}
	for i, k := range j.Korrespondansepart {
		out.Korrespondansepart[i] = Korrespondansepart{Korrespondanseparttype: k.Korrespondanseparttype.WireName(),
			KorrespondansepartNavn: k.Navn, ErBehandlingsansvarlig: k.ErBehandlingsansvarlig}
	}
	for i, d := range j.Dokumentbeskrivelse {
		id := wireID(kindDokument, d.ID)
		out.Dokumentbeskrivelse[i] = Dokumentbeskrivelse{ID: id, Dokumentnummer: d.Dokumentnummer,
			TilknyttetRegistreringSom: d.TilknyttetRegistreringSom.WireName(), Dokumenttype: d.Dokumenttype, Tittel: d.Tittel,
			Fil: newFil(id, d.Fil)}
	}
	return out
}

// ListJournalpostInput filters the public journal.
type ListJournalpostInput struct {
	JournaldatoFrom    string   `query:"journaldatoFrom" format:"date" doc:"Only entries journaled on or after this date." example:"2024-01-01"`
	JournaldatoTo      string   `query:"journaldatoTo" format:"date" doc:"Only entries journaled on or before this date." example:"2024-12-31"`
	Journalposttype    []string `query:"journalposttype,explode" enum:"inngaaende_dokument,utgaaende_dokument,organinternt_dokument_for_oppfoelging,organinternt_dokument_uten_oppfoelging,saksframlegg" maxItems:"5" doc:"Only entries of these types; repeat the parameter for several." example:"[\"inngaaende_dokument\"]"`
	AdministrativEnhet string   `query:"administrativEnhet" maxLength:"100" doc:"Only entries of this unit, by ID or enhetskode." example:"PLAN"`
	IncludeSubunits    bool     `query:"includeSubunits" default:"true" doc:"With administrativEnhet: include the units below it." example:"true"`
	Saksmappe          string   `query:"saksmappe" maxLength:"40" doc:"Only entries of this case, by ID." example:"sm_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f"`
	Saksnummer         string   `query:"saksnummer" pattern:"^(\\d{2}|\\d{4})/\\d{1,7}(-\\d{1,5})?$" doc:"Only entries of this case number; with -N only its entry number N." example:"2024/123"`
	Journalpostnummer  int      `query:"journalpostnummer" minimum:"1" maximum:"99999" doc:"Only entries with this number within their case." example:"2"`
	Q                  string   `query:"q" maxLength:"20000" doc:"Full-text search in the public title, case title, searchable names and public document text, in the language of GET /v1/search." example:"rammetillatelse garasje"`
	PageParams
}

// ListJournalpostOutput is a page of entries.
type ListJournalpostOutput struct {
	Link string `header:"Link" doc:"The next page, as an RFC 8288 link with rel=next."`
	Body List[Journalpost]
}

// GetJournalpostInput names an entry.
type GetJournalpostInput struct {
	ID string `path:"id" maxLength:"40" doc:"The entry's ID." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
}

// GetJournalpostOutput is one entry.
type GetJournalpostOutput struct {
	Body Journalpost
}

func registerJournalpost(api huma.API, deps Deps) {
	huma.Register(api, huma.Operation{
		OperationID: "list-journalpost",
		Method:      http.MethodGet,
		Path:        "/v1/journalpost",
		Summary:     "List the public journal",
		Description: "Pages through the published journal entries, newest journaldato first. Filters combine with AND. " +
			"Entries that are not published (status, accessibleAfter, review) are absent; screened words and names are *****.",
		Tags:   []string{"journal"},
		Errors: []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *ListJournalpostInput) (*ListJournalpostOutput, error) {
		q, err := in.query()
		if err != nil {
			return nil, fail(ctx, err)
		}
		page, err := deps.Public.ListJournalposts(ctx, q)
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &ListJournalpostOutput{Body: List[Journalpost]{Items: make([]Journalpost, len(page.Items)), Next: page.Next}}
		for i, j := range page.Items {
			out.Body.Items[i] = newJournalpost(j)
		}
		out.Link = nextLink(ctx, page.Next)
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "get-journalpost",
		Method:      http.MethodGet,
		Path:        "/v1/journalpost/{id}",
		Summary:     "Get a public journal entry",
		Description: "Returns one published entry with its correspondents and documents. An entry that does not exist " +
			"and one that is not published answer alike: 404.",
		Tags:   []string{"journal"},
		Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *GetJournalpostInput) (*GetJournalpostOutput, error) {
		id, ok := parseID(kindJournalpost, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("journalpost"))
		}
		j, err := deps.Public.Journalpost(ctx, id)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &GetJournalpostOutput{Body: newJournalpost(j)}, nil
	})
}

// query turns the wire filters into a store query.
func (in *ListJournalpostInput) query() (journal.JournalpostQuery, error) {
	q := journal.JournalpostQuery{Cursor: in.Cursor, Limit: in.Limit}
	f := &q.SearchFilter
	f.Journaldato = journal.DateRange{From: parseDate(in.JournaldatoFrom), To: parseDate(in.JournaldatoTo)}
	f.Enhet, f.IncludeSubunits, f.Journalpostnummer = enhetFilter(in.AdministrativEnhet), in.IncludeSubunits, in.Journalpostnummer
	var err error
	if f.Text, err = parseQuery(in.Q); err != nil {
		return q, err
	}
	if f.Journalposttype, err = parseJournalposttypes(in.Journalposttype); err != nil {
		return q, err
	}
	if in.Saksmappe != "" {
		id, ok := parseID(kindSaksmappe, in.Saksmappe)
		if !ok {
			return q, journal.FieldError("query.saksmappe", "not a saksmappe ID")
		}
		f.SaksmappeID = id
	}
	if err := setSaksnummer(f, in.Saksnummer); err != nil {
		return q, err
	}
	if r := f.Journaldato; !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		return q, journal.FieldError("query.journaldatoTo", "journaldatoTo is before journaldatoFrom")
	}
	return q, nil
}
