package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/offl"
)

func TestMarkingThroughTheAPI(t *testing.T) {
	s := newServer(t)
	b := batch(1, 1)
	b.Journalposts[0].Journalpost.Tittel = "Søknad om barnehageplass til Ola Nordmann"
	b.Journalposts[0].Journalpost.Korrespondansepart[0] = offl.Korrespondansepart{Korrespondanseparttype: offl.Avsender, Navn: "Kari Nordmann", ErPerson: true}
	s.load(t, b)
	var p page
	s.get(t, "/v1/journalpost").decode(t, &p)
	id := p.Items[0].ID
	caseID := p.Items[0].Saksmappe.ID
	key := s.key(t, auth.RoleArkivar)
	bearer := []string{"Authorization", "Bearer " + key}
	publicBodies := func() string {
		return string(s.get(t, "/v1/journalpost/"+id).body) + string(s.get(t, "/v1/journalpost?limit=100").body) +
			string(s.get(t, "/v1/saksmappe/"+caseID).body) + string(s.get(t, "/v1/saksmappe").body)
	}
	staff := s.get(t, "/v1/admin/journalpost/"+id, bearer...)
	etag := staff.header.Get("ETag")

	mark := map[string]any{
		"tilgangsrestriksjon": "UO",
		"skjermingshjemmel":   "Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
		"screens":             map[string]any{"titlePhrases": []string{"Ola Nordmann"}, "names": true},
		"reason":              "Søknaden gjelder et barn.",
	}
	r := s.do(t, http.MethodPut, "/v1/admin/journalpost/"+id+"/skjerming", mark, append(bearer, "If-Match", etag)...)
	if r.status != http.StatusOK || r.header.Get("ETag") == etag {
		t.Fatalf("mark: %d %s", r.status, r.body)
	}
	if all := publicBodies(); strings.Contains(all, "Nordmann") || !strings.Contains(all, "***** *****") {
		t.Fatalf("right after marking the public sees: %s", all)
	}

	t.Run("a stale If-Match is 412", func(t *testing.T) {
		s.do(t, http.MethodPut, "/v1/admin/journalpost/"+id+"/skjerming", mark, append(bearer, "If-Match", etag)...).
			wantProblem(t, http.StatusPreconditionFailed, "precondition_failed")
	})
	t.Run("a misspelt phrase is 422 naming it", func(t *testing.T) {
		bad := map[string]any{"skjermingshjemmel": "Offl. § 13", "screens": map[string]any{"titlePhrases": []string{"Ola Nordman"}}, "reason": "x"}
		s.do(t, http.MethodPut, "/v1/admin/journalpost/"+id+"/skjerming", bad, bearer...).
			wantProblem(t, http.StatusUnprocessableEntity, "invalid").wantLocation(t, "body.screens.titlePhrases[0]")
	})
	t.Run("a discretionary basis without meirinnsyn is 422", func(t *testing.T) {
		bad := map[string]any{"skjermingshjemmel": "Offl. § 14", "screens": map[string]any{"allDocuments": true}, "reason": "x"}
		s.do(t, http.MethodPut, "/v1/admin/journalpost/"+id+"/skjerming", bad, bearer...).
			wantProblem(t, http.StatusUnprocessableEntity, "invalid").wantLocation(t, "body.meirinnsyn")
	})
	t.Run("a reader key cannot mark", func(t *testing.T) {
		s.do(t, http.MethodPut, "/v1/admin/journalpost/"+id+"/skjerming", mark, "Authorization", "Bearer "+s.key(t, auth.RoleReader)).
			wantProblem(t, http.StatusForbidden, "forbidden")
	})

	r = s.do(t, http.MethodDelete, "/v1/admin/journalpost/"+id+"/skjerming?reason="+url.QueryEscape("Vedtaket er fattet."), nil, bearer...)
	if r.status != http.StatusOK {
		t.Fatalf("lift: %d %s", r.status, r.body)
	}
	if all := publicBodies(); !strings.Contains(all, "Ola Nordmann") || !strings.Contains(all, "Kari Nordmann") {
		t.Errorf("after lifting the public does not see the words: %s", all)
	}

	var audit struct{ Items []api.AuditEntry }
	s.get(t, "/v1/admin/audit?objectId="+id, bearer...).decode(t, &audit)
	if len(audit.Items) != 2 || audit.Items[0].Action != "skjerming.lift" || audit.Items[1].Action != "skjerming.set" ||
		audit.Items[1].Reason != "Søknaden gjelder et barn." || !strings.Contains(audit.Items[1].Actor, "test arkivar") ||
		audit.Items[0].ObjectID != id || audit.Items[1].RequestID == "" {
		t.Errorf("audit: %+v", audit.Items)
	}
	s.get(t, "/v1/admin/audit").wantProblem(t, http.StatusUnauthorized, "unauthorized")
}

