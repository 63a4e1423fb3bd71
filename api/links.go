package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

type requestURLKey struct{}

// withRequestURL keeps the request's URL, with the scheme and host it
// came to, in ctx for building links.
func withRequestURL(ctx context.Context, r *http.Request) context.Context {
	u := *r.URL
	u.Host, u.Scheme = r.Host, "http"
	if r.TLS != nil {
		u.Scheme = "https"
	}
	return context.WithValue(ctx, requestURLKey{}, &u)
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

// baseURL is where the service is reached: the configured public URL, or
// else the scheme and host the request came to.
func (d Deps) baseURL(ctx context.Context) *url.URL {
	if d.Site.BaseURL != nil {
		return d.Site.BaseURL
	}
	u, _ := ctx.Value(requestURLKey{}).(*url.URL)
	if u == nil || u.Host == "" {
		return &url.URL{Scheme: "http", Host: "localhost"}
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}
}

// requestURL is the request's path and query under base.
func requestURL(ctx context.Context, base *url.URL) *url.URL {
	out := *base
	if u, ok := ctx.Value(requestURLKey{}).(*url.URL); ok {
		out.Path, out.RawQuery = strings.TrimSuffix(base.Path, "/")+u.Path, u.RawQuery
	}
	return &out
}
