package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// A first import writes hundreds of thousands of records of which none
// exists yet. For such a batch load takes a shorter way, insertNew: the
// records get their IDs here, the engine runs on them exactly as they will
// be read back (each is built through the same row-to-record conversion
// loadJournalposts uses), and every row is written once, with COPY — no
// upsert, no read-back, no second write of the publication state. What is
// published is decided by the same publishEntries and refreshCases as every
// other change.

// wholeCases reports whether every entry of b has its case in b, which
// insertNew needs: a new case has no entries but those written with it.
func wholeCases(b journal.Batch) bool {
	if len(b.Journalposts) == 0 {
		return false
	}
	inBatch := make(map[string]bool, len(b.Saksmapper))
	for _, c := range b.Saksmapper {
		inBatch[c.Saksmappe.SystemID] = true
	}
	for _, e := range b.Journalposts {
		if !inBatch[e.SaksmappeSystemID] {
			return false
		}
	}
	return true
}

// insertIfNew writes b with insertNew inside a savepoint and reports
// whether it did. A case, entry or document that exists already makes a
// COPY fail on its unique key: the savepoint is then rolled back and
// false returned, for the upsert path to write the batch. Asking first
// would cost as much as the COPY of the entries themselves.
func (s *Store) insertIfNew(ctx context.Context, tx *sqlx.Tx, b journal.Batch, enheter map[string]string) (bool, error) {
	if _, err := tx.ExecContext(ctx, `SAVEPOINT insert_new`); err != nil {
		return false, fmt.Errorf("insert new records: %w", err)
	}
	err := s.insertNew(ctx, tx, b, enheter)
	var jerr *journal.Error
	if errors.As(err, &jerr) && jerr.Code == journal.ErrConflict {
		if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT insert_new`); err != nil {
			return false, fmt.Errorf("insert new records: %w", err)
		}
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT insert_new`); err != nil {
		return false, fmt.Errorf("insert new records: %w", err)
	}
	return true, nil
}

// insertNew writes a batch of new, whole cases (see wholeCases) with its
// projection, review items and text extraction jobs, inside tx.
func (s *Store) insertNew(ctx context.Context, tx *sqlx.Tx, b journal.Batch, enheter map[string]string) error {
	now := s.now()
	var w newRows
	byKey := make(map[string]storedSaksmappe, len(b.Saksmapper))
	cases := make([]storedSaksmappe, len(b.Saksmapper))
	caseIDs := make([]string, len(b.Saksmapper))
	for i, c := range b.Saksmapper {
		rec, err := w.addCase(c, enheter)
		if err != nil {
			return err
		}
		byKey[c.Saksmappe.SystemID], cases[i], caseIDs[i] = rec, rec, rec.ID
	}
	records := make([]storedJournalpost, len(b.Journalposts))
	ids := make([]string, len(b.Journalposts))
	var screened []storedJournalpost
	for i, e := range b.Journalposts {
		rec, err := w.addEntry(e, byKey[e.SaksmappeSystemID], enheter)
		if err != nil {
			return fmt.Errorf("journalposts[%d]: %w", i, err)
		}
		records[i], ids[i] = rec, rec.ID
		if rec.Skjerming != nil {
			screened = append(screened, rec)
		}
	}
	// The engine runs before anything is written, so that each row goes in
	// once, with its publication state; the cases are published here, before
	// their entries, which take their titles.
	p := publishEntries(records, s.policy, now)
	cp := publishCases(cases, screened, s.policy, now)
	for i, st := range p.states {
		setLast(w.entries[i], st.DueAt, st.Published)
	}
	for i, st := range cp.states {
		setLast(w.cases[i], st.DueAt)
	}
	if err := w.copy(ctx, tx); err != nil {
		return err
	}
	if err := insertPublicSaksmapper(ctx, tx, cp.visible); err != nil {
		return err
	}
	if err := syncReview(ctx, tx, "saksmappe", caseIDs, recordReasons, cp.needs, now); err != nil {
		return err
	}
	if err := p.write(ctx, tx, now, ids); err != nil {
		return err
	}
	return s.queuePending(ctx, tx, ids, false)
}

