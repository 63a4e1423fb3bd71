package postgres

import (
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
)

// A cursor is the sort key of the last item of a page, so that the next
// page starts right after it (keyset pagination: stays correct while rows
// are added or removed). It is opaque to clients: base64url of a small JSON
// object tagged with the list it belongs to. It only ever holds values that
// were on a public page.
type cursor struct {
	List string `json:"l"`
	Date string `json:"d,omitempty"`
	A    int    `json:"a,omitempty"`
	B    int    `json:"b,omitempty"`
	Key  string `json:"k,omitempty"`
}

// maxCursorLength bounds what is decoded from a client.
const maxCursorLength = 512

func (c cursor) encode() string {
	b, _ := json.Marshal(c) // a struct of strings and ints always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor for the named list; "" means the first page.
func decodeCursor(s, list string) (*cursor, error) {
	if s == "" {
		return nil, nil
	}
	bad := badCursor("the cursor is malformed or belongs to another list; use the next value of a previous page")
	if len(s) > maxCursorLength {
		return nil, bad
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil || c.List != list {
		return nil, bad
	}
	return &c, nil
}

// limit returns the page size to use, or an error naming the parameter.
func limit(n int) (int, error) {
	switch {
	case n == 0:
		return journal.DefaultLimit, nil
	case n < 1 || n > journal.MaxLimit:
		return 0, journal.FieldError("query.limit", "limit must be between 1 and %d", journal.MaxLimit)
	}
	return n, nil
}

// trimPage cuts rows fetched with a limit of n+1 down to n, and returns the
// cursor after the last row kept when there were more.
func trimPage[T any](rows []T, n int, after func(last T) cursor) ([]T, string) {
	if len(rows) <= n {
		return rows, ""
	}
	rows = rows[:n]
	return rows, after(rows[n-1]).encode()
}

// searchCursor continues a search. Fingerprint ties it to one search
// (filters, query and order); Watermark pins a relevance search to the
// rows of its first page; Rank is the last hit's score.
type searchCursor struct {
	Fingerprint string  `json:"f"`
	Watermark   int64   `json:"w,omitempty"`
	Rank        float32 `json:"r,omitempty"`
	Date        string  `json:"d"`
	A           int     `json:"a"`
	B           int     `json:"b"`
}

func (c searchCursor) encode() string {
	b, _ := json.Marshal(c) // strings and numbers always marshal
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeSearchCursor reads a search cursor; "" means the first page. A
// cursor of another search is refused: its position means nothing here.
func decodeSearchCursor(s, fingerprint string) (*searchCursor, error) {
	if s == "" {
		return nil, nil
	}
	if len(s) > maxCursorLength {
		return nil, badCursor("the cursor is malformed; use the next value of a previous page")
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c searchCursor
	if err != nil || json.Unmarshal(b, &c) != nil || c.Date == "" {
		return nil, badCursor("the cursor is malformed; use the next value of a previous page")
	}
	if _, err := time.Parse(time.DateOnly, c.Date); err != nil {
		return nil, badCursor("the cursor is malformed; use the next value of a previous page")
	}
	if c.Fingerprint != fingerprint {
		return nil, badCursor("the cursor belongs to another search; a cursor only continues the search whose page gave it")
	}
	return &c, nil
}

func badCursor(message string) error {
	return &journal.Error{Code: journal.ErrBadCursor, Field: "query.cursor", Message: message}
}
