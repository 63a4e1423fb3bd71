package offl

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCatalogueDefaultBuilds(t *testing.T) {
	c := DefaultCatalogue()
	if got, want := len(c.Provisions()), len(provisions); got != want {
		t.Fatalf("DefaultCatalogue has %d provisions, data has %d", got, want)
	}
	ps := c.Provisions()
	for i := 1; i < len(ps); i++ {
		a, b := ps[i-1], ps[i]
		if a.Section > b.Section || (a.Section == b.Section && a.Paragraph >= b.Paragraph) {
			t.Errorf("not in citation order: %s before %s", a.ID, b.ID)
		}
	}
}

func TestCatalogueIDsMatchSectionAndParagraph(t *testing.T) {
	for _, p := range DefaultCatalogue().Provisions() {
		want := fmt.Sprintf("offl-%d", p.Section)
		if p.Paragraph > 0 {
			want = fmt.Sprintf("offl-%d-%d", p.Section, p.Paragraph)
		}
		if p.ID != want {
			t.Errorf("§ %d ledd %d: ID %q, want %q", p.Section, p.Paragraph, p.ID, want)
		}
		if p.Section < 12 || p.Section > 26 || p.Paragraph < 0 {
			t.Errorf("%s: section %d paragraph %d out of range", p.ID, p.Section, p.Paragraph)
		}
	}
}

func TestCatalogueSections(t *testing.T) {
	c := DefaultCatalogue()
	tests := []struct {
		name       string
		section    int
		paragraphs []int // paragraph entries that must exist
		scope      Scope
		mandatory  bool
		duration   Period
	}{
		{"§ 12 rest of the document", 12, nil, ScopeDocument, false, Period{}},
		{"§ 13 teieplikt", 13, []int{1}, ScopeInformation, true, Period{Years: 60}},
		{"§ 14 internal documents", 14, []int{1}, ScopeDocument, false, Period{}},
		{"§ 15 documents from outside", 15, []int{1, 2}, ScopeDocument, false, Period{}},
		{"§ 16 municipalities", 16, nil, ScopeDocument, false, Period{}},
		{"§ 17 (no scope in LAW.md: document)", 17, nil, ScopeDocument, false, Period{}},
		{"§ 18 court proceedings", 18, nil, ScopeDocument, false, Period{}},
		{"§ 20 foreign policy", 20, nil, ScopeInformation, false, Period{}},
		{"§ 21 defence and security", 21, nil, ScopeInformation, false, Period{}},
		{"§ 22 state budget", 22, nil, ScopeDocument, false, Period{}},
		{"§ 23 negotiations, procurement, ownership", 23, []int{1, 2, 3, 4}, ScopeInformation, false, Period{}},
		{"§ 24 control, offences, crime", 24, []int{1, 2, 3}, ScopeInformation, false, Period{}},
		{"§ 25 appointment", 25, []int{1, 2}, ScopeDocument, false, Period{}},
		{"§ 26 exams … fødselsnummer", 26, []int{1, 2, 3, 4, 5}, ScopeInformation, false, Period{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, para := range append([]int{0}, tt.paragraphs...) {
				p, ok := c.Provision(provisionID(tt.section, para))
				if !ok {
					t.Fatalf("no entry for § %d ledd %d", tt.section, para)
				}
				if p.Section != tt.section || p.Paragraph != para {
					t.Errorf("%s: § %d ledd %d", p.ID, p.Section, p.Paragraph)
				}
				if p.Scope != tt.scope {
					t.Errorf("%s: scope %q, want %q", p.ID, p.Scope, tt.scope)
				}
				if p.Mandatory != tt.mandatory || p.Discretionary() == tt.mandatory {
					t.Errorf("%s: mandatory %v, want %v", p.ID, p.Mandatory, tt.mandatory)
				}
				if p.DefaultDuration != tt.duration {
					t.Errorf("%s: default duration %+v, want %+v", p.ID, p.DefaultDuration, tt.duration)
				}
			}
		})
	}
}

func TestCatalogueNoSection19(t *testing.T) {
	for _, p := range DefaultCatalogue().Provisions() {
		if p.Section == 19 {
			t.Errorf("%s: § 19 must be left out (LAW.md)", p.ID)
		}
	}
	if p, ok := DefaultCatalogue().Lookup(19, 0); ok {
		t.Errorf("Lookup(19, 0) = %s, want nothing", p.ID)
	}
}

func TestCatalogueOnlySection13Mandatory(t *testing.T) {
	for _, p := range DefaultCatalogue().Provisions() {
		if p.Mandatory != (p.Section == 13) {
			t.Errorf("%s: Mandatory = %v; only § 13 is mandatory", p.ID, p.Mandatory)
		}
		if p.Section != 13 && p.DefaultDuration != (Period{}) {
			t.Errorf("%s: default duration %+v, want zero (only § 13 has one)", p.ID, p.DefaultDuration)
		}
	}
}

