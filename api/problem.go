package api

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/reqid"
	"github.com/innsyn/innsyn/internal/searchquery"
)

// Problem is an RFC 9457 problem detail. Every error the API answers with
// is one, with a stable code; internal errors are logged and never shown.
type Problem struct {
	Type      string         `json:"type" doc:"A URI naming the kind of problem; stable, one per code." example:"urn:innsyn:problem:not_found"`
	Title     string         `json:"title" doc:"A short summary of the kind of problem." example:"Not Found"`
	Status    int            `json:"status" doc:"The HTTP status code." example:"404"`
	Detail    string         `json:"detail,omitempty" doc:"What went wrong this time, for people." example:"no journalpost with that id"`
	Code      string         `json:"code" doc:"Stable machine-readable code." enum:"invalid,not_found,conflict,unauthorized,forbidden,precondition_failed,too_large,unavailable,internal,method_not_allowed,not_acceptable,unsupported_media_type,rate_limited,range_not_satisfiable" example:"not_found"`
	RequestID string         `json:"requestId,omitempty" doc:"The request's ID, also in the X-Request-ID header and the service's logs." example:"3f2a9c1e7b5d4a6f8e0c1b2a"`
	Errors    []FieldProblem `json:"errors,omitempty" doc:"One entry per invalid input, naming it in location."`
	headers   http.Header
}

// FieldProblem is what is wrong with one input. It does not echo the
// value sent: the client has it, and logs and caches need not.
type FieldProblem struct {
	Location string `json:"location" doc:"The input, as where.name: query.limit, path.id, body.reason." example:"query.limit"`
	Message  string `json:"message" doc:"What is wrong with it." example:"expected number <= 100"`
}

func (p *Problem) Error() string { return p.Detail }

// GetStatus is the HTTP status of the problem.
func (p *Problem) GetStatus() int { return p.Status }

// ContentType makes huma send problems as application/problem+json.
func (p *Problem) ContentType(ct string) string {
	if ct == "application/json" {
		return "application/problem+json"
	}
	return ct
}

// GetHeaders returns headers that go with the problem (WWW-Authenticate,
// Retry-After).
func (p *Problem) GetHeaders() http.Header { return p.headers }

// statusCodes gives the code for each status the API answers with.
var statusCodes = map[int]journal.Code{
	http.StatusBadRequest:                   journal.ErrInvalid,
	http.StatusUnprocessableEntity:          journal.ErrInvalid,
	http.StatusNotFound:                     journal.ErrNotFound,
	http.StatusConflict:                     journal.ErrConflict,
	http.StatusUnauthorized:                 journal.ErrUnauthorized,
	http.StatusForbidden:                    journal.ErrForbidden,
	http.StatusPreconditionFailed:           journal.ErrPreconditionFailed,
	http.StatusRequestEntityTooLarge:        journal.ErrTooLarge,
	http.StatusServiceUnavailable:           journal.ErrUnavailable,
	http.StatusMethodNotAllowed:             "method_not_allowed",
	http.StatusNotAcceptable:                "not_acceptable",
	http.StatusUnsupportedMediaType:         "unsupported_media_type",
	http.StatusTooManyRequests:              journal.ErrRateLimited,
	http.StatusGone:                         journal.ErrGone,
	http.StatusRequestedRangeNotSatisfiable: errRangeCode,
}

// codeStatuses gives the status for each code of journal.Error.
var codeStatuses = map[journal.Code]int{
	journal.ErrInvalid:            http.StatusUnprocessableEntity,
	journal.ErrNotFound:           http.StatusNotFound,
	journal.ErrConflict:           http.StatusConflict,
	journal.ErrUnauthorized:       http.StatusUnauthorized,
	journal.ErrForbidden:          http.StatusForbidden,
	journal.ErrPreconditionFailed: http.StatusPreconditionFailed,
	journal.ErrTooLarge:           http.StatusRequestEntityTooLarge,
	journal.ErrUnavailable:        http.StatusServiceUnavailable,
	journal.ErrRateLimited:        http.StatusTooManyRequests,
	journal.ErrGone:               http.StatusGone,
	journal.ErrBadCursor:          http.StatusBadRequest,
	journal.ErrBadQuery:           http.StatusBadRequest,
	searchquery.CodeTooLong:       http.StatusBadRequest,
	searchquery.CodeTooComplex:    http.StatusBadRequest,
	searchquery.CodeNoTerms:       http.StatusBadRequest,
	searchquery.CodeOnlyExcluded:  http.StatusBadRequest,
	errRangeCode:                  http.StatusRequestedRangeNotSatisfiable,
}

