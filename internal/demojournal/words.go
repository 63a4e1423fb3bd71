package demojournal

import (
	"slices"
	"strings"
	"unicode"

	"github.com/innsyn/innsyn/internal/offl"
)

// wordSpan finds phrase in title and returns the positions of its first
// and last word, counted as offl counts them. The result is checked with
// offl.ScreenedWords, so a position screen never withholds the wrong words.
func wordSpan(title, phrase string) (from, to int, ok bool) {
	i := strings.Index(title, phrase)
	if i < 0 {
		return 0, 0, false
	}
	want := wordsOf(phrase)
	if len(want) == 0 {
		return 0, 0, false
	}
	from = len(wordsOf(title[:i]))
	to = from + len(want) - 1
	got := offl.ScreenedWords(title, offl.TitleScreen{Words: []offl.WordRange{{From: from, To: to}}}, false)
	return from, to, slices.Equal(got, want)
}

// wordsOf splits text into runs of letters and digits, where - . / ' :
// between two such characters join the run (offl's notion of a word).
func wordsOf(text string) []string {
	rs := []rune(text)
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	var out []string
	for i := 0; i < len(rs); {
		if !isWord(rs[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) {
			if isWord(rs[j]) {
				j++
			} else if strings.ContainsRune("-./':", rs[j]) && j+1 < len(rs) && isWord(rs[j+1]) {
				j += 2
			} else {
				break
			}
		}
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}
