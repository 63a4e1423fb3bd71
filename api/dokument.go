package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Fil is a file the public may download.
type Fil struct {
	Filnavn       string `json:"filnavn" doc:"The file's name." example:"Søknad om rammetillatelse.pdf"`
	MediaType     string `json:"mediaType" doc:"Media type." example:"application/pdf"`
	Storrelse     int64  `json:"storrelse" doc:"Size in bytes." example:"48213"`
	Sjekksum      string `json:"sjekksum" doc:"Hex SHA-256 of the file; also its ETag." example:"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	Variantformat string `json:"variantformat" enum:"arkivformat,offentlig_variant" doc:"The original, or the redacted public variant." example:"arkivformat"`
	URL           string `json:"url" doc:"Where to download it." example:"/v1/dokument/dok_7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b/fil"`
}

func newFil(documentID string, f *offl.PublicFil) *Fil {
	if f == nil {
		return nil
	}
	return &Fil{Filnavn: f.Filnavn, MediaType: f.MediaType, Storrelse: f.Storrelse, Sjekksum: f.Sjekksum,
		Variantformat: f.Variantformat.WireName(), URL: "/v1/dokument/" + documentID + "/fil"}
}

// Dokument is a public document.
type Dokument struct {
	ID                        string `json:"id" doc:"The document's ID." example:"dok_7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"`
	Journalpost               string `json:"journalpost" doc:"The entry's ID." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
	Dokumentnummer            int    `json:"dokumentnummer" doc:"The document's number in the entry." example:"1"`
	TilknyttetRegistreringSom string `json:"tilknyttetRegistreringSom" enum:"hoveddokument,vedlegg" doc:"Main document or attachment (M217)." example:"hoveddokument"`
	Dokumenttype              string `json:"dokumenttype,omitempty" doc:"The kind of document." example:"Brev"`
	Tittel                    string `json:"tittel" doc:"The title, screened like the entry's." example:"Situasjonskart"`
	Fil                       *Fil   `json:"fil,omitempty" doc:"The file anyone may download; absent when the document is not published in full text, is screened, or has not been checked yet."`
}

// GetDokumentInput names a document.
type GetDokumentInput struct {
	ID string `path:"id" maxLength:"40" doc:"The document's ID." example:"dok_7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"`
}

// GetDokumentOutput is a public document.
type GetDokumentOutput struct {
	Body Dokument
}

// DownloadInput names a document's file, with the conditional and range
// headers a download may carry.
type DownloadInput struct {
	ID          string `path:"id" maxLength:"40" doc:"The document's ID." example:"dok_7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"`
	Range       string `header:"Range" maxLength:"100" doc:"One byte range, e.g. bytes=0-1023 (streamed downloads)." example:"bytes=0-1023"`
	IfNoneMatch string `header:"If-None-Match" maxLength:"200" doc:"The ETag you have; 304 when unchanged." example:"\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\""`
}

// DownloadConfig says how public files are handed out.
type DownloadConfig struct {
	// Redirect answers with a 302 to a presigned URL of the document store
	// when it can make one; otherwise files are streamed.
	Redirect   bool
	PresignTTL time.Duration
}

func registerDokument(api huma.API, deps Deps) {
	huma.Register(api, huma.Operation{
		OperationID: "get-dokument",
		Method:      http.MethodGet,
		Path:        "/v1/dokument/{id}",
		Summary:     "Get a public document",
		Description: "Returns one public document and, when it is published in full text, its file.",
		Tags:        []string{"journal"},
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *GetDokumentInput) (*GetDokumentOutput, error) {
		d, err := publicDokument(ctx, deps, in.ID)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &GetDokumentOutput{Body: newDokument(d)}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "download-dokument",
		Method:      http.MethodGet,
		Path:        "/v1/dokument/{id}/fil",
		Summary:     "Download a public document's file",
		Description: "Only a file the public journal publishes can be downloaded. By default the answer is a 302 to a " +
			"short-lived URL of the document store; otherwise the file is streamed with its Content-Type, Content-Length, " +
			"ETag (the SHA-256), Range support and a Content-Disposition that keeps æøå in the name. A file that is not " +
			"public answers 404 like one that does not exist.",
		Tags:      []string{"journal"},
		Errors:    []int{http.StatusNotFound, http.StatusRequestedRangeNotSatisfiable, http.StatusBadGateway},
		Responses: downloadResponses(),
	}, func(ctx context.Context, in *DownloadInput) (*huma.StreamResponse, error) {
		d, err := publicDokument(ctx, deps, in.ID)
		if err == nil && d.Fil == nil {
			err = journal.NotFound("file")
		}
		if err != nil {
			return nil, fail(ctx, err)
		}
		return download(api, deps, d, in), nil
	})
}

func publicDokument(ctx context.Context, deps Deps, wire string) (journal.PublicDokument, error) {
	id, ok := parseID(kindDokument, wire)
	if !ok {
		return journal.PublicDokument{}, journal.NotFound("dokument")
	}
	return deps.Public.Dokument(ctx, id)
}

func newDokument(d journal.PublicDokument) Dokument {
	id := wireID(kindDokument, d.ID)
	return Dokument{ID: id, Journalpost: wireID(kindJournalpost, d.JournalpostID), Dokumentnummer: d.Dokumentnummer,
		TilknyttetRegistreringSom: d.TilknyttetRegistreringSom.WireName(), Dokumenttype: d.Dokumenttype,
		Tittel: d.Tittel, Fil: newFil(id, d.Fil)}
}

func downloadResponses() map[string]*huma.Response {
	binary := map[string]*huma.MediaType{"application/octet-stream": {Schema: &huma.Schema{Type: "string", Format: "binary"}}}
	return map[string]*huma.Response{
		"200": {Description: "The file (its own media type).", Content: binary},
		"206": {Description: "The requested range of the file.", Content: binary},
		"302": {Description: "The file is at the short-lived URL in Location."},
		"304": {Description: "The file matches If-None-Match."},
	}
}