// retryAfterSeconds is what a 503 tells clients to wait.
const retryAfterSeconds = 5

// newProblem builds the problem for a status. For 5xx the detail is
// replaced: whatever caused it is for the logs, not for the client.
func newProblem(ctx context.Context, status int, code journal.Code, detail string) *Problem {
	if code == "" {
		code = statusCodes[status]
		if code == "" {
			code = journal.ErrInternal
		}
	}
	if status == http.StatusInternalServerError {
		detail = "an internal error occurred; quote the requestId when you report it"
	}
	p := &Problem{
		Type: "urn:innsyn:problem:" + string(code), Title: http.StatusText(status), Status: status,
		Detail: detail, Code: string(code), RequestID: reqid.From(ctx), headers: http.Header{},
	}
	switch status {
	case http.StatusUnauthorized:
		p.headers.Set("WWW-Authenticate", `Bearer realm="innsyn"`)
	case http.StatusServiceUnavailable, http.StatusTooManyRequests:
		p.headers.Set("Retry-After", strconv.Itoa(retryAfterSeconds))
	}
	return p
}

// fail maps an error from the domain to the problem to answer with. It is
// the only place domain errors become HTTP: known errors keep their safe
// message, anything else is logged with the request ID and answered as 500.
func fail(ctx context.Context, err error) *Problem {
	var e *journal.Error
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		// The client went away; nobody reads this answer.
		zerolog.Ctx(ctx).Debug().Err(err).Msg("request cancelled by the client")
		return newProblem(ctx, http.StatusServiceUnavailable, journal.ErrUnavailable, "the request was cancelled")
	}
	if !errors.As(err, &e) {
		zerolog.Ctx(ctx).Error().Err(err).Msg("internal error")
		return newProblem(ctx, http.StatusInternalServerError, journal.ErrInternal, "")
	}
	status, ok := codeStatuses[e.Code]
	if !ok {
		zerolog.Ctx(ctx).Error().Err(err).Msg("unmapped error code")
		return newProblem(ctx, http.StatusInternalServerError, journal.ErrInternal, "")
	}
	p := newProblem(ctx, status, e.Code, e.Message)
	if e.RetryAfter > 0 {
		p.headers.Set("Retry-After", strconv.Itoa(int(math.Ceil(e.RetryAfter.Seconds()))))
	}
	if e.Field != "" {
		p.Errors = []FieldProblem{{Location: e.Field, Message: e.Message}}
	}
	for _, m := range e.More {
		p.Errors = append(p.Errors, FieldProblem{Location: m.Field, Message: m.Message})
	}
	return p
}

// hookHumaErrors makes huma's own errors (validation, content negotiation,
// unexpected handler errors) Problems too. Huma exposes this as a package
// variable; the api package is its only user.
func hookHumaErrors() {
	huma.NewErrorWithContext = func(hctx huma.Context, status int, msg string, errs ...error) huma.StatusError {
		ctx := context.Background()
		if hctx != nil {
			ctx = hctx.Context()
		}
		if status >= http.StatusInternalServerError {
			zerolog.Ctx(ctx).Error().Errs("errors", errs).Str("message", msg).Msg("internal error")
			return newProblem(ctx, status, "", msg)
		}
		p := newProblem(ctx, status, "", msg)
		for _, err := range errs {
			var d huma.ErrorDetailer
			if errors.As(err, &d) {
				detail := d.ErrorDetail()
				p.Errors = append(p.Errors, FieldProblem{Location: detail.Location, Message: detail.Message})
			} else if err != nil {
				p.Errors = append(p.Errors, FieldProblem{Message: err.Error()})
			}
		}
		return p
	}
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		return huma.NewErrorWithContext(nil, status, msg, errs...)
	}
}

func init() { hookHumaErrors() }
