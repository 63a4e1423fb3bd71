package demojournal

import (
	"math/rand/v2"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// generator holds the state of one Generate call.
type generator struct {
	opts  Options
	r     *rand.Rand // records
	fr    *rand.Rand // files only, so that Files does not change records
	p     planner
	start time.Time
	// lastDay is the last working day of the period, in days after start.
	lastDay int
	queue   entryQueue
	seq     int
	// planned counts entries given to cases so far; emitted those sent.
	planned, emitted int
	// The start of the next case: day cur, with cumBefore entries dated
	// before it, perDay entries planned on each day, and target[d] the
	// number of entries that should be dated on or before day d.
	cur, cumBefore int
	perDay, target []int
	caseSeq        map[int]int // last sakssekvensnummer per saksaar
	journalYear    int
	journalSeq     int
	// nextFnr is the emitted count after which the next entry that can
	// take one gets an unscreened fødselsnummer in its title.
	nextFnr  int
	fnrCount int
	batch    journal.Batch
	files    []File
}

// caseState is a planned case whose entries are waiting to be emitted.
type caseState struct {
	plan      casePlan
	days      []int
	saksmappe journal.SaksmappeInput
	staff     string
}

func newGenerator(opts Options) *generator {
	r := newRand(opts.Seed, streamJournal)
	start := time.Date(opts.Start.Year(), opts.Start.Month(), opts.Start.Day(), 0, 0, 0, 0, time.UTC)
	g := &generator{
		opts:    opts,
		r:       r,
		fr:      newRand(opts.Seed, streamFiles),
		start:   start,
		caseSeq: map[int]int{},
		nextFnr: fnrEvery / 2,
	}
	g.p = planner{r: r, orgs: newOrgPools(r), staff: staffByUnit(r), used: map[string]bool{}}
	end := int(start.AddDate(opts.Years, 0, 0).Sub(start).Hours() / 24)
	g.lastDay = end - 1
	for !g.workday(g.lastDay) {
		g.lastDay--
	}
	g.cur = g.workdayFrom(0)
	g.perDay = make([]int, g.lastDay+1)
	g.target = make([]int, g.lastDay+1)
	weights := make([]float64, g.lastDay+1)
	total := 0.0
	for d := range weights {
		if g.workday(d) {
			weights[d] = monthWeight[g.date(d).Month()-1]
		}
		total += weights[d]
	}
	sum := 0.0
	for d, w := range weights {
		sum += w
		g.target[d] = int(float64(opts.Entries) * sum / total)
	}
	return g
}

// monthWeight shapes the year: quiet in the July holidays and around
// Christmas, busy in spring and autumn.
var monthWeight = [12]float64{1.0, 1.05, 1.1, 1.0, 0.95, 1.0, 0.45, 0.95, 1.1, 1.1, 1.1, 0.8}

// fnrEvery spaces the deliberate fødselsnummer mistakes: 8 in the demo.
const fnrEvery = 400

func (g *generator) date(day int) time.Time { return g.start.AddDate(0, 0, day) }

// workday reports whether the archive is open: not a weekend, not a
// fixed-date public holiday, and not Christmas Eve or New Year's Eve, which
// most municipalities close (LAW.md § 2). The moving Easter holidays are
// ignored, which only makes a few entries fall on them.
func (g *generator) workday(day int) bool {
	d := g.date(day)
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	switch {
	case d.Month() == time.January && d.Day() == 1,
		d.Month() == time.May && (d.Day() == 1 || d.Day() == 17),
		d.Month() == time.December && (d.Day() == 24 || d.Day() == 25 || d.Day() == 26 || d.Day() == 31):
		return false
	}
	return true
}

func (g *generator) workdayFrom(day int) int {
	for !g.workday(day) {
		day++
	}
	return day
}

// nextStart is the start day of the next case. Cases start on a day until
// the entries dated on or before it (follow-ups of earlier cases included)
// reach the target curve, then the next working day is taken. Entries
// dated before the current day are final, as new cases only add entries
// on or after it, so the journal's density follows the curve from the
// first day to the last without a slow start or a crowded end.
func (g *generator) nextStart() int {
	for g.cur < g.lastDay && g.cumBefore+g.perDay[g.cur] >= g.target[g.cur] {
		g.cumBefore += g.perDay[g.cur]
		g.cur = g.workdayFrom(g.cur + 1)
	}
	return g.cur
}

// planCase draws the next case, dates its entries and queues them. Entries
// that would fall after the period are dropped: the case is still open.
func (g *generator) planCase() {
	day := g.nextStart()
	g.p.date = g.date(day)
	plan := g.pickKind()(&g.p)
	days := make([]int, 0, len(plan.entries))
	d := day
	for i, e := range plan.entries {
		if i > 0 {
			d = g.workdayFrom(d + e.gap)
		}
		if d > g.lastDay || len(days) == maxEntriesPerCase || g.planned+len(days) == g.opts.Entries {
			break
		}
		days = append(days, d)
	}
	closed := len(days) == len(plan.entries) && days[len(days)-1] < g.lastDay-30
	plan.entries = plan.entries[:len(days)]
	g.planned += len(days)

	saksdato := g.date(day)
	year := saksdato.Year()
	g.caseSeq[year]++
	cs := &caseState{plan: plan, days: days, staff: pick(g.r, g.p.staff[plan.unit])}
	status := "B" // under behandling
	if closed {
		status = "A" // avsluttet
	}
	cs.saksmappe = journal.SaksmappeInput{
		EnhetKode: plan.unit,
		Saksmappe: offl.Saksmappe{
			SystemID:          newUUID(g.r),
			Saksaar:           year,
			Sakssekvensnummer: g.caseSeq[year],
			Saksdato:          saksdato,
			Tittel:            plan.title,
			Saksansvarlig:     cs.staff,
			Saksstatus:        status,
			Skjerming:         caseSkjerming(plan.skj),
		},
	}
	for i, d := range days {
		g.perDay[d]++
		g.seq++
		g.queue.push(queued{day: d, seq: g.seq, cs: cs, i: i})
	}
}

// caseSkjerming screens the phrases in the case title.
func caseSkjerming(sp *skjPlan) *offl.Skjerming {
	if sp == nil {
		return nil
	}
	return &offl.Skjerming{
		Tilgangsrestriksjon: sp.restr,
		Skjermingshjemmel:   sp.basis,
		Screens:             offl.Screens{Title: offl.TitleScreen{Phrases: sp.phrases}},
	}
}

// queued is an entry waiting for its day.
type queued struct {
	day, seq int
	cs       *caseState
	i        int
}

func (a queued) before(b queued) bool {
	return a.day < b.day || a.day == b.day && a.seq < b.seq
}

// entryQueue is a binary min-heap ordered by (day, seq), so entries of one
// day leave in the order they were planned and a case's entries stay in
// order.
type entryQueue struct{ h []queued }

func (q *entryQueue) len() int    { return len(q.h) }
func (q *entryQueue) min() queued { return q.h[0] }

func (q *entryQueue) push(x queued) {
	q.h = append(q.h, x)
	i := len(q.h) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if !q.h[i].before(q.h[parent]) {
			break
		}
		q.h[i], q.h[parent] = q.h[parent], q.h[i]
		i = parent
	}
}

func (q *entryQueue) pop() queued {
	top := q.h[0]
	last := len(q.h) - 1
	q.h[0] = q.h[last]
	q.h[last] = queued{} // drop the reference so finished cases can be collected
	q.h = q.h[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(q.h) && q.h[l].before(q.h[m]) {
			m = l
		}
		if r < len(q.h) && q.h[r].before(q.h[m]) {
			m = r
		}
		if m == i {
			break
		}
		q.h[i], q.h[m] = q.h[m], q.h[i]
		i = m
	}
	return top
}
