// Package innsynskrav is the request-for-access workflow (offl. §§ 28–32):
// orders and their items, the states an item goes through, what a decision
// must contain, and which deadlines apply. It is pure: the store keeps the
// state, the clock comes from offl.Calendar, and mails are composed in
// mailtext.go from what happened.
package innsynskrav

import (
	"time"

	"github.com/innsyn/innsyn/internal/offl"
)

// Limits on an order.
const (
	// MaxItems is the most journal entries one order may ask for.
	MaxItems = 50
	// MaxDescription bounds the free-text description of something that
	// is not in the journal, and every other free text (reasons, appeals).
	MaxDescription = 4000
	// MaxName bounds the requester's name.
	MaxName = 200
	// VerifyTTL is how long a verification link works.
	VerifyTTL = 24 * time.Hour
	// UnverifiedPerHour: at most one unverified order per e-mail address
	// per this long.
	UnverifiedWindow = time.Hour
	// DefaultDeliveryTTL is how long a download link in a grant works.
	DefaultDeliveryTTL = 30 * 24 * time.Hour
	// DefaultErasure is how long after an order closes the requester's
	// e-mail and name are erased.
	DefaultErasure = 180 * 24 * time.Hour
)

// Language is the language the requester reads: bokmål, nynorsk or
// English.
type Language string

// The languages.
const (
	Bokmal  Language = "nb"
	Nynorsk Language = "nn"
	English Language = "en"
)

// Valid reports whether l is one of the three languages.
func (l Language) Valid() bool { return l == Bokmal || l == Nynorsk || l == English }

// Status is where an item stands. The stored statuses are the first six;
// a received item past its deemed-refusal day reads as StatusDeemedRefused
// (Item.Effective), without anything being written.
type Status string

// The statuses of an item.
const (
	// StatusUnverified: the order's e-mail address is not yet verified;
	// staff do not see the item.
	StatusUnverified Status = "ubekreftet"
	// StatusReceived: verified and waiting for a decision.
	StatusReceived Status = "mottatt"
	// The four decisions.
	StatusGranted       Status = "innvilget"
	StatusPartlyGranted Status = "delvis_innvilget"
	StatusRefused       Status = "avslatt"
	StatusNotHeld       Status = "ikke_hos_oss"
	// StatusDeemedRefused: no decision within five working days of
	// receipt, which counts as a refusal that may be appealed (§ 32 (1)).
	StatusDeemedRefused Status = "antatt_avslatt"
)

// Decided reports whether s is a decision.
func (s Status) Decided() bool {
	return s == StatusGranted || s == StatusPartlyGranted || s == StatusRefused || s == StatusNotHeld
}

// Refusal reports whether s withholds something, so that fuller reasons
// may be asked for and an appeal made.
func (s Status) Refusal() bool {
	return s == StatusPartlyGranted || s == StatusRefused || s == StatusDeemedRefused
}

// AppealStatus is where an appeal (klage) stands.
type AppealStatus string

// The statuses of an appeal. The body reconsiders first (fvl. § 33): it
// reverses its decision, or forwards the appeal to Statsforvaltaren, whose
// outcome is recorded when it comes.
const (
	AppealNone      AppealStatus = ""
	AppealReceived  AppealStatus = "mottatt"
	AppealReversed  AppealStatus = "omgjort"
	AppealForwarded AppealStatus = "oversendt"
	// The outcomes from Statsforvaltaren.
	AppealUpheld  AppealStatus = "stadfestet" // the refusal stands
	AppealAllowed AppealStatus = "medhold"    // the requester was right
)

// Order is one request for access, as staff see it.
type Order struct {
	ID          string
	Email       string // "" once erased
	Name        string
	Language    Language
	Description string // what is asked for outside the journal, if anything
	CreatedAt   time.Time
	VerifiedAt  *time.Time
	ClosedAt    *time.Time
	ErasedAt    *time.Time
	Items       []Item
}

