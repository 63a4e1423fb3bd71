package noark5

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

func readJSON(t testing.TB, s string) ([]Mappe, error) {
	t.Helper()
	return readAll(t, NewJSON(strings.NewReader(s), "export.json"))
}

// jpJSON is a journalpost of case 2024/<sak> as eInnsyn writes it.
func jpJSON(sak, seq int, extra string) string {
	s := `{"entity":"Journalpost","journalaar":2024,"journalsekvensnummer":` + itoa(seq) +
		`,"journalpostnummer":1,"journalposttype":"inngaaende_dokument","journaldato":"2024-05-02",` +
		`"offentligTittel":"Brev ` + itoa(seq) + `","saksmappe":{"saksaar":2024,"sakssekvensnummer":` + itoa(sak) + `}`
	if extra != "" {
		s += "," + extra
	}
	return s + "}"
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestJSONShapes(t *testing.T) {
	a, b, c := jpJSON(1, 10, ""), jpJSON(1, 11, ""), jpJSON(2, 12, "")
	tests := []struct {
		name string
		in   string
	}{
		{"array", "[" + a + ",\n" + b + ",\n" + c + "]"},
		{"array with space", " \n [ \n" + a + " , " + b + "\n,\n" + c + "\n ] \n"},
		{"list", `{"items":[` + a + "," + b + "," + c + `],"next":"x"}`},
		{"list with next first", `{"next":"x","items":[` + a + "," + b + "," + c + `]}`},
		{"list with a nested object after", `{"items":[` + a + "," + b + "," + c + `],"meta":{"a":[1,{"b":2}]}}`},
		{"NDJSON", a + "\n" + b + "\n" + c + "\n"},
		{"NDJSON with CRLF and a blank line", a + "\r\n\r\n" + b + "\r\n" + c},
		{"objects one after another", a + b + c},
		{"BOM", "\xEF\xBB\xBF" + a + "\n" + b + "\n" + c + "\n"},
		{"arrays one after another", "[" + a + "," + b + "]\n[" + c + "]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := readJSON(t, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.Saksmappe.Saksmappe.SystemID+":"+strings.Join(titles(m), ","))
			}
			want := []string{"json:sak:2024/1:Brev 10,Brev 11", "json:sak:2024/2:Brev 12"}
			if !slices.Equal(got, want) || len(problems(ms)) != 0 {
				t.Errorf("%q, want %q; problems %v", got, want, problems(ms))
			}
		})
	}
}

func TestJSONOwnExport(t *testing.T) {
	ms := readFixture(t, "testdata/json/own_export.ndjson", NewJSON)
	if len(ms) != 2 || len(problems(ms)) != 0 {
		t.Fatalf("%+v", ms)
	}
	a := ms[0]
	if a.Saksmappe.Saksmappe.SystemID != "sm_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f" || a.Saksmappe.Saksmappe.Tittel != "Rammetillatelse - Storgata 1" ||
		a.Saksmappe.EnhetKode != "PLAN" || !slices.Equal(a.Enheter, []journal.EnhetInput{{Kode: "PLAN", Navn: "Plan og byggesak"}}) ||
		len(a.Journalposts) != 2 || a.Pos.Line != 1 {
		t.Errorf("%+v", a)
	}
	j := a.Journalposts[0]
	if j.Journalpost.SystemID != "jp_00000000000000000000000000000001" || j.EnhetKode != "PLAN" ||
		j.Journalpost.Journalposttype != offl.Inngaaende || j.Journalpost.Journalstatus != offl.Journalfoert ||
		!j.Journalpost.DokumentetsDato.Equal(day(2024, 5, 2)) ||
		len(j.Journalpost.Dokumentbeskrivelse) != 1 || len(a.Files) != 0 {
		t.Errorf("%+v", j)
	}
	d := j.Journalpost.Dokumentbeskrivelse[0]
	if d.SystemID != "dok_7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b" || d.TilknyttetRegistreringSom != offl.Hoveddokument ||
		d.Dokumenttype != "Brev" || len(d.Dokumentobjekt) != 0 {
		t.Errorf("%+v", d)
	}
	if p := a.Journalposts[1].Journalpost.Korrespondansepart; len(p) != 1 || p[0].Korrespondanseparttype != offl.Mottaker {
		t.Errorf("%+v", p)
	}
	b := ms[1]
	jp := b.Journalposts[0].Journalpost
	if b.Pos.Line != 3 || b.Saksmappe.EnhetKode != "" || len(b.Enheter) != 0 || jp.Skjerming == nil ||
		jp.Skjerming.Tilgangsrestriksjon != "UO" || !jp.Skjerming.Screens.AllMetadata {
		t.Errorf("%+v", b)
	}
}

