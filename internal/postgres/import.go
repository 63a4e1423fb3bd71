package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/importer"
	"github.com/innsyn/innsyn/internal/journal"
)

var _ importer.Store = (*Store)(nil)

// Known returns, for each of the system IDs of kind that exists, the
// fingerprint its last import left (nil when it was loaded some other way).
func (s *Store) Known(ctx context.Context, kind string, systemIDs []string) (map[string][]byte, error) {
	table, err := importTable(kind)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT t.system_id, r.fingerprint FROM `+table+` t
		LEFT JOIN import_record r ON r.kind = $1 AND r.system_id = t.system_id
		WHERE t.system_id = ANY($2)`, kind, pq.Array(systemIDs))
	if err != nil {
		return nil, fmt.Errorf("known %s: %w", kind, err)
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var id string
		var fp []byte
		if err := rows.Scan(&id, &fp); err != nil {
			return nil, err
		}
		out[id] = fp
	}
	return out, rows.Err()
}

func importTable(kind string) (string, error) {
	switch kind {
	case importer.KindSaksmappe:
		return "saksmappe", nil
	case importer.KindJournalpost:
		return "journalpost", nil
	}
	return "", fmt.Errorf("import: unknown kind %q", kind)
}

// ByNaturalKey returns the system IDs of the stored records of kind with
// these natural keys (saksaar and sakssekvensnummer for a case, journalaar
// and journalsekvensnummer for an entry).
func (s *Store) ByNaturalKey(ctx context.Context, kind string, keys []importer.NaturalKey) (map[importer.NaturalKey]string, error) {
	query := `SELECT t.saksaar, t.sakssekvensnummer, t.system_id FROM saksmappe t
		JOIN unnest($1::int[], $2::int[]) AS k(a, b) ON t.saksaar = k.a AND t.sakssekvensnummer = k.b`
	if kind == importer.KindJournalpost {
		query = `SELECT t.journalaar, t.journalsekvensnummer, t.system_id FROM journalpost t
			JOIN unnest($1::int[], $2::int[]) AS k(a, b) ON t.journalaar = k.a AND t.journalsekvensnummer = k.b`
	} else if kind != importer.KindSaksmappe {
		return nil, fmt.Errorf("import: unknown kind %q", kind)
	}
	a, b := make([]int64, len(keys)), make([]int64, len(keys))
	for i, k := range keys {
		a[i], b[i] = int64(k.Year), int64(k.Number)
	}
	rows, err := s.db.QueryContext(ctx, query, pq.Array(a), pq.Array(b))
	if err != nil {
		return nil, fmt.Errorf("natural keys: %w", err)
	}
	defer rows.Close()
	out := map[importer.NaturalKey]string{}
	for rows.Next() {
		var k importer.NaturalKey
		var id string
		if err := rows.Scan(&k.Year, &k.Number, &id); err != nil {
			return nil, err
		}
		out[k] = id
	}
	return out, rows.Err()
}

// LoadImport loads a batch and records what this run saw — the changed
// records' new fingerprints and the unchanged ones' — in one transaction.
func (s *Store) LoadImport(ctx context.Context, b journal.Batch, run importer.Run, marks []importer.Mark) error {
	if len(b.Saksmapper)+len(b.Journalposts)+len(b.Enheter) > 0 {
		if err := b.Validate(); err != nil {
			return err
		}
	}
	return inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		var err error
		if b.Enheter, err = newEnheter(ctx, tx, b.Enheter); err != nil {
			return err
		}
		if len(b.Saksmapper)+len(b.Journalposts)+len(b.Enheter) > 0 {
			if err := s.load(ctx, tx, b); err != nil {
				return err
			}
		}
		return writeMarks(ctx, tx, run, marks)
	})
}

// newEnheter keeps the units that do not exist yet. An export names units
// by name alone, without their place in the tree: a unit staff have placed
// must keep its parent and name.
func newEnheter(ctx context.Context, tx *sqlx.Tx, in []journal.EnhetInput) ([]journal.EnhetInput, error) {
	if len(in) == 0 {
		return nil, nil
	}
	koder := make([]string, len(in))
	for i, e := range in {
		koder[i] = e.Kode
	}
	existing, err := idsByKey(ctx, tx, `SELECT kode, id FROM enhet WHERE kode = ANY($1)`, koder)
	if err != nil {
		return nil, err
	}
	var out []journal.EnhetInput
	for _, e := range in {
		if _, ok := existing[e.Kode]; !ok {
			out = append(out, e)
		}
	}
	return out, nil
}

type markRow struct {
	Kind        string `json:"kind"`
	SystemID    string `json:"system_id"`
	Fingerprint string `json:"fingerprint"` // hex
}

func writeMarks(ctx context.Context, tx *sqlx.Tx, run importer.Run, marks []importer.Mark) error {
	if len(marks) == 0 {
		return nil
	}
	rows := make([]markRow, len(marks))
	for i, m := range marks {
		rows[i] = markRow{Kind: m.Kind, SystemID: m.SystemID, Fingerprint: fmt.Sprintf("%x", m.Fingerprint)}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO import_record (kind, system_id, fingerprint, source, seen_run)
		SELECT r.kind, r.system_id, decode(r.fingerprint, 'hex'), $2, $3
		FROM jsonb_to_recordset($1::jsonb) AS r(kind text, system_id text, fingerprint text)
		ON CONFLICT (kind, system_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, source = EXCLUDED.source,
			seen_run = EXCLUDED.seen_run`, mustJSON(rows), run.Source, run.ID); err != nil {
		return fmt.Errorf("record import: %w", err)
	}
	return nil
}

