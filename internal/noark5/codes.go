package noark5

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/innsyn/innsyn/internal/offl"
)

// Noark 5 exports write codes three ways: the letter code ("I"), the code
// word of the metadata catalogue ("Inngående dokument"), and, from systems
// that speak eInnsyn, the wire name ("inngaaende_dokument"). The code*
// functions accept all three, case-insensitively, and return the letter
// code the journal stores. They are shared by every reader of the package.

// codeKey folds a code word for lookup: lower case, æøå transliterated,
// '_' read as a space, runs of white space as one space.
func codeKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = codeKeyReplacer.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

var codeKeyReplacer = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "_", " ")

// The code words of the Noark 5 metadata catalogue, keyed by codeKey.
var (
	codeJournalposttypeWords = map[string]offl.Journalposttype{
		"inngaaende dokument":                    offl.Inngaaende,
		"inngaaende":                             offl.Inngaaende,
		"utgaaende dokument":                     offl.Utgaaende,
		"utgaaende":                              offl.Utgaaende,
		"organinternt dokument for oppfoelging":  offl.OrganinterntForOppfoelging,
		"organinternt dokument uten oppfoelging": offl.OrganinterntUtenOppfoelging,
		"saksframlegg":                           offl.Saksframlegg,
	}
	codeJournalstatusWords = map[string]offl.Journalstatus{
		"journalfoert":                  offl.Journalfoert,
		"ferdigstilt fra saksbehandler": offl.Ferdigstilt,
		"ferdigstilt":                   offl.Ferdigstilt,
		"godkjent av leder":             offl.Godkjent,
		"godkjent":                      offl.Godkjent,
		"ekspedert":                     offl.Ekspedert,
		"arkivert":                      offl.Arkivert,
		"utgaar":                        offl.Utgaar,
		"midlertidig registrering av innkommet dokument": offl.Midlertidig,
		"midlertidig registrering":                       offl.Midlertidig,
		"registrert av saksbehandler":                    offl.RegistrertAvSaksbehandler,
		"reservert dokument":                             offl.Reservert,
		"reservert":                                      offl.Reservert,
	}
	codeKorrespondanseparttypeWords = map[string]offl.Korrespondanseparttype{
		"avsender":            offl.Avsender,
		"mottaker":            offl.Mottaker,
		"kopimottaker":        offl.Kopimottaker,
		"gruppemottaker":      offl.Gruppemottaker,
		"intern avsender":     offl.InternAvsender,
		"intern mottaker":     offl.InternMottaker,
		"intern kopimottaker": offl.InternKopimottaker,
		"medavsender":         offl.Medavsender,
	}
	codeTilknytningWords = map[string]offl.TilknyttetRegistreringSom{
		"hoveddokument": offl.Hoveddokument,
		"vedlegg":       offl.Vedlegg,
	}
	codeVariantformatWords = map[string]offl.Variantformat{
		"produksjonsformat": offl.Produksjonsformat,
		"arkivformat":       offl.Arkivformat,
		"dokument hvor deler av innholdet er skjermet": offl.OffentligVariant,
		"offentlig variant":                            offl.OffentligVariant,
	}
)

// codeLookup tries the letter code (any case), the eInnsyn name, then the
// code word.
func codeLookup[T ~string](s string, parse func(string) (T, error), words map[string]T) (T, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if v, err := parse(strings.ToUpper(s)); err == nil {
		return v, true
	}
	if v, err := parse(s); err == nil {
		return v, true
	}
	v, ok := words[codeKey(s)]
	return v, ok
}

func codeJournalposttype(s string) (offl.Journalposttype, bool) {
	return codeLookup(s, offl.ParseJournalposttype, codeJournalposttypeWords)
}

func codeJournalstatus(s string) (offl.Journalstatus, bool) {
	return codeLookup(s, offl.ParseJournalstatus, codeJournalstatusWords)
}

func codeKorrespondanseparttype(s string) (offl.Korrespondanseparttype, bool) {
	return codeLookup(s, offl.ParseKorrespondanseparttype, codeKorrespondanseparttypeWords)
}

func codeTilknytning(s string) (offl.TilknyttetRegistreringSom, bool) {
	return codeLookup(s, offl.ParseTilknyttetRegistreringSom, codeTilknytningWords)
}

func codeVariantformat(s string) (offl.Variantformat, bool) {
	return codeLookup(s, offl.ParseVariantformat, codeVariantformatWords)
}

// codeSkjermingDokument reads M503: "H" (the whole document) or "D"
// (parts of it).
func codeSkjermingDokument(s string) (string, bool) {
	switch k := codeKey(s); k {
	case "h", "skjerming av hele dokumentet", "hele dokumentet":
		return "H", true
	case "d", "skjerming av deler av dokumentet", "deler av dokumentet":
		return "D", true
	}
	return "", false
}

// codeAllMetadata is the code this package uses for "every field": the
// words some systems write instead of listing the M502 codes.
const codeAllMetadata = "ALL"

