package postgres

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/innsynskrav"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// RequestStore keeps requests for access (innsynskrav): orders, their
// items, delivery links and the mails about them. Every change and the
// mails it causes are written in one transaction; a job sends the mails.
type RequestStore struct {
	db    *sqlx.DB
	now   func() time.Time
	cal   *offl.Calendar
	cat   *offl.Catalogue
	mails MailSettings
	queue MailQueue
	// secret keys the tracking tokens (trackToken).
	secret []byte
}

// MailSettings say how mails to requesters are addressed and linked.
type MailSettings struct {
	From     mail.Address
	BodyName string
	// BaseURL is the service's public URL, without a trailing slash; the
	// links in mails start with it.
	BaseURL     string
	DeliveryTTL time.Duration
}

// MailQueue queues the sending of outbox mails inside the transaction that
// wrote them.
type MailQueue interface {
	QueueMail(ctx context.Context, tx *sql.Tx, outboxIDs []int64) error
}

// NewRequestStore returns the request store.
// secret keys the tracking tokens: keep it stable, or the links in mails
// already sent stop working.
func NewRequestStore(db *sqlx.DB, now func() time.Time, cal *offl.Calendar, cat *offl.Catalogue, mails MailSettings, secret []byte) *RequestStore {
	if mails.DeliveryTTL <= 0 {
		mails.DeliveryTTL = innsynskrav.DefaultDeliveryTTL
	}
	return &RequestStore{db: db, now: now, cal: cal, cat: cat, mails: mails, secret: secret}
}

// SetMailQueue makes the store queue a job for every mail it writes; set
// it after both exist (the job uses the store).
func (s *RequestStore) SetMailQueue(q MailQueue) { s.queue = q }

var (
	_ innsynskrav.Requester = (*RequestStore)(nil)
	_ innsynskrav.Handler   = (*RequestStore)(nil)
)

// newToken returns a random token and the hash that is stored.
func newToken() (string, []byte) {
	b := make([]byte, 32)
	rand.Read(b)
	t := base64.RawURLEncoding.EncodeToString(b)
	return t, hashToken(t)
}

func hashToken(t string) []byte {
	h := sha256.Sum256([]byte(t))
	return h[:]
}

// validToken reports whether t looks like a token newToken made, so that
// anything else is not found without a query.
func validToken(t string) bool {
	if len(t) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(t)
	return err == nil
}

// checkOrder validates a new order and returns it normalised.
func checkOrder(o innsynskrav.NewOrder) (innsynskrav.NewOrder, error) {
	var problems []journal.FieldProblem
	add := func(field, msg string) { problems = append(problems, journal.FieldProblem{Field: field, Message: msg}) }
	o.Email = strings.TrimSpace(o.Email)
	o.Name = strings.TrimSpace(o.Name)
	o.Description = strings.TrimSpace(o.Description)
	if a, err := mail.ParseAddress(o.Email); err != nil || a.Address != o.Email || len(o.Email) > 254 || !strings.Contains(o.Email, ".") {
		add("body.email", "not an e-mail address (name@example.no)")
	}
	if utf8.RuneCountInString(o.Name) > innsynskrav.MaxName || strings.ContainsAny(o.Name, "\r\n") {
		add("body.navn", "at most 200 characters on one line")
	}
	if o.Language == "" {
		o.Language = innsynskrav.Bokmal
	}
	if !o.Language.Valid() {
		add("body.language", "nb, nn or en")
	}
	if utf8.RuneCountInString(o.Description) > innsynskrav.MaxDescription {
		add("body.beskrivelse", "at most 4000 characters")
	}
	switch {
	case len(o.JournalpostIDs) == 0 && o.Description == "":
		add("body.journalpost", "ask for at least one journal entry, or describe what you ask for in beskrivelse")
	case len(o.JournalpostIDs) > innsynskrav.MaxItems:
		add("body.journalpost", "at most "+strconv.Itoa(innsynskrav.MaxItems)+" entries in one order")
	}
	seen := map[string]int{}
	for i, id := range o.JournalpostIDs {
		if j, dup := seen[id]; dup {
			add("body.journalpost["+strconv.Itoa(i)+"]", "the same entry as journalpost["+strconv.Itoa(j)+"]; ask for each entry once")
		}
		seen[id] = i
	}
	if len(problems) > 0 {
		return o, journal.InvalidFields(problems)
	}
	return o, nil
}