func TestParseAndCatalogueThroughTheAPI(t *testing.T) {
	s := newServer(t)
	var cat struct {
		Items         []api.Skjermingshjemmel
		RefusalRights api.LangText
	}
	s.get(t, "/v1/skjermingshjemmel").decode(t, &cat)
	if len(cat.Items) < 30 || cat.Items[1].ID != "offl-13" || !cat.Items[1].Mandatory || cat.Items[1].Explanation.NN == "" ||
		cat.RefusalRights.EN == "" {
		t.Errorf("catalogue: %d items, %+v", len(cat.Items), cat.Items[:2])
	}
	bearer := []string{"Authorization", "Bearer " + s.key(t, auth.RoleArkivar)}
	var parsed api.ParsedSkjermingshjemmel
	s.do(t, http.MethodPost, "/v1/admin/skjermingshjemmel/parse", map[string]string{"skjermingshjemmel": "Offl § 13, jf fvl §13 1.ledd nr 1"}, bearer...).decode(t, &parsed)
	if parsed.Canonical != "Offl. § 13 jf. fvl. § 13 første ledd nr. 1" || parsed.Provision == nil || parsed.Provision.ID != "offl-13" ||
		len(parsed.Citations) != 2 || parsed.Citations[1].Numbers[0] != "1" || parsed.NeedsReview {
		t.Errorf("parsed: %+v", parsed)
	}
	s.do(t, http.MethodPost, "/v1/admin/skjermingshjemmel/parse", map[string]string{"skjermingshjemmel": "Unntatt offentlighet"}, bearer...).decode(t, &parsed)
	if parsed.Parsed || !parsed.NeedsReview || len(parsed.Warnings) == 0 {
		t.Errorf("unparsable: %+v", parsed)
	}
}

func TestReviewThroughTheAPI(t *testing.T) {
	s := newServer(t)
	b := batch(1, 1)
	b.Journalposts[0].Journalpost.Tittel = "Søknad om startlån 010170 12343"
	s.load(t, b)
	bearer := []string{"Authorization", "Bearer " + s.key(t, auth.RoleArkivar)}
	var queue struct{ Items []api.ReviewItem }
	s.get(t, "/v1/admin/review?reason=identity_number", bearer...).decode(t, &queue)
	if len(queue.Items) != 1 || queue.Items[0].Numbers[0] != "01017012343" {
		t.Fatalf("queue: %+v", queue.Items)
	}
	var p page
	if s.get(t, "/v1/journalpost").decode(t, &p); len(p.Items) != 0 {
		t.Fatal("the entry is public before review")
	}
	resolve := map[string]any{"action": "skjerming", "reason": "Fødselsnummer skjermes.", "skjerming": map[string]any{
		"skjermingshjemmel": "Offl. § 26 femte ledd", "screens": map[string]any{"titlePhrases": []string{"010170 12343"}},
		"meirinnsyn": map[string]any{"vurdertAv": "Kari", "vurdertDato": "2025-03-14", "utfall": "unntak_opprettholdt", "begrunnelse": "Fødselsnummer publiseres aldri."}}}
	r := s.do(t, http.MethodPost, "/v1/admin/review/"+queue.Items[0].ID+"/resolve", resolve, bearer...)
	if r.status != http.StatusOK {
		t.Fatalf("resolve: %d %s", r.status, r.body)
	}
	if s.get(t, "/v1/journalpost").decode(t, &p); len(p.Items) != 1 || p.Items[0].OffentligTittel != "Søknad om startlån ***** *****" {
		t.Errorf("after review: %+v", p.Items)
	}
	s.get(t, "/v1/admin/review?status=resolved", bearer...).decode(t, &queue)
	if len(queue.Items) != 1 || queue.Items[0].Resolution != "skjerming" {
		t.Errorf("resolved: %+v", queue.Items)
	}
}
