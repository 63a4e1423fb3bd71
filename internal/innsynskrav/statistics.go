package innsynskrav

import (
	"cmp"
	"slices"
	"time"

	"github.com/innsyn/innsyn/internal/offl"
)

// The public statistics of requests for access (GET /statistikk): how many
// were received, how fast they were answered in working days, how they
// ended, how often each exemption was used, and what became of appeals.
// Pure functions of the records, the calendar and now.
//
// Grouping. Summarize groups by unit and month. Other groupings (all units
// of a month, a unit's year, everything) go through SummarizeBy with a key
// of the caller's choosing, which computes every figure afresh from the
// records of the group. Totals are not added up from MonthStats: medians
// and shares cannot be added, and this way MonthStats carries nothing
// hidden and can be built, compared and sent as it is.

// StatRecord is one item as the statistics see it: nothing about who asked.
type StatRecord struct {
	EnhetID    string     // the unit that holds the entry ("" for the free-text items)
	ReceivedAt time.Time  // when the item was received (the order verified)
	DecidedAt  *time.Time // the first decision, nil if none yet
	Outcome    Status     // the current decision (StatusReceived when none)
	Bases      []string   // the catalogue IDs used in a refusal or partial grant
	Appeal     AppealStatus
}

// MonthStats sums up the items of one group: a unit's month for
// Summarize, whatever the key says for SummarizeBy. Items with
// StatusUnverified were never received and are left out.
//
// An item is answered when it has a DecidedAt; its working days run from
// the start day (offl.Calendar.StartDay of ReceivedAt: the day of receipt,
// or the next working day after the cut-off or on a day off) to the local
// date of DecidedAt, counted by offl.Calendar.WorkingDaysBetween, so an
// answer on the start day, or before it (the same evening), is 0.
//
// The deemed-refusal instant is the law's (offl. § 32 (1), five working
// days: offl.Calendar.Deadlines(ReceivedAt).DeemedRefusedAt); an extension
// the requester agreed to does not move it here, since the statistics
// report against the law's clock.
//
// The maps are never nil, so that an empty one is written {} in JSON.
type MonthStats struct {
	EnhetID string
	// Month is "2026-03", by the month of ReceivedAt in the calendar's
	// location; with SummarizeBy, the key's second part.
	Month    string
	Requests int // items received
	Answered int // items with a decision
	// MedianWorkingDays is the middle of the answered items' working days
	// in sorted order, or the mean of the two middle ones for an even
	// count; nil when nothing was answered.
	MedianWorkingDays *float64
	// P90WorkingDays is the 90th percentile by the nearest-rank method: the
	// value at rank ceil(0.9 × n) (counting from 1) of the n answered
	// items' working days in sorted order, so always one of them; nil when
	// nothing was answered.
	P90WorkingDays *float64
	// WithinOne and WithinThree are the shares (0–1) of Requests answered
	// within 1 and 3 working days; unanswered items count as not within.
	// 0 when there are no requests.
	WithinOne   float64
	WithinThree float64
	// Outcomes counts the items by their decision. An undecided item
	// counts as StatusDeemedRefused when now is at or past its
	// deemed-refusal instant, else as StatusReceived.
	Outcomes map[Status]int
	// DeemedRefusals counts the items not decided by their deemed-refusal
	// instant, whether decided later (and counted by that decision in
	// Outcomes) or still open at now.
	DeemedRefusals int
	Appeals        int // items with an appeal
	// AppealOutcomes counts the appeals by where they stand.
	AppealOutcomes map[AppealStatus]int
	// Bases counts the items whose refusal or partial grant (the current
	// Outcome) used each catalogue ID; an ID named twice for one item
	// counts once.
	Bases map[string]int
}

// Summarize sums up the records by unit and by month of receipt in the
// calendar's location, at the instant now, sorted by Month, then EnhetID.
func Summarize(cal *offl.Calendar, records []StatRecord, now time.Time) []MonthStats {
	loc := cal.Location()
	return SummarizeBy(cal, records, now, func(r StatRecord) (string, string) {
		return r.EnhetID, r.ReceivedAt.In(loc).Format("2006-01")
	})
}