func TestJSONEInnsynList(t *testing.T) {
	ms := readFixture(t, "testdata/json/einnsyn_list.json", NewJSON)
	if len(ms) != 1 {
		t.Fatalf("%+v", ms)
	}
	m := ms[0]
	s := m.Saksmappe
	if s.Saksmappe.SystemID != "360-2024-000123" || s.Saksmappe.Tittel != "Reguleringsplan Sentrum" || s.EnhetKode != "PLAN" ||
		!s.Saksmappe.Saksdato.Equal(day(2024, 1, 15)) || len(m.Journalposts) != 2 || m.Pos.Line != 3 {
		t.Fatalf("%+v", m)
	}
	j := m.Journalposts[0].Journalpost
	if j.SystemID != "360-JP-1" || j.Journalposttype != offl.Inngaaende || j.Journalstatus != offl.Journalfoert ||
		len(j.Korrespondansepart) != 1 || j.Korrespondansepart[0] != (offl.Korrespondansepart{Korrespondanseparttype: offl.Avsender, Navn: "Velforeningen", ErPerson: true}) ||
		len(j.Dokumentbeskrivelse) != 2 {
		t.Errorf("%+v", j)
	}
	d := j.Dokumentbeskrivelse
	if d[1].Dokumentnummer != 2 || d[1].TilknyttetRegistreringSom != offl.Vedlegg || len(d[0].Dokumentobjekt) != 1 {
		t.Fatalf("%+v", d)
	}
	if o := d[0].Dokumentobjekt[0]; o.Versjonsnummer != 1 || o.Variantformat != offl.Arkivformat || o.Format != "PDF/A" ||
		o.Filnavn != "360-DOK-1.pdf" || o.Sjekksum != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" ||
		o.StorageKey != "" || o.Storrelse != 0 {
		t.Errorf("%+v", o)
	}
	want := File{JournalpostSystemID: "360-JP-1", DokumentSystemID: "360-DOK-1", Versjonsnummer: 1, Variantformat: offl.Arkivformat,
		Ref: "dokumenter/360-DOK-1.pdf", Sjekksum: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		Algoritme: "SHA256", Format: "PDF/A", Filnavn: "360-DOK-1.pdf", Pos: Pos{File: "testdata/json/einnsyn_list.json", Line: 13}}
	if len(m.Files) != 1 || m.Files[0] != want {
		t.Errorf("files %+v", m.Files)
	}
	j = m.Journalposts[1].Journalpost
	sk := j.Skjerming
	if j.Journalposttype != offl.OrganinterntUtenOppfoelging || !j.Journaldato.Equal(day(2024, 2, 1)) || sk == nil ||
		sk.Screens.AllMetadata || !sk.Screens.Title.Whole || !sk.Screens.Documents.All || sk.Skjermingshjemmel != "Offl. § 14" {
		t.Errorf("%+v", j)
	}
	if p := m.Problems; len(p) != 1 || !p[0].Skipped || p[0].Line != 76 || !strings.Contains(p[0].Message, `"Moetemappe" is not imported`) {
		t.Errorf("problems %+v", p)
	}
}