func TestCatalogueLapses(t *testing.T) {
	c := DefaultCatalogue()
	tests := []struct {
		name, id string
		lapses   bool
	}{
		{"§ 23 third paragraph: until the supplier is chosen", "offl-23-3", true},
		{"§ 26 second paragraph: until awarded", "offl-26-2", true},
		{"§ 13: no event", "offl-13", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := c.Provision(tt.id)
			has := p.Lapses.NB != "" && p.Lapses.NN != "" && p.Lapses.EN != ""
			if has != tt.lapses || (!tt.lapses && p.Lapses != Text{}) {
				t.Errorf("%s: Lapses %+v, want set: %v", tt.id, p.Lapses, tt.lapses)
			}
		})
	}
}

func TestCatalogueTextsInThreeLanguages(t *testing.T) {
	for _, p := range DefaultCatalogue().Provisions() {
		t.Run(p.ID, func(t *testing.T) {
			for name, txt := range map[string]Text{"Title": p.Title, "Explanation": p.Explanation} {
				for lang, s := range map[string]string{"nb": txt.NB, "nn": txt.NN, "en": txt.EN} {
					if strings.TrimSpace(s) == "" {
						t.Errorf("%s: empty %s %s", p.ID, lang, name)
					}
				}
				if txt.In("nn") != txt.NN || txt.In("en") != txt.EN || txt.In("nb") != txt.NB {
					t.Errorf("%s: Text.In does not pick the language", p.ID)
				}
			}
			if p.Explanation.NN == p.Explanation.NB {
				t.Errorf("%s: nynorsk explanation is the bokmål one", p.ID)
			}
			for lang, s := range map[string]string{"nb": p.Explanation.NB, "nn": p.Explanation.NN, "en": p.Explanation.EN} {
				if n := utf8.RuneCountInString(s); n > 480 {
					t.Errorf("%s: %s explanation is %d characters; keep it short (~450)", p.ID, lang, n)
				}
			}
			if p.Discretionary() {
				if !strings.Contains(p.Explanation.NN, "meirinnsyn") || !strings.Contains(p.Explanation.NB, "merinnsyn") ||
					!strings.Contains(p.Explanation.EN, "§ 11") {
					t.Errorf("%s: discretionary, but the explanation does not mention meirinnsyn (offl. § 11)", p.ID)
				}
			} else if strings.Contains(p.Explanation.NB, "§ 11") {
				t.Errorf("%s: mandatory, but the explanation mentions meirinnsyn", p.ID)
			}
		})
	}
}

// catalogueWords returns the lower-case words of s (letters only).
func catalogueWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		out[w] = true
	}
	return out
}

// Words (with their inflected forms) that belong to one written standard only.
var (
	bokmalOnly  = []string{"ikke", "opplysninger", "opplysningene", "taushetsplikt", "taushetsplikten"}
	nynorskOnly = []string{"ikkje", "opplysningar", "opplysningane", "teieplikt", "teieplikta"}
)

func TestCatalogueWrittenStandards(t *testing.T) {
	type sample struct{ name, nb, nn string }
	samples := []sample{{"RefusalRights", RefusalRights.NB, RefusalRights.NN}}
	for _, p := range DefaultCatalogue().Provisions() {
		samples = append(samples,
			sample{p.ID + " title", p.Title.NB, p.Title.NN},
			sample{p.ID + " explanation", p.Explanation.NB, p.Explanation.NN},
			sample{p.ID + " lapses", p.Lapses.NB, p.Lapses.NN})
	}
	for _, s := range samples {
		nb, nn := catalogueWords(s.nb), catalogueWords(s.nn)
		for _, w := range bokmalOnly {
			if nn[w] {
				t.Errorf("%s: nynorsk text has the bokmål word %q: %s", s.name, w, s.nn)
			}
		}
		for _, w := range nynorskOnly {
			if nb[w] {
				t.Errorf("%s: bokmål text has the nynorsk word %q: %s", s.name, w, s.nb)
			}
		}
	}
}

