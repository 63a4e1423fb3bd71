package noark5

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/innsyn/innsyn/internal/offl"
)

// Skjerming: its builder, the journal's skjerming made of it, and masked titles.

// xmlAttachSkjerming gives a skjerming to the record it sits on.
func xmlAttachSkjerming(e *xmlEngine, s *xmlSkjB, parent *xmlFrame) {
	var slot **xmlSkjB
	switch b := parent.obj.(type) {
	case *xmlMappeB:
		slot = &b.skj
	case *xmlRegB:
		slot = &b.skj
	case *xmlDokB:
		slot = &b.skj
	default:
		return
	}
	if *slot != nil {
		e.problemAt(s.pos, "", "a second skjerming on the same record is not read; the first one applies", false)
		return
	}
	*slot = s
}

// xmlSkjB is a skjerming being read (or, in offentligJournal.xml, the
// skjerming fields of an entry).
type xmlSkjB struct {
	pos              Pos
	tilgang, hjemmel string
	meta             []string // M502 codes; codeAllMetadata for an unknown one
	dokument         string   // "H", "D" or "" (not said)
	varighet         int
	opphoerer        time.Time
}

func (s *xmlSkjB) set(e *xmlEngine, name, v string) {
	switch name {
	case "tilgangsrestriksjon":
		s.tilgang = v
	case "skjermingshjemmel":
		s.hjemmel = v
	case "skjermingMetadata":
		for _, c := range codeSplitList(v) {
			if len(s.meta) >= xmlMaxCodes {
				break
			}
			code, ok := codeSkjermingMetadata(c)
			if !ok {
				e.problem(c, "unknown skjermingMetadata; all metadata is screened", false)
				code = codeAllMetadata
			}
			s.meta = append(s.meta, code)
		}
	case "skjermingDokument":
		if v == "" {
			return
		}
		d, ok := codeSkjermingDokument(v)
		if !ok {
			e.problem(v, "unknown skjermingDokument; the whole document is screened", false)
			d = "H"
		}
		if s.dokument != "H" {
			s.dokument = d
		}
	case "skjermingsvarighet":
		n, ok := xmlNumber(v)
		if !ok || n < 0 {
			e.problem(v, "the skjermingsvarighet is not a number of years; read as missing", false)
			n = 0
		}
		s.varighet = n
	case "skjermingOpphoererDato":
		s.opphoerer = e.date(v)
	}
}

func (s *xmlSkjB) empty() bool {
	return s.tilgang == "" && s.hjemmel == "" && len(s.meta) == 0 && s.dokument == "" && s.varighet == 0 && s.opphoerer.IsZero()
}

// base is the skjerming's code and basis, within the journal's limits.
func (s *xmlSkjB) base(ps *xmlProblems) offl.Skjerming {
	sk := offl.Skjerming{Tilgangsrestriksjon: s.tilgang, Skjermingshjemmel: s.hjemmel, Varighet: s.varighet, OpphoererDato: s.opphoerer}
	if utf8.RuneCountInString(sk.Tilgangsrestriksjon) > xmlMaxTilgangskode {
		ps.add(Problem{Pos: s.pos, Value: codeShort(s.tilgang), Message: fmt.Sprintf("the tilgangsrestriksjon is longer than %d characters, too long for an access code; it is left out (the skjerming applies)", xmlMaxTilgangskode)})
		sk.Tilgangsrestriksjon = ""
	}
	if r := []rune(sk.Skjermingshjemmel); len(r) > xmlMaxHjemmel {
		ps.add(Problem{Pos: s.pos, Value: codeShort(s.hjemmel), Message: fmt.Sprintf("the skjermingshjemmel is longer than %d characters; it is cut short", xmlMaxHjemmel)})
		sk.Skjermingshjemmel = string(r[:xmlMaxHjemmel])
	}
	return sk
}

// xmlTarget is the record a skjerming screens.
type xmlTarget struct {
	tittel, offentligTittel string
	docTitles               []string
	// public: the texts are already the public versions
	// (offentligJournal.xml), so their words need no screening.
	public bool
}

