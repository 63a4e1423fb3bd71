// Package reqid carries a request's ID through its context, so that logs,
// error bodies and audit rows of one request can be found together.
package reqid

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"regexp"
)

type key struct{}

// New returns a fresh random request ID.
func New() string {
	b := make([]byte, 12)
	rand.Read(b) // never fails
	return hex.EncodeToString(b)
}

// valid is what an ID from a client (X-Request-ID) must look like to be
// kept; anything else is replaced, so that logs cannot be forged.
var valid = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// Accept returns id if it is a well-formed ID from a caller, else a new one.
func Accept(id string) string {
	if valid.MatchString(id) {
		return id
	}
	return New()
}

// With returns ctx carrying id.
func With(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, key{}, id)
}

// From returns the ID in ctx, or "".
func From(ctx context.Context) string {
	id, _ := ctx.Value(key{}).(string)
	return id
}
