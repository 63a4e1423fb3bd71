package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// MeirinnsynInput is the offl. § 11 assessment.
type MeirinnsynInput struct {
	VurdertAv   string `json:"vurdertAv" minLength:"1" maxLength:"200" doc:"Who made the assessment." example:"Kari Arkivar"`
	VurdertDato string `json:"vurdertDato" format:"date" doc:"When." example:"2025-03-13"`
	Utfall      string `json:"utfall" enum:"unntak_opprettholdt,delvis_meirinnsyn,fullt_meirinnsyn" doc:"The outcome; with full meirinnsyn, lift the skjerming instead." example:"unntak_opprettholdt"`
	Begrunnelse string `json:"begrunnelse" minLength:"1" maxLength:"1000" doc:"Why, briefly." example:"Dokumentet er et internt utkast før vedtak."`
}

// SkjermingInput is a skjerming to set.
type SkjermingInput struct {
	Tilgangsrestriksjon    string           `json:"tilgangsrestriksjon,omitempty" maxLength:"20" doc:"The body's access code (M500)." example:"UO"`
	Skjermingshjemmel      string           `json:"skjermingshjemmel" minLength:"1" maxLength:"500" doc:"The legal basis as written (M501); check it first with POST /v1/admin/skjermingshjemmel/parse." example:"Offl. § 13 jf. fvl. § 13 første ledd nr. 1"`
	Screens                Screens          `json:"screens" doc:"What it withholds."`
	SkjermingOpphoererDato string           `json:"skjermingOpphoererDato,omitempty" format:"date" doc:"When it lapses (M505); or give skjermingsvarighet; neither: the basis's default duration." example:"2030-01-01"`
	Skjermingsvarighet     int              `json:"skjermingsvarighet,omitempty" minimum:"1" maximum:"200" doc:"Duration in years from the document's date (M504)." example:"5"`
	Meirinnsyn             *MeirinnsynInput `json:"meirinnsyn,omitempty" doc:"Required for every basis but § 13."`
}

// change turns the wire skjerming into a domain change.
func (in SkjermingInput) change() (journal.SkjermingChange, error) {
	sc := in.Screens
	sk := offl.Skjerming{
		Tilgangsrestriksjon: in.Tilgangsrestriksjon, Skjermingshjemmel: in.Skjermingshjemmel,
		OpphoererDato: parseDate(in.SkjermingOpphoererDato),
		Screens: offl.Screens{AllMetadata: sc.AllMetadata, Names: sc.Names,
			Title:     offl.TitleScreen{Whole: sc.TitleWhole, Phrases: sc.TitlePhrases},
			Documents: offl.DocumentScreen{All: sc.AllDocuments, PartsOnly: sc.DocumentPartsOnly}},
	}
	for _, w := range sc.TitleWords {
		sk.Screens.Title.Words = append(sk.Screens.Title.Words, offl.WordRange{From: w[0], To: w[1]})
	}
	for i, id := range sc.Documents {
		uuid, ok := parseID(kindDokument, id)
		if !ok {
			return journal.SkjermingChange{}, journal.FieldError("body.screens.documents["+strconv.Itoa(i)+"]", "not a document ID")
		}
		sk.Screens.Documents.IDs = append(sk.Screens.Documents.IDs, uuid)
	}
	if m := in.Meirinnsyn; m != nil {
		sk.Meirinnsyn = &offl.Meirinnsyn{VurdertAv: m.VurdertAv, VurdertDato: parseDate(m.VurdertDato),
			Utfall: offl.MeirinnsynUtfall(m.Utfall), Begrunnelse: m.Begrunnelse}
	}
	return journal.SkjermingChange{Skjerming: sk, Varighet: in.Skjermingsvarighet}, nil
}

// ChangeHeaders are what every change request carries besides its body.
type ChangeHeaders struct {
	IfMatch string `header:"If-Match" maxLength:"40" doc:"The ETag the change was made against; a stale one is refused with 412. Omit to change whatever the current version is." example:"\"3\""`
}

// change returns the domain change for a reason, with the caller and the
// version from If-Match.
func (h ChangeHeaders) change(ctx context.Context, reason string) (journal.Change, error) {
	c := journal.Change{Reason: reason, Actor: actor(ctx)}
	if h.IfMatch != "" {
		v, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(h.IfMatch, "W/"), `"`))
		if err != nil || v < 1 {
			return c, journal.FieldError("header.If-Match", "an ETag from a previous answer, such as \"3\"")
		}
		c.IfMatch = v
	}
	return c, nil
}

func etag(version int) string { return strconv.Quote(strconv.Itoa(version)) }

// SetSkjermingInput marks a skjerming on an entry.
type SetSkjermingInput struct {
	ID string `path:"id" maxLength:"40" doc:"The entry's ID." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
	ChangeHeaders
	Body struct {
		SkjermingInput
		Reason string `json:"reason" minLength:"1" maxLength:"1000" doc:"Why: the audit log records it." example:"Søknaden gjelder et barn."`
	}
}

// LiftSkjermingInput lifts an entry's skjerming.
type LiftSkjermingInput struct {
	ID     string `path:"id" maxLength:"40" doc:"The entry's ID." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
	Reason string `query:"reason" required:"true" minLength:"1" maxLength:"1000" doc:"Why: the audit log records it." example:"Vedtaket er fattet; dokumentet er ikke lenger organinternt."`
	ChangeHeaders
}

func registerStaffSkjerming(api huma.API, deps Deps) {
	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-set-journalpost-skjerming",
		Method:      http.MethodPut,
		Path:        "/v1/admin/journalpost/{id}/skjerming",
		Summary:     "Set or change an entry's skjerming",
		Description: "Marks what of the entry is withheld and why. One transaction updates the record, refreshes the " +
			"public journal (the words are gone from every public endpoint when this returns) and writes an audit row. " +
			"Screened phrases must occur in the entry; a discretionary basis needs the meirinnsyn assessment.",
		Errors: []int{http.StatusNotFound, http.StatusPreconditionFailed, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *SetSkjermingInput) (*GetStaffJournalpostOutput, error) {
		id, ok := parseID(kindJournalpost, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("journalpost"))
		}
		c, err := in.Body.change()
		if err == nil {
			c.Change, err = in.ChangeHeaders.change(ctx, in.Body.Reason)
		}
		if err != nil {
			return nil, fail(ctx, err)
		}
		s, err := deps.Staff.SetJournalpostSkjerming(ctx, id, c)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &GetStaffJournalpostOutput{ETag: etag(s.Version), Body: newStaffJournalpost(s)}, nil
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-lift-journalpost-skjerming",
		Method:      http.MethodDelete,
		Path:        "/v1/admin/journalpost/{id}/skjerming",
		Summary:     "Lift an entry's skjerming",
		Description: "Removes the skjerming, so the entry is shown in full. One transaction with the public journal and the audit log.",
		Errors:      []int{http.StatusNotFound, http.StatusConflict, http.StatusPreconditionFailed, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *LiftSkjermingInput) (*GetStaffJournalpostOutput, error) {
		id, ok := parseID(kindJournalpost, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("journalpost"))
		}
		c, err := in.ChangeHeaders.change(ctx, in.Reason)
		if err != nil {
			return nil, fail(ctx, err)
		}
		s, err := deps.Staff.LiftJournalpostSkjerming(ctx, id, c)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &GetStaffJournalpostOutput{ETag: etag(s.Version), Body: newStaffJournalpost(s)}, nil
	})
	registerStaffSaksmappe(api, deps)
}
