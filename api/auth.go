package api

import (
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/journal"
)

// roleKey is the operation metadata naming the role an operation needs.
const roleKey = "role"

// maxSecretLength bounds the Authorization header we look at.
const maxSecretLength = 256

// staffOperation marks an operation as needing an API key with the role,
// and documents that in the spec.
func staffOperation(op huma.Operation, role auth.Role) huma.Operation {
	if op.Metadata == nil {
		op.Metadata = map[string]any{}
	}
	op.Metadata[roleKey] = role
	op.Security = []map[string][]string{{"bearer": {}}}
	op.Errors = append(op.Errors, http.StatusUnauthorized, http.StatusForbidden)
	op.Tags = append(op.Tags, "staff")
	op.Description += "\n\nNeeds an API key with the role `" + string(role) + "` (or `admin`)."
	return op
}

// requireRole checks the API key of operations that need a role: no key or
// an unknown, revoked or expired key is 401, a key without the role 403.
func requireRole(api huma.API, keys auth.KeyStore) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		need, ok := ctx.Operation().Metadata[roleKey].(auth.Role)
		if !ok {
			next(ctx)
			return
		}
		secret, found := strings.CutPrefix(ctx.Header("Authorization"), "Bearer ")
		secret = strings.TrimSpace(secret)
		if !found || secret == "" || len(secret) > maxSecretLength {
			writeErr(api, ctx, journal.Errorf(journal.ErrUnauthorized, "send an API key as Authorization: Bearer <key>"))
			return
		}
		p, err := keys.Authenticate(ctx.Context(), secret)
		if err != nil {
			writeErr(api, ctx, err)
			return
		}
		if !p.Role.Allows(need) {
			writeErr(api, ctx, journal.Errorf(journal.ErrForbidden, "this needs the role %s; the key has %s", need, p.Role))
			return
		}
		next(huma.WithContext(ctx, auth.WithPrincipal(ctx.Context(), p)))
	}
}

// writeErr answers from a middleware with the problem for err.
func writeErr(api huma.API, ctx huma.Context, err error) {
	p := fail(ctx.Context(), err)
	for k, v := range p.headers {
		for _, x := range v {
			ctx.AppendHeader(k, x)
		}
	}
	ctx.SetHeader("Content-Type", "application/problem+json")
	ctx.SetStatus(p.Status)
	api.Marshal(ctx.BodyWriter(), "application/json", p)
}
