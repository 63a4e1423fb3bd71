package noark5

import (
	"slices"
	"testing"

	"github.com/innsyn/innsyn/internal/offl"
)

func TestCodeWords(t *testing.T) {
	tests := []struct {
		in   string
		read func(string) (string, bool)
		want string
	}{
		{"Inngående dokument", codeFn(codeJournalposttype), "I"},
		{"inngående DOKUMENT", codeFn(codeJournalposttype), "I"},
		{"u", codeFn(codeJournalposttype), "U"},
		{"inngaaende_dokument", codeFn(codeJournalposttype), "I"},
		{"Organinternt dokument for oppfølging", codeFn(codeJournalposttype), "N"},
		{"Organinternt  dokument uten oppfølging", codeFn(codeJournalposttype), "X"},
		{"Saksframlegg", codeFn(codeJournalposttype), "S"},
		{"Telefonnotat", codeFn(codeJournalposttype), ""},
		{"Journalført", codeFn(codeJournalstatus), "J"},
		{"Ferdigstilt fra saksbehandler", codeFn(codeJournalstatus), "F"},
		{"Godkjent av leder", codeFn(codeJournalstatus), "G"},
		{"Ekspedert", codeFn(codeJournalstatus), "E"},
		{"Arkivert", codeFn(codeJournalstatus), "A"},
		{"Utgår", codeFn(codeJournalstatus), "U"},
		{"Midlertidig registrering av innkommet dokument", codeFn(codeJournalstatus), "M"},
		{"Registrert av saksbehandler", codeFn(codeJournalstatus), "S"},
		{"Reservert dokument", codeFn(codeJournalstatus), "R"},
		{"Avsender", codeFn(codeKorrespondanseparttype), "EA"},
		{"ea", codeFn(codeKorrespondanseparttype), "EA"},
		{"Mottaker", codeFn(codeKorrespondanseparttype), "EM"},
		{"Kopimottaker", codeFn(codeKorrespondanseparttype), "EK"},
		{"Gruppemottaker", codeFn(codeKorrespondanseparttype), "GM"},
		{"Intern avsender", codeFn(codeKorrespondanseparttype), "IA"},
		{"intern_mottaker", codeFn(codeKorrespondanseparttype), "IM"},
		{"Intern kopimottaker", codeFn(codeKorrespondanseparttype), "IK"},
		{"Medavsender", codeFn(codeKorrespondanseparttype), "IS"},
		{"Advokat", codeFn(codeKorrespondanseparttype), ""},
		{"Hoveddokument", codeFn(codeTilknytning), "H"},
		{"Vedlegg", codeFn(codeTilknytning), "V"},
		{"Arkivformat", codeFn(codeVariantformat), "A"},
		{"Produksjonsformat", codeFn(codeVariantformat), "P"},
		{"Dokument hvor deler av innholdet er skjermet", codeFn(codeVariantformat), "O"},
		{"o", codeFn(codeVariantformat), "O"},
		{"Skjerming av hele dokumentet", codeSkjermingDokument, "H"},
		{"Skjerming av deler av dokumentet", codeSkjermingDokument, "D"},
		{"d", codeSkjermingDokument, "D"},
		{"Skjerming tittel mappe - unntatt første linje", codeSkjermingMetadata, "TM1"},
		{"Skjerming tittel mappe - utvalgte ord", codeSkjermingMetadata, "TMO"},
		{"Skjerming tittel klasse", codeSkjermingMetadata, "TKL"},
		{"Skjerming tittel registrering - utvalgte ord", codeSkjermingMetadata, "TRO"},
		{"Skjerming navn avsender", codeSkjermingMetadata, "NA"},
		{"nm", codeSkjermingMetadata, "NM"},
		{"Skjerming tittel dokumentbeskrivelse", codeSkjermingMetadata, "TD"},
		{"Midlertidig skjerming", codeSkjermingMetadata, "M"},
		{"Alle", codeSkjermingMetadata, codeAllMetadata},
		{"Skjermet", codeSkjermingMetadata, ""},
		{"", codeFn(codeJournalposttype), ""},
	}
	for _, tt := range tests {
		if got, _ := tt.read(tt.in); got != tt.want {
			t.Errorf("%q → %q, want %q", tt.in, got, tt.want)
		}
	}
}

