package offl

import (
	"fmt"
	"time"
)

// The full records below are Noark 5 shaped (LAW.md § 4). They live here, in
// the law package, because the public view is a pure function of them and
// this package imports nothing else of the project's: whoever holds a full
// record can compute its public view, and nothing else is needed to do so.
//
// Dates without a time of day (journaldato, saksdato …) are time.Time values
// at midnight UTC; the zero time means "not given".

// Saksmappe is a case file (Noark 5 mappe of type saksmappe).
type Saksmappe struct {
	ID                   string
	SystemID             string
	Saksaar              int
	Sakssekvensnummer    int
	Saksdato             time.Time
	Tittel               string
	AdministrativEnhetID string
	Saksansvarlig        string
	Saksstatus           string
	// Skjerming screens words of the case title; nil when nothing is screened.
	Skjerming *Skjerming
	// ApprovedNumbers: see Journalpost.ApprovedNumbers.
	ApprovedNumbers []string
}

// Saksnummer is the case number as people write it, e.g. "2024/123".
func (s Saksmappe) Saksnummer() string { return FormatSaksnummer(s.Saksaar, s.Sakssekvensnummer) }

// Journalpost is a journal entry (Noark 5 registrering of type journalpost)
// with everything that belongs to it.
type Journalpost struct {
	ID          string
	SystemID    string
	SaksmappeID string
	// Saksaar and Sakssekvensnummer are copied from the case for the saksnummer.
	Saksaar                  int
	Sakssekvensnummer        int
	Journalaar               int
	Journalsekvensnummer     int
	Journalpostnummer        int
	Journalposttype          Journalposttype
	Journalstatus            Journalstatus
	Tittel                   string
	Journaldato              time.Time
	DokumentetsDato          time.Time
	MottattDato              time.Time
	SendtDato                time.Time
	Forfallsdato             time.Time
	OffentlighetsvurdertDato time.Time
	Saksbehandler            string
	AdministrativEnhetID     string
	Journalenhet             string
	// AccessibleAfter hides the entry from the public until this instant.
	AccessibleAfter time.Time
	// PublisertDato is when the entry first became public; zero if never.
	PublisertDato       time.Time
	Korrespondansepart  []Korrespondansepart
	Dokumentbeskrivelse []Dokumentbeskrivelse
	// Skjerming is the exemption marked on the entry; nil when fully open.
	Skjerming *Skjerming
	// ApprovedNumbers are 11-digit numbers in the entry's texts that staff
	// have confirmed are not identity numbers (offentlegforskrifta § 7 d).
	ApprovedNumbers []string
}

// Saksnummer is the case number of the entry's case, e.g. "2024/123".
func (j Journalpost) Saksnummer() string {
	return FormatSaksnummer(j.Saksaar, j.Sakssekvensnummer)
}

// Korrespondansepart is a sender or recipient of an entry.
type Korrespondansepart struct {
	ID                     string
	Korrespondanseparttype Korrespondanseparttype
	Navn                   string
	// ErPerson is true for natural persons, whose names stop being
	// searchable a year after publication (offentlegforskrifta § 6).
	ErPerson               bool
	Organisasjonsnummer    string
	Postadresse            string
	Postnummer             string
	Poststed               string
	Epostadresse           string
	ErBehandlingsansvarlig bool
	AdministrativEnhet     string
	Saksbehandler          string
}

// Dokumentbeskrivelse describes one document of an entry.
type Dokumentbeskrivelse struct {
	ID                        string
	SystemID                  string
	Dokumentnummer            int
	TilknyttetRegistreringSom TilknyttetRegistreringSom
	Dokumenttype              string
	Tittel                    string
	Dokumentobjekt            []Dokumentobjekt
}

// Dokumentobjekt is one stored file (a version in a variant format).
type Dokumentobjekt struct {
	ID             string
	Versjonsnummer int
	Variantformat  Variantformat
	Format         string
	Filnavn        string
	MediaType      string
	// Sjekksum is the hex SHA-256 of the file.
	Sjekksum   string
	Storrelse  int64
	StorageKey string
	// TextStatus is how far text extraction got; IdentityNumbers are the
	// numbers it found in the text.
	TextStatus      TextStatus
	IdentityNumbers []string
	// ApprovedNumbers: see Journalpost.ApprovedNumbers.
	ApprovedNumbers []string
	// TextReviewed: staff let a file without readable text be published.
	TextReviewed bool
}

