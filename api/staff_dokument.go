package api

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/documents"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Uploader stores uploaded files.
type Uploader interface {
	Upload(ctx context.Context, dokumentID string, up documents.Upload, c journal.Change) (journal.AddedFile, error)
}

// CreateDokumentInput adds a document to an entry.
type CreateDokumentInput struct {
	ID string `path:"id" maxLength:"40" doc:"The entry's ID." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
	ChangeHeaders
	Body struct {
		Tittel                    string `json:"tittel" minLength:"1" maxLength:"2000" doc:"The document's title." example:"Situasjonskart"`
		TilknyttetRegistreringSom string `json:"tilknyttetRegistreringSom" enum:"hoveddokument,vedlegg" doc:"Main document or attachment." example:"vedlegg"`
		Dokumenttype              string `json:"dokumenttype,omitempty" maxLength:"100" doc:"The kind of document." example:"Kart"`
		Reason                    string `json:"reason" minLength:"1" maxLength:"1000" doc:"Why: the audit log records it." example:"Vedlegg mottatt etter journalføring."`
	}
}

// CreateDokumentOutput is the new document and its entry.
type CreateDokumentOutput struct {
	ETag string `header:"ETag" doc:"The entry's new version." example:"\"4\""`
	Body struct {
		DokumentID  string           `json:"dokumentId" doc:"The new document's ID; upload its file next." example:"dok_7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"`
		Journalpost StaffJournalpost `json:"journalpost" doc:"The entry with the new document."`
	}
}

// UploadFileInput is a file upload. The body is the file itself, or a
// multipart/form-data form whose part "file" is (fields before it may set
// variant, filnavn and reason). The body is streamed, not buffered.
type UploadFileInput struct {
	ID            string `path:"id" maxLength:"40" doc:"The document's ID." example:"dok_7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"`
	Variant       string `query:"variant" enum:"arkivformat,offentlig_variant" default:"arkivformat" doc:"The original, or the redacted public variant (Noark 5 variantformat O)." example:"arkivformat"`
	Filnavn       string `query:"filnavn" maxLength:"255" doc:"The file's name (or send it in the multipart part)." example:"Søknad om løyve.pdf"`
	Reason        string `query:"reason" maxLength:"1000" doc:"Why: the audit log records it (or send it as a multipart field)." example:"Innkommet søknad"`
	ContentType   string `header:"Content-Type" maxLength:"300" doc:"The file's media type, or multipart/form-data." example:"application/pdf"`
	ContentLength int64  `header:"Content-Length" doc:"The body's length; a file over the limit is refused at once." example:"48213"`
	body          io.Reader
}

// Resolve keeps the request body, which huma leaves unread for this
// operation, so the handler can stream it.
func (in *UploadFileInput) Resolve(ctx huma.Context) []error {
	in.body = ctx.BodyReader()
	return nil
}

// UploadFileOutput is the stored file.
type UploadFileOutput struct {
	Body struct {
		ObjektID       string `json:"objektId" doc:"The stored file's ID." example:"fil_0a1b2c3d4e5f60718293a4b5c6d7e8f9"`
		Versjonsnummer int    `json:"versjonsnummer" doc:"The file's version of this variant." example:"1"`
		Deduplicated   bool   `json:"deduplicated" doc:"The same content was stored before and is kept once." example:"false"`
		TextStatus     string `json:"textStatus" enum:"pending,ok,no_text,encrypted,failed,unsupported" doc:"Text extraction runs in the background; the file is published when it has passed." example:"pending"`
	}
}

func registerStaffDokument(api huma.API, deps Deps) {
	huma.Register(api, staffOperation(huma.Operation{
		OperationID:   "admin-create-dokument",
		Method:        http.MethodPost,
		Path:          "/v1/admin/journalpost/{id}/dokument",
		Summary:       "Add a document to an entry",
		Description:   "Adds a document description (dokumentbeskrivelse) to the entry; upload its file with POST /v1/admin/dokument/{id}/fil.",
		DefaultStatus: http.StatusCreated,
		Errors:        []int{http.StatusNotFound, http.StatusPreconditionFailed, http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *CreateDokumentInput) (*CreateDokumentOutput, error) {
		id, ok := parseID(kindJournalpost, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("journalpost"))
		}
		tilknytning, _ := offl.ParseTilknyttetRegistreringSom(in.Body.TilknyttetRegistreringSom)
		c, err := in.ChangeHeaders.change(ctx, in.Body.Reason)
		if err != nil {
			return nil, fail(ctx, err)
		}
		s, dokID, err := deps.Files.CreateDokument(ctx, id, journal.NewDokument{Tittel: in.Body.Tittel,
			TilknyttetRegistreringSom: string(tilknytning), Dokumenttype: in.Body.Dokumenttype}, c)
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &CreateDokumentOutput{ETag: etag(s.Version)}
		out.Body.DokumentID, out.Body.Journalpost = wireID(kindDokument, dokID), newStaffJournalpost(s)
		return out, nil
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-upload-fil",
		Method:      http.MethodPost,
		Path:        "/v1/admin/dokument/{id}/fil",
		Summary:     "Upload a document's file",
		Description: "Streams the file to the document store while its SHA-256 and size are computed, checks its content " +
			"against the declared media type, and records it as the next version of the variant once it is stored. A file " +
			"over the size limit is refused with 413 as soon as it exceeds it; an unreachable document store gives 503 " +
			"with nothing half-written. Text extraction follows in the background.",
		DefaultStatus: http.StatusCreated,
		RequestBody:   uploadBody(),
		Errors: []int{http.StatusNotFound, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity,
			http.StatusServiceUnavailable},
	}, auth.RoleArkivar), func(ctx context.Context, in *UploadFileInput) (*UploadFileOutput, error) {
		id, ok := parseID(kindDokument, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("dokumentbeskrivelse"))
		}
		up, reason, err := in.upload()
		if err == nil && strings.TrimSpace(reason) == "" {
			err = journal.FieldError("query.reason", "say why (the audit log records it): a reason query parameter or form field")
		}
		if err != nil {
			return nil, fail(ctx, err)
		}
		c, _ := ChangeHeaders{}.change(ctx, reason)
		added, err := deps.Uploads.Upload(ctx, id, up, c)
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &UploadFileOutput{}
		out.Body.ObjektID, out.Body.Versjonsnummer = wireID(kindFil, added.ObjektID), added.Versjonsnummer
		out.Body.Deduplicated, out.Body.TextStatus = added.Deduplicated, "pending"
		return out, nil
	})
	// The multipart form is added to the document after registration: with
	// an object schema in the request body huma would read and parse the
	// body itself, and this operation streams it.
	api.OpenAPI().Paths["/v1/admin/dokument/{id}/fil"].Post.RequestBody.Content["multipart/form-data"] = multipartUpload()
}

// upload reads the request into an Upload: the raw body, or the "file"
// part of a multipart form.
func (in *UploadFileInput) upload() (documents.Upload, string, error) {
	variant, _ := offl.ParseVariantformat(in.Variant)
	up := documents.Upload{Body: in.body, Size: -1, DeclaredType: in.ContentType, Filnavn: in.Filnavn, Variant: variant}
	if in.ContentLength > 0 {
		up.Size = in.ContentLength
	}
	reason := in.Reason
	media, params, _ := mime.ParseMediaType(in.ContentType)
	if media != "multipart/form-data" {
		return up, reason, nil
	}
	form := multipart.NewReader(in.body, params["boundary"])
	for {
		part, err := form.NextPart()
		if errors.Is(err, io.EOF) {
			return up, reason, journal.FieldError("body.file", "the form has no part named file")
		} else if err != nil {
			return up, reason, journal.FieldError("body", "the multipart form is malformed")
		}
		switch part.FormName() {
		case "file":
			up.Body, up.Size, up.DeclaredType = part, -1, part.Header.Get("Content-Type")
			if up.Filnavn == "" {
				up.Filnavn = part.FileName()
			}
			return up, reason, nil
		case "variant", "filnavn", "reason":
			b, _ := io.ReadAll(io.LimitReader(part, 1001))
			value := strings.TrimSpace(string(b))
			switch part.FormName() {
			case "variant":
				if up.Variant, err = offl.ParseVariantformat(value); err != nil {
					return up, reason, journal.FieldError("body.variant", "arkivformat or offentlig_variant")
				}
			case "filnavn":
				up.Filnavn = value
			case "reason":
				reason = value
			}
		}
	}
}

func uploadBody() *huma.RequestBody {
	content := map[string]*huma.MediaType{}
	for _, t := range documents.AcceptedTypes() {
		content[t] = &huma.MediaType{Schema: &huma.Schema{Type: "string", Format: "binary"}}
	}
	return &huma.RequestBody{Required: true, Description: "The file, or a form with it in the part named file.", Content: content}
}

func multipartUpload() *huma.MediaType {
	return &huma.MediaType{Schema: &huma.Schema{Type: "object", Properties: map[string]*huma.Schema{
		"variant": {Type: "string", Enum: []any{"arkivformat", "offentlig_variant"}, Description: "Sent before file."},
		"filnavn": {Type: "string", Description: "Sent before file; default: the part's file name."},
		"reason":  {Type: "string", Description: "Sent before file."},
		"file":    {Type: "string", Format: "binary", Description: "The file; its part's Content-Type is its media type."},
	}, Required: []string{"file"}}}
}
