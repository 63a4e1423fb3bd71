package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

type reviewRow struct {
	ID         string     `db:"id"`
	ObjectType string     `db:"object_type"`
	ObjectID   string     `db:"object_id"`
	Reason     string     `db:"reason"`
	Detail     []byte     `db:"detail"`
	CreatedAt  time.Time  `db:"created_at"`
	ResolvedAt *time.Time `db:"resolved_at"`
	ResolvedBy *string    `db:"resolved_by"`
	Resolution *string    `db:"resolution"`
	Note       string     `db:"note"`
}

const reviewColumns = `id, object_type, object_id, reason, detail, created_at, resolved_at, resolved_by, resolution, note`

func (r reviewRow) item() (journal.ReviewItem, error) {
	var d reviewDetail
	if err := json.Unmarshal(r.Detail, &d); err != nil {
		return journal.ReviewItem{}, fmt.Errorf("decode review detail: %w", err)
	}
	return journal.ReviewItem{
		ID: r.ID, ObjectType: r.ObjectType, ObjectID: r.ObjectID, Reason: journal.ReviewReason(r.Reason),
		Numbers: d.Numbers, Basis: d.Basis, Warnings: d.Warnings, TextStatus: d.TextStatus, CreatedAt: r.CreatedAt.UTC(),
		ResolvedAt: derefTime(r.ResolvedAt), ResolvedBy: deref(r.ResolvedBy),
		Resolution: journal.ReviewAction(deref(r.Resolution)), Note: r.Note,
	}, nil
}

// ListReview pages through the review queue, newest first.
func (s *Store) ListReview(ctx context.Context, q journal.ReviewQuery) (journal.Page[journal.ReviewItem], error) {
	var page journal.Page[journal.ReviewItem]
	n, err := limit(q.Limit)
	if err != nil {
		return page, err
	}
	after, err := decodeCursor(q.Cursor, "review")
	if err != nil {
		return page, err
	}
	var f filter
	if q.Open {
		f.add("resolved_at IS NULL")
	} else {
		f.add("resolved_at IS NOT NULL")
	}
	if q.Reason != "" {
		f.add("reason = ?", string(q.Reason))
	}
	if after != nil {
		f.add("(created_at, id) < (?::timestamptz, ?::uuid)", after.Date, after.Key)
	}
	var rows []reviewRow
	query := sqlx.Rebind(sqlx.DOLLAR, `SELECT `+reviewColumns+` FROM review_item`+f.where()+
		` ORDER BY created_at DESC, id DESC LIMIT ?`)
	if err := s.db.SelectContext(ctx, &rows, query, append(f.args, n+1)...); err != nil {
		return page, fmt.Errorf("list review: %w", err)
	}
	rows, page.Next = trimPage(rows, n, func(last reviewRow) cursor {
		return cursor{List: "review", Date: last.CreatedAt.Format(time.RFC3339Nano), Key: last.ID}
	})
	for _, r := range rows {
		it, err := r.item()
		if err != nil {
			return page, err
		}
		page.Items = append(page.Items, it)
	}
	return page, nil
}