// codeSkjermingMetadataWords maps the M502 code words (and the letter codes)
// to the letter codes: KID klasseID, TKL klasse title, TM1/TMO case title
// (all but the first line / selected words), NPS names of case parties,
// TR1/TRO entry title, NA/NM sender/recipient names, TD document title, MT
// remarks, M temporary (everything screened until assessed).
var codeSkjermingMetadataWords = map[string]string{
	"skjerming klasseid":                                    "KID",
	"skjerming tittel klasse":                               "TKL",
	"skjerming tittel mappe - unntatt foerste linje":        "TM1",
	"skjerming tittel mappe - untatt foerste linje":         "TM1",
	"skjerming tittel mappe - utvalgte ord":                 "TMO",
	"skjerming navn part i sak":                             "NPS",
	"skjerming part i sak":                                  "NPS",
	"skjerming tittel registrering - unntatt foerste linje": "TR1",
	"skjerming tittel registrering - untatt foerste linje":  "TR1",
	"skjerming tittel registrering - utvalgte ord":          "TRO",
	"skjerming navn avsender":                               "NA",
	"skjerming navn mottaker":                               "NM",
	"skjerming tittel dokumentbeskrivelse":                  "TD",
	"skjerming merknadstekst":                               "MT",
	"midlertidig skjerming":                                 "M",
	"alle":                                                  codeAllMetadata,
	"all":                                                   codeAllMetadata,
	"alle felt":                                             codeAllMetadata,
	"alle felter":                                           codeAllMetadata,
	"alle metadata":                                         codeAllMetadata,
}

// codeSkjermingMetadata reads one M502 value.
func codeSkjermingMetadata(s string) (string, bool) {
	switch c := strings.ToUpper(strings.TrimSpace(s)); c {
	case "KID", "TKL", "TM1", "TMO", "NPS", "TR1", "TRO", "NA", "NM", "TD", "MT", "M":
		return c, true
	}
	c, ok := codeSkjermingMetadataWords[codeKey(s)]
	return c, ok
}

// codeSplitList splits a value that may hold several codes ("TM1, NA").
func codeSplitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// codeOslo is where a timestamp with a zone is turned into a date.
var codeOslo = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Oslo") // offl links time/tzdata in
	if err != nil {
		return time.UTC
	}
	return loc
}()

// codeDate reads an xs:date or xs:dateTime ("2011-09-09", "2017-04-02Z",
// "2018-01-01+01:00", "2011-09-09T09:10:00", "1863-10-06T00:00:00Z") and
// returns the day at midnight UTC, as offl keeps dates. A timestamp with a
// zone is read as the day it was in Norway; one without a zone, and a date
// with a zone, as the day written.
func codeDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	day, err := time.Parse(time.DateOnly, s[:10])
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	rest := s[10:]
	switch {
	case rest == "" || rest == "Z":
		return day, nil
	case rest[0] == '+' || rest[0] == '-':
		if _, err := time.Parse("-07:00", rest); err != nil {
			return time.Time{}, fmt.Errorf("%q is not a date", s)
		}
		return day, nil
	case rest[0] != 'T':
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		t = t.In(codeOslo)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		if _, err := time.Parse(layout, s); err == nil {
			return day, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date", s)
}

// codeInt reads a whole number ("013" is 13).
func codeInt(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", s)
	}
	return n, nil
}

// codeCaseNumbers reads a mappeID of the form "2012/123" (or "12/123").
func codeCaseNumbers(mappeID string) (saksaar, sekvensnummer int, ok bool) {
	n, err := offl.ParseSaksnummer(strings.TrimSpace(mappeID))
	if err != nil || n.Journalpostnummer != 0 {
		return 0, 0, false
	}
	return n.Saksaar, n.Sakssekvensnummer, true
}

// codeDerivedCaseID is the systemID given to a case the export names only
// by its number. Both XML readers derive it the same way, so that the same
// case read from arkivstruktur.xml (without a systemID) and from
// offentligJournal.xml is one case.
func codeDerivedCaseID(saksaar, sekvensnummer int) string {
	return "saksnummer:" + offl.FormatSaksnummer(saksaar, sekvensnummer)
}

// codeDerivedEntryID is the systemID given to an entry without one; the
// journal number is unique in the journal.
func codeDerivedEntryID(journalaar, sekvensnummer int) string {
	return fmt.Sprintf("journalpost:%d/%d", journalaar, sekvensnummer)
}

// codeAlgorithm normalises a checksum algorithm name: "SHA-256", "sha256"
// → "SHA256".
func codeAlgorithm(s string) string {
	return codeAlgorithmReplacer.Replace(strings.ToUpper(strings.TrimSpace(s)))
}

var codeAlgorithmReplacer = strings.NewReplacer("-", "", "_", "", " ", "")

// codeIsSHA256 reports whether s is a lowercase hex SHA-256.
func codeIsSHA256(s string) bool {
	return len(s) == 64 && strings.Trim(s, "0123456789abcdef") == ""
}

// codeFileRef normalises a file reference (referanseDokumentfil):
// backslashes become '/', a leading "./" goes. A reference that is
// absolute or climbs out with ".." is returned as written, with a reason
// for a Problem.
func codeFileRef(raw string) (ref, filnavn, problem string) {
	s := strings.TrimSpace(raw)
	n := strings.ReplaceAll(s, `\`, "/")
	for strings.HasPrefix(n, "./") {
		n = n[2:]
	}
	switch {
	case strings.HasPrefix(n, "/") || strings.Contains(n, "://") ||
		(len(n) >= 2 && n[1] == ':' && ('a' <= n[0]|0x20 && n[0]|0x20 <= 'z')):
		return s, path.Base(n), "the file reference is absolute, not relative to the export"
	case n == ".." || strings.HasPrefix(n, "../") || strings.HasSuffix(n, "/..") || strings.Contains(n, "/../"):
		return s, path.Base(n), "the file reference climbs out of the export with \"..\""
	}
	return n, path.Base(n), ""
}

// codeShort shortens a value for a Problem.
func codeShort(s string) string {
	const limit = 200
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)
	return string(r[:limit]) + "…"
}
