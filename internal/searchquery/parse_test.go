package searchquery

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// parseTests are the table for TestParse and the seeds for FuzzParse. want
// is the String() of the tree ("" for none); code is the error code, if any.
var parseTests = []struct {
	name, in, want, code string
}{
	// The examples users type.
	{"word", "byggesøknad", "byggesøknad", ""},
	{"phrase and exclusion", `"søknad om skjenkebevilling" -klage`, `"søknad om skjenkebevilling" AND -klage`, ""},
	{"group and required", "(barnehage OR skole) +vedtak", "(barnehage OR skole) AND vedtak", ""},
	{"pipe is OR", "klage | anke", "klage OR anke", ""},
	{"pipe without spaces", "klage|anke", "klage OR anke", ""},
	{"saksnummer", "2024/123", "2024/123", ""},
	{"saksnummer two-digit year", "24/123", "2024/123", ""},
	{"saksnummer with journalpostnummer", "2024/123-4", "2024/123-4", ""},
	{"saksnummer among words", "vedtak 2024/123,", "vedtak AND 2024/123", ""},
	{"saksnummer four-digit year below 100", "0024/5", "0024/5", ""},
	{"not a saksnummer", "2024/12345678", "2024/12345678", ""},
	{"orgnr", "974760673", "974760673", ""},
	// 1·3+2·2+3·7+4·6+5·5+6·4+7·3+8·2 = 138, 138 mod 11 = 6, 11-6 = 5.
	{"orgnr hand-computed check digit", "123456785", "123456785", ""},
	{"orgnr wrong check digit is a word", "123456784", "123456784", ""},
	{"identifier in quotes is a word", `"2024/123"`, `"2024/123"`, ""},
	{"orgnr in quotes is a word", `"974760673"`, `"974760673"`, ""},
	{"case and diacritics kept", "Byggesøknad ÆRE", "Byggesøknad AND ÆRE", ""},

	// Operators and precedence.
	{"implicit AND before OR", "a b OR c", "a AND b OR c", ""},
	{"OR before implicit AND", "a OR b c", "a OR b AND c", ""},
	{"explicit AND", "a AND b OR c AND d", "a AND b OR c AND d", ""},
	{"group under AND", "a (b OR c)", "a AND (b OR c)", ""},
	{"NOT binds tightest", "klage NOT anke vedtak", "klage AND -anke AND vedtak", ""},
	{"NOT group", "klage NOT (anke OR tvist)", "klage AND -(anke OR tvist)", ""},
	{"minus phrase", `vedtak -"klage på vedtak"`, `vedtak AND -"klage på vedtak"`, ""},
	{"minus group", "(barnehage OR skole) -(klage anke)", "(barnehage OR skole) AND -(klage AND anke)", ""},
	{"double minus is a typo", "a --b", "a AND -b", ""},
	{"NOT minus cancels", "a NOT -b", "a AND b", ""},
	{"plus between terms", "a + b", "a AND b", ""},
	{"lowercase or is a word", "klage or anke", "klage AND or AND anke", ""},
	{"lowercase not is a word", "klage not anke", "klage AND not AND anke", ""},
	{"og and eller are stop words", "klage eller anke og tvist", "klage AND anke AND tvist", ""},
	{"nested flattened", "a (b c) (d OR (e OR f))", "a AND b AND c AND (d OR e OR f)", ""},
	{"negated OR branch bounded by AND", "a (b OR -c)", "a AND (b OR -c)", ""},

	// Repairs.
	{"unbalanced quote", `klage "søknad om`, `klage AND "søknad om"`, ""},
	{"lone quote", `klage "`, "klage", ""},
	{"empty phrase", `klage ""`, "klage", ""},
	{"minus empty phrase", `-"" klage`, "klage", ""},
	{"one-word phrase", `"klage"`, "klage", ""},
	{"Norwegian quotes", "«søknad om skjenkebevilling»", `"søknad om skjenkebevilling"`, ""},
	{"typographic quotes", "“søknad om” vedtak", `"søknad om" AND vedtak`, ""},
	{"missing close paren", "(barnehage OR skole", "barnehage OR skole", ""},
	{"missing close parens nested", "a ((b OR c) d", "a AND (b OR c) AND d", ""},
	{"stray close paren", "barnehage) skole", "barnehage AND skole", ""},
	{"stray close paren is ignored, not a group end", "a OR b) c", "a OR b AND c", ""},
	{"empty group", "() klage (())", "klage", ""},
	{"leading OR", "OR klage", "klage", ""},
	{"trailing OR", "klage OR", "klage", ""},
	{"double OR", "a OR OR b", "a OR b", ""},
	{"double pipe", "a || b", "a OR b", ""},
	{"dangling AND", "AND a AND", "a", ""},
	{"lone minus", "- klage", "klage", ""},
	{"trailing minus", "klage -", "klage", ""},
	{"dangling NOT", "klage NOT", "klage", ""},
	{"NOT before OR", "a NOT OR b", "a OR b", ""},
	{"minus before stop word", "-og klage", "klage", ""},
	{"punctuation stripped", "klage, «vedtak»!", "klage AND vedtak", ""},
	{"internal punctuation kept", "hus-bygging e-post www.example.no", "hus-bygging AND e-post AND www.example.no", ""},
	{"keyword with punctuation is a word", "OR, klage", `"OR" AND klage`, ""},
	{"minus keyword is a word", "klage -OR", `klage AND -"OR"`, ""},
	{"control characters separate", "klage\x00anke\tvedtak", "klage AND anke AND vedtak", ""},
	{"invalid UTF-8 separates", "klage\xffanke", "klage AND anke", ""},

	// SQL is just text.
	{"SQL drop", "'; DROP TABLE x; --", "DROP AND TABLE AND x", ""},
	{"SQL tautology", "klage' OR '1'='1", "klage OR 1'='1", ""},
	{"SQL close paren", "Robert'); DROP TABLE journalpost;--", "Robert AND DROP AND TABLE AND journalpost", ""},
	{"tsquery syntax", "klage & !anke <-> :*", "klage AND anke", ""},

	// Empty and errors.
	{"empty", "", "", ""},
	{"whitespace", " \t\n ", "", ""},
	{"only stop words", "og i på", "", CodeNoTerms},
	{"phrase of stop words", `"og i på"`, "", CodeNoTerms},
	{"only punctuation", "!!! ??? --", "", CodeNoTerms},
	{"only operators", "OR ( ) AND NOT", "", CodeNoTerms},
	{"only excluded", "-klage", "", CodeOnlyExcluded},
	{"only excluded group", "-(a b)", "", CodeOnlyExcluded},
	{"only excluded several", "-klage NOT anke", "", CodeOnlyExcluded},
	{"OR with excluded branch", "a OR -b", "", CodeOnlyExcluded},
	{"OR with excluded group branch", "a OR (-b -c)", "", CodeOnlyExcluded},
	{"too long", strings.Repeat("a", MaxLength+1), "", CodeTooLong},
	{"too long 10000", strings.Repeat("klage ", 10000/6+1), "", CodeTooLong},
	{"too many terms", words(40), "", CodeTooComplex},
	{"too long once AND is spelled out", longWords(MaxTerms), "", CodeTooLong},
	{"too deep", strings.Repeat("(", MaxDepth+1) + "a", "", CodeTooComplex},
	{"too deep even when repaired", strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1), "", CodeTooComplex},

	// At the limits.
	{"longest", strings.Repeat("å", MaxLength), strings.Repeat("å", MaxLength), ""},
	{"most terms", words(MaxTerms), strings.ReplaceAll(words(MaxTerms), " ", " AND "), ""},
	{"stop words do not count", words(MaxTerms) + strings.Repeat(" og", 10), strings.ReplaceAll(words(MaxTerms), " ", " AND "), ""},
	{"deepest", strings.Repeat("(", MaxDepth) + "a b", "a AND b", ""},
}

