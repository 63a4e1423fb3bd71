package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/innsynskrav"
	"github.com/innsyn/innsyn/internal/journal"
)

// Order is a request for access as its requester sees it.
type Order struct {
	ID          string            `json:"id" doc:"The order's ID." example:"ik_1a2b3c4d5e6f708192a3b4c5d6e7f809"`
	Status      string            `json:"status" enum:"ubekreftet,apen,lukket" doc:"ubekreftet: the e-mail address is not verified yet; apen: something waits for an answer; lukket: everything is answered." example:"apen"`
	Language    string            `json:"language" enum:"nb,nn,en" example:"nb" doc:"The language of the mails and texts."`
	Beskrivelse string            `json:"beskrivelse,omitempty" doc:"What was asked for outside the journal." example:""`
	CreatedAt   time.Time         `json:"createdAt" example:"2025-04-16T08:00:00Z" doc:"When it was sent."`
	VerifiedAt  *time.Time        `json:"verifiedAt,omitempty" example:"2025-04-16T08:05:00Z" doc:"When the address was verified; the clock starts then."`
	Items       []InnsynskravItem `json:"items" doc:"Each thing asked for."`
}

// NewOrderBody is a request for access.
type NewOrderBody struct {
	Email       string   `json:"email" minLength:"3" maxLength:"254" doc:"Where the answers go. Only staff handling the request see it; it is erased some time after the order is closed." example:"kari@example.no"`
	Navn        string   `json:"navn,omitempty" maxLength:"200" doc:"Your name, if you want to give it; no reason or identity is needed (offl. § 28)." example:"Kari Nordmann"`
	Language    string   `json:"language,omitempty" enum:"nb,nn,en" default:"nb" doc:"Bokmål, nynorsk or English." example:"nb"`
	Journalpost []string `json:"journalpost,omitempty" maxItems:"50" doc:"Up to 50 public entries." example:"[\"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8\"]"`
	Beskrivelse string   `json:"beskrivelse,omitempty" maxLength:"4000" doc:"Something not in the journal, described as well as you can." example:""`
}

// CreateOrderOutput is the answer to a new order.
type CreateOrderOutput struct {
	Status int
	Body   struct {
		Order
		Token       string            `json:"token" doc:"Your private tracking token, shown once: GET /v1/innsynskrav/track/{token}. The mails carry it too." example:"Xw3vR9kq2LmT8yB4nF6hJ1sD5gA7cE0uI2oP4wK9zQ3"`
		AlreadyOpen []AlreadyOpenWire `json:"alreadyOpen" doc:"Entries left out because you already have an open request for them."`
	}
}

// AlreadyOpenWire points to a request already open for an entry.
type AlreadyOpenWire struct {
	Journalpost string `json:"journalpost" example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8" doc:"The entry."`
	Innsynskrav string `json:"innsynskrav" example:"ik_1a2b3c4d5e6f708192a3b4c5d6e7f809" doc:"The order it is open in."`
}

// OrderOutput is an order.
type OrderOutput struct {
	Body Order
}

// TokenInput names an order by a private token.
type TokenInput struct {
	Token string `path:"token" maxLength:"64" doc:"The private token from the mail." example:"Xw3vR9kq2LmT8yB4nF6hJ1sD5gA7cE0uI2oP4wK9zQ3"`
}

// ItemActionInput is a requester's action on one item.
type ItemActionInput struct {
	Token  string `path:"token" maxLength:"64" doc:"The private tracking token." example:"Xw3vR9kq2LmT8yB4nF6hJ1sD5gA7cE0uI2oP4wK9zQ3"`
	ItemID string `path:"item" maxLength:"40" doc:"The item's ID." example:"ikd_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"`
}

// AppealInput appeals a refusal.
type AppealInput struct {
	ItemActionInput
	// The body is optional, so that appealing is one step.
	Body *struct {
		Begrunnelse string `json:"begrunnelse,omitempty" maxLength:"4000" doc:"Why you think access should be given; not required." example:"Jeg mener dokumentet kan gis delvis."`
	} `required:"false"`
}

