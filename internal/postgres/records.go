package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/offl"
)

// journalpostRow is a journalpost as stored, with its case number and skjerming.
type journalpostRow struct {
	ID                       string         `db:"id"`
	SystemID                 string         `db:"system_id"`
	SaksmappeID              string         `db:"saksmappe_id"`
	Saksaar                  int            `db:"saksaar"`
	Sakssekvensnummer        int            `db:"sakssekvensnummer"`
	Journalaar               int            `db:"journalaar"`
	Journalsekvensnummer     int            `db:"journalsekvensnummer"`
	Journalpostnummer        int            `db:"journalpostnummer"`
	Journalposttype          string         `db:"journalposttype"`
	Journalstatus            string         `db:"journalstatus"`
	Tittel                   string         `db:"tittel"`
	Journaldato              time.Time      `db:"journaldato"`
	DokumentetsDato          *time.Time     `db:"dokumentets_dato"`
	MottattDato              *time.Time     `db:"mottatt_dato"`
	SendtDato                *time.Time     `db:"sendt_dato"`
	Forfallsdato             *time.Time     `db:"forfallsdato"`
	OffentlighetsvurdertDato *time.Time     `db:"offentlighetsvurdert_dato"`
	Saksbehandler            string         `db:"saksbehandler"`
	AdministrativEnhetID     *string        `db:"administrativ_enhet_id"`
	Journalenhet             string         `db:"journalenhet"`
	AccessibleAfter          *time.Time     `db:"accessible_after"`
	PublisertDato            *time.Time     `db:"publisert_dato"`
	ApprovedNumbers          pq.StringArray `db:"approved_numbers"`
	Version                  int            `db:"version"`
	skjermingRow
}

const journalpostSelect = `SELECT j.id, j.system_id, j.saksmappe_id, s.saksaar, s.sakssekvensnummer,
	j.journalaar, j.journalsekvensnummer, j.journalpostnummer, j.journalposttype, j.journalstatus,
	j.tittel, j.journaldato, j.dokumentets_dato, j.mottatt_dato, j.sendt_dato, j.forfallsdato,
	j.offentlighetsvurdert_dato, j.saksbehandler, j.administrativ_enhet_id, j.journalenhet,
	j.accessible_after, j.publisert_dato, j.approved_numbers, j.version, ` + skjermingColumns + `
	FROM journalpost j
	JOIN saksmappe s ON s.id = j.saksmappe_id
	LEFT JOIN skjerming sk ON sk.id = j.skjerming_id`

func (r journalpostRow) record() (offl.Journalpost, error) {
	sk, err := r.skjerming()
	if err != nil {
		return offl.Journalpost{}, err
	}
	return offl.Journalpost{
		ID:                       r.ID,
		SystemID:                 r.SystemID,
		SaksmappeID:              r.SaksmappeID,
		Saksaar:                  r.Saksaar,
		Sakssekvensnummer:        r.Sakssekvensnummer,
		Journalaar:               r.Journalaar,
		Journalsekvensnummer:     r.Journalsekvensnummer,
		Journalpostnummer:        r.Journalpostnummer,
		Journalposttype:          offl.Journalposttype(r.Journalposttype),
		Journalstatus:            offl.Journalstatus(r.Journalstatus),
		Tittel:                   r.Tittel,
		Journaldato:              r.Journaldato.UTC(),
		DokumentetsDato:          derefTime(r.DokumentetsDato),
		MottattDato:              derefTime(r.MottattDato),
		SendtDato:                derefTime(r.SendtDato),
		Forfallsdato:             derefTime(r.Forfallsdato),
		OffentlighetsvurdertDato: derefTime(r.OffentlighetsvurdertDato),
		Saksbehandler:            r.Saksbehandler,
		AdministrativEnhetID:     deref(r.AdministrativEnhetID),
		Journalenhet:             r.Journalenhet,
		AccessibleAfter:          derefTime(r.AccessibleAfter),
		PublisertDato:            derefTime(r.PublisertDato),
		Skjerming:                sk,
		ApprovedNumbers:          r.ApprovedNumbers,
	}, nil
}

type korrespondansepartRow struct {
	ID                     string `db:"id"`
	JournalpostID          string `db:"journalpost_id"`
	Type                   string `db:"korrespondanseparttype"`
	Navn                   string `db:"navn"`
	ErPerson               bool   `db:"er_person"`
	Organisasjonsnummer    string `db:"organisasjonsnummer"`
	Postadresse            string `db:"postadresse"`
	Postnummer             string `db:"postnummer"`
	Poststed               string `db:"poststed"`
	Epostadresse           string `db:"epostadresse"`
	ErBehandlingsansvarlig bool   `db:"er_behandlingsansvarlig"`
	AdministrativEnhet     string `db:"administrativ_enhet"`
	Saksbehandler          string `db:"saksbehandler"`
}

