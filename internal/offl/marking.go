package offl

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Problem is one thing wrong with a marking, naming the field it is about.
type Problem struct {
	Field   string
	Message string
}

// Limits on what a skjerming may hold.
const (
	MaxPhrases          = 50
	MaxPhraseLength     = 200
	MaxBegrunnelseChars = 1000
)

// CheckMarking checks a skjerming that staff want to set on an entry, as
// the law and safety require, and returns every problem found:
//   - it names a basis and withholds something;
//   - every screened phrase occurs in the entry (a misspelt name would
//     otherwise mask nothing and leave the real name public);
//   - word positions lie within the title, documents are the entry's own;
//   - for a discretionary basis the meirinnsyn assessment (offl. § 11) is
//     recorded: who, when, outcome and a short reason; for § 13, which is
//     mandatory, there is none;
//   - an expiry lies in the future.
func CheckMarking(sk Skjerming, jp Journalpost, c *Catalogue, now time.Time) []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	checkBasis(sk, c, now, add)
	sc := sk.Screens
	if !sc.AllMetadata && !sc.Title.Whole && len(sc.Title.Phrases) == 0 && len(sc.Title.Words) == 0 &&
		!sc.Names && !sc.Documents.All && len(sc.Documents.IDs) == 0 {
		add("screens", "the skjerming withholds nothing: name the title words, names or documents it screens")
	}
	texts := []string{jp.Tittel}
	for _, k := range jp.Korrespondansepart {
		texts = append(texts, k.Navn)
	}
	var docIDs []string
	for _, d := range jp.Dokumentbeskrivelse {
		texts = append(texts, d.Tittel)
		docIDs = append(docIDs, d.ID)
	}
	checkPhrases(sc.Title.Phrases, texts, add)
	checkWordRanges(sc.Title.Words, jp.Tittel, add)
	for i, id := range sc.Documents.IDs {
		if !slices.Contains(docIDs, id) {
			add(fmt.Sprintf("screens.documents[%d]", i), "not a document of this entry")
		}
	}
	return ps
}

// CheckCaseMarking checks a skjerming on a case's title.
func CheckCaseMarking(sk Skjerming, sm Saksmappe, c *Catalogue, now time.Time) []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	checkBasis(sk, c, now, add)
	sc := sk.Screens
	if sc.Names || sc.Documents.All || len(sc.Documents.IDs) > 0 {
		add("screens", "a case's skjerming screens its title only")
	}
	if !sc.AllMetadata && !sc.Title.Whole && len(sc.Title.Phrases) == 0 && len(sc.Title.Words) == 0 {
		add("screens", "the skjerming withholds nothing: name the title words it screens")
	}
	checkPhrases(sc.Title.Phrases, []string{sm.Tittel}, add)
	checkWordRanges(sc.Title.Words, sm.Tittel, add)
	return ps
}

func checkWordRanges(ranges []WordRange, title string, add func(string, string, ...any)) {
	n := len(words(title))
	for i, r := range ranges {
		if r.From < 0 || r.To < r.From || r.To >= n {
			add(fmt.Sprintf("screens.titleWords[%d]", i), "positions %d–%d are not words of the title, which has %d (counted from 0)", r.From, r.To, n)
		}
	}
}

func checkPhrases(phrases, texts []string, add func(string, string, ...any)) {
	if len(phrases) > MaxPhrases {
		add("screens.titlePhrases", "at most %d phrases", MaxPhrases)
		return
	}
	for i, ph := range phrases {
		field := fmt.Sprintf("screens.titlePhrases[%d]", i)
		switch m := newPhraseMatcher([]string{ph}); {
		case len(m) == 0 || utf8.RuneCountInString(ph) > MaxPhraseLength:
			add(field, "a phrase holds 1 to %d characters with at least one letter or digit", MaxPhraseLength)
		case !slices.ContainsFunc(texts, m.contains):
			add(field, "%q occurs nowhere in the title, names or document titles: check the spelling", ph)
		}
	}
}

// checkBasis checks the basis, the meirinnsyn assessment and the expiry.
func checkBasis(sk Skjerming, c *Catalogue, now time.Time, add func(string, string, ...any)) {
	if strings.TrimSpace(sk.Skjermingshjemmel) == "" {
		add("skjermingshjemmel", "name the legal basis, e.g. Offl. § 13 jf. fvl. § 13 første ledd nr. 1")
	}
	p, known := ParseHjemmel(sk.Skjermingshjemmel).Provision(c)
	mandatory := known && p.Mandatory
	switch m := sk.Meirinnsyn; {
	case mandatory && m != nil:
		add("meirinnsyn", "meirinnsyn (offl. § 11) does not apply to %s: the duty of confidentiality forbids giving access", p.Citation())
	case !mandatory && m == nil:
		add("meirinnsyn", "the basis is discretionary: record the meirinnsyn assessment of offl. § 11 (who, when, outcome, reason)")
	case !mandatory:
		checkMeirinnsyn(*m, now, add)
	}
	if !sk.OpphoererDato.IsZero() && !sk.OpphoererDato.After(now) {
		add("skjermingOpphoererDato", "the expiry must lie in the future; to end the skjerming now, lift it")
	}
}

func checkMeirinnsyn(m Meirinnsyn, now time.Time, add func(string, string, ...any)) {
	if strings.TrimSpace(m.VurdertAv) == "" {
		add("meirinnsyn.vurdertAv", "say who made the assessment")
	}
	if m.VurdertDato.IsZero() || m.VurdertDato.After(now) {
		add("meirinnsyn.vurdertDato", "the assessment's date is required and cannot lie in the future")
	}
	switch m.Utfall {
	case UnntakOpprettholdt, DelvisMeirinnsyn:
	case FulltMeirinnsyn:
		add("meirinnsyn.utfall", "full meirinnsyn releases everything: lift the skjerming instead")
	default:
		add("meirinnsyn.utfall", "the outcome is unntak_opprettholdt or delvis_meirinnsyn")
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(m.Begrunnelse)); n == 0 || n > MaxBegrunnelseChars {
		add("meirinnsyn.begrunnelse", "give a short reason (1 to %d characters)", MaxBegrunnelseChars)
	}
}

// DefaultExpiry is when a skjerming on the basis lapses if staff give no
// expiry: the provision's default duration from the date given (the
// document's date, else the journal date); zero when it has none.
func DefaultExpiry(basis string, c *Catalogue, from time.Time) time.Time {
	p, ok := ParseHjemmel(basis).Provision(c)
	if !ok || p.DefaultDuration == (Period{}) || from.IsZero() {
		return time.Time{}
	}
	return p.DefaultDuration.After(from)
}
