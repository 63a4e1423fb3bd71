package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/journal"
)

// ListEnhetInput pages through the units.
type ListEnhetInput struct {
	PageParams
}

// ListEnhetOutput is a page of units.
type ListEnhetOutput struct {
	Link string `header:"Link" doc:"The next page, as an RFC 8288 link with rel=next."`
	Body List[Enhet]
}

func registerEnhet(api huma.API, deps Deps) {
	huma.Register(api, huma.Operation{
		OperationID: "list-enhet",
		Method:      http.MethodGet,
		Path:        "/v1/enhet",
		Summary:     "List the body's units",
		Description: "Pages through the administrative units in enhetskode order. Each names the unit above it, " +
			"so the tree can be rebuilt; filter the journal by a unit with administrativEnhet.",
		Tags:   []string{"journal"},
		Errors: []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *ListEnhetInput) (*ListEnhetOutput, error) {
		page, err := deps.Public.ListEnheter(ctx, journal.EnhetQuery{Cursor: in.Cursor, Limit: in.Limit})
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &ListEnhetOutput{Body: List[Enhet]{Items: make([]Enhet, len(page.Items)), Next: page.Next}}
		for i := range page.Items {
			out.Body.Items[i] = *newEnhet(&page.Items[i])
		}
		out.Link = nextLink(ctx, page.Next)
		return out, nil
	})
}

// enhetFilter turns the administrativEnhet parameter, a unit's wire ID or
// its enhetskode, into what the store matches: the UUID or the kode.
func enhetFilter(value string) string {
	if id, ok := parseID(kindEnhet, value); ok {
		return id
	}
	return value
}
