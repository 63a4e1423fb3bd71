package journal

import (
	"errors"
	"fmt"
	"time"
)

// Code is a stable, machine-readable error code. It is part of the API:
// clients switch on it, so codes are never renamed.
type Code string

// The error codes. Anything that is not an *Error is ErrInternal.
const (
	ErrInvalid            Code = "invalid"
	ErrNotFound           Code = "not_found"
	ErrConflict           Code = "conflict"
	ErrUnauthorized       Code = "unauthorized"
	ErrForbidden          Code = "forbidden"
	ErrPreconditionFailed Code = "precondition_failed"
	ErrTooLarge           Code = "too_large"
	ErrUnavailable        Code = "unavailable"
	// ErrRateLimited: too many requests of a kind; Error.RetryAfter says
	// how long to wait.
	ErrRateLimited Code = "rate_limited"
	// ErrGone: a link or token that worked once and no longer does
	// (expired).
	ErrGone Code = "gone"
	// ErrBadCursor: a cursor that is malformed or continues another list
	// or search.
	ErrBadCursor Code = "invalid_cursor"
	// ErrBadQuery: a search query that cannot be run as written. Search
	// errors carry the parser's more specific code (query_too_long …),
	// which the API answers like this one.
	ErrBadQuery Code = "invalid_query"
	ErrInternal Code = "internal"
)

// Error is an error whose message is safe to show to the caller. Every
// other error is internal: logged, never shown.
type Error struct {
	Code Code
	// Message is a human-readable explanation, safe to show.
	Message string
	// Field names the input the error is about ("query.cursor"), if any.
	Field string
	// More lists further invalid fields, when there are several.
	More []FieldProblem
	// RetryAfter is how long to wait before trying again (rate limits).
	RetryAfter time.Duration
}

// FieldProblem is one invalid input: where and what.
type FieldProblem struct {
	Field   string
	Message string
}

// InvalidFields returns an ErrInvalid listing every problem; the first is
// also its Field and Message.
func InvalidFields(problems []FieldProblem) *Error {
	e := &Error{Code: ErrInvalid, Field: problems[0].Field, Message: problems[0].Message}
	if len(problems) > 1 {
		e.More = problems[1:]
	}
	return e
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an ErrInvalid about one input field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: ErrInvalid, Message: fmt.Sprintf(format, args...), Field: field}
}

// NotFound returns the error for an unknown or unpublished object. It reads
// the same whether the object does not exist or is not public, so that the
// answer tells nothing about screened records.
func NotFound(kind string) *Error {
	return Errorf(ErrNotFound, "no %s with that id", kind)
}

// ErrorCode returns the code of err, ErrInternal for unknown errors and ""
// for nil.
func ErrorCode(err error) Code {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return ErrInternal
}
