package postgres

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Secret returns the service's secret called name, creating a random one
// the first time: every replica then uses the same. A secret given in the
// configuration is better (a copy of the database alone then opens
// nothing); this is the zero-configuration fallback.
func Secret(ctx context.Context, db *sqlx.DB, name string) ([]byte, error) {
	fresh := make([]byte, 32)
	rand.Read(fresh)
	if _, err := db.ExecContext(ctx, `INSERT INTO innsyn_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, name, fresh); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	var v []byte
	if err := db.GetContext(ctx, &v, `SELECT value FROM innsyn_secret WHERE name = $1`, name); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	return v, nil
}