// CountUnseen counts the source's imported entries not among seen.
func (s *Store) CountUnseen(ctx context.Context, source string, seen []string) (int, error) {
	var n int
	err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM import_record WHERE kind = 'journalpost' AND source = $1
		AND NOT system_id = ANY($2)`, source, pq.Array(seen))
	if err != nil {
		return 0, fmt.Errorf("count unseen: %w", err)
	}
	return n, nil
}

// Prune deletes the entries of the run's source that the run did not see,
// with their documents and projection rows, and audits each. Cases left
// without entries stay (a case may still be open).
func (s *Store) Prune(ctx context.Context, actor string, run importer.Run) (int, error) {
	var n int
	err := inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		var rows []struct {
			ID       string `db:"id"`
			SystemID string `db:"system_id"`
			CaseID   string `db:"saksmappe_id"`
		}
		if err := tx.SelectContext(ctx, &rows, `SELECT j.id, j.system_id, j.saksmappe_id FROM journalpost j
			JOIN import_record r ON r.kind = 'journalpost' AND r.system_id = j.system_id
			WHERE r.source = $1 AND r.seen_run <> $2 FOR UPDATE OF j`, run.Source, run.ID); err != nil {
			return fmt.Errorf("prune: %w", err)
		}
		n = len(rows)
		if n == 0 {
			return nil
		}
		ids, systemIDs, cases := make([]string, n), make([]string, n), make([]string, n)
		for i, r := range rows {
			ids[i], systemIDs[i], cases[i] = r.ID, r.SystemID, r.CaseID
			if err := appendAudit(ctx, tx, actor, "journalpost.prune", "journalpost", r.ID,
				map[string]string{"systemID": r.SystemID}, nil, "missing from the latest export of "+run.Source); err != nil {
				return err
			}
		}
		var skjerming []string
		if err := tx.SelectContext(ctx, &skjerming, `SELECT skjerming_id FROM journalpost WHERE id = ANY($1) AND skjerming_id IS NOT NULL`, pq.Array(ids)); err != nil {
			return err
		}
		for _, q := range []string{
			`DELETE FROM public_dokument WHERE journalpost_id = ANY($1)`,
			`DELETE FROM public_journalpost WHERE id = ANY($1)`,
			`DELETE FROM review_item WHERE object_type = 'journalpost' AND object_id = ANY($1)`,
			`DELETE FROM journalpost WHERE id = ANY($1)`,
		} {
			if _, err := tx.ExecContext(ctx, q, pq.Array(ids)); err != nil {
				return fmt.Errorf("prune: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM skjerming WHERE id = ANY($1)`, pq.Array(skjerming)); err != nil {
			return fmt.Errorf("prune: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM import_record WHERE kind = 'journalpost' AND system_id = ANY($1)`, pq.Array(systemIDs)); err != nil {
			return fmt.Errorf("prune: %w", err)
		}
		return refreshSaksmapper(ctx, tx, s.policy, s.now(), cases)
	})
	return n, err
}

// StoredFile finds a stored file with this content, so that an import
// stores each content once.
func (s *Store) StoredFile(ctx context.Context, sjekksum string) (importer.StoredFile, bool, error) {
	var f importer.StoredFile
	err := s.db.QueryRowContext(ctx, `SELECT storage_key, media_type, format, storrelse FROM dokumentobjekt
		WHERE sjekksum = $1 ORDER BY created_at LIMIT 1`, sjekksum).Scan(&f.StorageKey, &f.MediaType, &f.Format, &f.Size)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	} else if err != nil {
		return f, false, fmt.Errorf("stored file: %w", err)
	}
	f.Sjekksum = sjekksum
	return f, true, nil
}
