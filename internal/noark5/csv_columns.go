package noark5

import (
	"fmt"
	"sort"
	"strings"
)

// The header: the fields a column can give, their names, and finding the columns.

type csvField int

// The fields a column can give.
const (
	csvSaksnummer csvField = iota
	csvSaksaar
	csvSakssekvensnummer
	csvDokumentnummer
	csvJournalpostnummer
	csvJournalnummer
	csvJournalaar
	csvJournalsekvensnummer
	csvJournalposttype
	csvJournalstatus
	csvJournaldato
	csvDokumentdato
	csvMottattDato
	csvSendtDato
	csvForfallsdato
	csvTittel
	csvSakstittel
	csvSaksdato
	csvSaksansvarlig
	csvSaksstatus
	csvAvsender
	csvMottaker
	csvPart
	csvParttype
	csvEnhet
	csvEnhetskode
	csvEnhetsnavn
	csvJournalenhet
	csvSaksbehandler
	csvTilgangskode
	csvHjemmel
	csvSkjermingMetadata
	csvSkjermingDokument
	csvSystemID
	csvSaksmappeSystemID
	csvIgnored
	csvNumFields
)

// csvNames lists the header names of each field, the preferred first.
var csvNames = [csvNumFields][]string{
	csvSaksnummer:           {"saksnummer", "saksnr", "sak nr", "arkivsaksnummer", "arkivsaksnr", "mappeID"},
	csvSaksaar:              {"saksår", "sak år"},
	csvSakssekvensnummer:    {"sakssekvensnummer", "sakssekvensnr", "saksløpenummer"},
	csvDokumentnummer:       {"dokumentnummer", "dokumentnr", "dok nr"},
	csvJournalpostnummer:    {"journalpostnummer", "journalpostnr", "jpnr"},
	csvJournalnummer:        {"journalnummer", "journalnr", "jnr", "løpenummer", "løpenr"},
	csvJournalaar:           {"journalår"},
	csvJournalsekvensnummer: {"journalsekvensnummer", "journalsekvensnr", "sekvensnummer"},
	csvJournalposttype: {"journalposttype", "jp type", "type", "posttype",
		"dokumentretning", "retning", "I/U", "inn/ut"},
	csvJournalstatus: {"journalstatus", "journalpoststatus", "jp status"},
	csvJournaldato: {"journaldato", "journalført dato", "journalføringsdato", "registrert dato",
		"registreringsdato", "dato", "jdato"},
	csvDokumentdato: {"dokumentdato", "dokumentets dato", "brevdato", "dokdato", "datert"},
	csvMottattDato:  {"mottatt dato", "mottatt"},
	csvSendtDato:    {"sendt dato", "ekspedert dato", "ekspedert", "sendt"},
	csvForfallsdato: {"forfallsdato", "frist"},
	csvTittel: {"tittel", "innhold", "innhald", "journalposttittel", "dokumenttittel", "dokumentbeskrivelse",
		"beskrivelse", "emne", "offentlig tittel"},
	csvSakstittel: {"sakstittel", "saksmappetittel", "sakens tittel", "saksnavn",
		"sak tittel", "offentlig sakstittel"},
	csvSaksdato:      {"saksdato"},
	csvSaksansvarlig: {"saksansvarlig"},
	csvSaksstatus:    {"saksstatus"},
	csvAvsender:      {"avsender", "avsendar", "fra", "avsendernavn"},
	csvMottaker:      {"mottaker", "mottakar", "til", "mottakernavn"},
	csvPart: {"avsender/mottaker", "mottaker/avsender", "fra/til", "korrespondansepart",
		"korrespondansepartnavn"},
	csvParttype:   {"korrespondanseparttype", "parttype", "rolle"},
	csvEnhet:      {"enhet", "avdeling", "administrativ enhet", "adm enhet", "eining", "seksjon"},
	csvEnhetskode: {"enhetskode", "avdelingskode"},
	csvEnhetsnavn: {"enhetsnavn", "avdelingsnavn"},

	csvJournalenhet:  {"journalenhet"},
	csvSaksbehandler: {"saksbehandler", "sakshandsamar", "saksbeh", "behandler"},
	csvTilgangskode: {"tilgangskode", "tilgangsrestriksjon", "tilgang", "tgkode", "skjermingskode",
		"gradering"},
	csvHjemmel: {"hjemmel", "skjermingshjemmel", "paragraf", "lovhjemmel", "heimel", "unntakshjemmel",
		"skjerming"},
	csvSkjermingMetadata: {"skjermingmetadata", "skjermede felt"},
	csvSkjermingDokument: {"skjermingdokument", "dokumentskjerming"},
	csvSystemID:          {"systemid", "journalpost systemid", "jp systemid", "id", "journalpostid", "jpid"},
	csvSaksmappeSystemID: {"saksmappe systemid", "sak systemid", "saksmappeid", "sakssystemid"},
	csvIgnored:           {"dokumenter", "publisert dato", "antall vedlegg", "arkivkode", "klasse"},
}

