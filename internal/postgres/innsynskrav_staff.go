package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/innsynskrav"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// maxBatch bounds how many items one staff action may change.
const maxBatch = 200

// Queue lists received items for staff, by the due date they were
// received with (an extension shows, but does not reorder).
func (s *RequestStore) Queue(ctx context.Context, q innsynskrav.QueueQuery) ([]innsynskrav.QueueItem, string, error) {
	n, err := limit(q.Limit)
	if err != nil {
		return nil, "", err
	}
	after, err := decodeCursor(q.Cursor, "innsynskrav")
	if err != nil {
		return nil, "", err
	}
	now := s.now()
	var f filter
	f.add("d.status <> 'ubekreftet'")
	switch q.Status {
	case "":
	case innsynskrav.StatusDeemedRefused:
		f.add("d.status = 'mottatt' AND d.deemed_refused_at <= ?", now)
	case innsynskrav.StatusReceived:
		f.add("d.status = 'mottatt' AND d.deemed_refused_at > ?", now)
	default:
		f.add("d.status = ?", q.Status)
	}
	if q.EnhetID != "" {
		f.add("d.enhet_id = ?", q.EnhetID)
	}
	if q.Assignee != "" {
		f.add("d.assigned_to = ?", q.Assignee)
	}
	today := s.cal.DateOf(now).String()
	if q.Overdue {
		f.add(`((d.status = 'mottatt' AND (COALESCE((d.extension ->> 'due')::date, d.due) < ?::date OR d.deemed_refused_at <= ?))
			OR (d.fuller IS NOT NULL AND d.fuller ->> 'answeredAt' IS NULL AND d.fuller_due < ?::date))`, today, now, today)
	}
	if q.DueBefore != nil {
		f.add("COALESCE((d.extension ->> 'due')::date, d.due) <= ?::date", q.DueBefore.String())
	}
	if after != nil {
		f.add("(d.due, d.id) > (?::date, ?::uuid)", after.Date, after.Key)
	}
	query := sqlx.Rebind(sqlx.DOLLAR, `SELECT `+itemColumns+`, o.email, o.navn, o.language
		FROM innsynskrav_del d JOIN innsynskrav o ON o.id = d.innsynskrav_id`+f.where()+`
		ORDER BY d.due, d.id LIMIT ?`)
	var rows []struct {
		itemRow
		Email    *string `db:"email"`
		Name     *string `db:"navn"`
		Language string  `db:"language"`
	}
	if err := s.db.SelectContext(ctx, &rows, query, append(f.args, n+1)...); err != nil {
		return nil, "", fmt.Errorf("queue: %w", err)
	}
	var out []innsynskrav.QueueItem
	for _, r := range rows {
		it, err := s.item(r.itemRow)
		if err != nil {
			return nil, "", err
		}
		out = append(out, innsynskrav.QueueItem{Item: it, Email: deref(r.Email), Name: deref(r.Name), Language: innsynskrav.Language(r.Language)})
	}
	items, next := trimPage(out, n, func(last innsynskrav.QueueItem) cursor {
		return cursor{List: "innsynskrav", Date: last.Deadlines.Due.String(), Key: last.ID}
	})
	return items, next, nil
}

// StaffOrder returns an order with who asked.
func (s *RequestStore) StaffOrder(ctx context.Context, id string) (innsynskrav.Order, error) {
	var o innsynskrav.Order
	if !isUUID(id) {
		return o, journal.NotFound("innsynskrav")
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx, _ *outbox) error {
		var err error
		o, err = s.loadOrder(ctx, tx, `o.id = $1 AND o.verified_at IS NOT NULL`, id)
		if errors.Is(err, errNoOrder) {
			return journal.NotFound("innsynskrav")
		}
		return err
	})
	return o, err
}

