package api_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// searchPage is what GET /v1/search answers.
type searchPage struct {
	Items  []api.SearchHit   `json:"items"`
	Next   string            `json:"next"`
	Total  api.SearchTotal   `json:"total"`
	Ranked int               `json:"ranked"`
	Facets *api.SearchFacets `json:"facets"`
}

func (p searchPage) titles() []string {
	out := make([]string, len(p.Items))
	for i, h := range p.Items {
		out[i] = h.OffentligTittel
	}
	return out
}

func (s *server) search(t *testing.T, params ...string) searchPage {
	t.Helper()
	q := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		q.Add(params[i], params[i+1])
	}
	r := s.get(t, "/v1/search?"+q.Encode())
	if r.status != 200 {
		t.Fatalf("search %v: %d %s", params, r.status, r.body)
	}
	var p searchPage
	r.decode(t, &p)
	return p
}

// ranaBygg is a valid organisasjonsnummer: weights 3 2 7 6 5 4 3 2 over
// 97476067 give 173; 173 mod 11 = 8; 11 − 8 = 3.
const ranaBygg = "974760673"

// entry is one journalpost of a search test journal.
type entry struct {
	title, caseTitle, unit string
	typ                    offl.Journalposttype
	date                   time.Time
	parties                []offl.Korrespondansepart
	skjerming              *offl.Skjerming
	file                   bool
}

// journalOf makes a batch with one case per entry; case n is 2024/n.
func journalOf(entries ...entry) journal.Batch {
	b := journal.Batch{Enheter: []journal.EnhetInput{
		{Kode: "KOMMUNE", Navn: "Testkommune"},
		{Kode: "PLAN", Navn: "Plan og byggesak", ParentKode: "KOMMUNE"},
		{Kode: "OPPV", Navn: "Oppvekst og kultur", ParentKode: "KOMMUNE"},
	}}
	for i, e := range entries {
		n := i + 1
		unit := cmpOr(e.unit, "PLAN")
		caseKey := fmt.Sprintf("case-%d", n)
		b.Saksmapper = append(b.Saksmapper, journal.SaksmappeInput{EnhetKode: unit, Saksmappe: offl.Saksmappe{
			SystemID: caseKey, Saksaar: 2024, Sakssekvensnummer: n, Saksdato: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			Tittel: cmpOr(e.caseTitle, fmt.Sprintf("Sak nummer %d", n))}})
		jp := offl.Journalpost{
			SystemID: fmt.Sprintf("entry-%d", n), Journalaar: 2024, Journalsekvensnummer: n, Journalpostnummer: 1,
			Journalposttype: cmpOr(e.typ, offl.Inngaaende), Journalstatus: offl.Journalfoert, Tittel: e.title,
			Journaldato:        cmpOr(e.date, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)),
			Korrespondansepart: e.parties, Skjerming: e.skjerming,
		}
		jp.DokumentetsDato = jp.Journaldato.AddDate(0, 0, -2)
		if e.file {
			jp.Dokumentbeskrivelse = []offl.Dokumentbeskrivelse{{SystemID: fmt.Sprintf("doc-%d", n), Dokumentnummer: 1,
				TilknyttetRegistreringSom: offl.Hoveddokument, Tittel: "Brev",
				Dokumentobjekt: []offl.Dokumentobjekt{{Versjonsnummer: 1, Variantformat: offl.Arkivformat, Format: "PDF",
					Filnavn: "brev.pdf", MediaType: "application/pdf", Storrelse: 10,
					Sjekksum: fmt.Sprintf("%064x", n), StorageKey: fmt.Sprintf("documents/doc-%d", n)}}}}
		}
		b.Journalposts = append(b.Journalposts, journal.JournalpostInput{SaksmappeSystemID: caseKey, EnhetKode: unit, Journalpost: jp})
	}
	return b
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// setDocumentText stores extracted text for the file of entry n, as the
// extraction job would.
func (s *server) setDocumentText(t *testing.T, n int, text string) {
	t.Helper()
	var id string
	if err := s.db.Get(&id, `SELECT id FROM dokumentobjekt WHERE storage_key = $1`, fmt.Sprintf("documents/doc-%d", n)); err != nil {
		t.Fatal(err)
	}
	if err := s.store.SaveText(context.Background(), id, journal.ExtractedText{Status: "ok", Text: text, Pages: 1}); err != nil {
		t.Fatal(err)
	}
}