// publicEntry is an entry as the public sees it when ordering.
type publicEntry struct {
	ID         string  `db:"id"`
	Title      string  `db:"offentlig_tittel"`
	Saksaar    int     `db:"saksaar"`
	Sakssekv   int     `db:"sakssekvensnummer"`
	Journalpnr int     `db:"journalpostnummer"`
	EnhetID    *string `db:"administrativ_enhet_id"`
}

// Order records a new, unverified order and the verification mail.
func (s *RequestStore) Order(ctx context.Context, in innsynskrav.NewOrder) (innsynskrav.Created, error) {
	o, err := checkOrder(in)
	if err != nil {
		return innsynskrav.Created{}, err
	}
	var out innsynskrav.Created
	err = s.inTx(ctx, func(tx *sqlx.Tx, mails *outbox) error {
		now := s.now()
		// One order at a time per address: two at once must not both pass
		// the hourly limit.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('innsynskrav:' || lower($1), 0))`, o.Email); err != nil {
			return err
		}
		var last time.Time
		err := tx.GetContext(ctx, &last, `SELECT created_at FROM innsynskrav WHERE lower(email) = lower($1)
			AND verified_at IS NULL AND created_at > $2 ORDER BY created_at DESC LIMIT 1`, o.Email, now.Add(-innsynskrav.UnverifiedWindow))
		if err == nil {
			wait := last.Add(innsynskrav.UnverifiedWindow).Sub(now)
			return &journal.Error{Code: journal.ErrRateLimited, RetryAfter: wait, Message: "this address has an unverified order from the last hour: " +
				"follow the link in that e-mail first, or try again in " + strconv.Itoa(int(wait.Minutes())+1) + " minutes"}
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		entries, err := s.publicEntries(ctx, tx, o.JournalpostIDs)
		if err != nil {
			return err
		}
		open, err := openFor(ctx, tx, o.Email, o.JournalpostIDs, now)
		if err != nil {
			return err
		}
		var fresh []publicEntry
		for _, e := range entries {
			if orderID, ok := open[e.ID]; ok {
				out.AlreadyOpen = append(out.AlreadyOpen, innsynskrav.AlreadyOpen{JournalpostID: e.ID, OrderID: orderID})
				continue
			}
			fresh = append(fresh, e)
		}
		if len(fresh) == 0 && o.Description == "" {
			return &journal.Error{Code: journal.ErrConflict, Field: "body.journalpost",
				Message: "you already have an open request for every entry in this order; follow it with the link you were sent"}
		}
		out.ID = uuid.NewString()
		out.Token = s.trackToken(out.ID)
		verify, verifyHash := newToken()
		if _, err := tx.ExecContext(ctx, `INSERT INTO innsynskrav (id, email, navn, language, beskrivelse, token_hash, verify_hash, verify_expires_at, created_at)
			VALUES ($1, $2, NULLIF($3, ''), $4, $5, $6, $7, $8, $9)`,
			out.ID, o.Email, o.Name, o.Language, o.Description, hashToken(out.Token), verifyHash, now.Add(innsynskrav.VerifyTTL), now); err != nil {
			return err
		}
		for i, e := range fresh {
			if _, err := tx.ExecContext(ctx, `INSERT INTO innsynskrav_del (innsynskrav_id, position, journalpost_id, tittel, saksnummer, enhet_id, status)
				VALUES ($1, $2, $3, $4, $5, $6, 'ubekreftet')`, out.ID, i, e.ID, e.Title,
				offl.FormatSaksnummer(e.Saksaar, e.Sakssekv)+"-"+strconv.Itoa(e.Journalpnr), e.EnhetID); err != nil {
				return err
			}
		}
		if o.Description != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO innsynskrav_del (innsynskrav_id, position, tittel, status)
				VALUES ($1, $2, $3, 'ubekreftet')`, out.ID, len(fresh), o.Description); err != nil {
				return err
			}
		}
		order, err := s.loadOrder(ctx, tx, `o.id = $1`, out.ID)
		if err != nil {
			return err
		}
		out.Items = order.Items
		return mails.add(order, innsynskrav.MailData{Kind: innsynskrav.MailVerify,
			VerifyURL: s.mails.BaseURL + "/v1/innsynskrav/verify/" + verify, VerifyExpires: now.Add(innsynskrav.VerifyTTL)}, nil)
	})
	return out, err
}

// publicEntries returns the entries, in order, that are in the public
// projection; any other ID is answered as not found, the same whether it
// does not exist or is screened.
func (s *RequestStore) publicEntries(ctx context.Context, tx *sqlx.Tx, ids []string) ([]publicEntry, error) {
	var problems []journal.FieldProblem
	var valid []string
	for i, id := range ids {
		if !isUUID(id) {
			problems = append(problems, journal.FieldProblem{Field: "body.journalpost[" + strconv.Itoa(i) + "]", Message: "no journalpost with that id"})
			continue
		}
		valid = append(valid, id)
	}
	byID := map[string]publicEntry{}
	if len(valid) > 0 {
		q, args, err := sqlx.In(`SELECT id, offentlig_tittel, saksaar, sakssekvensnummer, journalpostnummer, administrativ_enhet_id
			FROM public_journalpost WHERE id IN (?)`, valid)
		if err != nil {
			return nil, err
		}
		var rows []publicEntry
		if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), args...); err != nil {
			return nil, err
		}
		for _, r := range rows {
			byID[r.ID] = r
		}
	}
	var out []publicEntry
	for i, id := range ids {
		e, ok := byID[id]
		if !ok && isUUID(id) {
			problems = append(problems, journal.FieldProblem{Field: "body.journalpost[" + strconv.Itoa(i) + "]", Message: "no journalpost with that id"})
		}
		if ok {
			out = append(out, e)
		}
	}
	if len(problems) > 0 {
		return nil, &journal.Error{Code: journal.ErrNotFound, Field: problems[0].Field, Message: problems[0].Message, More: problems[1:]}
	}
	return out, nil
}

// openFor maps each entry the address already has an open (unverified or
// undecided) item for to that item's order.
func openFor(ctx context.Context, tx *sqlx.Tx, email string, ids []string, now time.Time) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := sqlx.In(`SELECT d.journalpost_id, d.innsynskrav_id FROM innsynskrav_del d
		JOIN innsynskrav o ON o.id = d.innsynskrav_id
		WHERE lower(o.email) = lower(?) AND d.journalpost_id IN (?) AND d.status IN ('ubekreftet', 'mottatt')
		AND (o.verified_at IS NOT NULL OR o.verify_expires_at > ?)`, email, ids, now)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, tx.Rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var jp, order string
		if err := rows.Scan(&jp, &order); err != nil {
			return nil, err
		}
		out[jp] = order
	}
	return out, rows.Err()
}

// Verify confirms an order's address: its items are received now, their
// deadlines start, and staff see them.
func (s *RequestStore) Verify(ctx context.Context, token string) (innsynskrav.Order, error) {
	var order innsynskrav.Order
	err := s.inTx(ctx, func(tx *sqlx.Tx, mails *outbox) error {
		now := s.now()
		if !validToken(token) {
			return journal.Errorf(journal.ErrNotFound, "no order with that verification link")
		}
		var row struct {
			ID       string     `db:"id"`
			Verified *time.Time `db:"verified_at"`
			Expires  time.Time  `db:"verify_expires_at"`
		}
		err := tx.GetContext(ctx, &row, `SELECT id, verified_at, verify_expires_at FROM innsynskrav WHERE verify_hash = $1 FOR UPDATE`, hashToken(token))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return journal.Errorf(journal.ErrNotFound, "no order with that verification link")
		case err != nil:
			return err
		case row.Verified != nil:
			return journal.Errorf(journal.ErrConflict, "this order is already verified; follow it with the tracking link you were sent")
		case !now.Before(row.Expires):
			return journal.Errorf(journal.ErrGone, "this verification link expired after 24 hours; send the order again")
		}
		d := s.cal.Deadlines(now)
		if _, err := tx.ExecContext(ctx, `UPDATE innsynskrav SET verified_at = $2 WHERE id = $1`, row.ID, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE innsynskrav_del SET status = 'mottatt', received_at = $2, start_date = $3,
			due = $4, deemed_refused_at = $5 WHERE innsynskrav_id = $1`,
			row.ID, now, d.Start.String(), d.Due.String(), d.DeemedRefusedAt); err != nil {
			return err
		}
		if order, err = s.loadOrder(ctx, tx, `o.id = $1`, row.ID); err != nil {
			return err
		}
		return mails.add(order, innsynskrav.MailData{Kind: innsynskrav.MailReceived, Description: order.Description}, order.Items)
	})
	return order, err
}

