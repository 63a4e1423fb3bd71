package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Load writes a batch in one transaction and refreshes the projection of
// everything it touched. Records are matched on their natural keys, so
// loading the same batch twice updates instead of duplicating.
func (s *Store) Load(ctx context.Context, b journal.Batch) (journal.LoadStats, error) {
	if err := b.Validate(); err != nil {
		return journal.LoadStats{}, err
	}
	stats := journal.LoadStats{Enheter: len(b.Enheter), Saksmapper: len(b.Saksmapper), Journalposts: len(b.Journalposts)}
	if err := inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error { return s.load(ctx, tx, b) }); err != nil {
		return journal.LoadStats{}, fmt.Errorf("load: %w", err)
	}
	return stats, nil
}

// load writes a validated batch in tx and refreshes the projection of
// everything it touched.
func (s *Store) load(ctx context.Context, tx *sqlx.Tx, b journal.Batch) error {
	if err := upsertEnheter(ctx, tx, b.Enheter); err != nil {
		return err
	}
	enheter, err := idsByKey(ctx, tx, `SELECT kode, id FROM enhet WHERE kode = ANY($1)`, enhetKoder(b))
	if err != nil {
		return err
	}
	if wholeCases(b) {
		if inserted, err := s.insertIfNew(ctx, tx, b, enheter); err != nil || inserted {
			return err
		}
	}
	left, err := leftBehind(ctx, tx, b)
	if err != nil {
		return err
	}
	caseIDs, err := upsertSaksmapper(ctx, tx, b.Saksmapper, enheter)
	if err != nil {
		return err
	}
	entryIDs, err := upsertJournalposts(ctx, tx, b.Journalposts, enheter)
	if err != nil {
		return err
	}
	if err := refreshProjection(ctx, tx, s.policy, s.now(), append(entryIDs, left.entries...),
		append(caseIDs, left.cases...)); err != nil {
		return err
	}
	return s.queuePending(ctx, tx, entryIDs, false)
}

// moved are the records a batch's documents and entries belong to before
// it is written.
type moved struct{ entries, cases []string }

// leftBehind finds the entries outside b that hold one of b's documents
// and the cases that hold b's entries now. A record keyed to another
// parent moves to it, and the parent it leaves must be published again
// without it: an entry without the document, a case without what the
// entry screens.
func leftBehind(ctx context.Context, tx *sqlx.Tx, b journal.Batch) (moved, error) {
	var m moved
	var docs, entries []string
	for _, e := range b.Journalposts {
		entries = append(entries, e.Journalpost.SystemID)
		for _, d := range e.Journalpost.Dokumentbeskrivelse {
			docs = append(docs, d.SystemID)
		}
	}
	if len(entries) == 0 {
		return m, nil
	}
	if err := tx.SelectContext(ctx, &m.entries, `SELECT DISTINCT d.journalpost_id FROM dokumentbeskrivelse d
		JOIN journalpost j ON j.id = d.journalpost_id
		WHERE d.system_id = ANY($1) AND NOT j.system_id = ANY($2)`, pq.Array(docs), pq.Array(entries)); err != nil {
		return m, fmt.Errorf("find moved documents: %w", err)
	}
	if err := tx.SelectContext(ctx, &m.cases, `SELECT DISTINCT saksmappe_id FROM journalpost
		WHERE system_id = ANY($1)`, pq.Array(entries)); err != nil {
		return m, fmt.Errorf("find moved entries: %w", err)
	}
	return m, nil
}

func enhetKoder(b journal.Batch) []string {
	var koder []string
	for _, s := range b.Saksmapper {
		koder = append(koder, s.EnhetKode)
	}
	for _, j := range b.Journalposts {
		koder = append(koder, j.EnhetKode)
	}
	return koder
}

