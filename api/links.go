package api

import (
	"context"
	"net/url"
)

type requestURLKey struct{}

// withRequestURL keeps the request's URL in ctx for building links.
func withRequestURL(ctx context.Context, u *url.URL) context.Context {
	return context.WithValue(ctx, requestURLKey{}, u)
}

// nextLink is the Link header pointing at the next page: the same request
// with cursor set to next. "" when there is no next page.
func nextLink(ctx context.Context, next string) string {
	u, ok := ctx.Value(requestURLKey{}).(*url.URL)
	if next == "" || !ok {
		return ""
	}
	q := u.Query()
	q.Set("cursor", next)
	return "<" + u.Path + "?" + q.Encode() + `>; rel="next"`
}