type dokumentRow struct {
	ID            string `db:"id"`
	SystemID      string `db:"system_id"`
	JournalpostID string `db:"journalpost_id"`
	Nummer        int    `db:"dokumentnummer"`
	Tilknytning   string `db:"tilknyttet_registrering_som"`
	Dokumenttype  string `db:"dokumenttype"`
	Tittel        string `db:"tittel"`
}

type objektRow struct {
	ID              string         `db:"id"`
	DokumentID      string         `db:"dokumentbeskrivelse_id"`
	Versjonsnummer  int            `db:"versjonsnummer"`
	Variantformat   string         `db:"variantformat"`
	Format          string         `db:"format"`
	Filnavn         string         `db:"filnavn"`
	MediaType       string         `db:"media_type"`
	Sjekksum        string         `db:"sjekksum"`
	Storrelse       int64          `db:"storrelse"`
	StorageKey      string         `db:"storage_key"`
	TextStatus      string         `db:"text_status"`
	TextNumbers     pq.StringArray `db:"text_numbers"`
	ApprovedNumbers pq.StringArray `db:"approved_numbers"`
	TextReviewed    bool           `db:"text_reviewed"`
}

// storedJournalpost is a full record with its row version.
type storedJournalpost struct {
	offl.Journalpost
	Version int
	// BasisReviewed: staff approved the skjerming's basis as written.
	BasisReviewed bool
}

