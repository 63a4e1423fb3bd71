package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// auditedSkjerming is what the audit log records of a skjerming.
type auditedSkjerming struct {
	Tilgangsrestriksjon string          `json:"tilgangsrestriksjon"`
	Skjermingshjemmel   string          `json:"skjermingshjemmel"`
	Screens             screensJSON     `json:"screens"`
	OpphoererDato       *time.Time      `json:"skjermingOpphoererDato,omitempty"`
	Varighet            int             `json:"skjermingsvarighet,omitempty"`
	Meirinnsyn          *meirinnsynJSON `json:"meirinnsyn,omitempty"`
}

func auditSkjerming(sk *offl.Skjerming) *auditedSkjerming {
	if sk == nil {
		return nil
	}
	a := &auditedSkjerming{Tilgangsrestriksjon: sk.Tilgangsrestriksjon, Skjermingshjemmel: sk.Skjermingshjemmel,
		Screens: newScreensJSON(sk.Screens), OpphoererDato: nullTime(sk.OpphoererDato), Varighet: sk.Varighet}
	if m := sk.Meirinnsyn; m != nil {
		a.Meirinnsyn = &meirinnsynJSON{VurdertAv: m.VurdertAv, VurdertDato: m.VurdertDato, Utfall: string(m.Utfall), Begrunnelse: m.Begrunnelse}
	}
	return a
}

// lockOwner reads and locks a case or entry for a change.
func lockOwner(ctx context.Context, tx *sqlx.Tx, table, id, kind string) (skjermingOwner, int, error) {
	if !ownerTables[table] {
		return skjermingOwner{}, 0, fmt.Errorf("skjerming owner table %q", table)
	}
	var row struct {
		skjermingOwner
		Version int `db:"version"`
	}
	err := tx.GetContext(ctx, &row, `SELECT id, system_id, skjerming_id, version FROM `+table+` WHERE id = $1 FOR UPDATE`, id)
	if journal.ErrorCode(translate(err)) == journal.ErrNotFound {
		return skjermingOwner{}, 0, journal.NotFound(kind)
	} else if err != nil {
		return skjermingOwner{}, 0, fmt.Errorf("lock %s: %w", table, err)
	}
	return row.skjermingOwner, row.Version, nil
}

// checkChange checks what every change carries: a reason, and a version
// that is not stale.
func checkChange(c journal.Change, version int) error {
	if n := utf8.RuneCountInString(strings.TrimSpace(c.Reason)); n == 0 || n > journal.MaxReasonLength {
		return journal.FieldError("body.reason", "say why (1 to %d characters): the audit log records it", journal.MaxReasonLength)
	}
	if c.IfMatch != 0 && c.IfMatch != version {
		return journal.Errorf(journal.ErrPreconditionFailed,
			"the record has changed since version %d (it is now %d): read it again and redo the change", c.IfMatch, version)
	}
	return nil
}

