package noark5

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// readAll reads every Mappe and checks each that is not broken the way the
// importer will; err is the error that ended reading, nil at io.EOF.
func readAll(t testing.TB, r Reader) (ms []Mappe, err error) {
	t.Helper()
	for range 1_000_000 {
		m, err := r.Next()
		if errors.Is(err, io.EOF) {
			return ms, nil
		}
		if err != nil {
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("Next: %v is not a *ReadError", err)
			}
			if _, again := r.Next(); again != err {
				t.Fatalf("Next after an error: %v, want the same error", again)
			}
			return ms, err
		}
		mustValid(t, m)
		ms = append(ms, m)
	}
	t.Fatal("Next never ends")
	return nil, nil
}

// mustValid checks that a Mappe that is not broken passes journal
// validation once its files are stored as the importer stores them (storage
// key, size, and the SHA-256 of the content filled in), and that its
// records refer to each other.
func mustValid(t testing.TB, m Mappe) {
	t.Helper()
	if m.Broken {
		return
	}
	jps := slices.Clone(m.Journalposts)
	for i := range jps {
		jps[i].Journalpost = storeFiles(jps[i].Journalpost)
	}
	b := journal.Batch{Enheter: m.Enheter, Saksmapper: []journal.SaksmappeInput{m.Saksmappe}, Journalposts: jps}
	if err := b.Validate(); err != nil {
		t.Fatalf("mappe at %v does not validate: %v\n%+v", m.Pos, err, m)
	}
	koder := map[string]bool{"": true}
	for _, e := range m.Enheter {
		koder[e.Kode] = true
	}
	if !koder[m.Saksmappe.EnhetKode] {
		t.Fatalf("saksmappe names unit %q, not among %v", m.Saksmappe.EnhetKode, m.Enheter)
	}
	for _, j := range m.Journalposts {
		if j.SaksmappeSystemID != m.Saksmappe.Saksmappe.SystemID || !koder[j.EnhetKode] {
			t.Fatalf("journalpost %s refers to case %q unit %q", j.Journalpost.SystemID, j.SaksmappeSystemID, j.EnhetKode)
		}
		if j.Journalpost.Saksaar != m.Saksmappe.Saksmappe.Saksaar || j.Journalpost.Sakssekvensnummer != m.Saksmappe.Saksmappe.Sakssekvensnummer {
			t.Fatalf("journalpost %s has saksnummer %s", j.Journalpost.SystemID, j.Journalpost.Saksnummer())
		}
	}
}

// storeFiles does to jp's files what the importer does: store them and
// fill in the storage key, size and SHA-256.
func storeFiles(jp offl.Journalpost) offl.Journalpost {
	docs := slices.Clone(jp.Dokumentbeskrivelse)
	for i := range docs {
		objs := slices.Clone(docs[i].Dokumentobjekt)
		for k := range objs {
			sum := sha256.Sum256([]byte(docs[i].SystemID))
			objs[k].StorageKey, objs[k].Storrelse, objs[k].Sjekksum = "sha256/"+hex.EncodeToString(sum[:]), 1, hex.EncodeToString(sum[:])
		}
		docs[i].Dokumentobjekt = objs
	}
	jp.Dokumentbeskrivelse = docs
	return jp
}

func readCSV(t testing.TB, s string) ([]Mappe, error) {
	t.Helper()
	return readAll(t, NewCSV(strings.NewReader(s), "postliste.csv"))
}

// entries returns the journal entries of mapper, in order.
func entries(ms []Mappe) []offl.Journalpost {
	var out []offl.Journalpost
	for _, m := range ms {
		for _, j := range m.Journalposts {
			out = append(out, j.Journalpost)
		}
	}
	return out
}