// loadJournalposts reads the full records of the given entries, with their
// correspondents, documents, files and skjerming, in four queries. Unknown
// IDs are left out; the order follows ids.
func loadJournalposts(ctx context.Context, q sqlx.QueryerContext, ids []string) ([]storedJournalpost, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []journalpostRow
	if err := sqlx.SelectContext(ctx, q, &rows, journalpostSelect+` WHERE j.id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("load journalposts: %w", err)
	}
	byID := make(map[string]*offl.Journalpost, len(rows))
	records := make([]storedJournalpost, len(rows))
	for i, r := range rows {
		rec, err := r.record()
		if err != nil {
			return nil, err
		}
		records[i] = storedJournalpost{Journalpost: rec, Version: r.Version, BasisReviewed: r.basisReviewed()}
		byID[rec.ID] = &records[i].Journalpost
	}

	var parties []korrespondansepartRow
	if err := sqlx.SelectContext(ctx, q, &parties, `SELECT id, journalpost_id, korrespondanseparttype, navn,
		er_person, organisasjonsnummer, postadresse, postnummer, poststed, epostadresse,
		er_behandlingsansvarlig, administrativ_enhet, saksbehandler
		FROM korrespondansepart WHERE journalpost_id = ANY($1) ORDER BY journalpost_id, position`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("load korrespondansepart: %w", err)
	}
	for _, p := range parties {
		jp := byID[p.JournalpostID]
		jp.Korrespondansepart = append(jp.Korrespondansepart, p.record())
	}

	if err := loadDokumenter(ctx, q, ids, byID); err != nil {
		return nil, err
	}
	position := make(map[string]int, len(ids))
	for i, id := range ids {
		position[id] = i
	}
	slices.SortFunc(records, func(a, b storedJournalpost) int { return position[a.ID] - position[b.ID] })
	return records, nil
}

// loadDokumenter attaches documents and their files to the entries.
func loadDokumenter(ctx context.Context, q sqlx.QueryerContext, ids []string, byID map[string]*offl.Journalpost) error {
	var docs []dokumentRow
	if err := sqlx.SelectContext(ctx, q, &docs, `SELECT id, system_id, journalpost_id, dokumentnummer,
		tilknyttet_registrering_som, dokumenttype, tittel
		FROM dokumentbeskrivelse WHERE journalpost_id = ANY($1) ORDER BY journalpost_id, dokumentnummer`, pq.Array(ids)); err != nil {
		return fmt.Errorf("load dokumentbeskrivelse: %w", err)
	}
	var objects []objektRow
	if err := sqlx.SelectContext(ctx, q, &objects, `SELECT o.id, o.dokumentbeskrivelse_id, o.versjonsnummer,
		o.variantformat, o.format, o.filnavn, o.media_type, o.sjekksum, o.storrelse, o.storage_key,
		o.text_status, o.text_numbers, o.approved_numbers, o.text_reviewed
		FROM dokumentobjekt o JOIN dokumentbeskrivelse d ON d.id = o.dokumentbeskrivelse_id
		WHERE d.journalpost_id = ANY($1) ORDER BY o.dokumentbeskrivelse_id, o.versjonsnummer, o.variantformat`, pq.Array(ids)); err != nil {
		return fmt.Errorf("load dokumentobjekt: %w", err)
	}
	objectsByDoc := map[string][]offl.Dokumentobjekt{}
	for _, o := range objects {
		objectsByDoc[o.DokumentID] = append(objectsByDoc[o.DokumentID], o.record())
	}
	for _, d := range docs {
		jp := byID[d.JournalpostID]
		jp.Dokumentbeskrivelse = append(jp.Dokumentbeskrivelse, d.record(objectsByDoc[d.ID]))
	}
	return nil
}

func (p korrespondansepartRow) record() offl.Korrespondansepart {
	return offl.Korrespondansepart{
		ID: p.ID, Korrespondanseparttype: offl.Korrespondanseparttype(p.Type), Navn: p.Navn,
		ErPerson: p.ErPerson, Organisasjonsnummer: p.Organisasjonsnummer, Postadresse: p.Postadresse,
		Postnummer: p.Postnummer, Poststed: p.Poststed, Epostadresse: p.Epostadresse,
		ErBehandlingsansvarlig: p.ErBehandlingsansvarlig, AdministrativEnhet: p.AdministrativEnhet,
		Saksbehandler: p.Saksbehandler,
	}
}

func (d dokumentRow) record(objects []offl.Dokumentobjekt) offl.Dokumentbeskrivelse {
	return offl.Dokumentbeskrivelse{
		ID: d.ID, SystemID: d.SystemID, Dokumentnummer: d.Nummer,
		TilknyttetRegistreringSom: offl.TilknyttetRegistreringSom(d.Tilknytning),
		Dokumenttype:              d.Dokumenttype, Tittel: d.Tittel, Dokumentobjekt: objects,
	}
}

func (o objektRow) record() offl.Dokumentobjekt {
	return offl.Dokumentobjekt{
		ID: o.ID, Versjonsnummer: o.Versjonsnummer, Variantformat: offl.Variantformat(o.Variantformat),
		Format: o.Format, Filnavn: o.Filnavn, MediaType: o.MediaType, Sjekksum: o.Sjekksum,
		Storrelse: o.Storrelse, StorageKey: o.StorageKey, TextStatus: offl.TextStatus(o.TextStatus),
		IdentityNumbers: o.TextNumbers, ApprovedNumbers: o.ApprovedNumbers, TextReviewed: o.TextReviewed,
	}
}

// saksmappeRow is a saksmappe as stored, with its skjerming.
type saksmappeRow struct {
	ID                   string         `db:"id"`
	SystemID             string         `db:"system_id"`
	Saksaar              int            `db:"saksaar"`
	Sakssekvensnummer    int            `db:"sakssekvensnummer"`
	Saksdato             *time.Time     `db:"saksdato"`
	Tittel               string         `db:"tittel"`
	AdministrativEnhetID *string        `db:"administrativ_enhet_id"`
	Saksansvarlig        string         `db:"saksansvarlig"`
	Saksstatus           string         `db:"saksstatus"`
	ApprovedNumbers      pq.StringArray `db:"approved_numbers"`
	Version              int            `db:"version"`
	skjermingRow
}

const saksmappeSelect = `SELECT s.id, s.system_id, s.saksaar, s.sakssekvensnummer, s.saksdato, s.tittel,
	s.administrativ_enhet_id, s.saksansvarlig, s.saksstatus, s.approved_numbers, s.version, ` + skjermingColumns + `
	FROM saksmappe s LEFT JOIN skjerming sk ON sk.id = s.skjerming_id`

func (r saksmappeRow) record() (offl.Saksmappe, error) {
	sk, err := r.skjerming()
	if err != nil {
		return offl.Saksmappe{}, err
	}
	return offl.Saksmappe{
		ID: r.ID, SystemID: r.SystemID, Saksaar: r.Saksaar, Sakssekvensnummer: r.Sakssekvensnummer,
		Saksdato: derefTime(r.Saksdato), Tittel: r.Tittel, AdministrativEnhetID: deref(r.AdministrativEnhetID),
		Saksansvarlig: r.Saksansvarlig, Saksstatus: r.Saksstatus, Skjerming: sk, ApprovedNumbers: r.ApprovedNumbers,
	}, nil
}

// storedSaksmappe is a full case record with its row version.
type storedSaksmappe struct {
	offl.Saksmappe
	Version       int
	BasisReviewed bool
}

// loadSaksmapper reads the full records of the given cases.
func loadSaksmapper(ctx context.Context, q sqlx.QueryerContext, ids []string) ([]storedSaksmappe, error) {
	var rows []saksmappeRow
	if err := sqlx.SelectContext(ctx, q, &rows, saksmappeSelect+` WHERE s.id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("load saksmapper: %w", err)
	}
	out := make([]storedSaksmappe, len(rows))
	for i, r := range rows {
		rec, err := r.record()
		if err != nil {
			return nil, err
		}
		out[i] = storedSaksmappe{Saksmappe: rec, Version: r.Version, BasisReviewed: r.basisReviewed()}
	}
	return out, nil
}
