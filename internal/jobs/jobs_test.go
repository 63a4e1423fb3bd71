package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/jobs"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/testenv"
)

// An entry hidden until accessibleAfter appears once the clock passes it,
// by the scheduled job alone, with two replicas running the job queue.
func TestScheduledRefreshPublishesWhenDue(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, testenv.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := testenv.NewClock(time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC))
	store := postgres.NewStore(db, c.Now, offl.DefaultPolicy())
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	_, err = store.Load(ctx, journal.Batch{
		Saksmapper: []journal.SaksmappeInput{{Saksmappe: offl.Saksmappe{SystemID: "s1", Saksaar: 2025, Sakssekvensnummer: 1, Tittel: "Sak"}}},
		Journalposts: []journal.JournalpostInput{{SaksmappeSystemID: "s1", Journalpost: offl.Journalpost{
			SystemID: "j1", Journalaar: 2025, Journalsekvensnummer: 1, Journalpostnummer: 1,
			Journalposttype: offl.Utgaaende, Journalstatus: offl.Ekspedert, Tittel: "Vedtak", Journaldato: day,
			AccessibleAfter: c.Now().Add(time.Hour),
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	published := func() int {
		var n int
		if err := db.Get(&n, `SELECT count(*) FROM public_journalpost`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if published() != 0 {
		t.Fatal("published before accessibleAfter")
	}

	cfg := jobs.DefaultConfig()
	cfg.RefreshInterval, cfg.PollInterval = time.Second, 200*time.Millisecond
	for range 2 {
		client, err := jobs.NewClient(db.DB, cfg, jobs.Deps{Refresher: store, Files: store, Now: c.Now, Log: zerolog.Nop()})
		if err != nil {
			t.Fatal(err)
		}
		if err := client.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer client.Stop(context.Background())
	}
	c.Add(2 * time.Hour)
	deadline := time.Now().Add(30 * time.Second)
	for published() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the scheduled refresh did not publish the due entry")
		}
		time.Sleep(100 * time.Millisecond)
	}
	var due *time.Time
	if err := db.Get(&due, `SELECT projection_due_at FROM journalpost`); err != nil {
		t.Fatal(err)
	}
	if due != nil {
		t.Errorf("the entry is still due at %v", due)
	}
}
