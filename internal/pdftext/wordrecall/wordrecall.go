// Package wordrecall compares the words of two extractions of the same
// document: how many of a reference's words another extraction found.
package wordrecall

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Words returns the words of text: runs of letters and digits, after NFC
// normalisation and lower-casing. Everything else separates words, so
// punctuation, hyphens (soft or not) and line breaks do not count.
func Words(text string) []string {
	text = strings.ToLower(norm.NFC.String(text))
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Match returns |ours ∩ ref| counted as multisets (a word found twice in
// ref needs two in ours) and |ref|: recall is their ratio.
func Match(ours, ref []string) (found, total int) {
	have := map[string]int{}
	for _, w := range ours {
		have[w]++
	}
	for _, w := range ref {
		if have[w] > 0 {
			have[w]--
			found++
		}
	}
	return found, len(ref)
}

// Missing returns the words of ref that ours lacks, as a multiset
// difference in ref's order: what to look at when recall is low.
func Missing(ours, ref []string) []string {
	have := map[string]int{}
	for _, w := range ours {
		have[w]++
	}
	var missing []string
	for _, w := range ref {
		if have[w] > 0 {
			have[w]--
			continue
		}
		missing = append(missing, w)
	}
	return missing
}
