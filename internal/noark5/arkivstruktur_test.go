package noark5

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// xmlSamples is the shared folder of real Noark 5 extractions; a fresh
// clone of the project alone does not have it.
const xmlSamples = "../../../shared/data/noark5"

func xmlSampleDir(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(xmlSamples, name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("sample %s not available: %v", name, err)
	}
	return dir
}

func xmlOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// xmlReadAll reads every mappe, checking each as it comes; err is the
// error Next ended with other than io.EOF.
func xmlReadAll(t *testing.T, r Reader) ([]Mappe, error) {
	t.Helper()
	var out []Mappe
	for range 1_000_000 {
		m, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("Next returned %T %v, want *ReadError", err, err)
			}
			return out, err
		}
		xmlCheckMappe(t, m)
		out = append(out, m)
	}
	t.Fatal("Next never returned io.EOF")
	return nil, nil
}

func xmlMustReadAll(t *testing.T, r Reader) []Mappe {
	t.Helper()
	ms, err := xmlReadAll(t, r)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// xmlCheckMappe checks what every mappe must satisfy: a mappe that is not
// broken loads (once its files are stored), and every problem says where.
func xmlCheckMappe(t *testing.T, m Mappe) {
	t.Helper()
	if err := xmlValidate(m); err != nil {
		t.Errorf("mappe %s at %v is not broken but does not validate: %v", m.Saksmappe.Saksmappe.SystemID, m.Pos, err)
	}
	for _, p := range m.Problems {
		if p.File == "" || p.Line <= 0 || p.Path == "" || p.Message == "" {
			t.Errorf("problem without a place or message: %#v", p)
		}
	}
}

// xmlValidate is the importer's check: nil for a broken mappe.
func xmlValidate(m Mappe) error {
	if m.Broken {
		return nil
	}
	return journal.Batch{Enheter: m.Enheter, Saksmapper: []journal.SaksmappeInput{m.Saksmappe},
		Journalposts: xmlFilledForValidation(m.Journalposts)}.Validate()
}

func xmlFixture(t *testing.T, name string) []Mappe {
	t.Helper()
	return xmlMustReadAll(t, NewArkivstruktur(xmlOpen(t, filepath.Join("testdata", "xml", name)), name))
}

func xmlGetEntry(t *testing.T, m Mappe, systemID string) offl.Journalpost {
	t.Helper()
	for _, j := range m.Journalposts {
		if j.Journalpost.SystemID == systemID {
			return j.Journalpost
		}
	}
	t.Fatalf("no entry %s in mappe %s", systemID, m.Saksmappe.Saksmappe.SystemID)
	return offl.Journalpost{}
}

func xmlIDs(m Mappe) []string {
	var ids []string
	for _, j := range m.Journalposts {
		ids = append(ids, j.Journalpost.SystemID)
	}
	return ids
}

// xmlProblem finds the problem whose message holds msg.
func xmlProblem(m Mappe, msg string) (Problem, bool) {
	for _, p := range m.Problems {
		if strings.Contains(p.Message, msg) {
			return p, true
		}
	}
	return Problem{}, false
}

func xmlWantProblem(t *testing.T, m Mappe, msg, value string, skipped bool) Problem {
	t.Helper()
	for _, p := range m.Problems {
		if strings.Contains(p.Message, msg) && (value == "" || p.Value == value) {
			if p.Skipped != skipped {
				t.Errorf("problem %v: Skipped = %v, want %v", p, p.Skipped, skipped)
			}
			return p
		}
	}
	t.Errorf("no problem %q (value %q) in %v", msg, value, m.Problems[:min(len(m.Problems), 10)])
	return Problem{}
}

func xmlDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestArkivstrukturSamples(t *testing.T) {
	tests := []struct {
		dir                     string
		mapper, broken, entries int
		check                   func(t *testing.T, dir string, ms []Mappe)
	}{
		{dir: "kdrs-uttrekk1-v3.1", mapper: 2, broken: 0, entries: 2, check: func(t *testing.T, _ string, ms []Mappe) {
			sm := ms[0].Saksmappe
			if sm.Saksmappe.SystemID != "734b493f-c64e-4fc5-a988-56be11e2ee10" || sm.Saksmappe.Saksnummer() != "2011/1" ||
				sm.Saksmappe.Tittel != "Byggesaker" || sm.EnhetKode != "arkivtjenesten" || !sm.Saksmappe.Saksdato.Equal(xmlDay("2011-09-09")) {
				t.Errorf("first case = %+v", sm)
			}
			jp := xmlGetEntry(t, ms[0], "dbf32e5e-f6a2-4366-8ffa-5adb9ea54328")
			if jp.Tittel != "Søknad om tilbygg" || !jp.Journaldato.Equal(xmlDay("2011-09-09")) ||
				jp.Journalposttype != offl.Inngaaende || jp.Journalstatus != offl.Arkivert ||
				!jp.MottattDato.Equal(xmlDay("2011-09-09")) || jp.Journalenhet != "arkivtjenesten" {
				t.Errorf("entry = %+v", jp)
			}
			if len(jp.Korrespondansepart) != 1 || jp.Korrespondansepart[0].Navn != "Petter Strand" ||
				jp.Korrespondansepart[0].Korrespondanseparttype != offl.Mottaker || jp.Korrespondansepart[0].Postnummer != "0271" {
				t.Errorf("korrespondansepart = %+v", jp.Korrespondansepart)
			}
			// Both entries of each case share a journalpostnummer or a
			// journal number, which the journal keeps unique.
			xmlWantProblem(t, ms[0], "journalpostnummer 2011", "f080dee0-97c8-4d15-8832-622f93de318b", true)
			xmlWantProblem(t, ms[1], "journal number 2012/1", "ae3828bc-73e8-4722-b7c5-1b010f3f77f6", true)
			f := ms[1].Files[0]
			if f.Ref != "dokumenter/61677fa2-659b-4200-9438-6c43e4826d3f.pdf" || f.Algoritme != "SHA256" ||
				f.Sjekksum != "c9d8c2722a1a1005bd4e4bd298f53e0a9e7429485b0a78020939dc8c37194e71" ||
				f.JournalpostSystemID != "2b962a88-23b2-475e-bce3-a438d9db25db" || f.DokumentSystemID != "942486fd-c763-47c2-a75c-48a62a727e81" {
				t.Errorf("file = %+v", f)
			}
		}},
		{dir: "arkade-n5-archive-small", mapper: 1, broken: 0, entries: 2, check: func(t *testing.T, dir string, ms []Mappe) {
			m := ms[0]
			xmlWantProblem(t, m, "case parties", "", true)
			if !strings.Contains(m.Pos.Path, "klassifikasjonssystem/klasse/klasse/klasse/mappe[1]") {
				t.Errorf("path = %q", m.Pos.Path)
			}
			if m.Saksmappe.Saksmappe.Tittel != "Eating the cake - 1" || m.Saksmappe.Saksmappe.Sakssekvensnummer != 13 {
				t.Errorf("case = %+v", m.Saksmappe)
			}
			jp := xmlGetEntry(t, m, "journpost57d6608566c0b0.29878286")
			sk := jp.Skjerming
			if sk == nil || sk.Skjermingshjemmel != "Unntatt etter Offentleglova" || sk.Tilgangsrestriksjon != "Personalsaker" ||
				sk.Varighet != 60 || !sk.OpphoererDato.Equal(xmlDay("1942-07-25")) || !sk.Screens.AllMetadata || !sk.Screens.Documents.All {
				t.Errorf("skjerming = %+v", sk)
			}
			if jp.Journalposttype != offl.OrganinterntForOppfoelging || jp.Korrespondansepart[0].Navn != "Riksarkivet" ||
				jp.Korrespondansepart[0].Korrespondanseparttype != offl.Kopimottaker {
				t.Errorf("entry = %+v", jp)
			}
			f := m.Files[0]
			if f.Ref != "dokumenter/5000000.pdf" || f.Filnavn != "5000000.pdf" ||
				f.Sjekksum != "3b29dfcc4286e50b180af8f21904c86f8aa42a23c4055c3a71d0512f9ae3886f" {
				t.Fatalf("file = %+v", f)
			}
			// The reference resolves against the package, and the file
			// is what the export declares.
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Ref)))
			if err != nil {
				t.Fatal(err)
			}
			if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != f.Sjekksum {
				t.Errorf("the declared checksum does not match the file")
			}
		}},
		{dir: "noark5-tester-noark5-enkel", mapper: 1, broken: 0, entries: 1, check: func(t *testing.T, _ string, ms []Mappe) {
			m := ms[0]
			jp := xmlGetEntry(t, m, "eeefbaa8-ab7c-11e9-b541-030a0382bbb8")
			if !jp.Journaldato.Equal(xmlDay("2017-04-02")) || jp.Tittel != "Eating the cake2 - Application to eat cake1" ||
				len(jp.Korrespondansepart) != 1 || jp.Korrespondansepart[0].Korrespondanseparttype != offl.Medavsender {
				t.Errorf("entry = %+v", jp)
			}
			xmlWantProblem(t, m, "case parties", "", true)
			xmlWantProblem(t, m, "partRolle is not a korrespondanseparttype", "Advokat", true)
			xmlWantProblem(t, m, "arkivnotat without journal numbers", "41846752-44d8-11e9-be51-0fe5fe2cd1f8", true)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := xmlSampleDir(t, tt.dir)
			ms := xmlMustReadAll(t, NewArkivstruktur(xmlOpen(t, filepath.Join(dir, "arkivstruktur.xml")), "arkivstruktur.xml"))
			broken, entries := 0, 0
			for _, m := range ms {
				if m.Broken {
					broken++
				}
				entries += len(m.Journalposts)
			}
			if len(ms) != tt.mapper || broken != tt.broken || entries != tt.entries {
				t.Fatalf("mapper %d (broken %d), entries %d; want %d (%d), %d", len(ms), broken, entries, tt.mapper, tt.broken, tt.entries)
			}
			tt.check(t, dir, ms)
		})
	}
}

