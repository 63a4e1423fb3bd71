package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/offl"
)

// The projection is written here and only here: every change to a record
// ends in refreshProjection, which recomputes the public view with
// offl.PublishJournalpost / offl.PublishSaksmappe and writes or removes the
// public_* rows. The scheduled refresh calls the same code.

// publicPartyJSON and publicDocJSON are the projection's JSON columns.
type publicPartyJSON struct {
	Type                   string `json:"type"`
	Navn                   string `json:"navn"`
	ErBehandlingsansvarlig bool   `json:"erBehandlingsansvarlig,omitempty"`
}

type publicDocJSON struct {
	ID                        string         `json:"id"`
	Dokumentnummer            int            `json:"dokumentnummer"`
	TilknyttetRegistreringSom string         `json:"tilknyttetRegistreringSom"`
	Dokumenttype              string         `json:"dokumenttype,omitempty"`
	Tittel                    string         `json:"tittel"`
	Fil                       *publicFilJSON `json:"fil,omitempty"`
}

// publicFilJSON describes a public file; its storage key is kept in
// public_dokument only, for the download handler.
type publicFilJSON struct {
	ObjektID      string `json:"objektId"`
	Variantformat string `json:"variantformat"`
	Filnavn       string `json:"filnavn"`
	MediaType     string `json:"mediaType"`
	Storrelse     int64  `json:"storrelse"`
	Sjekksum      string `json:"sjekksum"`
}

// publicDokumentRow is one public_dokument row, as written (JSON) and
// read (db).
type publicDokumentRow struct {
	ID             string  `json:"id" db:"id"`
	JournalpostID  string  `json:"journalpost_id" db:"journalpost_id"`
	Dokumentnummer int     `json:"dokumentnummer" db:"dokumentnummer"`
	Tilknytning    string  `json:"tilknyttet_registrering_som" db:"tilknyttet_registrering_som"`
	Dokumenttype   string  `json:"dokumenttype" db:"dokumenttype"`
	Tittel         string  `json:"tittel" db:"tittel"`
	ObjektID       *string `json:"objekt_id" db:"objekt_id"`
	Variantformat  *string `json:"variantformat" db:"variantformat"`
	Filnavn        *string `json:"filnavn" db:"filnavn"`
	MediaType      *string `json:"media_type" db:"media_type"`
	Storrelse      *int64  `json:"storrelse" db:"storrelse"`
	Sjekksum       *string `json:"sjekksum" db:"sjekksum"`
	StorageKey     *string `json:"storage_key" db:"storage_key"`
}

// searchTextRow names the files whose text joins an entry's search text.
type searchTextRow struct {
	ID      string   `json:"id"`
	FileIDs []string `json:"file_ids"`
}

// maxSearchText bounds the document text searched per entry, in
// characters, within what one tsvector holds.
const maxSearchText = 100_000

type publicSkjermingJSON struct {
	Tilgangsrestriksjon string `json:"tilgangsrestriksjon,omitempty"`
	Skjermingshjemmel   string `json:"skjermingshjemmel,omitempty"`
}

// projectionRow is one public_journalpost row, sent to the database as JSON.
type projectionRow struct {
	ID                   string               `json:"id"`
	SaksmappeID          string               `json:"saksmappe_id"`
	Saksaar              int                  `json:"saksaar"`
	Sakssekvensnummer    int                  `json:"sakssekvensnummer"`
	Journalaar           int                  `json:"journalaar"`
	Journalsekvensnummer int                  `json:"journalsekvensnummer"`
	Journalpostnummer    int                  `json:"journalpostnummer"`
	Journalposttype      string               `json:"journalposttype"`
	Journaldato          string               `json:"journaldato"`
	DokumentetsDato      *string              `json:"dokumentets_dato"`
	OffentligTittel      string               `json:"offentlig_tittel"`
	EnhetID              *string              `json:"administrativ_enhet_id"`
	Korrespondansepart   []publicPartyJSON    `json:"korrespondansepart"`
	Dokumentbeskrivelse  []publicDocJSON      `json:"dokumentbeskrivelse"`
	Skjerming            *publicSkjermingJSON `json:"skjerming"`
	PublisertDato        time.Time            `json:"publisert_dato"`
	SearchNames          string               `json:"search_names"`
	SearchOrgnr          []string             `json:"search_orgnr"`
	Basis                *string              `json:"basis"`
	HarDokument          bool                 `json:"har_dokument"`
}