func (d Deps) orderView(o innsynskrav.Order, staff bool) Order {
	v := innsynskravView{cal: d.Calendar, cat: d.Catalogue, now: d.now(), lang: o.Language, staff: staff}
	status := "apen"
	switch {
	case o.VerifiedAt == nil:
		status = "ubekreftet"
	case o.ClosedAt != nil:
		status = "lukket"
	}
	return Order{ID: wireID(kindInnsynskrav, o.ID), Status: status, Language: string(o.Language), Beskrivelse: o.Description,
		CreatedAt: o.CreatedAt, VerifiedAt: o.VerifiedAt, Items: v.items(o.Items)}
}

func registerInnsynskrav(api huma.API, deps Deps) {
	huma.Register(api, huma.Operation{
		OperationID:   "create-innsynskrav",
		Method:        http.MethodPost,
		Path:          "/v1/innsynskrav",
		Summary:       "Ask for access to entries (innsynskrav)",
		DefaultStatus: http.StatusAccepted,
		Description: "No account: an e-mail address is enough. A verification mail carries a link that works once, for 24 " +
			"hours; until it is followed, nobody at the body sees the order. At most one unverified order per address per " +
			"hour (429 with Retry-After). The same entry twice is refused; an entry you already have an open request for " +
			"is left out and listed in alreadyOpen. The answer's token is your private tracking link.",
		Tags:   []string{"innsynskrav"},
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity, http.StatusTooManyRequests},
	}, func(ctx context.Context, in *struct{ Body NewOrderBody }) (*CreateOrderOutput, error) {
		o := innsynskrav.NewOrder{Email: in.Body.Email, Name: in.Body.Navn, Language: innsynskrav.Language(in.Body.Language),
			Description: in.Body.Beskrivelse}
		for i, id := range in.Body.Journalpost {
			uuid, ok := parseID(kindJournalpost, id)
			if !ok {
				return nil, fail(ctx, &journal.Error{Code: journal.ErrNotFound, Field: "body.journalpost[" + strconv.Itoa(i) + "]",
					Message: "no journalpost with that id"})
			}
			o.JournalpostIDs = append(o.JournalpostIDs, uuid)
		}
		c, err := deps.Requests.Order(ctx, o)
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &CreateOrderOutput{Status: http.StatusAccepted}
		out.Body.Order = deps.orderView(innsynskrav.Order{ID: c.ID, Language: o.Language, Description: o.Description,
			CreatedAt: deps.now(), Items: c.Items}, false)
		out.Body.Token = c.Token
		out.Body.AlreadyOpen = []AlreadyOpenWire{}
		for _, a := range c.AlreadyOpen {
			out.Body.AlreadyOpen = append(out.Body.AlreadyOpen, AlreadyOpenWire{Journalpost: wireID(kindJournalpost, a.JournalpostID),
				Innsynskrav: wireID(kindInnsynskrav, a.OrderID)})
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "verify-innsynskrav",
		Method:      http.MethodGet,
		Path:        "/v1/innsynskrav/verify/{token}",
		Summary:     "Verify an order's e-mail address",
		Description: "The link in the verification mail. It works once: the items are received now, their deadlines " +
			"start, and staff see them. A second time answers 409; after 24 hours 410.",
		Tags:   []string{"innsynskrav"},
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusGone},
	}, func(ctx context.Context, in *TokenInput) (*OrderOutput, error) {
		o, err := deps.Requests.Verify(ctx, in.Token)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &OrderOutput{Body: deps.orderView(o, false)}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "track-innsynskrav",
		Method:      http.MethodGet,
		Path:        "/v1/innsynskrav/track/{token}",
		Summary:     "Follow an order",
		Description: "Every item's status in plain words, decisions with each basis explained, deadlines, and the actions " +
			"still open (fuller reasons, appeal) with their last day.",
		Tags:   []string{"innsynskrav"},
		Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *TokenInput) (*OrderOutput, error) {
		o, err := deps.Requests.Track(ctx, in.Token)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &OrderOutput{Body: deps.orderView(o, false)}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "ask-innsynskrav-fuller-reasons",
		Method:      http.MethodPost,
		Path:        "/v1/innsynskrav/track/{token}/items/{item}/fuller-reasons",
		Summary:     "Ask for fuller reasons for a refusal",
		Description: "Within three weeks of a refusal or partial grant (offl. § 31 (2)); the body answers within 10 working days.",
		Tags:        []string{"innsynskrav"},
		Errors:      []int{http.StatusNotFound, http.StatusConflict},
	}, func(ctx context.Context, in *ItemActionInput) (*OrderOutput, error) {
		item, ok := parseID(kindInnsynskravDel, in.ItemID)
		if !ok {
			return nil, fail(ctx, journal.Errorf(journal.ErrNotFound, "no item with that id in this order"))
		}
		o, err := deps.Requests.AskFullerReasons(ctx, in.Token, item)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &OrderOutput{Body: deps.orderView(o, false)}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "appeal-innsynskrav",
		Method:      http.MethodPost,
		Path:        "/v1/innsynskrav/track/{token}/items/{item}/appeal",
		Summary:     "Appeal a refusal",
		Description: "Within three weeks of a refusal, a partial grant, or of five working days passing without an answer " +
			"(offl. § 32, fvl. § 29). The body reconsiders, then reverses its decision or sends the appeal to Statsforvaltaren.",
		Tags:   []string{"innsynskrav"},
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *AppealInput) (*OrderOutput, error) {
		item, ok := parseID(kindInnsynskravDel, in.ItemID)
		if !ok {
			return nil, fail(ctx, journal.Errorf(journal.ErrNotFound, "no item with that id in this order"))
		}
		var grounds string
		if in.Body != nil {
			grounds = in.Body.Begrunnelse
		}
		o, err := deps.Requests.Appeal(ctx, in.Token, item, grounds)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &OrderOutput{Body: deps.orderView(o, false)}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "download-innsynskrav-file",
		Method:      http.MethodGet,
		Path:        "/v1/innsynskrav/download/{token}",
		Summary:     "Download a released document",
		Description: "The private link in a grant mail. It expires (410); the document is released to the requester, not published.",
		Tags:        []string{"innsynskrav"},
		Errors:      []int{http.StatusNotFound, http.StatusGone, http.StatusServiceUnavailable},
	}, func(ctx context.Context, in *TokenInput) (*huma.StreamResponse, error) {
		d, err := deps.Requests.Download(ctx, in.Token)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &huma.StreamResponse{Body: func(hctx huma.Context) { streamDelivery(api, hctx, deps.Blobs, d) }}, nil
	})
	registerStaffInnsynskrav(api, deps)
}

// streamDelivery sends a released file, checked against its checksum.
func streamDelivery(api huma.API, ctx huma.Context, blobs blob.Store, d innsynskrav.Delivery) {
	body, _, err := blobs.Get(ctx.Context(), d.StorageKey)
	if err != nil {
		writeErr(api, ctx, storeError(err))
		return
	}
	defer body.Close()
	ctx.SetHeader("Content-Type", d.MediaType)
	ctx.SetHeader("Content-Disposition", blob.ContentDisposition("attachment", d.Filename))
	ctx.SetHeader("Content-Length", strconv.FormatInt(d.Size, 10))
	ctx.SetHeader("Cache-Control", "private, no-store")
	ctx.SetStatus(http.StatusOK)
	checked := blob.NewChecked(body, d.Sjekksum)
	if _, err := io.Copy(ctx.BodyWriter(), checked); err != nil {
		return
	}
	if checked.Verify() != nil {
		zerolog.Ctx(ctx.Context()).Error().Str("key", d.StorageKey).Msg(fmt.Sprintf("released file %q does not match its checksum", d.Filename))
		panic(http.ErrAbortHandler)
	}
}
