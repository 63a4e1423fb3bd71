package api_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/importer"
	"github.com/innsyn/innsyn/internal/jobs"
	"github.com/innsyn/innsyn/internal/postgres"
)

// newImportServer is the API with import jobs run by a River client.
func newImportServer(t *testing.T) *server {
	t.Helper()
	return newServerOf(t, func(s *server, d *api.Deps) {
		blobs, err := blob.NewLocal(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		d.Blobs = blobs
		store := postgres.NewImportJobs(s.db, s.clock.Now)
		runner := &importer.Jobs{Store: store, Blobs: blobs, MaxUpload: 1 << 20,
			Importer: importer.New(s.store, importer.DocumentFiles{Blobs: blobs, MaxBytes: 1 << 20})}
		cfg := jobs.DefaultConfig()
		cfg.PollInterval = 100 * time.Millisecond
		client, err := jobs.NewClient(s.db.DB, cfg, jobs.Deps{Refresher: s.store, Files: s.store, Blobs: blobs, Now: s.clock.Now, Imports: runner})
		if err != nil {
			t.Fatal(err)
		}
		store.SetQueue(jobs.Queue{Client: client})
		s.store.SetTextQueue(jobs.Queue{Client: client})
		startJobs(t, client)
		d.Imports = runner
	})
}

const postliste = "Saksnummer;Dokumentnummer;Journalnummer;Journaldato;Journalposttype;Tittel;Avsender/mottaker;Enhet\n" +
	"2025/10;1;2025/004511;02.05.2025;I;Søknad om skjenkebevilling - Café Nord;Café Nord AS;Næring\n" +
	"2025/10;2;2025/004602;06.05.2025;U;Vedtak om skjenkebevilling - Café Nord;Café Nord AS;Næring\n" +
	"2025/11;1;2025/004650;07.05.2025;I;Byggesøknad - gnr. 12 bnr. 3;Ola Nordmann;Byggesak\n"

// waitJob polls a job until it is done or failed.
func waitJob(t *testing.T, s *server, id string, bearer []string) api.ImportJob {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var job api.ImportJob
		s.get(t, "/v1/admin/import/"+id, bearer...).decode(t, &job)
		if job.Status == "done" || job.Status == "failed" {
			return job
		}
		if time.Now().After(deadline) {
			t.Fatalf("job still %s", job.Status)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestImportThroughTheAPI(t *testing.T) {
	s := newImportServer(t)
	key := s.key(t, auth.RoleArkivar)
	bearer := []string{"Authorization", "Bearer " + key}
	upload := func(body, query string) response {
		req, _ := http.NewRequest(http.MethodPost, s.URL+"/v1/admin/import?"+query, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/octet-stream")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return response{status: res.StatusCode, header: res.Header, body: b}
	}
	r := upload(postliste, "filename=postliste.csv")
	if r.status != http.StatusAccepted {
		t.Fatalf("start: %d %s", r.status, r.body)
	}
	var started api.ImportJob
	r.decode(t, &started)
	job := waitJob(t, s, started.ID, bearer)
	if job.Status != "done" || job.Summary == nil || job.Summary.Journalposts.Created != 3 || job.Summary.Saksmapper.Created != 2 {
		t.Fatalf("job: %+v %+v", job, job.Summary)
	}
	var p page
	s.get(t, "/v1/journalpost").decode(t, &p)
	if len(p.Items) != 3 {
		t.Errorf("%d public entries after the import, want 3", len(p.Items))
	}
	// The same export again changes nothing, and says so.
	r = upload(postliste, "filename=postliste.csv")
	r.decode(t, &started)
	job = waitJob(t, s, started.ID, bearer)
	if job.Summary == nil || job.Summary.Changed || job.Summary.Journalposts.Unchanged != 3 {
		t.Fatalf("second import: %+v", job.Summary)
	}
	// A broken file is a failed job with a reason, not a crash.
	r = upload("<arkiv xmlns=\"http://www.arkivverket.no/standarder/noark5/arkivstruktur\"><arkivdel><mappe", "filename=arkivstruktur.xml")
	r.decode(t, &started)
	job = waitJob(t, s, started.ID, bearer)
	if job.Status != "failed" || job.Error == "" || job.Summary == nil || job.Summary.Fatal == "" || job.Summary.ProblemCount == 0 ||
		job.Summary.Problems[0].Line == 0 {
		t.Errorf("broken XML: %+v %+v", job, job.Summary)
	}
	upload(postliste, "").wantProblem(t, http.StatusUnprocessableEntity, "invalid")
	big := bytes.Repeat([]byte("x"), 2<<20)
	upload(string(big), "filename=big.csv").wantProblem(t, http.StatusRequestEntityTooLarge, "too_large")
	s.get(t, "/v1/admin/import/imp_00000000000000000000000000000000", bearer...).wantProblem(t, http.StatusNotFound, "not_found")
	reader := s.key(t, auth.RoleReader)
	s.get(t, "/v1/admin/import/"+started.ID, "Authorization", "Bearer "+reader).wantProblem(t, http.StatusForbidden, "forbidden")
}
