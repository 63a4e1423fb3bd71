package postgres_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/demojournal"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// wholeCaseBatches regroups the demo journal into batches that each hold
// whole cases with all their entries, the shape of a first import, which
// Load writes the short way (insertNew).
func wholeCaseBatches(t *testing.T, entries int) []journal.Batch {
	t.Helper()
	opts := demojournal.DemoOptions()
	opts.Entries = entries
	var all journal.Batch
	err := demojournal.Generate(opts, func(b journal.Batch, _ []demojournal.File) error {
		all.Enheter = append(all.Enheter, b.Enheter...)
		all.Saksmapper = append(all.Saksmapper, b.Saksmapper...)
		all.Journalposts = append(all.Journalposts, b.Journalposts...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	byCase := map[string][]journal.JournalpostInput{}
	for _, e := range all.Journalposts {
		byCase[e.SaksmappeSystemID] = append(byCase[e.SaksmappeSystemID], e)
	}
	batches := []journal.Batch{{Enheter: all.Enheter}}
	for _, c := range all.Saksmapper {
		b := &batches[len(batches)-1]
		if len(b.Journalposts) >= 200 {
			batches = append(batches, journal.Batch{})
			b = &batches[len(batches)-1]
		}
		b.Saksmapper = append(b.Saksmapper, c)
		b.Journalposts = append(b.Journalposts, byCase[c.Saksmappe.SystemID]...)
	}
	return batches
}

// publishedState is everything the engine decided, keyed by SystemIDs so
// that two loads can be compared: the public rows, the publication state
// on the records, and the open review items.
func (e *env) publishedState(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`SELECT j.system_id || ' ' || (to_jsonb(p) - 'updated_at' - 'seq')::text FROM public_journalpost p
			JOIN journalpost j ON j.id = p.id`,
		`SELECT s.system_id || ' ' || (to_jsonb(p) - 'updated_at')::text FROM public_saksmappe p
			JOIN saksmappe s ON s.id = p.id`,
		`SELECT (to_jsonb(d) - 'updated_at')::text FROM public_dokument d`,
		`SELECT system_id || ' due ' || coalesce(projection_due_at::text, '-') || ' published ' ||
			coalesce(publisert_dato::text, '-') FROM journalpost`,
		`SELECT system_id || ' due ' || coalesce(projection_due_at::text, '-') FROM saksmappe`,
		`SELECT object_type || ' ' || object_id || ' ' || reason FROM review_item WHERE resolved_at IS NULL`,
		`SELECT o.id || ' ' || o.text_status FROM dokumentobjekt o`,
	} {
		var rows []string
		if err := e.db.Select(&rows, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		slices.Sort(rows)
		out = append(out, rows...)
	}
	return out
}

// TestNewRecordsAreWrittenAsLoadReadsThem loads the demo journal in whole
// cases — every batch new, written by insertNew — and then loads it again,
// which upserts every record and recomputes its public view from the rows
// read back. Nothing the engine decided may change: insertNew computed the
// same publication from the records as they were stored.
func TestNewRecordsAreWrittenAsLoadReadsThem(t *testing.T) {
	e := newEnv(t)
	batches := wholeCaseBatches(t, 1500)
	// Some publication that changes by the clock alone: a case screened
	// until next month, an entry made public the day after tomorrow.
	batches[1].Saksmapper[0].Saksmappe.Skjerming = &offl.Skjerming{Tilgangsrestriksjon: "x",
		Skjermingshjemmel: "offl. § 23 første ledd", Screens: offl.Screens{Title: offl.TitleScreen{Whole: true}},
		OpphoererDato: e.clock.Now().AddDate(0, 1, 0)}
	batches[1].Journalposts[0].Journalpost.AccessibleAfter = e.clock.Now().Add(48 * time.Hour)
	for _, b := range batches {
		e.mustLoad(t, b)
	}
	var due int
	if err := e.db.Get(&due, `SELECT (SELECT count(*) FROM saksmappe WHERE projection_due_at IS NOT NULL)
		+ (SELECT count(*) FROM journalpost WHERE projection_due_at IS NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if due < 2 {
		t.Fatalf("%d records due for a refresh, want the screened case and the entry at least", due)
	}
	first := e.publishedState(t)
	if e.count(t, "public_journalpost") == 0 || e.count(t, "skjerming") == 0 || e.count(t, "dokumentobjekt") == 0 ||
		e.count(t, "review_item") == 0 {
		t.Fatal("the demo journal should publish entries, screen some, have files and need review")
	}
	var versions []int
	if err := e.db.Select(&versions, `SELECT DISTINCT version FROM journalpost`); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(versions, []int{1}) {
		t.Fatalf("versions after the first load: %v, want only 1", versions)
	}

	for _, b := range batches {
		e.mustLoad(t, b)
	}
	if err := e.db.Select(&versions, `SELECT DISTINCT version FROM journalpost`); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(versions, []int{2}) {
		t.Fatalf("versions after the reload: %v, want only 2 (every record upserted)", versions)
	}
	second := e.publishedState(t)
	if len(first) != len(second) {
		t.Fatalf("%d published rows after insert, %d after reload", len(first), len(second))
	}
	diffs := 0
	for i := range first {
		if first[i] != second[i] && diffs < 5 {
			t.Errorf("inserted:  %s\nreloaded: %s", first[i], second[i])
			diffs++
		}
	}
}

// TestNewBatchWithATakenNumberWritesNothing: a new entry whose journal
// number another entry already has is refused, and nothing of its batch
// is left behind.
func TestNewBatchWithATakenNumberWritesNothing(t *testing.T) {
	e := newEnv(t)
	e.mustLoad(t, sampleBatch(1, 2))
	b := sampleBatch(1, 2)
	b.Saksmapper[0].Saksmappe.SystemID, b.Saksmapper[0].Saksmappe.Sakssekvensnummer = "case-new", 99
	for i := range b.Journalposts {
		b.Journalposts[i].SaksmappeSystemID = "case-new"
		b.Journalposts[i].Journalpost.SystemID += "-new"
		b.Journalposts[i].Journalpost.Dokumentbeskrivelse[0].SystemID += "-new"
	}
	b.Journalposts[1].Journalpost.Journalsekvensnummer = 100 // only the first keeps a taken number
	_, err := e.store.Load(context.Background(), b)
	var jerr *journal.Error
	if !asJournalError(err, &jerr) || jerr.Code != journal.ErrConflict {
		t.Fatalf("err = %v, want a conflict", err)
	}
	e.assertCounts(t, map[string]int{"saksmappe": 1, "journalpost": 2, "korrespondansepart": 2,
		"dokumentbeskrivelse": 2, "public_journalpost": 2})
}

// TestNewCaseWithAnExistingDocumentMovesIt: a new case whose entry names a
// document the journal holds under another entry cannot be inserted the
// short way (the document's key is taken); the batch falls back to the
// upsert path, which moves the document to the new entry, as a reload
// always has.
func TestNewCaseWithAnExistingDocumentMovesIt(t *testing.T) {
	e := newEnv(t)
	e.mustLoad(t, sampleBatch(1, 1))
	b := sampleBatch(1, 1)
	b.Saksmapper[0].Saksmappe.SystemID, b.Saksmapper[0].Saksmappe.Sakssekvensnummer = "case-new", 2
	b.Journalposts[0].SaksmappeSystemID = "case-new"
	b.Journalposts[0].Journalpost.SystemID, b.Journalposts[0].Journalpost.Journalsekvensnummer = "jp-new", 2
	e.mustLoad(t, b) // dok-1 again, now under jp-new

	var owner string
	if err := e.db.Get(&owner, `SELECT j.system_id FROM dokumentbeskrivelse d JOIN journalpost j ON j.id = d.journalpost_id
		WHERE d.system_id = 'dok-1'`); err != nil {
		t.Fatal(err)
	}
	if owner != "jp-new" {
		t.Errorf("dok-1 belongs to %s, want jp-new", owner)
	}
	var left int
	if err := e.db.Get(&left, `SELECT jsonb_array_length(p.dokumentbeskrivelse) FROM public_journalpost p
		JOIN journalpost j ON j.id = p.id WHERE j.system_id = 'jp-1'`); err != nil {
		t.Fatal(err)
	}
	if left != 0 {
		t.Errorf("jp-1 is still published with %d documents, want none: the document left it", left)
	}
	e.assertCounts(t, map[string]int{"saksmappe": 2, "journalpost": 2, "dokumentbeskrivelse": 1,
		"public_journalpost": 2, "public_dokument": 1})
}

// TestEntryMovedToAnotherCaseUnmasksTheOldCase: a case's public title masks
// what its entries screen. When the screened entry moves to another case on
// load, the case it left is published again without that mask.
func TestEntryMovedToAnotherCaseUnmasksTheOldCase(t *testing.T) {
	e := newEnv(t)
	b := sampleBatch(2, 1)
	b.Saksmapper[0].Saksmappe.Tittel = "Barnehageplass for Ola Nordmann"
	b.Journalposts[0].Journalpost.Skjerming = &offl.Skjerming{Tilgangsrestriksjon: "UO",
		Skjermingshjemmel: "Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
		Screens:           offl.Screens{Title: offl.TitleScreen{Phrases: []string{"Ola Nordmann"}}}}
	e.mustLoad(t, b)
	title := func() string {
		var s string
		if err := e.db.Get(&s, `SELECT p.offentlig_tittel FROM public_saksmappe p JOIN saksmappe s ON s.id = p.id
			WHERE s.system_id = 'case-1'`); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if got := title(); got != "Barnehageplass for ***** *****" {
		t.Fatalf("case-1 title = %q before the move", got)
	}
	move := journal.Batch{Saksmapper: b.Saksmapper[1:], Journalposts: b.Journalposts}
	move.Journalposts[0].SaksmappeSystemID = "case-2"
	move.Journalposts[0].Journalpost.Journalpostnummer = 2
	e.mustLoad(t, move)
	if got := title(); got != "Barnehageplass for Ola Nordmann" {
		t.Errorf("case-1 title = %q after its screened entry moved away", got)
	}
}