// refreshState is what a refresh records on the full record.
type refreshState struct {
	ID        string     `json:"id"`
	DueAt     *time.Time `json:"due_at"`
	Published *time.Time `json:"published"`
}

// refreshProjection recomputes the public view of the given entries, of
// every case they belong to and of the cases caseIDs, at the instant now,
// inside tx. Each case is refreshed once, however many of its entries
// changed.
func refreshProjection(ctx context.Context, tx *sqlx.Tx, policy offl.Policy, now time.Time, journalpostIDs, caseIDs []string) error {
	records, err := loadJournalposts(ctx, tx, journalpostIDs)
	if err != nil {
		return err
	}
	p := publishEntries(records, policy, now)
	if err := execJSON(ctx, tx, `UPDATE journalpost j SET projection_due_at = r.due_at,
		publisert_dato = coalesce(j.publisert_dato, r.published)
		FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, due_at timestamptz, published timestamptz)
		WHERE j.id = r.id`, p.states); err != nil {
		return fmt.Errorf("refresh journalpost: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM public_journalpost WHERE id = ANY($1)`, pq.Array(p.hidden)); err != nil {
		return fmt.Errorf("refresh projection: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM public_dokument WHERE journalpost_id = ANY($1)`, pq.Array(journalpostIDs)); err != nil {
		return fmt.Errorf("refresh projection: %w", err)
	}
	// The cases first, so that the entries are written once, with their
	// case's title.
	if err := refreshCases(ctx, tx, policy, now, withCasesOf(caseIDs, records), records); err != nil {
		return err
	}
	return p.write(ctx, tx, now, journalpostIDs)
}

// withCasesOf is caseIDs and the case of each record, each once.
func withCasesOf(caseIDs []string, records []storedJournalpost) []string {
	cases := slices.Clone(caseIDs)
	seen := make(map[string]bool, len(cases)+len(records))
	for _, id := range cases {
		seen[id] = true
	}
	for _, rec := range records {
		if !seen[rec.SaksmappeID] {
			seen[rec.SaksmappeID] = true
			cases = append(cases, rec.SaksmappeID)
		}
	}
	return cases
}

// entryPublication is the public view of some entries as the engine
// computed it, ready to be written.
type entryPublication struct {
	visible   []projectionRow
	hidden    []string
	states    []refreshState // one per record, in order
	needs     []reviewNeed
	fileNeeds []reviewNeed
	fileIDs   []string
	docs      []publicDokumentRow
	texts     []searchTextRow
}

// publishEntries runs the offentleglova engine over records at the instant
// now.
func publishEntries(records []storedJournalpost, policy offl.Policy, now time.Time) entryPublication {
	p := entryPublication{states: make([]refreshState, 0, len(records))}
	for _, rec := range records {
		pub := offl.PublishJournalpost(rec.Journalpost, now, policy)
		p.needs = append(p.needs, recordNeeds("journalpost", rec.ID, pub.IdentityNumbers, rec.Skjerming, rec.BasisReviewed, policy.Catalogue, now)...)
		p.fileNeeds = append(p.fileNeeds, fileReviewNeeds(pub.FileHolds, now)...)
		for _, d := range rec.Dokumentbeskrivelse {
			for _, o := range d.Dokumentobjekt {
				p.fileIDs = append(p.fileIDs, o.ID)
			}
		}
		state := refreshState{ID: rec.ID, DueAt: nullTime(pub.NextChange)}
		if pub.Visible() {
			p.visible = append(p.visible, newProjectionRow(pub.Entry, policy.Catalogue))
			p.docs = append(p.docs, newPublicDokumentRows(pub.Entry)...)
			if ids := searchableFiles(pub.Entry); len(ids) > 0 {
				p.texts = append(p.texts, searchTextRow{ID: rec.ID, FileIDs: ids})
			}
			state.Published = &pub.Entry.PublisertDato
		} else {
			p.hidden = append(p.hidden, rec.ID)
		}
		p.states = append(p.states, state)
	}
	return p
}

// write writes the public entries, their documents and the review items
// of the entries journalpostIDs. Their cases' public rows must be written
// already: an entry carries its case's title.
func (p entryPublication) write(ctx context.Context, tx *sqlx.Tx, now time.Time, journalpostIDs []string) error {
	if err := execJSON(ctx, tx, `INSERT INTO public_journalpost (id, saksmappe_id, saksaar, sakssekvensnummer,
		journalaar, journalsekvensnummer, journalpostnummer, journalposttype, journaldato, dokumentets_dato,
		offentlig_tittel, administrativ_enhet_id, korrespondansepart, dokumentbeskrivelse, skjerming,
		publisert_dato, search_names, search_orgnr, basis, har_dokument, saksmappe_tittel)
		SELECT id, saksmappe_id, saksaar, sakssekvensnummer, journalaar, journalsekvensnummer, journalpostnummer,
			journalposttype, journaldato, dokumentets_dato, offentlig_tittel, administrativ_enhet_id,
			korrespondansepart, dokumentbeskrivelse, skjerming, publisert_dato, search_names,
			coalesce(search_orgnr, '{}'), basis, har_dokument,
			coalesce((SELECT s.offentlig_tittel FROM public_saksmappe s WHERE s.id = r.saksmappe_id), '')
		FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, saksmappe_id uuid, saksaar int, sakssekvensnummer int,
			journalaar int, journalsekvensnummer int, journalpostnummer int, journalposttype text,
			journaldato date, dokumentets_dato date, offentlig_tittel text, administrativ_enhet_id uuid,
			korrespondansepart jsonb, dokumentbeskrivelse jsonb, skjerming jsonb, publisert_dato timestamptz,
			search_names text, search_orgnr text[], basis text, har_dokument boolean)
		ON CONFLICT (id) DO UPDATE SET saksmappe_id = EXCLUDED.saksmappe_id, saksaar = EXCLUDED.saksaar,
			sakssekvensnummer = EXCLUDED.sakssekvensnummer, journalaar = EXCLUDED.journalaar,
			journalsekvensnummer = EXCLUDED.journalsekvensnummer, journalpostnummer = EXCLUDED.journalpostnummer,
			journalposttype = EXCLUDED.journalposttype, journaldato = EXCLUDED.journaldato,
			dokumentets_dato = EXCLUDED.dokumentets_dato, offentlig_tittel = EXCLUDED.offentlig_tittel,
			administrativ_enhet_id = EXCLUDED.administrativ_enhet_id, korrespondansepart = EXCLUDED.korrespondansepart,
			dokumentbeskrivelse = EXCLUDED.dokumentbeskrivelse, skjerming = EXCLUDED.skjerming,
			publisert_dato = EXCLUDED.publisert_dato, search_names = EXCLUDED.search_names,
			search_orgnr = EXCLUDED.search_orgnr, basis = EXCLUDED.basis, har_dokument = EXCLUDED.har_dokument,
			saksmappe_tittel = EXCLUDED.saksmappe_tittel, search_text = '', updated_at = now()`,
		p.visible); err != nil {
		return fmt.Errorf("write projection: %w", err)
	}
	if err := writePublicDocuments(ctx, tx, p.docs, p.texts); err != nil {
		return err
	}
	if err := syncReview(ctx, tx, "journalpost", journalpostIDs, recordReasons, p.needs, now); err != nil {
		return err
	}
	return syncReview(ctx, tx, "dokumentobjekt", p.fileIDs, fileReasons, p.fileNeeds, now)
}

// execJSON runs a statement whose only parameter is rows encoded as a JSON
// array; statements expand it with jsonb_to_recordset. Nothing is run for
// no rows.
func execJSON[T any](ctx context.Context, tx *sqlx.Tx, query string, rows []T) error {
	if len(rows) == 0 {
		return nil
	}
	b, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, query, string(b))
	return translate(err)
}

func newProjectionRow(e offl.PublicJournalpost, catalogue *offl.Catalogue) projectionRow {
	r := projectionRow{
		ID: e.ID, SaksmappeID: e.SaksmappeID, Saksaar: e.Saksaar, Sakssekvensnummer: e.Sakssekvensnummer,
		Journalaar: e.Journalaar, Journalsekvensnummer: e.Journalsekvensnummer, Journalpostnummer: e.Journalpostnummer,
		Journalposttype: string(e.Journalposttype), Journaldato: e.Journaldato.Format(time.DateOnly),
		DokumentetsDato: nullDateString(e.DokumentetsDato), OffentligTittel: e.OffentligTittel,
		EnhetID: nullString(e.AdministrativEnhetID), Skjerming: newPublicSkjermingJSON(e.Skjerming),
		PublisertDato: e.PublisertDato, SearchNames: strings.Join(e.SearchNames, "\n"), SearchOrgnr: e.SearchOrgnr,
		Korrespondansepart:  make([]publicPartyJSON, len(e.Korrespondansepart)),
		Dokumentbeskrivelse: make([]publicDocJSON, len(e.Dokumentbeskrivelse)),
	}
	for i, k := range e.Korrespondansepart {
		r.Korrespondansepart[i] = publicPartyJSON{Type: string(k.Korrespondanseparttype), Navn: k.Navn,
			ErBehandlingsansvarlig: k.ErBehandlingsansvarlig}
	}
	for i, d := range e.Dokumentbeskrivelse {
		r.Dokumentbeskrivelse[i] = publicDocJSON{ID: d.ID, Dokumentnummer: d.Dokumentnummer,
			TilknyttetRegistreringSom: string(d.TilknyttetRegistreringSom), Dokumenttype: d.Dokumenttype, Tittel: d.Tittel}
		if f := d.Fil; f != nil {
			r.Dokumentbeskrivelse[i].Fil = &publicFilJSON{ObjektID: f.ObjektID, Variantformat: string(f.Variantformat),
				Filnavn: f.Filnavn, MediaType: f.MediaType, Storrelse: f.Storrelse, Sjekksum: f.Sjekksum}
			r.HarDokument = true
		}
	}
	if e.Skjerming != nil && e.Skjerming.Skjermingshjemmel != "" {
		key, _ := offl.ParseHjemmel(e.Skjerming.Skjermingshjemmel).Basis(catalogue)
		r.Basis = &key
	}
	return r
}

func newPublicDokumentRows(e offl.PublicJournalpost) []publicDokumentRow {
	rows := make([]publicDokumentRow, len(e.Dokumentbeskrivelse))
	for i, d := range e.Dokumentbeskrivelse {
		rows[i] = publicDokumentRow{ID: d.ID, JournalpostID: e.ID, Dokumentnummer: d.Dokumentnummer,
			Tilknytning: string(d.TilknyttetRegistreringSom), Dokumenttype: d.Dokumenttype, Tittel: d.Tittel}
		if f := d.Fil; f != nil {
			variant := string(f.Variantformat)
			rows[i].ObjektID, rows[i].Variantformat, rows[i].Filnavn = &f.ObjektID, &variant, &f.Filnavn
			rows[i].MediaType, rows[i].Storrelse, rows[i].Sjekksum, rows[i].StorageKey = &f.MediaType, &f.Storrelse, &f.Sjekksum, &f.StorageKey
		}
	}
	return rows
}

// searchableFiles lists the public files whose text may be searched.
func searchableFiles(e offl.PublicJournalpost) []string {
	var ids []string
	for _, d := range e.Dokumentbeskrivelse {
		if d.Fil != nil && d.Fil.Searchable {
			ids = append(ids, d.Fil.ObjektID)
		}
	}
	return ids
}

// writePublicDocuments writes the public documents of the refreshed
// entries and the text of their searchable files. Search text was reset
// for every refreshed entry, so text of a file that is no longer public
// cannot linger.
func writePublicDocuments(ctx context.Context, tx *sqlx.Tx, docs []publicDokumentRow, texts []searchTextRow) error {
	if err := execJSON(ctx, tx, `INSERT INTO public_dokument (id, journalpost_id, dokumentnummer,
		tilknyttet_registrering_som, dokumenttype, tittel, objekt_id, variantformat, filnavn, media_type, storrelse,
		sjekksum, storage_key)
		SELECT id, journalpost_id, dokumentnummer, tilknyttet_registrering_som, dokumenttype, tittel, objekt_id,
			variantformat, filnavn, media_type, storrelse, sjekksum, storage_key
		FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, journalpost_id uuid, dokumentnummer int,
			tilknyttet_registrering_som text, dokumenttype text, tittel text, objekt_id uuid, variantformat text,
			filnavn text, media_type text, storrelse bigint, sjekksum text, storage_key text)`, docs); err != nil {
		return fmt.Errorf("write public documents: %w", err)
	}
	if err := execJSON(ctx, tx, `UPDATE public_journalpost p SET search_text = left(coalesce((
			SELECT string_agg(o.text, E'\n') FROM dokumentobjekt o WHERE o.id = ANY(r.file_ids)), ''), `+
		fmt.Sprint(maxSearchText)+`)
		FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, file_ids uuid[]) WHERE p.id = r.id`, texts); err != nil {
		return fmt.Errorf("write search text: %w", err)
	}
	return nil
}

func newPublicSkjermingJSON(s *offl.PublicSkjerming) *publicSkjermingJSON {
	if s == nil {
		return nil
	}
	return &publicSkjermingJSON{Tilgangsrestriksjon: s.Tilgangsrestriksjon, Skjermingshjemmel: s.Skjermingshjemmel}
}

// refreshSaksmapper recomputes the public view of the given cases. A case
// masks the terms withheld on any of its entries, so it reads the screened
// entries of each case too.
func refreshSaksmapper(ctx context.Context, tx *sqlx.Tx, policy offl.Policy, now time.Time, ids []string) error {
	return refreshCases(ctx, tx, policy, now, ids, nil)
}

// refreshCases is refreshSaksmapper for a caller that has just loaded some
// entries (loaded, as they are in tx): those are not read again.
func refreshCases(ctx context.Context, tx *sqlx.Tx, policy offl.Policy, now time.Time, ids []string, loaded []storedJournalpost) error {
	if len(ids) == 0 {
		return nil
	}
	cases, err := loadSaksmapper(ctx, tx, ids)
	if err != nil {
		return err
	}
	entries, err := screenedEntries(ctx, tx, ids, loaded)
	if err != nil {
		return err
	}
	p := publishCases(cases, entries, policy, now)
	if err := writePublicSaksmapper(ctx, tx, ids, p.visible, p.states); err != nil {
		return err
	}
	return syncReview(ctx, tx, "saksmappe", ids, recordReasons, p.needs, now)
}

// casePublication is the public view of some cases as the engine computed
// it, ready to be written.
type casePublication struct {
	visible []saksmappeProjectionRow
	states  []caseState // one per case, in order
	needs   []reviewNeed
}

// publishCases runs the offentleglova engine over cases at the instant now;
// screened are the cases' entries with a skjerming, whose withheld terms
// each case masks.
func publishCases(cases []storedSaksmappe, screened []storedJournalpost, policy offl.Policy, now time.Time) casePublication {
	inherited := map[string][]string{}
	for _, e := range screened {
		inherited[e.SaksmappeID] = append(inherited[e.SaksmappeID], offl.WithheldTerms(e.Journalpost, now)...)
	}
	var p casePublication
	for _, c := range cases {
		pub := offl.PublishSaksmappe(c.Saksmappe, inherited[c.ID], now)
		p.needs = append(p.needs, recordNeeds("saksmappe", c.ID, pub.IdentityNumbers, c.Skjerming, c.BasisReviewed, policy.Catalogue, now)...)
		state := caseState{ID: c.ID, DueAt: nullTime(pub.NextChange)}
		if pub.Hidden == offl.Published {
			pc := pub.Case
			p.visible = append(p.visible, saksmappeProjectionRow{ID: c.ID, Saksaar: pc.Saksaar, Sakssekvensnummer: pc.Sakssekvensnummer,
				Saksdato: nullDateString(pc.Saksdato), OffentligTittel: pc.OffentligTittel,
				EnhetID: nullString(pc.AdministrativEnhetID), Skjerming: newPublicSkjermingJSON(pc.Skjerming)})
			state.Title = pc.OffentligTittel
		}
		p.states = append(p.states, state)
	}
	return p
}

// screenedEntries loads the entries of the cases ids that have a
// skjerming, taking those in loaded from there.
func screenedEntries(ctx context.Context, tx *sqlx.Tx, ids []string, loaded []storedJournalpost) ([]storedJournalpost, error) {
	var screened []string
	if err := tx.SelectContext(ctx, &screened, `SELECT id FROM journalpost
		WHERE saksmappe_id = ANY($1) AND skjerming_id IS NOT NULL`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("refresh saksmapper: %w", err)
	}
	byID := make(map[string]storedJournalpost, len(loaded))
	for _, rec := range loaded {
		byID[rec.ID] = rec
	}
	var entries []storedJournalpost
	var missing []string
	for _, id := range screened {
		if rec, ok := byID[id]; ok {
			entries = append(entries, rec)
		} else {
			missing = append(missing, id)
		}
	}
	more, err := loadJournalposts(ctx, tx, missing)
	if err != nil {
		return nil, err
	}
	return append(entries, more...), nil
}

// saksmappeProjectionRow is one public_saksmappe row, sent as JSON.
type saksmappeProjectionRow struct {
	ID                string               `json:"id"`
	Saksaar           int                  `json:"saksaar"`
	Sakssekvensnummer int                  `json:"sakssekvensnummer"`
	Saksdato          *string              `json:"saksdato"`
	OffentligTittel   string               `json:"offentlig_tittel"`
	EnhetID           *string              `json:"administrativ_enhet_id"`
	Skjerming         *publicSkjermingJSON `json:"skjerming"`
}

// caseState is what a refresh records per case: when it is due again and
// its public title ("" when hidden), which its entries carry for search.
type caseState struct {
	ID    string     `json:"id"`
	DueAt *time.Time `json:"due_at"`
	Title string     `json:"title"`
}

// writePublicSaksmapper writes the refreshed cases in a few set-based
// statements, whatever their number: the public rows, the removal of
// hidden ones, their next due time, and their titles on their entries.
func writePublicSaksmapper(ctx context.Context, tx *sqlx.Tx, ids []string, visible []saksmappeProjectionRow, states []caseState) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM public_saksmappe WHERE id = ANY($1)
		AND NOT id = ANY($2)`, pq.Array(ids), pq.Array(publicIDs(visible))); err != nil {
		return fmt.Errorf("refresh saksmapper: %w", err)
	}
	if err := insertPublicSaksmapper(ctx, tx, visible); err != nil {
		return err
	}
	if err := execJSON(ctx, tx, `UPDATE saksmappe s SET projection_due_at = r.due_at
		FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, due_at timestamptz, title text) WHERE s.id = r.id`, states); err != nil {
		return fmt.Errorf("refresh saksmapper: %w", err)
	}
	if err := execJSON(ctx, tx, `UPDATE public_journalpost p SET saksmappe_tittel = r.title
		FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, due_at timestamptz, title text)
		WHERE p.saksmappe_id = r.id AND p.saksmappe_tittel <> r.title`, states); err != nil {
		return fmt.Errorf("refresh saksmapper: %w", err)
	}
	return nil
}

// insertPublicSaksmapper writes public case rows, replacing those there.
func insertPublicSaksmapper(ctx context.Context, tx *sqlx.Tx, visible []saksmappeProjectionRow) error {
	if err := execJSON(ctx, tx, `INSERT INTO public_saksmappe (id, saksaar, sakssekvensnummer, saksdato,
		offentlig_tittel, administrativ_enhet_id, skjerming, updated_at)
		SELECT id, saksaar, sakssekvensnummer, saksdato, offentlig_tittel, administrativ_enhet_id, skjerming, now()
		FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, saksaar int, sakssekvensnummer int, saksdato date,
			offentlig_tittel text, administrativ_enhet_id uuid, skjerming jsonb)
		ON CONFLICT (id) DO UPDATE SET saksaar = EXCLUDED.saksaar, sakssekvensnummer = EXCLUDED.sakssekvensnummer,
			saksdato = EXCLUDED.saksdato, offentlig_tittel = EXCLUDED.offentlig_tittel,
			administrativ_enhet_id = EXCLUDED.administrativ_enhet_id, skjerming = EXCLUDED.skjerming, updated_at = now()`,
		visible); err != nil {
		return fmt.Errorf("refresh saksmapper: %w", err)
	}
	return nil
}

func publicIDs(rows []saksmappeProjectionRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}
