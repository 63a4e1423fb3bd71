package offl

import (
	"slices"
	"testing"
)

func TestValidIdentityNumber(t *testing.T) {
	tests := []struct {
		rule   string
		number string
		want   bool
	}{
		{"forskrift § 7 d: fødselsnummer, pre-2032 check digits", "01017012343", true},
		{"forskrift § 7 d: Skatteetaten's worked example for the 2032 rule", "02013299997", true},
		{"forskrift § 7 d: 2032 rule, k1 remainder 1 accepted", k1Remainder("010170123", 1), true},
		{"forskrift § 7 d: 2032 rule, k1 remainder 3 accepted", k1Remainder("010170123", 3), true},
		{"forskrift § 7 d: k1 remainder 4 rejected under both rules", k1Remainder("010170123", 4), false},
		{"forskrift § 7 d: D-nummer, first digit + 4", withChecks("410170123"), true},
		{"forskrift § 7 d: H-nummer, third digit + 4", withChecks("014170123"), true},
		{"wrong k2 is no identity number", flipLast("01017012343"), false},
		{"month 13 is no date", withChecks("011370123"), false},
		{"day 32 is no date", withChecks("320170123"), false},
		{"31 April is no date", withChecks("310470123"), false},
		{"ten digits", "0101701231", false},
		{"letters", "0101701231x", false},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := ValidIdentityNumber(tt.number); got != tt.want {
				t.Errorf("ValidIdentityNumber(%q) = %v, want %v", tt.number, got, tt.want)
			}
		})
	}
}

func TestFindIdentityNumbers(t *testing.T) {
	fnr := "01017012343"
	tests := []struct {
		rule string
		text string
		want []string
	}{
		{"forskrift § 7 d: 11 digits in a title", "Søknad om startlån - " + fnr, []string{fnr}},
		{"forskrift § 7 d: DDMMYY NNNNN", "Klage fra 010170 12343 om vedtak", []string{fnr}},
		{"forskrift § 7 d: DD.MM.YY NNNNN", "Fnr. 01.01.70 12343.", []string{fnr}},
		{"forskrift § 7 d: DD.MM.YY without space", "Fnr 01.01.7012343", []string{fnr}},
		{"part of a longer number is not one", "Konto 9" + fnr + "9", nil},
		{"a valid organisasjonsnummer is not flagged", "Rana Bygg AS org.nr. 974760673", nil},
		{"invalid check digits are not flagged", "Sak 01017012344", nil},
		{"two numbers", fnr + " og 02013299997", []string{fnr, "02013299997"}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := FindIdentityNumbers(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("FindIdentityNumbers(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestValidOrganisasjonsnummer(t *testing.T) {
	tests := []struct {
		rule string
		nr   string
		want bool
	}{
		{"brreg modulus 11: Brønnøysundregistrene", "974760673", true},
		// 9·3+8·2+7·7+6·6+5·5+4·4+1·3+2·2 = 176, 176 mod 11 = 0 → check digit 0.
		{"brreg modulus 11: remainder 0 gives check digit 0", "987654120", true},
		// 9·3+1·2+2·7+3·6+4·5+5·4+6·3+7·2 = 133, 133 mod 11 = 1 → no check digit.
		{"brreg modulus 11: remainder 1 has no valid number", "912345670", false},
		{"wrong check digit", "974760674", false},
		{"eight digits", "97476067", false},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := ValidOrganisasjonsnummer(tt.nr); got != tt.want {
				t.Errorf("ValidOrganisasjonsnummer(%q) = %v, want %v", tt.nr, got, tt.want)
			}
		})
	}
}

// withChecks completes nine digits with the pre-2032 check digits.
func withChecks(nine string) string { return k1Remainder(nine, 0) }

// k1Remainder completes nine digits with a k1 that leaves the given
// remainder, and a matching k2; "" when no digit gives that remainder.
func k1Remainder(nine string, remainder int) string {
	for k1 := range 10 {
		s := k1
		for i, w := range k1Weights {
			s += w * int(nine[i]-'0')
		}
		if s%11 != remainder {
			continue
		}
		ten := nine + string(rune('0'+k1))
		for k2 := range 10 {
			s2 := k2
			for i, w := range k2Weights {
				s2 += w * int(ten[i]-'0')
			}
			if s2%11 == 0 {
				return ten + string(rune('0'+k2))
			}
		}
	}
	return ""
}

func flipLast(s string) string {
	last := (s[len(s)-1]-'0'+1)%10 + '0'
	return s[:len(s)-1] + string(rune(last))
}