func problems(ms []Mappe) []Problem {
	var out []Problem
	for _, m := range ms {
		out = append(out, m.Problems...)
	}
	return out
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// base is a minimal valid postliste row by column.
var base = [][2]string{
	{"saksnummer", "2024/123"}, {"journalpostnummer", "4"}, {"journalnummer", "2024/004567"},
	{"tittel", "Søknad om rammetillatelse"}, {"journaldato", "2024-05-02"}, {"journalposttype", "I"},
}

// csvWith returns base with the columns in cols added, or put in place of
// the base columns named in drop.
func csvWith(sep string, drop []string, cols ...[2]string) string {
	var head, row []string
	for _, c := range base {
		if !slices.Contains(drop, c[0]) {
			head, row = append(head, c[0]), append(row, c[1])
		}
	}
	for _, c := range cols {
		head, row = append(head, c[0]), append(row, c[1])
	}
	return strings.Join(head, sep) + "\n" + strings.Join(row, sep) + "\n"
}

func TestCSVColumnSynonyms(t *testing.T) {
	type check func(m Mappe, j offl.Journalpost) bool
	tests := []struct {
		field csvField
		drop  []string
		extra [][2]string
		value string
		check check
	}{
		{csvSaksnummer, []string{"saksnummer"}, nil, "24/77",
			func(m Mappe, j offl.Journalpost) bool { return m.Saksmappe.Saksmappe.Saksnummer() == "2024/77" }},
		{csvSaksaar, []string{"saksnummer"}, [][2]string{{"sakssekvensnummer", "77"}}, "2023",
			func(m Mappe, j offl.Journalpost) bool { return m.Saksmappe.Saksmappe.Saksnummer() == "2023/77" }},
		{csvSakssekvensnummer, []string{"saksnummer"}, [][2]string{{"saksår", "2023"}}, "0077",
			func(m Mappe, j offl.Journalpost) bool { return m.Saksmappe.Saksmappe.Saksnummer() == "2023/77" }},
		{csvDokumentnummer, []string{"saksnummer", "journalpostnummer"}, nil, "2024/88-3",
			func(m Mappe, j offl.Journalpost) bool { return j.Saksnummer() == "2024/88" && j.Journalpostnummer == 3 }},
		{csvJournalpostnummer, []string{"journalpostnummer"}, nil, "9",
			func(m Mappe, j offl.Journalpost) bool { return j.Journalpostnummer == 9 }},
		{csvJournalnummer, []string{"journalnummer"}, nil, "004567/23",
			func(m Mappe, j offl.Journalpost) bool { return j.Journalaar == 2023 && j.Journalsekvensnummer == 4567 }},
		{csvJournalaar, []string{"journalnummer"}, [][2]string{{"journalsekvensnummer", "12"}}, "2022",
			func(m Mappe, j offl.Journalpost) bool { return j.Journalaar == 2022 && j.SystemID == "csv:2022/12" }},
		{csvJournalsekvensnummer, []string{"journalnummer"}, nil, "12",
			func(m Mappe, j offl.Journalpost) bool { return j.Journalaar == 2024 && j.Journalsekvensnummer == 12 }},
		{csvJournalposttype, []string{"journalposttype"}, nil, "Utgående",
			func(m Mappe, j offl.Journalpost) bool { return j.Journalposttype == offl.Utgaaende }},
		{csvJournalstatus, nil, nil, "Ekspedert",
			func(m Mappe, j offl.Journalpost) bool { return j.Journalstatus == offl.Ekspedert }},
		{csvJournaldato, []string{"journaldato"}, nil, "02.05.24",
			func(m Mappe, j offl.Journalpost) bool { return j.Journaldato.Equal(day(2024, 5, 2)) }},
		{csvDokumentdato, nil, nil, "30.4.2024",
			func(m Mappe, j offl.Journalpost) bool { return j.DokumentetsDato.Equal(day(2024, 4, 30)) }},
		{csvMottattDato, nil, nil, "2024-05-01",
			func(m Mappe, j offl.Journalpost) bool { return j.MottattDato.Equal(day(2024, 5, 1)) }},
		{csvSendtDato, nil, nil, "2024-05-03",
			func(m Mappe, j offl.Journalpost) bool { return j.SendtDato.Equal(day(2024, 5, 3)) }},
		{csvForfallsdato, nil, nil, "2024-06-01",
			func(m Mappe, j offl.Journalpost) bool { return j.Forfallsdato.Equal(day(2024, 6, 1)) }},
		{csvTittel, []string{"tittel"}, nil, "Svar på høring",
			func(m Mappe, j offl.Journalpost) bool { return j.Tittel == "Svar på høring" }},
		{csvSakstittel, nil, nil, "Storgata 1",
			func(m Mappe, j offl.Journalpost) bool { return m.Saksmappe.Saksmappe.Tittel == "Storgata 1" }},
		{csvSaksdato, nil, nil, "2024-01-02",
			func(m Mappe, j offl.Journalpost) bool { return m.Saksmappe.Saksmappe.Saksdato.Equal(day(2024, 1, 2)) }},
		{csvSaksansvarlig, nil, nil, "Kari",
			func(m Mappe, j offl.Journalpost) bool { return m.Saksmappe.Saksmappe.Saksansvarlig == "Kari" }},
		{csvSaksstatus, nil, nil, "B",
			func(m Mappe, j offl.Journalpost) bool { return m.Saksmappe.Saksmappe.Saksstatus == "B" }},
		{csvAvsender, nil, nil, "Rana Bygg AS",
			func(m Mappe, j offl.Journalpost) bool {
				return slices.Equal(j.Korrespondansepart, []offl.Korrespondansepart{{Korrespondanseparttype: offl.Avsender, Navn: "Rana Bygg AS", ErPerson: true}})
			}},
		{csvMottaker, nil, nil, "Plan og bygg",
			func(m Mappe, j offl.Journalpost) bool {
				return slices.Equal(j.Korrespondansepart, []offl.Korrespondansepart{{Korrespondanseparttype: offl.InternMottaker, Navn: "Plan og bygg"}})
			}},
		{csvPart, nil, nil, "Ola Nordmann; Kari Nordmann",
			func(m Mappe, j offl.Journalpost) bool {
				return len(j.Korrespondansepart) == 2 && j.Korrespondansepart[1].Navn == "Kari Nordmann" &&
					j.Korrespondansepart[1].Korrespondanseparttype == offl.Avsender
			}},
		{csvParttype, nil, [][2]string{{"korrespondansepart", "Fylket"}}, "kopimottaker",
			func(m Mappe, j offl.Journalpost) bool {
				return len(j.Korrespondansepart) == 1 && j.Korrespondansepart[0].Korrespondanseparttype == offl.Kopimottaker
			}},
		{csvEnhet, nil, nil, "Plan og byggesak",
			func(m Mappe, j offl.Journalpost) bool {
				return m.Saksmappe.EnhetKode == "Plan og byggesak" && slices.Equal(m.Enheter, []journal.EnhetInput{{Kode: "Plan og byggesak", Navn: "Plan og byggesak"}})
			}},
		{csvEnhetskode, nil, [][2]string{{"enhetsnavn", "Plan og byggesak"}}, "PLAN",
			func(m Mappe, j offl.Journalpost) bool {
				return slices.Equal(m.Enheter, []journal.EnhetInput{{Kode: "PLAN", Navn: "Plan og byggesak"}})
			}},
		{csvEnhetsnavn, nil, [][2]string{{"enhetskode", "PLAN"}}, "Plan",
			func(m Mappe, j offl.Journalpost) bool {
				return slices.Equal(m.Enheter, []journal.EnhetInput{{Kode: "PLAN", Navn: "Plan"}})
			}},
		{csvJournalenhet, nil, nil, "SENTRAL",
			func(m Mappe, j offl.Journalpost) bool { return j.Journalenhet == "SENTRAL" }},
		{csvSaksbehandler, nil, nil, "Per Hansen",
			func(m Mappe, j offl.Journalpost) bool { return j.Saksbehandler == "Per Hansen" }},
		{csvTilgangskode, nil, nil, "UO",
			func(m Mappe, j offl.Journalpost) bool {
				return j.Skjerming != nil && j.Skjerming.Tilgangsrestriksjon == "UO" && j.Skjerming.Screens.AllMetadata
			}},
		{csvHjemmel, nil, nil, "Offl § 13",
			func(m Mappe, j offl.Journalpost) bool {
				return j.Skjerming != nil && j.Skjerming.Skjermingshjemmel == "Offl § 13" && j.Skjerming.Screens.AllMetadata
			}},
		{csvSkjermingMetadata, nil, [][2]string{{"hjemmel", "Offl § 13"}}, "navn",
			func(m Mappe, j offl.Journalpost) bool {
				s := j.Skjerming.Screens
				return !s.AllMetadata && s.Names && !s.Title.Whole && s.Documents.All
			}},
		{csvSkjermingDokument, nil, [][2]string{{"hjemmel", "Offl § 13"}}, "D",
			func(m Mappe, j offl.Journalpost) bool {
				d := j.Skjerming.Screens.Documents
				return d.All && d.PartsOnly
			}},
		{csvSystemID, nil, nil, "JP-1",
			func(m Mappe, j offl.Journalpost) bool { return j.SystemID == "JP-1" }},
		{csvSaksmappeSystemID, nil, nil, "SAK-1",
			func(m Mappe, j offl.Journalpost) bool { return m.Saksmappe.Saksmappe.SystemID == "SAK-1" }},
		{csvIgnored, nil, nil, "3",
			func(m Mappe, j offl.Journalpost) bool { return len(m.Problems) == 0 }},
	}
	covered := map[csvField]bool{}
	for _, tt := range tests {
		covered[tt.field] = true
		for _, name := range csvNames[tt.field] {
			t.Run(name, func(t *testing.T) {
				ms, err := readCSV(t, csvWith("\t", tt.drop, append(slices.Clone(tt.extra), [2]string{name, tt.value})...))
				if err != nil || len(ms) != 1 || len(ms[0].Journalposts) != 1 {
					t.Fatalf("%v %+v", err, ms)
				}
				m := ms[0]
				if !tt.check(m, m.Journalposts[0].Journalpost) {
					t.Errorf("column %q = %q read as %+v", name, tt.value, m)
				}
			})
		}
	}
	for f := range csvNumFields {
		if !covered[f] {
			t.Errorf("field %d (%s) has no test", f, csvNames[f][0])
		}
	}
}

func TestCSVHeaderSpelling(t *testing.T) {
	for _, name := range []string{"JOURNALÅR", "journal_aar", " Journalaar ", "Journal-år", "journalar"} {
		t.Run(name, func(t *testing.T) {
			ms, err := readCSV(t, csvWith(",", []string{"journalnummer"}, [2]string{name, "2021"}, [2]string{"Løpenr", "5"}))
			if err != nil || len(ms) != 1 {
				t.Fatalf("%v %+v", err, ms)
			}
			if j := ms[0].Journalposts[0].Journalpost; j.Journalaar != 2021 || j.Journalsekvensnummer != 5 {
				t.Errorf("%+v", j)
			}
		})
	}
}

func TestCSVSynonymsAreUnambiguous(t *testing.T) {
	seen := map[string]csvField{}
	for f, names := range csvNames {
		for _, n := range names {
			k := textFold(n)
			if g, ok := seen[k]; ok {
				t.Errorf("%q (field %d) folds like a name of field %d", n, f, g)
			}
			seen[k] = csvField(f)
		}
	}
}

func TestCSVSeparators(t *testing.T) {
	for _, sep := range []string{",", ";", "\t"} {
		t.Run(strings.ReplaceAll(sep, "\t", "tab"), func(t *testing.T) {
			ms, err := readCSV(t, csvWith(sep, nil, [2]string{"avsender", "Hansen, Per"}))
			if err != nil || len(ms) != 1 {
				t.Fatalf("%v %+v", err, ms)
			}
			if sep == "," {
				// A separator inside a field needs quotes; without them the
				// row is longer than the header.
				if p := problems(ms); len(p) == 0 || !p[0].Skipped {
					t.Errorf("%+v", ms)
				}
				return
			}
			j := ms[0].Journalposts[0].Journalpost
			if j.Tittel != "Søknad om rammetillatelse" || j.Korrespondansepart[0].Navn != "Hansen, Per" {
				t.Errorf("%+v", j)
			}
		})
	}
}

func TestCSVEncodings(t *testing.T) {
	win, err := os.ReadFile("testdata/csv/windows1252.csv")
	if err != nil {
		t.Fatal(err)
	}
	plain := csvWith(";", nil)
	tests := []struct {
		name  string
		in    []byte
		title string
		note  bool
	}{
		{"UTF-8", []byte(plain), "Søknad om rammetillatelse", false},
		{"UTF-8 with BOM", append([]byte("\xEF\xBB\xBF"), plain...), "Søknad om rammetillatelse", false},
		{"Windows-1252", []byte(strings.ReplaceAll(plain, "Søknad", "S\xF8knad")), "Søknad om rammetillatelse", true},
		{"ISO-8859-1 with CRLF", []byte(strings.ReplaceAll(strings.ReplaceAll(plain, "\n", "\r\n"), "Søknad", "S\xF8knad \xE6\xE5")), "Søknad \u00e6\u00e5 om rammetillatelse", true},
		{"Windows-1252 file", win, "Søknad om skjenkebevilling – Kafé Ærlig", true},
		{"UTF-16LE with BOM", utf16LE(plain), "Søknad om rammetillatelse", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := readAll(t, NewCSV(bytes.NewReader(tt.in), "x.csv"))
			if err != nil || len(ms) != 1 {
				t.Fatalf("%v %+v", err, ms)
			}
			if got := ms[0].Journalposts[0].Journalpost.Tittel; got != tt.title {
				t.Errorf("title %q, want %q", got, tt.title)
			}
			noted := slices.ContainsFunc(ms[0].Problems, func(p Problem) bool { return strings.Contains(p.Message, "Windows-1252") })
			if noted != tt.note {
				t.Errorf("problems %v", ms[0].Problems)
			}
		})
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func TestCSVQuotedFields(t *testing.T) {
	in := "saksnummer;journalpostnummer;journalnummer;tittel;journaldato;journalposttype\n" +
		"2024/1;1;2024/10;\"Tilbud; \"\"rammeavtale\"\"\nog vedlegg\";2024-05-02;I\n" +
		"2024/1;2;2024/11;\"Svar\r\n\r\nmed to linjer\";2024-05-03;U\n"
	ms, err := readCSV(t, in)
	if err != nil || len(ms) != 1 || len(ms[0].Journalposts) != 2 {
		t.Fatalf("%v %+v", err, ms)
	}
	got := []string{ms[0].Journalposts[0].Journalpost.Tittel, ms[0].Journalposts[1].Journalpost.Tittel}
	if !slices.Equal(got, []string{"Tilbud; \"rammeavtale\"\nog vedlegg", "Svar\n\nmed to linjer"}) {
		t.Errorf("%q", got)
	}
}

func TestCSVBadRows(t *testing.T) {
	head := "saksnummer;journalpostnummer;journalnummer;tittel;journaldato;journalposttype\n"
	tests := []struct {
		name  string
		rows  string
		line  int
		value string
		msg   string
	}{
		// Line 2 holds a quoted line break, so the bad row is on line 4.
		{"bad date", "2024/1;1;2024/10;\"To\nlinjer\";2024-05-02;I\n2024/1;2;2024/11;Brev;31.02.2024;I\n", 4, "31.02.2024", "journaldato"},
		{"slashed date", "2024/1;1;2024/10;Brev;2024-05-02;I\n2024/1;2;2024/11;Brev;5/7/2024;I\n", 3, "5/7/2024", "journaldato"},
		{"short row", "2024/1;1;2024/10;Brev;2024-05-02;I\n2024/1;2;2024/11;Brev\n", 3, "", "fields"},
		{"long row", "2024/1;1;2024/10;Brev;2024-05-02;I\n2024/1;2;2024/11;Brev;2024-05-02;I;x\n", 3, "", "fields"},
		{"bad type", "2024/1;1;2024/10;Brev;2024-05-02;I\n2024/1;2;2024/11;Brev;2024-05-02;Q\n", 3, "Q", "journalposttype"},
		{"bad saksnummer", "2024/1;1;2024/10;Brev;2024-05-02;I\n2024-1;2;2024/11;Brev;2024-05-02;I\n", 3, "2024-1", "saksnummer"},
		{"bad journalnummer", "2024/1;1;2024/10;Brev;2024-05-02;I\n2024/1;2;20/24/11;Brev;2024-05-02;I\n", 3, "20/24/11", "journalnummer"},
		{"numbers disagree", "2024/1;1;2024/10;Brev;2024-05-02;I\n2024/1-3;2;2024/11;Brev;2024-05-02;I\n", 3, "2", "disagree"},
		{"title too long for the journal", "2024/1;1;2024/10;Brev;2024-05-02;I\n2024/1;2;2024/11;" + strings.Repeat("x", 2001) + ";2024-05-02;I\n", 3, "", "tittel"},
		{"field too long", "2024/1;1;2024/10;Brev;2024-05-02;I\n2024/1;2;2024/11;" + strings.Repeat("x", MaxTextLength+1) + ";2024-05-02;I\n", 3, "xxxx", "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := readCSV(t, head+tt.rows)
			if err != nil || len(ms) != 1 || len(ms[0].Journalposts) != 1 || ms[0].Broken {
				t.Fatalf("%v %+v", err, ms)
			}
			p := ms[0].Problems
			if len(p) != 1 || p[0].Line != tt.line || !p[0].Skipped || p[0].File != "postliste.csv" ||
				!strings.HasPrefix(p[0].Value, tt.value) || !strings.Contains(p[0].Message, tt.msg) {
				t.Errorf("problems %+v", p)
			}
		})
	}
}

func TestCSVBrokenCase(t *testing.T) {
	in := "saksnummer;journalpostnummer;journalnummer;tittel;journaldato;journalposttype\n" +
		"2024/1;1;2024/10;Brev;2024-05-02;I\n" +
		"2024/2;1;2024/11;Brev;dato;I\n" +
		"2024/2;2;2024/12;Brev;2024-05-02;Z\n" +
		"2024/3;1;2024/13;Brev;2024-05-02;U\n"
	ms, err := readCSV(t, in)
	if err != nil || len(ms) != 3 {
		t.Fatalf("%v %+v", err, ms)
	}
	if ms[0].Broken || !ms[1].Broken || ms[2].Broken || len(ms[1].Problems) != 3 || ms[1].Pos.Line != 3 {
		t.Errorf("%+v", ms)
	}
}

func TestCSVGroupsByCase(t *testing.T) {
	in := "saksnummer;dokumentnummer;løpenummer;tittel;journaldato;journalposttype\n" +
		"2024/1;1;2024/10;a;2024-05-02;I\n" +
		"2024/1;2;2024/11;b;2024-05-02;U\n" +
		"2024/2;1;2024/12;c;2024-05-02;I\n" +
		"2024/1;3;2024/13;d;2024-05-02;N\n"
	ms, err := readCSV(t, in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		got = append(got, m.Saksmappe.Saksmappe.SystemID+":"+strings.Join(titles(m), ","))
	}
	want := []string{"csv:sak:2024/1:a,b", "csv:sak:2024/2:c", "csv:sak:2024/1:d"}
	if !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
	if ms[0].Pos.Line != 2 || ms[2].Pos.Line != 5 {
		t.Errorf("positions %v %v", ms[0].Pos, ms[2].Pos)
	}
}

func titles(m Mappe) []string {
	var out []string
	for _, j := range m.Journalposts {
		out = append(out, j.Journalpost.Tittel)
	}
	return out
}

func TestCSVSkjerming(t *testing.T) {
	all := offl.Screens{AllMetadata: true, Documents: offl.DocumentScreen{All: true}}
	tests := []struct {
		name string
		cols [][2]string
		want *offl.Skjerming
		note bool
	}{
		{"hjemmel only", [][2]string{{"hjemmel", "Offl. § 13 jf. fvl. § 13 første ledd nr. 1"}},
			&offl.Skjerming{Skjermingshjemmel: "Offl. § 13 jf. fvl. § 13 første ledd nr. 1", Screens: all}, false},
		{"code and basis", [][2]string{{"tilgangskode", "UO"}, {"paragraf", "Offl § 26 femte ledd"}},
			&offl.Skjerming{Tilgangsrestriksjon: "UO", Skjermingshjemmel: "Offl § 26 femte ledd", Screens: all}, false},
		{"open values", [][2]string{{"tilgangskode", "-"}, {"hjemmel", "Ingen"}}, nil, false},
		{"empty", [][2]string{{"tilgangskode", ""}, {"hjemmel", ""}}, nil, false},
		{"yes without basis", [][2]string{{"skjerming", "Ja"}}, &offl.Skjerming{Screens: all}, false},
		{"title and names", [][2]string{{"hjemmel", "Offl § 13"}, {"skjermede felt", "TKL, NA"}, {"skjermingdokument", "ingen"}},
			&offl.Skjerming{Skjermingshjemmel: "Offl § 13", Screens: offl.Screens{Title: offl.TitleScreen{Whole: true}, Names: true}}, false},
		{"unknown screening word screens all", [][2]string{{"hjemmel", "Offl § 13"}, {"skjermingmetadata", "noe"}},
			&offl.Skjerming{Skjermingshjemmel: "Offl § 13", Screens: all}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := readCSV(t, csvWith(";", nil, tt.cols...))
			if err != nil || len(ms) != 1 || len(ms[0].Journalposts) != 1 {
				t.Fatalf("%v %+v", err, ms)
			}
			got := ms[0].Journalposts[0].Journalpost.Skjerming
			if (got == nil) != (tt.want == nil) || got != nil && !equalSkjerming(*got, *tt.want) {
				t.Errorf("skjerming %+v, want %+v", got, tt.want)
			}
			if (len(ms[0].Problems) > 0) != tt.note {
				t.Errorf("problems %+v", ms[0].Problems)
			}
		})
	}
}