// staffItems locks the items and their orders for a staff action; an
// unknown or unverified item is not found.
func (s *RequestStore) staffItems(ctx context.Context, tx *sqlx.Tx, ids []string) (map[string]*innsynskrav.Order, []innsynskrav.Item, error) {
	if len(ids) == 0 || len(ids) > maxBatch {
		return nil, nil, journal.FieldError("body.items", "1 to %d items", maxBatch)
	}
	orders := map[string]*innsynskrav.Order{}
	var items []innsynskrav.Item
	seen := map[string]bool{}
	for i, id := range ids {
		field := "body.items[" + strconv.Itoa(i) + "]"
		if seen[id] {
			return nil, nil, journal.FieldError(field, "the same item twice")
		}
		seen[id] = true
		var orderID string
		err := sqlx.GetContext(ctx, tx, &orderID, `SELECT d.innsynskrav_id FROM innsynskrav_del d WHERE d.id = $1 AND d.status <> 'ubekreftet'`, uuidOrNil(id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, &journal.Error{Code: journal.ErrNotFound, Field: field, Message: "no request item with that id"}
		} else if err != nil {
			return nil, nil, err
		}
		o, ok := orders[orderID]
		if !ok {
			loaded, err := s.loadOrder(ctx, tx, `o.id = $1`, orderID)
			if err != nil {
				return nil, nil, err
			}
			o = &loaded
			orders[orderID] = o
		}
		items = append(items, pick(o.Items, id)...)
	}
	return orders, items, nil
}

func uuidOrNil(id string) any {
	if isUUID(id) {
		return id
	}
	return nil
}

// Assign gives items to a member of staff ("" takes them back).
func (s *RequestStore) Assign(ctx context.Context, actor string, itemIDs []string, assignee string) error {
	if utf8.RuneCountInString(assignee) > 200 {
		return journal.FieldError("body.assignee", "at most 200 characters")
	}
	return s.inTx(ctx, func(tx *sqlx.Tx, _ *outbox) error {
		_, items, err := s.staffItems(ctx, tx, itemIDs)
		if err != nil {
			return err
		}
		for _, it := range items {
			if _, err := tx.ExecContext(ctx, `UPDATE innsynskrav_del SET assigned_to = $2 WHERE id = $1`, it.ID, assignee); err != nil {
				return err
			}
			if err := appendAudit(ctx, tx, actor, "innsynskrav.assign", "innsynskrav_del", it.ID,
				map[string]string{"assignedTo": it.AssignedTo}, map[string]string{"assignedTo": assignee}, ""); err != nil {
				return err
			}
		}
		return nil
	})
}

// Decide decides items, one decision for all of them: each must be
// waiting for one. Grants get private download links; each order's
// requester gets one mail about its items.
func (s *RequestStore) Decide(ctx context.Context, actor string, itemIDs []string, d innsynskrav.Decision) ([]innsynskrav.Item, error) {
	if err := d.Validate(s.cat, "body"); err != nil {
		return nil, err
	}
	var out []innsynskrav.Item
	err := s.inTx(ctx, func(tx *sqlx.Tx, mails *outbox) error {
		orders, items, err := s.staffItems(ctx, tx, itemIDs)
		if err != nil {
			return err
		}
		for i, it := range items {
			if it.Status != innsynskrav.StatusReceived {
				return &journal.Error{Code: journal.ErrConflict, Field: "body.items[" + strconv.Itoa(i) + "]",
					Message: "this item is already decided (" + string(it.Status) + "); after an appeal, reverse it through the appeal"}
			}
		}
		return s.applyDecision(ctx, tx, mails, actor, orders, items, d, "innsynskrav.decide", &out)
	})
	return out, err
}

// applyDecision writes a decision on items, their delivery links, the audit
// rows and one decision mail per order.
func (s *RequestStore) applyDecision(ctx context.Context, tx *sqlx.Tx, mails *outbox, actor string,
	orders map[string]*innsynskrav.Order, items []innsynskrav.Item, d innsynskrav.Decision, action string, out *[]innsynskrav.Item) error {
	now := s.now()
	downloads := map[string][]innsynskrav.MailDownload{}
	for i, it := range items {
		if d.Outcome == innsynskrav.StatusGranted || d.Outcome == innsynskrav.StatusPartlyGranted {
			links, err := s.deliver(ctx, tx, it, d.Variant, "body.items["+strconv.Itoa(i)+"]")
			if err != nil {
				return err
			}
			downloads[it.ID] = links
		}
		if _, err := tx.ExecContext(ctx, `UPDATE innsynskrav_del SET status = $2, decision = $3, decided_at = $4,
			first_decided_at = COALESCE(first_decided_at, $4) WHERE id = $1`, it.ID, d.Outcome, mustJSON(decisionJSONOf(d)), now); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, actor, action, "innsynskrav_del", it.ID, map[string]string{"status": string(it.Status)},
			decisionJSONOf(d), ""); err != nil {
			return err
		}
	}
	for _, o := range orders {
		if err := s.reloadAndClose(ctx, tx, o); err != nil {
			return err
		}
		var ids []string
		for _, it := range items {
			if it.OrderID == o.ID {
				ids = append(ids, it.ID)
			}
		}
		decided := pick(o.Items, ids...)
		*out = append(*out, decided...)
		// The links exist in plain only now: they go into this mail.
		mails.downloads = downloads
		if err := mails.add(*o, innsynskrav.MailData{Kind: innsynskrav.MailDecision}, decided); err != nil {
			return err
		}
		mails.downloads = nil
	}
	return nil
}

