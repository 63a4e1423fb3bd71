package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/journal"
)

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID         int64           `json:"id" doc:"Increases with every row." example:"1042"`
	At         time.Time       `json:"at" doc:"When." example:"2025-03-14T10:00:00Z"`
	Actor      string          `json:"actor" doc:"Who: an API key, the command line, or system." example:"key:… (Kari i arkivet)"`
	Action     string          `json:"action" doc:"What was done." example:"skjerming.set"`
	ObjectType string          `json:"objectType" doc:"The kind of record." example:"journalpost"`
	ObjectID   string          `json:"objectId" doc:"The record's ID." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
	Before     json.RawMessage `json:"before,omitempty" doc:"The record's state before, where it has one."`
	After      json.RawMessage `json:"after,omitempty" doc:"The state after."`
	Reason     string          `json:"reason,omitempty" doc:"Why, as given." example:"Søknaden gjelder et barn."`
	RequestID  string          `json:"requestId,omitempty" doc:"The request that made the change." example:"3f2a9c1e7b5d4a6f8e0c1b2a"`
}

// ListAuditInput filters the audit log.
type ListAuditInput struct {
	ObjectType string `query:"objectType" maxLength:"40" doc:"Only rows about this kind of record." example:"journalpost"`
	ObjectID   string `query:"objectId" maxLength:"100" doc:"Only rows about this record." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
	Actor      string `query:"actor" maxLength:"300" doc:"Only rows by this actor." example:"system"`
	From       string `query:"from" format:"date-time" doc:"Only rows at or after this instant." example:"2025-03-01T00:00:00Z"`
	To         string `query:"to" format:"date-time" doc:"Only rows before this instant." example:"2025-04-01T00:00:00Z"`
	PageParams
}

// ListAuditOutput is a page of the audit log.
type ListAuditOutput struct {
	Link string `header:"Link" doc:"The next page, as an RFC 8288 link with rel=next."`
	Body List[AuditEntry]
}

func registerAudit(api huma.API, deps Deps) {
	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-list-audit",
		Method:      http.MethodGet,
		Path:        "/v1/admin/audit",
		Summary:     "Read the audit log",
		Description: "Every change, newest first: who, when, what, the state before and after, and why. The database " +
			"refuses to change or delete rows of the log.",
		Errors: []int{http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *ListAuditInput) (*ListAuditOutput, error) {
		q := journal.AuditQuery{ObjectType: in.ObjectType, ObjectID: in.ObjectID, Actor: in.Actor,
			Cursor: in.Cursor, Limit: in.Limit}
		if uuid, ok := parseAnyID(in.ObjectID); ok {
			q.ObjectID = uuid
		}
		q.From, _ = time.Parse(time.RFC3339, in.From)
		q.To, _ = time.Parse(time.RFC3339, in.To)
		page, err := deps.Staff.ListAudit(ctx, q)
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &ListAuditOutput{Body: List[AuditEntry]{Items: make([]AuditEntry, len(page.Items)), Next: page.Next}}
		for i, e := range page.Items {
			out.Body.Items[i] = AuditEntry{ID: e.ID, At: e.At, Actor: e.Actor, Action: e.Action, ObjectType: e.ObjectType,
				ObjectID: objectWireID(e.ObjectType, e.ObjectID), Before: e.Before, After: e.After, Reason: e.Reason,
				RequestID: e.RequestID}
		}
		out.Link = nextLink(ctx, page.Next)
		return out, nil
	})
}