func TestJSONCodes(t *testing.T) {
	tests := []struct {
		name  string
		extra string
		check func(j offl.Journalpost) bool
	}{
		{"eInnsyn names", `"journalposttype":"utgaaende_dokument","journalstatus":"ekspedert","korrespondansepart":[{"korrespondanseparttype":"kopimottaker","korrespondansepartNavn":"A"}],"dokumentbeskrivelse":[{"tilknyttetRegistreringSom":"vedlegg"}]`,
			func(j offl.Journalpost) bool {
				return j.Journalposttype == offl.Utgaaende && j.Journalstatus == offl.Ekspedert &&
					j.Korrespondansepart[0].Korrespondanseparttype == offl.Kopimottaker && j.Dokumentbeskrivelse[0].TilknyttetRegistreringSom == offl.Vedlegg
			}},
		{"Noark letters", `"journalposttype":"U","journalstatus":"E","korrespondansepart":[{"korrespondanseparttype":"EK","korrespondansepartNavn":"A"}],"dokumentbeskrivelse":[{"tilknyttetRegistreringSom":"V"}]`,
			func(j offl.Journalpost) bool {
				return j.Journalposttype == offl.Utgaaende && j.Journalstatus == offl.Ekspedert &&
					j.Korrespondansepart[0].Korrespondanseparttype == offl.Kopimottaker && j.Dokumentbeskrivelse[0].TilknyttetRegistreringSom == offl.Vedlegg
			}},
		{"words", `"journalposttype":"Utgående dokument","korrespondansepart":[{"korrespondanseparttype":"Mottaker","korrespondansepartNavn":"A"}]`,
			func(j offl.Journalpost) bool {
				return j.Journalposttype == offl.Utgaaende && j.Korrespondansepart[0].Korrespondanseparttype == offl.Mottaker
			}},
		{"numbers as strings", `"journalaar":"2023","journalsekvensnummer":"0042","journalpostnummer":"3"`,
			func(j offl.Journalpost) bool {
				return j.Journalaar == 2023 && j.Journalsekvensnummer == 42 && j.SystemID == "json:2023/42"
			}},
		{"a party without type, erPerson given", `"korrespondansepart":[{"korrespondansepartNavn":"Rana Bygg AS","erPerson":false,"erBehandlingsansvarlig":true}]`,
			func(j offl.Journalpost) bool {
				return j.Korrespondansepart[0] == offl.Korrespondansepart{Korrespondanseparttype: offl.Avsender, Navn: "Rana Bygg AS", ErBehandlingsansvarlig: true}
			}},
		{"sensitive title and name win", `"offentligTittelSensitiv":"Brev fra Ola","korrespondansepart":[{"korrespondansepartNavn":"*****","korrespondansepartNavnSensitiv":"Ola"}]`,
			func(j offl.Journalpost) bool {
				return j.Tittel == "Brev fra Ola" && j.Korrespondansepart[0].Navn == "Ola"
			}},
		{"skjerming by id", `"skjerming":"sk_1"`,
			func(j offl.Journalpost) bool {
				return j.Skjerming != nil && j.Skjerming.Screens.AllMetadata && j.Skjerming.Screens.Documents.All
			}},
		{"accessibleAfter", `"accessibleAfter":"2024-06-01T08:00:00+02:00"`,
			func(j offl.Journalpost) bool { return j.AccessibleAfter.Equal(day(2024, 6, 1).Add(6 * time.Hour)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := readJSON(t, jpJSON(1, 10, tt.extra))
			if err != nil || len(ms) != 1 || len(ms[0].Journalposts) != 1 {
				t.Fatalf("%v %+v", err, ms)
			}
			if j := ms[0].Journalposts[0].Journalpost; !tt.check(j) {
				t.Errorf("%+v", j)
			}
		})
	}
}

func TestJSONUnits(t *testing.T) {
	tests := []struct {
		extra string
		want  []journal.EnhetInput
	}{
		{`"administrativEnhet":"PLAN"`, []journal.EnhetInput{{Kode: "PLAN", Navn: "PLAN"}}},
		{`"administrativEnhet":{"kode":"PLAN","navn":"Plan"}`, []journal.EnhetInput{{Kode: "PLAN", Navn: "Plan"}}},
		{`"administrativEnhet":{"navn":"Plan"}`, []journal.EnhetInput{{Kode: "Plan", Navn: "Plan"}}},
		{`"administrativEnhetObjekt":{"enhetskode":"PLAN","navn":"Plan"}`, []journal.EnhetInput{{Kode: "PLAN", Navn: "Plan"}}},
		{`"administrativEnhet":{}`, nil},
	}
	for _, tt := range tests {
		ms, err := readJSON(t, jpJSON(1, 10, tt.extra))
		if err != nil || len(ms) != 1 || !slices.Equal(ms[0].Enheter, tt.want) || ms[0].Journalposts[0].EnhetKode != ms[0].Saksmappe.EnhetKode {
			t.Errorf("%s: %v %+v", tt.extra, err, ms)
		}
	}
}

func TestJSONBadObjects(t *testing.T) {
	good := jpJSON(1, 10, "")
	tests := []struct {
		name  string
		bad   string
		value string
		msg   string
	}{
		{"bad date", jpJSON(1, 11, `"journaldato":"2024-13-01"`), "2024-13-01", "journaldato"},
		{"unknown type", jpJSON(1, 11, `"journalposttype":"brev"`), "brev", "journalposttype"},
		{"missing number", `{"journalaar":2024,"journalposttype":"I","journaldato":"2024-05-02","saksmappe":{"saksaar":2024,"sakssekvensnummer":1}}`, "", "journalsekvensnummer"},
		{"wrong JSON type", jpJSON(1, 11, `"korrespondansepart":{"a":1}`), "", "korrespondansepart"},
		{"not a whole number", jpJSON(1, 11, `"journalpostnummer":1.5`), "", "whole number"},
		{"unknown saksmappe id", `{"journalaar":2024,"journalsekvensnummer":11,"journalpostnummer":1,"journalposttype":"I","journaldato":"2024-05-02","saksmappe":"sm_unknown"}`, "sm_unknown", "only by id"},
		{"no saksmappe", `{"journalaar":2024,"journalsekvensnummer":11,"journalpostnummer":1,"journalposttype":"I","journaldato":"2024-05-02"}`, "", "no saksmappe"},
		{"neither", `{"foo":1}`, "", "neither"},
		{"not an object", `[1]`, "1", "not an object"},
		{"a bare value", `"text"`, `"text"`, "not an object"},
		{"other entity", `{"entity":"Innsynskrav","id":"ik_1"}`, "Innsynskrav", "not imported"},
		{"too deep", jpJSON(1, 11, `"x":`+strings.Repeat("[", 40)+strings.Repeat("]", 40)), "", "deeper"},
		{"title too long", jpJSON(1, 11, `"tittel":"`+strings.Repeat("x", 2001)+`"`), "", "tittel"},
		{"hjemmel too long", jpJSON(1, 11, `"skjerming":{"skjermingshjemmel":"`+strings.Repeat("x", MaxTextLength+1)+`"}`), "", "longer"},
		{"bad variantformat", jpJSON(1, 11, `"dokumentbeskrivelse":[{"dokumentobjekt":[{"referanseDokumentfil":"a.pdf","variantformat":"Z"}]}]`), "Z", "variantformat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := good + "\n" + tt.bad + "\n" + jpJSON(1, 12, "") + "\n"
			ms, err := readJSON(t, in)
			if err != nil || len(ms) != 1 || len(ms[0].Journalposts) != 2 {
				t.Fatalf("%v %+v", err, ms)
			}
			p := ms[0].Problems
			if len(p) != 1 || p[0].Line != 2 || !p[0].Skipped || p[0].Value != textShort(tt.value) || !strings.Contains(p[0].Message, tt.msg) {
				t.Errorf("%+v", p)
			}
		})
	}
}

