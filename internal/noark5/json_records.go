package noark5

import (
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Reading a saksmappe or journalpost object into the items it gives.

// saksmappe reads a saksmappe object, and the journalposts it holds.
func (r *jsonReader) saksmappe(o *jsonObject, line int) []textItem {
	it := textItem{line: line}
	it.sak, it.enheter, it.aliases, it.err = r.readSak(o, &it)
	if it.err == nil && it.sak.Saksmappe.Saksaar == 0 {
		it.err = it.fail(o.Saksnummer, "the saksmappe has no saksaar and sakssekvensnummer")
	}
	if it.err == nil {
		if err := textCheck(it.enheter, it.sak, nil); err != nil {
			it.err = it.fail("", "%v", err)
		}
	}
	if it.err != nil {
		it.aliases = nil
		return []textItem{it}
	}
	items := []textItem{it}
	byID := 0
	for _, raw := range o.Journalpost {
		var jo jsonObject
		switch {
		case len(raw) > 0 && raw[0] == '{':
			if err := json.Unmarshal(raw, &jo); err != nil {
				bad := textItem{line: line, entry: true, aliases: it.aliases, sak: it.sak}
				bad.err = bad.fail("", "a journalpost of the saksmappe: %s", jsonUnmarshalMessage(err))
				items = append(items, bad)
				continue
			}
			items = append(items, r.entry(&jo, line, &it))
		default:
			byID++
		}
	}
	if byID > 0 {
		items[0].notes = append(items[0].notes, Problem{Pos: Pos{File: r.file, Line: line},
			Message: fmt.Sprintf("%d journalposts of the saksmappe are given only by id; they are not imported from it", byID)})
	}
	return items
}

// readSak reads a case from a saksmappe object, or from the saksmappe of a
// journalpost. A case given only by id has aliases but no saksaar.
func (r *jsonReader) readSak(o *jsonObject, it *textItem) (journal.SaksmappeInput, []journal.EnhetInput, []string, error) {
	var sak journal.SaksmappeInput
	s := &sak.Saksmappe
	s.Saksaar, s.Sakssekvensnummer = o.Saksaar.n, o.Sakssekvensnummer.n
	if o.Saksnummer != "" {
		n, err := textParseSaksnummer(o.Saksnummer)
		if err == nil {
			err = errors.Join(textSet(&s.Saksaar, n.Saksaar, "saksaar"), textSet(&s.Sakssekvensnummer, n.Sakssekvensnummer, "sakssekvensnummer"))
		}
		if err != nil {
			return sak, nil, nil, it.fail(o.Saksnummer, "saksnummer: %v", err)
		}
	}
	var aliases []string
	s.SystemID = textClean(o.key())
	if s.Saksaar != 0 && s.Sakssekvensnummer != 0 {
		aliases = append(aliases, fmt.Sprintf("nr:%d/%d", s.Saksaar, s.Sakssekvensnummer))
		if s.SystemID == "" {
			s.SystemID = fmt.Sprintf("json:sak:%d/%d", s.Saksaar, s.Sakssekvensnummer)
		}
	}
	for _, a := range []string{s.SystemID, o.ID, o.SystemID, o.ExternalID} {
		if a = textClean(a); a != "" {
			aliases = append(aliases, a)
		}
	}
	if len(aliases) == 0 {
		return sak, nil, nil, it.fail("", "the saksmappe has no saksaar, sakssekvensnummer, saksnummer or id")
	}
	s.Tittel = o.title()
	s.Saksansvarlig, s.Saksstatus = textClean(o.Saksansvarlig), textClean(o.Saksstatus)
	if o.Saksdato != "" {
		d, err := textParseDate(o.Saksdato)
		if err != nil {
			return sak, nil, aliases, it.fail(o.Saksdato, "saksdato: %v", err)
		}
		s.Saksdato = d
	}
	sk, err := r.skjerming(o.Skjerming, it)
	if err != nil {
		return sak, nil, aliases, err
	}
	s.Skjerming = sk
	enheter := o.enhet()
	if len(enheter) > 0 {
		sak.EnhetKode = enheter[0].Kode
	}
	return sak, enheter, aliases, nil
}

// entry reads a journalpost; in is the saksmappe that holds it, if any.
func (r *jsonReader) entry(o *jsonObject, line int, in *textItem) textItem {
	it := textItem{line: line, entry: true}
	if err := r.entryCase(o, &it, in); err != nil {
		it.err = err
		return it
	}
	it.err = r.readEntry(o, &it)
	return it
}

// entryCase finds the journalpost's case.
func (r *jsonReader) entryCase(o *jsonObject, it *textItem, in *textItem) error {
	var (
		sak     journal.SaksmappeInput
		enheter []journal.EnhetInput
		aliases []string
		err     error
	)
	switch {
	case o.Saksmappe != nil && o.Saksmappe.obj != nil:
		sak, enheter, aliases, err = r.readSak(o.Saksmappe.obj, it)
	case o.Saksmappe != nil && o.Saksmappe.id != "":
		aliases = []string{textClean(o.Saksmappe.id)}
	case o.isSaksmappe():
		sak, enheter, aliases, err = r.readSak(&jsonObject{Saksaar: o.Saksaar, Sakssekvensnummer: o.Sakssekvensnummer,
			Saksnummer: o.Saksnummer}, it)
	case in != nil:
		sak, enheter, aliases = in.sak, in.enheter, in.aliases
	default:
		return it.fail("", "the journalpost names no saksmappe")
	}
	if err != nil {
		return err
	}
	if sak.Saksmappe.Saksaar == 0 {
		// Known only by id: it must be the saksmappe that holds the
		// journalpost, or the case being gathered.
		if in != nil && (&textGroup{aliases: in.aliases}).matches(aliases) {
			sak, enheter, aliases = in.sak, in.enheter, in.aliases
		} else if c := r.g.cur; c != nil && c.matches(aliases) {
			sak, aliases = c.m.Saksmappe, c.aliases
		} else {
			return it.fail(strings.Join(aliases, " "), "the saksmappe is given only by id, and is not the saksmappe of the objects before; give saksaar and sakssekvensnummer")
		}
	}
	it.sak, it.aliases = sak, aliases
	it.enheter = append(it.enheter, enheter...)
	return nil
}

// readEntry reads the journalpost's own fields; its case is read.
func (r *jsonReader) readEntry(o *jsonObject, it *textItem) error {
	jp := &it.jp.Journalpost
	jp.Journalaar, jp.Journalsekvensnummer, jp.Journalpostnummer = o.Journalaar.n, o.Journalsekvensnummer.n, o.Journalpostnummer.n
	if jp.Journalaar == 0 || jp.Journalsekvensnummer == 0 || jp.Journalpostnummer == 0 {
		return it.fail("", "the journalpost lacks journalaar, journalsekvensnummer or journalpostnummer")
	}
	jp.SystemID = textClean(o.key())
	if jp.SystemID == "" {
		jp.SystemID = fmt.Sprintf("json:%d/%d", jp.Journalaar, jp.Journalsekvensnummer)
	}
	c, ok := textJournalposttyper.parse(o.Journalposttype)
	if !ok {
		return it.fail(o.Journalposttype, "journalposttype %q is not one of I, U, N, X, S or their eInnsyn names", o.Journalposttype)
	}
	jp.Journalposttype = offl.Journalposttype(c)
	jp.Journalstatus = offl.Journalfoert
	if o.Journalstatus != "" {
		c, ok := textJournalstatuser.parse(o.Journalstatus)
		if !ok {
			return it.fail(o.Journalstatus, "journalstatus %q is not one of J, F, G, E, A, U, M, S, R or their names", o.Journalstatus)
		}
		jp.Journalstatus = offl.Journalstatus(c)
	}
	if err := r.dates(o, it); err != nil {
		return err
	}
	jp.Tittel, jp.Saksbehandler, jp.Journalenhet = o.title(), textClean(o.Saksbehandler), textClean(o.Journalenhet)
	if e := o.enhet(); len(e) > 0 {
		it.enheter = append(e, it.enheter...)
		it.jp.EnhetKode = e[0].Kode
	}
	if err := r.parties(o, it); err != nil {
		return err
	}
	if err := r.documents(o, it); err != nil {
		return err
	}
	sk, err := r.skjerming(o.Skjerming, it)
	if err != nil {
		return err
	}
	jp.Skjerming = sk
	for _, s := range []string{jp.Saksbehandler, jp.Journalenhet} {
		if textTooLong(s) {
			return it.fail("", "a text is longer than %d characters", MaxTextLength)
		}
	}
	if err := textCheck(it.enheter, it.sak, &it.jp); err != nil {
		return it.fail("", "%v", err)
	}
	return nil
}

func (r *jsonReader) dates(o *jsonObject, it *textItem) error {
	jp := &it.jp.Journalpost
	for _, d := range []struct {
		name, value string
		dst         *time.Time
	}{{"journaldato", o.Journaldato, &jp.Journaldato}, {"dokumentetsDato", o.DokumentetsDato, &jp.DokumentetsDato},
		{"mottattDato", o.MottattDato, &jp.MottattDato}, {"sendtDato", o.SendtDato, &jp.SendtDato},
		{"forfallsdato", o.Forfallsdato, &jp.Forfallsdato},
		{"offentlighetsvurdertDato", o.OffentlighetsvurdertDato, &jp.OffentlighetsvurdertDato}} {
		if d.value == "" {
			continue
		}
		t, err := textParseDate(d.value)
		if err != nil {
			return it.fail(d.value, "%s: %v", d.name, err)
		}
		*d.dst = t
	}
	if jp.Journaldato.IsZero() {
		return it.fail("", "the journalpost has no journaldato")
	}
	if s := o.AccessibleAfter; s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			if t, err = textParseDate(s); err != nil {
				return it.fail(s, "accessibleAfter %q is not a time like 2024-05-02T08:00:00Z", s)
			}
		}
		jp.AccessibleAfter = t.UTC()
	}
	return nil
}