func TestArkivstrukturV31(t *testing.T) {
	ms := xmlFixture(t, "v31-no-xsitype.xml")
	if len(ms) != 2 || ms[0].Broken || ms[1].Broken {
		t.Fatalf("mapper = %d, broken %v", len(ms), ms)
	}
	m := ms[0]
	sm := m.Saksmappe
	if sm.Saksmappe.Saksnummer() != "2020/15" || sm.EnhetKode != "Byggesak" || sm.Saksmappe.Saksansvarlig != "Kari Saksbehandler" ||
		!slices.Equal(m.Enheter, []journal.EnhetInput{{Kode: "Byggesak", Navn: "Byggesak"}}) {
		t.Errorf("case = %+v, enheter %v", sm, m.Enheter)
	}
	if got := xmlIDs(m); !slices.Equal(got, []string{"jp-31-1", "jp-31-2"}) {
		t.Errorf("entries = %v", got)
	}
	jp := xmlGetEntry(t, m, "jp-31-1")
	// 23:30 UTC on 1 March is 2 March in Norway.
	if jp.Journalposttype != offl.Inngaaende || jp.Journalstatus != offl.Journalfoert || !jp.MottattDato.Equal(xmlDay("2020-03-02")) ||
		jp.Saksaar != 2020 || jp.Sakssekvensnummer != 15 {
		t.Errorf("entry = %+v", jp)
	}
	obj := jp.Dokumentbeskrivelse[0].Dokumentobjekt[0]
	wantSum := "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	if obj.Sjekksum != wantSum || obj.Filnavn != "31-1.pdf" || obj.Variantformat != offl.Arkivformat || obj.StorageKey != "" {
		t.Errorf("dokumentobjekt = %+v", obj)
	}
	if f := m.Files[0]; f.Ref != "dokumenter/31-1.pdf" || f.Sjekksum != wantSum || f.DokumentSystemID != "dok-31-1" || f.JournalpostSystemID != "jp-31-1" {
		t.Errorf("file = %+v", f)
	}
	jp2 := xmlGetEntry(t, m, "jp-31-2")
	if jp2.Journalstatus != offl.Ekspedert || !jp2.SendtDato.Equal(xmlDay("2020-03-20")) ||
		jp2.Korrespondansepart[1].Korrespondanseparttype != offl.InternAvsender {
		t.Errorf("entry 2 = %+v", jp2)
	}
	p := xmlWantProblem(t, m, "without journal numbers", "reg-31-3", true)
	if !strings.HasSuffix(p.Path, "arkiv/arkivdel/mappe[1]/registrering[3]") {
		t.Errorf("problem path = %q", p.Path)
	}
	// A plain mappe whose mappeID is a case number is a case.
	if n := ms[1].Saksmappe.Saksmappe; n.Saksaar != 2019 || n.Sakssekvensnummer != 77 || len(ms[1].Journalposts) != 1 {
		t.Errorf("second case = %+v", n)
	}
	xmlWantProblem(t, ms[1], "read from the mappeID", "2019/77", false)
}

