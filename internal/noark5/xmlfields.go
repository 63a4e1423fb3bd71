package noark5

import "time"

// Fields the XML builders read, limits on their values, and number and date parsing.

var (
	xmlMappeFields = xmlSet("systemID", "mappeID", "tittel", "offentligTittel", "saksaar", "sakssekvensnummer",
		"saksdato", "administrativEnhet", "saksansvarlig", "saksstatus")
	xmlRegFields = xmlSet("systemID", "tittel", "offentligTittel", "journalaar", "journalsekvensnummer",
		"journalpostnummer", "journalposttype", "journalstatus", "journaldato", "dokumentetsDato", "mottattDato",
		"sendtDato", "forfallsdato", "offentlighetsvurdertDato", "opprettetDato", "saksbehandler", "journalenhet",
		"administrativEnhet")
	xmlDokFields = xmlSet("systemID", "dokumentnummer", "tilknyttetRegistreringSom", "dokumenttype", "tittel")
	xmlObjFields = xmlSet("versjonsnummer", "variantformat", "format", "referanseDokumentfil", "sjekksum",
		"sjekksumAlgoritme")
	xmlKorrFields = xmlSet("korrespondanseparttype", "korrespondansepartNavn", "navn", "personNavn", "postadresse",
		"postnummer", "poststed", "epostadresse", "organisasjonsnummer", "administrativEnhet", "saksbehandler",
		"foedselsnummer", "dNummer", "personidentifikator")
	xmlPartFields = xmlSet("partNavn", "partRolle", "sakspartNavn", "sakspartRolle", "postadresse", "postnummer",
		"poststed", "epostadresse")
	xmlSkjFields = xmlSet("tilgangsrestriksjon", "skjermingshjemmel", "skjermingMetadata", "skjermingDokument",
		"skjermingsvarighet", "skjermingOpphoererDato")
)

func xmlSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// xmlLeafChild sets the kind of a child of a korrespondansepart, part,
// skjerming or dokumentobjekt: the fields they hold.
func xmlLeafChild(parent, f *xmlFrame) {
	var fields map[string]bool
	switch parent.kind {
	case xkObj:
		fields = xmlObjFields
	case xkKorr:
		fields = xmlKorrFields
	case xkPart:
		fields = xmlPartFields
	case xkSkj:
		fields = xmlSkjFields
	}
	if fields[f.name] {
		f.kind = xkField
	}
}

// Limits of the journal's tables that journal.Batch.Validate does not
// check; a value past them would fail the whole load.
const (
	xmlMaxEnhetKode    = 50  // enhet.kode
	xmlMaxTilgangskode = 20  // skjerming.tilgangsrestriksjon
	xmlMaxHjemmel      = 500 // skjerming.skjermingshjemmel
	xmlMaxFilnavn      = 255 // dokumentobjekt.filnavn
)

// xmlNumber reads a whole number; "" is missing (0). ok is false for one
// that is not a number, which the caller reports; it reads as missing.
func xmlNumber(v string) (int, bool) {
	if v == "" {
		return 0, true
	}
	n, err := codeInt(v)
	if err != nil {
		return 0, false
	}
	return n, true
}

// date reads an optional date; one that is not a date is a Problem and
// reads as missing.
func (e *xmlEngine) date(v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	d, err := codeDate(v)
	if err != nil {
		e.problem(v, "not a date; read as missing", false)
	}
	return d
}

// xmlSetField gives the builder obj, the record a field sits in, the
// field's value.
func xmlSetField(e *xmlEngine, obj any, name, v string) {
	switch b := obj.(type) {
	case *xmlMappeB:
		b.set(e, name, v)
	case *xmlRegB:
		b.set(e, name, v)
	case *xmlDokB:
		b.set(e, name, v)
	case *xmlObjB:
		b.set(name, v)
	case *xmlKorrB:
		b.set(name, v)
	case *xmlPartB:
		b.set(name, v)
	case *xmlSkjB:
		b.set(e, name, v)
	}
}
