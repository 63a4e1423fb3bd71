package demojournal

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/innsyn/innsyn/internal/offl"
)

// A case template produces a casePlan: the case's title and unit and the
// sequence of entries it will get. Dates, numbers and IDs are added later,
// when the entries are emitted in journaldato order.

// party is an external correspondent.
type party struct {
	navn, orgnr, adresse, postnr, poststed string
	person                                 bool
}

// docScreen says which documents a skjerming withholds.
type docScreen uint8

const (
	noDocs   docScreen = iota
	allDocs            // Documents.All
	listDocs           // Documents.IDs = every document, listed
	mainDoc            // Documents.IDs = the hoveddokument
)

// skjPlan is a skjerming before the entry's documents have SystemIDs.
type skjPlan struct {
	restr, basis string
	// phrases are withheld in the title and wherever else they occur.
	phrases []string
	// byWords screens phrases[0] in the title by word positions instead.
	byWords   bool
	names     bool
	docs      docScreen
	partsOnly bool
	// lapseAt is the index of the entry in the case whose journaldato ends
	// the skjerming (a tender is exempt until the supplier is chosen); -1: never.
	lapseAt int
	// years is the skjermingsvarighet counted from the journaldato; 0: none.
	years int
}

// entryPlan is one journal entry of a case.
type entryPlan struct {
	typ   offl.Journalposttype
	title string
	// gap is the number of calendar days after the previous entry.
	gap  int
	from *party   // EA, for incoming documents
	to   []*party // EM
	cc   []*party // EK
	// unit writes or receives the entry; "" means the case's unit.
	unit string
	// toUnit is the internal recipient of an N entry ("" for X and S).
	toUnit string
	// mainDoc is the hoveddokument's title; "" means the entry's title.
	mainDoc string
	attach  []string
	skj     *skjPlan
}

// casePlan is a case with its planned entries.
type casePlan struct {
	title, unit string
	// about describes the matter in words that are safe to publish; the
	// letters' body text is built from it.
	about string
	// skj screens the case title; entrySkj is the default for every entry
	// of a case about a person whose name is screened.
	skj, entrySkj *skjPlan
	entries       []entryPlan
}

// planner holds what the case templates draw from.
type planner struct {
	r     *rand.Rand
	orgs  *orgPools
	staff map[string][]string
	// date is the day the case starts; templates use its year in titles.
	date time.Time
	// used holds subjects that occur once (a year's budget, a hearing), so
	// that no two cases get them.
	used map[string]bool
}

// fresh draws a subject with draw until it finds one not used before,
// giving up after a few tries once the subjects run out.
func (p *planner) fresh(draw func() string) (string, bool) {
	for range 8 {
		if s := draw(); !p.used[s] {
			p.used[s] = true
			return s, true
		}
	}
	return "", false
}

func (p *planner) year() int { return p.date.Year() }

// add appends an entry and returns it for further settings; the pointer is
// valid until the next add.
func (c *casePlan) add(e entryPlan) *entryPlan {
	c.entries = append(c.entries, e)
	return &c.entries[len(c.entries)-1]
}

// in plans an incoming document from a sender.
func (c *casePlan) in(gap int, from *party, title string, attach ...string) *entryPlan {
	return c.add(entryPlan{typ: offl.Inngaaende, gap: gap, from: from, title: title, attach: attach})
}

// out plans an outgoing document to one or more recipients.
func (c *casePlan) out(gap int, to *party, title string, attach ...string) *entryPlan {
	return c.add(entryPlan{typ: offl.Utgaaende, gap: gap, to: []*party{to}, title: title, attach: attach})
}

// note plans an internal note (N to another unit, X without follow-up) or
// a saksframlegg (S).
func (c *casePlan) note(typ offl.Journalposttype, gap int, toUnit, title string, attach ...string) *entryPlan {
	return c.add(entryPlan{typ: typ, gap: gap, toUnit: toUnit, title: title, attach: attach})
}

// protect marks a case about a person whose names must be screened: the
// case title gets a skjerming of the phrases, and every entry that has no
// skjerming of its own gets one that screens the phrases, the
// correspondents' names and the documents.
func (p *planner) protect(c *casePlan, restr, basis string, phrases ...string) {
	c.skj = &skjPlan{restr: restr, basis: basis, phrases: phrases, lapseAt: -1}
	e := &skjPlan{restr: restr, basis: basis, phrases: phrases, names: true, docs: allDocs, lapseAt: -1}
	if chance(p.r, 0.3) {
		// Some archive systems list the screened documents one by one
		// instead of marking them all.
		e.docs = listDocs
	}
	if chance(p.r, 0.3) {
		e.byWords = true
	}
	if chance(p.r, 0.4) {
		e.years = 60 // a common skjermingsvarighet for personal matters
	}
	c.entrySkj = e
}

// docsOnly is a skjerming of the documents alone (§§ 14, 15, 23, 24, 25).
func docsOnly(restr, basis string) *skjPlan {
	return &skjPlan{restr: restr, basis: basis, docs: allDocs, lapseAt: -1}
}

// person draws someone whose name may be published, with an address.
func (p *planner) person() *party {
	d := pick(p.r, districts)
	return &party{
		navn:    pick(p.r, publicFirstNames) + " " + pick(p.r, publicSurnames),
		adresse: fmt.Sprintf("%s %d", pick(p.r, d.streets), between(p.r, 1, 80)),
		postnr:  d.postnr, poststed: d.poststed, person: true,
	}
}

// secretAdult draws an adult whose name is always screened; surname "" draws one.
func (p *planner) secretAdult(surname string) *party {
	if surname == "" {
		surname = pick(p.r, secretSurnames)
	}
	d := pick(p.r, districts)
	return &party{
		navn:    pick(p.r, secretAdultNames) + " " + surname,
		adresse: fmt.Sprintf("%s %d", pick(p.r, d.streets), between(p.r, 1, 80)),
		postnr:  d.postnr, poststed: d.poststed, person: true,
	}
}

// secretChild draws a child's name (never a correspondent itself).
func (p *planner) secretChild() (first, last string) {
	return pick(p.r, secretChildNames), pick(p.r, secretSurnames)
}

// org draws an organisation of a kind.
func (p *planner) org(k orgKind) *party { return &p.orgs[k][p.r.IntN(len(p.orgs[k]))] }

// orgs draws n distinct organisations of a kind.
func (p *planner) orgsOf(k orgKind, n int) []*party {
	idx := p.r.Perm(len(p.orgs[k]))
	n = min(n, len(idx))
	out := make([]*party, n)
	for i := range n {
		out[i] = &p.orgs[k][idx[i]]
	}
	return out
}

// property is a cadastral unit with an address.
type property struct {
	gnr, bnr          int
	adresse, distrikt string
}

func (p *planner) property() property {
	d := pick(p.r, districts)
	return property{
		gnr: between(p.r, 1, 140), bnr: between(p.r, 1, 900),
		adresse:  fmt.Sprintf("%s %d", pick(p.r, d.streets), between(p.r, 1, 120)),
		distrikt: d.name,
	}
}

// ref is "gnr. 23 bnr. 145", the way property is written in titles.
func (e property) ref() string { return fmt.Sprintf("gnr. %d bnr. %d", e.gnr, e.bnr) }

// days draws a gap in days.
func (p *planner) days(lo, hi int) int { return between(p.r, lo, hi) }
