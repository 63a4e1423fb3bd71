package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// StaffJournalpost is the full record of an entry, unscreened.
type StaffJournalpost struct {
	ID                       string                     `json:"id" doc:"The entry's ID." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
	SystemID                 string                     `json:"systemID" doc:"The archive system's ID of the entry." example:"6f1c2a3b-4d5e-4f60-8172-93a4b5c6d7e8"`
	Tittel                   string                     `json:"tittel" doc:"The full title, unscreened (M020)." example:"Søknad om barnehageplass til Ola Nordmann"`
	Journalaar               int                        `json:"journalaar" example:"2024" doc:"Journal year (M013)."`
	Journalsekvensnummer     int                        `json:"journalsekvensnummer" example:"4567" doc:"Sequence number in the year (M014)."`
	Journalpostnummer        int                        `json:"journalpostnummer" example:"2" doc:"Number within the case (M015)."`
	Journalposttype          string                     `json:"journalposttype" enum:"inngaaende_dokument,utgaaende_dokument,organinternt_dokument_for_oppfoelging,organinternt_dokument_uten_oppfoelging,saksframlegg" example:"inngaaende_dokument" doc:"M082."`
	Journalstatus            string                     `json:"journalstatus" enum:"journalfoert,ferdigstilt_fra_saksbehandler,godkjent_av_leder,ekspedert,arkivert,utgaar,midlertidig_registrering,registrert_av_saksbehandler,reservert_dokument" example:"journalfoert" doc:"M053."`
	Journaldato              string                     `json:"journaldato" format:"date" example:"2024-05-02" doc:"M101."`
	DokumentetsDato          string                     `json:"dokumentetsDato,omitempty" format:"date" example:"2024-04-30" doc:"M103."`
	MottattDato              string                     `json:"mottattDato,omitempty" format:"date" example:"2024-05-01" doc:"M104."`
	SendtDato                string                     `json:"sendtDato,omitempty" format:"date" example:"2024-05-06" doc:"M105."`
	Forfallsdato             string                     `json:"forfallsdato,omitempty" format:"date" example:"2024-06-01" doc:"M109."`
	OffentlighetsvurdertDato string                     `json:"offentlighetsvurdertDato,omitempty" format:"date" example:"2024-05-02" doc:"M110."`
	Saksbehandler            string                     `json:"saksbehandler,omitempty" example:"Kari Saksbehandler" doc:"M307."`
	Journalenhet             string                     `json:"journalenhet,omitempty" example:"POST" doc:"M308."`
	AdministrativEnhet       *Enhet                     `json:"administrativEnhet,omitempty" doc:"The unit responsible."`
	Saksmappe                StaffSaksmappeRef          `json:"saksmappe" doc:"The case, unscreened."`
	AccessibleAfter          *time.Time                 `json:"accessibleAfter,omitempty" example:"2024-06-01T00:00:00Z" doc:"The entry is hidden from the public until then."`
	PublisertDato            *time.Time                 `json:"publisertDato,omitempty" example:"2024-05-03T06:00:00Z" doc:"When the entry first became public."`
	Korrespondansepart       []StaffKorrespondansepart  `json:"korrespondansepart" doc:"Every correspondent, unscreened."`
	Dokumentbeskrivelse      []StaffDokumentbeskrivelse `json:"dokumentbeskrivelse" doc:"Every document with its files."`
	Skjerming                *StaffSkjerming            `json:"skjerming,omitempty" doc:"The exemption marked on the entry."`
	Publication              Publication                `json:"publication" doc:"Whether and why the entry is (not) in the public journal now."`
	Version                  int                        `json:"version" example:"3" doc:"Changes with every change; also the ETag."`
}

// StaffSaksmappeRef names the case of an entry, unscreened.
type StaffSaksmappeRef struct {
	ID         string `json:"id" example:"sm_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f" doc:"The case's ID."`
	Saksnummer string `json:"saksnummer" example:"2024/123" doc:"The case number."`
	Tittel     string `json:"tittel" example:"Barnehageplass - Ola Nordmann" doc:"The full case title."`
}

// StaffKorrespondansepart is a correspondent with everything known of it.
type StaffKorrespondansepart struct {
	Korrespondanseparttype string `json:"korrespondanseparttype" enum:"avsender,mottaker,kopimottaker,gruppemottaker,intern_avsender,intern_mottaker,intern_kopimottaker,medavsender" example:"avsender" doc:"M087."`
	KorrespondansepartNavn string `json:"korrespondansepartNavn" example:"Kari Nordmann" doc:"M400."`
	ErPerson               bool   `json:"erPerson" example:"true" doc:"A natural person: the name stops being searchable a year after publication."`
	Organisasjonsnummer    string `json:"organisasjonsnummer,omitempty" example:"974760673" doc:"For organisations."`
	Postadresse            string `json:"postadresse,omitempty" example:"Storgata 1" doc:"Postal address."`
	Postnummer             string `json:"postnummer,omitempty" example:"8622" doc:"Postal code."`
	Poststed               string `json:"poststed,omitempty" example:"Mo i Rana" doc:"Postal town."`
	Epostadresse           string `json:"epostadresse,omitempty" example:"kari@example.org" doc:"E-mail address."`
	ErBehandlingsansvarlig bool   `json:"erBehandlingsansvarlig" example:"false" doc:"Whether the party handles the case."`
	AdministrativEnhet     string `json:"administrativEnhet,omitempty" example:"PLAN" doc:"For internal parties."`
	Saksbehandler          string `json:"saksbehandler,omitempty" example:"Per Planlegger" doc:"For internal parties."`
}

// StaffDokumentbeskrivelse is a document with its files.
type StaffDokumentbeskrivelse struct {
	ID                        string           `json:"id" example:"dok_7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b" doc:"The document's ID."`
	SystemID                  string           `json:"systemID" example:"0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b" doc:"The archive system's ID."`
	Dokumentnummer            int              `json:"dokumentnummer" example:"1" doc:"Number in the entry."`
	TilknyttetRegistreringSom string           `json:"tilknyttetRegistreringSom" enum:"hoveddokument,vedlegg" example:"hoveddokument" doc:"M217."`
	Dokumenttype              string           `json:"dokumenttype,omitempty" example:"Brev" doc:"The kind of document."`
	Tittel                    string           `json:"tittel" example:"Legeerklæring" doc:"The full title."`
	Dokumentobjekt            []Dokumentobjekt `json:"dokumentobjekt" doc:"The stored files."`
}

// Dokumentobjekt is a stored file.
type Dokumentobjekt struct {
	ID              string   `json:"id" example:"fil_0a1b2c3d4e5f60718293a4b5c6d7e8f9" doc:"The file's ID (review items about it name it)."`
	Versjonsnummer  int      `json:"versjonsnummer" example:"1" doc:"Version."`
	Variantformat   string   `json:"variantformat" enum:"produksjonsformat,arkivformat,offentlig_variant" example:"arkivformat" doc:"M700."`
	Format          string   `json:"format,omitempty" example:"PDF" doc:"File format."`
	Filnavn         string   `json:"filnavn,omitempty" example:"Søknad.pdf" doc:"File name."`
	MediaType       string   `json:"mediaType" example:"application/pdf" doc:"Media type."`
	Sjekksum        string   `json:"sjekksum" example:"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" doc:"Hex SHA-256."`
	Storrelse       int64    `json:"storrelse" example:"48213" doc:"Size in bytes."`
	TextStatus      string   `json:"textStatus" enum:"pending,ok,no_text,encrypted,failed,unsupported" example:"ok" doc:"How far text extraction got: the file is published only once its text has been checked (or staff approved a file without text)."`
	TextReviewed    bool     `json:"textReviewed" example:"false" doc:"Staff approved publishing the file without readable text."`
	IdentityNumbers []string `json:"identityNumbers,omitempty" example:"[\"01017012343\"]" doc:"Identity numbers found in the text; such a file waits for review."`
}

// StaffSkjerming is an exemption with what it screens.
type StaffSkjerming struct {
	Tilgangsrestriksjon    string     `json:"tilgangsrestriksjon,omitempty" example:"UO" doc:"M500."`
	Skjermingshjemmel      string     `json:"skjermingshjemmel,omitempty" example:"Offl. § 13 jf. fvl. § 13 første ledd nr. 1" doc:"M501."`
	SkjermingOpphoererDato *time.Time `json:"skjermingOpphoererDato,omitempty" example:"2030-01-01T00:00:00Z" doc:"When it lapses (M505)."`
	Screens                Screens    `json:"screens" doc:"What it withholds."`
}

// Screens says what a skjerming withholds.
type Screens struct {
	AllMetadata       bool     `json:"allMetadata" required:"false" example:"false" doc:"The whole title and every name."`
	TitleWhole        bool     `json:"titleWhole" required:"false" example:"false" doc:"The whole title."`
	TitlePhrases      []string `json:"titlePhrases,omitempty" example:"[\"Ola Nordmann\"]" doc:"Phrases withheld wherever they occur."`
	TitleWords        [][2]int `json:"titleWords,omitempty" example:"[[4,5]]" doc:"Ranges of title word positions (from 0, inclusive)."`
	Names             bool     `json:"names" required:"false" example:"true" doc:"Every correspondent's name."`
	AllDocuments      bool     `json:"allDocuments" required:"false" example:"false" doc:"Every document."`
	Documents         []string `json:"documents,omitempty" example:"[\"dok_7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b\"]" doc:"These documents."`
	DocumentPartsOnly bool     `json:"documentPartsOnly" required:"false" example:"false" doc:"Only parts of the documents are exempt (M503 D)."`
}

// Publication tells staff whether the public sees the entry.
type Publication struct {
	Published bool   `json:"published" example:"false" doc:"Whether the entry is in the public journal now."`
	Reason    string `json:"reason,omitempty" enum:"journalstatus,accessible_after,identity_number" example:"identity_number" doc:"Why it is not: its status, a future accessibleAfter, or an identity number awaiting review."`
}

func newStaffJournalpost(s journal.StaffJournalpost) StaffJournalpost {
	r := s.Record
	out := StaffJournalpost{
		ID: wireID(kindJournalpost, r.ID), SystemID: r.SystemID, Tittel: r.Tittel, Journalaar: r.Journalaar,
		Journalsekvensnummer: r.Journalsekvensnummer, Journalpostnummer: r.Journalpostnummer,
		Journalposttype: r.Journalposttype.WireName(), Journalstatus: r.Journalstatus.WireName(),
		Journaldato: date(r.Journaldato), DokumentetsDato: date(r.DokumentetsDato), MottattDato: date(r.MottattDato),
		SendtDato: date(r.SendtDato), Forfallsdato: date(r.Forfallsdato),
		OffentlighetsvurdertDato: date(r.OffentlighetsvurdertDato), Saksbehandler: r.Saksbehandler,
		Journalenhet: r.Journalenhet, AdministrativEnhet: newEnhet(s.Enhet),
		Saksmappe:       StaffSaksmappeRef{ID: wireID(kindSaksmappe, r.SaksmappeID), Saksnummer: r.Saksnummer(), Tittel: s.Saksmappe.Tittel},
		AccessibleAfter: optionalTime(r.AccessibleAfter), PublisertDato: optionalTime(r.PublisertDato),
		Korrespondansepart:  make([]StaffKorrespondansepart, len(r.Korrespondansepart)),
		Dokumentbeskrivelse: make([]StaffDokumentbeskrivelse, len(r.Dokumentbeskrivelse)),
		Skjerming:           newStaffSkjerming(r.Skjerming),
		Publication:         Publication{Published: s.Hidden == offl.Published, Reason: string(s.Hidden)},
		Version:             s.Version,
	}
	for i, k := range r.Korrespondansepart {
		out.Korrespondansepart[i] = StaffKorrespondansepart{Korrespondanseparttype: k.Korrespondanseparttype.WireName(),
			KorrespondansepartNavn: k.Navn, ErPerson: k.ErPerson, Organisasjonsnummer: k.Organisasjonsnummer,
			Postadresse: k.Postadresse, Postnummer: k.Postnummer, Poststed: k.Poststed, Epostadresse: k.Epostadresse,
			ErBehandlingsansvarlig: k.ErBehandlingsansvarlig, AdministrativEnhet: k.AdministrativEnhet, Saksbehandler: k.Saksbehandler}
	}
	for i, d := range r.Dokumentbeskrivelse {
		doc := StaffDokumentbeskrivelse{ID: wireID(kindDokument, d.ID), SystemID: d.SystemID, Dokumentnummer: d.Dokumentnummer,
			TilknyttetRegistreringSom: d.TilknyttetRegistreringSom.WireName(), Dokumenttype: d.Dokumenttype,
			Tittel: d.Tittel, Dokumentobjekt: make([]Dokumentobjekt, len(d.Dokumentobjekt))}
		for k, o := range d.Dokumentobjekt {
			doc.Dokumentobjekt[k] = Dokumentobjekt{ID: wireID(kindFil, o.ID), Versjonsnummer: o.Versjonsnummer, Variantformat: o.Variantformat.WireName(),
				Format: o.Format, Filnavn: o.Filnavn, MediaType: o.MediaType, Sjekksum: o.Sjekksum, Storrelse: o.Storrelse,
				TextStatus: string(o.TextStatus), TextReviewed: o.TextReviewed, IdentityNumbers: o.IdentityNumbers}
		}
		out.Dokumentbeskrivelse[i] = doc
	}
	return out
}

func newStaffSkjerming(s *offl.Skjerming) *StaffSkjerming {
	if s == nil {
		return nil
	}
	sc := s.Screens
	out := &StaffSkjerming{Tilgangsrestriksjon: s.Tilgangsrestriksjon, Skjermingshjemmel: s.Skjermingshjemmel,
		SkjermingOpphoererDato: optionalTime(s.OpphoererDato),
		Screens: Screens{AllMetadata: sc.AllMetadata, TitleWhole: sc.Title.Whole, TitlePhrases: sc.Title.Phrases,
			Names: sc.Names, AllDocuments: sc.Documents.All, DocumentPartsOnly: sc.Documents.PartsOnly}}
	for _, w := range sc.Title.Words {
		out.Screens.TitleWords = append(out.Screens.TitleWords, [2]int{w.From, w.To})
	}
	for _, id := range sc.Documents.IDs {
		out.Screens.Documents = append(out.Screens.Documents, wireID(kindDokument, id))
	}
	return out
}

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// GetStaffJournalpostInput names an entry.
type GetStaffJournalpostInput struct {
	ID string `path:"id" maxLength:"40" doc:"The entry's ID." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
}

// GetStaffJournalpostOutput is the full record.
type GetStaffJournalpostOutput struct {
	ETag string `header:"ETag" doc:"The record's version, for If-Match on changes." example:"\"3\""`
	Body StaffJournalpost
}

func registerStaffJournalpost(api huma.API, deps Deps) {
	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-get-journalpost",
		Method:      http.MethodGet,
		Path:        "/v1/admin/journalpost/{id}",
		Summary:     "Get the full record of an entry",
		Description: "Returns everything known of an entry, unscreened, whether it is published or not, with its " +
			"skjerming and why the public does or does not see it.",
		Errors: []int{http.StatusNotFound},
	}, auth.RoleArkivar), func(ctx context.Context, in *GetStaffJournalpostInput) (*GetStaffJournalpostOutput, error) {
		id, ok := parseID(kindJournalpost, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("journalpost"))
		}
		s, err := deps.Staff.Journalpost(ctx, id)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &GetStaffJournalpostOutput{ETag: etag(s.Version), Body: newStaffJournalpost(s)}, nil
	})
}
