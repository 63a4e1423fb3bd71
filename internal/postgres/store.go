package postgres

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Store is the full journal: records, their skjerming and the projection
// computed from them. Staff and background work use it; public handlers
// never do (they get a PublicStore).
type Store struct {
	db     *sqlx.DB
	now    func() time.Time
	policy offl.Policy
	queue  TextQueue
}

// NewStore returns the journal on db. now is the clock every publication
// rule reads; policy holds the body's publication choices.
func NewStore(db *sqlx.DB, now func() time.Time, policy offl.Policy) *Store {
	return &Store{db: db, now: now, policy: policy}
}

// Journalpost returns the full record of an entry, for staff.
func (s *Store) Journalpost(ctx context.Context, id string) (journal.StaffJournalpost, error) {
	var out journal.StaffJournalpost
	err := inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		records, err := loadJournalposts(ctx, tx, []string{id})
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return journal.NotFound("journalpost")
		}
		rec := records[0]
		cases, err := loadSaksmapper(ctx, tx, []string{rec.SaksmappeID})
		if err != nil {
			return err
		}
		out = journal.StaffJournalpost{
			Record:  rec.Journalpost,
			Hidden:  offl.PublishJournalpost(rec.Journalpost, s.now(), s.policy).Hidden,
			Version: rec.Version,
		}
		if len(cases) == 1 {
			out.Saksmappe = cases[0].Saksmappe
		}
		if rec.AdministrativEnhetID != "" {
			e, err := enhetByID(ctx, tx, rec.AdministrativEnhetID)
			if err != nil {
				return err
			}
			out.Enhet = &e
		}
		return nil
	})
	return out, err
}

// RefreshDue recomputes the projection rows whose public view changes by
// the clock alone (accessibleAfter reached, a skjerming expired, the name
// search period over) and are due now. It handles at most limit entries and
// returns how many it refreshed; rows locked by another replica are skipped,
// so several replicas may run it at once.
func (s *Store) RefreshDue(ctx context.Context, limit int) (int, error) {
	var n int
	err := inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		now := s.now()
		var ids, cases []string
		if err := tx.SelectContext(ctx, &ids, `SELECT id FROM journalpost
			WHERE projection_due_at <= $1 ORDER BY projection_due_at LIMIT $2
			FOR UPDATE SKIP LOCKED`, now, limit); err != nil {
			return err
		}
		if err := tx.SelectContext(ctx, &cases, `SELECT id FROM saksmappe
			WHERE projection_due_at <= $1 ORDER BY projection_due_at LIMIT $2
			FOR UPDATE SKIP LOCKED`, now, limit); err != nil {
			return err
		}
		n = len(ids) + len(cases)
		if err := liftExpired(ctx, tx, "journalpost", ids, now); err != nil {
			return err
		}
		if err := liftExpired(ctx, tx, "saksmappe", cases, now); err != nil {
			return err
		}
		return refreshProjection(ctx, tx, s.policy, now, ids, cases)
	})
	return n, err
}

type enhetRow struct {
	ID       string  `db:"id"`
	Kode     string  `db:"kode"`
	Navn     string  `db:"navn"`
	ParentID *string `db:"parent_id"`
}

func (r enhetRow) enhet() journal.Enhet {
	return journal.Enhet{ID: r.ID, Kode: r.Kode, Navn: r.Navn, ParentID: deref(r.ParentID)}
}

func enhetByID(ctx context.Context, q sqlx.QueryerContext, id string) (journal.Enhet, error) {
	var r enhetRow
	if err := sqlx.GetContext(ctx, q, &r, `SELECT id, kode, navn, parent_id FROM enhet WHERE id = $1`, id); err != nil {
		return journal.Enhet{}, translate(err)
	}
	return r.enhet(), nil
}
