package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jmoiron/sqlx"

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

func jsonOrNull(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode audit value: %w", err)
	}
	s := string(b)
	return &s, nil
}