func company(name, orgnr string) offl.Korrespondansepart {
	return offl.Korrespondansepart{Korrespondanseparttype: offl.Avsender, Navn: name, Organisasjonsnummer: orgnr}
}

func person(name string) offl.Korrespondansepart {
	return offl.Korrespondansepart{Korrespondanseparttype: offl.Avsender, Navn: name, ErPerson: true}
}

func TestSearchFindsWhatAJournalistExpects(t *testing.T) {
	s := newServer(t)
	s.load(t, journalOf(
		entry{title: "Byggesøknader for Mo sentrum - rammetillatelse"},                                          // 1
		entry{title: "Søknad om skjenkebevilling - Mo Bryggeri AS", unit: "OPPV"},                               // 2
		entry{title: "Klage på avslag - søknad om skjenkebevilling - Kafé Nordlys AS"},                          // 3
		entry{title: "Søknad om serveringsbevilling - Kafé Nordlys AS"},                                         // 4
		entry{title: "Skjenkebevilling og søknad om kveldsåpent"},                                               // 5: the words, not the phrase
		entry{title: "Referat fra møte", parties: []offl.Korrespondansepart{company("Rana Bygg AS", ranaBygg)}}, // 6
		entry{title: "Tilbud på <b>asfalt</b> & grus"},                                                          // 7
	))

	t.Run("a word finds its inflected forms", func(t *testing.T) {
		p := s.search(t, "q", "byggesøknad")
		if got := p.titles(); len(got) != 1 || got[0] != "Byggesøknader for Mo sentrum - rammetillatelse" {
			t.Errorf("byggesøknad found %q", got)
		}
		if h := p.Items[0].Highlight["offentligTittel"]; h != "<mark>Byggesøknader</mark> for Mo sentrum - rammetillatelse" {
			t.Errorf("highlight %q", h)
		}
	})
	t.Run("a phrase without its exclusion", func(t *testing.T) {
		got := s.search(t, "q", `"søknad om skjenkebevilling" -klage`).titles()
		if !slices.Equal(got, []string{"Søknad om skjenkebevilling - Mo Bryggeri AS"}) {
			t.Errorf("found %q", got)
		}
	})
	t.Run("or, and, parentheses", func(t *testing.T) {
		got := s.search(t, "q", "(skjenkebevilling | serveringsbevilling) +Nordlys", "sort", "oldest").titles()
		want := []string{"Klage på avslag - søknad om skjenkebevilling - Kafé Nordlys AS", "Søknad om serveringsbevilling - Kafé Nordlys AS"}
		if !slices.Equal(got, want) {
			t.Errorf("found %q, want %q", got, want)
		}
		if n := s.search(t, "q", "skjenkebevilling OR serveringsbevilling").Total.Value; n != 4 {
			t.Errorf("OR found %d, want 4", n)
		}
	})
	t.Run("saksnummer and organisasjonsnummer match exactly", func(t *testing.T) {
		for _, q := range []string{"2024/4", "24/4", "2024/4-1", "søknad 2024/4"} {
			if got := s.search(t, "q", q).titles(); !slices.Equal(got, []string{"Søknad om serveringsbevilling - Kafé Nordlys AS"}) {
				t.Errorf("%s found %q", q, got)
			}
		}
		if got := s.search(t, "q", "2024/4-2").titles(); len(got) != 0 {
			t.Errorf("2024/4-2 found %q", got)
		}
		if got := s.search(t, "q", ranaBygg).titles(); !slices.Equal(got, []string{"Referat fra møte"}) {
			t.Errorf("orgnr found %q", got)
		}
	})
	t.Run("highlights are escaped", func(t *testing.T) {
		p := s.search(t, "q", "asfalt")
		if h := p.Items[0].Highlight["offentligTittel"]; h != "Tilbud på &lt;b&gt;<mark>asfalt</mark>&lt;/b&gt; &amp; grus" {
			t.Errorf("highlight %q", h)
		}
	})
	t.Run("facets count every match", func(t *testing.T) {
		p := s.search(t, "q", "søknad", "facets", "true")
		if p.Total != (api.SearchTotal{Value: 4, Exact: true}) {
			t.Errorf("total %+v", p.Total)
		}
		f := p.Facets
		if f == nil || !slices.Equal(f.AdministrativEnhet, []api.Count{{Key: "PLAN", Label: "Plan og byggesak", Count: 3},
			{Key: "OPPV", Label: "Oppvekst og kultur", Count: 1}}) || !slices.Equal(f.Aar, []api.Count{{Key: "2024", Count: 4}}) ||
			!slices.Equal(f.Journalposttype, []api.Count{{Key: "inngaaende_dokument", Count: 4}}) {
			t.Errorf("facets %+v", f)
		}
	})
}