// idsByKey runs a query returning (natural key, id) pairs for keys.
func idsByKey(ctx context.Context, tx *sqlx.Tx, query string, keys []string) (map[string]string, error) {
	rows, err := tx.QueryxContext(ctx, query, pq.Array(keys))
	if err != nil {
		return nil, fmt.Errorf("resolve keys: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var key, id string
		if err := rows.Scan(&key, &id); err != nil {
			return nil, err
		}
		out[key] = id
	}
	return out, rows.Err()
}

// resolve looks a natural key up; "" resolves to "" (no reference).
func resolve(ids map[string]string, what, key string) (string, error) {
	if key == "" {
		return "", nil
	}
	id, ok := ids[key]
	if !ok {
		return "", journal.Errorf(journal.ErrInvalid, "%s %q does not exist", what, key)
	}
	return id, nil
}

func upsertEnheter(ctx context.Context, tx *sqlx.Tx, enheter []journal.EnhetInput) error {
	for _, e := range enheter {
		var parent *string
		if e.ParentKode != "" {
			var id string
			if err := tx.GetContext(ctx, &id, `SELECT id FROM enhet WHERE kode = $1`, e.ParentKode); err != nil {
				return journal.Errorf(journal.ErrInvalid, "enhet %q: parent %q does not exist (list parents first)", e.Kode, e.ParentKode)
			}
			parent = &id
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO enhet (kode, navn, parent_id) VALUES ($1, $2, $3)
			ON CONFLICT (kode) DO UPDATE SET navn = EXCLUDED.navn, parent_id = EXCLUDED.parent_id, updated_at = now()`,
			e.Kode, e.Navn, parent); err != nil {
			return fmt.Errorf("upsert enhet %q: %w", e.Kode, translate(err))
		}
	}
	return nil
}

type saksmappeInputRow struct {
	SystemID          string  `json:"system_id"`
	Saksaar           int     `json:"saksaar"`
	Sakssekvensnummer int     `json:"sakssekvensnummer"`
	Saksdato          *string `json:"saksdato"`
	Tittel            string  `json:"tittel"`
	EnhetID           *string `json:"enhet_id"`
	Saksansvarlig     string  `json:"saksansvarlig"`
	Saksstatus        string  `json:"saksstatus"`
}

// upsertSaksmapper writes the cases and their skjerming, and returns their IDs.
func upsertSaksmapper(ctx context.Context, tx *sqlx.Tx, cases []journal.SaksmappeInput, enheter map[string]string) ([]string, error) {
	rows := make([]saksmappeInputRow, len(cases))
	keys := make([]string, len(cases))
	for i, c := range cases {
		enhet, err := resolve(enheter, "enhet", c.EnhetKode)
		if err != nil {
			return nil, err
		}
		sm := c.Saksmappe
		rows[i] = saksmappeInputRow{SystemID: sm.SystemID, Saksaar: sm.Saksaar, Sakssekvensnummer: sm.Sakssekvensnummer,
			Saksdato: nullDateString(sm.Saksdato), Tittel: sm.Tittel, EnhetID: nullString(enhet),
			Saksansvarlig: sm.Saksansvarlig, Saksstatus: sm.Saksstatus}
		keys[i] = sm.SystemID
	}
	if err := execJSON(ctx, tx, `INSERT INTO saksmappe (system_id, saksaar, sakssekvensnummer, saksdato, tittel,
		administrativ_enhet_id, saksansvarlig, saksstatus)
		SELECT system_id, saksaar, sakssekvensnummer, saksdato, tittel, enhet_id, saksansvarlig, saksstatus
		FROM jsonb_to_recordset($1::jsonb) AS r(system_id text, saksaar int, sakssekvensnummer int, saksdato date,
			tittel text, enhet_id uuid, saksansvarlig text, saksstatus text)
		ON CONFLICT (system_id) DO UPDATE SET saksaar = EXCLUDED.saksaar, sakssekvensnummer = EXCLUDED.sakssekvensnummer,
			saksdato = EXCLUDED.saksdato, tittel = EXCLUDED.tittel, administrativ_enhet_id = EXCLUDED.administrativ_enhet_id,
			saksansvarlig = EXCLUDED.saksansvarlig, saksstatus = EXCLUDED.saksstatus,
			version = saksmappe.version + 1, updated_at = now()`, rows); err != nil {
		return nil, fmt.Errorf("upsert saksmapper: %w", err)
	}
	owners, err := skjermingOwners(ctx, tx, "saksmappe", keys)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(cases))
	list := make([]skjermingOwner, len(cases))
	sks := make([]*offl.Skjerming, len(cases))
	for i, c := range cases {
		list[i] = owners[c.Saksmappe.SystemID]
		ids[i], sks[i] = list[i].ID, c.Saksmappe.Skjerming
	}
	if err := setSkjermings(ctx, tx, "saksmappe", list, sks); err != nil {
		return nil, err
	}
	return ids, nil
}

type journalpostInputRow struct {
	SystemID                 string     `json:"system_id"`
	SaksmappeID              string     `json:"saksmappe_id"`
	Journalaar               int        `json:"journalaar"`
	Journalsekvensnummer     int        `json:"journalsekvensnummer"`
	Journalpostnummer        int        `json:"journalpostnummer"`
	Journalposttype          string     `json:"journalposttype"`
	Journalstatus            string     `json:"journalstatus"`
	Tittel                   string     `json:"tittel"`
	Journaldato              string     `json:"journaldato"`
	DokumentetsDato          *string    `json:"dokumentets_dato"`
	MottattDato              *string    `json:"mottatt_dato"`
	SendtDato                *string    `json:"sendt_dato"`
	Forfallsdato             *string    `json:"forfallsdato"`
	OffentlighetsvurdertDato *string    `json:"offentlighetsvurdert_dato"`
	Saksbehandler            string     `json:"saksbehandler"`
	EnhetID                  *string    `json:"enhet_id"`
	Journalenhet             string     `json:"journalenhet"`
	AccessibleAfter          *time.Time `json:"accessible_after"`
}

// upsertJournalposts writes the entries with their correspondents,
// documents, files and skjerming, and returns their IDs.
func upsertJournalposts(ctx context.Context, tx *sqlx.Tx, entries []journal.JournalpostInput, enheter map[string]string) ([]string, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	caseKeys := make([]string, len(entries))
	for i, e := range entries {
		caseKeys[i] = e.SaksmappeSystemID
	}
	cases, err := idsByKey(ctx, tx, `SELECT system_id, id FROM saksmappe WHERE system_id = ANY($1)`, caseKeys)
	if err != nil {
		return nil, err
	}
	rows := make([]journalpostInputRow, len(entries))
	keys := make([]string, len(entries))
	for i, e := range entries {
		caseID, err := resolve(cases, "saksmappe", e.SaksmappeSystemID)
		if err != nil {
			return nil, err
		}
		enhet, err := resolve(enheter, "enhet", e.EnhetKode)
		if err != nil {
			return nil, err
		}
		rows[i] = newJournalpostInputRow(e.Journalpost, caseID, enhet)
		keys[i] = e.Journalpost.SystemID
	}
	if err := execJSON(ctx, tx, `INSERT INTO journalpost (system_id, saksmappe_id, journalaar, journalsekvensnummer,
		journalpostnummer, journalposttype, journalstatus, tittel, journaldato, dokumentets_dato, mottatt_dato,
		sendt_dato, forfallsdato, offentlighetsvurdert_dato, saksbehandler, administrativ_enhet_id, journalenhet,
		accessible_after)
		SELECT system_id, saksmappe_id, journalaar, journalsekvensnummer, journalpostnummer, journalposttype,
			journalstatus, tittel, journaldato, dokumentets_dato, mottatt_dato, sendt_dato, forfallsdato,
			offentlighetsvurdert_dato, saksbehandler, enhet_id, journalenhet, accessible_after
		FROM jsonb_to_recordset($1::jsonb) AS r(system_id text, saksmappe_id uuid, journalaar int,
			journalsekvensnummer int, journalpostnummer int, journalposttype text, journalstatus text, tittel text,
			journaldato date, dokumentets_dato date, mottatt_dato date, sendt_dato date, forfallsdato date,
			offentlighetsvurdert_dato date, saksbehandler text, enhet_id uuid, journalenhet text,
			accessible_after timestamptz)
		ON CONFLICT (system_id) DO UPDATE SET saksmappe_id = EXCLUDED.saksmappe_id, journalaar = EXCLUDED.journalaar,
			journalsekvensnummer = EXCLUDED.journalsekvensnummer, journalpostnummer = EXCLUDED.journalpostnummer,
			journalposttype = EXCLUDED.journalposttype, journalstatus = EXCLUDED.journalstatus, tittel = EXCLUDED.tittel,
			journaldato = EXCLUDED.journaldato, dokumentets_dato = EXCLUDED.dokumentets_dato,
			mottatt_dato = EXCLUDED.mottatt_dato, sendt_dato = EXCLUDED.sendt_dato, forfallsdato = EXCLUDED.forfallsdato,
			offentlighetsvurdert_dato = EXCLUDED.offentlighetsvurdert_dato, saksbehandler = EXCLUDED.saksbehandler,
			administrativ_enhet_id = EXCLUDED.administrativ_enhet_id, journalenhet = EXCLUDED.journalenhet,
			accessible_after = EXCLUDED.accessible_after, version = journalpost.version + 1, updated_at = now()`,
		rows); err != nil {
		return nil, fmt.Errorf("upsert journalposts: %w", err)
	}
	owners, err := skjermingOwners(ctx, tx, "journalpost", keys)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = owners[e.Journalpost.SystemID].ID
	}
	if err := replaceParties(ctx, tx, entries, ids); err != nil {
		return nil, err
	}
	docIDs, err := upsertDokumenter(ctx, tx, entries, ids)
	if err != nil {
		return nil, err
	}
	list := make([]skjermingOwner, len(entries))
	sks := make([]*offl.Skjerming, len(entries))
	for i, e := range entries {
		own := map[string]string{}
		for _, d := range e.Journalpost.Dokumentbeskrivelse {
			own[d.SystemID] = docIDs[d.SystemID]
		}
		sk, err := withDocumentIDs(e.Journalpost.Skjerming, own)
		if err != nil {
			return nil, fmt.Errorf("journalposts[%d]: %w", i, err)
		}
		list[i], sks[i] = owners[e.Journalpost.SystemID], sk
	}
	if err := setSkjermings(ctx, tx, "journalpost", list, sks); err != nil {
		return nil, err
	}
	return ids, nil
}

func newJournalpostInputRow(j offl.Journalpost, caseID, enhetID string) journalpostInputRow {
	return journalpostInputRow{
		SystemID: j.SystemID, SaksmappeID: caseID, Journalaar: j.Journalaar,
		Journalsekvensnummer: j.Journalsekvensnummer, Journalpostnummer: j.Journalpostnummer,
		Journalposttype: string(j.Journalposttype), Journalstatus: string(j.Journalstatus), Tittel: j.Tittel,
		Journaldato: j.Journaldato.Format(time.DateOnly), DokumentetsDato: nullDateString(j.DokumentetsDato),
		MottattDato: nullDateString(j.MottattDato), SendtDato: nullDateString(j.SendtDato),
		Forfallsdato: nullDateString(j.Forfallsdato), OffentlighetsvurdertDato: nullDateString(j.OffentlighetsvurdertDato),
		Saksbehandler: j.Saksbehandler, EnhetID: nullString(enhetID), Journalenhet: j.Journalenhet,
		AccessibleAfter: nullTime(j.AccessibleAfter),
	}
}

// withDocumentIDs maps the document SystemIDs a loaded skjerming names to
// the IDs of the entry's own documents (docIDs). A name that is not a
// document of the entry is an error: dropping it could publish the document
// it meant.
func withDocumentIDs(sk *offl.Skjerming, docIDs map[string]string) (*offl.Skjerming, error) {
	if sk == nil || len(sk.Screens.Documents.IDs) == 0 {
		return sk, nil
	}
	out := *sk
	out.Screens.Documents.IDs = nil
	for _, key := range sk.Screens.Documents.IDs {
		id, err := resolve(docIDs, "screened dokumentbeskrivelse", key)
		if err != nil {
			return nil, err
		}
		out.Screens.Documents.IDs = append(out.Screens.Documents.IDs, id)
	}
	return &out, nil
}
