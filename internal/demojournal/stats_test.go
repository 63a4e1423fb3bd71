package demojournal

import (
	"slices"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/offl"
)

// TestReportStats describes the demo journal; run it with
// go test -v -run ReportStats to see what the demo holds.
func TestReportStats(t *testing.T) {
	g := demo(t)
	entries := g.entries()
	latest := entries[len(entries)-1].Journalpost.Journaldato
	types := map[offl.Journalposttype]int{}
	statuses := map[offl.Journalstatus]int{}
	bases := map[string]int{}
	var screened, delayed, forever, files, size int
	var fnr []string
	for _, f := range g.files {
		for _, x := range f {
			files++
			size += len(x.Content)
		}
	}
	for _, e := range entries {
		jp := e.Journalpost
		types[jp.Journalposttype]++
		statuses[jp.Journalstatus]++
		if jp.Skjerming != nil {
			screened++
			bases[jp.Skjerming.Skjermingshjemmel]++
		} else if len(offl.FindIdentityNumbers(jp.Tittel)) > 0 {
			fnr = append(fnr, jp.Tittel)
		}
		if jp.AccessibleAfter.After(latest) {
			delayed++
		}
		if jp.AccessibleAfter.Year() == 2099 {
			forever++
		}
	}
	t.Logf("%d entries, %d cases, %d batches, %d files (%d KB), latest journaldato %s",
		len(entries), len(g.cases()), len(g.batches), files, size/1024, latest.Format(time.DateOnly))
	t.Logf("types %v, statuses %v", types, statuses)
	t.Logf("skjerming on %d (%.1f %%); accessibleAfter after the latest date %d, of which 2099: %d",
		screened, 100*float64(screened)/float64(len(entries)), delayed, forever)
	keys := make([]string, 0, len(bases))
	for k := range bases {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		t.Logf("  %4d  %s", bases[k], k)
	}
	for _, f := range fnr {
		t.Logf("unscreened fødselsnummer: %s", f)
	}
	for i, e := range entries {
		if i%160 == 0 {
			jp := e.Journalpost
			pub := published(e)
			t.Logf("%s %s %s-%d %-10s %s\n    public: %q %s", jp.Journaldato.Format(time.DateOnly), jp.Journalposttype,
				jp.Saksnummer(), jp.Journalpostnummer, e.EnhetKode, jp.Tittel, pub.Entry.OffentligTittel, pub.Hidden)
		}
	}
}
