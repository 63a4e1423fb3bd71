package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// PublicStore reads the published projection and nothing else: every query
// here names only public_* relations, and it runs on a pool opened with
// OpenPublic, whose sessions are the role innsyn_public, which the database
// lets read those relations and nothing else.
type PublicStore struct {
	db        *sqlx.DB
	matchPlan matchPlan
}

// NewPublicStore returns the public store on a pool from OpenPublic.
func NewPublicStore(db *sqlx.DB) *PublicStore {
	return &PublicStore{db: db, matchPlan: defaultMatchPlan}
}

var _ journal.PublicStore = (*PublicStore)(nil)

// publicJournalpostRow is a projection row joined with its unit and case.
type publicJournalpostRow struct {
	ID                   string     `db:"id"`
	SaksmappeID          string     `db:"saksmappe_id"`
	Saksaar              int        `db:"saksaar"`
	Sakssekvensnummer    int        `db:"sakssekvensnummer"`
	Journalaar           int        `db:"journalaar"`
	Journalsekvensnummer int        `db:"journalsekvensnummer"`
	Journalpostnummer    int        `db:"journalpostnummer"`
	Journalposttype      string     `db:"journalposttype"`
	Journaldato          time.Time  `db:"journaldato"`
	DokumentetsDato      *time.Time `db:"dokumentets_dato"`
	OffentligTittel      string     `db:"offentlig_tittel"`
	Korrespondansepart   []byte     `db:"korrespondansepart"`
	Dokumentbeskrivelse  []byte     `db:"dokumentbeskrivelse"`
	Skjerming            []byte     `db:"skjerming"`
	PublisertDato        time.Time  `db:"publisert_dato"`
	SaksmappeTittel      string     `db:"saksmappe_tittel"`
	publicEnhetRow
}

// publicEnhetRow is a unit LEFT JOINed as "e".
type publicEnhetRow struct {
	EnhetID       *string `db:"enhet_id"`
	EnhetKode     *string `db:"enhet_kode"`
	EnhetNavn     *string `db:"enhet_navn"`
	EnhetParentID *string `db:"enhet_parent_id"`
}

const publicEnhetColumns = `e.id AS enhet_id, e.kode AS enhet_kode, e.navn AS enhet_navn, e.parent_id AS enhet_parent_id`

func (r publicEnhetRow) enhet() *journal.Enhet {
	if r.EnhetID == nil {
		return nil
	}
	return &journal.Enhet{ID: *r.EnhetID, Kode: deref(r.EnhetKode), Navn: deref(r.EnhetNavn), ParentID: deref(r.EnhetParentID)}
}

const publicJournalpostColumns = `p.id, p.saksmappe_id, p.saksaar, p.sakssekvensnummer, p.journalaar,
	p.journalsekvensnummer, p.journalpostnummer, p.journalposttype, p.journaldato, p.dokumentets_dato,
	p.offentlig_tittel, p.korrespondansepart, p.dokumentbeskrivelse, p.skjerming, p.publisert_dato,
	p.saksmappe_tittel, ` + publicEnhetColumns

const publicJournalpostSelect = `SELECT ` + publicJournalpostColumns + `
	FROM public_journalpost p
	LEFT JOIN public_enhet e ON e.id = p.administrativ_enhet_id`

func (r publicJournalpostRow) view() (journal.PublicJournalpost, error) {
	var parties []publicPartyJSON
	var docs []publicDocJSON
	var sk *publicSkjermingJSON
	if err := json.Unmarshal(r.Korrespondansepart, &parties); err != nil {
		return journal.PublicJournalpost{}, fmt.Errorf("decode projection: %w", err)
	}
	if err := json.Unmarshal(r.Dokumentbeskrivelse, &docs); err != nil {
		return journal.PublicJournalpost{}, fmt.Errorf("decode projection: %w", err)
	}
	if len(r.Skjerming) > 0 {
		if err := json.Unmarshal(r.Skjerming, &sk); err != nil {
			return journal.PublicJournalpost{}, fmt.Errorf("decode projection: %w", err)
		}
	}
	e := offl.PublicJournalpost{
		ID: r.ID, SaksmappeID: r.SaksmappeID, Saksaar: r.Saksaar, Sakssekvensnummer: r.Sakssekvensnummer,
		Journalaar: r.Journalaar, Journalsekvensnummer: r.Journalsekvensnummer, Journalpostnummer: r.Journalpostnummer,
		Journalposttype: offl.Journalposttype(r.Journalposttype), Journaldato: r.Journaldato.UTC(),
		DokumentetsDato: derefTime(r.DokumentetsDato), OffentligTittel: r.OffentligTittel,
		PublisertDato: r.PublisertDato.UTC(), Skjerming: sk.public(),
	}
	for _, p := range parties {
		e.Korrespondansepart = append(e.Korrespondansepart, offl.PublicKorrespondansepart{
			Korrespondanseparttype: offl.Korrespondanseparttype(p.Type), Navn: p.Navn, ErBehandlingsansvarlig: p.ErBehandlingsansvarlig})
	}
	for _, d := range docs {
		doc := offl.PublicDokumentbeskrivelse{
			ID: d.ID, Dokumentnummer: d.Dokumentnummer, TilknyttetRegistreringSom: offl.TilknyttetRegistreringSom(d.TilknyttetRegistreringSom),
			Dokumenttype: d.Dokumenttype, Tittel: d.Tittel}
		if f := d.Fil; f != nil {
			doc.Fil = &offl.PublicFil{ObjektID: f.ObjektID, Variantformat: offl.Variantformat(f.Variantformat),
				Filnavn: f.Filnavn, MediaType: f.MediaType, Storrelse: f.Storrelse, Sjekksum: f.Sjekksum}
		}
		e.Dokumentbeskrivelse = append(e.Dokumentbeskrivelse, doc)
	}
	enhet := r.enhet()
	if enhet != nil {
		e.AdministrativEnhetID = enhet.ID
	}
	return journal.PublicJournalpost{
		PublicJournalpost: e,
		Enhet:             enhet,
		Saksmappe: journal.CaseRef{ID: r.SaksmappeID, Saksaar: r.Saksaar, Sakssekvensnummer: r.Sakssekvensnummer,
			OffentligTittel: r.SaksmappeTittel},
	}, nil
}

