package offl

import (
	"regexp"
	"strings"
)

// Identity numbers (LAW.md § 3): a fødselsnummer, D-nummer or H-nummer must
// never be published (offentlegforskrifta § 7 d, offl. § 26 femte ledd).

var (
	k1Weights = [9]int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	k2Weights = [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	// Forms seen in text (eInnsyn's NoSSNValidator checks the same):
	// 11 digits, "DDMMYY NNNNN" and "DD.MM.YY NNNNN". The surrounding
	// non-digit check is done by hand because RE2 has no look-around.
	idNumberPattern = regexp.MustCompile(`\d{2}\.\d{2}\.\d{2} ?\d{5}|\d{6} ?\d{5}`)
)

// ValidIdentityNumber reports whether the 11 digits form a fødselsnummer,
// D-nummer or H-nummer with valid check digits. Both the rule used before
// 2032 and the one from 1 January 2032 are accepted (LAW.md § 3): k1 is
// valid when (Σ w·d + k1) mod 11 is 0 (old rule) or 0–3 (new rule); k2 as
// before.
func ValidIdentityNumber(digits string) bool {
	if len(digits) != 11 || !allDigits(digits) {
		return false
	}
	d := make([]int, 11)
	for i := range digits {
		d[i] = int(digits[i] - '0')
	}
	if !validBirthDate(d) {
		return false
	}
	s1 := d[9]
	for i, w := range k1Weights {
		s1 += w * d[i]
	}
	if s1%11 > 3 {
		return false
	}
	s2 := d[10]
	for i, w := range k2Weights {
		s2 += w * d[i]
	}
	return s2%11 == 0
}

// validBirthDate checks DDMM: day 1–31 (D-nummer adds 4 to the first digit,
// so 41–71) and month 1–12 (H-nummer adds 4 to the third digit, so 41–52).
func validBirthDate(d []int) bool {
	day := d[0]*10 + d[1]
	month := d[2]*10 + d[3]
	if day > 40 {
		day -= 40
	}
	if month > 40 {
		month -= 40
	}
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	return day <= daysIn[month-1]
}

// daysIn holds the most days each month can have (the year is ambiguous).
var daysIn = [12]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// FindIdentityNumbers returns the identity numbers written in text, as 11
// digits each, in the order they occur.
func FindIdentityNumbers(text string) []string {
	if !hasDigits(text, 11) {
		return nil // every form has 11 digits; most titles and names hold far fewer
	}
	var out []string
	for _, loc := range idNumberPattern.FindAllStringIndex(text, -1) {
		if digitAt(text, loc[0]-1) || digitAt(text, loc[1]) {
			continue
		}
		digits := onlyDigits(text[loc[0]:loc[1]])
		if ValidIdentityNumber(digits) {
			out = append(out, digits)
		}
	}
	return out
}

// hasDigits reports whether text holds at least n ASCII digits.
func hasDigits(text string, n int) bool {
	for i := 0; i < len(text) && n > 0; i++ {
		if text[i] >= '0' && text[i] <= '9' {
			n--
		}
	}
	return n == 0
}

// ValidOrganisasjonsnummer reports whether s is a valid 9-digit Norwegian
// organisation number (brreg: weights 3 2 7 6 5 4 3 2, modulus 11).
func ValidOrganisasjonsnummer(s string) bool {
	if len(s) != 9 || !allDigits(s) {
		return false
	}
	weights := [8]int{3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, w := range weights {
		sum += w * int(s[i]-'0')
	}
	check := 11 - sum%11
	switch check {
	case 11:
		check = 0
	case 10:
		return false
	}
	return int(s[8]-'0') == check
}

func digitAt(s string, i int) bool {
	return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9'
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
