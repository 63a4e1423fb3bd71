package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/journal"
)

// ReviewItem is one record waiting for staff.
type ReviewItem struct {
	ID         string     `json:"id" doc:"The item's ID." example:"rev_4f5a6b7c8d9e0f1a2b3c4d5e6f708192"`
	ObjectType string     `json:"objectType" enum:"journalpost,saksmappe,dokumentobjekt" doc:"What kind of record it is about: an entry, a case, or a file." example:"journalpost"`
	ObjectID   string     `json:"objectId" doc:"The record's ID." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
	Reason     string     `json:"reason" enum:"identity_number,unparsable_basis,no_text" doc:"Why it waits: an identity number in a text that would be published (held back until resolved), a basis innsyn cannot map, or a document without text." example:"identity_number"`
	Numbers    []string   `json:"numbers,omitempty" doc:"The identity numbers found." example:"[\"01017012343\"]"`
	Basis      string     `json:"basis,omitempty" doc:"The basis innsyn could not map." example:"Unntatt etter Offentleglova"`
	Warnings   []string   `json:"warnings,omitempty" doc:"What the parser said of the basis." example:"[\"no section (§) could be read\"]"`
	CreatedAt  time.Time  `json:"createdAt" doc:"When it was found." example:"2025-03-14T10:00:00Z"`
	ResolvedAt *time.Time `json:"resolvedAt,omitempty" doc:"When it was resolved." example:"2025-03-14T11:00:00Z"`
	ResolvedBy string     `json:"resolvedBy,omitempty" doc:"Who resolved it." example:"key:… (Kari i arkivet)"`
	Resolution string     `json:"resolution,omitempty" enum:"approve,correct,skjerming,superseded" doc:"How it was resolved; superseded: the record changed so it no longer applies." example:"skjerming"`
	Note       string     `json:"note,omitempty" doc:"The reason given." example:"Nummeret er et kontonummer."`
}

func newReviewItem(it journal.ReviewItem) ReviewItem {
	return ReviewItem{ID: wireID(kindReview, it.ID), ObjectType: it.ObjectType, ObjectID: objectWireID(it.ObjectType, it.ObjectID),
		Reason: string(it.Reason), Numbers: it.Numbers, Basis: it.Basis, Warnings: it.Warnings, CreatedAt: it.CreatedAt,
		ResolvedAt: optionalTime(it.ResolvedAt), ResolvedBy: it.ResolvedBy, Resolution: string(it.Resolution), Note: it.Note}
}

// ListReviewInput filters the queue.
type ListReviewInput struct {
	Reason string `query:"reason" enum:"identity_number,unparsable_basis,no_text" doc:"Only items of this reason." example:"identity_number"`
	Status string `query:"status" enum:"open,resolved" default:"open" doc:"Open items (the default) or resolved ones." example:"open"`
	PageParams
}

// ListReviewOutput is a page of the queue.
type ListReviewOutput struct {
	Link string `header:"Link" doc:"The next page, as an RFC 8288 link with rel=next."`
	Body List[ReviewItem]
}

// ResolveReviewInput resolves an item.
type ResolveReviewInput struct {
	ID   string `path:"id" maxLength:"40" doc:"The item's ID." example:"rev_4f5a6b7c8d9e0f1a2b3c4d5e6f708192"`
	Body struct {
		Action            string          `json:"action" enum:"approve,correct,skjerming" doc:"approve: publish as it is (not an identity number; the basis is right as written). correct: give the corrected tittel or skjermingshjemmel. skjerming: mark one that screens what was found." example:"skjerming"`
		Reason            string          `json:"reason" minLength:"1" maxLength:"1000" doc:"Why: the audit log records it." example:"Fødselsnummeret skjermes etter offl. § 26 femte ledd."`
		Tittel            string          `json:"tittel,omitempty" maxLength:"2000" doc:"With correct, for an identity number in the title: the corrected title." example:"Søknad om startlån"`
		Skjermingshjemmel string          `json:"skjermingshjemmel,omitempty" maxLength:"500" doc:"With correct, for a basis: the corrected basis." example:"Offl. § 13 jf. fvl. § 13 første ledd nr. 1"`
		Skjerming         *SkjermingInput `json:"skjerming,omitempty" doc:"With skjerming: the skjerming to mark."`
	}
}

// ResolveReviewOutput is the resolved item.
type ResolveReviewOutput struct {
	Body ReviewItem
}

func registerReview(api huma.API, deps Deps) {
	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-list-review",
		Method:      http.MethodGet,
		Path:        "/v1/admin/review",
		Summary:     "List the review queue",
		Description: "Records the automatic rules held back or could not judge: an identity number in a text that would be " +
			"published (offentlegforskrifta § 7), a basis innsyn cannot map, a document without text. Newest first.",
		Errors: []int{http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *ListReviewInput) (*ListReviewOutput, error) {
		page, err := deps.Staff.ListReview(ctx, journal.ReviewQuery{Reason: journal.ReviewReason(in.Reason),
			Open: in.Status != "resolved", Cursor: in.Cursor, Limit: in.Limit})
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &ListReviewOutput{Body: List[ReviewItem]{Items: make([]ReviewItem, len(page.Items)), Next: page.Next}}
		for i, it := range page.Items {
			out.Body.Items[i] = newReviewItem(it)
		}
		out.Link = nextLink(ctx, page.Next)
		return out, nil
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-resolve-review",
		Method:      http.MethodPost,
		Path:        "/v1/admin/review/{id}/resolve",
		Summary:     "Resolve a review item",
		Description: "Approves, corrects or marks a skjerming, resolving the item. The action, the resolution and the " +
			"public journal commit together, with an audit row.",
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *ResolveReviewInput) (*ResolveReviewOutput, error) {
		id, ok := parseID(kindReview, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("review item"))
		}
		r := journal.Resolution{Action: journal.ReviewAction(in.Body.Action), Tittel: in.Body.Tittel,
			Skjermingshjemmel: in.Body.Skjermingshjemmel}
		var err error
		if in.Body.Skjerming != nil {
			c, cerr := in.Body.Skjerming.change()
			r.Skjerming, err = &c, cerr
		}
		if err == nil {
			r.Change, err = ChangeHeaders{}.change(ctx, in.Body.Reason)
		}
		if err != nil {
			return nil, fail(ctx, err)
		}
		it, err := deps.Staff.ResolveReview(ctx, id, r)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &ResolveReviewOutput{Body: newReviewItem(it)}, nil
	})
}
