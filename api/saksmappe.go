package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/journal"
)

// Saksmappe is a published case.
type Saksmappe struct {
	ID                 string        `json:"id" doc:"The case's ID." example:"sm_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f"`
	Saksnummer         string        `json:"saksnummer" doc:"The case number." example:"2024/123"`
	Saksaar            int           `json:"saksaar" doc:"Case year (M011)." example:"2024"`
	Sakssekvensnummer  int           `json:"sakssekvensnummer" doc:"Sequence number in the case year (M012)." example:"123"`
	Saksdato           string        `json:"saksdato,omitempty" format:"date" doc:"The date the case was opened (M100)." example:"2024-04-29"`
	OffentligTittel    string        `json:"offentligTittel" doc:"The title, with every screened word replaced by *****." example:"Søknad om rammetillatelse - enebolig - gnr. 12 bnr. 34"`
	AdministrativEnhet *Enhet        `json:"administrativEnhet,omitempty" doc:"The unit responsible."`
	Skjerming          *Skjerming    `json:"skjerming,omitempty" doc:"Present when part of the case title is exempt."`
	Journalpost        []Journalpost `json:"journalpost,omitempty" doc:"The case's published entries in order (on a single case only, at most 100)."`
	HasMoreJournalpost bool          `json:"hasMoreJournalpost,omitempty" doc:"True when the case has more entries than listed; page through them with GET /v1/journalpost?saksmappe=ID." example:"false"`
}

func newSaksmappe(s journal.PublicSaksmappe) Saksmappe {
	out := Saksmappe{
		ID: wireID(kindSaksmappe, s.ID), Saksnummer: s.Saksnummer(), Saksaar: s.Saksaar,
		Sakssekvensnummer: s.Sakssekvensnummer, Saksdato: date(s.Saksdato), OffentligTittel: s.OffentligTittel,
		AdministrativEnhet: newEnhet(s.Enhet), Skjerming: newSkjerming(s.Skjerming),
		HasMoreJournalpost: s.MoreJournalposts,
	}
	for _, j := range s.Journalposts {
		out.Journalpost = append(out.Journalpost, newJournalpost(j))
	}
	return out
}

// ListSaksmappeInput filters the public cases.
type ListSaksmappeInput struct {
	SaksdatoFrom       string `query:"saksdatoFrom" format:"date" doc:"Only cases opened on or after this date." example:"2024-01-01"`
	SaksdatoTo         string `query:"saksdatoTo" format:"date" doc:"Only cases opened on or before this date." example:"2024-12-31"`
	Saksaar            int    `query:"saksaar" minimum:"1900" maximum:"2200" doc:"Only cases of this case year." example:"2024"`
	AdministrativEnhet string `query:"administrativEnhet" maxLength:"100" doc:"Only cases of this unit, by ID or enhetskode." example:"PLAN"`
	IncludeSubunits    bool   `query:"includeSubunits" default:"true" doc:"With administrativEnhet: include the units below it." example:"true"`
	PageParams
}

// ListSaksmappeOutput is a page of cases.
type ListSaksmappeOutput struct {
	Link string `header:"Link" doc:"The next page, as an RFC 8288 link with rel=next."`
	Body List[Saksmappe]
}

// GetSaksmappeInput names a case.
type GetSaksmappeInput struct {
	ID string `path:"id" maxLength:"40" doc:"The case's ID." example:"sm_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f"`
}

// GetSaksmappeOutput is one case with its entries.
type GetSaksmappeOutput struct {
	Body Saksmappe
}

func registerSaksmappe(api huma.API, deps Deps) {
	huma.Register(api, huma.Operation{
		OperationID: "list-saksmappe",
		Method:      http.MethodGet,
		Path:        "/v1/saksmappe",
		Summary:     "List the public cases",
		Description: "Pages through the published cases, newest case number first. Filters combine with AND.",
		Tags:        []string{"journal"},
		Errors:      []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *ListSaksmappeInput) (*ListSaksmappeOutput, error) {
		q := journal.SaksmappeQuery{SaksdatoFrom: parseDate(in.SaksdatoFrom), SaksdatoTo: parseDate(in.SaksdatoTo),
			Saksaar: in.Saksaar, Enhet: enhetFilter(in.AdministrativEnhet), IncludeSubunits: in.IncludeSubunits,
			Cursor: in.Cursor, Limit: in.Limit}
		page, err := deps.Public.ListSaksmapper(ctx, q)
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &ListSaksmappeOutput{Body: List[Saksmappe]{Items: make([]Saksmappe, len(page.Items)), Next: page.Next}}
		for i, s := range page.Items {
			out.Body.Items[i] = newSaksmappe(s)
		}
		out.Link = nextLink(ctx, page.Next)
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "get-saksmappe",
		Method:      http.MethodGet,
		Path:        "/v1/saksmappe/{id}",
		Summary:     "Get a public case with its entries",
		Description: "Returns one published case with its first 100 published entries in journalpostnummer order.",
		Tags:        []string{"journal"},
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *GetSaksmappeInput) (*GetSaksmappeOutput, error) {
		id, ok := parseID(kindSaksmappe, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("saksmappe"))
		}
		s, err := deps.Public.Saksmappe(ctx, id)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &GetSaksmappeOutput{Body: newSaksmappe(s)}, nil
	})
}