// words returns n distinct words that are not stop words: w1 w2 …
func words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = "w" + strings.Repeat("x", i)
	}
	return strings.Join(ws, " ")
}

// longWords returns n words of 30 digits: n·31-1 characters, and n·35-4
// once the ANDs are spelled out.
func longWords(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fmt.Sprintf("%030d", i)
	}
	return strings.Join(ws, " ")
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := Parse(tt.in)
			if got := errorCode(err); got != tt.code {
				t.Fatalf("Parse(%q) error = %v, want code %q", tt.in, err, tt.code)
			}
			if got := render(x); got != tt.want {
				t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if x == nil {
				return
			}
			y, err := Parse(x.String())
			if err != nil || !reflect.DeepEqual(x, y) {
				t.Errorf("Parse(%q) = %#v, %v; want %#v", x.String(), y, err, x)
			}
		})
	}
}

func TestParseTrees(t *testing.T) {
	tests := []struct {
		in   string
		want Expr
	}{
		{"2024/123", Saksnummer{2024, 123, 0}},
		{"24/123", Saksnummer{2024, 123, 0}},
		{"2024/123-4", Saksnummer{2024, 123, 4}},
		{"974760673", Orgnr{"974760673"}},
		{"974760674", Word{"974760674"}},
		{`"2024/123"`, Word{"2024/123"}},
		{`"søknad  om,  skjenkebevilling"`, Phrase{"søknad om skjenkebevilling"}},
		{`a -"b c" OR d`, Or{[]Expr{And{[]Expr{Word{"a"}, Not{Phrase{"b c"}}}}, Word{"d"}}}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %#v, %v; want %#v", tt.in, got, err, tt.want)
		}
	}
}

