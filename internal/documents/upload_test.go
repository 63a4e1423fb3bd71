package documents_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/blob/blobtest"
	"github.com/innsyn/innsyn/internal/documents"
	"github.com/innsyn/innsyn/internal/jobs"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/testenv"
)

// fixture is an entry with one document, a real S3 bucket and the store.
type fixture struct {
	store   *postgres.Store
	blobs   blob.Store
	svc     *documents.Service
	dokID   string
	entryID string
}

func newFixture(t *testing.T, maxBytes int64) fixture {
	t.Helper()
	ctx := context.Background()
	db, err := postgres.Open(ctx, testenv.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	blobs := blobtest.NewS3(t)
	store := postgres.NewStore(db, func() time.Time { return time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC) }, offl.DefaultPolicy())
	b := journal.Batch{
		Saksmapper: []journal.SaksmappeInput{{Saksmappe: offl.Saksmappe{SystemID: "s", Saksaar: 2025, Sakssekvensnummer: 1, Tittel: "Sak"}}},
		Journalposts: []journal.JournalpostInput{{SaksmappeSystemID: "s", Journalpost: offl.Journalpost{SystemID: "j",
			Journalaar: 2025, Journalsekvensnummer: 1, Journalpostnummer: 1, Journalposttype: offl.Inngaaende,
			Journalstatus: offl.Journalfoert, Tittel: "Søknad", Journaldato: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
			Dokumentbeskrivelse: []offl.Dokumentbeskrivelse{{SystemID: "d", Dokumentnummer: 1,
				TilknyttetRegistreringSom: offl.Hoveddokument, Tittel: "Søknad"}}}}},
	}
	if _, err := store.Load(ctx, b); err != nil {
		t.Fatal(err)
	}
	f := fixture{store: store, blobs: blobs, svc: documents.NewService(blobs, store, maxBytes)}
	if err := db.Get(&f.dokID, `SELECT id FROM dokumentbeskrivelse`); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(&f.entryID, `SELECT id FROM journalpost`); err != nil {
		t.Fatal(err)
	}
	return f
}

var staff = journal.Change{Actor: "key:test (Kari)", Reason: "innkommet"}

func pdf(body string) []byte { return []byte("%PDF-1.4\n" + body + "\n%%EOF\n") }

func (f fixture) keys(t *testing.T) []string {
	t.Helper()
	var keys []string
	f.blobs.List(context.Background(), documents.KeyPrefix, func(i blob.Info) error { keys = append(keys, i.Key); return nil })
	return keys
}

