package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/journal"
)

// KeyStore keeps API keys in api_key. Every change is audited.
type KeyStore struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewKeyStore returns the key store on db with the given clock.
func NewKeyStore(db *sqlx.DB, now func() time.Time) *KeyStore { return &KeyStore{db: db, now: now} }

var _ auth.KeyStore = (*KeyStore)(nil)

type keyRow struct {
	ID         string     `db:"id"`
	Name       string     `db:"name"`
	Role       string     `db:"role"`
	Prefix     string     `db:"prefix"`
	CreatedAt  time.Time  `db:"created_at"`
	ExpiresAt  *time.Time `db:"expires_at"`
	RevokedAt  *time.Time `db:"revoked_at"`
	LastUsedAt *time.Time `db:"last_used_at"`
}

const keyColumns = `id, name, role, prefix, created_at, expires_at, revoked_at, last_used_at`

func (r keyRow) key() auth.Key {
	return auth.Key{ID: r.ID, Name: r.Name, Role: auth.Role(r.Role), Prefix: r.Prefix, CreatedAt: r.CreatedAt.UTC(),
		ExpiresAt: derefTime(r.ExpiresAt), RevokedAt: derefTime(r.RevokedAt), LastUsedAt: derefTime(r.LastUsedAt)}
}

// auditedKey is what the audit log records of a key: never its hash.
type auditedKey struct {
	Name      string     `json:"name"`
	Role      string     `json:"role"`
	Prefix    string     `json:"prefix"`
	ExpiresAt *time.Time `json:"expiresAt,omitempty"`
	RevokedAt *time.Time `json:"revokedAt,omitempty"`
}

func (r keyRow) audited() auditedKey {
	return auditedKey{Name: r.Name, Role: r.Role, Prefix: r.Prefix, ExpiresAt: r.ExpiresAt, RevokedAt: r.RevokedAt}
}

// CreateKey makes a key with a fresh secret and returns it; the secret is
// not stored and cannot be shown again.
func (s *KeyStore) CreateKey(ctx context.Context, actor, name string, role auth.Role, expiresAt time.Time) (auth.Key, string, error) {
	secret := auth.NewSecret()
	k, err := s.insert(ctx, actor, name, role, secret, expiresAt)
	return k, secret, err
}

func (s *KeyStore) insert(ctx context.Context, actor, name string, role auth.Role, secret string, expiresAt time.Time) (auth.Key, error) {
	if name == "" || len(name) > 200 {
		return auth.Key{}, journal.FieldError("name", "a key needs a name of 1 to 200 characters")
	}
	if !expiresAt.IsZero() && !expiresAt.After(s.now()) {
		return auth.Key{}, journal.FieldError("expiresAt", "the expiry must lie in the future")
	}
	var row keyRow
	err := inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &row, `INSERT INTO api_key (name, role, secret_hash, prefix, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING `+keyColumns,
			name, string(role), auth.Hash(secret), auth.DisplayPrefix(secret), s.now(), nullTime(expiresAt)); err != nil {
			return translate(err)
		}
		return appendAudit(ctx, tx, actor, "apikey.create", "api_key", row.ID, nil, row.audited(), "")
	})
	if err != nil {
		return auth.Key{}, fmt.Errorf("create key: %w", err)
	}
	return row.key(), nil
}

