package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

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
	return setSkjermings(ctx, tx, table, []skjermingOwner{owner}, []*offl.Skjerming{sk})
}

// skjermingInputRow is one skjerming written by setSkjermings, sent as JSON.
type skjermingInputRow struct {
	ID                  string          `json:"id"` // the owner's, or the skjerming's when updating
	Tilgangsrestriksjon string          `json:"tilgangsrestriksjon"`
	Skjermingshjemmel   string          `json:"skjermingshjemmel"`
	Screens             json.RawMessage `json:"screens"`
	OpphoererDato       *time.Time      `json:"opphoerer_dato"`
	Varighet            *int            `json:"varighet"`
	Meirinnsyn          *string         `json:"meirinnsyn"`
}

// setSkjermings makes each owner's skjerming equal the one at the same
// index of sks, in a few statements whatever their number: created, updated
// in place, or removed where nil.
func setSkjermings(ctx context.Context, tx *sqlx.Tx, table string, owners []skjermingOwner, sks []*offl.Skjerming) error {
	if !ownerTables[table] {
		return fmt.Errorf("skjerming owner table %q", table)
	}
	var created, updated []skjermingInputRow
	var clearOwners, removed []string
	for i, owner := range owners {
		sk := sks[i]
		if sk == nil {
			if owner.SkjermingID != nil {
				clearOwners = append(clearOwners, owner.ID)
				removed = append(removed, *owner.SkjermingID)
			}
			continue
		}
		row, err := newSkjermingInputRow(sk)
		if err != nil {
			return err
		}
		if owner.SkjermingID != nil {
			row.ID = *owner.SkjermingID
			updated = append(updated, row)
		} else {
			row.ID = owner.ID
			created = append(created, row)
		}
	}
	if len(removed) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET skjerming_id = NULL WHERE id = ANY($1)`, pq.Array(clearOwners)); err != nil {
			return fmt.Errorf("remove skjerming: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM skjerming WHERE id = ANY($1)`, pq.Array(removed)); err != nil {
			return fmt.Errorf("remove skjerming: %w", err)
		}
	}
	// A changed basis must be reviewed again if the parser cannot map it.
	if err := execJSON(ctx, tx, `UPDATE skjerming s SET tilgangsrestriksjon = r.tilgangsrestriksjon,
		skjermingshjemmel = r.skjermingshjemmel, screens = r.screens, opphoerer_dato = r.opphoerer_dato,
		varighet = r.varighet, meirinnsyn = r.meirinnsyn::jsonb,
		basis_reviewed = s.basis_reviewed AND s.skjermingshjemmel = r.skjermingshjemmel, updated_at = now()
		FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, tilgangsrestriksjon text, skjermingshjemmel text,
			screens jsonb, opphoerer_dato timestamptz, varighet int, meirinnsyn text)
		WHERE s.id = r.id`, updated); err != nil {
		return fmt.Errorf("update skjerming: %w", err)
	}
	// The new rows' IDs are drawn once, in a materialised CTE, so that the
	// skjerming and its owner get the same one.
	if err := execJSON(ctx, tx, `WITH r AS MATERIALIZED (
			SELECT gen_random_uuid() AS skjerming_id, r.* FROM jsonb_to_recordset($1::jsonb) AS r(id uuid,
				tilgangsrestriksjon text, skjermingshjemmel text, screens jsonb, opphoerer_dato timestamptz,
				varighet int, meirinnsyn text)),
		s AS (INSERT INTO skjerming (id, tilgangsrestriksjon, skjermingshjemmel, screens, opphoerer_dato, varighet, meirinnsyn)
			SELECT skjerming_id, tilgangsrestriksjon, skjermingshjemmel, screens, opphoerer_dato, varighet, meirinnsyn::jsonb FROM r)
		UPDATE `+table+` t SET skjerming_id = r.skjerming_id FROM r WHERE t.id = r.id`, created); err != nil {
		return fmt.Errorf("create skjerming: %w", err)
	}
	return nil
}

func newSkjermingInputRow(sk *offl.Skjerming) (skjermingInputRow, error) {
	screens, err := encodeScreens(sk.Screens)
	if err != nil {
		return skjermingInputRow{}, err
	}
	meirinnsyn, err := encodeMeirinnsyn(sk.Meirinnsyn)
	if err != nil {
		return skjermingInputRow{}, err
	}
	row := skjermingInputRow{Tilgangsrestriksjon: sk.Tilgangsrestriksjon, Skjermingshjemmel: sk.Skjermingshjemmel,
		Screens: screens, OpphoererDato: nullTime(sk.OpphoererDato), Meirinnsyn: meirinnsyn}
	if sk.Varighet > 0 {
		row.Varighet = &sk.Varighet
	}
	return row, nil
}
