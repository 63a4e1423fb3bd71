package innsynskrav

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/offl"
)

// The helpers are prefixed stat so that they do not collide with those of
// other test files in the package.

func statCalendar(t testing.TB) *offl.Calendar {
	t.Helper()
	c, err := offl.NewCalendar(offl.DefaultCalendarConfig())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var statOsloLoc = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		panic(err)
	}
	return loc
}()

// statOslo is a wall-clock time in Oslo.
func statOslo(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, statOsloLoc)
}

func statPtr[T any](v T) *T { return &v }

// statNow is the instant of the statistics in every case.
var statNow = statOslo(2026, time.March, 2, 12, 0)

// statCase is one row: records, and the groups Summarize must make of them
// at statNow. The rows' groups are disjoint, so all rows together must give
// all their groups, sorted.
type statCase struct {
	covers  string
	records []StatRecord
	want    []MonthStats
}

func statCases() []statCase {
	return []statCase{
		{
			covers: "offl. § 32 (1): Easter 2025, a Friday after the cut-off, a decision after the deemed refusal",
			records: []StatRecord{
				// Start Wednesday 16 April; 17, 18 and 21 April are holidays:
				// 22 April is the first working day after it.
				{EnhetID: "enhet-a", ReceivedAt: statOslo(2025, 4, 16, 10, 0), DecidedAt: statPtr(statOslo(2025, 4, 22, 9, 0)),
					Outcome: StatusGranted},
				// Friday 15:30 starts on Monday 28 April; answered that Monday: 0.
				{EnhetID: "enhet-a", ReceivedAt: statOslo(2025, 4, 25, 15, 30), DecidedAt: statPtr(statOslo(2025, 4, 28, 11, 0)),
					Outcome: StatusRefused, Bases: []string{"offl-24", "offl-13"}, Appeal: AppealUpheld},
				// Start Monday 28 April; 1 May is a holiday, so the answer is due
				// by 6 May and the request deemed refused from 7 May 00:00.
				// Decided 8 May: 7 working days, a deemed refusal, and counted
				// as partly granted.
				{EnhetID: "enhet-a", ReceivedAt: statOslo(2025, 4, 28, 9, 0), DecidedAt: statPtr(statOslo(2025, 5, 8, 10, 0)),
					Outcome: StatusPartlyGranted, Bases: []string{"offl-13"}, Appeal: AppealReceived},
			},
			want: []MonthStats{{
				EnhetID: "enhet-a", Month: "2025-04", Requests: 3, Answered: 3,
				MedianWorkingDays: statPtr(1.0), P90WorkingDays: statPtr(7.0), // [0 1 7]: rank ceil(2.7) = 3
				WithinOne: 2.0 / 3, WithinThree: 2.0 / 3,
				Outcomes:       map[Status]int{StatusGranted: 1, StatusRefused: 1, StatusPartlyGranted: 1},
				DeemedRefusals: 1,
				Appeals:        2, AppealOutcomes: map[AppealStatus]int{AppealUpheld: 1, AppealReceived: 1},
				Bases: map[string]int{"offl-13": 2, "offl-24": 1},
			}},
		},
		{
			covers: "offl. § 32 (1): odd count, decided late, still open past the deemed refusal, a basis named twice",
			records: []StatRecord{
				{EnhetID: "enhet-b", ReceivedAt: statOslo(2026, 1, 5, 9, 0), DecidedAt: statPtr(statOslo(2026, 1, 5, 13, 0)),
					Outcome: StatusNotHeld},
				{EnhetID: "enhet-b", ReceivedAt: statOslo(2026, 1, 6, 10, 0), DecidedAt: statPtr(statOslo(2026, 1, 8, 10, 0)),
					Outcome: StatusRefused, Bases: []string{"offl-14", "offl-14"}},
				// Deemed refused from 15 January 00:00; decided 19 January: 8.
				{EnhetID: "enhet-b", ReceivedAt: statOslo(2026, 1, 7, 10, 0), DecidedAt: statPtr(statOslo(2026, 1, 19, 10, 0)),
					Outcome: StatusRefused, Bases: []string{"offl-14"}, Appeal: AppealAllowed},
				// Undecided and past 28 January 00:00 at statNow: appealed as a
				// deemed refusal.
				{EnhetID: "enhet-b", ReceivedAt: statOslo(2026, 1, 20, 10, 0), Outcome: StatusReceived, Appeal: AppealReceived},
				// Never verified: not received, not counted, no group.
				{EnhetID: "enhet-b", ReceivedAt: statOslo(2026, 2, 3, 10, 0), Outcome: StatusUnverified},
			},
			want: []MonthStats{{
				EnhetID: "enhet-b", Month: "2026-01", Requests: 4, Answered: 3,
				MedianWorkingDays: statPtr(2.0), P90WorkingDays: statPtr(8.0), // [0 2 8]
				WithinOne: 0.25, WithinThree: 0.5, // the open item counts as not within
				Outcomes:       map[Status]int{StatusNotHeld: 1, StatusRefused: 2, StatusDeemedRefused: 1},
				DeemedRefusals: 2,
				Appeals:        2, AppealOutcomes: map[AppealStatus]int{AppealAllowed: 1, AppealReceived: 1},
				Bases: map[string]int{"offl-14": 2},
			}},
		},
		{
			covers: "the month boundary in Oslo time, even count, nothing answered, the free-text item",
			records: []StatRecord{
				// Saturday 31 January 23:30 in Oslo: January, starts Monday 2
				// February, answered Tuesday 3 February: 1.
				{EnhetID: "enhet-a", ReceivedAt: time.Date(2026, 1, 31, 22, 30, 0, 0, time.UTC),
					DecidedAt: statPtr(statOslo(2026, 2, 3, 10, 0)), Outcome: StatusGranted},
				{EnhetID: "enhet-a", ReceivedAt: statOslo(2026, 1, 12, 9, 0), DecidedAt: statPtr(statOslo(2026, 1, 15, 14, 0)),
					Outcome: StatusGranted},
				// Sunday 1 February 00:30 in Oslo: February. Deemed refused from
				// 10 February 00:00.
				{EnhetID: "enhet-a", ReceivedAt: time.Date(2026, 1, 31, 23, 30, 0, 0, time.UTC), Outcome: StatusReceived},
				// Deemed refused from 7 March 00:00: still waiting at statNow.
				{EnhetID: "enhet-a", ReceivedAt: statOslo(2026, 2, 27, 10, 0), Outcome: StatusReceived},
				{EnhetID: "", ReceivedAt: statOslo(2026, 2, 10, 10, 0), DecidedAt: statPtr(statOslo(2026, 2, 10, 11, 0)),
					Outcome: StatusNotHeld},
			},
			want: []MonthStats{{
				EnhetID: "enhet-a", Month: "2026-01", Requests: 2, Answered: 2,
				MedianWorkingDays: statPtr(2.0), P90WorkingDays: statPtr(3.0), // [1 3]: mean of the middle two; rank ceil(1.8) = 2
				WithinOne: 0.5, WithinThree: 1,
				Outcomes:       map[Status]int{StatusGranted: 2},
				AppealOutcomes: map[AppealStatus]int{}, Bases: map[string]int{},
			}, {
				EnhetID: "", Month: "2026-02", Requests: 1, Answered: 1,
				MedianWorkingDays: statPtr(0.0), P90WorkingDays: statPtr(0.0),
				WithinOne: 1, WithinThree: 1,
				Outcomes:       map[Status]int{StatusNotHeld: 1},
				AppealOutcomes: map[AppealStatus]int{}, Bases: map[string]int{},
			}, {
				EnhetID: "enhet-a", Month: "2026-02", Requests: 2,
				Outcomes:       map[Status]int{StatusDeemedRefused: 1, StatusReceived: 1},
				DeemedRefusals: 1,
				AppealOutcomes: map[AppealStatus]int{}, Bases: map[string]int{},
			}},
		},
		{
			covers: "answered the evening of a Friday receipt after the cut-off: 0, not negative",
			records: []StatRecord{
				{EnhetID: "enhet-c", ReceivedAt: statOslo(2025, 5, 2, 15, 30), DecidedAt: statPtr(statOslo(2025, 5, 2, 16, 0)),
					Outcome: StatusGranted},
			},
			want: []MonthStats{{
				EnhetID: "enhet-c", Month: "2025-05", Requests: 1, Answered: 1,
				MedianWorkingDays: statPtr(0.0), P90WorkingDays: statPtr(0.0),
				WithinOne: 1, WithinThree: 1,
				Outcomes:       map[Status]int{StatusGranted: 1},
				AppealOutcomes: map[AppealStatus]int{}, Bases: map[string]int{},
			}},
		},
		{covers: "no records, no groups", want: []MonthStats{}},
	}
}

