package offl

import (
	"strings"
	"unicode"
)

// Mask replaces every screened word in public text (Noark 5 requirement 5.2.6).
const Mask = "*****"

// A word is a maximal run of letters and digits, where '-', '.', '/', '\”
// and ':' between two letters or digits join the run ("gnr./bnr." is one
// word, "2024/123" is one word). Everything else separates words and is
// kept as it is when words are masked.
type word struct {
	start, end int // byte offsets into the text
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isJoiner(r rune) bool {
	switch r {
	case '-', '.', '/', '\'', ':', '\u2010', '\u2011':
		return true
	}
	return false
}

// words splits text into its words.
func words(text string) []word {
	var out []word
	rs := []rune(text)
	offs := make([]int, len(rs)+1)
	o := 0
	for i, r := range rs {
		offs[i] = o
		o += len(string(r))
	}
	offs[len(rs)] = o
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) {
			if isWordRune(rs[j]) {
				j++
				continue
			}
			if isJoiner(rs[j]) && j+1 < len(rs) && isWordRune(rs[j+1]) {
				j += 2
				continue
			}
			break
		}
		out = append(out, word{offs[i], offs[j]})
		i = j
	}
	return out
}

// fold makes words comparable regardless of case.
func fold(s string) string { return strings.ToLower(s) }

// parts splits a word at its joiners: "Nordmann-Hansen" → Nordmann, Hansen.
func parts(w string) []string {
	return strings.FieldsFunc(w, func(r rune) bool { return !isWordRune(r) })
}

// phraseMatcher finds screened phrases in text.
type phraseMatcher [][]string

func newPhraseMatcher(phrases []string) phraseMatcher {
	var m phraseMatcher
	for _, p := range phrases {
		var ws []string
		for _, w := range words(p) {
			ws = append(ws, fold(p[w.start:w.end]))
		}
		if len(ws) > 0 {
			m = append(m, ws)
		}
	}
	return m
}

// mark sets screened[i] for every word that is part of a phrase occurrence.
// A one-word phrase also matches a part of a joined word, so that screening
// "Nordmann" withholds "Nordmann-Hansen" too: withholding a word too many is
// safe, one too few is a leak.
func (m phraseMatcher) mark(text string, ws []word, screened []bool) {
	folded := make([]string, len(ws))
	for i, w := range ws {
		folded[i] = fold(text[w.start:w.end])
	}
	for _, p := range m {
		for i := 0; i+len(p) <= len(ws); i++ {
			if matchAt(folded, i, p) {
				for k := range p {
					screened[i+k] = true
				}
			}
		}
		if len(p) == 1 {
			for i, f := range folded {
				for _, part := range parts(f) {
					if part == p[0] {
						screened[i] = true
					}
				}
			}
		}
	}
}

func matchAt(folded []string, i int, p []string) bool {
	for k, w := range p {
		if folded[i+k] != w {
			return false
		}
	}
	return true
}

// contains reports whether any phrase occurs in text.
func (m phraseMatcher) contains(text string) bool {
	ws := words(text)
	screened := make([]bool, len(ws))
	m.mark(text, ws, screened)
	for _, s := range screened {
		if s {
			return true
		}
	}
	return false
}

// maskWords returns text with the screened words replaced by Mask.
func maskWords(text string, ws []word, screened []bool) string {
	var b strings.Builder
	last := 0
	for i, w := range ws {
		if !screened[i] {
			continue
		}
		b.WriteString(text[last:w.start])
		b.WriteString(Mask)
		last = w.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// titleMask computes which words of the title a TitleScreen withholds.
func titleMask(title string, ts TitleScreen, whole bool) ([]word, []bool) {
	ws := words(title)
	screened := make([]bool, len(ws))
	for i := range ws {
		screened[i] = whole || ts.Whole
	}
	for _, r := range ts.Words {
		for i := max(r.From, 0); i <= r.To && i < len(ws); i++ {
			screened[i] = true
		}
	}
	newPhraseMatcher(ts.Phrases).mark(title, ws, screened)
	return ws, screened
}

// screenTitle returns the title with the words a TitleScreen selects masked.
// whole withholds every word (a skjerming of all metadata).
func screenTitle(title string, ts TitleScreen, whole bool) string {
	ws, screened := titleMask(title, ts, whole)
	return maskWords(title, ws, screened)
}

// maskPhrases masks the phrases wherever they occur in text.
func maskPhrases(text string, m phraseMatcher) string {
	if len(m) == 0 {
		return text
	}
	ws := words(text)
	screened := make([]bool, len(ws))
	m.mark(text, ws, screened)
	return maskWords(text, ws, screened)
}

// ScreenedWords lists the words of a title that a TitleScreen withholds.
// Tests and the staff view use it to know exactly what must never leak.
func ScreenedWords(title string, ts TitleScreen, whole bool) []string {
	ws, screened := titleMask(title, ts, whole)
	var out []string
	for i, w := range ws {
		if screened[i] {
			out = append(out, title[w.start:w.end])
		}
	}
	return out
}