// csvSynonym is where a folded header name leads.
type csvSynonym struct {
	field csvField
	rank  int
}

var csvSynonyms = func() map[string]csvSynonym {
	m := map[string]csvSynonym{}
	for f, names := range csvNames {
		for rank, n := range names {
			m[textFold(n)] = csvSynonym{csvField(f), rank}
		}
	}
	return m
}()

// csvRequired are the column sets the reader cannot do without: each needs
// one of its alternatives, an alternative all of its fields.
var csvRequired = []struct {
	what string
	any  [][]csvField
}{
	{"saksnummer", [][]csvField{{csvSaksnummer}, {csvDokumentnummer}, {csvSaksaar, csvSakssekvensnummer}}},
	{"journalpostnummer", [][]csvField{{csvJournalpostnummer}, {csvDokumentnummer}, {csvSaksnummer}}},
	{"journalsekvensnummer", [][]csvField{{csvJournalnummer}, {csvJournalsekvensnummer}}},
	{"tittel", [][]csvField{{csvTittel}}},
	{"journaldato", [][]csvField{{csvJournaldato}}},
	{"journalposttype", [][]csvField{{csvJournalposttype}, {csvAvsender}, {csvMottaker}, {csvParttype}}},
}

// csvSniff picks the separator the header line holds most of, ',' if
// none.
func csvSniff(head []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
		} else if c == '\n' && !quoted {
			break
		} else if !quoted {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// mapColumns finds each field's column and returns notes on the columns it
// ignores.
func (r *csvReader) mapColumns(header []string) []Problem {
	var notes []Problem
	note := func(format string, args ...any) {
		notes = append(notes, Problem{Pos: Pos{File: r.file, Line: 1}, Message: fmt.Sprintf(format, args...)})
	}
	rank := [csvNumFields]int{}
	for f := range r.index {
		r.index[f] = -1
	}
	for i, h := range header {
		h = textClean(h)
		key := textFold(h)
		if key == "" {
			continue // a trailing separator, or a column nobody named
		}
		r.need = i + 1
		syn, ok := csvSynonyms[key]
		switch {
		case !ok:
			note("column %q is not known; it is ignored", textShort(h))
		case syn.field == csvIgnored:
		case r.index[syn.field] < 0:
			r.index[syn.field], rank[syn.field] = i, syn.rank
		case syn.rank < rank[syn.field]:
			note("column %q is ignored: column %q gives the same", textShort(header[r.index[syn.field]]), textShort(h))
			r.index[syn.field], rank[syn.field] = i, syn.rank
		default:
			note("column %q is ignored: column %q gives the same", textShort(h), textShort(header[r.index[syn.field]]))
		}
	}
	return notes
}

// checkRequired returns a *ReadError naming the missing columns.
func (r *csvReader) checkRequired() error {
	var missing, accepted []string
	for _, req := range csvRequired {
		ok := false
		var alts []string
		for _, alt := range req.any {
			all := true
			var names []string
			for _, f := range alt {
				all = all && r.index[f] >= 0
				names = append(names, csvNames[f][0])
			}
			ok = ok || all
			alts = append(alts, strings.Join(names, " + "))
		}
		if ok {
			continue
		}
		missing = append(missing, fmt.Sprintf("%s (give %s)", req.what, strings.Join(alts, " or ")))
		for _, alt := range req.any {
			for _, f := range alt {
				accepted = append(accepted, fmt.Sprintf("%s: %s", csvNames[f][0], strings.Join(csvNames[f], ", ")))
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(accepted)
	accepted = csvCompact(accepted)
	return &ReadError{Pos{File: r.file, Line: 1}, fmt.Errorf("the header lacks required columns: %s. Accepted names: %s",
		strings.Join(missing, "; "), strings.Join(accepted, "; "))}
}

func csvCompact(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