func equalSkjerming(a, b offl.Skjerming) bool {
	return a.Tilgangsrestriksjon == b.Tilgangsrestriksjon && a.Skjermingshjemmel == b.Skjermingshjemmel &&
		a.Screens.AllMetadata == b.Screens.AllMetadata && a.Screens.Names == b.Screens.Names &&
		a.Screens.Title.Whole == b.Screens.Title.Whole && a.Screens.Documents.All == b.Screens.Documents.All &&
		a.Screens.Documents.PartsOnly == b.Screens.Documents.PartsOnly
}

func TestCSVInfersType(t *testing.T) {
	tests := []struct {
		name  string
		cols  [][2]string
		typ   offl.Journalposttype
		party offl.Korrespondanseparttype
	}{
		{"only a sender is incoming", [][2]string{{"avsender", "Rana Bygg AS"}, {"mottaker", ""}}, offl.Inngaaende, offl.Avsender},
		{"only a recipient is outgoing", [][2]string{{"avsender", ""}, {"mottaker", "Rana Bygg AS"}}, offl.Utgaaende, offl.Mottaker},
		{"a party type tells", [][2]string{{"fra/til", "Rana Bygg AS"}, {"rolle", "EM"}}, offl.Utgaaende, offl.Mottaker},
		{"neither is skipped", [][2]string{{"avsender", "A"}, {"mottaker", "B"}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := readCSV(t, csvWith(";", []string{"journalposttype"}, tt.cols...))
			if err != nil || len(ms) != 1 {
				t.Fatalf("%v %+v", err, ms)
			}
			if tt.typ == "" {
				if !ms[0].Broken {
					t.Errorf("%+v", ms[0])
				}
				return
			}
			j := ms[0].Journalposts[0].Journalpost
			if j.Journalposttype != tt.typ || len(j.Korrespondansepart) != 1 || j.Korrespondansepart[0].Korrespondanseparttype != tt.party {
				t.Errorf("%+v", j)
			}
		})
	}
}

