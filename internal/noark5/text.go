package noark5

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Helpers shared by the CSV and JSON readers: character sets, dates,
// numbers, code words, and the grouping of entries into mapper. Every
// name starts with "text" so as not to clash with the other readers of
// the package.

// textDecode returns r as UTF-8. A UTF-8 byte order mark is dropped, a
// UTF-16 one selects UTF-16; otherwise valid UTF-8 passes through and every
// byte that is not part of valid UTF-8 is read as Windows-1252 (a superset
// of ISO-8859-1 in its printable range), which is what Norwegian exports
// from Excel and older archive systems are. The returned fallback says
// whether that happened and from which line.
func textDecode(r io.Reader) (io.Reader, *textFallback) {
	br := bufio.NewReaderSize(r, 4096)
	fb := &textFallback{}
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		fb.utf16 = true
		return transform.NewReader(br, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder()), fb
	}
	return transform.NewReader(br, fb), fb
}

// textFallback is a transformer that passes valid UTF-8 and decodes any
// other byte as Windows-1252.
type textFallback struct {
	utf16 bool
	// line is the first line with a Windows-1252 byte; 0 if none.
	line  int
	lines int
}

// Reset implements transform.Transformer.
func (f *textFallback) Reset() {}

// Transform implements transform.Transformer.
func (f *textFallback) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		if c < utf8.RuneSelf {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			if c == '\n' {
				f.lines++
			}
			dst[nDst] = c
			nDst++
			nSrc++
			continue
		}
		if !utf8.FullRune(src[nSrc:]) && !atEOF {
			return nDst, nSrc, transform.ErrShortSrc
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size <= 1 {
			r, size = charmap.Windows1252.DecodeByte(c), 1
			if f.line == 0 {
				f.line = f.lines + 1
			}
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc += size
	}
	return nDst, nSrc, nil
}

// note returns the problem that says the file was read as Windows-1252.
func (f *textFallback) note(file string) Problem {
	return Problem{Pos: Pos{File: file, Line: f.line},
		Message: "the file is not valid UTF-8: bytes that are not UTF-8 were read as Windows-1252 (ISO-8859-1); check æ, ø and å"}
}

// textClean trims s and turns control characters other than newline and
// tab (including a stray carriage return and C1 controls) into spaces, so
// that text from spreadsheets passes journal validation.
func textClean(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsFunc(s, textIsControl) {
		return s
	}
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if textIsControl(r) {
			return ' '
		}
		return r
	}, s))
}

func textIsControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7F && r <= 0x9F)
}

// textShort shortens a value for a Problem.
func textShort(s string) string {
	const max = 80
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}

// textTooLong reports whether s exceeds MaxTextLength characters.
func textTooLong(s string) bool {
	return len(s) > MaxTextLength && utf8.RuneCountInString(s) > MaxTextLength
}

// textFold reduces a header or code word to a key: lower case, letters and
// digits only, with æ ø å and their ASCII spellings (ae oe aa) made alike,
// so that "Journalår", "journalaar" and "JOURNAL_AAR" are one key.
func textFold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'æ', 'ä':
			b.WriteString("ae")
		case 'ø', 'ö':
			b.WriteString("oe")
		case 'å':
			b.WriteString("aa")
		case 'é', 'è':
			b.WriteByte('e')
		default:
			if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				b.WriteRune(r)
			}
		}
	}
	return strings.NewReplacer("aa", "a", "oe", "o", "ae", "a").Replace(b.String())
}

// textCodes maps folded code words to Noark codes.
type textCodes map[string]string

func textCodeTable(pairs map[string][]string) textCodes {
	t := textCodes{}
	for code, words := range pairs {
		t[textFold(code)] = code
		for _, w := range words {
			t[textFold(w)] = code
		}
	}
	return t
}

func (t textCodes) parse(s string) (string, bool) {
	c, ok := t[textFold(s)]
	return c, ok && s != ""
}