func TestSummarize(t *testing.T) {
	cal := statCalendar(t)
	var all []StatRecord
	var want []MonthStats
	for _, tt := range statCases() {
		t.Run(tt.covers, func(t *testing.T) {
			statCheck(t, Summarize(cal, tt.records, statNow), tt.want)
		})
		all = append(all, tt.records...)
		want = append(want, tt.want...)
	}
	t.Run("all rows together, sorted by month then unit", func(t *testing.T) {
		slices.Reverse(all) // the order of the records must not matter
		order := [][2]string{{"2025-04", "enhet-a"}, {"2025-05", "enhet-c"}, {"2026-01", "enhet-a"},
			{"2026-01", "enhet-b"}, {"2026-02", ""}, {"2026-02", "enhet-a"}}
		sorted := make([]MonthStats, len(order))
		for i, k := range order {
			j := slices.IndexFunc(want, func(m MonthStats) bool { return m.Month == k[0] && m.EnhetID == k[1] })
			if j < 0 {
				t.Fatalf("no row wants %v", k)
			}
			sorted[i] = want[j]
		}
		statCheck(t, Summarize(cal, all, statNow), sorted)
	})
}

func TestSummarizeBy(t *testing.T) {
	cal := statCalendar(t)
	var all []StatRecord
	for _, tt := range statCases() {
		all = append(all, tt.records...)
	}
	year := func(r StatRecord) (string, string) { return "", r.ReceivedAt.In(statOsloLoc).Format("2006") }
	// The percentiles and shares come from the items, not from the months:
	// 2026's answered items took [0 0 1 2 3 8] working days.
	want := []MonthStats{{
		Month: "2025", Requests: 4, Answered: 4,
		MedianWorkingDays: statPtr(0.5), P90WorkingDays: statPtr(7.0), // [0 0 1 7]: rank ceil(3.6) = 4
		WithinOne: 0.75, WithinThree: 0.75,
		Outcomes:       map[Status]int{StatusGranted: 2, StatusRefused: 1, StatusPartlyGranted: 1},
		DeemedRefusals: 1,
		Appeals:        2, AppealOutcomes: map[AppealStatus]int{AppealUpheld: 1, AppealReceived: 1},
		Bases: map[string]int{"offl-13": 2, "offl-24": 1},
	}, {
		Month: "2026", Requests: 9, Answered: 6,
		MedianWorkingDays: statPtr(1.5), P90WorkingDays: statPtr(8.0), // rank ceil(5.4) = 6
		WithinOne: 3.0 / 9, WithinThree: 5.0 / 9,
		Outcomes: map[Status]int{StatusGranted: 2, StatusNotHeld: 2, StatusRefused: 2,
			StatusDeemedRefused: 2, StatusReceived: 1},
		DeemedRefusals: 3,
		Appeals:        2, AppealOutcomes: map[AppealStatus]int{AppealAllowed: 1, AppealReceived: 1},
		Bases: map[string]int{"offl-14": 2},
	}}
	statCheck(t, SummarizeBy(cal, all, statNow, year), want)
}

