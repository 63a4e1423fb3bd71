// Package migrations holds the database schema as goose SQL migrations,
// embedded into the binary so that every start can bring a database up to
// date.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql
var FS embed.FS