func TestSearchRanksTitleAboveCaseTitleNamesAndText(t *testing.T) {
	s := newServer(t)
	day := func(d int) time.Time { return time.Date(2024, 5, d, 0, 0, 0, 0, time.UTC) }
	// The older an entry, the better its match: newest-first would give
	// the reverse order.
	s.load(t, journalOf(
		entry{title: "Program for Nordlysfestivalen", date: day(1)},
		entry{title: "Avtale om scene", caseTitle: "Nordlysfestivalen 2024", date: day(2)},
		entry{title: "Faktura", parties: []offl.Korrespondansepart{company("Nordlysfestivalen AS", "")}, date: day(3)},
		entry{title: "Brev om lyd", file: true, date: day(4)},
		entry{title: "Uten treff", date: day(5)},
	))
	s.setDocumentText(t, 4, "Vi viser til søknaden fra Nordlysfestivalen om lydanlegg.")
	p := s.search(t, "q", "nordlysfestivalen")
	want := []string{"Program for Nordlysfestivalen", "Avtale om scene", "Faktura", "Brev om lyd"}
	if got := p.titles(); !slices.Equal(got, want) {
		t.Fatalf("order %q, want %q", got, want)
	}
	if h := p.Items[3].Highlight["dokumenttekst"]; !strings.Contains(h, "<mark>Nordlysfestivalen</mark>") {
		t.Errorf("document text highlight %q", h)
	}
	if got := s.search(t, "q", "nordlysfestivalen", "sort", "newest").titles(); !slices.Equal(got, []string{want[3], want[2], want[1], want[0]}) {
		t.Errorf("newest first %q", got)
	}
}

func TestSearchNeverFindsWhatIsWithheld(t *testing.T) {
	s := newServer(t)
	s.load(t, journalOf(
		entry{title: "Søknad om tilskudd fra Qhidden Qsecret", skjerming: &offl.Skjerming{Tilgangsrestriksjon: "UO",
			Skjermingshjemmel: "Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
			Screens:           offl.Screens{Title: offl.TitleScreen{Phrases: []string{"Qhidden Qsecret"}}, Names: true}},
			parties: []offl.Korrespondansepart{person("Qperson Qnameless")}},
		entry{title: "Søknad om tilskudd til idrettslag"},
	))
	for _, q := range []string{"qsecret", "qhidden", `"qhidden qsecret"`, "qnameless", "qperson OR qsecret"} {
		p := s.search(t, "q", q, "facets", "true")
		if p.Total.Value != 0 || len(p.Items) != 0 {
			t.Errorf("%s found %q", q, p.titles())
		}
		if f := p.Facets; len(f.Journalposttype)+len(f.AdministrativEnhet)+len(f.Aar)+len(f.Skjermingshjemmel) != 0 {
			t.Errorf("%s: facets %+v", q, f)
		}
	}
	if p := s.search(t, "korrespondansepart", "Qperson Qnameless"); len(p.Items) != 0 {
		t.Errorf("the screened name filters: %q", p.titles())
	}
	// Adding the screened word to a search moves no count.
	plain := s.search(t, "q", "tilskudd", "facets", "true")
	with := s.search(t, "q", "tilskudd OR qsecret OR qnameless", "facets", "true")
	if fmt.Sprint(plain.Facets) != fmt.Sprint(with.Facets) || plain.Total != with.Total {
		t.Errorf("facets moved: %+v vs %+v", plain.Facets, with.Facets)
	}
	if plain.Total.Value != 2 || len(plain.Facets.Skjermingshjemmel) != 1 || plain.Facets.Skjermingshjemmel[0].Key != "offl-13" {
		t.Errorf("the screened entry itself is public, with its basis: %+v", plain)
	}
}