// buildSkjerming makes the journal's skjerming of what the export says.
// Where the export is unclear it screens more, never less, and says so:
// no skjermingMetadata screens all metadata; a title code whose words
// cannot be found screens the whole title; an offentligTittel that masks
// words screens those words even when no skjerming is given.
func (e *xmlEngine) buildSkjerming(s *xmlSkjB, t xmlTarget, ps *xmlProblems, pos Pos) *offl.Skjerming {
	note := func(p Pos, value, msg string) { ps.add(Problem{Pos: p, Value: codeShort(value), Message: msg}) }
	if s != nil && s.empty() {
		note(s.pos, "", "an empty skjerming is ignored")
		s = nil
	}
	var sk *offl.Skjerming
	masked := !t.public && strings.Contains(t.offentligTittel, offl.Mask)
	if s != nil {
		b := s.base(ps)
		sk = &b
		sc := &sk.Screens
		if len(s.meta) == 0 && !t.public {
			sc.AllMetadata = true
			msg := "the skjerming does not say what to screen (no skjermingMetadata): the whole title and all names are screened"
			if s.dokument == "" {
				sc.Documents.All = true
				msg = "the skjerming says neither what to screen nor whether the documents are (no skjermingMetadata or skjermingDokument): the whole title, all names and all documents are screened"
			}
			note(s.pos, "", msg)
		}
		for _, c := range s.meta {
			switch c {
			case "NA", "NM", "NPS":
				sc.Names = true
			case codeAllMetadata, "M":
				sc.AllMetadata = sc.AllMetadata || !t.public
			case "TM1", "TR1", "TMO", "TRO", "TKL":
				if !t.public && !masked {
					xmlScreenTitle(&sc.Title, c, t.tittel, func(msg string) { note(s.pos, c, msg) })
				}
			case "TD":
				if !t.public {
					sc.Title.Phrases = xmlAppendPhrases(sc.Title.Phrases, t.docTitles...)
				}
			}
		}
		switch s.dokument {
		case "H":
			sc.Documents.All, sc.Documents.PartsOnly = true, false
		case "D":
			sc.Documents.All, sc.Documents.PartsOnly = true, true
		}
	}
	if masked {
		if sk == nil {
			sk = &offl.Skjerming{}
			note(pos, t.offentligTittel, "the offentligTittel masks words but the record has no skjerming: the masked words are screened")
		}
		if phrases, ok := xmlMaskedPhrases(t.tittel, t.offentligTittel); ok {
			sk.Screens.Title.Phrases = xmlAppendPhrases(sk.Screens.Title.Phrases, phrases...)
		} else {
			sk.Screens.Title.Whole = true
			note(pos, t.offentligTittel, "the offentligTittel does not follow the tittel, so the masked words cannot be found: the whole title is screened")
		}
	}
	return sk
}

// xmlScreenTitle screens the title for an M502 title code when no masked
// offentligTittel says which words: "all but the first line" screens the
// lines after the first, anything else the whole title.
func xmlScreenTitle(ts *offl.TitleScreen, code, tittel string, note func(string)) {
	if code == "TM1" || code == "TR1" {
		lines := strings.Split(tittel, "\n")
		var rest []string
		for _, l := range lines[1:] {
			if l = strings.TrimSpace(l); l != "" {
				rest = append(rest, l)
			}
		}
		if len(rest) > 0 {
			ts.Phrases = xmlAppendPhrases(ts.Phrases, rest...)
			return
		}
		ts.Whole = true
		note("the title is screened but for its first line, and it has no second line: the whole title is screened")
		return
	}
	ts.Whole = true
	note("selected words of the title are screened and no offentligTittel with ***** says which: the whole title is screened")
}

func xmlAppendPhrases(list []string, phrases ...string) []string {
	for _, p := range phrases {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(list, p) {
			list = append(list, p)
		}
	}
	return list
}