func TestArkivstrukturV50(t *testing.T) {
	ms := xmlFixture(t, "v50-xsitype.xml")
	if len(ms) != 1 || ms[0].Broken {
		t.Fatalf("mapper = %+v", ms)
	}
	m := ms[0]
	if !strings.HasSuffix(m.Pos.Path, "arkiv/arkivdel/klassifikasjonssystem/klasse/klasse/mappe[1]") {
		t.Errorf("path = %q", m.Pos.Path)
	}
	sm := m.Saksmappe.Saksmappe
	if sm.Tittel != "Barnehageplass - Ola Nordmann" || sm.Saksnummer() != "2024/7" {
		t.Errorf("case = %+v", sm)
	}
	if sk := sm.Skjerming; sk == nil || !slices.Equal(sk.Screens.Title.Phrases, []string{"Ola", "Nordmann"}) || !sk.Screens.Names ||
		sk.Screens.Title.Whole || sk.Skjermingshjemmel != "Offl. § 13 jf. fvl. § 13 (1) nr.1" {
		t.Errorf("case skjerming = %+v", sk)
	}
	jp := xmlGetEntry(t, m, "jp-50-1")
	if jp.Tittel != "Søknad om barnehageplass for Ola Nordmann" || !jp.Journaldato.Equal(xmlDay("2024-01-15")) ||
		!jp.DokumentetsDato.Equal(xmlDay("2024-01-10")) || !jp.OffentlighetsvurdertDato.Equal(xmlDay("2024-01-16")) {
		t.Errorf("entry = %+v", jp)
	}
	if k := jp.Korrespondansepart; len(k) != 2 || !k[0].ErPerson || k[0].Korrespondanseparttype != offl.Avsender ||
		k[1].ErPerson || k[1].AdministrativEnhet != "Oppvekst" {
		t.Errorf("korrespondanseparter = %+v", k)
	}
	sk := jp.Skjerming
	if sk == nil {
		t.Fatal("no skjerming")
	}
	// TRO with a masked offentligTittel screens exactly the masked words;
	// the document with TD screens its title; one document screened
	// whole (H) and the entry's D: everything is withheld whole.
	wantPhrases := []string{"Ola", "Nordmann", "Legeerklæring"}
	if !slices.Equal(sk.Screens.Title.Phrases, wantPhrases) || sk.Screens.Title.Whole || !sk.Screens.Names ||
		!sk.Screens.Documents.All || sk.Screens.Documents.PartsOnly || !slices.Contains(sk.Screens.Documents.IDs, "dok-50-2") ||
		sk.Varighet != 60 || !sk.OpphoererDato.IsZero() || sk.Skjermingshjemmel != "Offl § 13" {
		t.Errorf("entry skjerming = %+v", sk)
	}
	if len(m.Files) != 2 || m.Files[1].Variantformat != offl.OffentligVariant || m.Files[1].Ref != "dokumenter/50-1-sladdet.pdf" {
		t.Errorf("files = %+v", m.Files)
	}
	note := xmlGetEntry(t, m, "jp-50-2")
	if note.Journalposttype != offl.OrganinterntUtenOppfoelging || note.Journalstatus != offl.Arkivert ||
		!note.Journaldato.Equal(xmlDay("2024-02-01")) {
		t.Errorf("arkivnotat = %+v", note)
	}
	// The public view masks the screened words.
	pub := offl.PublishJournalpost(jp, xmlDay("2024-06-01"), offl.DefaultPolicy())
	if pub.Entry.OffentligTittel != "Søknad om barnehageplass for ***** *****" {
		t.Errorf("public title = %q", pub.Entry.OffentligTittel)
	}
}

