package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Dokument returns a public document and the file anyone may download,
// with where that file is stored, for the download handler. A document
// that is not public is not found.
func (s *PublicStore) Dokument(ctx context.Context, id string) (journal.PublicDokument, error) {
	if !isUUID(id) {
		return journal.PublicDokument{}, journal.NotFound("dokument")
	}
	var r publicDokumentRow
	err := s.db.GetContext(ctx, &r, `SELECT id, journalpost_id, dokumentnummer, tilknyttet_registrering_som,
		dokumenttype, tittel, objekt_id, variantformat, filnavn, media_type, storrelse, sjekksum, storage_key
		FROM public_dokument WHERE id = $1`, id)
	if err == sql.ErrNoRows {
		return journal.PublicDokument{}, journal.NotFound("dokument")
	} else if err != nil {
		return journal.PublicDokument{}, fmt.Errorf("get dokument: %w", err)
	}
	d := journal.PublicDokument{JournalpostID: r.JournalpostID, PublicDokumentbeskrivelse: offl.PublicDokumentbeskrivelse{
		ID: r.ID, Dokumentnummer: r.Dokumentnummer, TilknyttetRegistreringSom: offl.TilknyttetRegistreringSom(r.Tilknytning),
		Dokumenttype: r.Dokumenttype, Tittel: r.Tittel}}
	if r.ObjektID != nil {
		d.Fil = &offl.PublicFil{ObjektID: *r.ObjektID, Variantformat: offl.Variantformat(deref(r.Variantformat)),
			Filnavn: deref(r.Filnavn), MediaType: deref(r.MediaType), Storrelse: *r.Storrelse, Sjekksum: deref(r.Sjekksum),
			StorageKey: deref(r.StorageKey)}
	}
	return d, nil
}