func codeFn[T ~string](f func(string) (T, bool)) func(string) (string, bool) {
	return func(s string) (string, bool) {
		v, ok := f(s)
		return string(v), ok
	}
}

func TestCodeDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2011-09-09", "2011-09-09"},
		{" 2017-04-02Z ", "2017-04-02"},
		{"2018-01-01+01:00", "2018-01-01"},
		{"2011-09-09T09:10:00", "2011-09-09"},
		{"2011-09-09T23:59:59.123", "2011-09-09"},
		{"1863-10-06T00:00:00Z", "1863-10-06"},
		{"2020-03-01T23:30:00Z", "2020-03-02"}, // already 2 March in Norway
		{"2024-01-10T00:00:00+01:00", "2024-01-10"},
		{"2024-06-30T22:30:00Z", "2024-07-01"}, // summer time
		{"2024-02-30", ""},
		{"09.09.2011", ""},
		{"2011-09-09 10:00", ""},
		{"2011-09-09T25:00:00", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := codeDate(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("%q → %v, want an error", tt.in, got)
		case tt.want != "" && (err != nil || !got.Equal(xmlDay(tt.want))):
			t.Errorf("%q → %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestCodeFileRef(t *testing.T) {
	tests := []struct {
		in, ref, filnavn string
		bad              bool
	}{
		{`dokumenter\5000000.pdf`, "dokumenter/5000000.pdf", "5000000.pdf", false},
		{`./dokumenter/a.pdf`, "dokumenter/a.pdf", "a.pdf", false},
		{`.\.\dokumenter\b.pdf`, "dokumenter/b.pdf", "b.pdf", false},
		{`dokumenter/a..b.pdf`, "dokumenter/a..b.pdf", "a..b.pdf", false},
		{`/etc/passwd`, "/etc/passwd", "passwd", true},
		{`C:\x\y.pdf`, `C:\x\y.pdf`, "y.pdf", true},
		{`dokumenter/../../z.pdf`, `dokumenter/../../z.pdf`, "z.pdf", true},
		{`file:///tmp/x.pdf`, `file:///tmp/x.pdf`, "x.pdf", true},
	}
	for _, tt := range tests {
		ref, filnavn, why := codeFileRef(tt.in)
		if ref != tt.ref || filnavn != tt.filnavn || (why != "") != tt.bad {
			t.Errorf("%q → %q %q %q", tt.in, ref, filnavn, why)
		}
	}
}

func TestCodeCaseNumbers(t *testing.T) {
	tests := []struct {
		in       string
		aar, seq int
	}{
		{"2012/123", 2012, 123},
		{" 24/5 ", 2024, 5},
		{"2012/123-4", 0, 0},
		{"mappe1", 0, 0},
	}
	for _, tt := range tests {
		aar, seq, ok := codeCaseNumbers(tt.in)
		if aar != tt.aar || seq != tt.seq || ok != (tt.aar != 0) {
			t.Errorf("%q → %d/%d %v", tt.in, aar, seq, ok)
		}
	}
}

func TestXMLMaskedPhrases(t *testing.T) {
	tests := []struct {
		tittel, offentlig string
		want              []string
	}{
		{"Søknad om barnehageplass til Ola Nordmann", "Søknad om barnehageplass til ***** *****", []string{"Ola", "Nordmann"}},
		{"Søknad fra Ola  Nordmann om tilskudd", "Søknad fra ***** ***** om tilskudd", []string{"Ola", "Nordmann"}},
		{"Ola Nordmann - klage", "***** - klage", []string{"Ola Nordmann"}},
		{"Sak om Kari", "Sak om **********", []string{"Kari"}},
		{"Helt annen tittel", "Søknad fra *****", nil},
		{"Søknad", "Søknad", nil},
	}
	for _, tt := range tests {
		got, ok := xmlMaskedPhrases(tt.tittel, tt.offentlig)
		if !slices.Equal(got, tt.want) || ok != (tt.want != nil) {
			t.Errorf("%q / %q → %q %v, want %q", tt.tittel, tt.offentlig, got, ok, tt.want)
		}
		// The public view masks the words found.
		if ok && len(offl.ScreenedWords(tt.tittel, offl.TitleScreen{Phrases: got}, false)) == 0 {
			t.Errorf("%q: nothing screened", tt.tittel)
		}
	}
}
