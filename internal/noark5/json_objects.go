package noark5

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/innsyn/innsyn/internal/journal"
)

// The JSON objects as they are decoded, before they are checked.

// jsonObject holds the fields of a journalpost or saksmappe that are read.
type jsonObject struct {
	Entity     string `json:"entity"`
	ID         string `json:"id"`
	SystemID   string `json:"systemId"`
	ExternalID string `json:"externalId"`

	Journalaar               jsonInt                  `json:"journalaar"`
	Journalsekvensnummer     jsonInt                  `json:"journalsekvensnummer"`
	Journalpostnummer        jsonInt                  `json:"journalpostnummer"`
	Journalposttype          string                   `json:"journalposttype"`
	Journalstatus            string                   `json:"journalstatus"`
	Tittel                   string                   `json:"tittel"`
	OffentligTittel          string                   `json:"offentligTittel"`
	OffentligTittelSensitiv  string                   `json:"offentligTittelSensitiv"`
	Journaldato              string                   `json:"journaldato"`
	DokumentetsDato          string                   `json:"dokumentetsDato"`
	MottattDato              string                   `json:"mottattDato"`
	SendtDato                string                   `json:"sendtDato"`
	Forfallsdato             string                   `json:"forfallsdato"`
	OffentlighetsvurdertDato string                   `json:"offentlighetsvurdertDato"`
	AccessibleAfter          string                   `json:"accessibleAfter"`
	Saksbehandler            string                   `json:"saksbehandler"`
	Journalenhet             string                   `json:"journalenhet"`
	Saksmappe                *jsonSaksmappeRef        `json:"saksmappe"`
	AdministrativEnhet       *jsonEnhet               `json:"administrativEnhet"`
	AdministrativEnhetObjekt *jsonEnhet               `json:"administrativEnhetObjekt"`
	Korrespondansepart       []jsonKorrespondansepart `json:"korrespondansepart"`
	Dokumentbeskrivelse      []jsonDokument           `json:"dokumentbeskrivelse"`
	Skjerming                *jsonSkjerming           `json:"skjerming"`

	Saksaar           jsonInt           `json:"saksaar"`
	Sakssekvensnummer jsonInt           `json:"sakssekvensnummer"`
	Saksnummer        string            `json:"saksnummer"`
	Saksdato          string            `json:"saksdato"`
	Saksansvarlig     string            `json:"saksansvarlig"`
	Saksstatus        string            `json:"saksstatus"`
	Journalpost       []json.RawMessage `json:"journalpost"`
}

func (o *jsonObject) isJournalpost() bool {
	return o.Journalaar.set || o.Journalsekvensnummer.set || o.Journalpostnummer.set || o.Journalposttype != "" ||
		o.Saksmappe != nil
}

func (o *jsonObject) isSaksmappe() bool {
	return o.Saksaar.set || o.Sakssekvensnummer.set || o.Saksnummer != ""
}

// key is the record's SystemID as the export gives it.
func (o *jsonObject) key() string { return jsonFirst(o.SystemID, o.ExternalID, o.ID) }

func (o *jsonObject) title() string {
	return textClean(jsonFirst(o.Tittel, o.OffentligTittelSensitiv, o.OffentligTittel))
}

func (o *jsonObject) enhet() []journal.EnhetInput {
	if e := o.AdministrativEnhet.enhet(); len(e) > 0 {
		return e
	}
	return o.AdministrativEnhetObjekt.enhet()
}

func jsonFirst(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// jsonInt is a whole number, also when written as a string.
type jsonInt struct {
	n   int
	set bool
}

func (i *jsonInt) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || len(s) > 10 {
		return fmt.Errorf("%s is not a whole number", textShort(string(b)))
	}
	i.n, i.set = n, true
	return nil
}

// jsonString is a string, or a list of strings joined with spaces.
type jsonString struct{ s string }

func (j *jsonString) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), "[") {
		var l []string
		if err := json.Unmarshal(b, &l); err != nil {
			return err
		}
		j.s = strings.Join(l, " ")
		return nil
	}
	return json.Unmarshal(b, &j.s)
}

// jsonSaksmappeRef is a journalpost's saksmappe: an object or an id.
type jsonSaksmappeRef struct {
	obj *jsonObject
	id  string
}