// byToken loads the order a tracking token belongs to, locked for update.
func (s *RequestStore) byToken(ctx context.Context, tx *sqlx.Tx, token string) (innsynskrav.Order, error) {
	if !validToken(token) {
		return innsynskrav.Order{}, journal.Errorf(journal.ErrNotFound, "no order with that tracking link")
	}
	o, err := s.loadOrder(ctx, tx, `o.token_hash = $1`, hashToken(token))
	if errors.Is(err, errNoOrder) {
		return o, journal.Errorf(journal.ErrNotFound, "no order with that tracking link")
	}
	return o, err
}

// Track returns the order a tracking token belongs to.
func (s *RequestStore) Track(ctx context.Context, token string) (innsynskrav.Order, error) {
	var o innsynskrav.Order
	err := s.inTx(ctx, func(tx *sqlx.Tx, _ *outbox) error {
		var err error
		o, err = s.byToken(ctx, tx, token)
		return err
	})
	return o, err
}

// requesterItem loads, locked, the order a tracking token belongs to and
// the item of it a requester acts on; the order must be verified.
func (s *RequestStore) requesterItem(ctx context.Context, tx *sqlx.Tx, token, itemID string) (innsynskrav.Order, innsynskrav.Item, error) {
	o, err := s.byToken(ctx, tx, token)
	if err != nil {
		return o, innsynskrav.Item{}, err
	}
	if o.VerifiedAt == nil {
		return o, innsynskrav.Item{}, journal.Errorf(journal.ErrConflict, "verify the order first with the link in the e-mail")
	}
	for _, it := range o.Items {
		if it.ID == itemID {
			return o, it, nil
		}
	}
	return o, innsynskrav.Item{}, journal.Errorf(journal.ErrNotFound, "no item with that id in this order")
}