// The code words accepted for Noark 5 codes: the code itself, the eInnsyn
// name, and the words Norwegian archive systems print.
var (
	textJournalposttyper = textCodeTable(map[string][]string{
		"I": {"inngaaende_dokument", "inngående", "inngåande", "inngåande dokument", "inn", "innkommende",
			"innkommende dokument", "inngående brev"},
		"U": {"utgaaende_dokument", "utgående", "utgåande", "utgåande dokument", "ut", "utgående brev"},
		"N": {"organinternt_dokument_for_oppfoelging", "notat", "internt notat", "notat med oppfølging",
			"internt notat med oppfølging", "organinternt notat for oppfølging", "organinternt dokument med oppfølging"},
		"X": {"organinternt_dokument_uten_oppfoelging", "notat uten oppfølging", "internt notat uten oppfølging",
			"organinternt notat uten oppfølging", "notat utan oppfølging"},
		"S": {"saksframlegg", "saksfremlegg"},
	})
	textJournalstatuser = textCodeTable(map[string][]string{
		"J": {"journalfoert", "journalført"},
		"F": {"ferdigstilt_fra_saksbehandler", "ferdigstilt", "ferdig"},
		"G": {"godkjent_av_leder", "godkjent"},
		"E": {"ekspedert"},
		"A": {"arkivert"},
		"U": {"utgaar", "utgår"},
		"M": {"midlertidig_registrering", "midlertidig"},
		"S": {"registrert_av_saksbehandler"},
		"R": {"reservert_dokument", "reservert"},
	})
	textParttyper = textCodeTable(map[string][]string{
		"EA": {"avsender", "avsendar", "fra"},
		"EM": {"mottaker", "mottakar", "til"},
		"EK": {"kopimottaker", "kopimottakar", "kopi"},
		"GM": {"gruppemottaker", "gruppemottakar"},
		"IA": {"intern_avsender", "intern avsendar"},
		"IM": {"intern_mottaker", "intern mottakar"},
		"IK": {"intern_kopimottaker", "intern kopimottakar"},
		"IS": {"medavsender", "medavsendar"},
	})
	textTilknytninger = textCodeTable(map[string][]string{
		"H": {"hoveddokument"},
		"V": {"vedlegg"},
	})
	textVariantformater = textCodeTable(map[string][]string{
		"P": {"produksjonsformat"},
		"A": {"arkivformat"},
		"O": {"offentlig_variant", "offentleg variant", "dokument hvor deler av innholdet er skjermet"},
	})
)

