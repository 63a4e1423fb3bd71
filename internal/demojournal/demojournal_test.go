package demojournal

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// generated is one Generate run, kept batch by batch.
type generated struct {
	batches []journal.Batch
	files   [][]File
}

func (g *generated) add(b journal.Batch, f []File) error {
	g.batches = append(g.batches, b)
	g.files = append(g.files, f)
	return nil
}

func generate(tb testing.TB, opts Options) generated {
	tb.Helper()
	var g generated
	if err := Generate(opts, g.add); err != nil {
		tb.Fatal(err)
	}
	return g
}

// The demo journal is generated once and shared by the tests that only read it.
var demoOnce = sync.OnceValues(func() (generated, error) {
	var g generated
	err := Generate(DemoOptions(), g.add)
	return g, err
})

func demo(tb testing.TB) generated {
	tb.Helper()
	g, err := demoOnce()
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func (g generated) entries() []journal.JournalpostInput {
	var out []journal.JournalpostInput
	for _, b := range g.batches {
		out = append(out, b.Journalposts...)
	}
	return out
}

func (g generated) cases() []journal.SaksmappeInput {
	var out []journal.SaksmappeInput
	for _, b := range g.batches {
		out = append(out, b.Saksmapper...)
	}
	return out
}

// digest is the SHA-256 of a canonical JSON encoding of everything generated.
func digest(t *testing.T, opts Options) string {
	t.Helper()
	h := sha256.New()
	err := Generate(opts, func(b journal.Batch, f []File) error {
		return json.NewEncoder(h).Encode(struct {
			Batch journal.Batch
			Files []File
		}{b, f})
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestDeterministic(t *testing.T) {
	opts := DemoOptions()
	a, b := digest(t, opts), digest(t, opts)
	if a != b {
		t.Fatalf("same options, different output: %s vs %s", a, b)
	}
	opts.Seed++
	if c := digest(t, opts); c == a {
		t.Fatal("a different seed gave the same output")
	}
}

// Files must not change the records: the journal without files is the
// journal with files minus its dokumentobjekter.
func TestFilesDoNotChangeRecords(t *testing.T) {
	opts := DemoOptions()
	opts.Entries = 600
	with := generate(t, opts)
	opts.Files = false
	without := generate(t, opts)
	for _, b := range with.batches {
		for i := range b.Journalposts {
			for j := range b.Journalposts[i].Journalpost.Dokumentbeskrivelse {
				b.Journalposts[i].Journalpost.Dokumentbeskrivelse[j].Dokumentobjekt = nil
			}
		}
	}
	x, _ := json.Marshal(with.batches)
	y, _ := json.Marshal(without.batches)
	if string(x) != string(y) {
		t.Fatal("records differ between Files true and false")
	}
	if n := len(without.files[0]); n != 0 {
		t.Fatalf("Files false produced %d files", n)
	}
}

func TestStopsAtFirstError(t *testing.T) {
	calls := 0
	stop := errors.New("stop")
	err := Generate(DemoOptions(), func(journal.Batch, []File) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Fatalf("err %v after %d calls, want the callback's error after 1", err, calls)
	}
}

func TestCounts(t *testing.T) {
	g := demo(t)
	entries, cases := g.entries(), g.cases()
	if len(entries) != 3200 {
		t.Errorf("%d entries, want 3200", len(entries))
	}
	if len(cases) < 600 {
		t.Errorf("%d cases, want at least 600", len(cases))
	}
	for i, b := range g.batches {
		if len(b.Journalposts) > BatchSize {
			t.Errorf("batch %d has %d entries", i, len(b.Journalposts))
		}
		if i > 0 && len(b.Enheter) > 0 {
			t.Errorf("batch %d has units", i)
		}
	}
	types := map[offl.Journalposttype]int{}
	screened, fnr := 0, 0
	for _, e := range entries {
		jp := e.Journalpost
		types[jp.Journalposttype]++
		if jp.Skjerming != nil {
			screened++
		} else if len(offl.FindIdentityNumbers(jp.Tittel)) > 0 {
			fnr++
		}
	}
	for _, typ := range []offl.Journalposttype{"I", "U", "N", "X", "S"} {
		if types[typ] == 0 {
			t.Errorf("no entries of type %s", typ)
		}
	}
	if share := float64(screened) / float64(len(entries)); share < 0.15 {
		t.Errorf("%.1f %% of entries have a skjerming, want at least 15 %%", 100*share)
	}
	if fnr < 5 || fnr > 10 {
		t.Errorf("%d titles with an unscreened fødselsnummer, want 5–10", fnr)
	}
	var names []string
	for _, u := range g.batches[0].Enheter {
		names = append(names, u.Navn)
	}
	for _, want := range []string{"Plan og byggesak", "Oppvekst og kultur", "Helse og omsorg", "Teknisk drift",
		"Økonomi", "Personal", "Kommunikasjonsenheten", "Rådmannens stab"} {
		if !slices.Contains(names, want) {
			t.Errorf("no unit %q", want)
		}
	}
}

func TestPublication(t *testing.T) {
	entries := demo(t).entries()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	latest := entries[len(entries)-1].Journalpost.Journaldato
	var hiddenStatus, delayed, forever int
	for _, e := range entries {
		jp := e.Journalpost
		jp.ID = jp.SystemID
		switch pub := offl.PublishJournalpost(jp, now, offl.DefaultPolicy()); pub.Hidden {
		case offl.HiddenStatus:
			hiddenStatus++
		case offl.HiddenIdentityNumber:
			if jp.Skjerming != nil {
				t.Errorf("%s: a screened fødselsnummer leaks: %q", jp.SystemID, jp.Tittel)
			}
		}
		if jp.AccessibleAfter.After(latest) {
			delayed++
		}
		if jp.AccessibleAfter.Year() == 2099 {
			forever++
		}
	}
	n := float64(len(entries))
	if s := float64(hiddenStatus) / n; s < 0.015 || s > 0.05 {
		t.Errorf("%.1f %% hidden by journalstatus, want about 3 %%", 100*s)
	}
	if s := float64(delayed) / n; s < 0.005 || s > 0.03 {
		t.Errorf("%.1f %% accessible only after the latest journaldato, want about 1 %%", 100*s)
	}
	if forever < 3 || forever > 10 {
		t.Errorf("%d entries hidden until 2099, want a handful", forever)
	}
}

func TestOrganisasjonsnummer(t *testing.T) {
	for _, e := range demo(t).entries() {
		for _, k := range e.Journalpost.Korrespondansepart {
			if k.ErPerson && k.Organisasjonsnummer != "" {
				t.Errorf("person %q has an organisasjonsnummer", k.Navn)
			}
			if k.Organisasjonsnummer != "" && !offl.ValidOrganisasjonsnummer(k.Organisasjonsnummer) {
				t.Errorf("%q: invalid organisasjonsnummer %s", k.Navn, k.Organisasjonsnummer)
			}
		}
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestKeysAndReferences(t *testing.T) {
	g := demo(t)
	ids := map[string]bool{}
	unique := func(what, id string) {
		t.Helper()
		if !uuidRE.MatchString(id) {
			t.Errorf("%s systemID %q is not a UUID v4", what, id)
		}
		if ids[id] {
			t.Errorf("duplicate systemID %s", id)
		}
		ids[id] = true
	}
	unitKodes := map[string]bool{}
	for _, u := range g.batches[0].Enheter {
		if u.ParentKode != "" && !unitKodes[u.ParentKode] {
			t.Errorf("unit %s comes before its parent %s", u.Kode, u.ParentKode)
		}
		unitKodes[u.Kode] = true
	}
	caseNr := map[[2]int]bool{}
	journalNr := map[[2]int]bool{}
	seen := map[string]bool{}
	for _, b := range g.batches {
		for _, c := range b.Saksmapper {
			sm := c.Saksmappe
			unique("case", sm.SystemID)
			seen[sm.SystemID] = true
			k := [2]int{sm.Saksaar, sm.Sakssekvensnummer}
			if caseNr[k] {
				t.Errorf("duplicate saksnummer %s", sm.Saksnummer())
			}
			caseNr[k] = true
			if !unitKodes[c.EnhetKode] {
				t.Errorf("case %s: unknown unit %s", sm.Saksnummer(), c.EnhetKode)
			}
		}
		for _, e := range b.Journalposts {
			jp := e.Journalpost
			unique("entry", jp.SystemID)
			if !seen[e.SaksmappeSystemID] {
				t.Errorf("entry %s refers to case %s not emitted yet", jp.SystemID, e.SaksmappeSystemID)
			}
			if !unitKodes[e.EnhetKode] {
				t.Errorf("entry %s: unknown unit %s", jp.SystemID, e.EnhetKode)
			}
			k := [2]int{jp.Journalaar, jp.Journalsekvensnummer}
			if journalNr[k] {
				t.Errorf("duplicate journalnummer %d/%d", k[0], k[1])
			}
			journalNr[k] = true
			for _, d := range jp.Dokumentbeskrivelse {
				unique("document", d.SystemID)
			}
		}
	}
}

func TestDatesAndNumbers(t *testing.T) {
	opts := DemoOptions()
	end := opts.Start.AddDate(opts.Years, 0, 0)
	type caseSeen struct {
		last    time.Time
		entries int
	}
	cases := map[string]*caseSeen{}
	var prev offl.Journalpost
	for i, e := range demo(t).entries() {
		jp := e.Journalpost
		d := jp.Journaldato
		if d.Before(opts.Start) || !d.Before(end) {
			t.Errorf("journaldato %s outside the period", d)
		}
		if i > 0 && d.Before(prev.Journaldato) {
			t.Errorf("entries out of journaldato order at %d", i)
		}
		want := 1
		if i > 0 && prev.Journalaar == jp.Journalaar {
			want = prev.Journalsekvensnummer + 1
		}
		if jp.Journalaar != d.Year() || jp.Journalsekvensnummer != want {
			t.Errorf("entry %d is %d/%d, want %d/%d", i, jp.Journalaar, jp.Journalsekvensnummer, d.Year(), want)
		}
		if jp.DokumentetsDato.After(d) {
			t.Errorf("%s: dokumentetsDato after journaldato", jp.SystemID)
		}
		if (jp.Journalposttype == offl.Inngaaende) == jp.MottattDato.IsZero() ||
			(jp.Journalposttype == offl.Utgaaende) == jp.SendtDato.IsZero() {
			t.Errorf("%s (%s): mottattDato %s sendtDato %s", jp.SystemID, jp.Journalposttype, jp.MottattDato, jp.SendtDato)
		}
		c := cases[e.SaksmappeSystemID]
		if c == nil {
			c = &caseSeen{}
			cases[e.SaksmappeSystemID] = c
		}
		c.entries++
		if jp.Journalpostnummer != c.entries || d.Before(c.last) {
			t.Errorf("%s: journalpostnummer %d (want %d) dated %s after %s", jp.SystemID, jp.Journalpostnummer, c.entries, d, c.last)
		}
		c.last = d
		prev = jp
	}
	for id, c := range cases {
		if c.entries > maxEntriesPerCase {
			t.Errorf("case %s has %d entries", id, c.entries)
		}
	}
}

var storageKeyRE = regexp.MustCompile(`^documents/[0-9a-f]{32}$`)

func TestDocumentsAndFiles(t *testing.T) {
	g := demo(t)
	for bi, b := range g.batches {
		files := map[string][]byte{}
		for _, f := range g.files[bi] {
			if f.MediaType != "application/pdf" {
				t.Errorf("file %s has media type %s", f.Key, f.MediaType)
			}
			files[f.Key] = f.Content
		}
		for _, e := range b.Journalposts {
			docs := e.Journalpost.Dokumentbeskrivelse
			for i, d := range docs {
				role := offl.Vedlegg
				if i == 0 {
					role = offl.Hoveddokument
				}
				if d.Dokumentnummer != i+1 || d.TilknyttetRegistreringSom != role || d.Tittel == "" {
					t.Errorf("%s document %d: nr %d role %s title %q", e.Journalpost.SystemID, i, d.Dokumentnummer, d.TilknyttetRegistreringSom, d.Tittel)
				}
				if len(d.Dokumentobjekt) != 1 {
					t.Fatalf("%s document %d has %d dokumentobjekter", e.Journalpost.SystemID, i, len(d.Dokumentobjekt))
				}
				o := d.Dokumentobjekt[0]
				content, ok := files[o.StorageKey]
				sum := sha256.Sum256(content)
				if !ok || !storageKeyRE.MatchString(o.StorageKey) || o.Sjekksum != hex.EncodeToString(sum[:]) ||
					o.Storrelse != int64(len(content)) || o.Versjonsnummer != 1 || o.Variantformat != offl.Arkivformat ||
					o.Format != "PDF" || o.MediaType != "application/pdf" || o.Filnavn != fileName(d.Tittel) {
					t.Errorf("%s document %d: bad dokumentobjekt %+v (file in batch: %v)", e.Journalpost.SystemID, i, o, ok)
				}
			}
			if n := len(docs); n < 1 || n > 3 {
				t.Errorf("%s has %d documents", e.Journalpost.SystemID, n)
			}
		}
	}
}
