package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// StaffSaksmappe is the full record of a case.
type StaffSaksmappe struct {
	ID                 string          `json:"id" doc:"The case's ID." example:"sm_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f"`
	SystemID           string          `json:"systemID" doc:"The archive system's ID." example:"2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901"`
	Saksnummer         string          `json:"saksnummer" doc:"The case number." example:"2024/123"`
	Tittel             string          `json:"tittel" doc:"The full title, unscreened (M020)." example:"Barnehageplass - Ola Nordmann"`
	Saksdato           string          `json:"saksdato,omitempty" format:"date" doc:"M100." example:"2024-04-29"`
	Saksansvarlig      string          `json:"saksansvarlig,omitempty" doc:"M306." example:"Per Planlegger"`
	Saksstatus         string          `json:"saksstatus,omitempty" doc:"M052." example:"Under behandling"`
	AdministrativEnhet *Enhet          `json:"administrativEnhet,omitempty" doc:"The unit responsible."`
	Skjerming          *StaffSkjerming `json:"skjerming,omitempty" doc:"The skjerming of the case's title."`
	Publication        Publication     `json:"publication" doc:"Whether the public sees the case now."`
	Version            int             `json:"version" doc:"Changes with every change; also the ETag." example:"2"`
}

func newStaffSaksmappe(s journal.StaffSaksmappe) StaffSaksmappe {
	r := s.Record
	return StaffSaksmappe{ID: wireID(kindSaksmappe, r.ID), SystemID: r.SystemID, Saksnummer: r.Saksnummer(),
		Tittel: r.Tittel, Saksdato: date(r.Saksdato), Saksansvarlig: r.Saksansvarlig, Saksstatus: r.Saksstatus,
		AdministrativEnhet: newEnhet(s.Enhet), Skjerming: newStaffSkjerming(r.Skjerming),
		Publication: Publication{Published: s.Hidden == offl.Published, Reason: string(s.Hidden)}, Version: s.Version}
}

// StaffSaksmappeOutput is a case's full record.
type StaffSaksmappeOutput struct {
	ETag string `header:"ETag" doc:"The record's version, for If-Match on changes." example:"\"2\""`
	Body StaffSaksmappe
}

// GetStaffSaksmappeInput names a case.
type GetStaffSaksmappeInput struct {
	ID string `path:"id" maxLength:"40" doc:"The case's ID." example:"sm_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f"`
}

// SetSaksmappeSkjermingInput marks a skjerming on a case's title.
type SetSaksmappeSkjermingInput struct {
	ID string `path:"id" maxLength:"40" doc:"The case's ID." example:"sm_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f"`
	ChangeHeaders
	Body struct {
		SkjermingInput
		Reason string `json:"reason" minLength:"1" maxLength:"1000" doc:"Why: the audit log records it." example:"Saken gjelder et barn."`
	}
}

// LiftSaksmappeSkjermingInput lifts the skjerming of a case's title.
type LiftSaksmappeSkjermingInput struct {
	ID     string `path:"id" maxLength:"40" doc:"The case's ID." example:"sm_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f"`
	Reason string `query:"reason" required:"true" minLength:"1" maxLength:"1000" doc:"Why: the audit log records it." example:"Navnet er ikke lenger taushetsbelagt."`
	ChangeHeaders
}

func registerStaffSaksmappe(api huma.API, deps Deps) {
	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-get-saksmappe",
		Method:      http.MethodGet,
		Path:        "/v1/admin/saksmappe/{id}",
		Summary:     "Get the full record of a case",
		Description: "Returns the case unscreened, with the skjerming of its title and whether the public sees it.",
		Errors:      []int{http.StatusNotFound},
	}, auth.RoleArkivar), func(ctx context.Context, in *GetStaffSaksmappeInput) (*StaffSaksmappeOutput, error) {
		id, ok := parseID(kindSaksmappe, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("saksmappe"))
		}
		s, err := deps.Staff.Saksmappe(ctx, id)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &StaffSaksmappeOutput{ETag: etag(s.Version), Body: newStaffSaksmappe(s)}, nil
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-set-saksmappe-skjerming",
		Method:      http.MethodPut,
		Path:        "/v1/admin/saksmappe/{id}/skjerming",
		Summary:     "Set or change the skjerming of a case's title",
		Description: "Screens words of the case title (phrases, positions or the whole title). One transaction with the " +
			"public journal and the audit log. Words screened on an entry are masked in its case's title anyway.",
		Errors: []int{http.StatusNotFound, http.StatusPreconditionFailed, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *SetSaksmappeSkjermingInput) (*StaffSaksmappeOutput, error) {
		id, ok := parseID(kindSaksmappe, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("saksmappe"))
		}
		c, err := in.Body.change()
		if err == nil {
			c.Change, err = in.ChangeHeaders.change(ctx, in.Body.Reason)
		}
		if err != nil {
			return nil, fail(ctx, err)
		}
		s, err := deps.Staff.SetSaksmappeSkjerming(ctx, id, c)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &StaffSaksmappeOutput{ETag: etag(s.Version), Body: newStaffSaksmappe(s)}, nil
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-lift-saksmappe-skjerming",
		Method:      http.MethodDelete,
		Path:        "/v1/admin/saksmappe/{id}/skjerming",
		Summary:     "Lift the skjerming of a case's title",
		Description: "Removes the skjerming of the case's title. One transaction with the public journal and the audit log.",
		Errors:      []int{http.StatusNotFound, http.StatusConflict, http.StatusPreconditionFailed, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *LiftSaksmappeSkjermingInput) (*StaffSaksmappeOutput, error) {
		id, ok := parseID(kindSaksmappe, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("saksmappe"))
		}
		c, err := in.ChangeHeaders.change(ctx, in.Reason)
		if err != nil {
			return nil, fail(ctx, err)
		}
		s, err := deps.Staff.LiftSaksmappeSkjerming(ctx, id, c)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &StaffSaksmappeOutput{ETag: etag(s.Version), Body: newStaffSaksmappe(s)}, nil
	})
}
