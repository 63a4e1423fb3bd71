package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/innsynskrav"
	"github.com/innsyn/innsyn/internal/offl"
)

// How an item's structured parts are kept in its jsonb columns.
type (
	decisionJSON struct {
		Outcome                  string   `json:"outcome"`
		Bases                    []string `json:"bases"`
		ConfidentialityProvision string   `json:"confidentialityProvision,omitempty"`
		Meirinnsyn               string   `json:"meirinnsyn,omitempty"`
		Reason                   string   `json:"reason,omitempty"`
		ForwardedTo              string   `json:"forwardedTo,omitempty"`
		Variant                  string   `json:"variant,omitempty"`
	}
	fullerJSON struct {
		RequestedAt time.Time  `json:"requestedAt"`
		Due         string     `json:"due"`
		AnsweredAt  *time.Time `json:"answeredAt,omitempty"`
		Answer      string     `json:"answer,omitempty"`
	}
	appealJSON struct {
		At        time.Time `json:"at"`
		Text      string    `json:"text,omitempty"`
		Status    string    `json:"status"`
		UpdatedAt time.Time `json:"updatedAt"`
		Note      string    `json:"note,omitempty"`
	}
	extensionJSON struct {
		Due    string    `json:"due"`
		Reason string    `json:"reason"`
		At     time.Time `json:"at"`
	}
)

func decisionJSONOf(d innsynskrav.Decision) decisionJSON {
	bases := d.Bases
	if bases == nil {
		bases = []string{}
	}
	return decisionJSON{Outcome: string(d.Outcome), Bases: bases, ConfidentialityProvision: d.ConfidentialityProvision,
		Meirinnsyn: d.Meirinnsyn, Reason: d.Reason, ForwardedTo: d.ForwardedTo, Variant: string(d.Variant)}
}

func fullerJSONOf(f innsynskrav.FullerReasons) fullerJSON {
	return fullerJSON{RequestedAt: f.RequestedAt, Due: f.Due.String(), AnsweredAt: f.AnsweredAt, Answer: f.Answer}
}

func appealJSONOf(a innsynskrav.Appeal) appealJSON {
	return appealJSON{At: a.At, Text: a.Text, Status: string(a.Status), UpdatedAt: a.UpdatedAt, Note: a.Note}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("encode %T: %v", v, err)) // only our own plain structs come here
	}
	return string(b)
}

// orderRow and itemRow are the tables' columns.
type orderRow struct {
	ID          string     `db:"id"`
	Email       *string    `db:"email"`
	Name        *string    `db:"navn"`
	Language    string     `db:"language"`
	Description string     `db:"beskrivelse"`
	CreatedAt   time.Time  `db:"created_at"`
	VerifiedAt  *time.Time `db:"verified_at"`
	ClosedAt    *time.Time `db:"closed_at"`
	ErasedAt    *time.Time `db:"erased_at"`
}

type itemRow struct {
	ID              string     `db:"id"`
	OrderID         string     `db:"innsynskrav_id"`
	JournalpostID   *string    `db:"journalpost_id"`
	Title           string     `db:"tittel"`
	Saksnummer      string     `db:"saksnummer"`
	EnhetID         *string    `db:"enhet_id"`
	Status          string     `db:"status"`
	AssignedTo      string     `db:"assigned_to"`
	ReceivedAt      *time.Time `db:"received_at"`
	StartDate       *time.Time `db:"start_date"`
	Due             *time.Time `db:"due"`
	DeemedRefusedAt *time.Time `db:"deemed_refused_at"`
	Extension       []byte     `db:"extension"`
	Decision        []byte     `db:"decision"`
	DecidedAt       *time.Time `db:"decided_at"`
	Fuller          []byte     `db:"fuller"`
	Appeal          []byte     `db:"appeal"`
}

const itemColumns = `d.id, d.innsynskrav_id, d.journalpost_id, d.tittel, d.saksnummer, d.enhet_id, d.status, d.assigned_to,
	d.received_at, d.start_date, d.due, d.deemed_refused_at, d.extension, d.decision, d.decided_at, d.fuller, d.appeal`

