package api

import (
	"context"
	"html"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// SearchHit is a matching entry with its highlighted text.
type SearchHit struct {
	Journalpost
	Highlight map[string]string `json:"highlight,omitempty" doc:"Fragments of the entry's public text with the matched words in <mark></mark>, HTML-escaped, by field: offentligTittel, saksmappeTittel, dokumenttekst." example:"{\"offentligTittel\":\"<mark>Byggesøknad</mark> - Mo\"}"`
}

// SearchTotal counts the matches.
type SearchTotal struct {
	Value int  `json:"value" doc:"How many entries match, counted up to 1,000 (200 with sort=relevance)." example:"1000"`
	Exact bool `json:"exact" doc:"false when at least value entries match." example:"false"`
}

// SearchFacets count all matches by value.
type SearchFacets struct {
	Journalposttype    []Count `json:"journalposttype" doc:"Matches per journalposttype."`
	AdministrativEnhet []Count `json:"administrativEnhet" doc:"Matches per unit (key: enhetskode)."`
	Aar                []Count `json:"aar" doc:"Matches per year of journaldato."`
	Skjermingshjemmel  []Count `json:"skjermingshjemmel" doc:"Screened matches per basis (key: basis ID, old_law or unrecognised)."`
}

// SearchOutput is a page of search results.
type SearchOutput struct {
	Link string `header:"Link" doc:"The next page, as an RFC 8288 link with rel=next."`
	Body struct {
		Items  []SearchHit   `json:"items" doc:"The matches of this page."`
		Next   string        `json:"next,omitempty" doc:"Pass as cursor to get the next page; absent on the last page." example:"eyJmIjoi..."`
		Total  SearchTotal   `json:"total" doc:"How many entries match."`
		Ranked int           `json:"ranked,omitempty" doc:"With sort=relevance: how many matches are ranked (the newest 200, and the newest 200 matching in a title or name), and so how far its pages go; sort=newest pages through all matches." example:"400"`
		Facets *SearchFacets `json:"facets,omitempty" doc:"With facets=true: counts of all matches."`
	}
}

func registerSearch(api huma.API, deps Deps) {
	huma.Register(api, huma.Operation{
		OperationID: "search",
		Method:      http.MethodGet,
		Path:        "/v1/search",
		Summary:     "Search the public journal",
		Description: "Full-text search over the published journal: the public title, the case title, the names that may " +
			"still be searched (offentlegforskrifta § 6: a person's name for a year after publication, a company's " +
			"always) and the text of public documents, with Norwegian stemming. Screened words and names are never " +
			"searchable. Filters combine with AND. The same parameters give a feed (/v1/search/feed.atom, " +
			"/v1/search/feed.json) and an export of every match (/v1/search/export.ndjson, /v1/search/export.csv).",
		Tags:   []string{"search"},
		Errors: []int{http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusServiceUnavailable},
	}, func(ctx context.Context, in *SearchParams) (*SearchOutput, error) {
		f, err := in.filter(deps.now(), deps.Catalogue)
		if err != nil {
			return nil, fail(ctx, err)
		}
		res, err := deps.Search.Search(ctx, journal.SearchQuery{SearchFilter: f, Sort: journal.SearchSort(in.Sort),
			Cursor: in.Cursor, Limit: in.Limit, Facets: in.Facets})
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &SearchOutput{}
		out.Body.Items = make([]SearchHit, len(res.Hits))
		for i, h := range res.Hits {
			out.Body.Items[i] = SearchHit{Journalpost: newJournalpost(h.PublicJournalpost), Highlight: markHighlights(h.Highlights)}
		}
		out.Body.Next, out.Body.Ranked = res.Next, res.Ranked
		out.Body.Total = SearchTotal{Value: res.Total, Exact: res.TotalExact}
		if res.Facets != nil {
			out.Body.Facets = newSearchFacets(res.Facets, deps.Catalogue)
		}
		out.Link = nextLink(ctx, res.Next)
		return out, nil
	})
	registerFeeds(api, deps)
	registerExport(api, deps)
}

// markHighlights escapes highlighted text for HTML and only then turns the
// store's private-use marks into <mark> elements, so that no text of an
// entry can become markup.
func markHighlights(h map[string]string) map[string]string {
	if len(h) == 0 {
		return nil
	}
	marks := strings.NewReplacer(journal.HighlightStart, "<mark>", journal.HighlightEnd, "</mark>")
	out := make(map[string]string, len(h))
	for field, text := range h {
		out[field] = marks.Replace(html.EscapeString(text))
	}
	return out
}

func newSearchFacets(f *journal.Facets, catalogue *offl.Catalogue) *SearchFacets {
	out := &SearchFacets{AdministrativEnhet: newCounts(f.Enhet), Aar: newCounts(f.Year),
		Journalposttype: make([]Count, len(f.Journalposttype)), Skjermingshjemmel: make([]Count, len(f.Basis))}
	for i, c := range f.Journalposttype {
		out.Journalposttype[i] = Count{Key: offl.Journalposttype(c.Key).WireName(), Count: c.Count}
	}
	for i, c := range f.Basis {
		out.Skjermingshjemmel[i] = Count{Key: c.Key, Label: offl.BasisLabel(c.Key, catalogue), Count: c.Count}
	}
	return out
}
