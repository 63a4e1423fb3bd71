package importer_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/importer"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/noark5"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/testenv"
)

// mapper is a Reader over a fixed list.
type mapper struct{ list []noark5.Mappe }

func (m *mapper) Next() (noark5.Mappe, error) {
	if len(m.list) == 0 {
		return noark5.Mappe{}, io.EOF
	}
	next := m.list[0]
	m.list = m.list[1:]
	return next, nil
}

// files is a package's files by reference.
type files map[string][]byte

func (f files) OpenFile(ref string) (io.ReadCloser, int64, error) {
	b, ok := f[ref]
	if !ok {
		return nil, 0, fmt.Errorf("%s: %w", ref, noark5.ErrFileMissing)
	}
	return io.NopCloser(bytes.NewReader(b)), int64(len(b)), nil
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

var pdf = []byte("%PDF-1.4\nvedtak\n%%EOF\n")

// export is a journal of n cases with two entries each; the first entry
// of case 1 has a document whose file is dokumenter/1.pdf.
func export(n int, title string) []noark5.Mappe {
	var out []noark5.Mappe
	for c := 1; c <= n; c++ {
		caseID := fmt.Sprintf("sak-%d", c)
		m := noark5.Mappe{Pos: noark5.Pos{File: "arkivstruktur.xml", Line: c * 10},
			Enheter:   []journal.EnhetInput{{Kode: "Byggesak", Navn: "Byggesak"}},
			Saksmappe: journal.SaksmappeInput{EnhetKode: "Byggesak", Saksmappe: offl.Saksmappe{SystemID: caseID, Saksaar: 2024, Sakssekvensnummer: c, Tittel: "Sak " + title}}}
		for e := 1; e <= 2; e++ {
			jp := offl.Journalpost{SystemID: fmt.Sprintf("jp-%d-%d", c, e), Journalaar: 2024, Journalsekvensnummer: c*10 + e,
				Journalpostnummer: e, Journalposttype: offl.Inngaaende, Journalstatus: offl.Journalfoert,
				Tittel: fmt.Sprintf("%s %d-%d", title, c, e), Journaldato: time.Date(2024, 3, c%28+1, 0, 0, 0, 0, time.UTC)}
			if c == 1 && e == 1 {
				jp.Dokumentbeskrivelse = []offl.Dokumentbeskrivelse{{SystemID: "dok-1", Dokumentnummer: 1,
					TilknyttetRegistreringSom: offl.Hoveddokument, Tittel: "Vedtak",
					Dokumentobjekt: []offl.Dokumentobjekt{{Versjonsnummer: 1, Variantformat: offl.Arkivformat, Filnavn: "1.pdf", Sjekksum: sum(pdf)}}}}
				m.Files = []noark5.File{{JournalpostSystemID: jp.SystemID, DokumentSystemID: "dok-1", Versjonsnummer: 1,
					Variantformat: offl.Arkivformat, Ref: "dokumenter/1.pdf", Sjekksum: sum(pdf), Algoritme: "SHA256"}}
			}
			m.Journalposts = append(m.Journalposts, journal.JournalpostInput{SaksmappeSystemID: caseID, EnhetKode: "Byggesak", Journalpost: jp})
		}
		out = append(out, m)
	}
	return out
}

type env struct {
	store *postgres.Store
	im    *importer.Importer
	db    interface {
		Get(dest any, query string, args ...any) error
	}
}

func newEnv(t *testing.T) env {
	t.Helper()
	db, err := postgres.Open(context.Background(), testenv.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := postgres.NewStore(db, func() time.Time { return time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC) }, offl.DefaultPolicy())
	blobs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return env{store: store, im: importer.New(store, importer.DocumentFiles{Blobs: blobs, MaxBytes: 1 << 20}), db: db}
}

func (e env) run(t *testing.T, list []noark5.Mappe, fs files, opt importer.Options) importer.Summary {
	t.Helper()
	if opt.Source == "" {
		opt.Source = "test"
	}
	s, err := e.im.Import(context.Background(), &mapper{list: list}, fs, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestImportIsIdempotent(t *testing.T) {
	e := newEnv(t)
	fs := files{"dokumenter/1.pdf": pdf}
	first := e.run(t, export(3, "Søknad"), fs, importer.Options{})
	if first.Saksmapper.Created != 3 || first.Journalposts.Created != 6 || first.Files.Stored != 1 || !first.Changed() {
		t.Fatalf("first import: %+v", first)
	}
	var public int
	e.db.Get(&public, `SELECT count(*) FROM public_journalpost`)
	if public != 6 {
		t.Errorf("%d entries published, want 6 (through the engine)", public)
	}
	again := e.run(t, export(3, "Søknad"), fs, importer.Options{})
	if again.Changed() || again.Journalposts.Unchanged != 6 || again.Saksmapper.Unchanged != 3 || again.Files.Stored != 0 {
		t.Fatalf("the same export again: %+v", again)
	}
	// A changed title updates its entries only.
	changed := export(3, "Søknad")
	changed[1].Journalposts[0].Journalpost.Tittel = "Endret tittel"
	third := e.run(t, changed, fs, importer.Options{})
	if third.Journalposts.Updated != 1 || third.Journalposts.Unchanged != 5 || third.Saksmapper.Unchanged != 3 {
		t.Fatalf("one change: %+v", third)
	}
	var title string
	e.db.Get(&title, `SELECT tittel FROM journalpost WHERE system_id = 'jp-2-1'`)
	if title != "Endret tittel" {
		t.Errorf("title %q", title)
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	e := newEnv(t)
	s := e.run(t, export(2, "Søknad"), files{"dokumenter/1.pdf": pdf}, importer.Options{DryRun: true})
	if s.Journalposts.Created != 4 || !s.DryRun {
		t.Fatalf("dry run: %+v", s)
	}
	var n int
	e.db.Get(&n, `SELECT (SELECT count(*) FROM journalpost) + (SELECT count(*) FROM import_record) + (SELECT count(*) FROM dokumentobjekt)`)
	if n != 0 {
		t.Errorf("a dry run wrote %d rows", n)
	}
}

func TestImportPrune(t *testing.T) {
	e := newEnv(t)
	fs := files{"dokumenter/1.pdf": pdf}
	e.run(t, export(3, "Søknad"), fs, importer.Options{})
	smaller := export(2, "Søknad")
	// Without --prune, what the export no longer has stays.
	if s := e.run(t, smaller, fs, importer.Options{}); s.Pruned != 0 {
		t.Fatalf("pruned without asking: %+v", s)
	}
	dry := e.run(t, smaller, fs, importer.Options{Prune: true, DryRun: true})
	if dry.Pruned != 2 {
		t.Fatalf("dry-run prune counts %d, want 2", dry.Pruned)
	}
	s := e.run(t, smaller, fs, importer.Options{Prune: true, Actor: "cli"})
	if s.Pruned != 2 {
		t.Fatalf("pruned %d, want 2", s.Pruned)
	}
	var left, public, audited int
	e.db.Get(&left, `SELECT count(*) FROM journalpost`)
	e.db.Get(&public, `SELECT count(*) FROM public_journalpost`)
	e.db.Get(&audited, `SELECT count(*) FROM audit_log WHERE action = 'journalpost.prune' AND actor = 'cli'`)
	if left != 4 || public != 4 || audited != 2 {
		t.Errorf("after prune: %d entries, %d public, %d audited", left, public, audited)
	}
	// Another source's prune leaves these alone.
	if s := e.run(t, export(1, "Søknad"), fs, importer.Options{Prune: true, Source: "other"}); s.Pruned != 0 {
		t.Errorf("another source pruned %d", s.Pruned)
	}
}

func TestImportReportsFilesAndBrokenMapper(t *testing.T) {
	e := newEnv(t)
	list := export(3, "Søknad")
	list[1].Broken = true
	list[1].Problems = []noark5.Problem{{Pos: noark5.Pos{File: "arkivstruktur.xml", Line: 20, Path: "arkiv/arkivdel/mappe[2]/saksaar"},
		Value: "", Message: "saksaar is missing"}}
	// The declared checksum does not match the file.
	s := e.run(t, list, files{"dokumenter/1.pdf": []byte("%PDF-1.4\nsomething else\n")}, importer.Options{})
	if s.Saksmapper.Created != 2 || s.Saksmapper.Failed != 1 || s.Journalposts.Failed != 2 || s.Files.Mismatched != 1 {
		t.Fatalf("summary: %+v", s)
	}
	var objects, docs int
	e.db.Get(&objects, `SELECT count(*) FROM dokumentobjekt`)
	e.db.Get(&docs, `SELECT count(*) FROM dokumentbeskrivelse`)
	if objects != 0 || docs != 1 {
		t.Errorf("a mismatching file must be left out and its metadata kept: %d objects, %d documents", objects, docs)
	}
	found := false
	for _, p := range s.Problems {
		if p.Line == 20 && p.Path == "arkiv/arkivdel/mappe[2]/saksaar" {
			found = true
		}
	}
	if !found || s.ProblemCount < 2 {
		t.Errorf("problems: %+v", s.Problems)
	}
	// The file missing altogether: reported, metadata imported.
	e2 := newEnv(t)
	s2 := e2.run(t, export(1, "Søknad"), files{}, importer.Options{})
	if s2.Files.Missing != 1 || s2.Journalposts.Created != 2 {
		t.Errorf("missing file: %+v", s2)
	}
}

// A mappe the store refuses fails alone; the others in its batch load.
func TestImportIsolatesAFailingMappe(t *testing.T) {
	e := newEnv(t)
	list := export(3, "Søknad")
	// Two cases with the same number: the second violates the natural key.
	list[2].Saksmappe.Saksmappe.Sakssekvensnummer = 1
	s := e.run(t, list, files{"dokumenter/1.pdf": pdf}, importer.Options{})
	if s.Saksmapper.Created != 2 || s.Saksmapper.Failed != 1 || s.Journalposts.Created != 4 || s.Journalposts.Failed != 2 {
		t.Fatalf("summary: %+v", s)
	}
}

// The real test extractions import, and importing them again changes
// nothing.
func TestImportSharedSamples(t *testing.T) {
	root := "../../../shared/data/noark5"
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Skipf("no shared samples: %v", err)
	}
	for _, d := range dirs {
		t.Run(d.Name(), func(t *testing.T) {
			e := newEnv(t)
			run := func() importer.Summary {
				src, err := importer.Open(filepath.Join(root, d.Name()), t.TempDir())
				if err != nil {
					t.Fatal(err)
				}
				defer src.Close()
				s, err := e.im.Import(context.Background(), src.Reader, src, importer.Options{Source: d.Name()})
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			first := run()
			if first.Fatal != "" || first.Journalposts.Created == 0 || first.Journalposts.Failed != 0 || first.Saksmapper.Failed != 0 {
				t.Fatalf("first import: %+v", first)
			}
			for _, p := range first.Problems {
				if p.File == "" || p.Message == "" {
					t.Errorf("a problem without where or what: %+v", p)
				}
			}
			if again := run(); again.Changed() || again.Journalposts.Unchanged != first.Journalposts.Created {
				t.Errorf("second import: %+v", again)
			}
		})
	}
}

// Records the store holds under other system IDs (an export that derives
// its keys from the numbers) are updated by their numbers, not duplicated.
func TestImportMatchesNaturalKeys(t *testing.T) {
	e := newEnv(t)
	fs := files{"dokumenter/1.pdf": pdf}
	e.run(t, export(2, "Søknad"), fs, importer.Options{})
	rekeyed := export(2, "Søknad")
	for i := range rekeyed {
		rekeyed[i].Saksmappe.Saksmappe.SystemID = "csv:" + rekeyed[i].Saksmappe.Saksmappe.SystemID
		for k := range rekeyed[i].Journalposts {
			rekeyed[i].Journalposts[k].SaksmappeSystemID = rekeyed[i].Saksmappe.Saksmappe.SystemID
			rekeyed[i].Journalposts[k].Journalpost.SystemID = "csv:" + rekeyed[i].Journalposts[k].Journalpost.SystemID
		}
		for f := range rekeyed[i].Files {
			rekeyed[i].Files[f].JournalpostSystemID = "csv:" + rekeyed[i].Files[f].JournalpostSystemID
		}
	}
	rekeyed[0].Journalposts[1].Journalpost.Tittel = "Ny tittel"
	s := e.run(t, rekeyed, fs, importer.Options{})
	if s.Journalposts.Failed != 0 || s.Journalposts.Created != 0 || s.Journalposts.Updated != 1 || s.Journalposts.Unchanged != 3 {
		t.Fatalf("re-keyed import: %+v", s)
	}
	var n int
	e.db.Get(&n, `SELECT count(*) FROM journalpost`)
	if n != 4 {
		t.Errorf("%d entries, want 4", n)
	}
	var title string
	e.db.Get(&title, `SELECT tittel FROM journalpost WHERE journalaar = 2024 AND journalsekvensnummer = 12`)
	if title != "Ny tittel" {
		t.Errorf("title %q", title)
	}
}