// parties reads the korrespondanseparter.
func (r *jsonReader) parties(o *jsonObject, it *textItem) error {
	jp := &it.jp.Journalpost
	byID := 0
	for _, p := range o.Korrespondansepart {
		if p.ref != "" {
			byID++
			continue
		}
		t := offl.InternMottaker
		switch {
		case p.Korrespondanseparttype != "":
			c, ok := textParttyper.parse(p.Korrespondanseparttype)
			if !ok {
				return it.fail(p.Korrespondanseparttype, "korrespondanseparttype %q is not one of EA, EM, EK, GM, IA, IM, IK, IS or their eInnsyn names", p.Korrespondanseparttype)
			}
			t = offl.Korrespondanseparttype(c)
		case jp.Journalposttype == offl.Inngaaende:
			t = offl.Avsender
		case jp.Journalposttype == offl.Utgaaende:
			t = offl.Mottaker
		}
		k := offl.Korrespondansepart{Korrespondanseparttype: t, Navn: textClean(p.KorrespondansepartNavnSensitiv),
			ErPerson: !t.Internal(), ErBehandlingsansvarlig: p.ErBehandlingsansvarlig,
			Organisasjonsnummer: textClean(p.Organisasjonsnummer), Saksbehandler: textClean(p.Saksbehandler)}
		if k.Navn == "" {
			k.Navn = textClean(p.KorrespondansepartNavn)
		}
		if k.Navn == "" {
			k.Navn = textClean(p.Navn)
		}
		if p.ErPerson != nil {
			k.ErPerson = *p.ErPerson
		}
		if e := p.AdministrativEnhet.enhet(); len(e) > 0 {
			k.AdministrativEnhet = e[0].Kode
		}
		if textTooLong(k.Organisasjonsnummer) || textTooLong(k.Saksbehandler) || textTooLong(k.AdministrativEnhet) {
			return it.fail("", "a korrespondansepart's text is longer than %d characters", MaxTextLength)
		}
		jp.Korrespondansepart = append(jp.Korrespondansepart, k)
	}
	if byID > 0 {
		it.notes = append(it.notes, Problem{Pos: Pos{File: r.file, Line: it.line},
			Message: fmt.Sprintf("%d korrespondanseparter are given only by id; they are not imported", byID)})
	}
	return nil
}

