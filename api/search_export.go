package api

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/journal"
)

// ExportParams select what to export: every match of a search, or the
// whole public journal without parameters.
type ExportParams struct {
	SearchFilterParams
}

// exportFormat writes entries in one file format.
type exportFormat struct {
	path, id, summary, contentType, extension string
	// newWriter returns the function that writes one entry, and the one
	// that finishes the file.
	newWriter func(w *bufio.Writer) (write func(Journalpost) error, finish func() error)
}

var exportFormats = []exportFormat{
	{"/v1/search/export.ndjson", "search-export-ndjson", "Export matches as NDJSON", "application/x-ndjson", "ndjson",
		func(w *bufio.Writer) (func(Journalpost) error, func() error) {
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			return func(j Journalpost) error { return enc.Encode(j) }, func() error { return nil }
		}},
	{"/v1/search/export.csv", "search-export-csv", "Export matches as CSV", "text/csv; charset=utf-8; header=present", "csv",
		func(w *bufio.Writer) (func(Journalpost) error, func() error) {
			cw := csv.NewWriter(w)
			cw.UseCRLF = true // RFC 4180
			// The header goes with the first row or, without rows, at the
			// end: nothing is written before export knows the answer is 200.
			header := sync.OnceValue(func() error { return cw.Write(csvColumns) })
			write := func(j Journalpost) error {
				if err := header(); err != nil {
					return err
				}
				return cw.Write(csvRecord(j))
			}
			finish := func() error {
				if err := header(); err != nil {
					return err
				}
				cw.Flush()
				return cw.Error()
			}
			return write, finish
		}},
}

func registerExport(api huma.API, deps Deps) {
	for _, format := range exportFormats {
		huma.Register(api, huma.Operation{
			OperationID: format.id,
			Method:      http.MethodGet,
			Path:        format.path,
			Summary:     format.summary,
			Description: "Every match of a search (the filters of GET /v1/search), or without parameters the whole public " +
				"journal, newest journaldato first, streamed: there is no cap on the number of entries. NDJSON has one " +
				"entry per line as in GET /v1/journalpost/{id}; CSV (RFC 4180, UTF-8, a header row) has the columns " +
				strings.Join(csvColumns, ", ") + ". If the export breaks off, the response ends without its final chunk, " +
				"so that a truncated file is never taken for a whole one.",
			Tags:   []string{"search"},
			Errors: []int{http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusServiceUnavailable},
			Responses: map[string]*huma.Response{"200": {Description: "The entries.",
				Content: map[string]*huma.MediaType{strings.Split(format.contentType, ";")[0]: {}}}},
		}, func(ctx context.Context, in *ExportParams) (*huma.StreamResponse, error) {
			f, err := in.filter(deps.now(), deps.Catalogue)
			if err != nil {
				return nil, fail(ctx, err)
			}
			return &huma.StreamResponse{Body: func(hctx huma.Context) {
				export(api, deps, hctx, format, f)
			}}, nil
		})
	}
}

// export streams every match. Headers are sent with the first entry, so
// that an error before it (an unknown unit) is still a problem answer;
// an error after it aborts the response.
func export(api huma.API, deps Deps, hctx huma.Context, format exportFormat, f journal.SearchFilter) {
	ctx := hctx.Context()
	w := bufio.NewWriterSize(hctx.BodyWriter(), 64<<10)
	write, finish := format.newWriter(w)
	started := false
	start := func() {
		if !started {
			started = true
			name := "innsyn-journal-" + deps.now().In(oslo).Format(time.DateOnly) + "." + format.extension
			hctx.SetHeader("Content-Type", format.contentType)
			hctx.SetHeader("Content-Disposition", blob.ContentDisposition("attachment", name))
			hctx.SetStatus(http.StatusOK)
		}
	}
	err := deps.Search.EachMatch(ctx, f, func(j journal.PublicJournalpost) error {
		start()
		return write(newJournalpost(j))
	})
	if err == nil {
		start()
		if err = finish(); err == nil {
			err = w.Flush()
		}
	}
	if err == nil {
		return
	}
	if !started {
		writeErr(api, hctx, err)
		return
	}
	zerolog.Ctx(ctx).Warn().Err(err).Msg("export broken off")
	panic(http.ErrAbortHandler) // the client sees a broken transfer, not a short file
}

// csvColumns are the CSV export's columns.
var csvColumns = []string{"id", "saksnummer", "journalpostnummer", "journalaar", "journalsekvensnummer",
	"journalposttype", "journaldato", "dokumentetsDato", "offentligTittel", "saksmappeTittel",
	"administrativEnhet", "avsender", "mottaker", "tilgangsrestriksjon", "skjermingshjemmel", "dokumenter",
	"publisertDato"}

func csvRecord(j Journalpost) []string {
	var senders, recipients []string
	for _, k := range j.Korrespondansepart {
		switch k.Korrespondanseparttype {
		case "avsender", "medavsender":
			senders = append(senders, k.KorrespondansepartNavn)
		case "mottaker", "kopimottaker", "gruppemottaker":
			recipients = append(recipients, k.KorrespondansepartNavn)
		}
	}
	enhet, code, basis := "", "", ""
	if j.AdministrativEnhet != nil {
		enhet = j.AdministrativEnhet.Navn
	}
	if j.Skjerming != nil {
		code, basis = j.Skjerming.Tilgangsrestriksjon, j.Skjerming.Skjermingshjemmel
	}
	return []string{j.ID, j.Saksmappe.Saksnummer, strconv.Itoa(j.Journalpostnummer), strconv.Itoa(j.Journalaar),
		strconv.Itoa(j.Journalsekvensnummer), j.Journalposttype, j.Journaldato, j.DokumentetsDato,
		spreadsheetSafe(j.OffentligTittel), spreadsheetSafe(j.Saksmappe.OffentligTittel), spreadsheetSafe(enhet),
		spreadsheetSafe(strings.Join(senders, "; ")), spreadsheetSafe(strings.Join(recipients, "; ")), code,
		spreadsheetSafe(basis), strconv.Itoa(len(j.Dokumentbeskrivelse)), j.PublisertDato.UTC().Format(time.RFC3339)}
}

// spreadsheetSafe keeps a spreadsheet from running a text as a formula
// (CSV injection): a text starting with = + @ or a tab/CR gets a leading
// apostrophe, which spreadsheets show as text. "-" is left alone, since
// titles start with it ("- Søknad …") and alone it runs nothing.
func spreadsheetSafe(s string) string {
	if s != "" && strings.ContainsRune("=+@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