// Item is one thing asked for: a journal entry, or the order's free-text
// description.
type Item struct {
	ID            string
	OrderID       string
	JournalpostID string // "" for the free-text item
	// Title and Saksnummer describe the entry as it was public when asked
	// for, so that the requester's view never reads the full record.
	Title      string
	Saksnummer string
	EnhetID    string
	Status     Status
	AssignedTo string
	ReceivedAt *time.Time
	Deadlines  *offl.Deadlines // set once received
	Extension  *Extension
	Decision   *Decision
	DecidedAt  *time.Time
	Fuller     *FullerReasons
	Appeal     *Appeal
}

// Effective is the status as the law sees it at now: a received item past
// its deemed-refusal instant is deemed refused.
func (it Item) Effective(now time.Time) Status {
	if it.Status == StatusReceived && it.Deadlines != nil && !now.Before(it.Deadlines.DeemedRefusedAt) {
		return StatusDeemedRefused
	}
	return it.Status
}

// Windows are what a requester may still do about a refusal: when they
// learnt of it, and the last moments to ask for fuller reasons (§ 31 (2);
// not for a deemed refusal, and once only) and to appeal (fvl. § 29; again
// after a reversal). A zero time: not open. Callers compare with the time.
type Windows struct {
	RefusedAt     time.Time
	FullerReasons time.Time
	Appeal        time.Time
}

// Windows returns the item's windows at now: a decided refusal counts
// from its decision, a deemed one from the moment silence became one.
func (it Item) Windows(cal *offl.Calendar, now time.Time) Windows {
	var w Windows
	deemed := it.Effective(now) == StatusDeemedRefused
	switch {
	case deemed:
		w.RefusedAt = it.Deadlines.DeemedRefusedAt
	case it.Status.Refusal() && it.DecidedAt != nil:
		w.RefusedAt = *it.DecidedAt
	default:
		return w
	}
	if !deemed && it.Fuller == nil {
		w.FullerReasons = cal.FullerReasonsWindowEnds(w.RefusedAt)
	}
	if it.Appeal == nil || it.Appeal.Status == AppealReversed {
		w.Appeal = cal.AppealWindowEnds(w.RefusedAt)
	}
	return w
}

// Overdue reports whether the item waits for staff past a deadline: an
// answer past its due date or deemed refused (an extension moves the
// first, never the second), or fuller reasons past theirs.
func (it Item) Overdue(cal *offl.Calendar, now time.Time) bool {
	if it.Effective(now) == StatusDeemedRefused {
		return true
	}
	if it.Status == StatusReceived && it.Deadlines != nil && !now.Before(cal.EndOf(it.due())) {
		return true
	}
	return it.Fuller != nil && it.Fuller.AnsweredAt == nil && !now.Before(cal.EndOf(it.Fuller.Due))
}

// due is the answer target, or the extension's date.
func (it Item) due() offl.Date {
	if it.Extension != nil {
		return it.Extension.Due
	}
	return it.Deadlines.Due
}

// Due is the date staff should answer by (the extension's if there is one).
func (it Item) Due() (offl.Date, bool) {
	if it.Deadlines == nil {
		return offl.Date{}, false
	}
	return it.due(), true
}

// Extension records that staff need longer, and why. It moves the due
// date, not the law's clock: a body cannot extend § 32's five working
// days on its own, so the item is still deemed refused after them.
type Extension struct {
	Due    offl.Date
	Reason string
	At     time.Time
}

// FullerReasons is a request for fuller reasons (§ 31 (2)) and its answer.
type FullerReasons struct {
	RequestedAt time.Time
	Due         offl.Date
	AnsweredAt  *time.Time
	Answer      string
}

// Appeal is an appeal against a refusal and what became of it.
type Appeal struct {
	At        time.Time
	Text      string
	Status    AppealStatus
	UpdatedAt time.Time
	Note      string // staff's note on forwarding or the outcome
}