// changeSkjerming sets (or with nil, lifts) the owner's skjerming, bumps
// its version and writes the audit row, in tx. Staff marking, lifting and
// expiry all go through here.
func changeSkjerming(ctx context.Context, tx *sqlx.Tx, table string, owner skjermingOwner, after *offl.Skjerming, actor, action, reason string) error {
	var before *offl.Skjerming
	if owner.SkjermingID != nil {
		var row skjermingRow
		if err := tx.GetContext(ctx, &row, `SELECT `+skjermingColumns+` FROM skjerming sk WHERE sk.id = $1`, *owner.SkjermingID); err != nil {
			return fmt.Errorf("read skjerming: %w", err)
		}
		var err error
		if before, err = row.skjerming(); err != nil {
			return err
		}
	}
	if err := setSkjerming(ctx, tx, table, owner, after); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET version = version + 1, updated_at = now() WHERE id = $1`, owner.ID); err != nil {
		return fmt.Errorf("bump version: %w", err)
	}
	return appendAudit(ctx, tx, actor, action, table, owner.ID, auditSkjerming(before), auditSkjerming(after), reason)
}

// withExpiry resolves when the skjerming lapses: the date staff gave, or
// the duration in years from the document's date, or the basis's default
// duration when that still lies ahead.
func (s *Store) withExpiry(c journal.SkjermingChange, from, now time.Time) (offl.Skjerming, error) {
	sk := c.Skjerming
	switch {
	case c.Varighet != 0 && !sk.OpphoererDato.IsZero():
		return sk, journal.FieldError("body.skjermingsvarighet", "give an expiry date or a duration, not both")
	case c.Varighet < 0 || c.Varighet > 200:
		return sk, journal.FieldError("body.skjermingsvarighet", "a duration is 1 to 200 years")
	case c.Varighet > 0:
		sk.Varighet = c.Varighet
		sk.OpphoererDato = from.AddDate(c.Varighet, 0, 0)
	case sk.OpphoererDato.IsZero():
		if d := offl.DefaultExpiry(sk.Skjermingshjemmel, s.policy.Catalogue, from); d.After(now) {
			sk.OpphoererDato = d
		}
	}
	return sk, nil
}

// invalidBody turns the law's problems into one error listing them all.
func invalidBody(ps []offl.Problem) error {
	fields := make([]journal.FieldProblem, len(ps))
	for i, p := range ps {
		fields[i] = journal.FieldProblem{Field: "body." + p.Field, Message: p.Message}
	}
	return journal.InvalidFields(fields)
}

// documentDate is the date a skjerming's duration counts from.
func documentDate(jp offl.Journalpost) time.Time {
	if !jp.DokumentetsDato.IsZero() {
		return jp.DokumentetsDato
	}
	return jp.Journaldato
}

// SetJournalpostSkjerming sets or changes an entry's skjerming.
func (s *Store) SetJournalpostSkjerming(ctx context.Context, id string, c journal.SkjermingChange) (journal.StaffJournalpost, error) {
	if !isUUID(id) {
		return journal.StaffJournalpost{}, journal.NotFound("journalpost")
	}
	if err := inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error { return s.markJournalpost(ctx, tx, id, c) }); err != nil {
		return journal.StaffJournalpost{}, err
	}
	return s.Journalpost(ctx, id)
}

func (s *Store) markJournalpost(ctx context.Context, tx *sqlx.Tx, id string, c journal.SkjermingChange) error {
	owner, version, err := lockOwner(ctx, tx, "journalpost", id, "journalpost")
	if err != nil {
		return err
	}
	if err := checkChange(c.Change, version); err != nil {
		return err
	}
	records, err := loadJournalposts(ctx, tx, []string{id})
	if err != nil {
		return err
	}
	rec, now := records[0].Journalpost, s.now()
	sk, err := s.withExpiry(c, documentDate(rec), now)
	if err != nil {
		return err
	}
	if ps := offl.CheckMarking(sk, rec, s.policy.Catalogue, now); len(ps) > 0 {
		return invalidBody(ps)
	}
	if err := changeSkjerming(ctx, tx, "journalpost", owner, &sk, c.Actor, "skjerming.set", c.Reason); err != nil {
		return err
	}
	return refreshProjection(ctx, tx, s.policy, now, []string{id}, nil)
}

// LiftJournalpostSkjerming removes an entry's skjerming.
func (s *Store) LiftJournalpostSkjerming(ctx context.Context, id string, c journal.Change) (journal.StaffJournalpost, error) {
	if err := s.lift(ctx, "journalpost", id, c); err != nil {
		return journal.StaffJournalpost{}, err
	}
	return s.Journalpost(ctx, id)
}

// lift removes the skjerming of a case or an entry, in one transaction with
// the projection and the audit row.
func (s *Store) lift(ctx context.Context, table, id string, c journal.Change) error {
	if !isUUID(id) {
		return journal.NotFound(table)
	}
	return inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		owner, version, err := lockOwner(ctx, tx, table, id, table)
		if err != nil {
			return err
		}
		if err := checkChange(c, version); err != nil {
			return err
		}
		if owner.SkjermingID == nil {
			return journal.Errorf(journal.ErrConflict, "the %s has no skjerming to lift", table)
		}
		if err := changeSkjerming(ctx, tx, table, owner, nil, c.Actor, "skjerming.lift", c.Reason); err != nil {
			return err
		}
		return s.refreshObject(ctx, tx, table, id)
	})
}

// Saksmappe returns the full record of a case, for staff.
func (s *Store) Saksmappe(ctx context.Context, id string) (journal.StaffSaksmappe, error) {
	if !isUUID(id) {
		return journal.StaffSaksmappe{}, journal.NotFound("saksmappe")
	}
	cases, err := loadSaksmapper(ctx, s.db, []string{id})
	if err != nil {
		return journal.StaffSaksmappe{}, err
	}
	if len(cases) == 0 {
		return journal.StaffSaksmappe{}, journal.NotFound("saksmappe")
	}
	c := cases[0]
	out := journal.StaffSaksmappe{Record: c.Saksmappe, Version: c.Version,
		Hidden: offl.PublishSaksmappe(c.Saksmappe, nil, s.now()).Hidden}
	if c.AdministrativEnhetID != "" {
		e, err := enhetByID(ctx, s.db, c.AdministrativEnhetID)
		if err != nil {
			return out, err
		}
		out.Enhet = &e
	}
	return out, nil
}

// SetSaksmappeSkjerming sets or changes the skjerming of a case's title.
func (s *Store) SetSaksmappeSkjerming(ctx context.Context, id string, c journal.SkjermingChange) (journal.StaffSaksmappe, error) {
	if !isUUID(id) {
		return journal.StaffSaksmappe{}, journal.NotFound("saksmappe")
	}
	if err := inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error { return s.markSaksmappe(ctx, tx, id, c) }); err != nil {
		return journal.StaffSaksmappe{}, err
	}
	return s.Saksmappe(ctx, id)
}

func (s *Store) markSaksmappe(ctx context.Context, tx *sqlx.Tx, id string, c journal.SkjermingChange) error {
	owner, version, err := lockOwner(ctx, tx, "saksmappe", id, "saksmappe")
	if err != nil {
		return err
	}
	if err := checkChange(c.Change, version); err != nil {
		return err
	}
	cases, err := loadSaksmapper(ctx, tx, []string{id})
	if err != nil {
		return err
	}
	rec, now := cases[0].Saksmappe, s.now()
	sk, err := s.withExpiry(c, rec.Saksdato, now)
	if err != nil {
		return err
	}
	if ps := offl.CheckCaseMarking(sk, rec, s.policy.Catalogue, now); len(ps) > 0 {
		return invalidBody(ps)
	}
	if err := changeSkjerming(ctx, tx, "saksmappe", owner, &sk, c.Actor, "skjerming.set", c.Reason); err != nil {
		return err
	}
	return refreshSaksmapper(ctx, tx, s.policy, now, []string{id})
}

// LiftSaksmappeSkjerming removes the skjerming of a case's title.
func (s *Store) LiftSaksmappeSkjerming(ctx context.Context, id string, c journal.Change) (journal.StaffSaksmappe, error) {
	if err := s.lift(ctx, "saksmappe", id, c); err != nil {
		return journal.StaffSaksmappe{}, err
	}
	return s.Saksmappe(ctx, id)
}

// liftExpired lifts, as the system, the skjerming of the given owners whose
// expiry has passed (Noark 5 M505), with an audit row each.
func liftExpired(ctx context.Context, tx *sqlx.Tx, table string, ids []string, now time.Time) error {
	var owners []skjermingOwner
	if err := tx.SelectContext(ctx, &owners, `SELECT o.id, o.system_id, o.skjerming_id FROM `+table+` o
		JOIN skjerming sk ON sk.id = o.skjerming_id
		WHERE o.id = ANY($1) AND sk.opphoerer_dato <= $2`, pq.Array(ids), now); err != nil {
		return fmt.Errorf("find expired skjerming: %w", err)
	}
	for _, o := range owners {
		if err := changeSkjerming(ctx, tx, table, o, nil, journal.ActorSystem, "skjerming.expire",
			"skjermingOpphoererDato has passed"); err != nil {
			return err
		}
	}
	return nil
}
