package api_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/documents"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/testenv"
)

var testNow = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)

// server is the whole API over a fresh database, on a real listener.
type server struct {
	*httptest.Server
	db    *sqlx.DB
	store *postgres.Store
	keys  *postgres.KeyStore
	// clock is the store's and the API's clock, at testNow to begin with.
	clock *testenv.Clock
}

func newServer(t *testing.T, checks ...api.ReadinessCheck) *server {
	t.Helper()
	return newServerWith(t, func(d *api.Deps) { d.Checks = checks })
}

// newServerWith is newServer with deps adjusted by configure.
func newServerWith(t *testing.T, configure func(*api.Deps)) *server {
	t.Helper()
	return newServerOf(t, func(_ *server, d *api.Deps) { configure(d) })
}

// newServerOf is newServer with deps adjusted by configure, which may use
// the server's database and clock.
func newServerOf(t *testing.T, configure func(*server, *api.Deps)) *server {
	t.Helper()
	ctx := context.Background()
	url := testenv.Database(t)
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	publicDB, err := postgres.OpenPublic(ctx, url, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { publicDB.Close() })
	clock := testenv.NewClock(testNow)
	s := &server{db: db, store: postgres.NewStore(db, clock.Now, offl.DefaultPolicy()), keys: postgres.NewKeyStore(db, clock.Now),
		clock: clock}
	public := postgres.NewPublicStore(publicDB)
	deps := api.Deps{Public: public, Search: public, Staff: s.store, Keys: s.keys,
		Catalogue: offl.DefaultCatalogue(), Files: s.store, Now: clock.Now}
	configure(s, &deps)
	if deps.Blobs == nil {
		local, err := blob.NewLocal(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		deps.Blobs = local
	}
	deps.Uploads = documents.NewService(deps.Blobs, s.store, 1<<20)
	s.Server = httptest.NewServer(api.New(deps, zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.WarnLevel)))
	t.Cleanup(s.Close)
	return s
}

func (s *server) load(t *testing.T, b journal.Batch) {
	t.Helper()
	if _, err := s.store.Load(context.Background(), b); err != nil {
		t.Fatal(err)
	}
}

func (s *server) key(t *testing.T, role auth.Role) string {
	t.Helper()
	_, secret, err := s.keys.CreateKey(context.Background(), "test", "test "+string(role), role, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// response is what a request got back.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (s *server) get(t *testing.T, path string, header ...string) response {
	t.Helper()
	return s.do(t, http.MethodGet, path, nil, header...)
}

// do sends a request with an optional JSON body and header pairs.
func (s *server) do(t *testing.T, method, path string, body any, header ...string) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	got, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: got}
}

func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// problem is the part of a problem body tests look at.
type problem struct {
	Status    int    `json:"status"`
	Code      string `json:"code"`
	Detail    string `json:"detail"`
	RequestID string `json:"requestId"`
	Errors    []struct {
		Location string `json:"location"`
	} `json:"errors"`
}

// wantProblem checks a problem answer and returns it.
func (r response) wantProblem(t *testing.T, status int, code string) problem {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q", ct)
	}
	var p problem
	r.decode(t, &p)
	if p.Code != code || p.Status != status {
		t.Errorf("problem %+v, want code %s", p, code)
	}
	if p.RequestID == "" || p.RequestID != r.header.Get("X-Request-ID") {
		t.Errorf("requestId %q, header %q", p.RequestID, r.header.Get("X-Request-ID"))
	}
	return p
}

func (p problem) wantLocation(t *testing.T, location string) {
	t.Helper()
	for _, e := range p.Errors {
		// An item of a list parameter is named with its index: query.x[0].
		if e.Location == location || strings.HasPrefix(e.Location, location+"[") {
			return
		}
	}
	t.Errorf("no error at %s: %+v", location, p.Errors)
}

// batch is a journal of n cases with m entries each, all public.
func batch(cases, entries int) journal.Batch {
	b := journal.Batch{Enheter: []journal.EnhetInput{
		{Kode: "KOMMUNE", Navn: "Testkommune"},
		{Kode: "PLAN", Navn: "Plan og byggesak", ParentKode: "KOMMUNE"},
		{Kode: "OPPV", Navn: "Oppvekst og kultur", ParentKode: "KOMMUNE"},
	}}
	seq := 0
	for c := 1; c <= cases; c++ {
		unit := []string{"PLAN", "OPPV"}[c%2]
		key := fmt.Sprintf("sm-%d", c)
		b.Saksmapper = append(b.Saksmapper, journal.SaksmappeInput{EnhetKode: unit, Saksmappe: offl.Saksmappe{
			SystemID: key, Saksaar: 2024, Sakssekvensnummer: c, Saksdato: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			Tittel: fmt.Sprintf("Sak %d", c)}})
		for n := 1; n <= entries; n++ {
			seq++
			b.Journalposts = append(b.Journalposts, journal.JournalpostInput{SaksmappeSystemID: key, EnhetKode: unit,
				Journalpost: offl.Journalpost{
					SystemID: fmt.Sprintf("jp-%d", seq), Journalaar: 2024, Journalsekvensnummer: seq, Journalpostnummer: n,
					Journalposttype: []offl.Journalposttype{offl.Inngaaende, offl.Utgaaende}[seq%2], Journalstatus: offl.Journalfoert,
					Tittel: fmt.Sprintf("Brev nummer %d", seq),
					// Several entries share a date, so the order must break ties.
					Journaldato: time.Date(2024, 1, 1+seq/3, 0, 0, 0, 0, time.UTC),
					Korrespondansepart: []offl.Korrespondansepart{{Korrespondanseparttype: offl.Avsender,
						Navn: fmt.Sprintf("Firma %d AS", seq)}},
				}})
		}
	}
	return b
}

func contains(body []byte, s string) bool { return strings.Contains(string(body), s) }

// startJobs starts a test's River client; its workers run until the test
// ends.
func startJobs(t *testing.T, client *river.Client[*sql.Tx]) {
	t.Helper()
	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		client.Stop(ctx)
	})
}