// setLast fills in the last values of a row: the publication state, which
// the columns lists below end with.
func setLast(row []any, values ...any) {
	copy(row[len(row)-len(values):], values)
}

// newRows are the rows insertNew copies in, table by table; each row
// holds its values in the order of the table's columns below.
type newRows struct {
	skjerming, cases, entries, parties, docs, objects [][]any
}

var (
	copySkjermingColumns = []string{"id", "tilgangsrestriksjon", "skjermingshjemmel", "screens", "opphoerer_dato",
		"varighet", "meirinnsyn"}
	// The last of a case's columns and the last two of an entry's, the
	// publication state, are filled in once the engine has run.
	copySaksmappeColumns = []string{"id", "system_id", "saksaar", "sakssekvensnummer", "saksdato", "tittel",
		"administrativ_enhet_id", "saksansvarlig", "saksstatus", "skjerming_id", "projection_due_at"}
	copyJournalpostColumns = []string{"id", "system_id", "saksmappe_id", "journalaar", "journalsekvensnummer",
		"journalpostnummer", "journalposttype", "journalstatus", "tittel", "journaldato", "dokumentets_dato",
		"mottatt_dato", "sendt_dato", "forfallsdato", "offentlighetsvurdert_dato", "saksbehandler",
		"administrativ_enhet_id", "journalenhet", "accessible_after", "skjerming_id", "projection_due_at",
		"publisert_dato"}
	copyPartyColumns = []string{"id", "journalpost_id", "position", "korrespondanseparttype", "navn", "er_person",
		"organisasjonsnummer", "postadresse", "postnummer", "poststed", "epostadresse", "er_behandlingsansvarlig",
		"administrativ_enhet", "saksbehandler"}
	copyDokumentColumns = []string{"id", "system_id", "journalpost_id", "dokumentnummer", "tilknyttet_registrering_som",
		"dokumenttype", "tittel"}
	copyObjektColumns = []string{"id", "dokumentbeskrivelse_id", "versjonsnummer", "variantformat", "format", "filnavn",
		"media_type", "sjekksum", "storrelse", "storage_key"}
)

// copy writes the rows, parents first.
func (w *newRows) copy(ctx context.Context, tx *sqlx.Tx) error {
	for _, t := range []struct {
		table   string
		columns []string
		rows    [][]any
	}{
		{"skjerming", copySkjermingColumns, w.skjerming},
		{"saksmappe", copySaksmappeColumns, w.cases},
		{"journalpost", copyJournalpostColumns, w.entries},
		{"korrespondansepart", copyPartyColumns, w.parties},
		{"dokumentbeskrivelse", copyDokumentColumns, w.docs},
		{"dokumentobjekt", copyObjektColumns, w.objects},
	} {
		if err := copyIn(ctx, tx, t.table, t.columns, t.rows); err != nil {
			return err
		}
	}
	return nil
}

// copyIn writes rows into table with COPY.
func copyIn(ctx context.Context, tx *sqlx.Tx, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn(table, columns...))
	if err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	defer stmt.Close()
	for _, row := range rows {
		if _, err := stmt.ExecContext(ctx, row...); err != nil {
			return fmt.Errorf("copy %s: %w", table, translate(err))
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		return fmt.Errorf("copy %s: %w", table, translate(err))
	}
	return nil
}

// addCase adds a case and its skjerming, and returns the case as
// loadSaksmapper would read it.
func (w *newRows) addCase(c journal.SaksmappeInput, enheter map[string]string) (storedSaksmappe, error) {
	enhet, err := resolve(enheter, "enhet", c.EnhetKode)
	if err != nil {
		return storedSaksmappe{}, err
	}
	sm := c.Saksmappe
	sk, err := w.addSkjerming(sm.Skjerming)
	if err != nil {
		return storedSaksmappe{}, err
	}
	row := saksmappeRow{ID: uuid.NewString(), SystemID: sm.SystemID, Saksaar: sm.Saksaar,
		Sakssekvensnummer: sm.Sakssekvensnummer, Saksdato: storedDate(nullDateString(sm.Saksdato)), Tittel: sm.Tittel,
		AdministrativEnhetID: nullString(enhet), Saksansvarlig: sm.Saksansvarlig, Saksstatus: sm.Saksstatus,
		ApprovedNumbers: pq.StringArray{}, Version: 1, skjermingRow: sk}
	rec, err := row.record()
	if err != nil {
		return storedSaksmappe{}, err
	}
	w.cases = append(w.cases, []any{row.ID, sm.SystemID, sm.Saksaar, sm.Sakssekvensnummer, nullDateString(sm.Saksdato),
		sm.Tittel, row.AdministrativEnhetID, sm.Saksansvarlig, sm.Saksstatus, sk.ID, nil})
	return storedSaksmappe{Saksmappe: rec, Version: 1}, nil
}

