package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/testenv"
)

// env is a fresh, migrated database with both pools and the stores.
type env struct {
	url    string
	db     *sqlx.DB
	public *postgres.PublicStore
	store  *postgres.Store
	keys   *postgres.KeyStore
	clock  *testenv.Clock
}

func newEnv(t *testing.T) *env {
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
	c := testenv.NewClock(time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC))
	return &env{
		url:    url,
		db:     db,
		public: postgres.NewPublicStore(publicDB),
		store:  postgres.NewStore(db, c.Now, offl.DefaultPolicy()),
		keys:   postgres.NewKeyStore(db, c.Now),
		clock:  c,
	}
}

func (e *env) mustLoad(t *testing.T, b journal.Batch) {
	t.Helper()
	if _, err := e.store.Load(context.Background(), b); err != nil {
		t.Fatalf("load: %v", err)
	}
}

func (e *env) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := e.db.Get(&n, `SELECT count(*) FROM `+table); err != nil {
		t.Fatal(err)
	}
	return n
}

// assertCounts checks the number of rows of each table.
func (e *env) assertCounts(t *testing.T, want map[string]int) {
	t.Helper()
	for table, n := range want {
		if got := e.count(t, table); got != n {
			t.Errorf("%s: %d rows, want %d", table, got, n)
		}
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// sampleBatch is a small journal: two units, cases and entries numbered
// from 1, entry i journaled on day i of 2024.
func sampleBatch(cases, entriesPerCase int) journal.Batch {
	b := journal.Batch{Enheter: []journal.EnhetInput{
		{Kode: "RANA", Navn: "Testkommune"},
		{Kode: "PLAN", Navn: "Plan og byggesak", ParentKode: "RANA"},
	}}
	seq := 0
	for c := 1; c <= cases; c++ {
		caseKey := fmt.Sprintf("case-%d", c)
		b.Saksmapper = append(b.Saksmapper, journal.SaksmappeInput{EnhetKode: "PLAN", Saksmappe: offl.Saksmappe{
			SystemID: caseKey, Saksaar: 2024, Sakssekvensnummer: c, Saksdato: day(2024, 1, 1),
			Tittel: fmt.Sprintf("Byggesak nummer %d", c),
		}})
		for n := 1; n <= entriesPerCase; n++ {
			seq++
			b.Journalposts = append(b.Journalposts, journal.JournalpostInput{
				SaksmappeSystemID: caseKey, EnhetKode: "PLAN",
				Journalpost: offl.Journalpost{
					SystemID: fmt.Sprintf("jp-%d", seq), Journalaar: 2024, Journalsekvensnummer: seq, Journalpostnummer: n,
					Journalposttype: offl.Inngaaende, Journalstatus: offl.Journalfoert,
					Tittel:      fmt.Sprintf("Søknad nummer %d", seq),
					Journaldato: day(2024, 1, 1).AddDate(0, 0, seq),
					Korrespondansepart: []offl.Korrespondansepart{
						{Korrespondanseparttype: offl.Avsender, Navn: fmt.Sprintf("Person Nummer%d", seq), ErPerson: true},
					},
					Dokumentbeskrivelse: []offl.Dokumentbeskrivelse{
						{SystemID: fmt.Sprintf("dok-%d", seq), Dokumentnummer: 1, TilknyttetRegistreringSom: offl.Hoveddokument, Tittel: "Søknad"},
					},
				},
			})
		}
	}
	return b
}

func asJournalError(err error, target **journal.Error) bool { return errors.As(err, target) }
