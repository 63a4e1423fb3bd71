package api

import (
	"net/http"
	"net/url"
	"time"

	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/reqid"
)

// statusRecorder remembers the status and size of a response for the
// access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer (flushing
// long downloads).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// withRequestContext gives every request an ID (kept from X-Request-ID if
// well-formed), a logger that stamps it on every line, an access log line,
// and a 500 problem instead of a dropped connection when a handler panics.
func withRequestContext(log zerolog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := reqid.Accept(r.Header.Get("X-Request-ID"))
		l := log.With().Str("request_id", id).Logger()
		ctx := withRequestURL(l.WithContext(reqid.With(r.Context(), id)), r)
		r = r.WithContext(ctx)
		w.Header().Set("X-Request-ID", id)
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				l.Error().Interface("panic", v).Msg("handler panicked")
				if rec.status == 0 {
					writeProblem(rec, r, newProblem(ctx, http.StatusInternalServerError, "", ""))
				}
			}
			l.Info().Str("method", r.Method).Str("path", r.URL.Path).Int("status", rec.status).
				Int64("bytes", rec.bytes).Dur("duration", time.Since(start)).Msg("request")
		}()
		next.ServeHTTP(rec, r)
	})
}

// withSecurityHeaders sets headers every response should carry.
func withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// withValidQuery refuses a query string that does not parse: Go's URL
// parsing drops the broken pairs silently, and the request would run
// without the filters the client meant.
func withValidQuery(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
			p := newProblem(r.Context(), http.StatusBadRequest, "", "the query string is malformed (check its %-escapes)")
			writeProblem(w, r, p)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// withProblemFallback answers requests that match no route with a problem
// instead of the mux's plain-text 404 or 405.
func withProblemFallback(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern == "" {
			status := http.StatusNotFound
			detail := "no such endpoint; see /openapi.yaml"
			if allowsOtherMethod(mux, r) {
				status, detail = http.StatusMethodNotAllowed, "the endpoint does not allow "+r.Method
			}
			writeProblem(w, r, newProblem(r.Context(), status, "", detail))
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// allowsOtherMethod reports whether the path exists for another method.
func allowsOtherMethod(mux *http.ServeMux, r *http.Request) bool {
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "" {
			return true
		}
	}
	return false
}
