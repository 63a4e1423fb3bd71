package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/innsynskrav"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// QueueItem is an item in the staff queue, with who asked.
type QueueItem struct {
	InnsynskravItem
	Innsynskrav string `json:"innsynskrav" doc:"The order." example:"ik_1a2b3c4d5e6f708192a3b4c5d6e7f809"`
	Email       string `json:"email,omitempty" doc:"The requester's address (absent once erased)." example:"kari@example.no"`
	Navn        string `json:"navn,omitempty" doc:"The requester's name, if given." example:"Kari Nordmann"`
	Language    string `json:"language" example:"nb" doc:"The requester's language."`
}

// QueueInput filters the queue.
type QueueInput struct {
	Status    string `query:"status" enum:"mottatt,antatt_avslatt,innvilget,delvis_innvilget,avslatt,ikke_hos_oss" doc:"Only items in this status." example:"mottatt"`
	Enhet     string `query:"administrativEnhet" maxLength:"40" doc:"Only items of this unit (ID)." example:"enh_0a1b2c3d4e5f60718293a4b5c6d7e8f9"`
	Overdue   bool   `query:"overdue" doc:"Only items whose answer or fuller reasons are past due." example:"true"`
	DueBefore string `query:"dueBefore" format:"date" doc:"Only items due on or before this date." example:"2025-04-30"`
	Assignee  string `query:"assignedTo" maxLength:"200" doc:"Only items assigned to this person." example:"Kari Arkivar"`
	PageParams
}

// QueueOutput is a page of the queue.
type QueueOutput struct {
	Body struct {
		Items []QueueItem `json:"items" doc:"The items of this page, soonest due first."`
		Next  string      `json:"next,omitempty" doc:"Pass as cursor to get the next page; absent on the last page." example:"eyJsIjoiaW5uc3lubnNrcmF2In0"`
	}
}

// StaffOrder is an order as staff see it.
type StaffOrder struct {
	Order
	Email    string     `json:"email,omitempty" doc:"The requester's address (absent once erased)." example:"kari@example.no"`
	Navn     string     `json:"navn,omitempty" doc:"The requester's name, if given." example:"Kari Nordmann"`
	ErasedAt *time.Time `json:"erasedAt,omitempty" doc:"When the address and name were erased." example:"2025-10-20T02:00:00Z"`
}

// DecisionBody is a decision on one or more items.
type DecisionBody struct {
	Items                    []string `json:"items" minItems:"1" maxItems:"200" doc:"The items decided." example:"[\"ikd_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b\"]"`
	Outcome                  string   `json:"outcome" enum:"innvilget,delvis_innvilget,avslatt,ikke_hos_oss" doc:"The decision." example:"avslatt"`
	Bases                    []string `json:"bases,omitempty" maxItems:"20" doc:"Catalogue IDs (GET /v1/skjermingshjemmel) of the exemptions used: required for avslatt and delvis_innvilget." example:"[\"offl-13\"]"`
	ConfidentialityProvision string   `json:"confidentialityProvision,omitempty" maxLength:"4000" doc:"Required with offl-13: the provision imposing confidentiality." example:"fvl. § 13 første ledd nr. 1"`
	Meirinnsyn               string   `json:"meirinnsyn,omitempty" maxLength:"4000" doc:"Required with a discretionary basis: the offl. § 11 assessment." example:"Hensynet til anbudskonkurransen veier tyngre enn innsyn nå."`
	Reason                   string   `json:"reason,omitempty" maxLength:"4000" doc:"Further explanation to the requester." example:""`
	ForwardedTo              string   `json:"forwardedTo,omitempty" maxLength:"4000" doc:"ikke_hos_oss: the body it was sent on to." example:"Statens vegvesen"`
	Variant                  string   `json:"variant,omitempty" enum:"arkivformat,offentlig_variant" doc:"What a grant releases: the original (arkivformat), or the redacted variant (offentlig_variant; required for delvis_innvilget). Default for innvilget: arkivformat." example:"arkivformat"`
}

func (b DecisionBody) decision() innsynskrav.Decision {
	v := innsynskrav.Variant(b.Variant)
	if b.Outcome == string(innsynskrav.StatusGranted) && v == innsynskrav.VariantNone {
		v = innsynskrav.VariantOriginal
	}
	return innsynskrav.Decision{Outcome: innsynskrav.Status(b.Outcome), Bases: b.Bases, ConfidentialityProvision: b.ConfidentialityProvision,
		Meirinnsyn: b.Meirinnsyn, Reason: b.Reason, ForwardedTo: b.ForwardedTo, Variant: v}
}

// ItemsOutput is the items changed.
type ItemsOutput struct {
	Body struct {
		Items []InnsynskravItem `json:"items" doc:"The items as decided."`
	}
}

