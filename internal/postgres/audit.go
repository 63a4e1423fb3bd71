package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/reqid"
)

// appendAudit writes one audit row in tx, so that the change and its
// record commit or fail together. before and after are encoded as JSON
// (nil stays NULL). The request ID comes from ctx.
func appendAudit(ctx context.Context, tx *sqlx.Tx, actor, action, objectType, objectID string, before, after any, reason string) error {
	b, err := jsonOrNull(before)
	if err != nil {
		return err
	}
	a, err := jsonOrNull(after)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (actor, action, object_type, object_id, before, after, reason, request_id)
		VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8)`,
		actor, action, objectType, objectID, b, a, reason, reqid.From(ctx))
	if err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	return nil
}

// jsonOrNull encodes v, or returns nil for nil (also a typed nil pointer,
// which encodes as null) so that the column is SQL NULL.
func jsonOrNull(v any) (*string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode audit value: %w", err)
	}
	if string(b) == "null" {
		return nil, nil
	}
	s := string(b)
	return &s, nil
}

type auditRow struct {
	ID         int64     `db:"id"`
	At         time.Time `db:"at"`
	Actor      string    `db:"actor"`
	Action     string    `db:"action"`
	ObjectType string    `db:"object_type"`
	ObjectID   string    `db:"object_id"`
	Before     []byte    `db:"before"`
	After      []byte    `db:"after"`
	Reason     string    `db:"reason"`
	RequestID  string    `db:"request_id"`
}

// ListAudit pages through the audit log, newest first.
func (s *Store) ListAudit(ctx context.Context, q journal.AuditQuery) (journal.Page[journal.AuditEntry], error) {
	var page journal.Page[journal.AuditEntry]
	n, err := limit(q.Limit)
	if err != nil {
		return page, err
	}
	after, err := decodeCursor(q.Cursor, "audit")
	if err != nil {
		return page, err
	}
	var f filter
	for _, c := range []struct{ column, value string }{
		{"object_type", q.ObjectType}, {"object_id", q.ObjectID}, {"actor", q.Actor},
	} {
		if c.value != "" {
			f.add(c.column+" = ?", c.value)
		}
	}
	if !q.From.IsZero() {
		f.add("at >= ?", q.From)
	}
	if !q.To.IsZero() {
		f.add("at < ?", q.To)
	}
	if after != nil {
		f.add("id < ?", after.A)
	}
	var rows []auditRow
	query := sqlx.Rebind(sqlx.DOLLAR, `SELECT id, at, actor, action, object_type, object_id, before, after, reason, request_id
		FROM audit_log`+f.where()+` ORDER BY id DESC LIMIT ?`)
	if err := s.db.SelectContext(ctx, &rows, query, append(f.args, n+1)...); err != nil {
		return page, fmt.Errorf("list audit: %w", err)
	}
	rows, page.Next = trimPage(rows, n, func(last auditRow) cursor { return cursor{List: "audit", A: int(last.ID)} })
	for _, r := range rows {
		page.Items = append(page.Items, journal.AuditEntry{ID: r.ID, At: r.At.UTC(), Actor: r.Actor, Action: r.Action,
			ObjectType: r.ObjectType, ObjectID: r.ObjectID, Before: r.Before, After: r.After, Reason: r.Reason,
			RequestID: r.RequestID})
	}
	return page, nil
}
