package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// TextQueue queues text extraction of files, inside the transaction that
// records them, so that a recorded file always gets its job. Interactive
// work (a staff upload) goes before bulk work (an import).
type TextQueue interface {
	QueueTextExtraction(ctx context.Context, tx *sql.Tx, objektIDs []string, interactive bool) error
}

// SetTextQueue makes the store queue text extraction for new files. The
// queue's workers use the store, so it is set after both exist.
func (s *Store) SetTextQueue(q TextQueue) { s.queue = q }

// queuePending queues extraction for the pending files of the entries.
func (s *Store) queuePending(ctx context.Context, tx *sqlx.Tx, entryIDs []string, interactive bool) error {
	if s.queue == nil || len(entryIDs) == 0 {
		return nil
	}
	var ids []string
	if err := tx.SelectContext(ctx, &ids, `SELECT o.id FROM dokumentobjekt o
		JOIN dokumentbeskrivelse d ON d.id = o.dokumentbeskrivelse_id
		WHERE d.journalpost_id = ANY($1) AND o.text_status = 'pending'`, pq.Array(entryIDs)); err != nil {
		return fmt.Errorf("find pending files: %w", err)
	}
	if len(ids) == 0 {
		return nil
	}
	return s.queue.QueueTextExtraction(ctx, tx.Tx, ids, interactive)
}

// CreateDokument adds a document description to an entry.
func (s *Store) CreateDokument(ctx context.Context, journalpostID string, d journal.NewDokument, c journal.Change) (journal.StaffJournalpost, string, error) {
	if !isUUID(journalpostID) {
		return journal.StaffJournalpost{}, "", journal.NotFound("journalpost")
	}
	if strings.TrimSpace(d.Tittel) == "" || len([]rune(d.Tittel)) > journal.MaxTitleLength {
		return journal.StaffJournalpost{}, "", journal.FieldError("body.tittel", "a title of 1 to %d characters", journal.MaxTitleLength)
	}
	if _, err := offl.ParseTilknyttetRegistreringSom(d.TilknyttetRegistreringSom); err != nil {
		return journal.StaffJournalpost{}, "", journal.FieldError("body.tilknyttetRegistreringSom", "%v", err)
	}
	id := uuid.NewString()
	err := inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		owner, version, err := lockOwner(ctx, tx, "journalpost", journalpostID, "journalpost")
		if err != nil {
			return err
		}
		if err := checkChange(c, version); err != nil {
			return err
		}
		var nummer int
		if err := tx.GetContext(ctx, &nummer, `INSERT INTO dokumentbeskrivelse (id, system_id, journalpost_id,
			dokumentnummer, tilknyttet_registrering_som, dokumenttype, tittel)
			SELECT $1::uuid, 'innsyn:' || $1::text, $2, coalesce(max(dokumentnummer), 0) + 1, $3, $4, $5
			FROM dokumentbeskrivelse WHERE journalpost_id = $2 RETURNING dokumentnummer`,
			id, owner.ID, d.TilknyttetRegistreringSom, d.Dokumenttype, d.Tittel); err != nil {
			return fmt.Errorf("create dokumentbeskrivelse: %w", translate(err))
		}
		if err := bumpVersion(ctx, tx, "journalpost", owner.ID); err != nil {
			return err
		}
		after := map[string]any{"dokumentnummer": nummer, "tittel": d.Tittel, "tilknyttetRegistreringSom": d.TilknyttetRegistreringSom}
		if err := appendAudit(ctx, tx, c.Actor, "dokument.create", "dokumentbeskrivelse", id, nil, after, c.Reason); err != nil {
			return err
		}
		return refreshProjection(ctx, tx, s.policy, s.now(), []string{owner.ID}, nil)
	})
	if err != nil {
		return journal.StaffJournalpost{}, "", err
	}
	out, err := s.Journalpost(ctx, journalpostID)
	return out, id, err
}