func TestUpload(t *testing.T) {
	f := newFixture(t, 1<<20)
	ctx := context.Background()
	content := pdf("søknad")
	added, err := f.svc.Upload(ctx, f.dokID, documents.Upload{Body: bytes.NewReader(content), Size: -1,
		DeclaredType: "application/pdf", Filnavn: "../../Søknad om løyve.pdf", Variant: offl.Arkivformat}, staff)
	if err != nil {
		t.Fatal(err)
	}
	if added.Versjonsnummer != 1 || added.Deduplicated || !strings.HasPrefix(added.StorageKey, documents.KeyPrefix) {
		t.Errorf("added %+v", added)
	}
	rc, info, err := f.blobs.Get(ctx, added.StorageKey)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, content) || info.ContentType != "application/pdf" {
		t.Errorf("stored %q as %s", got, info.ContentType)
	}
	staffView, _ := f.store.Journalpost(ctx, f.entryID)
	o := staffView.Record.Dokumentbeskrivelse[0].Dokumentobjekt[0]
	audit, err := f.store.ListAudit(ctx, journal.AuditQuery{ObjectID: added.ObjektID})
	if err != nil || len(audit.Items) != 1 || audit.Items[0].Action != "dokument.file.add" || audit.Items[0].Actor != staff.Actor {
		t.Errorf("audit: %+v %v", audit.Items, err)
	}
	sum := sha256.Sum256(content)
	if o.Filnavn != "Søknad om løyve.pdf" || o.Sjekksum != hex.EncodeToString(sum[:]) || o.Storrelse != int64(len(content)) ||
		o.TextStatus != offl.TextPending || o.Variantformat != offl.Arkivformat {
		t.Errorf("recorded %+v", o)
	}

	t.Run("identical content is stored once", func(t *testing.T) {
		again, err := f.svc.Upload(ctx, f.dokID, documents.Upload{Body: bytes.NewReader(content), Size: int64(len(content)),
			DeclaredType: "application/pdf", Filnavn: "kopi.pdf", Variant: offl.Arkivformat}, staff)
		if err != nil {
			t.Fatal(err)
		}
		if !again.Deduplicated || again.StorageKey != added.StorageKey || again.Versjonsnummer != 2 {
			t.Errorf("again %+v", again)
		}
		if keys := f.keys(t); len(keys) != 1 {
			t.Errorf("%d objects stored", len(keys))
		}
	})
	t.Run("content that is not what it claims is refused", func(t *testing.T) {
		_, err := f.svc.Upload(ctx, f.dokID, documents.Upload{Body: strings.NewReader("just text"), Size: -1,
			DeclaredType: "application/pdf", Variant: offl.Arkivformat}, staff)
		if journal.ErrorCode(err) != journal.ErrInvalid {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a file over the limit is refused and nothing is kept", func(t *testing.T) {
		before := len(f.keys(t))
		big := append(pdf(""), bytes.Repeat([]byte("x"), 1<<20)...)
		_, err := f.svc.Upload(ctx, f.dokID, documents.Upload{Body: bytes.NewReader(big), Size: -1,
			DeclaredType: "application/pdf", Variant: offl.Arkivformat}, staff)
		if journal.ErrorCode(err) != journal.ErrTooLarge {
			t.Fatalf("err = %v", err)
		}
		if after := len(f.keys(t)); after != before {
			t.Errorf("objects %d → %d", before, after)
		}
		_, err = f.svc.Upload(ctx, f.dokID, documents.Upload{Body: bytes.NewReader(big), Size: int64(len(big)),
			DeclaredType: "application/pdf", Variant: offl.Arkivformat}, staff)
		if journal.ErrorCode(err) != journal.ErrTooLarge {
			t.Errorf("a declared length over the limit: %v", err)
		}
	})
	t.Run("a document that does not exist keeps no object", func(t *testing.T) {
		before := len(f.keys(t))
		_, err := f.svc.Upload(ctx, "00000000-0000-0000-0000-000000000000", documents.Upload{Body: bytes.NewReader(pdf("other")),
			Size: -1, DeclaredType: "application/pdf", Variant: offl.Arkivformat}, staff)
		if journal.ErrorCode(err) != journal.ErrNotFound {
			t.Fatalf("err = %v", err)
		}
		if after := len(f.keys(t)); after != before {
			t.Errorf("objects %d → %d", before, after)
		}
	})
}

func TestUploadWhenS3IsDown(t *testing.T) {
	f := newFixture(t, 1<<20)
	down, err := blob.NewS3(context.Background(), blob.S3Config{Endpoint: "127.0.0.1:1", AccessKey: "a", SecretKey: "b",
		Region: "us-east-1", Bucket: "innsyn-unreachable", PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	svc := documents.NewService(down, f.store, 1<<20)
	_, err = svc.Upload(context.Background(), f.dokID, documents.Upload{Body: bytes.NewReader(pdf("x")), Size: -1,
		DeclaredType: "application/pdf", Variant: offl.Arkivformat}, staff)
	if journal.ErrorCode(err) != journal.ErrUnavailable {
		t.Fatalf("err = %v", err)
	}
	staffView, _ := f.store.Journalpost(context.Background(), f.entryID)
	if n := len(staffView.Record.Dokumentbeskrivelse[0].Dokumentobjekt); n != 0 {
		t.Errorf("a failed upload left %d rows", n)
	}
}

func TestSweepRemovesObjectsWithoutRows(t *testing.T) {
	f := newFixture(t, 1<<20)
	ctx := context.Background()
	added, err := f.svc.Upload(ctx, f.dokID, documents.Upload{Body: bytes.NewReader(pdf("kept")), Size: -1,
		DeclaredType: "application/pdf", Variant: offl.Arkivformat}, staff)
	if err != nil {
		t.Fatal(err)
	}
	orphan := documents.KeyPrefix + "orphan-of-a-crash"
	if _, err := f.blobs.Put(ctx, orphan, strings.NewReader("%PDF-"), 5, "application/pdf"); err != nil {
		t.Fatal(err)
	}
	if n, err := jobs.Sweep(ctx, f.blobs, f.store, time.Now().Add(-time.Hour)); err != nil || n != 0 {
		t.Fatalf("a young orphan was swept (%d, %v): it may be an upload whose row is being committed", n, err)
	}
	n, err := jobs.Sweep(ctx, f.blobs, f.store, time.Now().Add(time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("swept %d, %v", n, err)
	}
	keys := f.keys(t)
	if len(keys) != 1 || keys[0] != added.StorageKey {
		t.Errorf("left %v, want only %s", keys, added.StorageKey)
	}
}