func TestJSONBrokenCase(t *testing.T) {
	in := "[" + jpJSON(1, 10, "") + ",\n" + jpJSON(2, 11, `"journaldato":""`) + ",\n" + jpJSON(2, 12, `"journalposttype":""`) + ",\n" + jpJSON(3, 13, "") + "]"
	ms, err := readJSON(t, in)
	if err != nil || len(ms) != 3 || ms[0].Broken || !ms[1].Broken || ms[2].Broken || ms[1].Pos.Line != 2 || len(ms[1].Problems) != 3 {
		t.Fatalf("%v %+v", err, ms)
	}
}

func TestJSONSaksmappe(t *testing.T) {
	sak := `{"entity":"Saksmappe","id":"sm_9","saksnummer":"2024/9","tittel":"Sak","administrativEnhet":{"kode":"OKO","navn":"Økonomi"}}`
	t.Run("alone", func(t *testing.T) {
		ms, err := readJSON(t, sak)
		if err != nil || len(ms) != 1 || len(ms[0].Journalposts) != 0 || ms[0].Broken {
			t.Fatalf("%v %+v", err, ms)
		}
		s := ms[0].Saksmappe
		if s.Saksmappe.SystemID != "sm_9" || s.Saksmappe.Saksnummer() != "2024/9" || s.EnhetKode != "OKO" ||
			!slices.Equal(ms[0].Enheter, []journal.EnhetInput{{Kode: "OKO", Navn: "Økonomi"}}) {
			t.Errorf("%+v", ms[0])
		}
	})
	t.Run("followed by its journalposts by id", func(t *testing.T) {
		jp := `{"journalaar":2024,"journalsekvensnummer":%d,"journalpostnummer":1,"journalposttype":"X","journaldato":"2024-05-02","saksmappe":"sm_9"}`
		in := sak + "\n" + strings.Replace(jp, "%d", "1", 1) + "\n" + strings.Replace(jp, "%d", "2", 1) + "\n" + jpJSON(5, 3, "")
		ms, err := readJSON(t, in)
		if err != nil || len(ms) != 2 || len(ms[0].Journalposts) != 2 || ms[0].Journalposts[1].SaksmappeSystemID != "sm_9" {
			t.Fatalf("%v %+v", err, ms)
		}
	})
	t.Run("holding its journalposts", func(t *testing.T) {
		in := `{"entity":"Saksmappe","saksaar":2024,"sakssekvensnummer":9,"journalpost":[` +
			`{"journalaar":2024,"journalsekvensnummer":1,"journalpostnummer":1,"journalposttype":"S","journaldato":"2024-05-02"},"jp_2"]}`
		ms, err := readJSON(t, in)
		if err != nil || len(ms) != 1 || len(ms[0].Journalposts) != 1 || len(ms[0].Problems) != 1 {
			t.Fatalf("%v %+v", err, ms)
		}
	})
	t.Run("bad", func(t *testing.T) {
		ms, err := readJSON(t, `{"entity":"Saksmappe","saksnummer":"2024/9","saksdato":"igår"}`)
		if err != nil || len(ms) != 1 || !ms[0].Broken || len(ms[0].Problems) != 1 || ms[0].Problems[0].Value != "igår" {
			t.Fatalf("%v %+v", err, ms)
		}
	})
}