// ResolveReview resolves one item: approve, correct or mark a skjerming.
// The action, the resolution and the refreshed projection commit together,
// with an audit row.
func (s *Store) ResolveReview(ctx context.Context, id string, r journal.Resolution) (journal.ReviewItem, error) {
	if !isUUID(id) {
		return journal.ReviewItem{}, journal.NotFound("review item")
	}
	var out journal.ReviewItem
	err := inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		var row reviewRow
		err := tx.GetContext(ctx, &row, `SELECT `+reviewColumns+` FROM review_item WHERE id = $1 FOR UPDATE`, id)
		if journal.ErrorCode(translate(err)) == journal.ErrNotFound {
			return journal.NotFound("review item")
		} else if err != nil {
			return fmt.Errorf("resolve review: %w", err)
		}
		before, err := row.item()
		if err != nil {
			return err
		}
		if !before.ResolvedAt.IsZero() {
			return journal.Errorf(journal.ErrConflict, "the item was already resolved (%s)", before.Resolution)
		}
		if err := checkChange(r.Change, 0); err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE review_item SET resolved_at = $2, resolved_by = $3, resolution = $4, note = $5
			WHERE id = $1`, id, now, r.Actor, string(r.Action), r.Reason); err != nil {
			return fmt.Errorf("resolve review: %w", err)
		}
		if err := s.applyResolution(ctx, tx, before, r); err != nil {
			return err
		}
		if err := s.refreshObject(ctx, tx, before.ObjectType, before.ObjectID); err != nil {
			return err
		}
		out = before
		out.ResolvedAt, out.ResolvedBy, out.Resolution, out.Note = now, r.Actor, r.Action, r.Reason
		return appendAudit(ctx, tx, r.Actor, "review.resolve", "review_item", id, before, out, r.Reason)
	})
	return out, err
}

// applyResolution carries out the action on the record the item is about.
func (s *Store) applyResolution(ctx context.Context, tx *sqlx.Tx, it journal.ReviewItem, r journal.Resolution) error {
	table := it.ObjectType
	if table == "dokumentobjekt" {
		return s.resolveFile(ctx, tx, it, r)
	}
	switch {
	case r.Action == journal.ReviewSkjerming:
		if r.Skjerming == nil {
			return journal.FieldError("body.skjerming", "give the skjerming to mark")
		}
		c := *r.Skjerming
		c.Change = r.Change
		return s.mark(ctx, tx, table, it.ObjectID, c)
	case it.Reason == journal.ReviewIdentityNumber && r.Action == journal.ReviewApprove:
		_, err := tx.ExecContext(ctx, `UPDATE `+table+` SET approved_numbers =
			ARRAY(SELECT DISTINCT unnest(approved_numbers || $2::text[])), version = version + 1 WHERE id = $1`,
			it.ObjectID, pq.Array(it.Numbers))
		return err
	case it.Reason == journal.ReviewIdentityNumber && r.Action == journal.ReviewCorrect:
		return s.correctTitle(ctx, tx, table, it.ObjectID, r)
	case it.Reason == journal.ReviewUnparsableBasis && r.Action == journal.ReviewApprove:
		_, err := tx.ExecContext(ctx, `UPDATE skjerming SET basis_reviewed = true
			WHERE id = (SELECT skjerming_id FROM `+table+` WHERE id = $1)`, it.ObjectID)
		return err
	case it.Reason == journal.ReviewUnparsableBasis && r.Action == journal.ReviewCorrect:
		return s.correctBasis(ctx, tx, table, it.ObjectID, r)
	}
	return journal.FieldError("body.action", "%s does not resolve an item of reason %s", r.Action, it.Reason)
}

// resolveFile resolves an item about a file: approve its numbers or its
// lack of text, or screen it through its entry's skjerming. A file is
// corrected by uploading its redacted variant, not here.
func (s *Store) resolveFile(ctx context.Context, tx *sqlx.Tx, it journal.ReviewItem, r journal.Resolution) error {
	switch {
	case r.Action == journal.ReviewSkjerming:
		if r.Skjerming == nil {
			return journal.FieldError("body.skjerming", "give the skjerming to mark")
		}
		entry, err := fileEntry(ctx, tx, it.ObjectID)
		if err != nil {
			return err
		}
		c := *r.Skjerming
		c.Change = r.Change
		return s.markJournalpost(ctx, tx, entry, c)
	case r.Action == journal.ReviewApprove && it.Reason == journal.ReviewIdentityNumber:
		_, err := tx.ExecContext(ctx, `UPDATE dokumentobjekt SET approved_numbers =
			ARRAY(SELECT DISTINCT unnest(approved_numbers || $2::text[])) WHERE id = $1`, it.ObjectID, pq.Array(it.Numbers))
		return err
	case r.Action == journal.ReviewApprove && it.Reason == journal.ReviewNoText:
		_, err := tx.ExecContext(ctx, `UPDATE dokumentobjekt SET text_reviewed = true WHERE id = $1`, it.ObjectID)
		return err
	case r.Action == journal.ReviewCorrect:
		return journal.FieldError("body.action", "to correct a file, upload its redacted variant (variant offentlig_variant)")
	}
	return journal.FieldError("body.action", "%s does not resolve an item of reason %s", r.Action, it.Reason)
}

// fileEntry is the entry a file belongs to.
func fileEntry(ctx context.Context, q sqlx.QueryerContext, objektID string) (string, error) {
	var id string
	err := sqlx.GetContext(ctx, q, &id, `SELECT d.journalpost_id FROM dokumentobjekt o
		JOIN dokumentbeskrivelse d ON d.id = o.dokumentbeskrivelse_id WHERE o.id = $1`, objektID)
	if journal.ErrorCode(translate(err)) == journal.ErrNotFound {
		return "", journal.NotFound("file")
	}
	return id, err
}

// mark sets a skjerming on a case or an entry, inside tx.
func (s *Store) mark(ctx context.Context, tx *sqlx.Tx, table, id string, c journal.SkjermingChange) error {
	if table == "saksmappe" {
		return s.markSaksmappe(ctx, tx, id, c)
	}
	return s.markJournalpost(ctx, tx, id, c)
}

func (s *Store) correctTitle(ctx context.Context, tx *sqlx.Tx, table, id string, r journal.Resolution) error {
	if r.Tittel == "" || len([]rune(r.Tittel)) > journal.MaxTitleLength {
		return journal.FieldError("body.tittel", "give the corrected title (1 to %d characters)", journal.MaxTitleLength)
	}
	if found := offl.FindIdentityNumbers(r.Tittel); len(found) > 0 {
		return journal.FieldError("body.tittel", "the corrected title still holds an identity number")
	}
	var before string
	if err := tx.GetContext(ctx, &before, `SELECT tittel FROM `+table+` WHERE id = $1`, id); err != nil {
		return fmt.Errorf("correct title: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET tittel = $2, version = version + 1, updated_at = now()
		WHERE id = $1`, id, r.Tittel); err != nil {
		return fmt.Errorf("correct title: %w", translate(err))
	}
	return appendAudit(ctx, tx, r.Actor, "tittel.correct", table, id, map[string]string{"tittel": before},
		map[string]string{"tittel": r.Tittel}, r.Reason)
}