// AskFullerReasons records the requester's request for fuller reasons for a
// refusal (offl. § 31 (2)): staff must answer within 10 working days.
func (s *RequestStore) AskFullerReasons(ctx context.Context, token, itemID string) (innsynskrav.Order, error) {
	var o innsynskrav.Order
	err := s.inTx(ctx, func(tx *sqlx.Tx, mails *outbox) error {
		now := s.now()
		var it innsynskrav.Item
		var err error
		if o, it, err = s.requesterItem(ctx, tx, token, itemID); err != nil {
			return err
		}
		w := it.Windows(s.cal, now)
		switch {
		case w.RefusedAt.IsZero() || it.Effective(now) == innsynskrav.StatusDeemedRefused:
			return journal.Errorf(journal.ErrConflict, "fuller reasons can be asked for a refusal or a partial grant; a request without an answer can be appealed")
		case it.Fuller != nil && it.Fuller.AnsweredAt == nil:
			return journal.Errorf(journal.ErrConflict, "you have already asked for fuller reasons for this item; the answer is due %s", it.Fuller.Due)
		case it.Fuller != nil:
			return journal.Errorf(journal.ErrConflict, "fuller reasons for this item were given on %s", it.Fuller.AnsweredAt.Format(time.DateOnly))
		case !now.Before(w.FullerReasons):
			return journal.Errorf(journal.ErrConflict, "the three weeks to ask for fuller reasons ended %s (offl. § 31 (2))",
				w.FullerReasons.In(s.cal.Location()).Format(time.DateOnly))
		}
		due := s.cal.FullerReasonsDue(now)
		f := innsynskrav.FullerReasons{RequestedAt: now, Due: due}
		if _, err := tx.ExecContext(ctx, `UPDATE innsynskrav_del SET fuller = $2, fuller_due = $3 WHERE id = $1`,
			itemID, mustJSON(fullerJSONOf(f)), due.String()); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, "requester", "innsynskrav.fuller_reasons.ask", "innsynskrav_del", itemID, nil, map[string]string{"due": due.String()}, ""); err != nil {
			return err
		}
		return s.reloadAndClose(ctx, tx, &o)
	})
	return o, err
}