func TestSearchNameRuleAfterOneYear(t *testing.T) {
	s := newServer(t)
	s.load(t, journalOf(entry{title: "Søknad om ferdigattest",
		parties: []offl.Korrespondansepart{person("Kari Nordmann"), company("Rana Bygg AS", ranaBygg)}}))
	found := func(params ...string) bool { return len(s.search(t, params...).Items) == 1 }
	for _, params := range [][]string{{"q", "Nordmann"}, {"q", `"Kari Nordmann"`}, {"korrespondansepart", "Kari Nordmann"},
		{"q", "Rana Bygg"}, {"korrespondansepart", "Rana Bygg"}, {"q", ranaBygg}} {
		if !found(params...) {
			t.Errorf("within the year, %v finds nothing", params)
		}
	}
	// A year and a day after publication the person's name stops being
	// searchable (offentlegforskrifta § 6); the company's does not.
	s.clock.Add(366*24*time.Hour + time.Hour)
	if _, err := s.store.RefreshDue(context.Background(), 100); err != nil {
		t.Fatal(err)
	}
	for _, params := range [][]string{{"q", "Nordmann"}, {"q", `"Kari Nordmann"`}, {"korrespondansepart", "Kari Nordmann"}} {
		if found(params...) {
			t.Errorf("after a year, %v still finds the person", params)
		}
	}
	for _, params := range [][]string{{"q", "Rana Bygg"}, {"korrespondansepart", "Rana Bygg"}, {"q", ranaBygg}, {"q", "ferdigattest"}} {
		if !found(params...) {
			t.Errorf("after a year, %v finds nothing", params)
		}
	}
	// The entry still shows the name: only search forgets it.
	if p := s.search(t, "q", "ferdigattest"); p.Items[0].Korrespondansepart[0].KorrespondansepartNavn != "Kari Nordmann" {
		t.Errorf("parties %+v", p.Items[0].Korrespondansepart)
	}
}