func TestArkivstrukturV55Parts(t *testing.T) {
	ms := xmlFixture(t, "v55-part.xml")
	if len(ms) != 1 || ms[0].Broken {
		t.Fatalf("mapper = %+v", ms)
	}
	m := ms[0]
	jp := xmlGetEntry(t, m, "jp-55-1")
	k := jp.Korrespondansepart
	if len(k) != 2 || k[0].Navn != "Mattilsynet" || k[0].Korrespondanseparttype != offl.Avsender || k[0].Poststed != "Brumunddal" ||
		k[1].Navn != "Kafé Hjørnet AS" || k[1].Korrespondanseparttype != offl.Kopimottaker {
		t.Errorf("korrespondanseparter = %+v", k)
	}
	if jp.Journalposttype != offl.Inngaaende || jp.Journalstatus != offl.Journalfoert {
		t.Errorf("codes = %s %s", jp.Journalposttype, jp.Journalstatus)
	}
	xmlWantProblem(t, m, "partRolle is not a korrespondanseparttype", "Advokat", true)
	n := 0
	for _, p := range m.Problems {
		if strings.Contains(p.Message, "case parties") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("case parties noted %d times, want once", n)
	}
}

func TestArkivstrukturMoeteAndUndermappe(t *testing.T) {
	ms := xmlFixture(t, "moete-undermappe.xml")
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.Saksmappe.Saksmappe.SystemID)
		if m.Broken {
			t.Errorf("%s broken: %v", m.Saksmappe.Saksmappe.SystemID, m.Problems)
		}
	}
	// The undermappe ends first, so it comes first.
	if !slices.Equal(ids, []string{"sak-indre", "sak-ytre"}) {
		t.Fatalf("mapper = %v", ids)
	}
	p := xmlWantProblem(t, ms[0], "møtemappe", "", true)
	if !strings.HasSuffix(p.Path, "arkiv/arkivdel/mappe[1]") {
		t.Errorf("møtemappe problem at %q", p.Path)
	}
	if got := xmlIDs(ms[0]); !slices.Equal(got, []string{"jp-indre-1"}) {
		t.Errorf("inner entries = %v", got)
	}
	xmlWantProblem(t, ms[1], "møteregistrering", "", true)
	if len(ms[1].Journalposts) != 0 || ms[1].Saksmappe.Saksmappe.Saksnummer() != "2023/10" {
		t.Errorf("outer = %+v", ms[1])
	}
}