func TestPercentiles(t *testing.T) {
	tests := []struct {
		covers      string
		sorted      []int
		median, p90 *float64
	}{
		{"none", nil, nil, nil},
		{"one", []int{4}, statPtr(4.0), statPtr(4.0)},
		{"two: the mean of both; rank ceil(1.8) = 2", []int{1, 4}, statPtr(2.5), statPtr(4.0)},
		{"three: the middle; rank ceil(2.7) = 3", []int{0, 1, 9}, statPtr(1.0), statPtr(9.0)},
		{"four: rank ceil(3.6) = 4", []int{0, 1, 2, 3}, statPtr(1.5), statPtr(3.0)},
		{"ten: rank exactly 9, not 10", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, statPtr(4.5), statPtr(8.0)},
		{"eleven: rank ceil(9.9) = 10", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, statPtr(5.0), statPtr(9.0)},
		{"twenty: rank exactly 18", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19},
			statPtr(9.5), statPtr(17.0)},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			if got := median(tt.sorted); !reflect.DeepEqual(got, tt.median) {
				t.Errorf("median = %v, want %v", statDeref(got), statDeref(tt.median))
			}
			if got := nearestRank(tt.sorted, 90); !reflect.DeepEqual(got, tt.p90) {
				t.Errorf("p90 = %v, want %v", statDeref(got), statDeref(tt.p90))
			}
		})
	}
}

func TestSummarizeJSON(t *testing.T) {
	cal := statCalendar(t)
	got := Summarize(cal, []StatRecord{{EnhetID: "enhet-a", ReceivedAt: statOslo(2026, 2, 27, 10, 0), Outcome: StatusReceived}}, statNow)
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{`"MedianWorkingDays":null`, `"AppealOutcomes":{}`, `"Bases":{}`, `"Outcomes":{"mottatt":1}`} {
		if !strings.Contains(string(b), part) {
			t.Errorf("JSON %s lacks %s", b, part)
		}
	}
	if b, _ := json.Marshal(Summarize(cal, nil, statNow)); string(b) != "[]" {
		t.Errorf("no records: JSON %s, want []", b)
	}
}

func statDeref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// statCheck compares every field of every group, and that no map is nil.
func statCheck(t *testing.T, got, want []MonthStats) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", statShow(got), statShow(want))
	}
	for _, g := range got {
		if g.Outcomes == nil || g.AppealOutcomes == nil || g.Bases == nil {
			t.Errorf("%s %q: a nil map", g.Month, g.EnhetID)
		}
	}
}

// statShow writes groups one per line, pointers followed.
func statShow(ms []MonthStats) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "  %s %q requests %d answered %d median %v p90 %v within1 %v within3 %v outcomes %v deemed %d appeals %d %v bases %v\n",
			m.Month, m.EnhetID, m.Requests, m.Answered, statDeref(m.MedianWorkingDays), statDeref(m.P90WorkingDays), m.WithinOne, m.WithinThree,
			m.Outcomes, m.DeemedRefusals, m.Appeals, m.AppealOutcomes, m.Bases)
	}
	return b.String()
}