// item rebuilds an item. Its deadlines are those fixed when it was
// received: a later change of the calendar's settings moves no deadline
// already told to a requester.
func (s *RequestStore) item(r itemRow) (innsynskrav.Item, error) {
	it := innsynskrav.Item{ID: r.ID, OrderID: r.OrderID, JournalpostID: deref(r.JournalpostID), Title: r.Title,
		Saksnummer: r.Saksnummer, EnhetID: deref(r.EnhetID), Status: innsynskrav.Status(r.Status), AssignedTo: r.AssignedTo,
		ReceivedAt: r.ReceivedAt, DecidedAt: r.DecidedAt}
	if r.ReceivedAt != nil && r.StartDate != nil && r.Due != nil && r.DeemedRefusedAt != nil {
		at := *r.DeemedRefusedAt
		it.Deadlines = &offl.Deadlines{Start: dateOf(*r.StartDate), Due: dateOf(*r.Due),
			AnswerBy: s.cal.DateOf(at.Add(-time.Nanosecond)), DeemedRefusedOn: s.cal.DateOf(at), DeemedRefusedAt: at}
	}
	if len(r.Extension) > 0 {
		var e extensionJSON
		if err := json.Unmarshal(r.Extension, &e); err != nil {
			return it, fmt.Errorf("decode extension: %w", err)
		}
		due, err := parseDateOnly(e.Due)
		if err != nil {
			return it, err
		}
		it.Extension = &innsynskrav.Extension{Due: due, Reason: e.Reason, At: e.At}
	}
	if len(r.Decision) > 0 {
		var d decisionJSON
		if err := json.Unmarshal(r.Decision, &d); err != nil {
			return it, fmt.Errorf("decode decision: %w", err)
		}
		it.Decision = &innsynskrav.Decision{Outcome: innsynskrav.Status(d.Outcome), Bases: d.Bases,
			ConfidentialityProvision: d.ConfidentialityProvision, Meirinnsyn: d.Meirinnsyn, Reason: d.Reason,
			ForwardedTo: d.ForwardedTo, Variant: innsynskrav.Variant(d.Variant)}
	}
	if len(r.Fuller) > 0 {
		var f fullerJSON
		if err := json.Unmarshal(r.Fuller, &f); err != nil {
			return it, fmt.Errorf("decode fuller reasons: %w", err)
		}
		due, err := parseDateOnly(f.Due)
		if err != nil {
			return it, err
		}
		it.Fuller = &innsynskrav.FullerReasons{RequestedAt: f.RequestedAt, Due: due, AnsweredAt: f.AnsweredAt, Answer: f.Answer}
	}
	if len(r.Appeal) > 0 {
		var a appealJSON
		if err := json.Unmarshal(r.Appeal, &a); err != nil {
			return it, fmt.Errorf("decode appeal: %w", err)
		}
		it.Appeal = &innsynskrav.Appeal{At: a.At, Text: a.Text, Status: innsynskrav.AppealStatus(a.Status), UpdatedAt: a.UpdatedAt, Note: a.Note}
	}
	return it, nil
}

func parseDateOnly(s string) (offl.Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return offl.Date{}, fmt.Errorf("decode date %q: %w", s, err)
	}
	return offl.NewDate(t.Year(), t.Month(), t.Day()), nil
}

// dateOf reads a date column (midnight UTC as lib/pq returns it).
func dateOf(t time.Time) offl.Date { return offl.NewDate(t.Year(), t.Month(), t.Day()) }

var errNoOrder = errors.New("no such order")

// loadOrder loads the one order matching where (on "o"), locked, with its
// items in order.
func (s *RequestStore) loadOrder(ctx context.Context, tx *sqlx.Tx, where string, arg any) (innsynskrav.Order, error) {
	var r orderRow
	err := tx.GetContext(ctx, &r, `SELECT o.id, o.email, o.navn, o.language, o.beskrivelse, o.created_at, o.verified_at,
		o.closed_at, o.erased_at FROM innsynskrav o WHERE `+where+` FOR UPDATE`, arg)
	if errors.Is(err, sql.ErrNoRows) {
		return innsynskrav.Order{}, errNoOrder
	} else if err != nil {
		return innsynskrav.Order{}, fmt.Errorf("load order: %w", err)
	}
	o := innsynskrav.Order{ID: r.ID, Email: deref(r.Email), Name: deref(r.Name), Language: innsynskrav.Language(r.Language),
		Description: r.Description, CreatedAt: r.CreatedAt, VerifiedAt: r.VerifiedAt, ClosedAt: r.ClosedAt, ErasedAt: r.ErasedAt}
	var rows []itemRow
	if err := tx.SelectContext(ctx, &rows, `SELECT `+itemColumns+` FROM innsynskrav_del d WHERE d.innsynskrav_id = $1 ORDER BY d.position`, o.ID); err != nil {
		return o, fmt.Errorf("load items: %w", err)
	}
	for _, row := range rows {
		it, err := s.item(row)
		if err != nil {
			return o, err
		}
		o.Items = append(o.Items, it)
	}
	return o, nil
}

// inTx runs fn in a transaction with an outbox: the mails fn adds are
// written and queued in the same transaction.
func (s *RequestStore) inTx(ctx context.Context, fn func(tx *sqlx.Tx, mails *outbox) error) error {
	return inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		box := &outbox{store: s}
		if err := fn(tx, box); err != nil {
			return err
		}
		return box.flush(ctx, tx)
	})
}
