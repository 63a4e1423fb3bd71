package postgres

import (
	"database/sql"
	"errors"

	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/journal"
)

// translate turns driver errors that the caller can act on into
// journal errors; everything else stays internal.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return journal.Errorf(journal.ErrNotFound, "not found")
	}
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return err
	}
	switch pqErr.Code {
	case "23505": // unique_violation
		return journal.Errorf(journal.ErrConflict, "a record with the same key already exists")
	case "23503": // foreign_key_violation
		return journal.Errorf(journal.ErrInvalid, "the record refers to something that does not exist")
	case "23514", "22001": // check_violation, string_data_right_truncation
		return journal.Errorf(journal.ErrInvalid, "a value is out of range or too long")
	}
	return err
}
