package jobs_test

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/blob/blobtest"
	"github.com/innsyn/innsyn/internal/documents"
	"github.com/innsyn/innsyn/internal/jobs"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/searchquery"
	"github.com/innsyn/innsyn/internal/testenv"
)

// A PDF uploaded to a public entry is read by the extraction job (S3,
// River, the child process) until its text is public and searchable; a
// broken PDF ends, after its retries, as failed and in the review queue.
func TestExtractionEndToEnd(t *testing.T) {
	ctx := context.Background()
	url := testenv.Database(t)
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	publicDB, err := postgres.OpenPublic(ctx, url, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer publicDB.Close()
	blobs := blobtest.NewS3(t)
	clock := testenv.NewClock(time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC))
	store := postgres.NewStore(db, clock.Now, offl.DefaultPolicy())
	cfg := jobs.DefaultConfig()
	cfg.PollInterval, cfg.RetryDelay = 200*time.Millisecond, 100*time.Millisecond
	cfg.Extraction.Timeout = 20 * time.Second
	client, err := jobs.NewClient(db.DB, cfg, jobs.Deps{Refresher: store, Files: store, Blobs: blobs, Now: clock.Now, Log: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	store.SetTextQueue(jobs.Queue{Client: client})
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer client.Stop(context.Background())

	_, err = store.Load(ctx, journal.Batch{
		Saksmapper: []journal.SaksmappeInput{{Saksmappe: offl.Saksmappe{SystemID: "s", Saksaar: 2025, Sakssekvensnummer: 1, Tittel: "Sak"}}},
		Journalposts: []journal.JournalpostInput{{SaksmappeSystemID: "s", Journalpost: offl.Journalpost{SystemID: "j",
			Journalaar: 2025, Journalsekvensnummer: 1, Journalpostnummer: 1, Journalposttype: offl.Inngaaende,
			Journalstatus: offl.Journalfoert, Tittel: "Søknad", Journaldato: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
			Dokumentbeskrivelse: []offl.Dokumentbeskrivelse{
				{SystemID: "good", Dokumentnummer: 1, TilknyttetRegistreringSom: offl.Hoveddokument, Tittel: "Brev"},
				{SystemID: "bad", Dokumentnummer: 2, TilknyttetRegistreringSom: offl.Vedlegg, Tittel: "Vedlegg"}}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	letter, err := os.ReadFile("../../fixtures/demo-letter.pdf")
	if err != nil {
		t.Fatal(err)
	}
	svc := documents.NewService(blobs, store, 1<<20)
	upload := func(systemID string, content []byte) string {
		var dokID string
		db.Get(&dokID, `SELECT id FROM dokumentbeskrivelse WHERE system_id = $1`, systemID)
		added, err := svc.Upload(ctx, dokID, documents.Upload{Body: bytes.NewReader(content), Size: -1,
			DeclaredType: "application/pdf", Filnavn: systemID + ".pdf", Variant: offl.Arkivformat},
			journal.Change{Actor: "test", Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		return added.ObjektID
	}
	good := upload("good", letter)
	bad := upload("bad", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))

	status := func(id string) string {
		var s string
		db.Get(&s, `SELECT text_status FROM dokumentobjekt WHERE id = $1`, id)
		return s
	}
	deadline := time.Now().Add(60 * time.Second)
	for status(good) == "pending" || status(bad) == "pending" {
		if time.Now().After(deadline) {
			t.Fatalf("extraction did not finish: good %s, bad %s", status(good), status(bad))
		}
		time.Sleep(200 * time.Millisecond)
	}
	if got := status(good); got != "ok" {
		t.Fatalf("the letter's text status is %s", got)
	}
	public := postgres.NewPublicStore(publicDB)
	page, err := public.ListJournalposts(ctx, journal.JournalpostQuery{SearchFilter: journal.SearchFilter{Text: searchquery.Word{Text: "Nordrana"}}})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("the letter's text is not searchable: %d hits, %v", len(page.Items), err)
	}
	if f := page.Items[0].Dokumentbeskrivelse[0].Fil; f == nil || f.Filnavn != "good.pdf" {
		t.Errorf("the letter is not public: %+v", page.Items[0].Dokumentbeskrivelse)
	}
	if got := status(bad); got != "failed" && got != "no_text" {
		t.Errorf("the broken PDF's status is %s", got)
	}
	if f := page.Items[0].Dokumentbeskrivelse[1].Fil; f != nil {
		t.Error("the broken PDF is public")
	}
	review, _ := store.ListReview(ctx, journal.ReviewQuery{Reason: journal.ReviewNoText, Open: true, Limit: 10})
	if len(review.Items) != 1 || review.Items[0].ObjectID != bad {
		t.Errorf("review queue: %+v", review.Items)
	}
}