func TestArkivstrukturBrokenThenGood(t *testing.T) {
	ms := xmlFixture(t, "broken-then-good.xml")
	if len(ms) != 3 {
		t.Fatalf("mapper = %d", len(ms))
	}
	if !ms[0].Broken || !ms[1].Broken || ms[2].Broken {
		t.Fatalf("broken = %v %v %v", ms[0].Broken, ms[1].Broken, ms[2].Broken)
	}
	xmlWantProblem(t, ms[0], "the saksmappe has no saksaar", "ukjent", false)
	xmlWantProblem(t, ms[1], "the mappe is not a case", "Personalmappe Hansen", false)
	good := ms[2]
	if got := xmlIDs(good); !slices.Equal(got, []string{"jp-b-1"}) {
		t.Errorf("entries = %v", got)
	}
	xmlWantProblem(t, good, `xsi:type "registrering" without journal numbers`, "reg-uten-nummer", true)
	xmlWantProblem(t, good, "unknown journalposttype", "Telefonnotat", true)
	xmlWantProblem(t, good, "journal number 2022/2", "jp-b-3", true)
	xmlWantProblem(t, good, "journaldato is not a date", "8. mai 2022", true)
}

func TestArkivstrukturMalformed(t *testing.T) {
	r := NewArkivstruktur(xmlOpen(t, "testdata/xml/malformed.xml"), "malformed.xml")
	m, err := r.Next()
	if err != nil || m.Saksmappe.Saksmappe.SystemID != "sak-x-1" {
		t.Fatalf("first = %v, %v", m.Saksmappe.Saksmappe.SystemID, err)
	}
	_, err = r.Next()
	var re *ReadError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a *ReadError", err)
	}
	if re.Line != 33 || re.File != "malformed.xml" || !strings.Contains(re.Path, "mappe[2]") {
		t.Errorf("ReadError at %v, want malformed.xml:33 in mappe[2]: %v", re.Pos, re)
	}
	if _, err2 := r.Next(); err2 != err {
		t.Errorf("the error does not stay: %v", err2)
	}
}