// xmlMaskedPhrases finds the words of tittel that offentligTittel replaces
// with *****. Each masked span is widened to whole words, so that a span
// that splits a word screens all of it.
func xmlMaskedPhrases(tittel, offentlig string) ([]string, bool) {
	segs := strings.Split(offentlig, offl.Mask)
	var b strings.Builder
	b.WriteString(`(?s)^\s*`)
	for i, s := range segs {
		if i > 0 {
			b.WriteString(`(.+?)`)
		}
		space := false
		for _, r := range s {
			if unicode.IsSpace(r) {
				if !space {
					b.WriteString(`\s+`)
				}
				space = true
				continue
			}
			space = false
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`\s*$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, false
	}
	m := re.FindStringSubmatchIndex(tittel)
	if m == nil {
		return nil, false
	}
	var out []string
	for g := 1; g < len(segs); g++ {
		s, e := xmlWordSpan(tittel, m[2*g], m[2*g+1])
		out = xmlAppendPhrases(out, tittel[s:e])
	}
	return out, len(out) > 0
}

// xmlWordSpan widens [s, e) to the word boundaries around it.
func xmlWordSpan(text string, s, e int) (int, int) {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for s > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:s])
		if !isWord(r) {
			break
		}
		s -= n
	}
	for e < len(text) {
		r, n := utf8.DecodeRuneInString(text[e:])
		if !isWord(r) {
			break
		}
		e += n
	}
	return s, e
}

// xmlDocScreen is a skjerming on one document of an entry.
type xmlDocScreen struct {
	id, tittel string
	s          *xmlSkjB
}

// xmlMergeDocScreens adds the skjerming of single documents to the entry's:
// the documents are withheld by ID (only their redacted variant when every
// one is screened in parts), a screened document title is withheld as a
// phrase, and the skjerming lapses with the latest of them.
func xmlMergeDocScreens(sk *offl.Skjerming, docs []xmlDocScreen, ps *xmlProblems, public bool) *offl.Skjerming {
	var (
		ids              []string
		phrases          []string
		first            *xmlSkjB
		names            bool
		partsOnly, never = true, false
		latest           time.Time
	)
	for _, d := range docs {
		if d.s.empty() {
			ps.add(Problem{Pos: d.s.pos, Message: "an empty skjerming is ignored"})
			continue
		}
		if first == nil {
			first = d.s
		}
		ids = append(ids, d.id)
		partsOnly = partsOnly && d.s.dokument == "D"
		if len(d.s.meta) == 0 {
			phrases = append(phrases, d.tittel)
		}
		for _, c := range d.s.meta {
			switch c {
			case "NA", "NM":
				names = true
			case "KID", "MT", "NPS":
			default:
				phrases = append(phrases, d.tittel)
			}
		}
		if d.s.opphoerer.IsZero() {
			never = true
		} else if d.s.opphoerer.After(latest) {
			latest = d.s.opphoerer
		}
	}
	if len(ids) == 0 {
		return sk
	}
	if sk == nil {
		b := first.base(ps)
		sk = &b
		sk.OpphoererDato = latest
		if never {
			sk.OpphoererDato = time.Time{}
		}
		sk.Screens.Documents.PartsOnly = partsOnly
	} else {
		ds := &sk.Screens.Documents
		if !ds.All && len(ds.IDs) == 0 {
			ds.PartsOnly = partsOnly
		} else if !partsOnly {
			ds.PartsOnly = false
		}
		if !sk.OpphoererDato.IsZero() {
			if never {
				sk.OpphoererDato = time.Time{}
			} else if latest.After(sk.OpphoererDato) {
				sk.OpphoererDato = latest
			}
		}
	}
	sk.Screens.Documents.IDs = append(sk.Screens.Documents.IDs, ids...)
	sk.Screens.Names = sk.Screens.Names || names
	if !public {
		sk.Screens.Title.Phrases = xmlAppendPhrases(sk.Screens.Title.Phrases, phrases...)
	}
	return sk
}
