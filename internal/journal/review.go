package journal

import (
	"context"
	"time"
)

// ReviewReason says why a record waits for staff.
type ReviewReason string

// The reasons a record goes to the review queue.
const (
	// ReviewIdentityNumber: a text that would be published holds a
	// fødselsnummer, D- or H-nummer (offentlegforskrifta § 7 d); the
	// record is held back until resolved.
	ReviewIdentityNumber ReviewReason = "identity_number"
	// ReviewUnparsableBasis: the skjermingshjemmel could not be read or
	// names no provision of the catalogue.
	ReviewUnparsableBasis ReviewReason = "unparsable_basis"
	// ReviewNoText: a document has no extractable text, so the automatic
	// checks could not read it before full-text publication.
	ReviewNoText ReviewReason = "no_text"
)

// ReviewItem is one entry of the review queue.
type ReviewItem struct {
	ID         string
	ObjectType string // journalpost, saksmappe or dokumentobjekt
	ObjectID   string
	Reason     ReviewReason
	// Numbers are the identity numbers found (ReviewIdentityNumber).
	Numbers []string
	// Basis and Warnings describe an unparsable basis.
	Basis    string
	Warnings []string
	// TextStatus is the file's text extraction status (ReviewNoText).
	TextStatus string
	CreatedAt  time.Time
	ResolvedAt time.Time // zero while open
	ResolvedBy string
	Resolution ReviewAction
	Note       string
}

// ReviewAction is how staff resolve an item.
type ReviewAction string

// The ways to resolve an item.
const (
	// ReviewApprove: publish as it is (the number is no identity number;
	// the basis is right as written).
	ReviewApprove ReviewAction = "approve"
	// ReviewCorrect: correct the text (the title, or the basis).
	ReviewCorrect ReviewAction = "correct"
	// ReviewSkjerming: mark a skjerming that screens what was found.
	ReviewSkjerming ReviewAction = "skjerming"
	// ReviewSuperseded: the record changed so the item no longer applies
	// (set by the service).
	ReviewSuperseded ReviewAction = "superseded"
)

// ReviewQuery filters the queue.
type ReviewQuery struct {
	Reason ReviewReason
	// Open: true lists open items (the default), false resolved ones.
	Open   bool
	Cursor string
	Limit  int
}

// Resolution resolves one review item.
type Resolution struct {
	Action ReviewAction
	// Tittel is the corrected title (ReviewCorrect of an identity number).
	Tittel string
	// Skjermingshjemmel is the corrected basis (ReviewCorrect of a basis).
	Skjermingshjemmel string
	// Skjerming is the skjerming to mark (ReviewSkjerming).
	Skjerming *SkjermingChange
	Change
}

// Reviewer keeps the review queue.
type Reviewer interface {
	ListReview(ctx context.Context, q ReviewQuery) (Page[ReviewItem], error)
	ResolveReview(ctx context.Context, id string, r Resolution) (ReviewItem, error)
}
