// Package api is the HTTP contract of innsyn: huma operations, their wire
// types (one file per resource) and the mapping of errors to problems.
// The OpenAPI document is generated from here (innsyn openapi).
package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/innsynskrav"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Version is the version of the API contract.
const Version = "0.1.0"

// Deps are what the handlers use. Public handlers get only Public, the
// store that can see nothing but the published projection.
type Deps struct {
	Public journal.PublicStore
	Search journal.Searcher
	Staff  journal.StaffStore
	Keys   auth.KeyStore
	// Catalogue is the exemption bases with the configured durations.
	Catalogue *offl.Catalogue
	// Files records documents; Uploads stores uploaded files; Blobs is the
	// document store public files are served from, as Download says.
	Files    journal.FileStore
	Uploads  Uploader
	Blobs    blob.Store
	Download DownloadConfig
	// Checks are the dependencies /readyz reports on.
	Checks []ReadinessCheck
	Site   Site
	// Requests is the public side of requests for access, RequestStaff
	// staff's; Calendar is the offentleglova clock they run on.
	Requests     innsynskrav.Requester
	RequestStaff innsynskrav.Handler
	RequestStats innsynskrav.PublicStatistics
	Calendar     *offl.Calendar
	// Imports starts and reports import jobs.
	Imports Importer
	// Now is the clock for relative dates ("now-7d"); nil: time.Now.
	Now func() time.Time
}

// Site is how the service presents itself in feeds and links.
type Site struct {
	// Name is the public body's name ("Nordrana kommune").
	Name string
	// BaseURL is the public URL of the service; nil: the scheme and host
	// of each request.
	BaseURL *url.URL
}

func (d Deps) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// ReadinessCheck is one dependency /readyz checks.
type ReadinessCheck struct {
	Name  string
	Check func(ctx context.Context) error
}

// New returns the whole HTTP handler: the API, its spec at /openapi.yaml
// and /openapi.json, docs at /docs, health probes, with request IDs, access
// logs and problem answers for unknown routes.
func New(deps Deps, log zerolog.Logger) http.Handler {
	mux := http.NewServeMux()
	api := humago.New(mux, config())
	register(api, deps)
	mux.HandleFunc("GET /docs", serveDocs(api.OpenAPI()))
	return withRequestContext(log, withSecurityHeaders(withValidQuery(withProblemFallback(mux))))
}

// Spec returns the OpenAPI document as YAML.
func Spec() ([]byte, error) { return Document().YAML() }

// Document returns the OpenAPI document, for tools and tests that walk
// the operations.
func Document() *huma.OpenAPI {
	api := humago.New(http.NewServeMux(), config())
	register(api, Deps{})
	return api.OpenAPI()
}

func config() huma.Config {
	cfg := huma.DefaultConfig("innsyn", Version)
	// No $schema links in bodies: responses carry only the resource.
	cfg.CreateHooks = nil
	cfg.DocsPath = "" // served by serveDocs, without third-party scripts
	cfg.SchemasPath = ""
	cfg.RejectUnknownQueryParameters = true
	cfg.Info.Description = "innsyn publishes a Norwegian public body's postjournal and keeps what offentleglova " +
		"exempts out of sight. Public endpoints read only the published projection of the journal; " +
		"staff endpoints under /v1/admin need an API key. Errors are RFC 9457 problem+json with a stable code. " +
		"Lists are {items, next}: pass next as cursor to get the following page."
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", Description: "An API key made with `innsyn apikey create`, as `Authorization: Bearer innsyn_…`."},
	}
	return cfg
}

func register(api huma.API, deps Deps) {
	api.UseMiddleware(requireRole(api, deps.Keys))
	registerHealth(api, deps)
	registerJournalpost(api, deps)
	registerSaksmappe(api, deps)
	registerEnhet(api, deps)
	registerStaffJournalpost(api, deps)
	registerStaffSkjerming(api, deps)
	registerSkjermingshjemmel(api, deps)
	registerReview(api, deps)
	registerAudit(api, deps)
	registerStatistikk(api, deps)
	registerSearch(api, deps)
	registerDokument(api, deps)
	registerStaffDokument(api, deps)
	registerInnsynskrav(api, deps)
	registerRequestStatistics(api, deps)
	registerStaffImport(api, deps)
}

// writeProblem writes a problem outside huma (unknown routes, panics).
func writeProblem(w http.ResponseWriter, r *http.Request, p *Problem) {
	for k, v := range p.headers {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}
