package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
)

func TestLoadIsIdempotent(t *testing.T) {
	e := newEnv(t)
	b := sampleBatch(3, 4)
	e.mustLoad(t, b)
	e.mustLoad(t, b)
	e.assertCounts(t, map[string]int{ // after loading twice
		"enhet": 2, "saksmappe": 3, "journalpost": 12, "korrespondansepart": 12,
		"dokumentbeskrivelse": 12, "public_journalpost": 12, "public_saksmappe": 3,
	})

	t.Run("a reload updates the record and its projection", func(t *testing.T) {
		b.Journalposts[0].Journalpost.Tittel = "Endret tittel"
		e.mustLoad(t, b)
		var title string
		if err := e.db.Get(&title, `SELECT offentlig_tittel FROM public_journalpost p JOIN journalpost j ON j.id = p.id
			WHERE j.system_id = 'jp-1'`); err != nil {
			t.Fatal(err)
		}
		if title != "Endret tittel" {
			t.Errorf("projection title = %q", title)
		}
	})
	t.Run("a document no longer delivered is removed", func(t *testing.T) {
		b.Journalposts[1].Journalpost.Dokumentbeskrivelse = nil
		e.mustLoad(t, b)
		if got := e.count(t, "dokumentbeskrivelse"); got != 11 {
			t.Errorf("%d documents", got)
		}
	})
}