func TestCSVMissingColumns(t *testing.T) {
	tests := []struct {
		name    string
		header  string
		missing []string
	}{
		{"empty file", "", []string{"empty"}},
		{"blank lines only", "\n\n", []string{"empty"}},
		{"nothing known", "a;b;c", []string{"saksnummer (give", "journalpostnummer", "journalsekvensnummer", "tittel (give", "journaldato", "journalposttype"}},
		{"no journal number or date", "saksnummer;journalpostnummer;tittel;type", []string{"journalsekvensnummer (give journalnummer or journalsekvensnummer)", "journaldato (give journaldato)"}},
		{"half a case number", "saksår;journalpostnummer;journalnummer;tittel;journaldato;avsender", []string{"saksnummer (give saksnummer or dokumentnummer or saksår + sakssekvensnummer)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.header
			if strings.TrimSpace(in) != "" {
				in += "\n2024/1;1;x;y;z;w\n"
			}
			ms, err := readCSV(t, in)
			var re *ReadError
			if len(ms) != 0 || !errors.As(err, &re) || re.Line != 1 || re.File != "postliste.csv" {
				t.Fatalf("%v %+v", err, ms)
			}
			for _, m := range tt.missing {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("%q does not say %q", err, m)
				}
			}
			if tt.missing[0] != "empty" && !strings.Contains(err.Error(), "Accepted names: ") {
				t.Errorf("%q lists no names", err)
			}
		})
	}
}

