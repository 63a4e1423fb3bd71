package journal

import (
	"context"

	"github.com/innsyn/innsyn/internal/offl"
)

// SkjermingChange is a skjerming staff set on a record.
type SkjermingChange struct {
	// Skjerming is the exemption. Its Screens.Documents.IDs are the
	// entry's dokumentbeskrivelse IDs.
	Skjerming offl.Skjerming
	// Varighet gives the expiry as years from the document's date (M504),
	// instead of Skjerming.OpphoererDato; 0: not given. When neither is
	// given the basis's default duration applies.
	Varighet int
	Change
}

// Change carries who makes a change, why, and the version it was made
// against.
type Change struct {
	// IfMatch is the version the change was made against; 0: any. A stale
	// version is ErrPreconditionFailed.
	IfMatch int
	Actor   string
	// Reason is required: the audit log records why.
	Reason string
}

// MaxReasonLength bounds a change's reason.
const MaxReasonLength = 1000

// StaffSaksmappe is the full record of a case, for staff.
type StaffSaksmappe struct {
	Record  offl.Saksmappe
	Enhet   *Enhet
	Hidden  offl.Hidden
	Version int
}

// Marker sets and lifts skjerming. Each call is one transaction that
// updates the record, refreshes the published projection and writes an
// audit row.
type Marker interface {
	SetJournalpostSkjerming(ctx context.Context, id string, c SkjermingChange) (StaffJournalpost, error)
	LiftJournalpostSkjerming(ctx context.Context, id string, c Change) (StaffJournalpost, error)
	Saksmappe(ctx context.Context, id string) (StaffSaksmappe, error)
	SetSaksmappeSkjerming(ctx context.Context, id string, c SkjermingChange) (StaffSaksmappe, error)
	LiftSaksmappeSkjerming(ctx context.Context, id string, c Change) (StaffSaksmappe, error)
}
