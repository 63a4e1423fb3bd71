package postgres

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/journal"
)

type partyInputRow struct {
	JournalpostID          string `json:"journalpost_id"`
	Position               int    `json:"position"`
	Type                   string `json:"type"`
	Navn                   string `json:"navn"`
	ErPerson               bool   `json:"er_person"`
	Organisasjonsnummer    string `json:"organisasjonsnummer"`
	Postadresse            string `json:"postadresse"`
	Postnummer             string `json:"postnummer"`
	Poststed               string `json:"poststed"`
	Epostadresse           string `json:"epostadresse"`
	ErBehandlingsansvarlig bool   `json:"er_behandlingsansvarlig"`
	AdministrativEnhet     string `json:"administrativ_enhet"`
	Saksbehandler          string `json:"saksbehandler"`
}

// replaceParties makes the entries' correspondents exactly those loaded:
// an archive delivers the whole list each time, without stable keys.
func replaceParties(ctx context.Context, tx *sqlx.Tx, entries []journal.JournalpostInput, ids []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM korrespondansepart WHERE journalpost_id = ANY($1)`, pq.Array(ids)); err != nil {
		return fmt.Errorf("replace korrespondansepart: %w", err)
	}
	var rows []partyInputRow
	for i, e := range entries {
		for pos, k := range e.Journalpost.Korrespondansepart {
			rows = append(rows, partyInputRow{
				JournalpostID: ids[i], Position: pos, Type: string(k.Korrespondanseparttype), Navn: k.Navn,
				ErPerson: k.ErPerson, Organisasjonsnummer: k.Organisasjonsnummer, Postadresse: k.Postadresse,
				Postnummer: k.Postnummer, Poststed: k.Poststed, Epostadresse: k.Epostadresse,
				ErBehandlingsansvarlig: k.ErBehandlingsansvarlig, AdministrativEnhet: k.AdministrativEnhet,
				Saksbehandler: k.Saksbehandler,
			})
		}
	}
	if err := execJSON(ctx, tx, `INSERT INTO korrespondansepart (journalpost_id, position, korrespondanseparttype,
		navn, er_person, organisasjonsnummer, postadresse, postnummer, poststed, epostadresse,
		er_behandlingsansvarlig, administrativ_enhet, saksbehandler)
		SELECT journalpost_id, position, type, navn, er_person, organisasjonsnummer, postadresse, postnummer,
			poststed, epostadresse, er_behandlingsansvarlig, administrativ_enhet, saksbehandler
		FROM jsonb_to_recordset($1::jsonb) AS r(journalpost_id uuid, position int, type text, navn text,
			er_person boolean, organisasjonsnummer text, postadresse text, postnummer text, poststed text,
			epostadresse text, er_behandlingsansvarlig boolean, administrativ_enhet text, saksbehandler text)`,
		rows); err != nil {
		return fmt.Errorf("insert korrespondansepart: %w", err)
	}
	return nil
}

type dokumentInputRow struct {
	SystemID      string `json:"system_id"`
	JournalpostID string `json:"journalpost_id"`
	Nummer        int    `json:"dokumentnummer"`
	Tilknytning   string `json:"tilknytning"`
	Dokumenttype  string `json:"dokumenttype"`
	Tittel        string `json:"tittel"`
}

type objektInputRow struct {
	DokumentSystemID string `json:"dokument_system_id"`
	Versjonsnummer   int    `json:"versjonsnummer"`
	Variantformat    string `json:"variantformat"`
	Format           string `json:"format"`
	Filnavn          string `json:"filnavn"`
	MediaType        string `json:"media_type"`
	Sjekksum         string `json:"sjekksum"`
	Storrelse        int64  `json:"storrelse"`
	StorageKey       string `json:"storage_key"`
}

// upsertDokumenter writes the entries' documents and files, removes the
// documents an entry no longer has, and returns document IDs by SystemID.
func upsertDokumenter(ctx context.Context, tx *sqlx.Tx, entries []journal.JournalpostInput, ids []string) (map[string]string, error) {
	var docs []dokumentInputRow
	var objects []objektInputRow
	var keys []string
	for i, e := range entries {
		for _, d := range e.Journalpost.Dokumentbeskrivelse {
			docs = append(docs, dokumentInputRow{SystemID: d.SystemID, JournalpostID: ids[i], Nummer: d.Dokumentnummer,
				Tilknytning: string(d.TilknyttetRegistreringSom), Dokumenttype: d.Dokumenttype, Tittel: d.Tittel})
			keys = append(keys, d.SystemID)
			for _, o := range d.Dokumentobjekt {
				objects = append(objects, objektInputRow{DokumentSystemID: d.SystemID, Versjonsnummer: max(o.Versjonsnummer, 1),
					Variantformat: string(o.Variantformat), Format: o.Format, Filnavn: o.Filnavn,
					MediaType: o.MediaType, Sjekksum: o.Sjekksum, Storrelse: o.Storrelse, StorageKey: o.StorageKey})
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM dokumentbeskrivelse WHERE journalpost_id = ANY($1)
		AND NOT system_id = ANY($2)`, pq.Array(ids), pq.Array(keys)); err != nil {
		return nil, fmt.Errorf("remove dokumentbeskrivelse: %w", err)
	}
	if err := execJSON(ctx, tx, `INSERT INTO dokumentbeskrivelse (system_id, journalpost_id, dokumentnummer,
		tilknyttet_registrering_som, dokumenttype, tittel)
		SELECT system_id, journalpost_id, dokumentnummer, tilknytning, dokumenttype, tittel
		FROM jsonb_to_recordset($1::jsonb) AS r(system_id text, journalpost_id uuid, dokumentnummer int,
			tilknytning text, dokumenttype text, tittel text)
		ON CONFLICT (system_id) DO UPDATE SET journalpost_id = EXCLUDED.journalpost_id,
			dokumentnummer = EXCLUDED.dokumentnummer, tilknyttet_registrering_som = EXCLUDED.tilknyttet_registrering_som,
			dokumenttype = EXCLUDED.dokumenttype, tittel = EXCLUDED.tittel, updated_at = now()`, docs); err != nil {
		return nil, fmt.Errorf("upsert dokumentbeskrivelse: %w", err)
	}
	if err := execJSON(ctx, tx, `INSERT INTO dokumentobjekt (dokumentbeskrivelse_id, versjonsnummer, variantformat,
		format, filnavn, media_type, sjekksum, storrelse, storage_key)
		SELECT d.id, r.versjonsnummer, r.variantformat, r.format, r.filnavn, r.media_type, r.sjekksum, r.storrelse,
			r.storage_key
		FROM jsonb_to_recordset($1::jsonb) AS r(dokument_system_id text, versjonsnummer int, variantformat text,
			format text, filnavn text, media_type text, sjekksum text, storrelse bigint, storage_key text)
		JOIN dokumentbeskrivelse d ON d.system_id = r.dokument_system_id
		ON CONFLICT (dokumentbeskrivelse_id, versjonsnummer, variantformat) DO UPDATE SET format = EXCLUDED.format,
			filnavn = EXCLUDED.filnavn, media_type = EXCLUDED.media_type, sjekksum = EXCLUDED.sjekksum,
			storrelse = EXCLUDED.storrelse, storage_key = EXCLUDED.storage_key,
			-- New content must be read again before it is published.
			text_status = CASE WHEN dokumentobjekt.sjekksum = EXCLUDED.sjekksum THEN dokumentobjekt.text_status ELSE 'pending' END,
			text = CASE WHEN dokumentobjekt.sjekksum = EXCLUDED.sjekksum THEN dokumentobjekt.text ELSE '' END,
			text_numbers = CASE WHEN dokumentobjekt.sjekksum = EXCLUDED.sjekksum THEN dokumentobjekt.text_numbers ELSE '{}' END,
			text_reviewed = dokumentobjekt.text_reviewed AND dokumentobjekt.sjekksum = EXCLUDED.sjekksum`, objects); err != nil {
		return nil, fmt.Errorf("upsert dokumentobjekt: %w", err)
	}
	return idsByKey(ctx, tx, `SELECT system_id, id FROM dokumentbeskrivelse WHERE system_id = ANY($1)`, keys)
}