// documents reads the dokumentbeskrivelser and the files they name.
func (r *jsonReader) documents(o *jsonObject, it *textItem) error {
	jp := &it.jp.Journalpost
	byID := 0
	for i, d := range o.Dokumentbeskrivelse {
		if d.ref != "" {
			byID++
			continue
		}
		doc := offl.Dokumentbeskrivelse{SystemID: textClean(d.key()), Dokumentnummer: d.Dokumentnummer.n,
			Dokumenttype: textClean(d.Dokumenttype), Tittel: textClean(d.Tittel)}
		if doc.Tittel == "" {
			doc.Tittel = textClean(d.TittelSensitiv)
		}
		if doc.Dokumentnummer == 0 {
			doc.Dokumentnummer = i + 1
		}
		if doc.SystemID == "" {
			doc.SystemID = fmt.Sprintf("%s:dok:%d", jp.SystemID, doc.Dokumentnummer)
		}
		doc.TilknyttetRegistreringSom = offl.Vedlegg
		if i == 0 {
			doc.TilknyttetRegistreringSom = offl.Hoveddokument
		}
		if s := d.TilknyttetRegistreringSom; s != "" {
			c, ok := textTilknytninger.parse(s)
			if !ok {
				return it.fail(s, "tilknyttetRegistreringSom %q is not H, V, hoveddokument or vedlegg", s)
			}
			doc.TilknyttetRegistreringSom = offl.TilknyttetRegistreringSom(c)
		}
		if textTooLong(doc.Dokumenttype) {
			return it.fail("", "dokumenttype is longer than %d characters", MaxTextLength)
		}
		for _, ob := range d.Dokumentobjekt {
			if err := r.file1(jp.SystemID, &doc, ob, it); err != nil {
				return err
			}
		}
		jp.Dokumentbeskrivelse = append(jp.Dokumentbeskrivelse, doc)
	}
	if byID > 0 {
		it.notes = append(it.notes, Problem{Pos: Pos{File: r.file, Line: it.line},
			Message: fmt.Sprintf("%d dokumentbeskrivelser are given only by id; they are not imported", byID)})
	}
	return nil
}