// textDateRE matches the dates of Norwegian exports: 2024-05-02, 20240502,
// 02.05.2024, 2.5.2024, 02.05.24; the time after them is checked by
// textTimeRE and ignored.
var (
	textDateISO = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	textDateNum = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	textDateNO  = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$`)
	textTimeRE  = regexp.MustCompile(`^\d{1,2}[:.]\d{2}([:.]\d{2}([.,]\d{1,9})?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$`)
)

// textParseDate reads a date without time of day, as a time.Time at
// midnight UTC. A time of day after it (" 13:45", "T13:45:00+02:00") is
// tolerated and ignored: the date is taken as written, not converted to
// another zone. Two-digit years 70–99 are 19YY, 00–69 20YY. Dates with
// slashes (5/7/2013) are refused: exports write them both day-first and
// month-first.
func textParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	date, rest := s, ""
	if i := strings.IndexAny(s, " T"); i > 0 {
		date, rest = s[:i], strings.TrimSpace(s[i+1:])
	}
	if rest != "" && !textTimeRE.MatchString(rest) {
		return time.Time{}, fmt.Errorf("%q is not a date like 2024-05-02 or 02.05.2024", s)
	}
	var y, m, d string
	if p := textDateISO.FindStringSubmatch(date); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := textDateNum.FindStringSubmatch(date); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := textDateNO.FindStringSubmatch(date); p != nil {
		d, m, y = p[1], p[2], p[3]
	} else {
		return time.Time{}, fmt.Errorf("%q is not a date like 2024-05-02 or 02.05.2024", s)
	}
	year, _ := strconv.Atoi(y)
	if len(y) == 2 {
		year = textYear(year)
	}
	month, _ := strconv.Atoi(m)
	day, _ := strconv.Atoi(d)
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Year() != year || int(t.Month()) != month || t.Day() != day || year < 1900 || year > 2200 {
		return time.Time{}, fmt.Errorf("%q is not a valid date", s)
	}
	return t, nil
}

// textYear reads a two-digit year: 70–99 are 19YY, 00–69 20YY.
func textYear(yy int) int {
	if yy >= 70 {
		return 1900 + yy
	}
	return 2000 + yy
}

// textParseInt reads a positive whole number ("004567" is 4567) of at most
// nine digits.
func textParseInt(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 9 || strings.Trim(s, "0123456789") != "" {
		return 0, fmt.Errorf("%q is not a positive whole number", s)
	}
	n, _ := strconv.Atoi(s)
	if n < 1 {
		return 0, fmt.Errorf("%q is not a positive whole number", s)
	}
	return n, nil
}

// textParseSaksnummer reads "2024/123", "24/123" or "2024/123-4" (spaces
// ignored). Unlike offl.ParseSaksnummer, a two-digit year 70–99 is 19YY.
func textParseSaksnummer(s string) (offl.Saksnummer, error) {
	s = strings.Join(strings.Fields(s), "")
	n, err := offl.ParseSaksnummer(s)
	if err != nil {
		return n, err
	}
	if i := strings.IndexByte(s, '/'); i == 2 {
		n.Saksaar = textYear(n.Saksaar - 2000)
	}
	return n, nil
}

// textParseJournalnummer reads a journal number: "2024/004567",
// "004567/2024", "004567/24" or "24/004567" give journalaar and
// journalsekvensnummer; a bare "4567" gives the sequence number with year
// 0 (the caller takes the year from elsewhere). A four-digit side between
// 1900 and 2200 is the year, the left one first; otherwise a two-digit side
// is the year, the right one first (ePhorte's løpenummer "4567/24"), read
// as by textYear.
func textParseJournalnummer(s string) (year, seq int, err error) {
	s = strings.Join(strings.Fields(s), "")
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		seq, err = textParseInt(s)
		return 0, seq, err
	}
	bad := fmt.Errorf("%q is not a journal number like 2024/004567 or 004567/24", s)
	if strings.Trim(a, "0123456789") != "" || strings.Trim(b, "0123456789") != "" || a == "" || b == "" {
		return 0, 0, bad
	}
	isYear := func(x string) bool { n, _ := strconv.Atoi(x); return len(x) == 4 && n >= 1900 && n <= 2200 }
	var ys, ss string
	switch {
	case isYear(a):
		ys, ss = a, b
	case isYear(b):
		ys, ss = b, a
	case len(b) == 2:
		ys, ss = b, a
	case len(a) == 2:
		ys, ss = a, b
	default:
		return 0, 0, bad
	}
	year, _ = strconv.Atoi(ys)
	if len(ys) == 2 {
		year = textYear(year)
	}
	if seq, err = textParseInt(ss); err != nil {
		return 0, 0, bad
	}
	return year, seq, nil
}

// textSet sets *dst to v, or checks that a value read from another column
// or field agrees.
func textSet(dst *int, v int, what string) error {
	switch {
	case v == 0:
	case *dst == 0:
		*dst = v
	case *dst != v:
		return fmt.Errorf("two %s disagree: %d and %d", what, *dst, v)
	}
	return nil
}

// textOpen are values of a tilgangskode or hjemmel field that mean "not
// screened"; textYes are values that mean "screened" without saying why.
var (
	textOpen = map[string]bool{"": true, "ingen": true, "nei": true, "no": true, "false": true,
		"offentlig": true, "offentleg": true, "apen": true, "ugradert": true}
	textYes = map[string]bool{"ja": true, "x": true, "yes": true, "true": true}
)

// textSkjermingValue reads a tilgangskode or hjemmel value: what to store
// and whether it screens.
func textSkjermingValue(s string) (string, bool) {
	f := textFold(s)
	switch {
	case textOpen[f] || strings.Trim(s, "-– ") == "":
		return "", false
	case textYes[f]:
		return "", true
	}
	return s, true
}

// textSkjerming builds a skjerming from a record's access code and basis,
// or nil when neither screens. Unless the export says otherwise (meta and
// dok as read by textScreens), it screens conservatively: all metadata and
// every document, since an export that gives only a code and a basis does
// not say which words or names the basis covers.
func textSkjerming(tilgangskode, hjemmel string, screens offl.Screens) (*offl.Skjerming, error) {
	code, c := textSkjermingValue(tilgangskode)
	basis, h := textSkjermingValue(hjemmel)
	if !c && !h {
		return nil, nil
	}
	if textTooLong(code) || textTooLong(basis) {
		return nil, fmt.Errorf("tilgangskode or hjemmel is longer than %d characters", MaxTextLength)
	}
	return &offl.Skjerming{Tilgangsrestriksjon: code, Skjermingshjemmel: basis, Screens: screens}, nil
}

// textScreens reads what a skjerming withholds from the words of Noark 5
// skjermingMetadata (M502) and skjermingDokument (M503). An empty or absent
// value means everything; a word it does not know also means everything,
// and is reported in note.
func textScreens(meta, dok string) (sc offl.Screens, note string) {
	sc.AllMetadata = true
	if meta != "" {
		var unknown []string
		sc.AllMetadata = false
		for _, w := range strings.FieldsFunc(meta, func(r rune) bool { return strings.ContainsRune(",;/+ \n\t", r) }) {
			switch f := textFold(w); f {
			case "ingen", "nei", "none":
			case "alle", "alt", "all", "ja", "x":
				sc.AllMetadata = true
			case "tittel", "tkl", "tm1", "tmo", "tt", "tittelklassering", "offentligtittel":
				sc.Title.Whole = true
			case "navn", "na", "nm", "avsender", "mottaker", "korrespondansepart", "avsendermottaker", "part":
				sc.Names = true
			default:
				unknown = append(unknown, w)
			}
		}
		if len(unknown) > 0 {
			sc.AllMetadata = true
			note = fmt.Sprintf("skjermingMetadata %q is not understood; all metadata is screened", strings.Join(unknown, " "))
		}
	}
	switch f := textFold(dok); f {
	case "ingen", "nei", "none":
	case "d", "delvis", "deler", "skjermingavdeleravdokumentet", "delerav":
		sc.Documents = offl.DocumentScreen{All: true, PartsOnly: true}
	case "", "h", "hele", "helt", "alle", "ja", "x", "skjermingavheledokumentet", "heledokumentet":
		sc.Documents = offl.DocumentScreen{All: true}
	default:
		sc.Documents = offl.DocumentScreen{All: true}
		if note != "" {
			note += "; "
		}
		note += fmt.Sprintf("skjermingDokument %q is not understood; every document is screened", dok)
	}
	return sc, note
}

// textBatchField matches the record part of a journal.Batch field name.
var textBatchField = regexp.MustCompile(`^(journalposts|saksmapper|enheter)\[\d+\]\.?`)

// textCheck validates one entry with its case and units the way the
// importer will, and says what is wrong in the words of the export:
// "journaldato is required" rather than "journalposts[0].journaldato".
// Files are not stored yet, so their storage key, size and checksum are
// filled in for the check as the importer will fill them in.
func textCheck(enheter []journal.EnhetInput, sak journal.SaksmappeInput, jp *journal.JournalpostInput) error {
	b := journal.Batch{Enheter: enheter, Saksmapper: []journal.SaksmappeInput{sak}}
	if jp != nil {
		j := *jp
		// As textGroup.add will set them.
		j.SaksmappeSystemID = sak.Saksmappe.SystemID
		j.Journalpost = textStored(j.Journalpost)
		b.Journalposts = []journal.JournalpostInput{j}
	}
	err := b.ValidateRecords()
	var e *journal.Error
	if err == nil || !errors.As(err, &e) {
		return err
	}
	field := textBatchField.ReplaceAllStringFunc(e.Field, func(s string) string {
		switch {
		case strings.HasPrefix(s, "saksmapper"):
			return "saksmappe" + strings.TrimLeft(s, "saksmapper[0123456789]")
		case strings.HasPrefix(s, "enheter"):
			return "enhet" + strings.TrimLeft(s, "enheter[0123456789]")
		}
		return ""
	})
	if field == "" {
		return errors.New(e.Message)
	}
	return fmt.Errorf("%s: %s", field, e.Message)
}

// textStored returns jp with every file as the importer leaves it once
// stored: a storage key, and the declared SHA-256 or a stand-in for it.
func textStored(jp offl.Journalpost) offl.Journalpost {
	docs := make([]offl.Dokumentbeskrivelse, len(jp.Dokumentbeskrivelse))
	for i, d := range jp.Dokumentbeskrivelse {
		objs := make([]offl.Dokumentobjekt, len(d.Dokumentobjekt))
		for k, o := range d.Dokumentobjekt {
			o.StorageKey = "pending"
			if o.Sjekksum == "" {
				o.Sjekksum = strings.Repeat("0", 64)
			}
			objs[k] = o
		}
		d.Dokumentobjekt = objs
		docs[i] = d
	}
	jp.Dokumentbeskrivelse = docs
	return jp
}

// textGroup gathers the entries of one case into a Mappe.
type textGroup struct {
	m Mappe
	// aliases are the keys that name the case: its SystemID, its id in the
	// export, "nr:2024/123".
	aliases []string
	// tried counts the entries of the case that were read, good those kept.
	tried, good int
	// whole is true when the export gave the case itself (a saksmappe
	// object), so that it is imported even with no entries.
	whole   bool
	enheter map[string]bool
	// dropped counts the problems beyond textMaxProblems, which are not
	// kept.
	dropped int
}

// textMaxProblems bounds the problems one Mappe keeps, so that a hostile
// export of bad rows cannot exhaust memory.
const textMaxProblems = 1000

func textNewGroup(pos Pos, sak journal.SaksmappeInput, aliases []string) *textGroup {
	return &textGroup{m: Mappe{Pos: pos, Saksmappe: sak}, aliases: aliases, enheter: map[string]bool{}}
}

// matches reports whether any of aliases names the group's case.
func (g *textGroup) matches(aliases []string) bool {
	for _, a := range aliases {
		for _, b := range g.aliases {
			if a != "" && a == b {
				return true
			}
		}
	}
	return false
}

// fill takes what the case lacks from another record of it.
func (g *textGroup) fill(sak journal.SaksmappeInput, aliases []string) {
	s := &g.m.Saksmappe
	if s.EnhetKode == "" {
		s.EnhetKode = sak.EnhetKode
	}
	o := sak.Saksmappe
	if s.Saksmappe.Tittel == "" {
		s.Saksmappe.Tittel = o.Tittel
	}
	if s.Saksmappe.Saksdato.IsZero() {
		s.Saksmappe.Saksdato = o.Saksdato
	}
	if s.Saksmappe.Saksansvarlig == "" {
		s.Saksmappe.Saksansvarlig = o.Saksansvarlig
	}
	if s.Saksmappe.Saksstatus == "" {
		s.Saksmappe.Saksstatus = o.Saksstatus
	}
	if s.Saksmappe.Skjerming == nil {
		s.Saksmappe.Skjerming = o.Skjerming
	}
	for _, a := range aliases {
		if a != "" && !g.matches([]string{a}) {
			g.aliases = append(g.aliases, a)
		}
	}
}

func (g *textGroup) addEnheter(enheter []journal.EnhetInput) {
	for _, e := range enheter {
		if !g.enheter[e.Kode] {
			g.enheter[e.Kode] = true
			g.m.Enheter = append(g.m.Enheter, e)
		}
	}
}

// add keeps an entry that passed textCheck with sak, its case as the same
// record gives it. The first good record gives the case (unless the export
// gave the case itself); later ones fill in what it lacks.
func (g *textGroup) add(pos Pos, sak journal.SaksmappeInput, jp journal.JournalpostInput, enheter []journal.EnhetInput, files []File) {
	if g.good == 0 && !g.whole {
		g.m.Saksmappe = sak
	} else {
		g.fill(sak, nil)
	}
	g.tried++
	if g.good >= MaxRegistrations {
		if g.good == MaxRegistrations {
			g.m.Problems = append(g.m.Problems, Problem{Pos: pos,
				Message: fmt.Sprintf("the case has more than %d entries; it is not imported", MaxRegistrations)})
			g.m.Broken = true
			g.m.Journalposts, g.m.Files = nil, nil
		}
		g.good++
		return
	}
	g.good++
	jp.SaksmappeSystemID = g.m.Saksmappe.Saksmappe.SystemID
	jp.Journalpost.Saksaar = g.m.Saksmappe.Saksmappe.Saksaar
	jp.Journalpost.Sakssekvensnummer = g.m.Saksmappe.Saksmappe.Sakssekvensnummer
	if g.m.Saksmappe.EnhetKode == "" {
		g.m.Saksmappe.EnhetKode = jp.EnhetKode
	}
	g.addEnheter(enheter)
	g.m.Journalposts = append(g.m.Journalposts, jp)
	g.m.Files = append(g.m.Files, files...)
}

// skip records an entry of the case that could not be read.
func (g *textGroup) skip(p Problem) {
	g.tried++
	p.Skipped = true
	g.note(p)
}

// note records a problem that does not count as an entry of the case.
func (g *textGroup) note(ps ...Problem) {
	for _, p := range ps {
		if len(g.m.Problems) < textMaxProblems {
			g.m.Problems = append(g.m.Problems, p)
		} else {
			g.dropped++
		}
	}
}

// finish returns the Mappe: broken when entries were read and none kept,
// unless the export gave the case itself.
func (g *textGroup) finish() Mappe {
	if g.dropped > 0 {
		g.m.Problems = append(g.m.Problems, Problem{Pos: g.m.Pos,
			Message: fmt.Sprintf("%d more problems with this case are not listed", g.dropped)})
	}
	if g.good == 0 && g.tried > 0 && !g.whole {
		g.m.Broken = true
		g.m.Problems = append(g.m.Problems, Problem{Pos: g.m.Pos,
			Message: fmt.Sprintf("no entry of case %s could be read; the case is not imported", g.m.Saksmappe.Saksmappe.Saksnummer())})
	}
	return g.m
}

// textOrphans returns a broken Mappe that carries problems no case could
// take (rows whose case could not be read, at the end of an export), or
// false when none of them skipped anything.
func textOrphans(pos Pos, ps []Problem) (Mappe, bool) {
	for _, p := range ps {
		if p.Skipped {
			return Mappe{Pos: pos, Problems: ps, Broken: true}, true
		}
	}
	return Mappe{}, false
}

// textItem is one record as read: a journal entry (a CSV row, a JSON
// journalpost) or a case alone (a JSON saksmappe).
type textItem struct {
	line  int
	blank bool
	// aliases name the item's case; nil when the case cannot be read.
	aliases []string
	sak     journal.SaksmappeInput
	// entry is false for a case alone.
	entry   bool
	jp      journal.JournalpostInput
	enheter []journal.EnhetInput
	files   []File
	notes   []Problem
	// err says why the item is skipped; value is what it is about.
	err   error
	value string
}

// fail records why the item is skipped.
func (it *textItem) fail(value string, format string, args ...any) error {
	it.value = value
	return fmt.Errorf(format, args...)
}

func (it *textItem) problem(file, what string) Problem {
	return Problem{Pos: Pos{File: file, Line: it.line}, Value: textShort(it.value),
		Message: it.err.Error() + "; the " + what + " is skipped", Skipped: true}
}

// textGrouper turns a stream of items into mapper: items of one case that
// follow each other form one Mappe.
type textGrouper struct {
	file string
	// what an item is called in problems: "row", "object".
	what    string
	cur     *textGroup
	pending []Problem
}

// note adds a problem to the case being gathered, or to the next one.
func (g *textGrouper) note(ps ...Problem) {
	if g.cur != nil {
		g.cur.note(ps...)
	} else {
		g.pending = append(g.pending, ps...)
	}
}

// take adds an item. When the item starts another case, it returns the
// finished one.
func (g *textGrouper) take(it textItem) (Mappe, bool) {
	if it.blank {
		return Mappe{}, false
	}
	if it.aliases == nil {
		g.note(it.notes...)
		g.note(it.problem(g.file, g.what))
		if g.cur == nil && len(g.pending) >= textMaxProblems {
			return g.flush()
		}
		return Mappe{}, false
	}
	var prev *textGroup
	if g.cur == nil || !g.cur.matches(it.aliases) {
		prev = g.cur
		g.cur = textNewGroup(Pos{File: g.file, Line: it.line}, it.sak, it.aliases)
		g.cur.note(g.pending...)
		g.pending = nil
	}
	g.add(it)
	if prev == nil {
		return Mappe{}, false
	}
	return prev.finish(), true
}

func (g *textGrouper) add(it textItem) {
	c := g.cur
	c.note(it.notes...)
	switch {
	case it.err != nil && it.entry:
		c.skip(it.problem(g.file, g.what))
	case it.err != nil:
		c.note(it.problem(g.file, g.what))
	case !it.entry:
		if !c.whole && c.good == 0 {
			c.m.Saksmappe = it.sak
		} else {
			c.fill(it.sak, nil)
		}
		c.whole = true
		c.fill(journal.SaksmappeInput{}, it.aliases)
		c.addEnheter(it.enheter)
	default:
		c.add(Pos{File: g.file, Line: it.line}, it.sak, it.jp, it.enheter, it.files)
	}
}

// flush returns the case being gathered, or the problems no case took
// (textOrphans); false when there is nothing.
func (g *textGrouper) flush() (Mappe, bool) {
	if g.cur != nil {
		m := g.cur.finish()
		g.cur = nil
		return m, true
	}
	m, ok := textOrphans(Pos{File: g.file}, g.pending)
	g.pending = nil
	return m, ok
}
