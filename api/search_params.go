package api

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"time"
	_ "time/tzdata" // "today" is meant in Europe/Oslo, also where the system has no zoneinfo

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/searchquery"
)

// SearchFilterParams are the filters shared by search, feeds and export.
type SearchFilterParams struct {
	Q                   string   `query:"q" maxLength:"20000" doc:"The query: words (stemmed, Norwegian), \"quoted phrases\", -excluded, OR or |, AND or +, (parentheses). A saksnummer (2024/123, 24/123, 2024/123-4) or organisasjonsnummer matches exactly. At most 1,000 characters." example:"byggesøknad \"Rana Bygg\" -klage"`
	JournaldatoFrom     string   `query:"journaldatoFrom" pattern:"^(\\d{4}-\\d{2}-\\d{2}|now([+-]\\d{1,4}[dwMy])?(/d)?)$" doc:"Journaled on or after this day: YYYY-MM-DD, or relative to today (Europe/Oslo): now, now-7d, now-2w, now-3M, now-1y." example:"now-7d"`
	JournaldatoTo       string   `query:"journaldatoTo" pattern:"^(\\d{4}-\\d{2}-\\d{2}|now([+-]\\d{1,4}[dwMy])?(/d)?)$" doc:"Journaled on or before this day (as journaldatoFrom)." example:"2024-12-31"`
	DokumentetsDatoFrom string   `query:"dokumentetsDatoFrom" pattern:"^(\\d{4}-\\d{2}-\\d{2}|now([+-]\\d{1,4}[dwMy])?(/d)?)$" doc:"The document's own date on or after this day (as journaldatoFrom)." example:"2024-01-01"`
	DokumentetsDatoTo   string   `query:"dokumentetsDatoTo" pattern:"^(\\d{4}-\\d{2}-\\d{2}|now([+-]\\d{1,4}[dwMy])?(/d)?)$" doc:"The document's own date on or before this day (as journaldatoFrom)." example:"2024-12-31"`
	PublisertDatoFrom   string   `query:"publisertDatoFrom" pattern:"^(\\d{4}-\\d{2}-\\d{2}|now([+-]\\d{1,4}[dwMy])?(/d)?)$" doc:"First published on or after this day (as journaldatoFrom)." example:"now-1M"`
	PublisertDatoTo     string   `query:"publisertDatoTo" pattern:"^(\\d{4}-\\d{2}-\\d{2}|now([+-]\\d{1,4}[dwMy])?(/d)?)$" doc:"First published on or before this day (as journaldatoFrom)." example:"now"`
	Journalposttype     []string `query:"journalposttype,explode" enum:"inngaaende_dokument,utgaaende_dokument,organinternt_dokument_for_oppfoelging,organinternt_dokument_uten_oppfoelging,saksframlegg" maxItems:"5" doc:"Only entries of these types; repeat the parameter for several." example:"[\"inngaaende_dokument\"]"`
	AdministrativEnhet  string   `query:"administrativEnhet" maxLength:"100" doc:"Only entries of this unit, by ID or enhetskode." example:"PLAN"`
	IncludeSubunits     bool     `query:"includeSubunits" default:"true" doc:"With administrativEnhet: include the units below it." example:"true"`
	Saksnummer          string   `query:"saksnummer" pattern:"^(\\d{2}|\\d{4})/\\d{1,7}(-\\d{1,5})?$" doc:"Only entries of this case number; with -N only its entry number N." example:"2024/123"`
	Korrespondansepart  string   `query:"korrespondansepart" maxLength:"200" doc:"Only entries with a searchable sender or recipient of this name (words in this order). A screened name never matches, nor a person's name more than a year after publication." example:"Rana Bygg"`
	Skjermingshjemmel   string   `query:"skjermingshjemmel" maxLength:"200" doc:"Only entries exempt on this basis: a basis ID from GET /v1/skjermingshjemmel (offl-13; offl-23 includes its paragraphs), old_law, unrecognised, or a written basis such as \"offl. § 13\"." example:"offl-13"`
	HarDokument         string   `query:"harDokument" enum:"true,false" doc:"true: only entries with a public file to download; false: only those without." example:"true"`
}

// SearchParams are the parameters of a page of search results.
type SearchParams struct {
	SearchFilterParams
	Sort   string `query:"sort" enum:"relevance,newest,oldest" default:"relevance" doc:"relevance (the default): title matches first, then case title, names, document text, newest first among equals; needs words in q, else newest. newest/oldest: by journaldato." example:"relevance"`
	Facets bool   `query:"facets" doc:"Also count all matches by journalposttype, unit, year and basis." example:"true"`
	PageParams
}

// relativeDay reads "now", "now-7d", "now+1M": a day relative to today.
// eInnsyn's rounding suffix "/d" is accepted; days are whole anyway.
var relativeDay = regexp.MustCompile(`^now(?:([+-])(\d{1,4})([dwMy]))?(?:/d)?$`)

// oslo is the time zone in which "today" is meant.
var oslo = mustLoadLocation("Europe/Oslo")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // cannot happen: time/tzdata is linked in
	}
	return loc
}

// parseDay reads a date filter value, absolute or relative to now.
func parseDay(field, value string, now time.Time) (time.Time, error) {
	if value == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, value); err == nil {
		return t, nil
	}
	m := relativeDay.FindStringSubmatch(value)
	if m == nil {
		return time.Time{}, journal.FieldError(field, "use YYYY-MM-DD or now, now-7d, now-2w, now-3M, now-1y")
	}
	y, mo, d := now.In(oslo).Date()
	day := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	if m[1] == "" {
		return day, nil
	}
	n, _ := strconv.Atoi(m[2])
	if m[1] == "-" {
		n = -n
	}
	switch m[3] {
	case "d":
		return day.AddDate(0, 0, n), nil
	case "w":
		return day.AddDate(0, 0, 7*n), nil
	case "M":
		return day.AddDate(0, n, 0), nil
	}
	return day.AddDate(n, 0, 0), nil
}