// ItemOutput is one item changed.
type ItemOutput struct {
	Body InnsynskravItem
}

// StaffItemInput names an item.
type StaffItemInput struct {
	ID string `path:"id" maxLength:"40" doc:"The item's ID." example:"ikd_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"`
}

// staffView is the wire view of items for staff.
func (d Deps) staffView(lang innsynskrav.Language) innsynskravView {
	return innsynskravView{cal: d.Calendar, cat: d.Catalogue, now: d.now(), lang: lang, staff: true}
}

// parseItems reads wire item IDs; an ID of another kind is not found.
func parseItems(ids []string) ([]string, error) {
	out := make([]string, len(ids))
	for i, id := range ids {
		uuid, ok := parseID(kindInnsynskravDel, id)
		if !ok {
			return nil, &journal.Error{Code: journal.ErrNotFound, Field: "body.items[" + strconv.Itoa(i) + "]", Message: "no request item with that id"}
		}
		out[i] = uuid
	}
	return out, nil
}

// actor names the staff member whose key made the request, for the audit
// log; "" when there is none.
func actor(ctx context.Context) string {
	if p, ok := auth.PrincipalFrom(ctx); ok {
		return p.Actor()
	}
	return ""
}

func registerStaffInnsynskrav(api huma.API, deps Deps) {
	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-list-innsynskrav",
		Method:      http.MethodGet,
		Path:        "/v1/admin/innsynskrav",
		Summary:     "The request queue",
		Description: "Verified items by due date, with who asked. Filter by status (antatt_avslatt: undecided past the " +
			"fifth working day), unit, due date, assignee, or overdue.",
		Errors: []int{http.StatusBadRequest, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *QueueInput) (*QueueOutput, error) {
		q := innsynskrav.QueueQuery{Status: innsynskrav.Status(in.Status), Overdue: in.Overdue, Assignee: in.Assignee,
			Cursor: in.Cursor, Limit: in.Limit}
		if in.Enhet != "" {
			id, ok := parseID(kindEnhet, in.Enhet)
			if !ok {
				return nil, fail(ctx, journal.FieldError("query.administrativEnhet", "not a unit ID"))
			}
			q.EnhetID = id
		}
		if in.DueBefore != "" {
			t := parseDate(in.DueBefore)
			d := offl.NewDate(t.Year(), t.Month(), t.Day())
			q.DueBefore = &d
		}
		items, next, err := deps.RequestStaff.Queue(ctx, q)
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &QueueOutput{}
		out.Body.Items = make([]QueueItem, len(items))
		for i, it := range items {
			out.Body.Items[i] = QueueItem{InnsynskravItem: deps.staffView(it.Language).item(it.Item),
				Innsynskrav: wireID(kindInnsynskrav, it.OrderID), Email: it.Email, Navn: it.Name, Language: string(it.Language)}
		}
		out.Body.Next = next
		return out, nil
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-get-innsynskrav",
		Method:      http.MethodGet,
		Path:        "/v1/admin/innsynskrav/{id}",
		Summary:     "An order, with who asked",
		Errors:      []int{http.StatusNotFound},
	}, auth.RoleArkivar), func(ctx context.Context, in *struct {
		ID string `path:"id" maxLength:"40" doc:"The order's ID." example:"ik_1a2b3c4d5e6f708192a3b4c5d6e7f809"`
	}) (*struct{ Body StaffOrder }, error) {
		id, ok := parseID(kindInnsynskrav, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("innsynskrav"))
		}
		o, err := deps.RequestStaff.StaffOrder(ctx, id)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &struct{ Body StaffOrder }{Body: StaffOrder{Order: deps.orderView(o, true), Email: o.Email, Navn: o.Name, ErasedAt: o.ErasedAt}}, nil
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-assign-innsynskrav",
		Method:      http.MethodPost,
		Path:        "/v1/admin/innsynskrav/assign",
		Summary:     "Assign items to someone",
		Description: "An empty assignedTo takes them back. Audited.",
		Errors:      []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *struct {
		Body struct {
			Items      []string `json:"items" minItems:"1" maxItems:"200" doc:"The items." example:"[\"ikd_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b\"]"`
			AssignedTo string   `json:"assignedTo" maxLength:"200" doc:"Who handles them." example:"Kari Arkivar"`
		}
	}) (*struct{}, error) {
		ids, err := parseItems(in.Body.Items)
		if err == nil {
			err = deps.RequestStaff.Assign(ctx, actor(ctx), ids, in.Body.AssignedTo)
		}
		if err != nil {
			return nil, fail(ctx, err)
		}
		return nil, nil
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-decide-innsynskrav",
		Method:      http.MethodPost,
		Path:        "/v1/admin/innsynskrav/decisions",
		Summary:     "Decide items, one or many at once",
		Description: "innvilget, delvis_innvilget (each basis of what is withheld), avslatt (basis required; offl-13 needs " +
			"the confidentiality provision; a discretionary basis the meirinnsyn assessment) or ikke_hos_oss (optionally " +
			"forwarded). A grant mails the requester private download links to the released variant, expiring after the " +
			"configured time; nothing is published. Every decision is audited; each requester gets one mail.",
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *struct{ Body DecisionBody }) (*ItemsOutput, error) {
		ids, err := parseItems(in.Body.Items)
		if err != nil {
			return nil, fail(ctx, err)
		}
		items, err := deps.RequestStaff.Decide(ctx, actor(ctx), ids, in.Body.decision())
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &ItemsOutput{}
		out.Body.Items = deps.staffView(innsynskrav.Bokmal).items(items)
		return out, nil
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-answer-innsynskrav-fuller-reasons",
		Method:      http.MethodPost,
		Path:        "/v1/admin/innsynskrav/items/{id}/fuller-reasons",
		Summary:     "Give fuller reasons",
		Description: "The answer to a request for fuller reasons (offl. § 31 (2)), due within 10 working days. Mailed and audited.",
		Errors:      []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *struct {
		StaffItemInput
		Body struct {
			Answer string `json:"answer" minLength:"1" maxLength:"4000" doc:"The fuller reasons." example:"Dokumentet inneholder opplysninger om helseforhold."`
		}
	}) (*ItemOutput, error) {
		return staffItemAction(ctx, deps, in.ID, func(id string) (innsynskrav.Item, error) {
			return deps.RequestStaff.AnswerFullerReasons(ctx, actor(ctx), id, in.Body.Answer)
		})
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-handle-innsynskrav-appeal",
		Method:      http.MethodPost,
		Path:        "/v1/admin/innsynskrav/items/{id}/appeal",
		Summary:     "Reverse, forward, or record the outcome of an appeal",
		Description: "reverse: a new decision (as for decisions); forward: sent to Statsforvaltaren; outcome: what " +
			"Statsforvaltaren decided (stadfestet or medhold). Mailed and audited.",
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *struct {
		StaffItemInput
		Body struct {
			Action   string        `json:"action" enum:"reverse,forward,outcome" doc:"What to do." example:"forward"`
			Decision *DecisionBody `json:"decision,omitempty" doc:"For reverse: the new decision (its items are ignored)."`
			Outcome  string        `json:"outcome,omitempty" enum:"stadfestet,medhold" doc:"For outcome." example:"stadfestet"`
			Note     string        `json:"note,omitempty" maxLength:"4000" doc:"A note to the requester." example:"Klagen er sendt Statsforvaltaren i Nordland."`
		}
	}) (*ItemOutput, error) {
		a := innsynskrav.AppealAction{Action: in.Body.Action, Outcome: innsynskrav.AppealStatus(in.Body.Outcome), Note: in.Body.Note}
		if in.Body.Decision != nil {
			d := in.Body.Decision.decision()
			a.Decision = &d
		}
		return staffItemAction(ctx, deps, in.ID, func(id string) (innsynskrav.Item, error) {
			return deps.RequestStaff.HandleAppeal(ctx, actor(ctx), id, a)
		})
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-extend-innsynskrav",
		Method:      http.MethodPost,
		Path:        "/v1/admin/innsynskrav/items/{id}/extension",
		Summary:     "Record that more time is needed",
		Description: "Moves the due date, with a reason. The law's clock does not move: after five working days the " +
			"requester may still appeal (offl. § 32 (1)).",
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *struct {
		StaffItemInput
		Body struct {
			Due    string `json:"due" format:"date" doc:"The new due date, a working day." example:"2025-05-06"`
			Reason string `json:"reason" minLength:"1" maxLength:"4000" doc:"Why." example:"Dokumentene må gjennomgås av juridisk avdeling."`
		}
	}) (*ItemOutput, error) {
		t := parseDate(in.Body.Due)
		due := offl.NewDate(t.Year(), t.Month(), t.Day())
		return staffItemAction(ctx, deps, in.ID, func(id string) (innsynskrav.Item, error) {
			return deps.RequestStaff.Extend(ctx, actor(ctx), id, due, in.Body.Reason)
		})
	})
}

// staffItemAction runs an action on one item named by its wire ID.
func staffItemAction(ctx context.Context, deps Deps, wire string, do func(id string) (innsynskrav.Item, error)) (*ItemOutput, error) {
	id, ok := parseID(kindInnsynskravDel, wire)
	if !ok {
		return nil, fail(ctx, journal.Errorf(journal.ErrNotFound, "no request item with that id"))
	}
	it, err := do(id)
	if err != nil {
		return nil, fail(ctx, err)
	}
	return &ItemOutput{Body: deps.staffView(innsynskrav.Bokmal).item(it)}, nil
}
