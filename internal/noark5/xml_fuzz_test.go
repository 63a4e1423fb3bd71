package noark5

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// xmlFuzzSeeds adds the project's fixtures and, where present, the shared
// samples whose names end in suffix.
func xmlFuzzSeeds(f *testing.F, sampleName string, fixtures ...string) {
	for _, name := range fixtures {
		b, err := os.ReadFile(filepath.Join("testdata", "xml", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	dirs, _ := os.ReadDir(xmlSamples)
	for _, d := range dirs {
		if b, err := os.ReadFile(filepath.Join(xmlSamples, d.Name(), sampleName)); err == nil {
			f.Add(b)
		}
	}
}

// xmlFuzzRead checks what must hold for any input: Next never panics, ends
// with io.EOF or a *ReadError that stays, and every mappe that is not
// broken validates.
func xmlFuzzRead(t *testing.T, r Reader) {
	for range 100_000 {
		m, err := r.Next()
		if err == io.EOF {
			if _, err := r.Next(); err != io.EOF {
				t.Fatalf("after io.EOF, Next returned %v", err)
			}
			return
		}
		if err != nil {
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("Next returned %T %v, want a *ReadError", err, err)
			}
			if _, err2 := r.Next(); err2 != err {
				t.Fatalf("after %v, Next returned %v", err, err2)
			}
			return
		}
		if err := xmlValidate(m); err != nil {
			t.Fatalf("mappe at %v is not broken but does not validate: %v", m.Pos, err)
		}
		for _, f := range m.Files {
			if f.JournalpostSystemID == "" || f.DokumentSystemID == "" || f.Ref == "" {
				t.Fatalf("file without its keys: %+v", f)
			}
		}
	}
	t.Fatal("Next did not end")
}

func FuzzArkivstruktur(f *testing.F) {
	xmlFuzzSeeds(f, "arkivstruktur.xml", "v31-no-xsitype.xml", "v50-xsitype.xml", "v55-part.xml",
		"moete-undermappe.xml", "broken-then-good.xml", "malformed.xml")
	// Small documents mutate faster than the samples.
	f.Add([]byte(xmlDoc(xmlCase(2024, 1, xmlJournalpost("j", 1,
		"<skjerming><skjermingMetadata>TR1, NA</skjermingMetadata><skjermingDokument>D</skjermingDokument></skjerming>",
		"Søknad fra Ola Nordmann", "Søknad fra ***** *****")))))
	f.Add([]byte(xmlDoc(`<mappe><mappeID>2020/1</mappeID><mappe xsi:type="moetemappe"/><registrering xsi:type="arkivnotat">` +
		`<journalaar>2020</journalaar><journalsekvensnummer>1</journalsekvensnummer><journalpostnummer>1</journalpostnummer>` +
		`<part><partNavn>A</partNavn><partRolle>EA</partRolle></part></registrering></mappe>`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		xmlFuzzRead(t, NewArkivstruktur(bytes.NewReader(data), "fuzz.xml"))
	})
}

func FuzzOffentligJournal(f *testing.F) {
	xmlFuzzSeeds(f, "offentligJournal.xml", "offentligjournal.xml")
	f.Add([]byte(`<offentligJournal><journalregistrering><saksmappe><saksaar>2024</saksaar><sakssekvensnummer>1</sakssekvensnummer>` +
		`</saksmappe><journalpost><systemID>a</systemID><journalaar>2024</journalaar><journalsekvensnummer>1</journalsekvensnummer>` +
		`<journalpostnummer>1</journalpostnummer><offentligTittel>T *****</offentligTittel><skjermingMetadata>NA</skjermingMetadata>` +
		`<journaldato>2024-01-01</journaldato><korrespondansepart><korrespondanseparttype>EA</korrespondanseparttype>` +
		`<korrespondansepartNavn>*****</korrespondansepartNavn></korrespondansepart></journalpost></journalregistrering></offentligJournal>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		xmlFuzzRead(t, NewOffentligJournal(bytes.NewReader(data), "fuzz.xml"))
	})
}