// TestLoadSetsSkjermingInOneBatch reloads a batch in which one record gains
// a skjerming, one has its skjerming changed and one loses it: each ends
// with exactly what was loaded, and no skjerming row is left without an owner.
func TestLoadSetsSkjermingInOneBatch(t *testing.T) {
	e := newEnv(t)
	b := sampleBatch(2, 2)
	screen := func(hjemmel string) *offl.Skjerming {
		return &offl.Skjerming{Tilgangsrestriksjon: "x", Skjermingshjemmel: hjemmel,
			Screens: offl.Screens{Names: true}}
	}
	b.Journalposts[1].Journalpost.Skjerming = screen("offl. § 13, jf. fvl. § 13 første ledd nr. 1")
	b.Journalposts[2].Journalpost.Skjerming = screen("offl. § 13, jf. fvl. § 13 første ledd nr. 1")
	b.Saksmapper[1].Saksmappe.Skjerming = screen("offl. § 13, jf. fvl. § 13 første ledd nr. 1")
	e.mustLoad(t, b)

	b.Journalposts[0].Journalpost.Skjerming = screen("offl. § 14")
	b.Journalposts[1].Journalpost.Skjerming = screen("offl. § 15 første ledd")
	b.Journalposts[2].Journalpost.Skjerming = nil
	b.Saksmapper[0].Saksmappe.Skjerming = screen("offl. § 23 første ledd")
	b.Saksmapper[1].Saksmappe.Skjerming = nil
	e.mustLoad(t, b)

	got := map[string]string{}
	rows, err := e.db.Query(`SELECT system_id, coalesce(k.skjermingshjemmel, '-') FROM journalpost j
		LEFT JOIN skjerming k ON k.id = j.skjerming_id
		UNION ALL SELECT system_id, coalesce(k.skjermingshjemmel, '-') FROM saksmappe s
		LEFT JOIN skjerming k ON k.id = s.skjerming_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, hjemmel string
		if err := rows.Scan(&id, &hjemmel); err != nil {
			t.Fatal(err)
		}
		got[id] = hjemmel
	}
	want := map[string]string{"jp-1": "offl. § 14", "jp-2": "offl. § 15 første ledd", "jp-3": "-", "jp-4": "-",
		"case-1": "offl. § 23 første ledd", "case-2": "-"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: skjermingshjemmel %q, want %q", id, got[id], w)
		}
	}
	if n := e.count(t, "skjerming"); n != 3 {
		t.Errorf("%d skjerming rows, want 3 (one per screened record)", n)
	}
}

func TestLoadRejectsBadInput(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name   string
		modify func(*journal.Batch)
		field  string
	}{
		{"unknown case", func(b *journal.Batch) { b.Journalposts[0].SaksmappeSystemID = "nope" }, ""},
		{"unknown unit", func(b *journal.Batch) { b.Journalposts[0].EnhetKode = "NOPE" }, ""},
		{"bad journalposttype", func(b *journal.Batch) { b.Journalposts[0].Journalpost.Journalposttype = "Q" }, "journalposts[0].journalposttype"},
		{"title too long", func(b *journal.Batch) { b.Journalposts[0].Journalpost.Tittel = strings.Repeat("x", 2001) }, "journalposts[0].tittel"},
		{"control characters", func(b *journal.Batch) { b.Saksmapper[0].Saksmappe.Tittel = "a\x00b" }, "saksmapper[0].tittel"},
		{"screened document that is not the entry's", func(b *journal.Batch) {
			b.Journalposts[0].Journalpost.Skjerming = &offl.Skjerming{Screens: offl.Screens{Documents: offl.DocumentScreen{IDs: []string{"dok-2"}}}}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := sampleBatch(1, 2)
			tt.modify(&b)
			_, err := e.store.Load(context.Background(), b)
			if journal.ErrorCode(err) != journal.ErrInvalid {
				t.Fatalf("err = %v, want invalid", err)
			}
			var je *journal.Error
			if tt.field != "" && (!errors.As(err, &je) || je.Field != tt.field) {
				t.Errorf("field = %+v, want %s", je, tt.field)
			}
			if n := e.count(t, "journalpost"); n != 0 {
				t.Errorf("a failed load left %d entries", n)
			}
		})
	}
}

func TestProjection(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	b := sampleBatch(1, 4)
	jp := &b.Journalposts
	(*jp)[0].Journalpost.Tittel = "Søknad om barnehageplass til Ola Nordmann"
	(*jp)[0].Journalpost.Skjerming = &offl.Skjerming{
		Tilgangsrestriksjon: "UO", Skjermingshjemmel: "Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
		Screens: offl.Screens{Title: offl.TitleScreen{Phrases: []string{"Ola Nordmann"}}, Names: true,
			Documents: offl.DocumentScreen{IDs: []string{"dok-1"}}},
	}
	(*jp)[1].Journalpost.Journalstatus = offl.Reservert
	(*jp)[2].Journalpost.AccessibleAfter = e.clock.Now().Add(48 * time.Hour)
	(*jp)[3].Journalpost.Tittel = "Klage 01017012343"
	e.mustLoad(t, b)

	page, err := e.public.ListJournalposts(ctx, journal.JournalpostQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Fatalf("%d public entries, want only the screened one", len(page.Items))
	}
	got := page.Items[0]
	if got.OffentligTittel != "Søknad om barnehageplass til ***** *****" {
		t.Errorf("offentligTittel = %q", got.OffentligTittel)
	}
	if got.Korrespondansepart[0].Navn != offl.Mask || len(got.Dokumentbeskrivelse) != 0 {
		t.Errorf("name or document shown: %+v", got)
	}
	if got.Skjerming == nil || got.Skjerming.Skjermingshjemmel != "Offl. § 13 jf. fvl. § 13 første ledd nr. 1" {
		t.Errorf("skjerming = %+v", got.Skjerming)
	}
	var search string
	e.db.Get(&search, `SELECT tsv::text FROM public_journalpost`)
	if strings.Contains(search, "nordmann") || strings.Contains(search, "ola") {
		t.Errorf("screened words are searchable: %s", search)
	}

	staff, err := e.store.Journalpost(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if staff.Record.Tittel != "Søknad om barnehageplass til Ola Nordmann" || staff.Hidden != offl.Published {
		t.Errorf("staff record = %q, %q", staff.Record.Tittel, staff.Hidden)
	}

	t.Run("eInnsyn accessibleAfter: the scheduled refresh publishes exactly the due entry", func(t *testing.T) {
		if n, err := e.store.RefreshDue(ctx, 100); err != nil || n != 0 {
			t.Fatalf("refreshed %d before anything was due: %v", n, err)
		}
		e.clock.Set(e.clock.Now().Add(49 * time.Hour))
		n, err := e.store.RefreshDue(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("refreshed %d rows, want 1", n)
		}
		if got := e.count(t, "public_journalpost"); got != 2 {
			t.Errorf("%d public entries", got)
		}
		if n, _ := e.store.RefreshDue(ctx, 100); n != 0 {
			t.Errorf("a second run refreshed %d rows", n)
		}
	})
	t.Run("forskrift § 6: a person's name stops being searchable after a year", func(t *testing.T) {
		names := func() string {
			var s string
			e.db.Get(&s, `SELECT p.search_names FROM public_journalpost p JOIN journalpost j ON j.id = p.id WHERE j.system_id = 'jp-3'`)
			return s
		}
		if names() == "" {
			t.Fatal("the name is not searchable right after publication")
		}
		e.clock.Set(e.clock.Now().AddDate(1, 0, 1))
		if _, err := e.store.RefreshDue(ctx, 100); err != nil {
			t.Fatal(err)
		}
		if s := names(); s != "" {
			t.Errorf("search_names = %q a year and a day later", s)
		}
	})
	t.Run("the case title masks what its entries screen", func(t *testing.T) {
		b.Saksmapper[0].Saksmappe.Tittel = "Barnehageplass for Ola Nordmann"
		e.mustLoad(t, b)
		var title string
		e.db.Get(&title, `SELECT offentlig_tittel FROM public_saksmappe`)
		if title != "Barnehageplass for ***** *****" {
			t.Errorf("case title = %q", title)
		}
	})
}

func TestPublicRoleSeesOnlyTheProjection(t *testing.T) {
	e := newEnv(t)
	e.mustLoad(t, sampleBatch(1, 1))
	pub, err := postgres.OpenPublic(context.Background(), e.url, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	for _, table := range []string{"journalpost", "saksmappe", "korrespondansepart", "skjerming", "dokumentbeskrivelse",
		"dokumentobjekt", "enhet", "api_key", "audit_log"} {
		var n int
		err := pub.Get(&n, `SELECT count(*) FROM `+table)
		if err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("the public role read %s: %v", table, err)
		}
	}
	for _, table := range []string{"public_journalpost", "public_saksmappe", "public_enhet"} {
		var n int
		if err := pub.Get(&n, `SELECT count(*) FROM `+table); err != nil {
			t.Errorf("the public role cannot read %s: %v", table, err)
		}
	}
	if _, err := pub.Exec(`DELETE FROM public_journalpost`); err == nil {
		t.Error("the public role could write")
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if _, _, err := e.keys.CreateKey(ctx, "test", "a key", "arkivar", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if e.count(t, "audit_log") != 1 {
		t.Fatal("creating a key wrote no audit row")
	}
	for _, stmt := range []string{`UPDATE audit_log SET reason = 'x'`, `DELETE FROM audit_log`, `TRUNCATE audit_log`} {
		if _, err := e.db.Exec(stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", stmt, err)
		}
	}
}

func TestMigrateTwice(t *testing.T) {
	e := newEnv(t)
	if err := postgres.Migrate(context.Background(), e.db); err != nil {
		t.Fatal(err)
	}
}
