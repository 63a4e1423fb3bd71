// Package journal holds the domain around the postjournal: the unit tree,
// the public and staff views the API serves, queries and pages, the stores
// that adapters implement, and the error type.
//
// The Noark 5 records themselves (Journalpost, Saksmappe …) are defined in
// package offl, because the public view is computed there by a pure
// function and offl imports nothing else of the project's.
package journal

import (
	"context"
	"time"

	"github.com/innsyn/innsyn/internal/offl"
)

// Enhet is an administrative unit of the body. Units form a tree.
type Enhet struct {
	ID       string
	Kode     string
	Navn     string
	ParentID string
}

// Limits on lists.
const (
	DefaultLimit = 25
	MaxLimit     = 100
)

// Page is one page of a list. Next is an opaque cursor for the following
// page, "" on the last page.
type Page[T any] struct {
	Items []T
	Next  string
}

// JournalpostQuery is a page of the public journal, newest first: the
// search filters, without ranking.
type JournalpostQuery struct {
	SearchFilter
	Cursor string
	Limit  int
}

// SaksmappeQuery filters the public list of cases.
type SaksmappeQuery struct {
	SaksdatoFrom time.Time
	SaksdatoTo   time.Time
	Saksaar      int
	// Enhet is a unit's ID or kode.
	Enhet           string
	IncludeSubunits bool
	Cursor          string
	Limit           int
}

// EnhetQuery pages through the units.
type EnhetQuery struct {
	Cursor string
	Limit  int
}

// PublicJournalpost is a published entry with the unit and case it
// belongs to, as the public read API shows it.
type PublicJournalpost struct {
	offl.PublicJournalpost
	// Enhet is the entry's administrative unit; nil when it has none.
	Enhet     *Enhet
	Saksmappe CaseRef
}

// CaseRef names the case an entry belongs to.
type CaseRef struct {
	ID                string
	Saksaar           int
	Sakssekvensnummer int
	OffentligTittel   string
}

// PublicSaksmappe is a published case, and on a single get, its published
// entries (at most MaxCaseEntries; the list endpoint pages through more).
type PublicSaksmappe struct {
	offl.PublicSaksmappe
	Enhet        *Enhet
	Journalposts []PublicJournalpost
	// MoreJournalposts is true when the case has more entries than listed.
	MoreJournalposts bool
}

// MaxCaseEntries bounds the entries embedded in a case.
const MaxCaseEntries = 100

// StaffJournalpost is the full record of an entry, for archive staff.
type StaffJournalpost struct {
	Record    offl.Journalpost
	Saksmappe offl.Saksmappe
	Enhet     *Enhet
	// Hidden is why the entry is not public now; offl.Published if it is.
	Hidden offl.Hidden
	// Version changes on every change to the record (for If-Match).
	Version int
}

// PublicStore reads the published projection and nothing else. Its
// implementation must not be able to see unscreened data.
type PublicStore interface {
	ListJournalposts(ctx context.Context, q JournalpostQuery) (Page[PublicJournalpost], error)
	Journalpost(ctx context.Context, id string) (PublicJournalpost, error)
	ListSaksmapper(ctx context.Context, q SaksmappeQuery) (Page[PublicSaksmappe], error)
	Saksmappe(ctx context.Context, id string) (PublicSaksmappe, error)
	ListEnheter(ctx context.Context, q EnhetQuery) (Page[Enhet], error)
	ExemptionStatistics(ctx context.Context, q StatisticsQuery) (ExemptionStatistics, error)
	Dokument(ctx context.Context, id string) (PublicDokument, error)
}

// PublicDokument is a public document and the file anyone may download.
type PublicDokument struct {
	offl.PublicDokumentbeskrivelse
	JournalpostID string
}

// StatisticsQuery narrows the statistics to entries journaled in a period.
type StatisticsQuery struct {
	JournaldatoFrom time.Time
	JournaldatoTo   time.Time
}

// ExemptionStatistics counts the published entries that carry a skjerming:
// counts only, computed from the public journal.
type ExemptionStatistics struct {
	Published int
	Screened  int
	// PerBasis counts by catalogue provision ID ("offl-13"); bases that
	// name none count under "old_law" or "unrecognised".
	PerBasis []Count
	PerEnhet []Count
	// PerMonth counts by journaldato month, "2024-05".
	PerMonth []Count
}

// Count is one row of a statistic.
type Count struct {
	Key   string
	Label string
	Count int
}

// StaffStore is what staff endpoints use: full records, marking, the
// review queue and the audit log.
type StaffStore interface {
	Journalpost(ctx context.Context, id string) (StaffJournalpost, error)
	Marker
	Reviewer
	AuditLog
}