// file1 reads a dokumentobjekt into doc and the item's files.
func (r *jsonReader) file1(jpID string, doc *offl.Dokumentbeskrivelse, ob jsonDokumentobjekt, it *textItem) error {
	ref := textClean(ob.ReferanseDokumentfil)
	if ref == "" {
		return nil
	}
	obj := offl.Dokumentobjekt{Versjonsnummer: ob.Versjonsnummer.n, Variantformat: offl.Arkivformat,
		Format: textClean(ob.Format), Filnavn: textClean(ob.Filnavn)}
	if obj.Versjonsnummer == 0 {
		obj.Versjonsnummer = 1
	}
	if s := ob.Variantformat; s != "" {
		c, ok := textVariantformater.parse(s)
		if !ok {
			return it.fail(s, "variantformat %q is not P, A, O or their names", s)
		}
		obj.Variantformat = offl.Variantformat(c)
	}
	if obj.Filnavn == "" {
		obj.Filnavn = path.Base(strings.ReplaceAll(ref, "\\", "/"))
	}
	sum, algo := strings.ToLower(textClean(ob.Sjekksum)), textClean(ob.SjekksumAlgoritme)
	if f := textFold(algo); (f == "" || f == "sha256") && len(sum) == 64 && strings.Trim(sum, "0123456789abcdef") == "" {
		obj.Sjekksum = sum
	}
	for _, s := range []string{ref, sum, algo, obj.Format, obj.Filnavn} {
		if textTooLong(s) {
			return it.fail("", "a dokumentobjekt's text is longer than %d characters", MaxTextLength)
		}
	}
	doc.Dokumentobjekt = append(doc.Dokumentobjekt, obj)
	it.files = append(it.files, File{JournalpostSystemID: jpID, DokumentSystemID: doc.SystemID,
		Versjonsnummer: obj.Versjonsnummer, Variantformat: obj.Variantformat, Ref: ref, Sjekksum: sum, Algoritme: algo,
		Format: obj.Format, Filnavn: obj.Filnavn, Pos: Pos{File: r.file, Line: it.line}})
	return nil
}

// skjerming reads a skjerming; nil when there is none.
func (r *jsonReader) skjerming(s *jsonSkjerming, it *textItem) (*offl.Skjerming, error) {
	if s == nil {
		return nil, nil
	}
	screens, note := textScreens(s.SkjermingMetadata.s, s.SkjermingDokument)
	if s.ref != "" {
		it.notes = append(it.notes, Problem{Pos: Pos{File: r.file, Line: it.line}, Value: textShort(s.ref),
			Message: "the skjerming is given only by id; all metadata and every document are screened"})
		return &offl.Skjerming{Screens: screens}, nil
	}
	sk, err := textSkjerming(textClean(s.Tilgangsrestriksjon), textClean(s.Skjermingshjemmel), screens)
	if err != nil {
		return nil, it.fail("", "%v", err)
	}
	if sk == nil {
		// A skjerming object says the record is screened, even when it
		// does not say why.
		sk = &offl.Skjerming{Screens: screens}
	}
	if note != "" {
		it.notes = append(it.notes, Problem{Pos: Pos{File: r.file, Line: it.line}, Message: note})
	}
	if s.SkjermingOpphoererDato != "" {
		d, err := textParseDate(s.SkjermingOpphoererDato)
		if err != nil {
			return nil, it.fail(s.SkjermingOpphoererDato, "skjermingOpphoererDato: %v", err)
		}
		sk.OpphoererDato = d
	}
	sk.Varighet = s.Skjermingsvarighet.n
	return sk, nil
}