// deliver makes a private download link for each document of a granted
// entry, to the variant released. Nothing is published.
func (s *RequestStore) deliver(ctx context.Context, tx *sqlx.Tx, it innsynskrav.Item, variant innsynskrav.Variant, field string) ([]innsynskrav.MailDownload, error) {
	if it.JournalpostID == "" {
		return nil, nil // a free-text item: what is released is sent by other means
	}
	var files []struct {
		ID       string `db:"id"`
		Filnavn  string `db:"filnavn"`
		Variant  string `db:"variantformat"`
		Dokument string `db:"dokumentbeskrivelse_id"`
	}
	// The newest version of each document in the variant wanted: the
	// redacted one (O), or the original (A, else P).
	order := `CASE o.variantformat WHEN 'A' THEN 0 ELSE 1 END`
	variants := []string{"A", "P"}
	if variant == innsynskrav.VariantRedacted {
		variants = []string{"O"}
	}
	q, args, err := sqlx.In(`SELECT DISTINCT ON (b.id) o.id, o.filnavn, o.variantformat, b.id AS dokumentbeskrivelse_id
		FROM dokumentbeskrivelse b JOIN dokumentobjekt o ON o.dokumentbeskrivelse_id = b.id
		WHERE b.journalpost_id = ? AND o.variantformat IN (?)
		ORDER BY b.id, `+order+`, o.versjonsnummer DESC`, it.JournalpostID, variants)
	if err != nil {
		return nil, err
	}
	if err := tx.SelectContext(ctx, &files, tx.Rebind(q), args...); err != nil {
		return nil, fmt.Errorf("released files: %w", err)
	}
	if variant == innsynskrav.VariantRedacted {
		var docs int
		if err := tx.GetContext(ctx, &docs, `SELECT count(*) FROM dokumentbeskrivelse WHERE journalpost_id = $1`, it.JournalpostID); err != nil {
			return nil, err
		}
		if docs > len(files) {
			return nil, &journal.Error{Code: journal.ErrConflict, Field: field, Message: "not every document of this entry has a redacted variant; " +
				"upload them (POST /v1/admin/dokument/{id}/fil?variant=offentlig_variant) before releasing that variant"}
		}
	}
	now := s.now()
	expires := now.Add(s.mails.DeliveryTTL)
	var out []innsynskrav.MailDownload
	for _, f := range files {
		token, hash := newToken()
		if _, err := tx.ExecContext(ctx, `INSERT INTO innsynskrav_levering (token_hash, del_id, dokumentobjekt_id, expires_at, created_at)
			VALUES ($1, $2, $3, $4, $5)`, hash, it.ID, f.ID, expires, now); err != nil {
			return nil, err
		}
		name := f.Filnavn
		if name == "" {
			name = "dokument"
		}
		out = append(out, innsynskrav.MailDownload{Filename: name, URL: s.mails.BaseURL + "/v1/innsynskrav/download/" + token, Expires: expires})
	}
	return out, nil
}

// AnswerFullerReasons records staff's fuller reasons and mails them.
func (s *RequestStore) AnswerFullerReasons(ctx context.Context, actor, itemID, answer string) (innsynskrav.Item, error) {
	answer = strings.TrimSpace(answer)
	if answer == "" || utf8.RuneCountInString(answer) > innsynskrav.MaxDescription {
		return innsynskrav.Item{}, journal.FieldError("body.answer", "1 to 4000 characters")
	}
	var out innsynskrav.Item
	err := s.inTx(ctx, func(tx *sqlx.Tx, mails *outbox) error {
		orders, items, err := s.staffItems(ctx, tx, []string{itemID})
		if err != nil {
			return err
		}
		it := items[0]
		if it.Fuller == nil || it.Fuller.AnsweredAt != nil {
			return journal.Errorf(journal.ErrConflict, "fuller reasons were not asked for, or are already given")
		}
		now := s.now()
		f := *it.Fuller
		f.AnsweredAt, f.Answer = &now, answer
		if _, err := tx.ExecContext(ctx, `UPDATE innsynskrav_del SET fuller = $2 WHERE id = $1`, it.ID, mustJSON(fullerJSONOf(f))); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, actor, "innsynskrav.fuller_reasons.answer", "innsynskrav_del", it.ID, nil,
			map[string]string{"answer": answer}, ""); err != nil {
			return err
		}
		o := orders[it.OrderID]
		if err := s.reloadAndClose(ctx, tx, o); err != nil {
			return err
		}
		out = pick(o.Items, it.ID)[0]
		return mails.add(*o, innsynskrav.MailData{Kind: innsynskrav.MailFullerReasons}, []innsynskrav.Item{out})
	})
	return out, err
}

