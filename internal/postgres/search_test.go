package postgres_test

import (
	"context"
	"errors"
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