func (r *jsonSaksmappeRef) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), `"`) {
		return json.Unmarshal(b, &r.id)
	}
	if string(b) == "null" {
		return nil
	}
	r.obj = new(jsonObject)
	return json.Unmarshal(b, r.obj)
}

// jsonEnhet is an administrative unit: a kode, or an object.
type jsonEnhet struct {
	ID         string `json:"id"`
	Kode       string `json:"kode"`
	Enhetskode string `json:"enhetskode"`
	Navn       string `json:"navn"`
}

func (e *jsonEnhet) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), `"`) {
		return json.Unmarshal(b, &e.Kode)
	}
	type plain jsonEnhet
	return json.Unmarshal(b, (*plain)(e))
}

// enhet returns the unit as an EnhetInput, none when it names nothing.
func (e *jsonEnhet) enhet() []journal.EnhetInput {
	if e == nil {
		return nil
	}
	kode := textClean(jsonFirst(e.Enhetskode, e.Kode, e.Navn, e.ID))
	if kode == "" {
		return nil
	}
	return []journal.EnhetInput{{Kode: kode, Navn: textClean(jsonFirst(e.Navn, kode))}}
}

type jsonKorrespondansepart struct {
	ref                            string
	Korrespondanseparttype         string     `json:"korrespondanseparttype"`
	KorrespondansepartNavn         string     `json:"korrespondansepartNavn"`
	KorrespondansepartNavnSensitiv string     `json:"korrespondansepartNavnSensitiv"`
	Navn                           string     `json:"navn"`
	ErBehandlingsansvarlig         bool       `json:"erBehandlingsansvarlig"`
	ErPerson                       *bool      `json:"erPerson"`
	Organisasjonsnummer            string     `json:"organisasjonsnummer"`
	AdministrativEnhet             *jsonEnhet `json:"administrativEnhet"`
	Saksbehandler                  string     `json:"saksbehandler"`
}

func (p *jsonKorrespondansepart) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), `"`) {
		return json.Unmarshal(b, &p.ref)
	}
	type plain jsonKorrespondansepart
	return json.Unmarshal(b, (*plain)(p))
}

type jsonDokument struct {
	ref                       string
	ID                        string               `json:"id"`
	SystemID                  string               `json:"systemId"`
	ExternalID                string               `json:"externalId"`
	Dokumentnummer            jsonInt              `json:"dokumentnummer"`
	TilknyttetRegistreringSom string               `json:"tilknyttetRegistreringSom"`
	Dokumenttype              string               `json:"dokumenttype"`
	Tittel                    string               `json:"tittel"`
	TittelSensitiv            string               `json:"tittelSensitiv"`
	Dokumentobjekt            []jsonDokumentobjekt `json:"dokumentobjekt"`
}

func (d *jsonDokument) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), `"`) {
		return json.Unmarshal(b, &d.ref)
	}
	type plain jsonDokument
	return json.Unmarshal(b, (*plain)(d))
}

func (d *jsonDokument) key() string { return jsonFirst(d.SystemID, d.ExternalID, d.ID) }

type jsonDokumentobjekt struct {
	Versjonsnummer       jsonInt `json:"versjonsnummer"`
	Variantformat        string  `json:"variantformat"`
	Format               string  `json:"format"`
	Filnavn              string  `json:"filnavn"`
	ReferanseDokumentfil string  `json:"referanseDokumentfil"`
	Sjekksum             string  `json:"sjekksum"`
	SjekksumAlgoritme    string  `json:"sjekksumAlgoritme"`
}

type jsonSkjerming struct {
	ref                    string
	Tilgangsrestriksjon    string     `json:"tilgangsrestriksjon"`
	Skjermingshjemmel      string     `json:"skjermingshjemmel"`
	SkjermingMetadata      jsonString `json:"skjermingMetadata"`
	SkjermingDokument      string     `json:"skjermingDokument"`
	SkjermingOpphoererDato string     `json:"skjermingOpphoererDato"`
	Skjermingsvarighet     jsonInt    `json:"skjermingsvarighet"`
}

func (s *jsonSkjerming) UnmarshalJSON(b []byte) error {
	if strings.HasPrefix(string(b), `"`) {
		return json.Unmarshal(b, &s.ref)
	}
	type plain jsonSkjerming
	return json.Unmarshal(b, (*plain)(s))
}
