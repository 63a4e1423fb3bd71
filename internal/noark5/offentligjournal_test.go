package noark5

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/innsyn/innsyn/internal/offl"
)

func TestOffentligJournalSample(t *testing.T) {
	dir := xmlSampleDir(t, "kdrs-uttrekk1-v3.1")
	ms := xmlMustReadAll(t, NewOffentligJournal(xmlOpen(t, filepath.Join(dir, "offentligJournal.xml")), "offentligJournal.xml"))
	if len(ms) != 2 || ms[0].Broken || ms[1].Broken {
		t.Fatalf("mapper = %d: %+v", len(ms), ms)
	}
	first := ms[0]
	sm := first.Saksmappe.Saksmappe
	if sm.SystemID != "saksnummer:2011/1" || sm.Tittel != "Byggesaker" {
		t.Errorf("case = %+v", sm)
	}
	xmlWantProblem(t, first, "public titles only", "", false)
	// The first entry has journalsekvensnummer 0.
	xmlWantProblem(t, first, "no valid journalsekvensnummer, journalpostnummer", "df7b08cd-38de-4b04-9f2d-7c37a5e20411", true)
	jp := xmlGetEntry(t, first, "3062c3c1-83f7-4fb1-9a80-11bab7c06165")
	if jp.Tittel != "vedtak på tilbygg,drammensveien" || !jp.Journaldato.Equal(xmlDay("2011-09-10")) ||
		jp.Journalstatus != offl.Journalfoert || jp.Journalposttype != offl.Inngaaende ||
		jp.Korrespondansepart[0].Navn != "Lars H.Hansen" || jp.Saksaar != 2011 || jp.Sakssekvensnummer != 1 {
		t.Errorf("entry = %+v", jp)
	}
	// Entries 3 and 4 are one case; 4 repeats 3's journalpostnummer.
	second := ms[1]
	if second.Saksmappe.Saksmappe.Saksnummer() != "2012/1" || !slices.Equal(xmlIDs(second), []string{"2b962a88-23b2-475e-bce3-a438d9db25db"}) {
		t.Errorf("second case = %+v, entries %v", second.Saksmappe, xmlIDs(second))
	}
	if jp := xmlGetEntry(t, second, "2b962a88-23b2-475e-bce3-a438d9db25db"); jp.Journalposttype != offl.Utgaaende ||
		jp.Korrespondansepart[0].Navn != "Knut Nærum" {
		t.Errorf("entry = %+v", jp)
	}
	xmlWantProblem(t, second, "journalpostnummer 2012", "ae3828bc-73e8-4722-b7c5-1b010f3f77f6", true)
}

func TestOffentligJournalFixture(t *testing.T) {
	ms := xmlMustReadAll(t, NewOffentligJournal(xmlOpen(t, "testdata/xml/offentligjournal.xml"), "offentligjournal.xml"))
	var cases []string
	for _, m := range ms {
		cases = append(cases, m.Saksmappe.Saksmappe.Saksnummer())
	}
	// Consecutive entries of 2024/50 make one mappe; the case comes back
	// after 2024/51 and is given again.
	if !slices.Equal(cases, []string{"2024/50", "2024/51", "2024/50"}) {
		t.Fatalf("cases = %v", cases)
	}
	if got := xmlIDs(ms[0]); !slices.Equal(got, []string{"oj-1", "oj-2"}) {
		t.Errorf("entries = %v", got)
	}
	if ms[0].Saksmappe.Saksmappe.SystemID != ms[2].Saksmappe.Saksmappe.SystemID {
		t.Errorf("the same case has two systemIDs")
	}
	jp := xmlGetEntry(t, ms[0], "oj-1")
	if jp.Tittel != "Melding om bekymring for ***** *****" || jp.Journalposttype != offl.Inngaaende {
		t.Errorf("entry = %+v", jp)
	}
	// The title is already public: no title screen, but the names and
	// the basis are kept.
	sk := jp.Skjerming
	if sk == nil || sk.Tilgangsrestriksjon != "UO" || sk.Skjermingshjemmel != "Offl. § 13 jf. bvl. § 13-1" || !sk.Screens.Names ||
		sk.Screens.AllMetadata || sk.Screens.Title.Whole || len(sk.Screens.Title.Phrases) != 0 {
		t.Errorf("skjerming = %+v", sk)
	}
	if jp := xmlGetEntry(t, ms[0], "oj-2"); jp.Journalposttype != offl.Utgaaende || jp.Skjerming != nil {
		t.Errorf("entry 2 = %+v", jp)
	}
	if jp := xmlGetEntry(t, ms[1], "oj-3"); jp.Journalposttype != offl.OrganinterntForOppfoelging {
		t.Errorf("entry 3 type = %s", jp.Journalposttype)
	}
	n := 0
	for _, m := range ms {
		for _, p := range m.Problems {
			if strings.Contains(p.Message, "public titles only") || strings.Contains(p.Message, "no journalposttype") {
				n++
			}
		}
	}
	if n != 2 {
		t.Errorf("the file-wide notes are given %d times, want once each", n)
	}
}

func TestOffentligJournalReadErrors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"arkivstruktur", `<arkiv/>`, "not an offentligJournal.xml"},
		{"broken", "<offentligJournal>\n<journalregistrering>\n</journalpost>", "line 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := xmlReadAll(t, NewOffentligJournal(strings.NewReader(tt.doc), "oj.xml"))
			var re *ReadError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want a ReadError about %q", err, tt.want)
			}
		})
	}
}

func TestOffentligJournalWithoutCase(t *testing.T) {
	doc := `<offentligJournal><journalregistrering><journalpost><systemID>x</systemID></journalpost></journalregistrering>
<journalregistrering><saksmappe><saksaar>2024</saksaar><sakssekvensnummer>1</sakssekvensnummer></saksmappe>
<journalpost><systemID>y</systemID><journalaar>2024</journalaar><journalsekvensnummer>1</journalsekvensnummer><journalpostnummer>1</journalpostnummer>
<journaldato>2024-01-01</journaldato></journalpost></journalregistrering></offentligJournal>`
	ms := xmlMustReadAll(t, NewOffentligJournal(strings.NewReader(doc), "oj.xml"))
	if len(ms) != 1 || ms[0].Broken || len(ms[0].Journalposts) != 0 {
		t.Fatalf("mapper = %+v", ms)
	}
	xmlWantProblem(t, ms[0], "without the saksaar and sakssekvensnummer", "", true)
	// No korrespondansepart to infer the type from.
	xmlWantProblem(t, ms[0], "no journalposttype", "y", true)
}
