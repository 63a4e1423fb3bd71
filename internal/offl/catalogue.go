package offl

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Scope says what an exemption withholds.
type Scope string

// The scopes of an exemption (LAW.md § 1).
const (
	// ScopeInformation withholds only the exempt information; the rest of
	// the document is given (offl. § 12).
	ScopeInformation Scope = "information"
	// ScopeDocument may withhold the whole document.
	ScopeDocument Scope = "document"
)

// Text is one text in the three languages a resident may read it in.
type Text struct {
	NB string // bokmål
	NN string // nynorsk
	EN string // English
}

// In returns the text in a language ("nb", "nn" or "en"; bokmål otherwise).
func (t Text) In(lang string) string {
	switch lang {
	case "nn":
		return t.NN
	case "en":
		return t.EN
	}
	return t.NB
}

// Provision is one exemption basis of offentleglova: a section, or one
// paragraph (ledd) of it.
type Provision struct {
	// ID is stable and used on the wire: "offl-13", "offl-23-3".
	ID        string
	Section   int
	Paragraph int // 0: the whole section
	// Title is the provision's short name.
	Title Title
	// Mandatory is true only for § 13 (teieplikt); all other exemptions are
	// discretionary, so meirinnsyn (§ 11) must be considered.
	Mandatory bool
	Scope     Scope
	// DefaultDuration is how long a skjerming on this basis lasts when
	// staff give no expiry; zero: until lifted. Configurable.
	DefaultDuration Period
	// Lapses describes an event that ends the exemption ("until the
	// supplier is chosen"), when the law ties it to one.
	Lapses Text
	// Explanation says in plain language what the basis means for the
	// person who asked, in bokmål, nynorsk and English.
	Explanation Text
	// Note records what is unverified about this entry (LAW.md marks such
	// facts), for staff and reviewers; empty when nothing is.
	Note string
}

// Title is a provision's short name in the three languages.
type Title = Text

// Citation is the provision's canonical citation: "offl. § 23 tredje ledd".
func (p Provision) Citation() string {
	c := "offl. § " + strconv.Itoa(p.Section)
	if p.Paragraph > 0 {
		c += " " + ordinal(p.Paragraph) + " ledd"
	}
	return c
}

// Discretionary reports whether meirinnsyn must be considered (offl. § 11).
func (p Provision) Discretionary() bool { return !p.Mandatory }

// Catalogue is the set of exemption bases in force, in citation order.
type Catalogue struct {
	provisions []Provision
	byID       map[string]int
}

// NewCatalogue builds a catalogue from provisions, with durations (by
// provision ID) overriding their defaults; a zero Period removes one.
func NewCatalogue(provisions []Provision, durations map[string]Period) (*Catalogue, error) {
	c := &Catalogue{byID: map[string]int{}}
	for _, p := range provisions {
		if d, ok := durations[p.ID]; ok {
			p.DefaultDuration = d
		}
		if _, dup := c.byID[p.ID]; dup {
			return nil, fmt.Errorf("catalogue: %s twice", p.ID)
		}
		c.byID[p.ID] = len(c.provisions)
		c.provisions = append(c.provisions, p)
	}
	for id := range durations {
		if _, ok := c.byID[id]; !ok {
			return nil, fmt.Errorf("catalogue: no provision %q to set a duration for", id)
		}
	}
	slices.SortFunc(c.provisions, func(a, b Provision) int {
		if a.Section != b.Section {
			return a.Section - b.Section
		}
		return a.Paragraph - b.Paragraph
	})
	for i, p := range c.provisions {
		c.byID[p.ID] = i
	}
	return c, nil
}

// DefaultCatalogue is offentleglova §§ 12–26 as LAW.md gives them (§ 19 is
// left out: no reachable source gave its content).
func DefaultCatalogue() *Catalogue {
	c, err := NewCatalogue(provisions, nil)
	if err != nil {
		panic(err) // the built-in data is checked by tests
	}
	return c
}

// CatalogueWithDurations is the default catalogue with the body's own
// default durations (see ParseDurations).
func CatalogueWithDurations(durations map[string]Period) (*Catalogue, error) {
	return NewCatalogue(provisions, durations)
}

// Provisions lists the provisions in citation order.
func (c *Catalogue) Provisions() []Provision { return slices.Clone(c.provisions) }

// Provision returns the provision with the ID.
func (c *Catalogue) Provision(id string) (Provision, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Provision{}, false
	}
	return c.provisions[i], true
}

// Lookup returns the most specific provision for a section and paragraph:
// the paragraph's own entry, else the section's.
func (c *Catalogue) Lookup(section, paragraph int) (Provision, bool) {
	if paragraph > 0 {
		if p, ok := c.Provision(provisionID(section, paragraph)); ok {
			return p, true
		}
	}
	return c.Provision(provisionID(section, 0))
}

func provisionID(section, paragraph int) string {
	if paragraph == 0 {
		return "offl-" + strconv.Itoa(section)
	}
	return "offl-" + strconv.Itoa(section) + "-" + strconv.Itoa(paragraph)
}

// ParseDurations reads duration overrides written as "offl-13=60y,offl-23-3=0".
// A number without unit is years.
func ParseDurations(s string) (map[string]Period, error) {
	out := map[string]Period{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, value, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("duration %q: write provision=years, e.g. offl-13=60y", part)
		}
		years, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(value), "y"))
		if err != nil || years < 0 || years > 200 {
			return nil, fmt.Errorf("duration %q: years must be 0 to 200", part)
		}
		out[strings.TrimSpace(id)] = Period{Years: years}
	}
	return out, nil
}

var ordinals = []string{"", "første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "åttende", "niende", "tiende"}

// ordinal writes a paragraph number as the word the law uses ("tredje").
func ordinal(n int) string {
	if n > 0 && n < len(ordinals) {
		return ordinals[n]
	}
	return strconv.Itoa(n) + "."
}
