package noark5

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Reading one row: its case, its journal entry, its parties and its skjerming.

// csvRow is one row as read.
type csvRow struct{ textItem }

// csvValues are a row's fields by meaning.
type csvValues [csvNumFields]string

// parse reads one row.
func (r *csvReader) parse(rec []string, line int) csvRow {
	row := csvRow{textItem{line: line, entry: true}}
	if !csvNonBlank(rec) {
		row.blank = true
		return row
	}
	if len(rec) < r.need {
		row.err = fmt.Errorf("the row has %d fields, the header %d", len(rec), r.header)
		return row
	}
	if len(rec) > r.header && csvNonBlank(rec[r.header:]) {
		row.err = fmt.Errorf("the row has %d fields, the header %d", len(rec), r.header)
		return row
	}
	var v csvValues
	for f, i := range r.index {
		if i < 0 {
			continue
		}
		if textTooLong(rec[i]) {
			row.err, row.value = fmt.Errorf("%s is longer than %d characters", csvNames[f][0], MaxTextLength), rec[i]
			return row
		}
		v[f] = csvUnprotect(textClean(rec[i]))
	}
	if err := row.readCase(&v); err != nil {
		row.err = err
		return row
	}
	row.err = row.readEntry(&v, r.index[csvJournalposttype] >= 0, r.file)
	return row
}

func csvNonBlank(s []string) bool {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return true
		}
	}
	return false
}

// csvUnprotect drops the apostrophe a spreadsheet-safe export puts before
// a text that starts with = + or @.
func csvUnprotect(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+@", rune(s[1])) {
		return s[1:]
	}
	return s
}

// readCase reads the row's case and sets its aliases; an error leaves the
// row without a case.
func (row *csvRow) readCase(v *csvValues) error {
	var aar, seq, jpnr int
	if s := v[csvSaksnummer]; s != "" {
		n, err := textParseSaksnummer(s)
		if err != nil {
			return row.fail(s, "saksnummer: %v", err)
		}
		aar, seq, jpnr = n.Saksaar, n.Sakssekvensnummer, n.Journalpostnummer
	}
	if s := v[csvDokumentnummer]; strings.Contains(s, "/") {
		n, err := textParseSaksnummer(s)
		if err != nil {
			return row.fail(s, "dokumentnummer: %v", err)
		}
		if err := errors.Join(textSet(&aar, n.Saksaar, "saksår"), textSet(&seq, n.Sakssekvensnummer, "sakssekvensnummer"),
			textSet(&jpnr, n.Journalpostnummer, "journalpostnummer")); err != nil {
			return row.fail(s, "saksnummer and dokumentnummer: %v", err)
		}
	}
	if s := v[csvSaksaar]; s != "" {
		y, err := csvParseYear(s)
		if err == nil {
			err = textSet(&aar, y, "saksår")
		}
		if err != nil {
			return row.fail(s, "saksår: %v", err)
		}
	}
	if s := v[csvSakssekvensnummer]; s != "" {
		n, err := textParseInt(s)
		if err == nil {
			err = textSet(&seq, n, "sakssekvensnummer")
		}
		if err != nil {
			return row.fail(s, "sakssekvensnummer: %v", err)
		}
	}
	if aar == 0 || seq == 0 {
		return row.fail("", "the row gives no saksnummer")
	}
	row.jp.Journalpost.Journalpostnummer = jpnr
	systemID := v[csvSaksmappeSystemID]
	if systemID == "" {
		systemID = fmt.Sprintf("csv:sak:%d/%d", aar, seq)
	}
	row.aliases = []string{systemID}
	row.sak = journal.SaksmappeInput{Saksmappe: offl.Saksmappe{SystemID: systemID, Saksaar: aar, Sakssekvensnummer: seq,
		Tittel: v[csvSakstittel], Saksansvarlig: v[csvSaksansvarlig], Saksstatus: v[csvSaksstatus]}}
	if s := v[csvSaksdato]; s != "" {
		d, err := textParseDate(s)
		if err != nil {
			return row.fail(s, "saksdato: %v", err)
		}
		row.sak.Saksmappe.Saksdato = d
	}
	return nil
}