// HandleAppeal moves an appeal on: the body reverses its decision (a new
// decision), forwards the appeal to Statsforvaltaren, or records the
// outcome Statsforvaltaren sent back.
func (s *RequestStore) HandleAppeal(ctx context.Context, actor, itemID string, a innsynskrav.AppealAction) (innsynskrav.Item, error) {
	a.Note = strings.TrimSpace(a.Note)
	if utf8.RuneCountInString(a.Note) > innsynskrav.MaxDescription {
		return innsynskrav.Item{}, journal.FieldError("body.note", "at most 4000 characters")
	}
	var out innsynskrav.Item
	err := s.inTx(ctx, func(tx *sqlx.Tx, mails *outbox) error {
		orders, items, err := s.staffItems(ctx, tx, []string{itemID})
		if err != nil {
			return err
		}
		it, o, now := items[0], orders[items[0].OrderID], s.now()
		var status innsynskrav.AppealStatus
		current := innsynskrav.AppealNone
		if it.Appeal != nil {
			current = it.Appeal.Status
		}
		switch a.Action {
		case innsynskrav.ActionReverse, innsynskrav.ActionForward:
			if current != innsynskrav.AppealReceived {
				return journal.Errorf(journal.ErrConflict, "there is no appeal waiting for the body's reconsideration")
			}
			status = innsynskrav.AppealForwarded
			if a.Action == innsynskrav.ActionReverse {
				status = innsynskrav.AppealReversed
			}
		case innsynskrav.ActionOutcome:
			if current != innsynskrav.AppealForwarded {
				return journal.Errorf(journal.ErrConflict, "record an outcome only for an appeal forwarded to Statsforvaltaren")
			}
			if a.Outcome != innsynskrav.AppealUpheld && a.Outcome != innsynskrav.AppealAllowed {
				return journal.FieldError("body.outcome", "stadfestet or medhold")
			}
			status = a.Outcome
		default:
			return journal.FieldError("body.action", "reverse, forward or outcome")
		}
		appeal := *it.Appeal
		appeal.Status, appeal.UpdatedAt, appeal.Note = status, now, a.Note
		if _, err := tx.ExecContext(ctx, `UPDATE innsynskrav_del SET appeal_status = $2, appeal = $3 WHERE id = $1`,
			it.ID, status, mustJSON(appealJSONOf(appeal))); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, actor, "innsynskrav.appeal."+a.Action, "innsynskrav_del", it.ID,
			map[string]string{"appealStatus": string(current)}, map[string]string{"appealStatus": string(status), "note": a.Note}, ""); err != nil {
			return err
		}
		if a.Action == innsynskrav.ActionReverse {
			if a.Decision == nil {
				return journal.FieldError("body.decision", "reversing needs the new decision")
			}
			if err := a.Decision.Validate(s.cat, "body.decision"); err != nil {
				return err
			}
			it.Status = innsynskrav.StatusReceived // what is reconsidered
			var decided []innsynskrav.Item
			if err := s.applyDecision(ctx, tx, mails, actor, map[string]*innsynskrav.Order{o.ID: o},
				[]innsynskrav.Item{it}, *a.Decision, "innsynskrav.appeal.decide", &decided); err != nil {
				return err
			}
		} else if err := s.reloadAndClose(ctx, tx, o); err != nil {
			return err
		}
		out = pick(o.Items, it.ID)[0]
		return mails.add(*o, innsynskrav.MailData{Kind: innsynskrav.MailAppeal}, []innsynskrav.Item{out})
	})
	return out, err
}