// xmlDoc wraps mapper in an arkiv.
func xmlDoc(mapper string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<arkiv xmlns="http://www.arkivverket.no/standarder/noark5/arkivstruktur" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<arkivdel>` + mapper + `</arkivdel></arkiv>`
}

// xmlCase is a saksmappe with the given registreringer.
func xmlCase(aar, seq int, regs string) string {
	return fmt.Sprintf(`<mappe xsi:type="saksmappe"><systemID>sak-%d-%d</systemID><tittel>Sak</tittel>%s
<saksaar>%d</saksaar><sakssekvensnummer>%d</sakssekvensnummer></mappe>`, aar, seq, regs, aar, seq)
}

// xmlJournalpost is a journalpost with extra elements before the title.
func xmlJournalpost(id string, seq int, extra, tittel, offentlig string) string {
	off := ""
	if offentlig != "" {
		off = "<offentligTittel>" + offentlig + "</offentligTittel>"
	}
	return fmt.Sprintf(`<registrering xsi:type="journalpost"><systemID>%s</systemID>%s
<dokumentbeskrivelse><systemID>%s-d1</systemID><tittel>Vedlagt kart</tittel><tilknyttetRegistreringSom>H</tilknyttetRegistreringSom><dokumentnummer>1</dokumentnummer></dokumentbeskrivelse>
<tittel>%s</tittel>%s<korrespondansepart><korrespondanseparttype>EA</korrespondanseparttype><korrespondansepartNavn>Ola Avsender</korrespondansepartNavn></korrespondansepart>
<journalaar>2024</journalaar><journalsekvensnummer>%d</journalsekvensnummer><journalpostnummer>%d</journalpostnummer>
<journalposttype>I</journalposttype><journalstatus>J</journalstatus><journaldato>2024-05-05</journaldato></registrering>`,
		id, extra, id, tittel, off, seq, seq)
}

func xmlReadString(t *testing.T, doc string) []Mappe {
	t.Helper()
	return xmlMustReadAll(t, NewArkivstruktur(strings.NewReader(doc), "test.xml"))
}

func TestArkivstrukturSkjerming(t *testing.T) {
	tests := []struct {
		name, skjerming, tittel, offentlig string
		want                               *offl.Screens
		tilgang                            string
		problem                            string
	}{
		{name: "none", tittel: "Søknad", offentlig: "Søknad om noe annet"},
		{name: "masked offentligTittel without skjerming", tittel: "Søknad fra Kari Hansen", offentlig: "Søknad fra ***** *****",
			want: &offl.Screens{Title: offl.TitleScreen{Phrases: []string{"Kari", "Hansen"}}}, problem: "has no skjerming"},
		{name: "mask spanning words and punctuation", tittel: "Sak om Nordmann-Hansen, Ola", offentlig: "Sak om *****, *****",
			want: &offl.Screens{Title: offl.TitleScreen{Phrases: []string{"Nordmann-Hansen", "Ola"}}}, problem: "has no skjerming"},
		{name: "masked title that does not follow", tittel: "Søknad fra Kari", offentlig: "Klage fra *****",
			want: &offl.Screens{Title: offl.TitleScreen{Whole: true}}, problem: "does not follow the tittel"},
		{name: "hjemmel only", skjerming: `<skjermingshjemmel>Offl. § 13</skjermingshjemmel>`, tittel: "Søknad",
			want: &offl.Screens{AllMetadata: true, Documents: offl.DocumentScreen{All: true}}, problem: "says neither what to screen"},
		{name: "no metadata, documents said", skjerming: `<skjermingshjemmel>Offl § 14</skjermingshjemmel><skjermingDokument>Skjerming av hele dokumentet</skjermingDokument>`,
			tittel: "Notat", want: &offl.Screens{AllMetadata: true, Documents: offl.DocumentScreen{All: true}}, problem: "does not say what to screen"},
		{name: "TR1 with a second line", skjerming: `<skjermingMetadata>TR1</skjermingMetadata>`, tittel: "Søknad om sosialhjelp&#10;Ola Nordmann",
			want: &offl.Screens{Title: offl.TitleScreen{Phrases: []string{"Ola Nordmann"}}}},
		{name: "TR1 on one line", skjerming: `<skjermingMetadata>Skjerming tittel registrering - unntatt første linje</skjermingMetadata>`, tittel: "Søknad om sosialhjelp",
			want: &offl.Screens{Title: offl.TitleScreen{Whole: true}}, problem: "no second line"},
		{name: "TRO without masked title", skjerming: `<skjermingMetadata>TRO</skjermingMetadata>`, tittel: "Søknad fra Ola",
			want: &offl.Screens{Title: offl.TitleScreen{Whole: true}}, problem: "no offentligTittel with *****"},
		{name: "names", skjerming: `<skjermingMetadata>Skjerming navn avsender</skjermingMetadata><skjermingMetadata>NM</skjermingMetadata>`, tittel: "Brev",
			want: &offl.Screens{Names: true}},
		{name: "temporary", skjerming: `<skjermingMetadata>Midlertidig skjerming</skjermingMetadata>`, tittel: "Brev",
			want: &offl.Screens{AllMetadata: true}},
		{name: "all", skjerming: `<skjermingMetadata>alle</skjermingMetadata>`, tittel: "Brev", want: &offl.Screens{AllMetadata: true}},
		{name: "unknown metadata", skjerming: `<skjermingMetadata>Skjermet</skjermingMetadata>`, tittel: "Brev",
			want: &offl.Screens{AllMetadata: true}, problem: "unknown skjermingMetadata"},
		{name: "parts of documents", skjerming: `<skjermingMetadata>NA</skjermingMetadata><skjermingDokument>D</skjermingDokument>`, tittel: "Brev",
			want: &offl.Screens{Names: true, Documents: offl.DocumentScreen{All: true, PartsOnly: true}}},
		{name: "a list in one element", skjerming: `<skjermingMetadata>NA, TD</skjermingMetadata>`, tittel: "Brev",
			want: &offl.Screens{Names: true, Title: offl.TitleScreen{Phrases: []string{"Vedlagt kart"}}}},
		{name: "tilgangskode too long", skjerming: `<tilgangsrestriksjon>skjerming dokumentbeskrivelse</tilgangsrestriksjon><skjermingMetadata>NA</skjermingMetadata>`,
			tittel: "Brev", want: &offl.Screens{Names: true}, problem: "too long for an access code"},
		{name: "code kept", skjerming: `<tilgangsrestriksjon>UO</tilgangsrestriksjon><skjermingMetadata>NA</skjermingMetadata>`,
			tittel: "Brev", want: &offl.Screens{Names: true}, tilgang: "UO"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			extra := ""
			if tt.skjerming != "" {
				extra = "<skjerming>" + tt.skjerming + "</skjerming>"
			}
			ms := xmlReadString(t, xmlDoc(xmlCase(2024, 1, xmlJournalpost("j1", 1, extra, tt.tittel, tt.offentlig))))
			if len(ms) != 1 || ms[0].Broken || len(ms[0].Journalposts) != 1 {
				t.Fatalf("mapper = %+v", ms)
			}
			sk := ms[0].Journalposts[0].Journalpost.Skjerming
			switch {
			case tt.want == nil && sk != nil:
				t.Errorf("skjerming = %+v, want none", sk)
			case tt.want != nil && sk == nil:
				t.Errorf("no skjerming, want %+v", tt.want)
			case tt.want != nil && !xmlSameScreens(sk.Screens, *tt.want):
				t.Errorf("screens = %+v, want %+v", sk.Screens, *tt.want)
			case sk != nil && sk.Tilgangsrestriksjon != tt.tilgang:
				t.Errorf("tilgangsrestriksjon = %q, want %q", sk.Tilgangsrestriksjon, tt.tilgang)
			}
			if tt.problem != "" {
				if _, ok := xmlProblem(ms[0], tt.problem); !ok {
					t.Errorf("no problem %q in %v", tt.problem, ms[0].Problems)
				}
			}
		})
	}
}

func xmlSameScreens(a, b offl.Screens) bool {
	return a.AllMetadata == b.AllMetadata && a.Names == b.Names && a.Title.Whole == b.Title.Whole &&
		slices.Equal(a.Title.Phrases, b.Title.Phrases) && len(a.Title.Words) == 0 &&
		a.Documents.All == b.Documents.All && a.Documents.PartsOnly == b.Documents.PartsOnly && slices.Equal(a.Documents.IDs, b.Documents.IDs)
}

func TestArkivstrukturValues(t *testing.T) {
	tests := []struct {
		name, doc string
		check     func(t *testing.T, ms []Mappe)
	}{
		{name: "case without systemID", doc: xmlDoc(`<mappe xsi:type="saksmappe"><tittel>T</tittel><saksaar>2024</saksaar><sakssekvensnummer>9</sakssekvensnummer></mappe>`),
			check: func(t *testing.T, ms []Mappe) {
				if ms[0].Broken || ms[0].Saksmappe.Saksmappe.SystemID != "saksnummer:2024/9" {
					t.Errorf("case = %+v", ms[0])
				}
				xmlWantProblem(t, ms[0], "has no systemID", "", false)
			}},
		{name: "entry without systemID", doc: xmlDoc(xmlCase(2024, 1, strings.Replace(xmlJournalpost("x", 5, "", "T", ""), "<systemID>x</systemID>", "", 1))),
			check: func(t *testing.T, ms []Mappe) {
				if got := xmlIDs(ms[0]); !slices.Equal(got, []string{"journalpost:2024/5"}) {
					t.Errorf("entries = %v", got)
				}
			}},
		{name: "title too long", doc: xmlDoc(`<mappe xsi:type="saksmappe"><systemID>s</systemID><tittel>` + strings.Repeat("å", MaxTextLength+1) +
			`</tittel><saksaar>2024</saksaar><sakssekvensnummer>9</sakssekvensnummer></mappe>`),
			check: func(t *testing.T, ms []Mappe) {
				if ms[0].Broken || ms[0].Saksmappe.Saksmappe.Tittel != "" {
					t.Errorf("case = %+v", ms[0].Saksmappe)
				}
				p := xmlWantProblem(t, ms[0], "longer than 10000 characters", "", false)
				if !strings.HasSuffix(p.Path, "mappe[1]/tittel") {
					t.Errorf("path = %q", p.Path)
				}
			}},
		{name: "file references", doc: xmlDoc(xmlCase(2024, 1, strings.Replace(xmlJournalpost("j", 1, "", "T", ""), "</dokumentbeskrivelse>",
			`<dokumentobjekt><versjonsnummer>1</versjonsnummer><variantformat>Produksjonsformat</variantformat><referanseDokumentfil>../../etc/passwd</referanseDokumentfil><sjekksum>abc</sjekksum><sjekksumAlgoritme>MD5</sjekksumAlgoritme></dokumentobjekt>
<dokumentobjekt><versjonsnummer>2</versjonsnummer><variantformat>A</variantformat><referanseDokumentfil>C:\arkiv\fil.pdf</referanseDokumentfil><sjekksum>123</sjekksum><sjekksumAlgoritme>SHA256</sjekksumAlgoritme></dokumentobjekt>
<dokumentobjekt><variantformat>A</variantformat></dokumentobjekt>
<dokumentobjekt><versjonsnummer>1</versjonsnummer><variantformat>P</variantformat><referanseDokumentfil>dokumenter/igjen.pdf</referanseDokumentfil></dokumentobjekt>
<dokumentobjekt><versjonsnummer>3</versjonsnummer><variantformat>Papir</variantformat><referanseDokumentfil>dokumenter/x.pdf</referanseDokumentfil></dokumentobjekt>
</dokumentbeskrivelse>`, 1))),
			check: func(t *testing.T, ms []Mappe) {
				m := ms[0]
				if m.Broken || len(m.Files) != 2 {
					t.Fatalf("files = %+v", m.Files)
				}
				if f := m.Files[0]; f.Ref != "../../etc/passwd" || f.Algoritme != "MD5" || f.Sjekksum != "abc" || f.Variantformat != offl.Produksjonsformat {
					t.Errorf("file 0 = %+v", f)
				}
				if f := m.Files[1]; f.Ref != `C:\arkiv\fil.pdf` || f.Filnavn != "fil.pdf" || f.Sjekksum != "" {
					t.Errorf("file 1 = %+v", f)
				}
				if objs := m.Journalposts[0].Journalpost.Dokumentbeskrivelse[0].Dokumentobjekt; len(objs) != 2 || objs[0].Sjekksum != "" || objs[1].Sjekksum != "" {
					t.Errorf("dokumentobjekter = %+v", objs)
				}
				xmlWantProblem(t, m, "climbs out", "../../etc/passwd", false)
				xmlWantProblem(t, m, "absolute", `C:\arkiv\fil.pdf`, false)
				xmlWantProblem(t, m, "not 64 hex digits", "123", false)
				xmlWantProblem(t, m, "no referanseDokumentfil", "", true)
				xmlWantProblem(t, m, "version 1 in produksjonsformat", "dokumenter/igjen.pdf", true)
				xmlWantProblem(t, m, "unknown variantformat", "Papir", true)
			}},
		{name: "unit name too long for a kode", doc: xmlDoc(`<mappe xsi:type="saksmappe"><systemID>s</systemID><saksaar>2024</saksaar><sakssekvensnummer>9</sakssekvensnummer><administrativEnhet>` +
			strings.Repeat("Avdeling ", 7) + `</administrativEnhet></mappe>`),
			check: func(t *testing.T, ms []Mappe) {
				if ms[0].Broken || ms[0].Saksmappe.EnhetKode != "" || len(ms[0].Enheter) != 0 {
					t.Errorf("case = %+v", ms[0])
				}
				xmlWantProblem(t, ms[0], "too long for a unit", "", false)
			}},
		{name: "registrering outside a mappe", doc: xmlDoc(`<registrering><systemID>r</systemID></registrering>`),
			check: func(t *testing.T, ms []Mappe) {
				if len(ms) != 1 || !ms[0].Broken || len(ms[0].Journalposts) != 0 {
					t.Fatalf("mapper = %+v", ms)
				}
				xmlWantProblem(t, ms[0], "outside any mappe", "", true)
			}},
		{name: "ISO-8859-1", doc: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<arkiv><arkivdel><mappe><systemID>s</systemID><tittel>S\xf8knad p\xe5 \xe6ble</tittel><saksaar>2024</saksaar><sakssekvensnummer>1</sakssekvensnummer></mappe></arkivdel></arkiv>",
			check: func(t *testing.T, ms []Mappe) {
				if got := ms[0].Saksmappe.Saksmappe.Tittel; got != "Søknad på æble" {
					t.Errorf("title = %q", got)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, xmlReadString(t, tt.doc))
		})
	}
}

func TestArkivstrukturReadErrors(t *testing.T) {
	deep := "<arkiv><arkivdel>" + strings.Repeat("<klasse>", MaxElementDepth) + strings.Repeat("</klasse>", MaxElementDepth) + "</arkivdel></arkiv>"
	tests := []struct {
		name, doc, want string
	}{
		{"empty", "", "no root element"},
		{"not arkivstruktur", `<offentligJournal/>`, "not an arkivstruktur.xml"},
		{"too deep", deep, "nest deeper than 64"},
		{"token too long", "<arkiv>" + strings.Repeat("x", xmlMaxTokenBytes+10) + "</arkiv>", "longer than"},
		{"unclosed", "<arkiv><arkivdel>", "unexpected EOF"},
		{"two roots", "<arkiv/><arkiv/>", "second root"},
		{"undeclared entity", "<arkiv>&nope;</arkiv>", "entity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := xmlReadAll(t, NewArkivstruktur(strings.NewReader(tt.doc), "bad.xml"))
			var re *ReadError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), tt.want) || re.File != "bad.xml" {
				t.Errorf("err = %v, want a ReadError about %q", err, tt.want)
			}
		})
	}
}

func TestArkivstrukturTooManyRegistrations(t *testing.T) {
	var b strings.Builder
	for i := range MaxRegistrations + 1 {
		fmt.Fprintf(&b, `<registrering><systemID>r%d</systemID></registrering>`, i)
	}
	ms := xmlReadString(t, xmlDoc(xmlCase(2024, 1, b.String()))+"\n")
	if len(ms) != 1 || !ms[0].Broken {
		t.Fatalf("want one broken mappe")
	}
	xmlWantProblem(t, ms[0], "more than 20000 registreringer", "", false)
}

// TestArkivstrukturStreams reads 50,000 mapper through a pipe: the heap
// after reading stays small, so the reader does not keep what it has
// handed out.
func TestArkivstrukturStreams(t *testing.T) {
	const n = 50_000
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(`<?xml version="1.0"?><arkiv xmlns="http://www.arkivverket.no/standarder/noark5/arkivstruktur" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><arkivdel>`))
		for i := range n {
			fmt.Fprint(pw, xmlCase(2000+i%100, i+1, xmlJournalpost(fmt.Sprintf("j%d", i), i+1, "", "Søknad om noe ganske vanlig", "")))
		}
		pw.Write([]byte(`</arkivdel></arkiv>`))
		pw.Close()
	}()
	r := NewArkivstruktur(pr, "big.xml")
	count := 0
	for {
		m, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if m.Broken || len(m.Journalposts) != 1 {
			t.Fatalf("mappe %d: %+v", count, m)
		}
		count++
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if count != n {
		t.Errorf("read %d mapper, want %d", count, n)
	}
	t.Logf("%d mapper streamed; HeapInuse %.1f MB", count, float64(ms.HeapInuse)/(1<<20))
	if ms.HeapInuse > 30<<20 {
		t.Errorf("HeapInuse = %d MB after streaming, want < 30 MB", ms.HeapInuse>>20)
	}
	runtime.KeepAlive(r)
}
