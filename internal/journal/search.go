package journal

import (
	"context"
	"time"

	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/searchquery"
)

// SearchSort orders search results.
type SearchSort string

// The orders. Relevance ranks title matches above case-title, name and
// document-text matches, newest first among equals.
const (
	SortRelevance SearchSort = "relevance"
	SortNewest    SearchSort = "newest"
	SortOldest    SearchSort = "oldest"
)

// DateRange is an inclusive range of days; a zero end is open.
type DateRange struct {
	From, To time.Time
}

// SearchFilter selects public entries. Zero values do not filter; filters
// combine with AND.
type SearchFilter struct {
	// Text is the parsed query; nil matches every entry.
	Text            searchquery.Expr
	Journaldato     DateRange
	DokumentetsDato DateRange
	PublisertDato   DateRange
	Journalposttype []offl.Journalposttype
	// Enhet is a unit's ID or kode; IncludeSubunits widens it to its subtree.
	Enhet           string
	IncludeSubunits bool
	// SaksmappeID is a case's ID.
	SaksmappeID       string
	Saksaar           int
	Sakssekvensnummer int
	Journalpostnummer int
	// Korrespondansepart matches the searchable names only: never a
	// screened name, nor a person's name after the name search period.
	Korrespondansepart string
	// Basis is a catalogue key ("offl-13", "offl-23", "old_law"); a
	// section's key also matches its paragraphs ("offl-23" ⊇ "offl-23-3").
	Basis string
	// HarDokument, when set, keeps entries with (true) or without (false)
	// a public file.
	HarDokument *bool
}

// SearchQuery is one page of a search.
type SearchQuery struct {
	SearchFilter
	Sort   SearchSort
	Cursor string
	Limit  int
	// Facets asks for the facet counts of the whole result.
	Facets bool
}

// SearchResult is a page of hits.
type SearchResult struct {
	Hits []SearchHit
	Next string
	// Total counts the matches up to TotalLimit; TotalExact is false when
	// there are more.
	Total      int
	TotalExact bool
	// Ranked is how many of the newest matches relevance ranks; pages of a
	// relevance search end there (sort by date to read them all).
	Ranked int
	Facets *Facets
}

// SearchHit is one entry with its highlighted public text.
type SearchHit struct {
	PublicJournalpost
	// Highlights are fragments of public text with the matched words
	// between HighlightStart and HighlightEnd, by field name.
	Highlights map[string]string
}

// The marks around a matched word in a highlight. They are Unicode
// private-use characters, which no journal text uses, so that the API can
// escape the text and then turn them into markup.
const (
	HighlightStart = "\uE000"
	HighlightEnd   = "\uE001"
)

// Facets are counts of the matches by value.
type Facets struct {
	Journalposttype []Count
	Enhet           []Count
	Year            []Count
	Basis           []Count
}

// Searcher is the public search. It reads the published projection only.
type Searcher interface {
	Search(ctx context.Context, q SearchQuery) (SearchResult, error)
	// EachMatch calls fn for every match, newest first, fetching in
	// batches; it stops at fn's first error and returns it.
	EachMatch(ctx context.Context, f SearchFilter, fn func(PublicJournalpost) error) error
}
