package bench

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/innsyn/innsyn/internal/demojournal"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/noark5"
	"github.com/innsyn/innsyn/internal/offl"
)

// The written arkivstruktur.xml reads back with the importer's own reader:
// every generated entry in its case, nothing broken, no problem, the
// skjerminger where the generator made them, and the same bytes each time.
func TestWriteArkivstrukturForImport(t *testing.T) {
	const n = 500
	var out bytes.Buffer
	stats, err := WriteArkivstruktur(&out, n)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Journalposts != n || stats.Bytes != int64(out.Len()) || stats.PeakOpen == 0 {
		t.Errorf("stats = %+v, %d bytes written", stats, out.Len())
	}
	want := generated(t, n)
	r := noark5.NewArkivstruktur(bytes.NewReader(out.Bytes()), "arkivstruktur.xml")
	mapper := 0
	for {
		m, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		mapper++
		if m.Broken {
			t.Errorf("broken mappe at %s: %v", m.Pos, m.Problems)
		}
		for _, p := range m.Problems {
			t.Errorf("problem: %s", p)
		}
		checkCase(t, m, want)
	}
	if mapper != stats.Mapper {
		t.Errorf("read %d mapper, wrote %d", mapper, stats.Mapper)
	}
	if len(want.entries) != 0 {
		t.Errorf("%d generated entries not read back", len(want.entries))
	}
	var again bytes.Buffer
	if _, err := WriteArkivstruktur(&again, n); err != nil || !bytes.Equal(again.Bytes(), out.Bytes()) {
		t.Errorf("a second run wrote other bytes (err %v)", err)
	}
}

// generatedJournal is the generator's journal, by SystemID.
type generatedJournal struct {
	cases   map[string]journal.SaksmappeInput
	entries map[string]journal.JournalpostInput
	units   map[string]string // kode → navn
}

func generated(t *testing.T, n int) generatedJournal {
	g := generatedJournal{cases: map[string]journal.SaksmappeInput{}, entries: map[string]journal.JournalpostInput{},
		units: map[string]string{}}
	err := demojournal.Generate(journalOptions(n), func(b journal.Batch, _ []demojournal.File) error {
		for _, u := range b.Enheter {
			g.units[u.Kode] = u.Navn
		}
		for _, c := range b.Saksmapper {
			g.cases[c.Saksmappe.SystemID] = c
		}
		for _, e := range b.Journalposts {
			g.entries[e.Journalpost.SystemID] = e
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// checkCase compares a mappe read back with what the generator made, and
// takes its entries off the list.
func checkCase(t *testing.T, m noark5.Mappe, g generatedJournal) {
	t.Helper()
	got := m.Saksmappe.Saksmappe
	c, ok := g.cases[got.SystemID]
	if !ok {
		t.Errorf("mappe %s was not generated", got.SystemID)
		return
	}
	if got.Saksnummer() != c.Saksmappe.Saksnummer() || got.Tittel != c.Saksmappe.Tittel ||
		m.Saksmappe.EnhetKode != g.units[c.EnhetKode] || (got.Skjerming == nil) != (c.Saksmappe.Skjerming == nil) {
		t.Errorf("mappe %s = %+v, generated %+v", got.SystemID, m.Saksmappe, c)
	}
	for _, e := range m.Journalposts {
		jp := e.Journalpost
		w, ok := g.entries[jp.SystemID]
		if !ok {
			t.Errorf("entry %s was not generated, or read twice", jp.SystemID)
			continue
		}
		delete(g.entries, jp.SystemID)
		wj := w.Journalpost
		if e.SaksmappeSystemID != w.SaksmappeSystemID || jp.Tittel != wj.Tittel || jp.Journalposttype != wj.Journalposttype ||
			jp.Journalstatus != wj.Journalstatus || !jp.Journaldato.Equal(wj.Journaldato) ||
			jp.Journalsekvensnummer != wj.Journalsekvensnummer || jp.Journalpostnummer != wj.Journalpostnummer ||
			len(jp.Korrespondansepart) != len(wj.Korrespondansepart) || len(jp.Dokumentbeskrivelse) != len(wj.Dokumentbeskrivelse) {
			t.Errorf("entry %s = %+v,\ngenerated %+v", jp.SystemID, jp, wj)
		}
		checkSkjerming(t, jp, wj)
	}
}

// checkSkjerming: an entry the generator screened is screened, at least in
// what the generator withheld; one it did not is not.
func checkSkjerming(t *testing.T, got, want offl.Journalpost) {
	t.Helper()
	g, w := got.Skjerming, want.Skjerming
	switch {
	case g == nil && w == nil:
		return
	case g == nil || w == nil:
		t.Errorf("entry %s: skjerming %+v, generated %+v", got.SystemID, g, w)
		return
	}
	if g.Skjermingshjemmel != w.Skjermingshjemmel || g.Tilgangsrestriksjon != w.Tilgangsrestriksjon ||
		!g.OpphoererDato.Equal(w.OpphoererDato) || (w.Screens.Names && !g.Screens.Names) ||
		(w.Screens.Documents.All && !g.Screens.Documents.All) {
		t.Errorf("entry %s: skjerming %+v, generated %+v", got.SystemID, g, w)
	}
	for _, id := range w.Screens.Documents.IDs {
		if !g.Screens.Documents.Screened(id) {
			t.Errorf("entry %s: document %s not screened", got.SystemID, id)
		}
	}
	screened := strings.Join(offl.ScreenedWords(got.Tittel, g.Screens.Title, g.Screens.AllMetadata), " ")
	for _, word := range offl.ScreenedWords(want.Tittel, w.Screens.Title, false) {
		if !strings.Contains(screened, word) {
			t.Errorf("entry %s: %q is no longer screened in %q", got.SystemID, word, got.Tittel)
		}
	}
}