// Authenticate finds the live key with this secret.
func (s *KeyStore) Authenticate(ctx context.Context, secret string) (auth.Principal, error) {
	var row keyRow
	err := s.db.GetContext(ctx, &row, `SELECT `+keyColumns+` FROM api_key WHERE secret_hash = $1`, auth.Hash(secret))
	now := s.now()
	switch {
	case journal.ErrorCode(translate(err)) == journal.ErrNotFound:
		return auth.Principal{}, journal.Errorf(journal.ErrUnauthorized, "the API key is not valid")
	case err != nil:
		return auth.Principal{}, fmt.Errorf("authenticate: %w", err)
	case row.RevokedAt != nil:
		return auth.Principal{}, journal.Errorf(journal.ErrUnauthorized, "the API key has been revoked")
	case row.ExpiresAt != nil && !now.Before(*row.ExpiresAt):
		return auth.Principal{}, journal.Errorf(journal.ErrUnauthorized, "the API key has expired")
	}
	// Recording use is best effort and at most once a minute per key, so
	// that reads do not become writes.
	s.db.ExecContext(ctx, `UPDATE api_key SET last_used_at = $2 WHERE id = $1
		AND (last_used_at IS NULL OR last_used_at < $2 - interval '1 minute')`, row.ID, now)
	return auth.Principal{KeyID: row.ID, Name: row.Name, Role: auth.Role(row.Role)}, nil
}

// RevokeKey revokes a key; revoking a revoked key changes nothing.
func (s *KeyStore) RevokeKey(ctx context.Context, actor, id string) error {
	if !isUUID(id) {
		return journal.NotFound("API key")
	}
	return inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		var before keyRow
		if err := tx.GetContext(ctx, &before, `SELECT `+keyColumns+` FROM api_key WHERE id = $1 FOR UPDATE`, id); err != nil {
			if journal.ErrorCode(translate(err)) == journal.ErrNotFound {
				return journal.NotFound("API key")
			}
			return fmt.Errorf("revoke key: %w", err)
		}
		if before.RevokedAt != nil {
			return nil
		}
		var after keyRow
		if err := tx.GetContext(ctx, &after, `UPDATE api_key SET revoked_at = $2 WHERE id = $1 RETURNING `+keyColumns, id, s.now()); err != nil {
			return fmt.Errorf("revoke key: %w", err)
		}
		return appendAudit(ctx, tx, actor, "apikey.revoke", "api_key", id, before.audited(), after.audited(), "")
	})
}

// ListKeys lists every key, newest first.
func (s *KeyStore) ListKeys(ctx context.Context) ([]auth.Key, error) {
	var rows []keyRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+keyColumns+` FROM api_key ORDER BY created_at DESC, id`); err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	keys := make([]auth.Key, len(rows))
	for i, r := range rows {
		keys[i] = r.key()
	}
	return keys, nil
}

// EnsureKey makes sure a live key with exactly this secret and role
// exists: it is created if missing, and un-revoked, un-expired and given
// the role if it exists (the operator who sets the secret decides).
func (s *KeyStore) EnsureKey(ctx context.Context, actor, name string, role auth.Role, secret string) (auth.Key, error) {
	if len(secret) < auth.MinBootstrapSecretLength {
		return auth.Key{}, journal.Errorf(journal.ErrInvalid, "the key secret must be at least %d characters", auth.MinBootstrapSecretLength)
	}
	var row keyRow
	err := s.db.GetContext(ctx, &row, `SELECT `+keyColumns+` FROM api_key WHERE secret_hash = $1`, auth.Hash(secret))
	if journal.ErrorCode(translate(err)) == journal.ErrNotFound {
		return s.insert(ctx, actor, name, role, secret, time.Time{})
	} else if err != nil {
		return auth.Key{}, fmt.Errorf("ensure key: %w", err)
	}
	if row.RevokedAt == nil && row.ExpiresAt == nil && row.Role == string(role) {
		return row.key(), nil
	}
	err = inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		var after keyRow
		if err := tx.GetContext(ctx, &after, `UPDATE api_key SET revoked_at = NULL, expires_at = NULL, role = $2
			WHERE id = $1 RETURNING `+keyColumns, row.ID, string(role)); err != nil {
			return fmt.Errorf("ensure key: %w", err)
		}
		row = after
		return appendAudit(ctx, tx, actor, "apikey.restore", "api_key", row.ID, nil, after.audited(), "ensured at start")
	})
	return row.key(), err
}
