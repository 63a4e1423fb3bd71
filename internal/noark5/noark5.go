// Package noark5 reads journals exported from archive systems: Noark 5
// arkivuttrekk (arkivstruktur.xml and offentligJournal.xml, versions 3.1 to
// 5.5), CSV postlister and eInnsyn-style JSON. Each reader streams the
// export as a sequence of mapper (cases with their registrations), the unit
// an import writes in one transaction; no reader holds more than one mappe
// in memory. The package reads; it writes nothing.
package noark5

import (
	"fmt"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Format names an export format.
type Format string

// The formats.
const (
	FormatArkivstruktur    Format = "arkivstruktur"
	FormatOffentligJournal Format = "offentligjournal"
	FormatCSV              Format = "csv"
	FormatJSON             Format = "json"
)

// Mappe is one case with its registrations, as read from an export.
type Mappe struct {
	// Pos is where the mappe starts.
	Pos Pos
	// Enheter are the units the mappe names. When the export gives a unit
	// only by name (Noark 5 administrativEnhet is free text), the name is
	// also its kode.
	Enheter   []journal.EnhetInput
	Saksmappe journal.SaksmappeInput
	// Journalposts carry their documents. A Dokumentobjekt's StorageKey,
	// MediaType and Storrelse are empty: its file, if the export has one,
	// is in Files, for the importer to store and fill in.
	Journalposts []journal.JournalpostInput
	Files        []File
	// Problems are what could not be read as written, each with where.
	Problems []Problem
	// Broken is true when the mappe cannot be imported at all (e.g. no
	// saksaar); Problems say why. Nothing of it is written.
	Broken bool
}

// File is a document file an export refers to.
type File struct {
	JournalpostSystemID string
	DokumentSystemID    string
	Versjonsnummer      int
	Variantformat       offl.Variantformat
	// Ref is the file's reference as written (referanseDokumentfil), a
	// path relative to the package root such as "dokumenter/5000000.pdf".
	Ref string
	// Sjekksum is the declared checksum in lowercase hex; Algoritme the
	// declared algorithm ("SHA256"); both "" when not declared.
	Sjekksum  string
	Algoritme string
	Format    string
	Filnavn   string
	// Pos is where the dokumentobjekt is.
	Pos Pos
}

// Pos is a place in an export: the file, the line, and for XML the path of
// the element ("arkiv/arkivdel/mappe[3]/registrering[2]").
type Pos struct {
	File string
	Line int
	Path string
}

func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
	}
	if p.Path != "" {
		s += " " + p.Path
	}
	return s
}

// Problem is something an export says that could not be used as written.
type Problem struct {
	Pos
	// Value is the offending value as written (shortened), if any.
	Value string
	// Message says what is wrong and what was done about it.
	Message string
	// Skipped is true when an element was left out (a møtemappe, a
	// registration without a number) while the rest was imported.
	Skipped bool
}

func (p Problem) String() string {
	s := p.Pos.String() + ": " + p.Message
	if p.Value != "" {
		s += fmt.Sprintf(" (%q)", p.Value)
	}
	return s
}

// Reader yields the mapper of an export in order. Next returns io.EOF after
// the last one. Any other error means the rest of the export cannot be read
// (malformed XML, a CSV line that breaks the format); it is a *ReadError
// saying where.
type Reader interface {
	Next() (Mappe, error)
}

// ReadError is an export that cannot be read on from a point.
type ReadError struct {
	Pos
	Err error
}

func (e *ReadError) Error() string { return e.Pos.String() + ": " + e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// Limits that keep a hostile export from exhausting memory.
const (
	// MaxRegistrations is the most registrations one mappe may hold; more
	// make the mappe broken.
	MaxRegistrations = 20_000
	// MaxTextLength bounds any one text value (a title, a name).
	MaxTextLength = 10_000
	// MaxElementDepth bounds XML nesting.
	MaxElementDepth = 64
)