func (s *publicSkjermingJSON) public() *offl.PublicSkjerming {
	if s == nil {
		return nil
	}
	return &offl.PublicSkjerming{Tilgangsrestriksjon: s.Tilgangsrestriksjon, Skjermingshjemmel: s.Skjermingshjemmel}
}

// filter collects WHERE conditions written with ? placeholders.
type filter struct {
	conds []string
	args  []any
}

func (f *filter) add(cond string, args ...any) {
	f.conds = append(f.conds, cond)
	f.args = append(f.args, args...)
}

func (f *filter) where() string {
	if len(f.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(f.conds, " AND ")
}

// enhetCondition restricts column to a unit, or its whole subtree.
func (s *PublicStore) enhetCondition(ctx context.Context, f *filter, column, enhet string, subunits bool) error {
	if enhet == "" {
		return nil
	}
	var id string
	err := s.db.GetContext(ctx, &id, `SELECT id FROM public_enhet WHERE id::text = $1 OR kode = $1`, enhet)
	if err == sql.ErrNoRows {
		return journal.FieldError("query.administrativEnhet", "no unit with that id or kode; GET /v1/enhet lists them")
	} else if err != nil {
		return fmt.Errorf("resolve enhet: %w", err)
	}
	if !subunits {
		f.add(column+" = ?", id)
		return nil
	}
	f.add(column+` IN (WITH RECURSIVE sub(id) AS (SELECT ?::uuid UNION ALL
		SELECT e.id FROM public_enhet e JOIN sub ON e.parent_id = sub.id) SELECT id FROM sub)`, id)
	return nil
}

// ListJournalposts pages through the public journal, newest first.
func (s *PublicStore) ListJournalposts(ctx context.Context, q journal.JournalpostQuery) (journal.Page[journal.PublicJournalpost], error) {
	var page journal.Page[journal.PublicJournalpost]
	n, err := limit(q.Limit)
	if err != nil {
		return page, err
	}
	after, err := decodeCursor(q.Cursor, "journalpost")
	if err != nil {
		return page, err
	}
	c, err := s.compile(ctx, q.SearchFilter)
	if err != nil {
		return page, err
	}
	f := c.filter
	if after != nil {
		f.add("(p.journaldato, p.journalaar, p.journalsekvensnummer) < (?::date, ?, ?)", after.Date, after.A, after.B)
	}
	query := sqlx.Rebind(sqlx.DOLLAR, publicJournalpostSelect+f.where()+
		` ORDER BY p.journaldato DESC, p.journalaar DESC, p.journalsekvensnummer DESC LIMIT ?`)
	items, err := s.selectJournalposts(ctx, s.db, query, append(f.args, n+1)...)
	if err != nil {
		return page, translateSearch(err) // q is a search too
	}
	page.Items, page.Next = trimPage(items, n, func(last journal.PublicJournalpost) cursor {
		return cursor{List: "journalpost", Date: last.Journaldato.Format(time.DateOnly), A: last.Journalaar, B: last.Journalsekvensnummer}
	})
	return page, nil
}

func (s *PublicStore) selectJournalposts(ctx context.Context, q sqlx.QueryerContext, query string, args ...any) ([]journal.PublicJournalpost, error) {
	var rows []publicJournalpostRow
	if err := sqlx.SelectContext(ctx, q, &rows, query, args...); err != nil {
		return nil, fmt.Errorf("list journalposts: %w", err)
	}
	out := make([]journal.PublicJournalpost, len(rows))
	for i, r := range rows {
		v, err := r.view()
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// Journalpost returns one published entry; an unpublished one is not found.
func (s *PublicStore) Journalpost(ctx context.Context, id string) (journal.PublicJournalpost, error) {
	if !isUUID(id) {
		return journal.PublicJournalpost{}, journal.NotFound("journalpost")
	}
	items, err := s.selectJournalposts(ctx, s.db, publicJournalpostSelect+` WHERE p.id = $1`, id)
	if err != nil {
		return journal.PublicJournalpost{}, err
	}
	if len(items) == 0 {
		return journal.PublicJournalpost{}, journal.NotFound("journalpost")
	}
	return items[0], nil
}
