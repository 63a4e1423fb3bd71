package innsynskrav

import (
	"context"
	"time"

	"github.com/innsyn/innsyn/internal/offl"
)

// NewOrder is what a requester sends.
type NewOrder struct {
	Email          string
	Name           string
	Language       Language
	JournalpostIDs []string // public entries (UUIDs)
	Description    string   // something not in the journal
}

// Created is the answer to a new order. Token is the private tracking
// token; it is shown once and kept only as a hash.
type Created struct {
	ID    string
	Token string
	// AlreadyOpen lists entries left out because the same e-mail address
	// already has an open request for them, with that request's order.
	AlreadyOpen []AlreadyOpen
	Items       []Item
}

// AlreadyOpen is one entry the requester already waits for.
type AlreadyOpen struct {
	JournalpostID string
	OrderID       string
}

// QueueQuery selects items for staff.
type QueueQuery struct {
	Status    Status // "" for all received and decided; StatusDeemedRefused works too
	EnhetID   string
	Overdue   bool
	DueBefore *offl.Date
	Assignee  string
	Cursor    string
	Limit     int
}

// QueueItem is an item in the staff queue, with who asked.
type QueueItem struct {
	Item
	Email    string
	Name     string
	Language Language
}

// AppealAction is what staff do with an appeal.
type AppealAction struct {
	Action   string    // "reverse" (with Decision), "forward", "outcome"
	Decision *Decision // for reverse
	Outcome  AppealStatus
	Note     string
}

// The appeal actions.
const (
	ActionReverse = "reverse"
	ActionForward = "forward"
	ActionOutcome = "outcome"
)

// Delivery is a released file behind a private link: where it is stored
// and how to name it. The API streams it from the document store.
type Delivery struct {
	Filename   string
	MediaType  string
	Size       int64
	Sjekksum   string // SHA-256, hex
	StorageKey string
}

// Requester is what the public, with a token or not, may do.
type Requester interface {
	Order(ctx context.Context, o NewOrder) (Created, error)
	Verify(ctx context.Context, token string) (Order, error)
	Track(ctx context.Context, token string) (Order, error)
	AskFullerReasons(ctx context.Context, token, itemID string) (Order, error)
	Appeal(ctx context.Context, token, itemID, text string) (Order, error)
	Download(ctx context.Context, token string) (Delivery, error)
}

// Handler is what staff do with requests.
type Handler interface {
	Queue(ctx context.Context, q QueueQuery) ([]QueueItem, string, error)
	StaffOrder(ctx context.Context, id string) (Order, error)
	Assign(ctx context.Context, actor string, itemIDs []string, assignee string) error
	Decide(ctx context.Context, actor string, itemIDs []string, d Decision) ([]Item, error)
	AnswerFullerReasons(ctx context.Context, actor, itemID, answer string) (Item, error)
	HandleAppeal(ctx context.Context, actor, itemID string, a AppealAction) (Item, error)
	Extend(ctx context.Context, actor, itemID string, due offl.Date, reason string) (Item, error)
}

// EntryRequests is how often access to one public entry was asked for and
// what came of it; never who asked.
type EntryRequests struct {
	Requests int
	Outcomes map[Status]int // decided items by decision, StatusReceived for those waiting
}

// MaxStatisticsMonths bounds the period of one statistics query.
const MaxStatisticsMonths = 36

// PublicStatistics is what the public store tells of requests: the records
// statistics are computed from, and the counts per entry. It reads only
// what the public may know.
type PublicStatistics interface {
	// RequestRecords returns the items received in [from, to), of one unit
	// or all ("").
	RequestRecords(ctx context.Context, from, to time.Time, enhetID string) ([]StatRecord, error)
	// EntryRequests counts the requests for a public entry; an entry that is
	// not public is not found.
	EntryRequests(ctx context.Context, journalpostID string) (EntryRequests, error)
}