func TestJSONReadErrors(t *testing.T) {
	good := jpJSON(1, 10, "")
	big := jpJSON(2, 11, `"tittel":"`+strings.Repeat("x", jsonMaxObject)+`"`)
	tests := []struct {
		name   string
		in     string
		before int
		line   int
		msg    string
	}{
		{"NDJSON line cut off", good + "\n" + `{"journalaar": 2024,` + "\n" + good + "\n", 1, 3, "line 2"},
		{"bad value in an array", "[" + good + ",\n" + good + ",\n{\"a\":\n  tru}]", 1, 4, "invalid character"},
		{"garbage between objects", good + "\n\n x\n", 1, 3, "invalid character"},
		{"unclosed array", "[" + good + ",\n" + good, 1, 2, "closed"},
		{"truncated object", "[\n" + good + ",\n" + good[:40], 1, 3, "unexpected EOF"},
		{"stray bracket", good + "\n]", 1, 2, "]"},
		{"object too large", good + "\n" + big, 1, 2, "larger than"},
		{"value that never ends", "[" + good + ",\n\"" + strings.Repeat("x", 3*jsonMaxObject), 1, 2, "larger than"},
		{"list item too large", `{"items":[` + good + ",\n" + big + "]}", 1, 2, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := readJSON(t, tt.in)
			var re *ReadError
			if len(ms) != tt.before || !errors.As(err, &re) || re.Line != tt.line || re.File != "export.json" || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("%d mapper, %v", len(ms), err)
			}
		})
	}
}

func TestJSONWindows1252(t *testing.T) {
	in := strings.ReplaceAll(jpJSON(1, 10, `"tittel":"Søknad"`), "ø", "\xF8")
	ms, err := readJSON(t, in)
	if err != nil || len(ms) != 1 || ms[0].Journalposts[0].Journalpost.Tittel != "Søknad" || len(ms[0].Problems) != 1 {
		t.Fatalf("%v %+v", err, ms)
	}
}

func FuzzJSON(f *testing.F) {
	for _, name := range []string{"testdata/json/own_export.ndjson", "testdata/json/einnsyn_list.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("[" + jpJSON(1, 10, `"skjerming":{"skjermingMetadata":"navn"}`) + "," + jpJSON(1, 11, "") + "]"))
	f.Add([]byte(`{"items":[{"entity":"Saksmappe","saksnummer":"24/1","journalpost":["x",{}]}],"next":{"a":[]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = readAll(t, NewJSON(bytes.NewReader(b), "fuzz.json"))
	})
}