// Extend records that staff need until due to answer, and why. The law's
// deemed refusal (§ 32 (1)) does not move: the requester may still appeal.
func (s *RequestStore) Extend(ctx context.Context, actor, itemID string, due offl.Date, reason string) (innsynskrav.Item, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > innsynskrav.MaxDescription {
		return innsynskrav.Item{}, journal.FieldError("body.reason", "1 to 4000 characters: why more time is needed")
	}
	var out innsynskrav.Item
	err := s.inTx(ctx, func(tx *sqlx.Tx, _ *outbox) error {
		orders, items, err := s.staffItems(ctx, tx, []string{itemID})
		if err != nil {
			return err
		}
		it := items[0]
		current, _ := it.Due()
		switch {
		case it.Status != innsynskrav.StatusReceived:
			return journal.Errorf(journal.ErrConflict, "only an item waiting for a decision can be extended")
		case !due.After(current):
			return journal.FieldError("body.due", "must be after the current due date %s", current)
		case !s.cal.IsWorkingDay(due):
			return journal.FieldError("body.due", "%s is not a working day (%s)", due, s.cal.NonWorkingReason(due))
		}
		e := extensionJSON{Due: due.String(), Reason: reason, At: s.now()}
		if _, err := tx.ExecContext(ctx, `UPDATE innsynskrav_del SET extension = $2 WHERE id = $1`, it.ID, mustJSON(e)); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, actor, "innsynskrav.extend", "innsynskrav_del", it.ID,
			map[string]string{"due": current.String()}, e, reason); err != nil {
			return err
		}
		o := orders[it.OrderID]
		if err := s.reloadAndClose(ctx, tx, o); err != nil {
			return err
		}
		out = pick(o.Items, it.ID)[0]
		return nil
	})
	return out, err
}

// NotifyDeemedRefusals tells requesters whose items reached their fifth
// working day without a decision that they count as refused and may be
// appealed; each item is told once. It returns how many items it handled.
func (s *RequestStore) NotifyDeemedRefusals(ctx context.Context, limit int) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *sqlx.Tx, mails *outbox) error {
		now := s.now()
		var rows []struct {
			ID      string `db:"id"`
			OrderID string `db:"innsynskrav_id"`
		}
		if err := tx.SelectContext(ctx, &rows, `SELECT id, innsynskrav_id FROM innsynskrav_del
			WHERE status = 'mottatt' AND deemed_notified_at IS NULL AND deemed_refused_at <= $1
			ORDER BY deemed_refused_at LIMIT $2 FOR UPDATE SKIP LOCKED`, now, limit); err != nil {
			return err
		}
		byOrder := map[string][]string{}
		for _, r := range rows {
			byOrder[r.OrderID] = append(byOrder[r.OrderID], r.ID)
			if _, err := tx.ExecContext(ctx, `UPDATE innsynskrav_del SET deemed_notified_at = $2 WHERE id = $1`, r.ID, now); err != nil {
				return err
			}
		}
		for orderID, ids := range byOrder {
			o, err := s.loadOrder(ctx, tx, `o.id = $1`, orderID)
			if err != nil {
				return err
			}
			if err := mails.add(o, innsynskrav.MailData{Kind: innsynskrav.MailDeemedRefused}, pick(o.Items, ids...)); err != nil {
				return err
			}
		}
		n = len(rows)
		return nil
	})
	return n, err
}

// EraseClosed erases the e-mail address and name of orders closed more
// than after ago, and of the mails about them; what remains is what the
// statistics need. It returns how many orders it erased.
func (s *RequestStore) EraseClosed(ctx context.Context, after time.Duration, limit int) (int, error) {
	var n int
	err := inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		var ids []string
		if err := tx.SelectContext(ctx, &ids, `SELECT id FROM innsynskrav WHERE erased_at IS NULL AND closed_at <= $1
			ORDER BY closed_at LIMIT $2 FOR UPDATE SKIP LOCKED`, s.now().Add(-after), limit); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		q, args, err := sqlx.In(`UPDATE innsynskrav SET email = NULL, navn = NULL, erased_at = ? WHERE id IN (?)`, s.now(), ids)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(q), args...); err != nil {
			return err
		}
		q, args, err = sqlx.In(`UPDATE mail_outbox SET recipient = NULL, subject = '', body_text = '', body_html = '' WHERE innsynskrav_id IN (?)`, ids)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(q), args...); err != nil {
			return err
		}
		for _, id := range ids {
			if err := appendAudit(ctx, tx, "system", "innsynskrav.erase", "innsynskrav", id, nil, nil, "retention period over"); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}
