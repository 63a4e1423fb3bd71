package bench

import (
	"fmt"
	"net/url"
	"strings"
)

// Case is one kind of request the benchmark measures, twice: through the
// HTTP API and as the SQL statements the API runs for it (found by
// running each request once through the API on a recording pool; see
// record.go).
type Case struct {
	// Name is the case's name in the report.
	Name string
	// Paths returns the requests (path and query) the load rotates
	// through, so that a lookup does not hit one cached row.
	Paths func(f *Fixture) []string
}

// Request is one request of a case: its HTTP path with query, and the
// statements the API runs for it.
type Request struct {
	Path       string
	Statements []Statement
}

// Cases are the measured requests. Edit here to measure other endpoints.
var Cases = []Case{
	{Name: "common term", Paths: func(f *Fixture) []string { return []string{search(f.CommonTerm)} }},
	{Name: "rare term", Paths: func(f *Fixture) []string { return []string{search(f.RareTerm)} }},
	{Name: "phrase", Paths: func(f *Fixture) []string { return []string{search(`"` + f.Phrase + `"`)} }},
	{Name: "filter: enhet + dates", Paths: func(f *Fixture) []string {
		q := url.Values{"administrativEnhet": {f.Enhet}, "journaldatoFrom": {f.From}, "journaldatoTo": {f.To}}
		return []string{"/v1/search?" + q.Encode()}
	}},
	{Name: "saksnummer", Paths: func(f *Fixture) []string {
		out := make([]string, len(f.Entries))
		for i, e := range f.Entries {
			out[i] = search(fmt.Sprintf("%d/%d", e.Saksaar, e.Sakssekvensnummer))
		}
		return out
	}},
	{Name: "get by id", Paths: func(f *Fixture) []string {
		out := make([]string, len(f.Entries))
		for i, e := range f.Entries {
			out[i] = "/v1/journalpost/" + wireID("jp", e.ID)
		}
		return out
	}},
}

// search is GET /v1/search for q, ranked by relevance (the default).
func search(q string) string {
	return "/v1/search?q=" + url.QueryEscape(q)
}

// wireID is an ID as the API writes it (api/ids.go): a kind prefix and the
// UUID's 32 hex digits.
func wireID(kind, uuid string) string {
	return kind + "_" + strings.ReplaceAll(uuid, "-", "")
}
