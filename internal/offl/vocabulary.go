package offl

import "fmt"

// A codeList maps Noark 5 codes (stored in the database) to the names
// eInnsyn uses on the wire (LAW.md § 4 and § 5). Both directions are
// derived from one table so that they cannot drift apart.
type codeList struct {
	name   string
	codes  []string
	byCode map[string]string
	byName map[string]string
}

func newCodeList(name string, pairs ...[2]string) codeList {
	l := codeList{name: name, byCode: map[string]string{}, byName: map[string]string{}}
	for _, p := range pairs {
		l.codes = append(l.codes, p[0])
		l.byCode[p[0]] = p[1]
		l.byName[p[1]] = p[0]
	}
	return l
}

// wireName returns the eInnsyn name of a Noark code, or "" if unknown.
func (l codeList) wireName(code string) string { return l.byCode[code] }

// parse accepts either the Noark code or the eInnsyn name.
func (l codeList) parse(s string) (string, error) {
	if _, ok := l.byCode[s]; ok {
		return s, nil
	}
	if code, ok := l.byName[s]; ok {
		return code, nil
	}
	return "", fmt.Errorf("unknown %s %q", l.name, s)
}

// wireNames lists the eInnsyn names in table order, for enums in the spec.
func (l codeList) wireNames() []string {
	names := make([]string, len(l.codes))
	for i, c := range l.codes {
		names[i] = l.byCode[c]
	}
	return names
}

// Journalposttype is Noark 5 M082, stored as its one-letter code.
type Journalposttype string

// The journalposttypes of Noark 5 M082.
const (
	Inngaaende                  Journalposttype = "I"
	Utgaaende                   Journalposttype = "U"
	OrganinterntForOppfoelging  Journalposttype = "N"
	OrganinterntUtenOppfoelging Journalposttype = "X"
	Saksframlegg                Journalposttype = "S"
)

var journalposttypes = newCodeList("journalposttype",
	[2]string{"I", "inngaaende_dokument"},
	[2]string{"U", "utgaaende_dokument"},
	[2]string{"N", "organinternt_dokument_for_oppfoelging"},
	[2]string{"X", "organinternt_dokument_uten_oppfoelging"},
	[2]string{"S", "saksframlegg"},
)

// WireName is the eInnsyn name, e.g. "inngaaende_dokument".
func (t Journalposttype) WireName() string { return journalposttypes.wireName(string(t)) }

// ParseJournalposttype accepts a Noark code ("I") or an eInnsyn name.
func ParseJournalposttype(s string) (Journalposttype, error) {
	c, err := journalposttypes.parse(s)
	return Journalposttype(c), err
}

// JournalposttypeNames lists the eInnsyn names, for enums in the API spec.
func JournalposttypeNames() []string { return journalposttypes.wireNames() }

// Journalstatus is Noark 5 M053, stored as its one-letter code.
type Journalstatus string

// The journalstatuses of Noark 5 M053.
const (
	Journalfoert              Journalstatus = "J"
	Ferdigstilt               Journalstatus = "F"
	Godkjent                  Journalstatus = "G"
	Ekspedert                 Journalstatus = "E"
	Arkivert                  Journalstatus = "A"
	Utgaar                    Journalstatus = "U"
	Midlertidig               Journalstatus = "M"
	RegistrertAvSaksbehandler Journalstatus = "S"
	Reservert                 Journalstatus = "R"
)

var journalstatuses = newCodeList("journalstatus",
	[2]string{"J", "journalfoert"},
	[2]string{"F", "ferdigstilt_fra_saksbehandler"},
	[2]string{"G", "godkjent_av_leder"},
	[2]string{"E", "ekspedert"},
	[2]string{"A", "arkivert"},
	[2]string{"U", "utgaar"},
	[2]string{"M", "midlertidig_registrering"},
	[2]string{"S", "registrert_av_saksbehandler"},
	[2]string{"R", "reservert_dokument"},
)

// WireName is the name used on the staff API, e.g. "journalfoert".
func (s Journalstatus) WireName() string { return journalstatuses.wireName(string(s)) }

// ParseJournalstatus accepts a Noark code ("J") or a wire name.
func ParseJournalstatus(s string) (Journalstatus, error) {
	c, err := journalstatuses.parse(s)
	return Journalstatus(c), err
}