// Appeal records the requester's appeal against a refusal, a partial grant
// or a deemed refusal (offl. § 32, fvl. § 29): the body reconsiders first.
func (s *RequestStore) Appeal(ctx context.Context, token, itemID, text string) (innsynskrav.Order, error) {
	var o innsynskrav.Order
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) > innsynskrav.MaxDescription {
		return o, journal.FieldError("body.begrunnelse", "at most 4000 characters")
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx, mails *outbox) error {
		now := s.now()
		var it innsynskrav.Item
		var err error
		if o, it, err = s.requesterItem(ctx, tx, token, itemID); err != nil {
			return err
		}
		w := it.Windows(s.cal, now)
		switch {
		case w.RefusedAt.IsZero():
			return journal.Errorf(journal.ErrConflict, "only a refusal, a partial grant or a request left unanswered can be appealed")
		case it.Appeal != nil && it.Appeal.Status != innsynskrav.AppealReversed:
			return journal.Errorf(journal.ErrConflict, "this item is already appealed (%s)", it.Appeal.Status)
		case !now.Before(w.Appeal):
			return journal.Errorf(journal.ErrConflict, "the three weeks to appeal ended %s (forvaltningsloven § 29)",
				w.Appeal.In(s.cal.Location()).Format(time.DateOnly))
		}
		a := innsynskrav.Appeal{At: now, Text: text, Status: innsynskrav.AppealReceived, UpdatedAt: now}
		if _, err := tx.ExecContext(ctx, `UPDATE innsynskrav_del SET appeal_status = 'mottatt', appeal = $2 WHERE id = $1`,
			itemID, mustJSON(appealJSONOf(a))); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, "requester", "innsynskrav.appeal", "innsynskrav_del", itemID, nil, map[string]string{"status": "mottatt"}, ""); err != nil {
			return err
		}
		if err := s.reloadAndClose(ctx, tx, &o); err != nil {
			return err
		}
		return mails.add(o, innsynskrav.MailData{Kind: innsynskrav.MailAppeal}, pick(o.Items, itemID))
	})
	return o, err
}

// Download returns the released file behind a delivery link.
func (s *RequestStore) Download(ctx context.Context, token string) (innsynskrav.Delivery, error) {
	var d innsynskrav.Delivery
	if !validToken(token) {
		return d, journal.Errorf(journal.ErrNotFound, "no file behind that link")
	}
	var expires time.Time
	err := s.db.QueryRowxContext(ctx, `SELECT o.filnavn, o.media_type, o.storrelse, o.sjekksum, o.storage_key, l.expires_at
		FROM innsynskrav_levering l JOIN dokumentobjekt o ON o.id = l.dokumentobjekt_id WHERE l.token_hash = $1`,
		hashToken(token)).Scan(&d.Filename, &d.MediaType, &d.Size, &d.Sjekksum, &d.StorageKey, &expires)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return d, journal.Errorf(journal.ErrNotFound, "no file behind that link")
	case err != nil:
		return d, fmt.Errorf("delivery: %w", err)
	case !s.now().Before(expires):
		return innsynskrav.Delivery{}, journal.Errorf(journal.ErrGone, "this download link expired on %s; ask the body for the document again",
			expires.In(s.cal.Location()).Format(time.DateOnly))
	}
	return d, nil
}

// reloadAndClose reloads the order after a change and sets or clears
// closed_at: an order is closed when nothing in it waits for anyone.
func (s *RequestStore) reloadAndClose(ctx context.Context, tx *sqlx.Tx, o *innsynskrav.Order) error {
	if _, err := tx.ExecContext(ctx, `UPDATE innsynskrav o SET closed_at = CASE WHEN EXISTS (
			SELECT 1 FROM innsynskrav_del d WHERE d.innsynskrav_id = o.id AND (d.status IN ('ubekreftet', 'mottatt')
			OR d.appeal_status IN ('mottatt', 'oversendt') OR (d.fuller IS NOT NULL AND d.fuller ->> 'answeredAt' IS NULL)))
		THEN NULL ELSE COALESCE(o.closed_at, $2) END WHERE o.id = $1`, o.ID, s.now()); err != nil {
		return err
	}
	reloaded, err := s.loadOrder(ctx, tx, `o.id = $1`, o.ID)
	*o = reloaded
	return err
}

func pick(items []innsynskrav.Item, ids ...string) []innsynskrav.Item {
	var out []innsynskrav.Item
	for _, it := range items {
		for _, id := range ids {
			if it.ID == id {
				out = append(out, it)
			}
		}
	}
	return out
}
