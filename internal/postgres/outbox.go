package postgres

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/innsynskrav"
	innmail "github.com/innsyn/innsyn/internal/mail"
)

// outbox collects the mails of one transaction.
type outbox struct {
	store *RequestStore
	rows  []outboxRow
	// downloads are the delivery links of items being decided, by item.
	downloads map[string][]innsynskrav.MailDownload
}

type outboxRow struct {
	orderID, recipient, messageID, subject, text, html string
}

// add composes a mail about order (and the given items) to its requester.
// An erased order gets none: there is nobody to write to.
func (b *outbox) add(o innsynskrav.Order, d innsynskrav.MailData, items []innsynskrav.Item) error {
	if o.Email == "" {
		return nil
	}
	s := b.store
	d.Language = o.Language
	d.BodyName = s.mails.BodyName
	d.Name = o.Name
	d.Location = s.cal.Location()
	if d.Kind != innsynskrav.MailVerify {
		d.TrackURL = s.mails.BaseURL + "/v1/innsynskrav/track/" + s.trackToken(o.ID)
	}
	for _, it := range items {
		m := s.mailItem(it, o.Language)
		m.Downloads = b.downloads[it.ID]
		d.Items = append(d.Items, m)
	}
	subject, text, html, err := innsynskrav.Compose(d)
	if err != nil {
		return fmt.Errorf("compose %s mail: %w", d.Kind, err)
	}
	b.rows = append(b.rows, outboxRow{orderID: o.ID, recipient: o.Email, subject: subject, text: text, html: html,
		messageID: "<" + uuid.NewString() + "@" + s.mailDomain() + ">"})
	return nil
}

// flush writes the collected mails and queues their sending.
func (b *outbox) flush(ctx context.Context, tx *sqlx.Tx) error {
	if len(b.rows) == 0 {
		return nil
	}
	ids := make([]int64, len(b.rows))
	now := b.store.now()
	for i, r := range b.rows {
		if err := tx.GetContext(ctx, &ids[i], `INSERT INTO mail_outbox (innsynskrav_id, recipient, message_id, subject, body_text, body_html, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, r.orderID, r.recipient, r.messageID, r.subject, r.text, r.html, now); err != nil {
			return fmt.Errorf("write outbox: %w", err)
		}
	}
	if b.store.queue == nil {
		return nil
	}
	return b.store.queue.QueueMail(ctx, tx.Tx, ids)
}

// trackToken is an order's tracking token: an HMAC of its ID under the
// service's secret, so that every mail can carry the link while the
// database keeps only its hash.
func (s *RequestStore) trackToken(orderID string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("innsynskrav-track:" + orderID))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// mailDomain is the right-hand side of Message-IDs: the sender's domain.
func (s *RequestStore) mailDomain() string {
	if a := s.mails.From.Address; a != "" {
		if i := strings.LastIndexByte(a, '@'); i >= 0 {
			return a[i+1:]
		}
	}
	return "innsyn.invalid"
}

// mailItem describes an item in a mail, in the requester's terms.
func (s *RequestStore) mailItem(it innsynskrav.Item, lang innsynskrav.Language) innsynskrav.MailItem {
	now := s.now()
	m := innsynskrav.MailItem{Title: it.Title, Saksnummer: it.Saksnummer, Status: it.Effective(now)}
	if due, ok := it.Due(); ok {
		m.Due = due
	}
	if d := it.Decision; d != nil {
		m.ConfidentialityProvision, m.Meirinnsyn, m.Reason, m.ForwardedTo = d.ConfidentialityProvision, d.Meirinnsyn, d.Reason, d.ForwardedTo
		for _, id := range d.Bases {
			if p, ok := s.cat.Provision(id); ok {
				m.Bases = append(m.Bases, innsynskrav.MailBasis{Citation: p.Citation(), Title: p.Title.In(string(lang)),
					Explanation: p.Explanation.In(string(lang))})
			}
		}
	}
	w := it.Windows(s.cal, now)
	m.FullerReasonsUntil, m.AppealUntil = w.FullerReasons, w.Appeal
	if f := it.Fuller; f != nil {
		m.FullerAnswer = f.Answer
	}
	if a := it.Appeal; a != nil {
		m.AppealStatus, m.AppealNote = a.Status, a.Note
	}
	return m
}

// SendMail sends one outbox mail. A mail already sent is not sent again
// (a retried job after a lost acknowledgement); a permanent refusal by the
// server marks it failed and is not retried.
func (s *RequestStore) SendMail(ctx context.Context, id int64, sender innmail.Sender) error {
	var r struct {
		Recipient *string    `db:"recipient"`
		MessageID string     `db:"message_id"`
		Subject   string     `db:"subject"`
		Text      string     `db:"body_text"`
		HTML      string     `db:"body_html"`
		SentAt    *time.Time `db:"sent_at"`
		FailedAt  *time.Time `db:"failed_at"`
	}
	err := s.db.GetContext(ctx, &r, `SELECT recipient, message_id, subject, body_text, body_html, sent_at, failed_at FROM mail_outbox WHERE id = $1`, id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil // erased with its order
	case err != nil:
		return fmt.Errorf("read outbox: %w", err)
	case r.SentAt != nil || r.FailedAt != nil || r.Recipient == nil:
		return nil
	}
	msg := innmail.Message{From: s.mails.From, To: []mail.Address{{Address: *r.Recipient}}, Subject: r.Subject,
		Text: r.Text, HTML: r.HTML, MessageID: r.MessageID, Headers: map[string]string{"Auto-Submitted": "auto-generated"}}
	sendErr := sender.Send(ctx, msg)
	now := s.now()
	switch {
	case sendErr == nil:
		_, err = s.db.ExecContext(ctx, `UPDATE mail_outbox SET sent_at = $2, attempts = attempts + 1, last_error = '' WHERE id = $1`, id, now)
	case innmail.IsPermanent(sendErr):
		_, err = s.db.ExecContext(ctx, `UPDATE mail_outbox SET failed_at = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1`, id, now, sendErr.Error())
	default:
		_, err = s.db.ExecContext(ctx, `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, id, sendErr.Error())
	}
	if err != nil {
		return errors.Join(sendErr, fmt.Errorf("record sending: %w", err))
	}
	return sendErr
}