// csvParseYear reads a year of four digits, or two (textYear).
func csvParseYear(s string) (int, error) {
	n, err := textParseInt(s)
	switch {
	case err != nil:
		return 0, err
	case len(s) == 2:
		return textYear(n), nil
	case len(s) != 4:
		return 0, fmt.Errorf("%q is not a year", s)
	}
	return n, nil
}

// readEntry reads the row's journal entry; its case is read.
func (row *csvRow) readEntry(v *csvValues, typeColumn bool, file string) error {
	jp := &row.jp.Journalpost
	if err := row.readNumbers(v); err != nil {
		return err
	}
	dates := []struct {
		f   csvField
		dst *time.Time
	}{{csvJournaldato, &jp.Journaldato}, {csvDokumentdato, &jp.DokumentetsDato}, {csvMottattDato, &jp.MottattDato},
		{csvSendtDato, &jp.SendtDato}, {csvForfallsdato, &jp.Forfallsdato}}
	for _, d := range dates {
		if s := v[d.f]; s != "" {
			t, err := textParseDate(s)
			if err != nil {
				return row.fail(s, "%s: %v", csvNames[d.f][0], err)
			}
			*d.dst = t
		}
	}
	if jp.Journaldato.IsZero() {
		return row.fail("", "the row has no journaldato")
	}
	if jp.Journalaar == 0 {
		jp.Journalaar = jp.Journaldato.Year()
	}
	if err := row.readType(v, typeColumn); err != nil {
		return err
	}
	jp.Journalstatus = offl.Journalfoert
	if s := v[csvJournalstatus]; s != "" {
		c, ok := textJournalstatuser.parse(s)
		if !ok {
			return row.fail(s, "journalstatus %q is not J, F, G, E, A, U, M, S or R", s)
		}
		jp.Journalstatus = offl.Journalstatus(c)
	}
	jp.Tittel, jp.Saksbehandler, jp.Journalenhet = v[csvTittel], v[csvSaksbehandler], v[csvJournalenhet]
	jp.SystemID = v[csvSystemID]
	if jp.SystemID == "" {
		jp.SystemID = fmt.Sprintf("csv:%d/%d", jp.Journalaar, jp.Journalsekvensnummer)
	}
	row.readEnhet(v)
	if err := row.readParties(v); err != nil {
		return err
	}
	screens, note := textScreens(v[csvSkjermingMetadata], v[csvSkjermingDokument])
	sk, err := textSkjerming(v[csvTilgangskode], v[csvHjemmel], screens)
	if err != nil {
		return row.fail("", "%v", err)
	}
	if sk != nil && note != "" {
		row.notes = append(row.notes, Problem{Pos: Pos{File: file, Line: row.line}, Message: note})
	}
	jp.Skjerming = sk
	if err := textCheck(row.enheter, row.sak, &row.jp); err != nil {
		return row.fail("", "%v", err)
	}
	return nil
}

// readNumbers reads journalpostnummer, journalår and journalsekvensnummer.
func (row *csvRow) readNumbers(v *csvValues) error {
	jp := &row.jp.Journalpost
	if s := v[csvDokumentnummer]; s != "" && !strings.Contains(s, "/") {
		n, err := textParseInt(s)
		if err == nil {
			err = textSet(&jp.Journalpostnummer, n, "journalpostnummer")
		}
		if err != nil {
			return row.fail(s, "dokumentnummer: %v", err)
		}
	}
	if s := v[csvJournalpostnummer]; s != "" {
		n, err := textParseInt(s)
		if err == nil {
			err = textSet(&jp.Journalpostnummer, n, "journalpostnummer")
		}
		if err != nil {
			return row.fail(s, "journalpostnummer: %v", err)
		}
	}
	if jp.Journalpostnummer == 0 {
		return row.fail(v[csvSaksnummer], "the row gives no journalpostnummer (as a column, or as 2024/123-4)")
	}
	if s := v[csvJournalnummer]; s != "" {
		y, n, err := textParseJournalnummer(s)
		if err == nil {
			err = errors.Join(textSet(&jp.Journalaar, y, "journalår"), textSet(&jp.Journalsekvensnummer, n, "journalsekvensnummer"))
		}
		if err != nil {
			return row.fail(s, "journalnummer: %v", err)
		}
	}
	if s := v[csvJournalaar]; s != "" {
		y, err := csvParseYear(s)
		if err == nil {
			err = textSet(&jp.Journalaar, y, "journalår")
		}
		if err != nil {
			return row.fail(s, "journalår: %v", err)
		}
	}
	if s := v[csvJournalsekvensnummer]; s != "" {
		n, err := textParseInt(s)
		if err == nil {
			err = textSet(&jp.Journalsekvensnummer, n, "journalsekvensnummer")
		}
		if err != nil {
			return row.fail(s, "journalsekvensnummer: %v", err)
		}
	}
	if jp.Journalsekvensnummer == 0 {
		return row.fail("", "the row gives no journalsekvensnummer")
	}
	return nil
}