// filter turns the wire filters into a store filter; every problem is
// reported at once.
func (in *SearchFilterParams) filter(now time.Time, catalogue *offl.Catalogue) (journal.SearchFilter, error) {
	f := journal.SearchFilter{Enhet: enhetFilter(in.AdministrativEnhet), IncludeSubunits: in.IncludeSubunits,
		Korrespondansepart: in.Korrespondansepart}
	text, err := parseQuery(in.Q)
	if err != nil {
		return f, err
	}
	f.Text = text
	var problems []journal.FieldProblem
	ranges := []struct {
		from, to   string
		fromF, toF string
		dst        *journal.DateRange
	}{
		{in.JournaldatoFrom, in.JournaldatoTo, "query.journaldatoFrom", "query.journaldatoTo", &f.Journaldato},
		{in.DokumentetsDatoFrom, in.DokumentetsDatoTo, "query.dokumentetsDatoFrom", "query.dokumentetsDatoTo", &f.DokumentetsDato},
		{in.PublisertDatoFrom, in.PublisertDatoTo, "query.publisertDatoFrom", "query.publisertDatoTo", &f.PublisertDato},
	}
	for _, r := range ranges {
		var err error
		if r.dst.From, err = parseDay(r.fromF, r.from, now); err != nil {
			problems = append(problems, fieldProblem(err))
		}
		if r.dst.To, err = parseDay(r.toF, r.to, now); err != nil {
			problems = append(problems, fieldProblem(err))
		}
		if !r.dst.From.IsZero() && !r.dst.To.IsZero() && r.dst.To.Before(r.dst.From) {
			problems = append(problems, journal.FieldProblem{Field: r.toF, Message: "the end of the range is before its start"})
		}
	}
	if f.Journalposttype, err = parseJournalposttypes(in.Journalposttype); err != nil {
		problems = append(problems, fieldProblem(err))
	}
	if err := setSaksnummer(&f, in.Saksnummer); err != nil {
		problems = append(problems, fieldProblem(err))
	}
	if in.Skjermingshjemmel != "" {
		if f.Basis = basisKey(in.Skjermingshjemmel, catalogue); f.Basis == "" {
			problems = append(problems, journal.FieldProblem{Field: "query.skjermingshjemmel",
				Message: "not a basis: use an ID from GET /v1/skjermingshjemmel (offl-13), old_law, unrecognised, or a provision of offentleglova such as \"offl. § 13\""})
		}
	}
	if in.HarDokument != "" {
		has := in.HarDokument == "true"
		f.HarDokument = &has
	}
	if len(problems) > 0 {
		return f, journal.InvalidFields(problems)
	}
	return f, nil
}

// parseJournalposttypes reads the journalposttype filter's wire names.
func parseJournalposttypes(values []string) ([]offl.Journalposttype, error) {
	var out []offl.Journalposttype
	for _, v := range values {
		t, err := offl.ParseJournalposttype(v)
		if err != nil {
			return nil, journal.FieldError("query.journalposttype", "%v", err)
		}
		out = append(out, t)
	}
	return out, nil
}

// setSaksnummer reads the saksnummer filter ("2024/123", "2024/123-4")
// into f; an entry number in it replaces f's.
func setSaksnummer(f *journal.SearchFilter, value string) error {
	if value == "" {
		return nil
	}
	n, err := offl.ParseSaksnummer(value)
	if err != nil {
		return journal.FieldError("query.saksnummer", "%v", err)
	}
	f.Saksaar, f.Sakssekvensnummer = n.Saksaar, n.Sakssekvensnummer
	if n.Journalpostnummer != 0 {
		f.Journalpostnummer = n.Journalpostnummer
	}
	return nil
}

// basisKey reads a basis filter: a catalogue ID or key as is, anything
// else as a written skjermingshjemmel, read by the engine's parser; ""
// when it names no provision.
func basisKey(value string, catalogue *offl.Catalogue) string {
	if _, ok := catalogue.Provision(value); ok || value == offl.BasisOldLaw || value == offl.BasisUnrecognised {
		return value
	}
	if m := sectionKey.FindString(value); m == value {
		return value // a section whose provisions are per paragraph: "offl-23"
	}
	if key, _ := offl.ParseHjemmel(value).Basis(catalogue); key != offl.BasisUnrecognised {
		return key
	}
	return ""
}

var sectionKey = regexp.MustCompile(`^offl-\d{1,2}$`)

// parseQuery reads q. Its errors are 400: the query cannot be run as
// written, and the message says why.
func parseQuery(q string) (searchquery.Expr, error) {
	e, err := searchquery.Parse(q)
	var qe *searchquery.Error
	if errors.As(err, &qe) {
		return nil, &journal.Error{Code: journal.Code(qe.Code), Message: qe.Message, Field: "query.q"}
	}
	if err != nil {
		return nil, fmt.Errorf("parse query: %w", err)
	}
	return e, nil
}

func fieldProblem(err error) journal.FieldProblem {
	var e *journal.Error
	if errors.As(err, &e) {
		return journal.FieldProblem{Field: e.Field, Message: e.Message}
	}
	return journal.FieldProblem{Message: err.Error()}
}
