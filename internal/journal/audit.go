package journal

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry is one row of the append-only audit log: who changed what,
// when, from what to what, and why.
type AuditEntry struct {
	ID         int64
	At         time.Time
	Actor      string
	Action     string
	ObjectType string
	ObjectID   string
	Before     json.RawMessage
	After      json.RawMessage
	Reason     string
	RequestID  string
}

// ActorSystem is the actor of changes the service makes by itself (an
// expired skjerming lifted, a scheduled refresh).
const ActorSystem = "system"

// AuditQuery filters the audit log; zero values do not filter.
type AuditQuery struct {
	ObjectType string
	ObjectID   string
	Actor      string
	From       time.Time
	To         time.Time
	Cursor     string
	Limit      int
}

// AuditLog reads the audit log, newest first.
type AuditLog interface {
	ListAudit(ctx context.Context, q AuditQuery) (Page[AuditEntry], error)
}