// correctBasis replaces the basis of the record's skjerming and checks the
// result like any marking: a corrected basis must be one innsyn can read.
func (s *Store) correctBasis(ctx context.Context, tx *sqlx.Tx, table, id string, r journal.Resolution) error {
	h := offl.ParseHjemmel(r.Skjermingshjemmel)
	if h.NeedsReview(s.policy.Catalogue) {
		return journal.FieldError("body.skjermingshjemmel", "innsyn cannot map this basis either; correct it further or approve the old one as written")
	}
	var row skjermingRow
	if err := tx.GetContext(ctx, &row, `SELECT `+skjermingColumns+` FROM `+table+` o
		JOIN skjerming sk ON sk.id = o.skjerming_id WHERE o.id = $1`, id); err != nil {
		return fmt.Errorf("correct basis: %w", translate(err))
	}
	sk, err := row.skjerming()
	if err != nil {
		return err
	}
	sk.Skjermingshjemmel = r.Skjermingshjemmel
	return s.mark(ctx, tx, table, id, journal.SkjermingChange{Skjerming: *sk, Change: r.Change})
}

// refreshObject refreshes the projection of a case, an entry, or the
// entry a file belongs to.
func (s *Store) refreshObject(ctx context.Context, tx *sqlx.Tx, objectType, id string) error {
	switch objectType {
	case "saksmappe":
		return refreshSaksmapper(ctx, tx, s.policy, s.now(), []string{id})
	case "dokumentobjekt":
		entry, err := fileEntry(ctx, tx, id)
		if err != nil {
			return err
		}
		id = entry
	}
	return refreshProjection(ctx, tx, s.policy, s.now(), []string{id}, nil)
}