// addEntry adds an entry with its skjerming, correspondents, documents and
// files, and returns the record as loadJournalposts would read it.
func (w *newRows) addEntry(e journal.JournalpostInput, c storedSaksmappe, enheter map[string]string) (storedJournalpost, error) {
	enhet, err := resolve(enheter, "enhet", e.EnhetKode)
	if err != nil {
		return storedJournalpost{}, err
	}
	j := e.Journalpost
	id := uuid.NewString()
	docs, docIDs := w.addDocuments(id, j.Dokumentbeskrivelse)
	sk, err := withDocumentIDs(j.Skjerming, docIDs)
	if err != nil {
		return storedJournalpost{}, err
	}
	stored, err := w.addSkjerming(sk)
	if err != nil {
		return storedJournalpost{}, err
	}
	in := newJournalpostInputRow(j, c.ID, enhet)
	w.entries = append(w.entries, []any{id, in.SystemID, c.ID, in.Journalaar, in.Journalsekvensnummer,
		in.Journalpostnummer, in.Journalposttype, in.Journalstatus, in.Tittel, in.Journaldato, in.DokumentetsDato,
		in.MottattDato, in.SendtDato, in.Forfallsdato, in.OffentlighetsvurdertDato, in.Saksbehandler, in.EnhetID,
		in.Journalenhet, storedTime(in.AccessibleAfter), stored.ID, nil, nil})

	row := journalpostRow{ID: id, SystemID: j.SystemID, SaksmappeID: c.ID, Saksaar: c.Saksaar,
		Sakssekvensnummer: c.Sakssekvensnummer, Journalaar: j.Journalaar,
		Journalsekvensnummer: j.Journalsekvensnummer, Journalpostnummer: j.Journalpostnummer,
		Journalposttype: in.Journalposttype, Journalstatus: in.Journalstatus, Tittel: j.Tittel,
		Journaldato: *storedDate(&in.Journaldato), DokumentetsDato: storedDate(in.DokumentetsDato),
		MottattDato: storedDate(in.MottattDato), SendtDato: storedDate(in.SendtDato),
		Forfallsdato: storedDate(in.Forfallsdato), OffentlighetsvurdertDato: storedDate(in.OffentlighetsvurdertDato),
		Saksbehandler: j.Saksbehandler, AdministrativEnhetID: in.EnhetID, Journalenhet: j.Journalenhet,
		AccessibleAfter: storedTime(in.AccessibleAfter), ApprovedNumbers: pq.StringArray{}, Version: 1,
		skjermingRow: stored}
	rec, err := row.record()
	if err != nil {
		return storedJournalpost{}, err
	}
	for pos, k := range j.Korrespondansepart {
		p := korrespondansepartRow{ID: uuid.NewString(), JournalpostID: id, Type: string(k.Korrespondanseparttype),
			Navn: k.Navn, ErPerson: k.ErPerson, Organisasjonsnummer: k.Organisasjonsnummer, Postadresse: k.Postadresse,
			Postnummer: k.Postnummer, Poststed: k.Poststed, Epostadresse: k.Epostadresse,
			ErBehandlingsansvarlig: k.ErBehandlingsansvarlig, AdministrativEnhet: k.AdministrativEnhet,
			Saksbehandler: k.Saksbehandler}
		w.parties = append(w.parties, []any{p.ID, id, pos, p.Type, p.Navn, p.ErPerson, p.Organisasjonsnummer,
			p.Postadresse, p.Postnummer, p.Poststed, p.Epostadresse, p.ErBehandlingsansvarlig, p.AdministrativEnhet,
			p.Saksbehandler})
		rec.Korrespondansepart = append(rec.Korrespondansepart, p.record())
	}
	rec.Dokumentbeskrivelse = docs
	return storedJournalpost{Journalpost: rec, Version: 1}, nil
}

