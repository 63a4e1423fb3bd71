package api

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/feed"
	"github.com/innsyn/innsyn/internal/journal"
)

// FeedParams are a search followed as a feed.
type FeedParams struct {
	SearchFilterParams
	Limit int `query:"limit" minimum:"1" maximum:"100" default:"50" doc:"How many of the newest matches the feed holds." example:"50"`
}

func registerFeeds(api huma.API, deps Deps) {
	for _, format := range []struct {
		path, id, summary, contentType string
		writer                         func(w *bufio.Writer) feed.Writer
	}{
		{"/v1/search/feed.atom", "search-feed-atom", "Follow a search as an Atom feed", feed.AtomType,
			func(w *bufio.Writer) feed.Writer { return feed.NewAtom(w) }},
		{"/v1/search/feed.json", "search-feed-json", "Follow a search as a JSON Feed", feed.JSONType,
			func(w *bufio.Writer) feed.Writer { return feed.NewJSON(w) }},
	} {
		huma.Register(api, huma.Operation{
			OperationID: format.id,
			Method:      http.MethodGet,
			Path:        format.path,
			Summary:     format.summary,
			Description: "The newest matches of a search (the parameters of GET /v1/search), newest journaldato first. " +
				"Each item's id is the entry's URL, stable for as long as the entry is published.",
			Tags:   []string{"search"},
			Errors: []int{http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusServiceUnavailable},
			Responses: map[string]*huma.Response{"200": {Description: "The feed.",
				Content: map[string]*huma.MediaType{strings.Split(format.contentType, ";")[0]: {}}}},
		}, func(ctx context.Context, in *FeedParams) (*huma.StreamResponse, error) {
			f, err := in.filter(deps.now(), deps.Catalogue)
			if err != nil {
				return nil, fail(ctx, err)
			}
			// A feed holds at most 100 entries: it is read whole, so that
			// its updated time (the newest publication) comes first.
			res, err := deps.Search.Search(ctx, journal.SearchQuery{SearchFilter: f, Sort: journal.SortNewest, Limit: in.Limit})
			if err != nil {
				return nil, fail(ctx, err)
			}
			base := deps.baseURL(ctx)
			self := requestURL(ctx, base)
			search := *self
			search.Path = "/v1/search"
			return &huma.StreamResponse{Body: func(hctx huma.Context) {
				hctx.SetHeader("Content-Type", format.contentType)
				hctx.SetHeader("Cache-Control", "public, max-age=300")
				w := bufio.NewWriter(hctx.BodyWriter())
				fw := format.writer(w)
				err := writeFeed(fw, feed.Feed{ID: self.String(), Title: feedTitle(deps.Site.Name, in.Q), HomePage: search.String(),
					SelfURL: self.String(), Language: "nb", Author: deps.Site.Name}, base, res.Hits)
				if err == nil {
					err = w.Flush()
				}
				if err != nil {
					zerolog.Ctx(ctx).Warn().Err(err).Msg("feed not written")
				}
			}}, nil
		})
	}
}

func writeFeed(fw feed.Writer, f feed.Feed, base *url.URL, hits []journal.SearchHit) error {
	for _, h := range hits {
		if h.PublisertDato.After(f.Updated) {
			f.Updated = h.PublisertDato
		}
	}
	if err := fw.Begin(f); err != nil {
		return err
	}
	for _, h := range hits {
		j := newJournalpost(h.PublicJournalpost)
		link := base.JoinPath("/v1/journalpost", j.ID).String()
		categories := []string{j.Journalposttype}
		if j.AdministrativEnhet != nil {
			categories = append(categories, j.AdministrativEnhet.Navn)
		}
		if err := fw.Item(feed.Item{ID: link, URL: link, Title: j.Saksmappe.Saksnummer + "-" + strconv.Itoa(j.Journalpostnummer) + " " + j.OffentligTittel,
			Summary: entrySummary(j), Published: j.PublisertDato, Updated: j.PublisertDato, Categories: categories}); err != nil {
			return err
		}
	}
	return fw.End()
}

// entrySummary describes an entry in a few plain lines.
func entrySummary(j Journalpost) string {
	lines := []string{"Journaldato: " + j.Journaldato, "Type: " + j.Journalposttype}
	if j.Saksmappe.OffentligTittel != "" {
		lines = append(lines, "Sak: "+j.Saksmappe.Saksnummer+" "+j.Saksmappe.OffentligTittel)
	}
	if j.AdministrativEnhet != nil {
		lines = append(lines, "Enhet: "+j.AdministrativEnhet.Navn)
	}
	for _, k := range j.Korrespondansepart {
		lines = append(lines, k.Korrespondanseparttype+": "+k.KorrespondansepartNavn)
	}
	if j.Skjerming != nil {
		lines = append(lines, "Skjerming: "+j.Skjerming.Skjermingshjemmel)
	}
	return strings.Join(lines, "\n")
}

func feedTitle(body, q string) string {
	title := "Postjournal"
	if body != "" {
		title += " – " + body
	}
	if q = strings.TrimSpace(q); q != "" {
		title += ": " + q
	}
	return title
}
