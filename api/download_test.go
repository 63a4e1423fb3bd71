package api_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/blob/blobtest"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// upload sends a file as a raw body.
func (s *server) upload(t *testing.T, key, dokID, filnavn, contentType string, body []byte) response {
	t.Helper()
	q := url.Values{"filnavn": {filnavn}, "reason": {"innkommet"}}
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/v1/admin/dokument/"+dokID+"/fil?"+q.Encode(), bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	got, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: got}
}

// extracted records text for every pending file, as the extraction job
// would, so that files can be published without running it.
func (s *server) extracted(t *testing.T, text string) {
	t.Helper()
	var ids []string
	s.db.Select(&ids, `SELECT id FROM dokumentobjekt WHERE text_status = 'pending'`)
	for _, id := range ids {
		if err := s.store.SaveText(context.Background(), id, journal.ExtractedText{Status: "ok", Text: text, Pages: 1}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestUploadAndDownload(t *testing.T) {
	blobs := blobtest.NewS3(t)
	for _, mode := range []string{"stream", "redirect"} {
		t.Run(mode, func(t *testing.T) {
			s := newServerWith(t, func(d *api.Deps) {
				d.Blobs = blobs
				d.Download = api.DownloadConfig{Redirect: mode == "redirect", PresignTTL: 2 * time.Second}
			})
			s.load(t, batch(1, 1))
			var p page
			s.get(t, "/v1/journalpost").decode(t, &p)
			key := s.key(t, auth.RoleArkivar)
			bearer := []string{"Authorization", "Bearer " + key}
			var created struct {
				DokumentID string `json:"dokumentId"`
			}
			cr := s.do(t, http.MethodPost, "/v1/admin/journalpost/"+p.Items[0].ID+"/dokument",
				map[string]string{"tittel": "Søknad", "tilknyttetRegistreringSom": "hoveddokument", "reason": "mottatt"}, bearer...)
			if cr.status != http.StatusCreated {
				t.Fatalf("create: %d %s", cr.status, cr.body)
			}
			cr.decode(t, &created)
			content := []byte("%PDF-1.4\nsøknad om løyve\n%%EOF\n")
			r := s.upload(t, key, created.DokumentID, "Søknad om løyve.pdf", "application/pdf", content)
			if r.status != http.StatusCreated {
				t.Fatalf("upload: %d %s", r.status, r.body)
			}
			fil := "/v1/dokument/" + created.DokumentID + "/fil"
			s.get(t, fil).wantProblem(t, http.StatusNotFound, "not_found") // not checked yet
			s.extracted(t, "søknad om løyve for garasje")

			var doc api.Dokument
			s.get(t, "/v1/dokument/"+created.DokumentID).decode(t, &doc)
			if doc.Fil == nil || doc.Fil.Filnavn != "Søknad om løyve.pdf" || doc.Fil.Storrelse != int64(len(content)) {
				t.Fatalf("document: %+v", doc)
			}
			var found page
			s.get(t, "/v1/journalpost?q=garasje").decode(t, &found)
			if len(found.Items) != 1 {
				t.Errorf("the document text is not searchable: %d hits", len(found.Items))
			}

			res := rawGet(t, s.URL+fil, nil)
			if mode == "redirect" {
				if res.status != http.StatusFound || res.header.Get("Cache-Control") != "no-store" {
					t.Fatalf("redirect: %d %v", res.status, res.header)
				}
				direct := rawGet(t, res.header.Get("Location"), nil)
				if direct.status != http.StatusOK || !bytes.Equal(direct.body, content) ||
					!strings.Contains(direct.header.Get("Content-Disposition"), "filename*=UTF-8''S%C3%B8knad%20om%20l%C3%B8yve.pdf") {
					t.Fatalf("presigned GET: %d %v", direct.status, direct.header)
				}
				time.Sleep(3 * time.Second)
				if expired := rawGet(t, res.header.Get("Location"), nil); expired.status != http.StatusForbidden {
					t.Errorf("an expired presigned URL answered %d", expired.status)
				}
			} else {
				if res.status != http.StatusOK || !bytes.Equal(res.body, content) || res.header.Get("Content-Type") != "application/pdf" ||
					res.header.Get("Content-Length") != fmt.Sprint(len(content)) || res.header.Get("ETag") != `"`+doc.Fil.Sjekksum+`"` ||
					!strings.Contains(res.header.Get("Content-Disposition"), "filename*=UTF-8''S%C3%B8knad%20om%20l%C3%B8yve.pdf") {
					t.Fatalf("stream: %d %v %q", res.status, res.header, res.body)
				}
				part := rawGet(t, s.URL+fil, map[string]string{"Range": "bytes=5-7"})
				if part.status != http.StatusPartialContent || string(part.body) != string(content[5:8]) ||
					part.header.Get("Content-Range") != fmt.Sprintf("bytes 5-7/%d", len(content)) {
					t.Errorf("range: %d %v %q", part.status, part.header, part.body)
				}
				if bad := rawGet(t, s.URL+fil, map[string]string{"Range": "bytes=999-"}); bad.status != http.StatusRequestedRangeNotSatisfiable {
					t.Errorf("range past the end: %d", bad.status)
				}
				if same := rawGet(t, s.URL+fil, map[string]string{"If-None-Match": res.header.Get("ETag")}); same.status != http.StatusNotModified {
					t.Errorf("If-None-Match: %d", same.status)
				}
			}

			// Screening the document removes the file and its text from every public route.
			mark := map[string]any{"skjermingshjemmel": "Offl. § 13", "screens": map[string]any{"documents": []string{created.DokumentID}},
				"reason": "taushetsbelagt"}
			if r := s.do(t, http.MethodPut, "/v1/admin/journalpost/"+p.Items[0].ID+"/skjerming", mark, bearer...); r.status != http.StatusOK {
				t.Fatalf("mark: %d %s", r.status, r.body)
			}
			s.get(t, fil).wantProblem(t, http.StatusNotFound, "not_found")
			s.get(t, "/v1/dokument/"+created.DokumentID).wantProblem(t, http.StatusNotFound, "not_found")
			if s.get(t, "/v1/journalpost?q=garasje").decode(t, &found); len(found.Items) != 0 {
				t.Error("the screened document's text is still searchable")
			}
		})
	}
}

func TestUploadMultipartAndLimits(t *testing.T) {
	blobs := blobtest.NewS3(t)
	s := newServerWith(t, func(d *api.Deps) { d.Blobs = blobs })
	s.load(t, batch(1, 1))
	var p page
	s.get(t, "/v1/journalpost").decode(t, &p)
	key := s.key(t, auth.RoleArkivar)
	var created struct {
		DokumentID string `json:"dokumentId"`
	}
	s.do(t, http.MethodPost, "/v1/admin/journalpost/"+p.Items[0].ID+"/dokument",
		map[string]string{"tittel": "Vedlegg", "tilknyttetRegistreringSom": "vedlegg", "reason": "mottatt"},
		"Authorization", "Bearer "+key).decode(t, &created)

	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	form.WriteField("variant", "offentlig_variant")
	form.WriteField("reason", "sladdet utgave")
	w, _ := form.CreateFormFile("file", "Tegning ærlig.pdf")
	w.Write([]byte("%PDF-1.4\nsladdet\n"))
	form.Close()
	r := s.upload(t, key, created.DokumentID, "", form.FormDataContentType(), body.Bytes())
	if r.status != http.StatusCreated {
		t.Fatalf("multipart: %d %s", r.status, r.body)
	}
	staff := s.get(t, "/v1/admin/journalpost/"+p.Items[0].ID, "Authorization", "Bearer "+key)
	if !contains(staff.body, `"variantformat":"offentlig_variant"`) || !contains(staff.body, "Tegning ærlig.pdf") {
		t.Errorf("staff record: %s", staff.body)
	}
	s.upload(t, key, created.DokumentID, "x.pdf", "application/pdf", []byte("not a pdf")).wantProblem(t, 422, "invalid")
	s.upload(t, s.key(t, auth.RoleReader), created.DokumentID, "x.pdf", "application/pdf", []byte("%PDF-")).wantProblem(t, 403, "forbidden")
	s.upload(t, key, "dok_00000000000000000000000000000000", "x.pdf", "application/pdf", []byte("%PDF-")).wantProblem(t, 404, "not_found")
}

func rawGet(t *testing.T, u string, header map[string]string) response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func TestUploadWhenTheStoreIsDown(t *testing.T) {
	down, err := blob.NewS3(context.Background(), blob.S3Config{Endpoint: "127.0.0.1:1", AccessKey: "a", SecretKey: "b",
		Region: "us-east-1", Bucket: "innsyn-unreachable", PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	s := newServerWith(t, func(d *api.Deps) { d.Blobs = down })
	b := batch(1, 1)
	b.Journalposts[0].Journalpost.Dokumentbeskrivelse = []offl.Dokumentbeskrivelse{{SystemID: "d", Dokumentnummer: 1,
		TilknyttetRegistreringSom: offl.Hoveddokument, Tittel: "Brev"}}
	s.load(t, b)
	var dok string
	s.db.Get(&dok, `SELECT 'dok_' || replace(id::text, '-', '') FROM dokumentbeskrivelse`)
	r := s.upload(t, s.key(t, auth.RoleArkivar), dok, "brev.pdf", "application/pdf", []byte("%PDF-1.4\n"))
	r.wantProblem(t, http.StatusServiceUnavailable, "unavailable")
	if r.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	var n int
	s.db.Get(&n, `SELECT count(*) FROM dokumentobjekt`)
	if n != 0 {
		t.Errorf("%d rows after a failed upload", n)
	}
}