// TextStatus is how far text extraction got with a file.
type TextStatus string

// The text statuses.
const (
	TextPending     TextStatus = "pending"
	TextOK          TextStatus = "ok"
	TextNone        TextStatus = "no_text"
	TextEncrypted   TextStatus = "encrypted"
	TextFailed      TextStatus = "failed"
	TextUnsupported TextStatus = "unsupported"
)

// ParseTextStatus reads a text status.
func ParseTextStatus(s string) (TextStatus, error) {
	switch t := TextStatus(s); t {
	case TextPending, TextOK, TextNone, TextEncrypted, TextFailed, TextUnsupported:
		return t, nil
	}
	return "", fmt.Errorf("unknown text status %q", s)
}

// Skjerming is an exemption from public access marked on a record.
type Skjerming struct {
	// Tilgangsrestriksjon is the body's access code (Noark 5 M500), e.g. "UO".
	Tilgangsrestriksjon string
	// Skjermingshjemmel is the legal basis exactly as written (M501).
	Skjermingshjemmel string
	// Screens says which parts of the record are withheld.
	Screens Screens
	// OpphoererDato is when the skjerming lapses (M505); zero: never.
	OpphoererDato time.Time
	// Varighet is the skjerming's duration in years as staff gave it (M504);
	// OpphoererDato holds the instant it gives.
	Varighet int
	// Meirinnsyn is the assessment offl. § 11 requires for a discretionary
	// basis; nil for § 13, where it does not apply.
	Meirinnsyn *Meirinnsyn
}

// Meirinnsyn records that the body considered giving access although a
// discretionary exemption applies (offl. § 11): who, when, the outcome and
// why.
type Meirinnsyn struct {
	VurdertAv   string
	VurdertDato time.Time
	Utfall      MeirinnsynUtfall
	Begrunnelse string
}

// MeirinnsynUtfall is the outcome of a meirinnsyn assessment.
type MeirinnsynUtfall string

// The outcomes. Full access means there is nothing to screen: lift the
// skjerming instead.
const (
	// UnntakOpprettholdt: the exemption is kept in full.
	UnntakOpprettholdt MeirinnsynUtfall = "unntak_opprettholdt"
	// DelvisMeirinnsyn: part is released; the skjerming covers the rest.
	DelvisMeirinnsyn MeirinnsynUtfall = "delvis_meirinnsyn"
	// FulltMeirinnsyn: everything is released.
	FulltMeirinnsyn MeirinnsynUtfall = "fullt_meirinnsyn"
)

// Screens says which parts of a record a skjerming withholds.
type Screens struct {
	// AllMetadata withholds the whole title and every correspondent's name,
	// internal ones too (M502 for all fields).
	AllMetadata bool
	// Title withholds words of the title; see TitleScreen.
	Title TitleScreen
	// Names withholds the names of the external correspondents; internal
	// parties (the body's own units and staff) stay public.
	Names bool
	// Documents withholds documents; see DocumentScreen.
	Documents DocumentScreen
}

// TitleScreen selects the title words to withhold. Phrases are also
// withheld wherever else they occur in public text (document titles, names).
type TitleScreen struct {
	Whole   bool
	Phrases []string
	// Words are ranges of word positions, counted from 0.
	Words []WordRange
}

// WordRange is an inclusive range of word positions.
type WordRange struct {
	From int
	To   int
}

// DocumentScreen selects the documents to withhold (Noark 5 M503).
type DocumentScreen struct {
	// All withholds every document of the entry.
	All bool
	// IDs withholds the listed dokumentbeskrivelse IDs.
	IDs []string
	// PartsOnly means only parts of the documents are exempt (M503 "D"):
	// the documents are listed and only their redacted public variant (O)
	// may be downloaded.
	PartsOnly bool
}

// Screened reports whether the skjerming withholds the given document.
func (d DocumentScreen) Screened(id string) bool {
	if d.All {
		return true
	}
	for _, x := range d.IDs {
		if x == id {
			return true
		}
	}
	return false
}