func TestCSVColumnNotes(t *testing.T) {
	ms, err := readCSV(t, csvWith(";", nil, [2]string{"Arkivdel", "X"}, [2]string{"Innhold", "Annen tittel"}, [2]string{"", ""}))
	if err != nil || len(ms) != 1 {
		t.Fatalf("%v %+v", err, ms)
	}
	p := ms[0].Problems
	if len(p) != 2 || p[0].Line != 1 || p[0].Skipped || !strings.Contains(p[0].Message, `"Arkivdel" is not known`) ||
		!strings.Contains(p[1].Message, `"Innhold" is ignored`) {
		t.Errorf("%+v", p)
	}
	if got := ms[0].Journalposts[0].Journalpost.Tittel; got != "Søknad om rammetillatelse" {
		t.Errorf("title %q: the first name listed wins", got)
	}
}

func TestCSVJournalnummer(t *testing.T) {
	tests := []struct {
		in        string
		year, seq int
		ok        bool
	}{
		{"2024/004567", 2024, 4567, true},
		{"004567/2024", 2024, 4567, true},
		{"004567/24", 2024, 4567, true},
		{"24/004567", 2024, 4567, true},
		{"4567/98", 1998, 4567, true},
		{"12/34", 2034, 12, true},
		{"2024 / 12", 2024, 12, true},
		{"4567", 0, 4567, true},
		{"123/456", 0, 0, false},
		{"2024/", 0, 0, false},
		{"2024/0", 0, 0, false},
		{"a/24", 0, 0, false},
	}
	for _, tt := range tests {
		y, s, err := textParseJournalnummer(tt.in)
		if (err == nil) != tt.ok || y != tt.year || s != tt.seq {
			t.Errorf("%q: %d %d %v", tt.in, y, s, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-05-02", day(2024, 5, 2)},
		{"20240502", day(2024, 5, 2)},
		{"02.05.2024", day(2024, 5, 2)},
		{"2.5.2024", day(2024, 5, 2)},
		{"02.05.24", day(2024, 5, 2)},
		{"02.05.89", day(1989, 5, 2)},
		{"02.05.2024 13:45", day(2024, 5, 2)},
		{"2024-05-02 13:45:10", day(2024, 5, 2)},
		{"2024-05-02T23:30:00+02:00", day(2024, 5, 2)},
		{"2024-05-02T00:00:00.000Z", day(2024, 5, 2)},
		{" 2024-5-2 ", day(2024, 5, 2)},
		{"2024-02-30", time.Time{}},
		{"31.02.2024", time.Time{}},
		{"5/7/2013", time.Time{}},
		{"2024-05-02 kl 13", time.Time{}},
		{"02.05.1850", time.Time{}},
		{"i går", time.Time{}},
	}
	for _, tt := range tests {
		got, err := textParseDate(tt.in)
		if !got.Equal(tt.want) || (err == nil) == tt.want.IsZero() {
			t.Errorf("%q: %v %v", tt.in, got, err)
		}
	}
}

func TestCSVReadErrors(t *testing.T) {
	head := "saksnummer;journalpostnummer;journalnummer;tittel;journaldato;journalposttype\n"
	good := "2024/1;1;2024/10;Brev;2024-05-02;I\n"
	tests := []struct {
		name   string
		in     string
		before int
		line   int
		msg    string
	}{
		{"bare quote", head + good + "2024/2;1;2024/11;Brev \"x\";2024-05-02;I\n", 1, 3, "bare \""},
		{"quote never closed", head + good + good + "2024/2;1;2024/11;\"Brev;2024-05-02;I\n", 1, 4, "quote"},
		{"line too long", head + good + "2024/2;1;2024/11;" + strings.Repeat("x", csvMaxLine+10) + ";2024-05-02;I\n", 1, 3, "longer than"},
		{"row too long", head + good + "2024/2;1;2024/11;\"" + strings.Repeat("x\n", csvMaxRow/2+100_000) + "\";2024-05-02;I\n", 1, -1, "longer than"},
		{"too many columns", strings.Repeat("x;", csvMaxColumns) + "x\n", 0, 1, "columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := readCSV(t, tt.in)
			var re *ReadError
			if len(ms) != tt.before || !errors.As(err, &re) || (re.Line != tt.line && tt.line >= 0) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("%d mapper, %v", len(ms), err)
			}
		})
	}
}