func TestCatalogueCitation(t *testing.T) {
	c := DefaultCatalogue()
	tests := []struct{ name, id, want string }{
		{"§ 23 third paragraph", "offl-23-3", "offl. § 23 tredje ledd"},
		{"§ 13 section", "offl-13", "offl. § 13"},
		{"§ 26 fifth paragraph", "offl-26-5", "offl. § 26 femte ledd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := c.Provision(tt.id)
			if !ok {
				t.Fatalf("no %s", tt.id)
			}
			if got := p.Citation(); got != tt.want {
				t.Errorf("%s: Citation() = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
}

func TestCatalogueLookup(t *testing.T) {
	c := DefaultCatalogue()
	tests := []struct {
		name               string
		section, paragraph int
		want               string // "" for nothing
	}{
		{"§ 23 third paragraph has its own entry", 23, 3, "offl-23-3"},
		{"§ 23 ninth paragraph falls back to the section", 23, 9, "offl-23"},
		{"§ 13 section", 13, 0, "offl-13"},
		{"§ 12 first paragraph falls back to the section", 12, 1, "offl-12"},
		{"§ 19 is not in the catalogue", 19, 0, ""},
		{"§ 5 (old law) is not in the catalogue", 5, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := c.Lookup(tt.section, tt.paragraph)
			if tt.want == "" {
				if ok {
					t.Errorf("Lookup(%d, %d) = %s, want nothing", tt.section, tt.paragraph, p.ID)
				}
				return
			}
			if !ok || p.ID != tt.want {
				t.Errorf("Lookup(%d, %d) = %q, %v; want %q", tt.section, tt.paragraph, p.ID, ok, tt.want)
			}
		})
	}
}

func TestCatalogueDurationOverrides(t *testing.T) {
	t.Run("§ 13 overridden to 30 years", func(t *testing.T) {
		c, err := NewCatalogue(provisions, map[string]Period{"offl-13": {Years: 30}})
		if err != nil {
			t.Fatal(err)
		}
		p, _ := c.Provision("offl-13")
		if p.DefaultDuration != (Period{Years: 30}) {
			t.Errorf("offl-13 duration %+v, want 30 years", p.DefaultDuration)
		}
		if p, _ := c.Provision("offl-13-1"); p.DefaultDuration != (Period{Years: 60}) {
			t.Errorf("offl-13-1 duration %+v, want the default 60 years", p.DefaultDuration)
		}
		// The package data is not changed by an override.
		if p, _ := DefaultCatalogue().Provision("offl-13"); p.DefaultDuration != (Period{Years: 60}) {
			t.Errorf("default offl-13 duration %+v after override, want 60 years", p.DefaultDuration)
		}
	})
	t.Run("unknown ID is an error", func(t *testing.T) {
		if _, err := NewCatalogue(provisions, map[string]Period{"offl-19": {Years: 5}}); err == nil {
			t.Error("duration for offl-19 accepted")
		}
	})
}

func TestParseDurations(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[string]Period // nil: an error
	}{
		{"§ 13 60 years and § 23 third paragraph none", "offl-13=60y, offl-23-3=0",
			map[string]Period{"offl-13": {Years: 60}, "offl-23-3": {}}},
		{"§ 13 without unit", "offl-13=25", map[string]Period{"offl-13": {Years: 25}}},
		{"empty", "", map[string]Period{}},
		{"§ 13 without =", "offl-13", nil},
		{"§ 13 negative", "offl-13=-1", nil},
		{"§ 13 not a number", "offl-13=lenge", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDurations(tt.in)
			if tt.want == nil {
				if err == nil {
					t.Errorf("ParseDurations(%q) = %v, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDurations(%q): %v", tt.in, err)
			}
			if len(got) != len(tt.want) {
				t.Errorf("ParseDurations(%q) = %v, want %v", tt.in, got, tt.want)
			}
			for id, w := range tt.want {
				if g, ok := got[id]; !ok || g != w {
					t.Errorf("ParseDurations(%q)[%s] = %+v, %v; want %+v", tt.in, id, g, ok, w)
				}
			}
			if _, err := NewCatalogue(provisions, got); err != nil {
				t.Errorf("parsed durations rejected by NewCatalogue: %v", err)
			}
		})
	}
}

func TestRefusalRights(t *testing.T) {
	tests := []struct{ lang, weeks, days string }{
		{"nb", "3 uker", "10 arbeidsdager"},
		{"nn", "3 veker", "10 arbeidsdagar"},
		{"en", "3 weeks", "10 working days"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			s := RefusalRights.In(tt.lang)
			if strings.Count(s, tt.weeks) < 2 {
				t.Errorf("%s: want %q for both fuller reasons and appeal: %s", tt.lang, tt.weeks, s)
			}
			if !strings.Contains(s, tt.days) {
				t.Errorf("%s: want %q: %s", tt.lang, tt.days, s)
			}
			if !strings.Contains(s, "Statsforvalt") {
				t.Errorf("%s: want the Statsforvaltaren/Statsforvalteren: %s", tt.lang, s)
			}
		})
	}
	if RefusalRights.NN == RefusalRights.NB {
		t.Error("nynorsk RefusalRights is the bokmål one")
	}
}