// readType reads the journalposttype, or without its column infers it.
func (row *csvRow) readType(v *csvValues, typeColumn bool) error {
	jp := &row.jp.Journalpost
	if typeColumn {
		s := v[csvJournalposttype]
		c, ok := textJournalposttyper.parse(s)
		if !ok {
			return row.fail(s, "journalposttype %q is not I, U, N, X or S", s)
		}
		jp.Journalposttype = offl.Journalposttype(c)
		return nil
	}
	from, to := v[csvAvsender] != "", v[csvMottaker] != ""
	t, _ := textParttyper.parse(v[csvParttype])
	switch {
	case from && !to, !from && !to && t == string(offl.Avsender):
		jp.Journalposttype = offl.Inngaaende
	case to && !from, !from && !to && t == string(offl.Mottaker):
		jp.Journalposttype = offl.Utgaaende
	default:
		return row.fail("", "there is no journalposttype column, and the row does not show whether the entry is incoming (only an avsender) or outgoing (only a mottaker)")
	}
	return nil
}

func (row *csvRow) readEnhet(v *csvValues) {
	first := func(fs ...csvField) string {
		for _, f := range fs {
			if v[f] != "" {
				return v[f]
			}
		}
		return ""
	}
	kode := first(csvEnhetskode, csvEnhet, csvEnhetsnavn)
	if kode == "" {
		return
	}
	navn := first(csvEnhetsnavn, csvEnhet, csvEnhetskode)
	row.enheter = []journal.EnhetInput{{Kode: kode, Navn: navn}}
	row.jp.EnhetKode = kode
	row.sak.EnhetKode = kode
}

// readParties reads the senders and recipients.
func (row *csvRow) readParties(v *csvValues) error {
	jp := &row.jp.Journalpost
	add := func(names string, t offl.Korrespondanseparttype) {
		for _, n := range strings.FieldsFunc(names, func(r rune) bool { return r == ';' || r == '\n' }) {
			if n = strings.TrimSpace(n); n != "" {
				jp.Korrespondansepart = append(jp.Korrespondansepart,
					offl.Korrespondansepart{Korrespondanseparttype: t, Navn: n, ErPerson: !t.Internal()})
			}
		}
	}
	typ := jp.Journalposttype
	if typ == offl.Inngaaende {
		add(v[csvAvsender], offl.Avsender)
	} else {
		add(v[csvAvsender], offl.InternAvsender)
	}
	if typ == offl.Utgaaende {
		add(v[csvMottaker], offl.Mottaker)
	} else {
		add(v[csvMottaker], offl.InternMottaker)
	}
	if v[csvPart] == "" {
		return nil
	}
	t := offl.InternMottaker
	switch {
	case v[csvParttype] != "":
		c, ok := textParttyper.parse(v[csvParttype])
		if !ok {
			return row.fail(v[csvParttype], "korrespondanseparttype %q is not EA, EM, EK, GM, IA, IM, IK or IS", v[csvParttype])
		}
		t = offl.Korrespondanseparttype(c)
	case typ == offl.Inngaaende:
		t = offl.Avsender
	case typ == offl.Utgaaende:
		t = offl.Mottaker
	}
	add(v[csvPart], t)
	return nil
}
