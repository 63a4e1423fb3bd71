package journal

import (
	"context"

	"github.com/innsyn/innsyn/internal/offl"
)

// Batch is a set of records to load into the journal, as an archive system
// delivers them: records refer to each other by natural keys (a unit's
// kode, a case's systemID), never by this service's IDs. Loading the same
// batch twice updates the records instead of duplicating them.
type Batch struct {
	Enheter      []EnhetInput
	Saksmapper   []SaksmappeInput
	Journalposts []JournalpostInput
}

// Limits on one batch, so that one call cannot hold a transaction for long.
const (
	MaxBatchRecords = 5000
)

// EnhetInput is a unit, keyed by its kode; ParentKode "" makes it a root.
// A parent must come before its children or already exist.
type EnhetInput struct {
	Kode       string
	Navn       string
	ParentKode string
}

// SaksmappeInput is a case keyed by Saksmappe.SystemID. Its ID and
// AdministrativEnhetID are ignored: EnhetKode names the unit.
type SaksmappeInput struct {
	Saksmappe offl.Saksmappe
	EnhetKode string
}

// JournalpostInput is an entry keyed by Journalpost.SystemID. Its ID,
// SaksmappeID, AdministrativEnhetID, PublisertDato and the IDs of its
// documents and correspondents are ignored: SaksmappeSystemID and EnhetKode
// name the case and unit, documents are keyed by their SystemID, and
// Skjerming.Screens.Documents.IDs hold the SystemIDs of screened documents.
// The files of its documents must already be in the document store.
type JournalpostInput struct {
	Journalpost       offl.Journalpost
	SaksmappeSystemID string
	EnhetKode         string
}

// LoadStats counts what a load wrote.
type LoadStats struct {
	Enheter      int
	Saksmapper   int
	Journalposts int
}

// Loader writes batches into the journal and refreshes the projection of
// every record it touched, in one transaction per batch.
type Loader interface {
	Load(ctx context.Context, b Batch) (LoadStats, error)
}
