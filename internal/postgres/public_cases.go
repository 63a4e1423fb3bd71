package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

type publicSaksmappeRow struct {
	ID                string     `db:"id"`
	Saksaar           int        `db:"saksaar"`
	Sakssekvensnummer int        `db:"sakssekvensnummer"`
	Saksdato          *time.Time `db:"saksdato"`
	OffentligTittel   string     `db:"offentlig_tittel"`
	Skjerming         []byte     `db:"skjerming"`
	publicEnhetRow
}

const publicSaksmappeSelect = `SELECT s.id, s.saksaar, s.sakssekvensnummer, s.saksdato, s.offentlig_tittel,
	s.skjerming, ` + publicEnhetColumns + `
	FROM public_saksmappe s LEFT JOIN public_enhet e ON e.id = s.administrativ_enhet_id`

func (r publicSaksmappeRow) view() (journal.PublicSaksmappe, error) {
	var sk *publicSkjermingJSON
	if len(r.Skjerming) > 0 {
		if err := json.Unmarshal(r.Skjerming, &sk); err != nil {
			return journal.PublicSaksmappe{}, fmt.Errorf("decode projection: %w", err)
		}
	}
	enhet := r.enhet()
	c := offl.PublicSaksmappe{ID: r.ID, Saksaar: r.Saksaar, Sakssekvensnummer: r.Sakssekvensnummer,
		Saksdato: derefTime(r.Saksdato), OffentligTittel: r.OffentligTittel, Skjerming: sk.public()}
	if enhet != nil {
		c.AdministrativEnhetID = enhet.ID
	}
	return journal.PublicSaksmappe{PublicSaksmappe: c, Enhet: enhet}, nil
}

// ListSaksmapper pages through the public cases, newest case number first.
func (s *PublicStore) ListSaksmapper(ctx context.Context, q journal.SaksmappeQuery) (journal.Page[journal.PublicSaksmappe], error) {
	var page journal.Page[journal.PublicSaksmappe]
	n, err := limit(q.Limit)
	if err != nil {
		return page, err
	}
	after, err := decodeCursor(q.Cursor, "saksmappe")
	if err != nil {
		return page, err
	}
	var f filter
	if !q.SaksdatoFrom.IsZero() {
		f.add("s.saksdato >= ?", q.SaksdatoFrom.Format(time.DateOnly))
	}
	if !q.SaksdatoTo.IsZero() {
		f.add("s.saksdato <= ?", q.SaksdatoTo.Format(time.DateOnly))
	}
	if q.Saksaar != 0 {
		f.add("s.saksaar = ?", q.Saksaar)
	}
	if err := s.enhetCondition(ctx, &f, "s.administrativ_enhet_id", q.Enhet, q.IncludeSubunits); err != nil {
		return page, err
	}
	if after != nil {
		f.add("(s.saksaar, s.sakssekvensnummer) < (?, ?)", after.A, after.B)
	}
	var rows []publicSaksmappeRow
	query := sqlx.Rebind(sqlx.DOLLAR, publicSaksmappeSelect+f.where()+
		` ORDER BY s.saksaar DESC, s.sakssekvensnummer DESC LIMIT ?`)
	if err := s.db.SelectContext(ctx, &rows, query, append(f.args, n+1)...); err != nil {
		return page, fmt.Errorf("list saksmapper: %w", err)
	}
	rows, page.Next = trimPage(rows, n, func(last publicSaksmappeRow) cursor {
		return cursor{List: "saksmappe", A: last.Saksaar, B: last.Sakssekvensnummer}
	})
	for _, r := range rows {
		v, err := r.view()
		if err != nil {
			return page, err
		}
		page.Items = append(page.Items, v)
	}
	return page, nil
}

// Saksmappe returns one public case with its first MaxCaseEntries public
// entries in journalpostnummer order, read in one snapshot.
func (s *PublicStore) Saksmappe(ctx context.Context, id string) (journal.PublicSaksmappe, error) {
	var out journal.PublicSaksmappe
	if !isUUID(id) {
		return out, journal.NotFound("saksmappe")
	}
	err := inTx(ctx, s.db, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}, func(tx *sqlx.Tx) error {
		var row publicSaksmappeRow
		if err := tx.GetContext(ctx, &row, publicSaksmappeSelect+` WHERE s.id = $1`, id); err == sql.ErrNoRows {
			return journal.NotFound("saksmappe")
		} else if err != nil {
			return fmt.Errorf("get saksmappe: %w", err)
		}
		var err error
		if out, err = row.view(); err != nil {
			return err
		}
		entries, err := s.selectJournalposts(ctx, tx, publicJournalpostSelect+
			` WHERE p.saksmappe_id = $1 ORDER BY p.journalpostnummer LIMIT $2`, id, journal.MaxCaseEntries+1)
		if err != nil {
			return err
		}
		if len(entries) > journal.MaxCaseEntries {
			entries, out.MoreJournalposts = entries[:journal.MaxCaseEntries], true
		}
		out.Journalposts = entries
		return nil
	})
	return out, err
}

// ListEnheter pages through the units in kode order.
func (s *PublicStore) ListEnheter(ctx context.Context, q journal.EnhetQuery) (journal.Page[journal.Enhet], error) {
	var page journal.Page[journal.Enhet]
	n, err := limit(q.Limit)
	if err != nil {
		return page, err
	}
	after, err := decodeCursor(q.Cursor, "enhet")
	if err != nil {
		return page, err
	}
	key := ""
	if after != nil {
		key = after.Key
	}
	var rows []enhetRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT id, kode, navn, parent_id FROM public_enhet
		WHERE kode > $1 ORDER BY kode LIMIT $2`, key, n+1); err != nil {
		return page, fmt.Errorf("list enheter: %w", err)
	}
	rows, page.Next = trimPage(rows, n, func(last enhetRow) cursor { return cursor{List: "enhet", Key: last.Kode} })
	for _, r := range rows {
		page.Items = append(page.Items, r.enhet())
	}
	return page, nil
}
