package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/offl"
)

type page struct {
	Items []api.Journalpost `json:"items"`
	Next  string            `json:"next"`
}

func TestPaginationVisitsEveryEntryOnce(t *testing.T) {
	s := newServer(t)
	s.load(t, batch(7, 5)) // 35 entries, 12 distinct dates
	seen := map[string]int{}
	cursor := ""
	pages := 0
	for {
		path := "/v1/journalpost?limit=4"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		r := s.get(t, path)
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d %s", path, r.status, r.body)
		}
		var p page
		r.decode(t, &p)
		pages++
		for _, j := range p.Items {
			seen[j.ID]++
		}
		if p.Next == "" {
			if r.header.Get("Link") != "" {
				t.Errorf("a Link header on the last page")
			}
			break
		}
		if !strings.Contains(r.header.Get("Link"), `rel="next"`) {
			t.Errorf("Link = %q", r.header.Get("Link"))
		}
		if len(p.Items) != 4 {
			t.Errorf("page %d has %d items", pages, len(p.Items))
		}
		cursor = p.Next
	}
	if len(seen) != 35 || pages != 9 {
		t.Errorf("saw %d entries in %d pages", len(seen), pages)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s seen %d times", id, n)
		}
	}
}

func TestListFilters(t *testing.T) {
	s := newServer(t)
	s.load(t, batch(4, 3)) // cases 1,3 in OPPV; 2,4 in PLAN; 12 entries
	tests := []struct {
		query string
		want  int
	}{
		{"", 12},
		{"saksnummer=2024/2", 3},
		{"saksnummer=24/2", 3},
		{"saksnummer=2024/2-3", 1},
		{"saksnummer=2024/2&journalpostnummer=2", 1},
		{"journalposttype=inngaaende_dokument", 6},
		{"journalposttype=inngaaende_dokument&journalposttype=utgaaende_dokument", 12},
		{"administrativEnhet=PLAN", 6},
		{"administrativEnhet=KOMMUNE", 12},
		{"administrativEnhet=KOMMUNE&includeSubunits=false", 0},
		{"journaldatoFrom=2024-01-03&journaldatoTo=2024-01-04", 6},
		{"journaldatoFrom=2030-01-01", 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := s.get(t, "/v1/journalpost?limit=100&"+tt.query)
			if r.status != http.StatusOK {
				t.Fatalf("%d %s", r.status, r.body)
			}
			var p page
			r.decode(t, &p)
			if len(p.Items) != tt.want {
				t.Errorf("%d items, want %d", len(p.Items), tt.want)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	s := newServer(t)
	s.load(t, batch(1, 1))
	tests := []struct {
		path     string
		status   int
		location string
	}{
		{"/v1/journalpost?cursor=garbage", 400, "query.cursor"},
		{"/v1/journalpost?cursor=" + url.QueryEscape("eyJsIjoic2Frc21hcHBlIn0"), 400, "query.cursor"}, // another list's cursor
		{"/v1/journalpost?limit=0", 422, "query.limit"},
		{"/v1/journalpost?limit=101", 422, "query.limit"},
		{"/v1/journalpost?limit=ten", 422, "query.limit"},
		{"/v1/journalpost?journaldatoFrom=2024-13-01", 422, "query.journaldatoFrom"},
		{"/v1/journalpost?journaldatoFrom=2024-02-01&journaldatoTo=2024-01-01", 422, "query.journaldatoTo"},
		{"/v1/journalpost?saksnummer=2024-12", 422, "query.saksnummer"},
		{"/v1/journalpost?journalposttype=brev", 422, "query.journalposttype"},
		{"/v1/journalpost?administrativEnhet=NOPE", 422, "query.administrativEnhet"},
		{"/v1/journalpost?nosuchparam=1", 422, "query.nosuchparam"},
		{"/v1/saksmappe?cursor=" + url.QueryEscape("!!"), 400, "query.cursor"},
		{"/v1/enhet?limit=1000", 422, "query.limit"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			code := "invalid"
			if tt.location == "query.cursor" {
				code = "invalid_cursor"
			}
			s.get(t, tt.path).wantProblem(t, tt.status, code).wantLocation(t, tt.location)
		})
	}
	t.Run("a malformed query string", func(t *testing.T) {
		s.get(t, "/v1/saksmappe?cursor=%%%").wantProblem(t, http.StatusBadRequest, "invalid")
	})
}

func TestNotFound(t *testing.T) {
	s := newServer(t)
	s.load(t, batch(1, 1))
	for _, path := range []string{
		"/v1/journalpost/jp_00000000000000000000000000000000",
		"/v1/journalpost/not-an-id",
		"/v1/journalpost/sm_00000000000000000000000000000000",
		"/v1/saksmappe/sm_00000000000000000000000000000000",
		"/v1/nothing-here",
	} {
		t.Run(path, func(t *testing.T) { s.get(t, path).wantProblem(t, http.StatusNotFound, "not_found") })
	}
	t.Run("a hidden entry answers like a missing one", func(t *testing.T) {
		b := batch(1, 2)
		b.Journalposts[1].Journalpost.Journalstatus = offl.Reservert
		s.load(t, b)
		var id string
		s.db.Get(&id, `SELECT replace(id::text, '-', '') FROM journalpost WHERE system_id = 'jp-2'`)
		hidden := s.get(t, "/v1/journalpost/jp_"+id).wantProblem(t, 404, "not_found")
		missing := s.get(t, "/v1/journalpost/jp_00000000000000000000000000000000").wantProblem(t, 404, "not_found")
		if hidden.Detail != missing.Detail {
			t.Errorf("details differ: %q vs %q", hidden.Detail, missing.Detail)
		}
	})
	t.Run("wrong method", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodDelete, s.URL+"/v1/journalpost", nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
	})
}

func TestStaffEndpointAuth(t *testing.T) {
	s := newServer(t)
	b := batch(1, 1)
	b.Journalposts[0].Journalpost.Tittel = "Søknad fra Kari Hemmelig"
	b.Journalposts[0].Journalpost.Skjerming = &offl.Skjerming{Skjermingshjemmel: "Offl. § 13",
		Screens: offl.Screens{Title: offl.TitleScreen{Phrases: []string{"Kari Hemmelig"}}}}
	s.load(t, b)
	var p page
	s.get(t, "/v1/journalpost").decode(t, &p)
	path := "/v1/admin/journalpost/" + p.Items[0].ID
	if contains(s.get(t, "/v1/journalpost/"+p.Items[0].ID).body, "Hemmelig") {
		t.Fatal("the screened name is public")
	}

	t.Run("no key is 401 with a challenge", func(t *testing.T) {
		r := s.get(t, path)
		r.wantProblem(t, http.StatusUnauthorized, "unauthorized")
		if r.header.Get("WWW-Authenticate") == "" {
			t.Error("no WWW-Authenticate")
		}
	})
	t.Run("an unknown key is 401", func(t *testing.T) {
		s.get(t, path, "Authorization", "Bearer innsyn_nope").wantProblem(t, 401, "unauthorized")
	})
	t.Run("a reader key is 403", func(t *testing.T) {
		s.get(t, path, "Authorization", "Bearer "+s.key(t, auth.RoleReader)).wantProblem(t, 403, "forbidden")
	})
	for _, role := range []auth.Role{auth.RoleArkivar, auth.RoleAdmin} {
		t.Run(string(role)+" sees the full record", func(t *testing.T) {
			r := s.get(t, path, "Authorization", "Bearer "+s.key(t, role))
			if r.status != http.StatusOK || !contains(r.body, "Søknad fra Kari Hemmelig") {
				t.Fatalf("%d %s", r.status, r.body)
			}
			var full api.StaffJournalpost
			r.decode(t, &full)
			if r.header.Get("ETag") == "" || full.Skjerming == nil || !full.Publication.Published {
				t.Errorf("etag %q, record %+v", r.header.Get("ETag"), full)
			}
		})
	}
	t.Run("a revoked key is 401", func(t *testing.T) {
		k, secret, err := s.keys.CreateKey(context.Background(), "test", "to revoke", auth.RoleArkivar, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.keys.RevokeKey(context.Background(), "test", k.ID); err != nil {
			t.Fatal(err)
		}
		s.get(t, path, "Authorization", "Bearer "+secret).wantProblem(t, 401, "unauthorized")
	})
	t.Run("an expired key is 401", func(t *testing.T) {
		_, secret, err := s.keys.CreateKey(context.Background(), "test", "short-lived", auth.RoleArkivar, testNow.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		s.db.MustExec(`UPDATE api_key SET expires_at = $1 WHERE name = 'short-lived'`, testNow.Add(-time.Second))
		s.get(t, path, "Authorization", "Bearer "+secret).wantProblem(t, 401, "unauthorized")
	})
}

func TestRequestID(t *testing.T) {
	s := newServer(t)
	r := s.get(t, "/healthz", "X-Request-ID", "abc-123")
	if r.header.Get("X-Request-ID") != "abc-123" {
		t.Errorf("a well-formed request ID was not kept: %q", r.header.Get("X-Request-ID"))
	}
	r = s.get(t, "/healthz", "X-Request-ID", "bad id\twith spaces")
	if id := r.header.Get("X-Request-ID"); id == "" || strings.Contains(id, " ") {
		t.Errorf("a malformed request ID was kept: %q", id)
	}
}

func TestInternalErrorsAreNotShown(t *testing.T) {
	s := newServer(t)
	s.db.MustExec(`ALTER TABLE public_journalpost RENAME TO public_journalpost_gone`)
	r := s.get(t, "/v1/journalpost")
	p := r.wantProblem(t, http.StatusInternalServerError, "internal")
	for _, leak := range []string{"public_journalpost", "pq:", "relation", "SELECT", ".go"} {
		if contains(r.body, leak) {
			t.Errorf("the body shows %q: %s", leak, r.body)
		}
	}
	if p.RequestID == "" {
		t.Error("no request ID to quote")
	}
}

func TestReadiness(t *testing.T) {
	healthy := api.ReadinessCheck{Name: "database", Check: func(context.Context) error { return nil }}
	down := api.ReadinessCheck{Name: "documents", Check: func(context.Context) error { return errors.New("dial tcp: refused") }}
	if r := newServer(t, healthy).get(t, "/readyz"); r.status != http.StatusOK {
		t.Errorf("ready: %d %s", r.status, r.body)
	}
	r := newServer(t, healthy, down).get(t, "/readyz")
	if r.status != http.StatusServiceUnavailable || !contains(r.body, `"name":"documents","status":"unavailable"`) {
		t.Errorf("not ready: %d %s", r.status, r.body)
	}
	if contains(r.body, "refused") {
		t.Errorf("the check's error is shown: %s", r.body)
	}
}

func TestSaksmappeAndEnhet(t *testing.T) {
	s := newServer(t)
	s.load(t, batch(3, 2))
	var cases struct {
		Items []api.Saksmappe `json:"items"`
	}
	s.get(t, "/v1/saksmappe").decode(t, &cases)
	if len(cases.Items) != 3 || cases.Items[0].Saksnummer != "2024/3" {
		t.Fatalf("cases %+v", cases.Items)
	}
	var one api.Saksmappe
	s.get(t, "/v1/saksmappe/"+cases.Items[0].ID).decode(t, &one)
	if len(one.Journalpost) != 2 || one.Journalpost[0].Journalpostnummer != 1 || one.AdministrativEnhet == nil {
		t.Errorf("case %+v", one)
	}
	var units struct {
		Items []api.Enhet `json:"items"`
	}
	s.get(t, "/v1/enhet").decode(t, &units)
	if len(units.Items) != 3 || units.Items[0].Enhetskode != "KOMMUNE" || units.Items[1].Parent != units.Items[0].ID {
		t.Errorf("units %+v", units.Items)
	}
}
