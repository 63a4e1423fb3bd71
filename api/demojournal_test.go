package api_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/demojournal"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Over the whole demo journal: following next visits every public entry
// exactly once, and what a screened entry withholds appears in none of its
// public responses but on the staff endpoint.
func TestDemoJournalThroughTheAPI(t *testing.T) {
	s := newServer(t)
	opts := demojournal.DemoOptions()
	opts.Files = false
	withheld := map[string][]string{} // entry SystemID → withheld terms
	wantPublic := 0
	err := demojournal.Generate(opts, func(b journal.Batch, _ []demojournal.File) error {
		for _, in := range b.Journalposts {
			jp := in.Journalpost
			jp.ID = jp.SystemID
			if offl.PublishJournalpost(jp, testNow, offl.DefaultPolicy()).Visible() {
				wantPublic++
				if terms := offl.WithheldTerms(jp, testNow); len(terms) > 0 {
					withheld[jp.SystemID] = terms
				}
			}
		}
		_, err := s.store.Load(context.Background(), b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(withheld) < 100 {
		t.Fatalf("only %d public entries withhold anything: the test would prove little", len(withheld))
	}

	var ids []string
	seen := map[string]bool{}
	cursor := ""
	for {
		r := s.get(t, "/v1/journalpost?limit=100&cursor="+url.QueryEscape(cursor))
		var p page
		r.decode(t, &p)
		for _, j := range p.Items {
			if seen[j.ID] {
				t.Fatalf("%s on two pages", j.ID)
			}
			seen[j.ID] = true
			ids = append(ids, j.ID)
		}
		if cursor = p.Next; cursor == "" {
			break
		}
	}
	if len(ids) != wantPublic {
		t.Fatalf("walked %d entries, the law publishes %d", len(ids), wantPublic)
	}

	key := s.key(t, auth.RoleArkivar)
	checked := 0
	for _, id := range ids {
		staff := s.get(t, "/v1/admin/journalpost/"+id, "Authorization", "Bearer "+key)
		var full api.StaffJournalpost
		staff.decode(t, &full)
		terms := withheld[full.SystemID]
		if len(terms) == 0 {
			continue
		}
		checked++
		public := s.get(t, "/v1/journalpost/"+id)
		var entry api.Journalpost
		public.decode(t, &entry)
		caseBody := s.get(t, "/v1/saksmappe/"+entry.Saksmappe.ID).body
		for _, term := range terms {
			if containsFold(public.body, term) || containsFold(caseBody, term) {
				t.Errorf("%s: the withheld %q is public", full.SystemID, term)
			}
			if !contains(staff.body, term) {
				t.Errorf("%s: the staff record lacks %q", full.SystemID, term)
			}
		}
	}
	if checked != len(withheld) {
		t.Errorf("checked %d screened entries of %d", checked, len(withheld))
	}
}

func containsFold(body []byte, s string) bool {
	return strings.Contains(strings.ToLower(string(body)), strings.ToLower(s))
}
