package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/searchquery"
)

// A search that outlives the public pool's statement timeout is answered
// as unavailable (503), not as an internal error. The statement is made to
// wait on a lock, so the test does not depend on the machine's speed.
func TestSearchStatementTimeoutIsUnavailable(t *testing.T) {
	e := newEnv(t)
	e.mustLoad(t, sampleBatch(2, 3))
	ctx := context.Background()
	publicDB, err := postgres.OpenPublic(ctx, e.url, 200*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { publicDB.Close() })
	public := postgres.NewPublicStore(publicDB)
	text, err := searchquery.Parse("søknad")
	if err != nil {
		t.Fatal(err)
	}
	q := journal.SearchQuery{SearchFilter: journal.SearchFilter{Text: text}}
	if _, err := public.Search(ctx, q); err != nil {
		t.Fatalf("before the lock: %v", err)
	}

	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`LOCK TABLE public_journalpost IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	_, err = public.Search(ctx, q)
	var je *journal.Error
	if !errors.As(err, &je) || je.Code != journal.ErrUnavailable {
		t.Fatalf("a search cut off by the statement timeout: %v", err)
	}
	err = public.EachMatch(ctx, q.SearchFilter, func(journal.PublicJournalpost) error { return nil })
	if !errors.As(err, &je) || je.Code != journal.ErrUnavailable {
		t.Fatalf("an export cut off by the statement timeout: %v", err)
	}
}

// Ranked search finds each arm's newest matches by sampling, reading on
// in date order or asking the index, whichever is cheaper; the answer must
// not depend on the way. Small limits make a small table take every way:
// a word in every entry (the sample suffices), in every fifth (the sample
// says read on), and in two (the index).
func TestSearchRankedCandidatesDoNotDependOnTheWay(t *testing.T) {
	e := newEnv(t)
	b := sampleBatch(40, 5) // 200 entries
	for i := range b.Journalposts {
		jp := &b.Journalposts[i].Journalpost
		switch {
		case i == 17 || i == 151:
			jp.Tittel += " om brannstasjon"
		case i%5 == 0:
			jp.Tittel += " om tilskudd"
		}
	}
	e.mustLoad(t, b)
	ctx := context.Background()
	publicDB, err := postgres.OpenPublic(ctx, e.url, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { publicDB.Close() })
	walking, indexing := postgres.NewPublicStore(publicDB), postgres.NewPublicStore(publicDB)
	postgres.SetMatchPlan(walking, 20, 100, 10)
	postgres.SetMatchPlan(indexing, 1<<40, 1<<40, 10)
	for _, q := range []string{"søknad", "tilskudd", "brannstasjon", "søknad -tilskudd", "tilskudd OR brannstasjon"} {
		text, err := searchquery.Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		got, want := allRanked(t, walking, text), allRanked(t, indexing, text)
		if len(want) == 0 || strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: walking found %v, the index %v", q, got, want)
		}
	}
}

// allRanked follows a relevance search to its end.
func allRanked(t *testing.T, s *postgres.PublicStore, text searchquery.Expr) []string {
	t.Helper()
	var ids []string
	q := journal.SearchQuery{SearchFilter: journal.SearchFilter{Text: text}, Limit: 3}
	for {
		res, err := s.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if res.Next == "" {
			return ids
		}
		q.Cursor = res.Next
	}
}
