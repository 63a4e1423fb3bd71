package offl

import (
	"regexp"
	"strings"
	"unicode"
)

// The scanner turns a skjermingshjemmel into tokens. It never fails: every
// rune is either part of a token or skipped, and each step consumes at
// least one rune, so scanning ends.

type tokenKind int

const (
	tokWord    tokenKind = iota // letters, with dots inside: "offl.", "Off.l", "opp.lova"
	tokNumber                   // digits with an optional letter or -digits: "13", "5a", "3-2"
	tokSection                  // §
	tokPunct                    // one of . , ( ) / ; :
)

type token struct {
	kind tokenKind
	text string
	// spaced is true when whitespace came before the token.
	spaced bool
}

// MaxHjemmelLength bounds what is parsed; longer text is kept but cut for
// parsing.
const MaxHjemmelLength = 500

// multiWordActs are act names written with spaces or hyphens, replaced by
// their abbreviation before scanning.
// Each is tried only on text holding its hint (in lower case), which
// every match contains: most bases hold none, and a regexp costs more than
// the search for a word.
var multiWordActs = []struct {
	hint string
	re   *regexp.Regexp
	abbr string
}{
	{"lov", regexp.MustCompile(`(?i)helse-\s*og\s+omsorgstjenestelov(en|a)?`), "hol"},
	{"lov", regexp.MustCompile(`(?i)helse-\s*og\s+omsorgstenestelov(a|en)?`), "hol"},
	{"lov", regexp.MustCompile(`(?i)plan-\s*og\s+bygningslov(en|a)?`), "pbl"},
	{"lov", regexp.MustCompile(`(?i)pasient-\s*og\s+brukerrettighetslov(en|a)?`), "pbrl"},
	{"lov", regexp.MustCompile(`(?i)\boff\.\s*lov(a|en)?\b`), "offl"},
	{"lov", regexp.MustCompile(`(?i)\bforvaltn\.\s*lov(a|en)?\b`), "fvl"},
	// A hyphenated section number broken over a line: "§ 15-\n1".
	{"-", regexp.MustCompile(`(\d)-\s+(\d)`), "$1-$2"},
}

func normalize(s string) string {
	if r := []rune(s); len(r) > MaxHjemmelLength {
		s = string(r[:MaxHjemmelLength])
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' {
			return ' '
		}
		return r
	}, s)
	lower := strings.ToLower(s)
	for _, m := range multiWordActs {
		if strings.Contains(lower, m.hint) {
			s = m.re.ReplaceAllString(s, m.abbr)
		}
	}
	return strings.ReplaceAll(s, "§§", "§")
}

func scan(s string) []token {
	rs := []rune(normalize(s))
	var toks []token
	spaced := false
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == ' ':
			spaced = true
			i++
			continue
		case r == '§':
			toks = append(toks, token{tokSection, "§", spaced})
			i++
		case unicode.IsDigit(r):
			j := scanNumber(rs, i)
			toks = append(toks, token{tokNumber, string(rs[i:j]), spaced})
			i = j
		case unicode.IsLetter(r):
			j := i + 1
			for j < len(rs) && (unicode.IsLetter(rs[j]) || (rs[j] == '.' && j+1 < len(rs) && unicode.IsLetter(rs[j+1]))) {
				j++
			}
			word := string(rs[i:j])
			// "jf.Pjl": the reference marker glued to the act.
			if lower := strings.ToLower(word); strings.HasPrefix(lower, "jf.") || strings.HasPrefix(lower, "jfr.") {
				k := strings.Index(word, ".") + 1
				toks = append(toks, token{tokWord, word[:k-1], spaced})
				spaced, word = false, word[k:]
			}
			toks = append(toks, token{tokWord, word, spaced})
			i = j
		case strings.ContainsRune(".,()/;:", r):
			toks = append(toks, token{tokPunct, string(r), spaced})
			i++
		default:
			i++ // other marks ("–", "*") separate but mean nothing
		}
		spaced = false
	}
	return toks
}

// scanNumber reads digits, then one letter not followed by another ("5a",
// "11d", "1b"), or a hyphen and digits ("3-2").
func scanNumber(rs []rune, i int) int {
	j := i
	for j < len(rs) && unicode.IsDigit(rs[j]) {
		j++
	}
	switch {
	case j < len(rs) && unicode.IsLetter(rs[j]) && (j+1 == len(rs) || !unicode.IsLetter(rs[j+1])):
		j++
	case j+1 < len(rs) && rs[j] == '-' && unicode.IsDigit(rs[j+1]):
		j++
		for j < len(rs) && unicode.IsDigit(rs[j]) {
			j++
		}
	}
	return j
}