// SummarizeBy sums up the records grouped by key, which returns the
// EnhetID and Month of the record's group: ("", "2026-03") gives all units
// of a month, (r.EnhetID, "2026") a unit's year. Every figure is computed
// from the group's records. The result is sorted by Month, then EnhetID.
func SummarizeBy(cal *offl.Calendar, records []StatRecord, now time.Time,
	key func(StatRecord) (enhet, month string)) []MonthStats {
	groups := map[[2]string]*tally{}
	for _, r := range records {
		if r.Outcome == StatusUnverified {
			continue
		}
		enhet, month := key(r)
		g := groups[[2]string{enhet, month}]
		if g == nil {
			g = newTally(enhet, month)
			groups[[2]string{enhet, month}] = g
		}
		g.add(cal, r, now)
	}
	out := make([]MonthStats, 0, len(groups))
	for _, g := range groups {
		out = append(out, g.stats())
	}
	slices.SortFunc(out, func(a, b MonthStats) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.EnhetID, b.EnhetID))
	})
	return out
}

// tally is a group being summed up: the counts so far and the working days
// of each answered item, from which the rest is computed at the end.
type tally struct {
	MonthStats
	days []int
}

func newTally(enhet, month string) *tally {
	return &tally{MonthStats: MonthStats{
		EnhetID:        enhet,
		Month:          month,
		Outcomes:       map[Status]int{},
		AppealOutcomes: map[AppealStatus]int{},
		Bases:          map[string]int{},
	}}
}

func (t *tally) add(cal *offl.Calendar, r StatRecord, now time.Time) {
	t.Requests++
	deemedAt := cal.Deadlines(r.ReceivedAt).DeemedRefusedAt
	outcome := r.Outcome
	switch {
	case r.DecidedAt != nil:
		t.Answered++
		t.days = append(t.days, cal.WorkingDaysBetween(cal.StartDay(r.ReceivedAt), cal.DateOf(*r.DecidedAt)))
		if !r.DecidedAt.Before(deemedAt) {
			t.DeemedRefusals++
		}
	case !now.Before(deemedAt):
		t.DeemedRefusals++
		outcome = StatusDeemedRefused
	default:
		outcome = StatusReceived
	}
	t.Outcomes[outcome]++
	if r.Appeal != AppealNone {
		t.Appeals++
		t.AppealOutcomes[r.Appeal]++
	}
	if r.Outcome == StatusRefused || r.Outcome == StatusPartlyGranted {
		for _, id := range slices.Compact(slices.Sorted(slices.Values(r.Bases))) {
			t.Bases[id]++
		}
	}
}

// stats finishes the group: the percentiles and shares from the days.
func (t *tally) stats() MonthStats {
	s := t.MonthStats
	slices.Sort(t.days)
	s.MedianWorkingDays = median(t.days)
	s.P90WorkingDays = nearestRank(t.days, 90)
	s.WithinOne = share(t.days, 1, s.Requests)
	s.WithinThree = share(t.days, 3, s.Requests)
	return s
}

// median returns the middle of sorted, or the mean of the two middle
// values for an even length; nil for none.
func median(sorted []int) *float64 {
	n := len(sorted)
	if n == 0 {
		return nil
	}
	m := float64(sorted[n/2])
	if n%2 == 0 {
		m = float64(sorted[n/2-1]+sorted[n/2]) / 2
	}
	return &m
}

// nearestRank returns the p-th percentile (0 < p ≤ 100) of sorted by the
// nearest-rank method, the value at rank ceil(p/100 × n); nil for none.
func nearestRank(sorted []int, p int) *float64 {
	n := len(sorted)
	if n == 0 {
		return nil
	}
	rank := max((p*n+99)/100, 1) // ceil(p×n/100) in integer arithmetic, exact for every n
	v := float64(sorted[rank-1])
	return &v
}

// share returns the fraction of total whose days are at most limit.
func share(sorted []int, limit, total int) float64 {
	if total == 0 {
		return 0
	}
	within := 0
	for _, d := range sorted {
		if d <= limit {
			within++
		}
	}
	return float64(within) / float64(total)
}