func TestCSVLongLineBelowLimit(t *testing.T) {
	head := "saksnummer;journalpostnummer;journalnummer;tittel;journaldato;journalposttype\n"
	long := "2024/1;2;2024/11;" + strings.Repeat("x", csvMaxLine-100) + ";2024-05-02;I\n"
	ms, err := readCSV(t, head+long+"2024/1;1;2024/10;Brev;2024-05-02;I\n")
	if err != nil || len(ms) != 1 || len(ms[0].Journalposts) != 1 || len(ms[0].Problems) != 1 || ms[0].Problems[0].Line != 2 {
		t.Fatalf("%v %+v", err, ms)
	}
}

func TestCSVFixtures(t *testing.T) {
	t.Run("municipal postliste", func(t *testing.T) {
		ms := readFixture(t, "testdata/csv/postliste_semikolon.csv", NewCSV)
		if len(ms) != 2 || len(problems(ms)) != 0 {
			t.Fatalf("%+v", ms)
		}
		a, b := ms[0], ms[1]
		if a.Saksmappe.Saksmappe.Tittel != "Rammetillatelse - Storgata 1" || a.Saksmappe.EnhetKode != "Plan og byggesak" ||
			len(a.Journalposts) != 2 {
			t.Errorf("%+v", a)
		}
		j := a.Journalposts[1].Journalpost
		if j.SystemID != "csv:2024/4601" || j.Journalpostnummer != 2 || j.Journalposttype != offl.Utgaaende ||
			j.Korrespondansepart[0] != (offl.Korrespondansepart{Korrespondanseparttype: offl.Mottaker, Navn: "Rana Bygg AS", ErPerson: true}) ||
			j.Saksbehandler != "Kari Nordmann" || j.Skjerming != nil || j.Journalstatus != offl.Journalfoert {
			t.Errorf("%+v", j)
		}
		j = b.Journalposts[0].Journalpost
		if j.Tittel != "Søknad om barnehageplass; prioritet" || !j.Journaldato.Equal(day(2024, 5, 7)) ||
			j.Skjerming == nil || j.Skjerming.Tilgangsrestriksjon != "UO" || !j.Skjerming.Screens.AllMetadata {
			t.Errorf("%+v", j)
		}
		j = b.Journalposts[1].Journalpost
		if j.Journalposttype != offl.OrganinterntForOppfoelging || j.Korrespondansepart[0].Korrespondanseparttype != offl.InternMottaker {
			t.Errorf("%+v", j)
		}
	})
	t.Run("this service's own export", func(t *testing.T) {
		ms := readFixture(t, "testdata/csv/own_export.csv", NewCSV)
		if len(ms) != 1 || len(ms[0].Journalposts) != 2 || len(problems(ms)) != 0 {
			t.Fatalf("%+v", ms)
		}
		m := ms[0]
		j := m.Journalposts[0].Journalpost
		if j.SystemID != "jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8" || j.Tittel != "Tilbud, \"rammeavtale\" og\nvedlegg – æøå" ||
			len(j.Korrespondansepart) != 2 || j.Korrespondansepart[1].Navn != "Vask AS" || m.Saksmappe.Saksmappe.Tittel != "Rammeavtale renhold" {
			t.Errorf("%+v", j)
		}
		j = m.Journalposts[1].Journalpost
		if j.Tittel != "=HYPERLINK(\"http://x\")" || j.Skjerming == nil || j.Skjerming.Skjermingshjemmel != "Offl. § 23 første ledd" {
			t.Errorf("%+v", j)
		}
	})
}

