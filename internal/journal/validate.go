package journal

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/innsyn/innsyn/internal/offl"
)

// Field limits shared by every way records come in.
const (
	MaxTitleLength       = 2000
	MaxNameLength        = 500
	MaxKeyLength         = 200
	MaxPartiesPerEntry   = 200
	MaxDocumentsPerEntry = 200
)

// The years a saksaar or journalaar may have. Municipal archives reach
// back to the formannskap laws of 1837, and their extractions carry such
// cases; a year outside this range is a typing error.
const (
	MinYear = 1800
	MaxYear = 2200
)

// Validate checks a batch before anything is written, and names the record
// and field of the first problem it finds.
func (b Batch) Validate() error {
	if n := len(b.Enheter) + len(b.Saksmapper) + len(b.Journalposts); n > MaxBatchRecords {
		return Errorf(ErrTooLarge, "a batch holds at most %d records, this one %d", MaxBatchRecords, n)
	}
	return b.ValidateRecords()
}

// ValidateRecords checks each record as Validate does, whatever their
// number: for readers that hold a whole case, which an importer then loads
// in parts.
func (b Batch) ValidateRecords() error {
	for i, e := range b.Enheter {
		if err := checkText(fmt.Sprintf("enheter[%d].kode", i), e.Kode, MaxKeyLength, true); err != nil {
			return err
		}
		if err := checkText(fmt.Sprintf("enheter[%d].navn", i), e.Navn, MaxNameLength, true); err != nil {
			return err
		}
		if e.ParentKode == e.Kode {
			return FieldError(fmt.Sprintf("enheter[%d].parentKode", i), "a unit cannot be its own parent")
		}
	}
	for i, s := range b.Saksmapper {
		if err := validateSaksmappe(fmt.Sprintf("saksmapper[%d]", i), s.Saksmappe); err != nil {
			return err
		}
	}
	for i, j := range b.Journalposts {
		field := fmt.Sprintf("journalposts[%d]", i)
		if err := checkText(field+".saksmappeSystemID", j.SaksmappeSystemID, MaxKeyLength, true); err != nil {
			return err
		}
		if err := validateJournalpost(field, j.Journalpost); err != nil {
			return err
		}
	}
	return nil
}

func validateSaksmappe(field string, s offl.Saksmappe) error {
	if err := checkText(field+".systemID", s.SystemID, MaxKeyLength, true); err != nil {
		return err
	}
	if s.Saksaar < MinYear || s.Saksaar > MaxYear {
		return FieldError(field+".saksaar", "saksaar %d is not a year", s.Saksaar)
	}
	if s.Sakssekvensnummer < 1 {
		return FieldError(field+".sakssekvensnummer", "sakssekvensnummer must be positive")
	}
	return checkText(field+".tittel", s.Tittel, MaxTitleLength, false)
}

func validateJournalpost(field string, j offl.Journalpost) error {
	if err := checkText(field+".systemID", j.SystemID, MaxKeyLength, true); err != nil {
		return err
	}
	if j.Journalaar < MinYear || j.Journalaar > MaxYear {
		return FieldError(field+".journalaar", "journalaar %d is not a year", j.Journalaar)
	}
	if j.Journalsekvensnummer < 1 || j.Journalpostnummer < 1 {
		return FieldError(field+".journalsekvensnummer", "journalsekvensnummer and journalpostnummer must be positive")
	}
	if _, err := offl.ParseJournalposttype(string(j.Journalposttype)); err != nil {
		return FieldError(field+".journalposttype", "%v", err)
	}
	if _, err := offl.ParseJournalstatus(string(j.Journalstatus)); err != nil {
		return FieldError(field+".journalstatus", "%v", err)
	}
	if j.Journaldato.IsZero() {
		return FieldError(field+".journaldato", "journaldato is required")
	}
	if err := checkText(field+".tittel", j.Tittel, MaxTitleLength, false); err != nil {
		return err
	}
	if len(j.Korrespondansepart) > MaxPartiesPerEntry || len(j.Dokumentbeskrivelse) > MaxDocumentsPerEntry {
		return FieldError(field, "an entry holds at most %d correspondents and %d documents", MaxPartiesPerEntry, MaxDocumentsPerEntry)
	}
	for k, p := range j.Korrespondansepart {
		f := fmt.Sprintf("%s.korrespondansepart[%d]", field, k)
		if _, err := offl.ParseKorrespondanseparttype(string(p.Korrespondanseparttype)); err != nil {
			return FieldError(f+".korrespondanseparttype", "%v", err)
		}
		if err := checkText(f+".navn", p.Navn, MaxNameLength, false); err != nil {
			return err
		}
	}
	for k, d := range j.Dokumentbeskrivelse {
		if err := validateDokument(fmt.Sprintf("%s.dokumentbeskrivelse[%d]", field, k), d); err != nil {
			return err
		}
	}
	return nil
}

func validateDokument(field string, d offl.Dokumentbeskrivelse) error {
	if err := checkText(field+".systemID", d.SystemID, MaxKeyLength, true); err != nil {
		return err
	}
	if d.Dokumentnummer < 1 {
		return FieldError(field+".dokumentnummer", "dokumentnummer must be positive")
	}
	if _, err := offl.ParseTilknyttetRegistreringSom(string(d.TilknyttetRegistreringSom)); err != nil {
		return FieldError(field+".tilknyttetRegistreringSom", "%v", err)
	}
	if err := checkText(field+".tittel", d.Tittel, MaxTitleLength, false); err != nil {
		return err
	}
	for k, o := range d.Dokumentobjekt {
		f := fmt.Sprintf("%s.dokumentobjekt[%d]", field, k)
		if _, err := offl.ParseVariantformat(string(o.Variantformat)); err != nil {
			return FieldError(f+".variantformat", "%v", err)
		}
		if len(o.Sjekksum) != 64 || strings.Trim(o.Sjekksum, "0123456789abcdef") != "" {
			return FieldError(f+".sjekksum", "sjekksum must be a lowercase hex SHA-256")
		}
		if o.StorageKey == "" || o.Storrelse < 0 {
			return FieldError(f+".storageKey", "a file needs its storage key and size")
		}
	}
	return nil
}

// checkText checks that s is valid UTF-8 without control characters other
// than newlines, and within the length limit (in characters).
func checkText(field, s string, limit int, required bool) error {
	switch {
	case required && strings.TrimSpace(s) == "":
		return FieldError(field, "is required")
	case !utf8.ValidString(s):
		return FieldError(field, "is not valid UTF-8")
	case utf8.RuneCountInString(s) > limit:
		return FieldError(field, "is longer than %d characters", limit)
	case strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' }):
		return FieldError(field, "holds control characters")
	}
	return nil
}