// JournalstatusNames lists the wire names, for enums in the API spec.
func JournalstatusNames() []string { return journalstatuses.wireNames() }

// Korrespondanseparttype is Noark 5 M087.
type Korrespondanseparttype string

// The korrespondanseparttypes of Noark 5 M087.
const (
	Avsender           Korrespondanseparttype = "EA"
	Mottaker           Korrespondanseparttype = "EM"
	Kopimottaker       Korrespondanseparttype = "EK"
	Gruppemottaker     Korrespondanseparttype = "GM"
	InternAvsender     Korrespondanseparttype = "IA"
	InternMottaker     Korrespondanseparttype = "IM"
	InternKopimottaker Korrespondanseparttype = "IK"
	Medavsender        Korrespondanseparttype = "IS"
)

var korrespondanseparttypes = newCodeList("korrespondanseparttype",
	[2]string{"EA", "avsender"},
	[2]string{"EM", "mottaker"},
	[2]string{"EK", "kopimottaker"},
	[2]string{"GM", "gruppemottaker"},
	[2]string{"IA", "intern_avsender"},
	[2]string{"IM", "intern_mottaker"},
	[2]string{"IK", "intern_kopimottaker"},
	[2]string{"IS", "medavsender"},
)

// WireName is the eInnsyn name, e.g. "avsender".
func (t Korrespondanseparttype) WireName() string {
	return korrespondanseparttypes.wireName(string(t))
}

// ParseKorrespondanseparttype accepts a Noark code ("EA") or an eInnsyn name.
func ParseKorrespondanseparttype(s string) (Korrespondanseparttype, error) {
	c, err := korrespondanseparttypes.parse(s)
	return Korrespondanseparttype(c), err
}

// Internal reports whether the party is the body itself (an internal
// sender or recipient: a unit or an employee acting for the body).
func (t Korrespondanseparttype) Internal() bool {
	switch t {
	case InternAvsender, InternMottaker, InternKopimottaker, Medavsender:
		return true
	}
	return false
}

// KorrespondanseparttypeNames lists the eInnsyn names.
func KorrespondanseparttypeNames() []string { return korrespondanseparttypes.wireNames() }

// TilknyttetRegistreringSom is Noark 5 M217: main document or attachment.
type TilknyttetRegistreringSom string

// The roles a document has in its entry.
const (
	Hoveddokument TilknyttetRegistreringSom = "H"
	Vedlegg       TilknyttetRegistreringSom = "V"
)

var tilknytninger = newCodeList("tilknyttetRegistreringSom",
	[2]string{"H", "hoveddokument"},
	[2]string{"V", "vedlegg"},
)

// WireName is the eInnsyn name, e.g. "hoveddokument".
func (t TilknyttetRegistreringSom) WireName() string { return tilknytninger.wireName(string(t)) }

// ParseTilknyttetRegistreringSom accepts a code ("H") or a wire name.
func ParseTilknyttetRegistreringSom(s string) (TilknyttetRegistreringSom, error) {
	c, err := tilknytninger.parse(s)
	return TilknyttetRegistreringSom(c), err
}

// TilknyttetRegistreringSomNames lists the wire names.
func TilknyttetRegistreringSomNames() []string { return tilknytninger.wireNames() }

// Variantformat is Noark 5 M700.
type Variantformat string

// The variant formats of a document file.
const (
	Produksjonsformat Variantformat = "P"
	Arkivformat       Variantformat = "A"
	// OffentligVariant is the redacted copy in which screened parts are removed.
	OffentligVariant Variantformat = "O"
)

var variantformater = newCodeList("variantformat",
	[2]string{"P", "produksjonsformat"},
	[2]string{"A", "arkivformat"},
	[2]string{"O", "offentlig_variant"},
)

// WireName is the wire name, e.g. "arkivformat".
func (v Variantformat) WireName() string { return variantformater.wireName(string(v)) }

// ParseVariantformat accepts a code ("A") or a wire name.
func ParseVariantformat(s string) (Variantformat, error) {
	c, err := variantformater.parse(s)
	return Variantformat(c), err
}

// VariantformatNames lists the wire names.
func VariantformatNames() []string { return variantformater.wireNames() }
