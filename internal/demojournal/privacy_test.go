package demojournal

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// The public view is computed at a fixed instant after the period.
var publishAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// published is the public view of an entry as the service would compute
// it; documents are identified by SystemID, as in a Batch.
func published(e journal.JournalpostInput) offl.Publication {
	jp := e.Journalpost
	jp.ID = jp.SystemID
	jp.Dokumentbeskrivelse = append([]offl.Dokumentbeskrivelse(nil), jp.Dokumentbeskrivelse...)
	for i := range jp.Dokumentbeskrivelse {
		jp.Dokumentbeskrivelse[i].ID = jp.Dokumentbeskrivelse[i].SystemID
	}
	return offl.PublishJournalpost(jp, publishAt, offl.DefaultPolicy())
}

// publicTexts is everything of a public entry a reader can see.
func publicTexts(p offl.PublicJournalpost) []string {
	texts := []string{p.OffentligTittel}
	for _, k := range p.Korrespondansepart {
		texts = append(texts, k.Navn)
	}
	for _, d := range p.Dokumentbeskrivelse {
		texts = append(texts, d.Tittel)
	}
	return texts
}

// containsTerm reports whether the words of term occur in a row in text,
// compared as offl compares them (case-insensitive, whole words).
func containsTerm(text, term string) bool {
	tw, w := wordsOf(strings.ToLower(text)), wordsOf(strings.ToLower(term))
	for i := 0; len(w) > 0 && i+len(w) <= len(tw); i++ {
		if strings.Join(tw[i:i+len(w)], " ") == strings.Join(w, " ") {
			return true
		}
	}
	return false
}

// secrets collects, over the whole journal, the names and numbers a
// skjerming withholds: screened phrases, words screened by position, and
// the names of persons among screened correspondents. Generated names of
// screened people come from their own pool, so none of these may appear in
// any public text anywhere.
func secrets(entries []journal.JournalpostInput) map[string]bool {
	out := map[string]bool{}
	for _, e := range entries {
		s, jp := e.Journalpost.Skjerming, e.Journalpost
		if s == nil || (!s.OpphoererDato.IsZero() && !publishAt.Before(s.OpphoererDato)) {
			continue
		}
		for _, p := range s.Screens.Title.Phrases {
			out[p] = true
		}
		if len(s.Screens.Title.Words) > 0 {
			words := offl.ScreenedWords(jp.Tittel, offl.TitleScreen{Words: s.Screens.Title.Words}, false)
			out[strings.Join(words, " ")] = true
		}
		if s.Screens.Names {
			for _, k := range jp.Korrespondansepart {
				if k.ErPerson {
					out[k.Navn] = true
				}
			}
		}
	}
	return out
}

func TestScreenedTermsStayInTheirEntry(t *testing.T) {
	g := demo(t)
	inherited := map[string][]string{}
	for _, e := range g.entries() {
		terms := offl.WithheldTerms(e.Journalpost, publishAt)
		inherited[e.SaksmappeSystemID] = append(inherited[e.SaksmappeSystemID], terms...)
		pub := published(e)
		if !pub.Visible() {
			continue
		}
		for _, text := range publicTexts(pub.Entry) {
			for _, term := range terms {
				if containsTerm(text, term) {
					t.Errorf("%s: withheld %q appears in %q", e.Journalpost.SystemID, term, text)
				}
			}
		}
	}
	for _, c := range g.cases() {
		terms := inherited[c.Saksmappe.SystemID]
		pub := offl.PublishSaksmappe(c.Saksmappe, terms, publishAt)
		for _, term := range terms {
			if containsTerm(pub.Case.OffentligTittel, term) {
				t.Errorf("case %s: withheld %q appears in %q", c.Saksmappe.Saksnummer(), term, pub.Case.OffentligTittel)
			}
		}
	}
}

func TestScreenedNamesNeverPublic(t *testing.T) {
	g := demo(t)
	entries := g.entries()
	secret := secrets(entries)
	if len(secret) < 100 {
		t.Fatalf("only %d screened names and numbers; the check would prove little", len(secret))
	}
	// Index the secrets by their words so each text is scanned once.
	byWords, longest := map[string]bool{}, 0
	for s := range secret {
		w := wordsOf(strings.ToLower(s))
		byWords[strings.Join(w, " ")] = true
		longest = max(longest, len(w))
	}
	check := func(where, text string) {
		t.Helper()
		tw := wordsOf(strings.ToLower(text))
		for i := range tw {
			for n := 1; n <= longest && i+n <= len(tw); n++ {
				if s := strings.Join(tw[i:i+n], " "); byWords[s] {
					t.Errorf("%s: screened %q appears in public text %q", where, s, text)
				}
			}
		}
	}
	files := map[string][]byte{}
	for _, fs := range g.files {
		for _, f := range fs {
			files[f.Key] = f.Content
		}
	}
	for _, e := range entries {
		pub := published(e)
		if !pub.Visible() {
			continue
		}
		for _, text := range publicTexts(pub.Entry) {
			check(e.Journalpost.SystemID, text)
		}
		// The documents the public may see must not name screened people either.
		for _, d := range e.Journalpost.Dokumentbeskrivelse {
			if !slicesContainsDoc(pub.Entry.Dokumentbeskrivelse, d.SystemID) {
				continue
			}
			check("file name of "+d.SystemID, d.Dokumentobjekt[0].Filnavn)
			for _, line := range pdfLines(files[d.Dokumentobjekt[0].StorageKey]) {
				check("file of "+d.SystemID, line)
			}
		}
	}
	// Without the terms inherited from its entries, a case's own skjerming
	// must already hide every screened name in its title.
	for _, c := range g.cases() {
		pub := offl.PublishSaksmappe(c.Saksmappe, nil, publishAt)
		check("case "+c.Saksmappe.Saksnummer(), pub.Case.OffentligTittel)
	}
}

func slicesContainsDoc(docs []offl.PublicDokumentbeskrivelse, id string) bool {
	for _, d := range docs {
		if d.ID == id {
			return true
		}
	}
	return false
}

// pdfLines returns the text shown by the Tj operators of a generated PDF,
// decoded from WinAnsi.
func pdfLines(content []byte) []string {
	var out []string
	for {
		i := bytes.Index(content, []byte(" Td ("))
		if i < 0 {
			return out
		}
		content = content[i+5:]
		var b strings.Builder
		for len(content) > 0 && content[0] != ')' {
			c := content[0]
			if c == '\\' {
				content = content[1:]
				c = content[0]
			}
			b.WriteRune(winAnsiRune(c))
			content = content[1:]
		}
		out = append(out, b.String())
	}
}

// winAnsiRune decodes the bytes winAnsiByte produces.
func winAnsiRune(c byte) rune {
	for _, r := range "€…‘’“”•–—" {
		if winAnsiByte(r) == c {
			return r
		}
	}
	return rune(c)
}

func TestNamePoolsDisjoint(t *testing.T) {
	public := map[string]bool{}
	for _, n := range append(append([]string{}, publicFirstNames...), publicSurnames...) {
		public[n] = true
	}
	for _, n := range append(append(append([]string{}, secretChildNames...), secretAdultNames...), secretSurnames...) {
		if public[n] {
			t.Errorf("%q is in both the public and the screened name pools", n)
		}
	}
}