func bumpVersion(ctx context.Context, tx *sqlx.Tx, table, id string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET version = version + 1, updated_at = now() WHERE id = $1`, id); err != nil {
		return fmt.Errorf("bump version: %w", err)
	}
	return nil
}

// sameContent is a file stored before with the same checksum.
type sameContent struct {
	StorageKey string         `db:"storage_key"`
	TextStatus string         `db:"text_status"`
	Text       string         `db:"text"`
	Pages      int            `db:"text_pages"`
	Detail     string         `db:"text_detail"`
	Numbers    pq.StringArray `db:"text_numbers"`
}

// AddFile records a stored file as the next version of a document's
// variant, in one transaction with the projection and the audit row. Content
// stored before is kept once: the new row points at the old object (and
// reuses its text), and the caller deletes the object it just stored.
func (s *Store) AddFile(ctx context.Context, dokumentID string, f journal.StoredFile, c journal.Change) (journal.AddedFile, error) {
	if !isUUID(dokumentID) {
		return journal.AddedFile{}, journal.NotFound("dokumentbeskrivelse")
	}
	out := journal.AddedFile{ObjektID: uuid.NewString(), StorageKey: f.StorageKey}
	err := inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		var entry string
		err := tx.GetContext(ctx, &entry, `SELECT journalpost_id FROM dokumentbeskrivelse WHERE id = $1 FOR UPDATE`, dokumentID)
		if journal.ErrorCode(translate(err)) == journal.ErrNotFound {
			return journal.NotFound("dokumentbeskrivelse")
		} else if err != nil {
			return fmt.Errorf("add file: %w", err)
		}
		_, version, err := lockOwner(ctx, tx, "journalpost", entry, "journalpost")
		if err != nil {
			return err
		}
		if err := checkChange(c, version); err != nil {
			return err
		}
		// One lock per content, so that two uploads of the same file do not
		// both store it.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, f.Sjekksum); err != nil {
			return fmt.Errorf("add file: %w", err)
		}
		same := sameContent{StorageKey: f.StorageKey, TextStatus: string(offl.TextPending), Numbers: pq.StringArray{}}
		err = tx.GetContext(ctx, &same, `SELECT storage_key, text_status, text, text_pages, text_detail, text_numbers
			FROM dokumentobjekt WHERE sjekksum = $1 ORDER BY text_status = 'pending', created_at LIMIT 1`, f.Sjekksum)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("add file: %w", err)
		}
		out.StorageKey, out.Deduplicated = same.StorageKey, same.StorageKey != f.StorageKey
		if err := tx.GetContext(ctx, &out.Versjonsnummer, `INSERT INTO dokumentobjekt (id, dokumentbeskrivelse_id,
			versjonsnummer, variantformat, format, filnavn, media_type, sjekksum, storrelse, storage_key,
			text_status, text, text_pages, text_detail, text_numbers, extracted_at)
			SELECT $1, $2, coalesce(max(versjonsnummer), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
				CASE WHEN $10 = 'pending' THEN NULL ELSE now() END
			FROM dokumentobjekt WHERE dokumentbeskrivelse_id = $2 AND variantformat = $3
			RETURNING versjonsnummer`,
			out.ObjektID, dokumentID, f.Variantformat, f.Format, f.Filnavn, f.MediaType, f.Sjekksum, f.Storrelse,
			out.StorageKey, same.TextStatus, same.Text, same.Pages, same.Detail, same.Numbers); err != nil {
			return fmt.Errorf("add file: %w", translate(err))
		}
		if err := bumpVersion(ctx, tx, "journalpost", entry); err != nil {
			return err
		}
		after := map[string]any{"dokumentbeskrivelse": dokumentID, "variantformat": f.Variantformat,
			"versjonsnummer": out.Versjonsnummer, "filnavn": f.Filnavn, "mediaType": f.MediaType,
			"sjekksum": f.Sjekksum, "storrelse": f.Storrelse}
		if err := appendAudit(ctx, tx, c.Actor, "dokument.file.add", "dokumentobjekt", out.ObjektID, nil, after, c.Reason); err != nil {
			return err
		}
		if err := refreshProjection(ctx, tx, s.policy, s.now(), []string{entry}, nil); err != nil {
			return err
		}
		return s.queuePending(ctx, tx, []string{entry}, true)
	})
	if err != nil {
		return journal.AddedFile{}, err
	}
	return out, nil
}

// FileForExtraction says where a file is and how far its text got.
func (s *Store) FileForExtraction(ctx context.Context, objektID string) (journal.FileRef, error) {
	var r struct {
		StorageKey string `db:"storage_key"`
		MediaType  string `db:"media_type"`
		Sjekksum   string `db:"sjekksum"`
		Storrelse  int64  `db:"storrelse"`
		TextStatus string `db:"text_status"`
	}
	if !isUUID(objektID) {
		return journal.FileRef{}, journal.NotFound("file")
	}
	err := s.db.GetContext(ctx, &r, `SELECT storage_key, media_type, sjekksum, storrelse, text_status
		FROM dokumentobjekt WHERE id = $1`, objektID)
	if journal.ErrorCode(translate(err)) == journal.ErrNotFound {
		return journal.FileRef{}, journal.NotFound("file")
	} else if err != nil {
		return journal.FileRef{}, fmt.Errorf("file for extraction: %w", err)
	}
	return journal.FileRef{ObjektID: objektID, StorageKey: r.StorageKey, MediaType: r.MediaType, Sjekksum: r.Sjekksum,
		Storrelse: r.Storrelse, TextStatus: r.TextStatus}, nil
}

// SaveText records what extraction found, with the identity numbers in the
// text, and refreshes the entry: a file whose text is clean becomes public
// (if the rest allows), one with a number or no text goes to review.
func (s *Store) SaveText(ctx context.Context, objektID string, t journal.ExtractedText) error {
	if _, err := offl.ParseTextStatus(t.Status); err != nil || t.Status == string(offl.TextPending) {
		return fmt.Errorf("save text: status %q", t.Status)
	}
	numbers := pq.StringArray(offl.FindIdentityNumbers(t.Text))
	if numbers == nil {
		numbers = pq.StringArray{}
	}
	return inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		entry, err := fileEntry(ctx, tx, objektID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE dokumentobjekt SET text_status = $2, text = $3, text_pages = $4,
			text_detail = $5, text_numbers = $6, extracted_at = $7 WHERE id = $1`,
			objektID, t.Status, t.Text, t.Pages, t.Detail, numbers, s.now()); err != nil {
			return fmt.Errorf("save text: %w", err)
		}
		return refreshProjection(ctx, tx, s.policy, s.now(), []string{entry}, nil)
	})
}

// UnreferencedKeys returns the keys no file row refers to.
func (s *Store) UnreferencedKeys(ctx context.Context, keys []string) ([]string, error) {
	var used []string
	if err := s.db.SelectContext(ctx, &used, `SELECT DISTINCT storage_key FROM dokumentobjekt
		WHERE storage_key = ANY($1)`, pq.Array(keys)); err != nil {
		return nil, fmt.Errorf("unreferenced keys: %w", err)
	}
	inUse := map[string]bool{}
	for _, k := range used {
		inUse[k] = true
	}
	var out []string
	for _, k := range keys {
		if !inUse[k] {
			out = append(out, k)
		}
	}
	return out, nil
}
