package postgres

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/offl"
)

// skjermingOwner is a case or entry and the skjerming it has, if any.
type skjermingOwner struct {
	ID          string  `db:"id"`
	SystemID    string  `db:"system_id"`
	SkjermingID *string `db:"skjerming_id"`
}

// ownerTables are the tables a skjerming can belong to; the name is put
// into SQL, so only these are accepted.
var ownerTables = map[string]bool{"journalpost": true, "saksmappe": true}

// skjermingOwners reads the owners with the given SystemIDs, by SystemID.
func skjermingOwners(ctx context.Context, tx *sqlx.Tx, table string, systemIDs []string) (map[string]skjermingOwner, error) {
	if !ownerTables[table] {
		return nil, fmt.Errorf("skjerming owner table %q", table)
	}
	var rows []skjermingOwner
	if err := tx.SelectContext(ctx, &rows, `SELECT id, system_id, skjerming_id FROM `+table+`
		WHERE system_id = ANY($1)`, pq.Array(systemIDs)); err != nil {
		return nil, fmt.Errorf("read %s: %w", table, err)
	}
	out := make(map[string]skjermingOwner, len(rows))
	for _, r := range rows {
		out[r.SystemID] = r
	}
	return out, nil
}

// setSkjerming makes the owner's skjerming equal sk: created, updated in
// place, or removed when sk is nil.
func setSkjerming(ctx context.Context, tx *sqlx.Tx, table string, owner skjermingOwner, sk *offl.Skjerming) error {
	if !ownerTables[table] {
		return fmt.Errorf("skjerming owner table %q", table)
	}
	switch {
	case sk == nil && owner.SkjermingID == nil:
		return nil
	case sk == nil:
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET skjerming_id = NULL WHERE id = $1`, owner.ID); err != nil {
			return fmt.Errorf("remove skjerming: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM skjerming WHERE id = $1`, *owner.SkjermingID); err != nil {
			return fmt.Errorf("remove skjerming: %w", err)
		}
		return nil
	}
	screens, err := encodeScreens(sk.Screens)
	if err != nil {
		return err
	}
	meirinnsyn, err := encodeMeirinnsyn(sk.Meirinnsyn)
	if err != nil {
		return err
	}
	var varighet *int
	if sk.Varighet > 0 {
		varighet = &sk.Varighet
	}
	if owner.SkjermingID != nil {
		// A changed basis must be reviewed again if the parser cannot map it.
		_, err := tx.ExecContext(ctx, `UPDATE skjerming SET tilgangsrestriksjon = $2, skjermingshjemmel = $3,
			screens = $4, opphoerer_dato = $5, varighet = $6, meirinnsyn = $7::jsonb,
			basis_reviewed = basis_reviewed AND skjermingshjemmel = $3, updated_at = now() WHERE id = $1`,
			*owner.SkjermingID, sk.Tilgangsrestriksjon, sk.Skjermingshjemmel, string(screens), nullTime(sk.OpphoererDato),
			varighet, meirinnsyn)
		if err != nil {
			return fmt.Errorf("update skjerming: %w", translate(err))
		}
		return nil
	}
	_, err = tx.ExecContext(ctx, `WITH s AS (
			INSERT INTO skjerming (tilgangsrestriksjon, skjermingshjemmel, screens, opphoerer_dato, varighet, meirinnsyn)
			VALUES ($2, $3, $4, $5, $6, $7::jsonb) RETURNING id)
		UPDATE `+table+` SET skjerming_id = (SELECT id FROM s) WHERE id = $1`,
		owner.ID, sk.Tilgangsrestriksjon, sk.Skjermingshjemmel, string(screens), nullTime(sk.OpphoererDato),
		varighet, meirinnsyn)
	if err != nil {
		return fmt.Errorf("create skjerming: %w", translate(err))
	}
	return nil
}
