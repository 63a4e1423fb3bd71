// Package postgres implements the journal's stores on PostgreSQL with sqlx
// and lib/pq: the full record, the published projection and its refresh,
// API keys and the audit log. Every public method owns its transaction.
package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq" // the PostgreSQL driver
)

// PublicRole is the database role the public store runs as. It may read
// the published projection and nothing else (migrations/00002).
const PublicRole = "innsyn_public"

// Pool limits. A small pool per process keeps many replicas within the
// server's max_connections.
const (
	maxOpenConns    = 16
	maxIdleConns    = 8
	connMaxLifetime = 30 * time.Minute
)

// Open connects to the database at url and checks that it answers.
func Open(ctx context.Context, url string) (*sqlx.DB, error) {
	db, err := sqlx.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db.SetMaxOpenConns(maxOpenConns)
	db.SetMaxIdleConns(maxIdleConns)
	db.SetConnMaxLifetime(connMaxLifetime)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to database: %w", redact(err))
	}
	return db, nil
}

// OpenPublic connects like Open, but every session of the pool runs as
// PublicRole in read-only transactions, so that the database itself refuses
// the public store any table but the projection. statementTimeout (0: none)
// bounds every public statement, so that no search can hold a connection
// for long; a statement cancelled by it is answered as unavailable.
func OpenPublic(ctx context.Context, dsn string, statementTimeout time.Duration) (*sqlx.DB, error) {
	withRole, err := PublicSessionDSN(dsn, statementTimeout)
	if err != nil {
		return nil, err
	}
	return Open(ctx, withRole)
}

// PublicSessionDSN is dsn with the session options of OpenPublic's pool:
// the public role, read-only transactions, the statement timeout.
func PublicSessionDSN(dsn string, statementTimeout time.Duration) (string, error) {
	return withSessionOptions(dsn, fmt.Sprintf("-c role=%s -c default_transaction_read_only=on -c statement_timeout=%d",
		PublicRole, statementTimeout.Milliseconds()))
}

// withSessionOptions adds PostgreSQL startup options to a connection string
// in URL or key=value form.
func withSessionOptions(dsn, options string) (string, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", fmt.Errorf("database URL is not a valid URL")
		}
		q := u.Query()
		q.Set("options", strings.TrimSpace(q.Get("options")+" "+options))
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	return dsn + " options='" + options + "'", nil
}

// redact drops a connection error's text when it could carry the password.
func redact(err error) error {
	if strings.Contains(err.Error(), "password") {
		return fmt.Errorf("authentication or connection failed")
	}
	return err
}

// Ping checks that the database answers, for readiness probes.
func Ping(ctx context.Context, db *sqlx.DB) error {
	var one int
	return db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// isUUID reports whether s is a UUID in canonical lowercase form, so that
// a malformed ID is "not found" rather than a database error.
func isUUID(s string) bool { return uuidPattern.MatchString(s) }

// inTx runs fn in a transaction that is committed when fn returns nil and
// rolled back otherwise.
func inTx(ctx context.Context, db *sqlx.DB, opts *sql.TxOptions, fn func(*sqlx.Tx) error) error {
	tx, err := db.BeginTxx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", translate(err))
	}
	return nil
}