func TestSearchFilters(t *testing.T) {
	s := newServer(t)
	s.load(t, journalOf(
		entry{title: "Vedtak om rammetillatelse", typ: offl.Utgaaende, date: time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), file: true}, // 1
		entry{title: "Søknad om rammetillatelse", unit: "OPPV", date: time.Date(2025, 1, 5, 0, 0, 0, 0, time.UTC)},                     // 2
		entry{title: "Søknad om dispensasjon", unit: "KOMMUNE", date: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), // 3
			skjerming: &offl.Skjerming{Tilgangsrestriksjon: "UO", Skjermingshjemmel: "Offl. § 23 tredje ledd", Screens: offl.Screens{Names: true},
				Meirinnsyn: &offl.Meirinnsyn{VurdertAv: "arkiv", VurdertDato: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), Utfall: offl.UnntakOpprettholdt, Begrunnelse: "anbud"}},
			parties: []offl.Korrespondansepart{company("Rana Bygg AS", ranaBygg)}},
		entry{title: "Søknad om ferdigattest", parties: []offl.Korrespondansepart{company("Mo Elektro AS", "")}, date: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}, // 4
	))
	s.setDocumentText(t, 1, "Rammetillatelse gitt.") // its file is published once its text is read
	tests := []struct {
		params []string
		want   []string // titles, newest first
	}{
		{[]string{"journaldatoFrom", "2025-01-01"}, []string{"Vedtak om rammetillatelse", "Søknad om rammetillatelse"}},
		{[]string{"journaldatoFrom", "now-7d"}, []string{"Vedtak om rammetillatelse"}}, // the clock is at 2025-03-14
		{[]string{"journaldatoFrom", "now-7d/d"}, []string{"Vedtak om rammetillatelse"}},
		{[]string{"journaldatoTo", "now-1y"}, []string{"Søknad om ferdigattest"}},
		{[]string{"dokumentetsDatoFrom", "2025-01-03", "dokumentetsDatoTo", "2025-01-03"}, []string{"Søknad om rammetillatelse"}},
		{[]string{"publisertDatoFrom", "now", "publisertDatoTo", "now"}, []string{"Vedtak om rammetillatelse", "Søknad om rammetillatelse", "Søknad om dispensasjon", "Søknad om ferdigattest"}},
		{[]string{"publisertDatoFrom", "now+1d"}, nil},
		{[]string{"journalposttype", "utgaaende_dokument"}, []string{"Vedtak om rammetillatelse"}},
		{[]string{"administrativEnhet", "KOMMUNE"}, []string{"Vedtak om rammetillatelse", "Søknad om rammetillatelse", "Søknad om dispensasjon", "Søknad om ferdigattest"}},
		{[]string{"administrativEnhet", "KOMMUNE", "includeSubunits", "false"}, []string{"Søknad om dispensasjon"}},
		{[]string{"saksnummer", "2024/2"}, []string{"Søknad om rammetillatelse"}},
		{[]string{"korrespondansepart", "Mo Elektro"}, []string{"Søknad om ferdigattest"}},
		{[]string{"korrespondansepart", "Rana Bygg"}, nil}, // names screened on that entry
		{[]string{"q", ranaBygg}, nil},
		{[]string{"skjermingshjemmel", "offl-23"}, []string{"Søknad om dispensasjon"}},
		{[]string{"skjermingshjemmel", "offl. § 23 (3)"}, []string{"Søknad om dispensasjon"}},
		{[]string{"skjermingshjemmel", "offl-13"}, nil},
		{[]string{"harDokument", "true"}, []string{"Vedtak om rammetillatelse"}},
		{[]string{"harDokument", "false", "q", "rammetillatelse"}, []string{"Søknad om rammetillatelse"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.params, "="), func(t *testing.T) {
			got := s.search(t, append(tt.params, "sort", "newest")...).titles()
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got := s.search(t, "sort", "oldest").titles(); got[0] != "Søknad om ferdigattest" || len(got) != 4 {
		t.Errorf("oldest first: %q", got)
	}
}

func TestSearchPagingStaysCorrectWhileEntriesAreAdded(t *testing.T) {
	s := newServer(t)
	var first []entry
	for i := range 40 {
		title := "Søknad om tilskudd"
		if i%3 == 0 {
			title = "Tilskudd til lag og foreninger, søknad om tilskudd" // ranks higher
		}
		first = append(first, entry{title: fmt.Sprintf("%s nr %d", title, i)})
	}
	s.load(t, journalOf(first...))
	for round, sort := range []string{"relevance", "newest", "oldest"} {
		t.Run(sort, func(t *testing.T) {
			seen := map[string]int{}
			params := []string{"q", "tilskudd", "sort", sort, "limit", "7"}
			p := s.search(t, params...)
			for pages := 0; ; pages++ {
				for _, h := range p.Items {
					seen[h.OffentligTittel]++
				}
				if p.Next == "" || pages > 20 {
					break
				}
				if pages == 1 {
					// New matching entries arrive between pages.
					var more []entry
					for i := range 45 {
						more = append(more, entry{title: fmt.Sprintf("Søknad om tilskudd, ny %s %d", sort, i)})
					}
					b := journalOf(more...)
					for i := range b.Journalposts {
						b.Journalposts[i].Journalpost.SystemID += "-" + sort
						b.Journalposts[i].Journalpost.Journalsekvensnummer += 100 * (1 + round)
						b.Journalposts[i].SaksmappeSystemID += "-" + sort
						b.Saksmapper[i].Saksmappe.SystemID += "-" + sort
						b.Saksmapper[i].Saksmappe.Sakssekvensnummer += 100 * (1 + round)
					}
					s.load(t, b)
				}
				p = s.search(t, append(params, "cursor", p.Next)...)
			}
			for _, e := range first {
				if seen[e.title] != 1 {
					t.Errorf("%q seen %d times", e.title, seen[e.title])
				}
			}
			for title, n := range seen {
				if n != 1 {
					t.Errorf("%q seen %d times", title, n)
				}
			}
		})
	}
	t.Run("relevance puts the better matches first", func(t *testing.T) {
		p := s.search(t, "q", "tilskudd", "limit", "14")
		for i, h := range p.Items {
			if !strings.HasPrefix(h.OffentligTittel, "Tilskudd til lag") {
				t.Errorf("hit %d: %q", i, h.OffentligTittel)
			}
		}
	})
}

func TestSearchBadInput(t *testing.T) {
	s := newServer(t)
	s.load(t, journalOf(entry{title: "Søknad om skjenkebevilling"}, entry{title: "Klage på vedtak"}))
	ok := []string{`"søknad om`, `(søknad OR klage`, `søknad)`, `'; DROP TABLE journalpost; --`, `søknad' OR '1'='1`,
		`søknad -`, `a:b & c | d <-> e`, `søknad OR OR`, `søknad\`, "søknad\x00"}
	for _, q := range ok {
		if r := s.get(t, "/v1/search?q="+url.QueryEscape(q)); r.status != 200 {
			t.Errorf("%q: %d %s", q, r.status, r.body)
		}
	}
	if got := s.search(t, "q", `"søknad om`).titles(); !slices.Equal(got, []string{"Søknad om skjenkebevilling"}) {
		t.Errorf("an unclosed phrase: %q", got)
	}
	bad := []struct{ q, code string }{
		{strings.Repeat("søknad ", 1500), "query_too_long"},
		{"og i på", "query_no_terms"},
		{"-klage", "query_only_excluded"},
		{strings.Repeat("ord ", 40), "query_too_complex"},
		{strings.Repeat("(", 100) + "søknad", "query_too_complex"},
		{`OR AND NOT`, "query_no_terms"},
		{`"`, "query_no_terms"},
		{`***`, "query_no_terms"},
	}
	for _, tt := range bad {
		s.get(t, "/v1/search?q="+url.QueryEscape(tt.q)).wantProblem(t, 400, tt.code).wantLocation(t, "query.q")
		s.get(t, "/v1/journalpost?q="+url.QueryEscape(tt.q)).wantProblem(t, 400, tt.code)
	}
	p := s.search(t, "q", "søknad OR klage", "limit", "1")
	s.get(t, "/v1/search?q=klage&limit=1&cursor="+p.Next).wantProblem(t, 400, "invalid_cursor")
	s.get(t, "/v1/search?q=s%C3%B8knad+OR+klage&limit=1&sort=newest&cursor="+p.Next).wantProblem(t, 400, "invalid_cursor")
	s.get(t, "/v1/search?cursor=bm9wZQ").wantProblem(t, 400, "invalid_cursor")
	s.get(t, "/v1/search?journaldatoFrom=yesterday").wantProblem(t, 422, "invalid")
	s.get(t, "/v1/search?journaldatoFrom=2024-02-01&journaldatoTo=2024-01-01").wantProblem(t, 422, "invalid").wantLocation(t, "query.journaldatoTo")
	s.get(t, "/v1/search?sort=best").wantProblem(t, 422, "invalid")
	s.get(t, "/v1/search?skjermingshjemmel=hemmelig").wantProblem(t, 422, "invalid").wantLocation(t, "query.skjermingshjemmel")
}