// addDocuments adds an entry's documents and files. It returns them as
// loadJournalposts would read them (by dokumentnummer, files by version
// and variant) and their new IDs by SystemID.
func (w *newRows) addDocuments(entryID string, in []offl.Dokumentbeskrivelse) ([]offl.Dokumentbeskrivelse, map[string]string) {
	var out []offl.Dokumentbeskrivelse
	ids := make(map[string]string, len(in))
	for _, d := range in {
		doc := dokumentRow{ID: uuid.NewString(), SystemID: d.SystemID, JournalpostID: entryID, Nummer: d.Dokumentnummer,
			Tilknytning: string(d.TilknyttetRegistreringSom), Dokumenttype: d.Dokumenttype, Tittel: d.Tittel}
		ids[d.SystemID] = doc.ID
		w.docs = append(w.docs, []any{doc.ID, doc.SystemID, entryID, doc.Nummer, doc.Tilknytning, doc.Dokumenttype, doc.Tittel})
		var objects []offl.Dokumentobjekt
		for _, o := range d.Dokumentobjekt {
			obj := objektRow{ID: uuid.NewString(), DokumentID: doc.ID, Versjonsnummer: max(o.Versjonsnummer, 1),
				Variantformat: string(o.Variantformat), Format: o.Format, Filnavn: o.Filnavn, MediaType: o.MediaType,
				Sjekksum: o.Sjekksum, Storrelse: o.Storrelse, StorageKey: o.StorageKey, TextStatus: string(offl.TextPending),
				TextNumbers: pq.StringArray{}, ApprovedNumbers: pq.StringArray{}}
			w.objects = append(w.objects, []any{obj.ID, doc.ID, obj.Versjonsnummer, obj.Variantformat, obj.Format,
				obj.Filnavn, obj.MediaType, obj.Sjekksum, obj.Storrelse, obj.StorageKey})
			objects = append(objects, obj.record())
		}
		slices.SortStableFunc(objects, func(a, b offl.Dokumentobjekt) int {
			if a.Versjonsnummer != b.Versjonsnummer {
				return a.Versjonsnummer - b.Versjonsnummer
			}
			return strings.Compare(string(a.Variantformat), string(b.Variantformat))
		})
		out = append(out, doc.record(objects))
	}
	slices.SortStableFunc(out, func(a, b offl.Dokumentbeskrivelse) int { return a.Dokumentnummer - b.Dokumentnummer })
	return out, ids
}

// addSkjerming adds a skjerming with a new ID and returns it as
// loadJournalposts reads it; for none, a row with a nil ID.
func (w *newRows) addSkjerming(sk *offl.Skjerming) (skjermingRow, error) {
	if sk == nil {
		return skjermingRow{}, nil
	}
	in, err := newSkjermingInputRow(sk)
	if err != nil {
		return skjermingRow{}, err
	}
	id := uuid.NewString()
	reviewed := false
	row := skjermingRow{ID: &id, Tilgangsrestriksjon: &in.Tilgangsrestriksjon, Skjermingshjemmel: &in.Skjermingshjemmel,
		Screens: in.Screens, OpphoererDato: storedTime(in.OpphoererDato), Varighet: in.Varighet, BasisReviewed: &reviewed}
	if in.Meirinnsyn != nil {
		row.Meirinnsyn = []byte(*in.Meirinnsyn)
	}
	w.skjerming = append(w.skjerming, []any{id, in.Tilgangsrestriksjon, in.Skjermingshjemmel, string(in.Screens),
		row.OpphoererDato, in.Varighet, in.Meirinnsyn})
	return row, nil
}

// storedDate is a date ("2006-01-02") as a date column reads back: midnight UTC.
func storedDate(s *string) *time.Time {
	if s == nil {
		return nil
	}
	t, err := time.Parse(time.DateOnly, *s)
	if err != nil {
		return nil
	}
	return &t
}

// storedTime is an instant as a timestamptz column keeps it: to the microsecond.
func storedTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	r := t.Round(time.Microsecond)
	return &r
}