func TestErrorMessages(t *testing.T) {
	_, err := Parse("og i på")
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Message, `like "og", "i", "på"`) {
		t.Errorf("Parse(og i på) = %v", err)
	}
	for _, in := range []string{"-klage", "a OR -b", "!!!", strings.Repeat("x", 10000), words(40)} {
		_, err := Parse(in)
		if !errors.As(err, &e) || !strings.HasSuffix(e.Message, ".") || e.Message[0] < 'A' || e.Message[0] > 'Z' {
			t.Errorf("Parse(%.20q) message %v is not a sentence", in, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		x, err := Parse(in)
		if err != nil {
			if code := errorCode(err); code == "" || code == "internal" {
				t.Fatalf("Parse(%q) error %v is not a known *Error", in, err)
			}
			return
		}
		if x == nil {
			return
		}
		if n := countTerms(x); n > MaxTerms {
			t.Fatalf("Parse(%q) has %d terms", in, n)
		}
		if d := parenDepth(x); d > MaxDepth {
			t.Fatalf("Parse(%q) nests %d deep", in, d)
		}
		y, err := Parse(x.String())
		if err != nil || !reflect.DeepEqual(x, y) {
			t.Fatalf("Parse(%q) = %s; parsing that gives %#v, %v; want %#v", in, x, y, err, x)
		}
	})
}

func errorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		switch e.Code {
		case CodeTooLong, CodeTooComplex, CodeNoTerms, CodeOnlyExcluded:
			return e.Code
		}
	}
	return "internal"
}

func render(x Expr) string {
	if x == nil {
		return ""
	}
	return x.String()
}

// parenDepth is the nesting of parentheses in x.String().
func parenDepth(x Expr) int {
	switch x := x.(type) {
	case Not:
		switch x.X.(type) {
		case And, Or:
			return 1 + parenDepth(x.X)
		}
		return parenDepth(x.X)
	case And:
		d := 0
		for _, c := range x.Xs {
			cd := parenDepth(c)
			if _, ok := c.(Or); ok {
				cd++
			}
			d = max(d, cd)
		}
		return d
	case Or:
		d := 0
		for _, c := range x.Xs {
			d = max(d, parenDepth(c))
		}
		return d
	}
	return 0
}