func readFixture(t *testing.T, name string, open func(io.Reader, string) Reader) []Mappe {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ms, err := readAll(t, open(f, name))
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// TestCSVCodeTables reads real tilgangskode exports of Norwegian bodies
// (../shared/data/codes): they are not postlister, so each must give a
// ReadError naming what is missing, never a panic or a Mappe.
func TestCSVCodeTables(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/data/codes/hnygard-tilgangskoder/*/tilgangskoder.csv")
	if len(files) == 0 {
		t.Skip("../shared/data is absent")
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := readAll(t, NewCSV(f, name))
		f.Close()
		var re *ReadError
		if len(ms) != 0 || !errors.As(err, &re) || !strings.Contains(err.Error(), "lacks required columns") {
			t.Errorf("%s: %d mapper, %v", name, len(ms), err)
		}
	}
}

func FuzzCSV(f *testing.F) {
	for _, name := range []string{"testdata/csv/postliste_semikolon.csv", "testdata/csv/windows1252.csv", "testdata/csv/own_export.csv"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(csvWith(";", nil, [2]string{"hjemmel", "Offl § 13"}, [2]string{"avsender", "A"})))
	f.Add([]byte(csvWith(",", []string{"saksnummer", "journalpostnummer"}, [2]string{"dokumentnummer", "2024/1-1"})))
	f.Add([]byte("saksnummer\tjpnr\tjnr\ttittel\tdato\ttype\n\"24/1\"\t1\t1/24\t\"a\"\"b\"\t1.1.24\tX\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = readAll(t, NewCSV(bytes.NewReader(b), "fuzz.csv"))
	})
}
