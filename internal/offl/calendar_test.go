package offl

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) Date { return NewDate(y, m, d) }

func osloZone(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// osloTime is a wall-clock time in Oslo.
func osloTime(t testing.TB, y int, m time.Month, d, hour, minute int) time.Time {
	t.Helper()
	return time.Date(y, m, d, hour, minute, 0, 0, osloZone(t))
}

func utcTime(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, time.UTC)
}

func mustCalendar(t testing.TB, cfg CalendarConfig) *Calendar {
	t.Helper()
	c, err := NewCalendar(cfg)
	if err != nil {
		t.Fatalf("NewCalendar(%+v): %v", cfg, err)
	}
	return c
}

// evesWorking is the default configuration with 24 and 31 December as
// working days.
func evesWorking() CalendarConfig {
	cfg := DefaultCalendarConfig()
	cfg.ChristmasEveOff, cfg.NewYearsEveOff = false, false
	return cfg
}

// easterTable is Easter Sunday from the published tables, checked against
// python-dateutil and Gauss's algorithm when this test was written.
var easterTable = map[int]Date{
	2024: {2024, time.March, 31}, 2025: {2025, time.April, 20}, 2026: {2026, time.April, 5},
	2027: {2027, time.March, 28}, 2028: {2028, time.April, 16}, 2029: {2029, time.April, 1},
	2030: {2030, time.April, 21}, 2031: {2031, time.April, 13}, 2032: {2032, time.March, 28},
	2033: {2033, time.April, 17}, 2034: {2034, time.April, 9}, 2035: {2035, time.March, 25},
	// Edge cases: the earliest and latest possible dates, and the two
	// exceptions of Gauss's algorithm (1954, 1981).
	1818: {1818, time.March, 22}, 2285: {2285, time.March, 22}, 1943: {1943, time.April, 25},
	2038: {2038, time.April, 25}, 1954: {1954, time.April, 18}, 1981: {1981, time.April, 19},
	1583: {1583, time.April, 10}, 1900: {1900, time.April, 15}, 2000: {2000, time.April, 23},
	2008: {2008, time.March, 23}, 2100: {2100, time.March, 28}, 2200: {2200, time.April, 6},
	4099: {4099, time.April, 19},
}

// gaussEaster is Gauss's Easter algorithm with its two exceptions, an
// independent second method for the Gregorian computus.
func gaussEaster(y int) Date {
	a, b, c := y%19, y%4, y%7
	k := y / 100
	p, q := (13+8*k)/25, k/4
	m := (15 - p + k - q) % 30
	n := (4 + k - q) % 7
	d := (19*a + m) % 30
	e := (2*b + 4*c + 6*d + n) % 7
	switch {
	case d == 29 && e == 6:
		return Date{y, time.April, 19}
	case d == 28 && e == 6 && (11*m+11)%30 < 19:
		return Date{y, time.April, 18}
	}
	return NewDate(y, time.March, 22+d+e)
}

func TestEasterSunday(t *testing.T) {
	for year, want := range easterTable {
		if got := EasterSunday(year); got != want {
			t.Errorf("EasterSunday(%d) = %s, want %s", year, got, want)
		}
		if got := gaussEaster(year); got != want {
			t.Errorf("gaussEaster(%d) = %s, want %s (the table or the check is wrong)", year, got, want)
		}
	}
}

func TestEasterSundayAgreesWithGauss(t *testing.T) {
	for year := 1583; year <= 9999; year++ {
		if got, want := EasterSunday(year), gaussEaster(year); got != want {
			t.Fatalf("EasterSunday(%d) = %s, Gauss gives %s", year, got, want)
		}
	}
}

// Years far from today, negative ones included, still give a Sunday in the
// Easter range: the calendar never loops or breaks on an odd year.
func TestEasterSundayAnyYear(t *testing.T) {
	years := []int{-100000, -4713, -1, 0, 1, 33, 1000, 1582, 2201, 10000, 123456, 1_000_000}
	for y := -2000; y < 1583; y += 7 {
		years = append(years, y)
	}
	for _, year := range years {
		e := EasterSunday(year)
		if e.Year != year || e.Weekday() != time.Sunday ||
			e.Before(Date{year, time.March, 22}) || e.After(Date{year, time.April, 25}) {
			t.Errorf("EasterSunday(%d) = %s (%s), want a Sunday from 22 March to 25 April", year, e, e.Weekday())
		}
	}
}

func TestHolidays2024To2035(t *testing.T) {
	movable := map[string]int{
		"Skjærtorsdag": -3, "Langfredag": -2, "Første påskedag": 0, "Andre påskedag": 1,
		"Kristi himmelfartsdag": 39, "Første pinsedag": 49, "Andre pinsedag": 50,
	}
	fixed := map[string][2]int{
		"Første nyttårsdag": {1, 1}, "Arbeidernes dag": {5, 1}, "Grunnlovsdag": {5, 17},
		"Første juledag": {12, 25}, "Andre juledag": {12, 26},
	}
	for year := 2024; year <= 2035; year++ {
		want := map[string]Date{}
		for name, offset := range movable {
			want[name] = easterTable[year].AddDays(offset)
		}
		for name, md := range fixed {
			want[name] = Date{year, time.Month(md[0]), md[1]}
		}
		got := Holidays(year)
		if len(got) != 12 {
			t.Errorf("Holidays(%d) has %d holidays, want 12", year, len(got))
		}
		for i, h := range got {
			if w, ok := want[h.Name]; !ok || h.Date != w {
				t.Errorf("Holidays(%d): %s on %s, want %s", year, h.Name, h.Date, w)
			}
			if i > 0 && h.Date.Before(got[i-1].Date) {
				t.Errorf("Holidays(%d): %s before %s", year, h.Date, got[i-1].Date)
			}
			delete(want, h.Name)
		}
		for name := range want {
			t.Errorf("Holidays(%d): %s missing", year, name)
		}
	}
}

func TestHolidaysByHand(t *testing.T) {
	c := mustCalendar(t, DefaultCalendarConfig())
	tests := []struct {
		covers  string
		date    Date
		name    string
		weekday time.Weekday
	}{
		{"Maundy Thursday 2025", date(2025, 4, 17), "Skjærtorsdag", time.Thursday},
		{"Good Friday 2025", date(2025, 4, 18), "Langfredag", time.Friday},
		{"Easter Monday 2025", date(2025, 4, 21), "Andre påskedag", time.Monday},
		{"Ascension 2025", date(2025, 5, 29), "Kristi himmelfartsdag", time.Thursday},
		{"Whit Sunday 2025", date(2025, 6, 8), "Første pinsedag", time.Sunday},
		{"Whit Monday 2025", date(2025, 6, 9), "Andre pinsedag", time.Monday},
		{"17 May 2026 is a Sunday, named as the holiday", date(2026, 5, 17), "Grunnlovsdag", time.Sunday},
		{"1 May 2008 is also Ascension Day: the fixed date names it", date(2008, 5, 1), "Arbeidernes dag", time.Thursday},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			if got := c.NonWorkingReason(tt.date); got != tt.name {
				t.Errorf("NonWorkingReason(%s) = %q, want %q", tt.date, got, tt.name)
			}
			if got := tt.date.Weekday(); got != tt.weekday {
				t.Errorf("%s is a %s, want %s", tt.date, got, tt.weekday)
			}
		})
	}
	var onFirstMay []string
	for _, h := range Holidays(2008) {
		if h.Date == date(2008, 5, 1) {
			onFirstMay = append(onFirstMay, h.Name)
		}
	}
	if !slices.Equal(onFirstMay, []string{"Arbeidernes dag", "Kristi himmelfartsdag"}) {
		t.Errorf("Holidays(2008) on 1 May: %q, want both, the fixed date first", onFirstMay)
	}
}

func TestIsWorkingDay(t *testing.T) {
	off := mustCalendar(t, DefaultCalendarConfig())
	on := mustCalendar(t, evesWorking())
	tests := []struct {
		covers string
		date   Date
		// reasons with 24 and 31 December off (the default) and working
		evesOff, evesOn string
	}{
		{"an ordinary Monday", date(2025, 12, 22), "", ""},
		{"24 December on a Wednesday, configurable", date(2025, 12, 24), "Julaften", ""},
		{"25 December", date(2025, 12, 25), "Første juledag", "Første juledag"},
		{"26 December", date(2025, 12, 26), "Andre juledag", "Andre juledag"},
		{"a Saturday", date(2025, 12, 27), "lørdag", "lørdag"},
		{"a Sunday", date(2025, 12, 28), "søndag", "søndag"},
		{"the Monday between Christmas and New Year", date(2025, 12, 29), "", ""},
		{"31 December on a Wednesday, configurable", date(2025, 12, 31), "Nyttårsaften", ""},
		{"1 January", date(2026, 1, 1), "Første nyttårsdag", "Første nyttårsdag"},
		{"2 January", date(2026, 1, 2), "", ""},
		{"24 December on a Saturday", date(2022, 12, 24), "Julaften", "lørdag"},
		{"1 May", date(2025, 5, 1), "Arbeidernes dag", "Arbeidernes dag"},
		{"2 May", date(2025, 5, 2), "", ""},
		{"17 May on a Saturday", date(2025, 5, 17), "Grunnlovsdag", "Grunnlovsdag"},
		{"17 May on a Monday", date(2027, 5, 17), "Grunnlovsdag", "Grunnlovsdag"},
		{"Easter Saturday is only a Saturday", date(2025, 4, 19), "lørdag", "lørdag"},
		{"Easter Sunday is named as the holiday", date(2025, 4, 20), "Første påskedag", "Første påskedag"},
		{"a date given out of range is normalized: 32 December is 1 January", Date{2025, 12, 32}, "Første nyttårsdag", "Første nyttårsdag"},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			for _, v := range []struct {
				c    *Calendar
				want string
			}{{off, tt.evesOff}, {on, tt.evesOn}} {
				if got := v.c.NonWorkingReason(tt.date); got != v.want {
					t.Errorf("NonWorkingReason(%s) = %q, want %q", tt.date, got, v.want)
				}
				if got := v.c.IsWorkingDay(tt.date); got != (v.want == "") {
					t.Errorf("IsWorkingDay(%s) = %v with reason %q", tt.date, got, v.want)
				}
			}
		})
	}
}

// maxNonWorkingRun bounds NextWorkingDay's loop; this checks the bound.
func TestLongestNonWorkingRun(t *testing.T) {
	c := mustCalendar(t, DefaultCalendarConfig())
	longest, run := 0, 0
	for d := date(1900, 1, 1); d.Before(date(2201, 1, 1)); d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	if longest != maxNonWorkingRun {
		t.Errorf("longest run of days off 1900–2200 is %d, maxNonWorkingRun is %d", longest, maxNonWorkingRun)
	}
}

func TestNextAndAddWorkingDays(t *testing.T) {
	c := mustCalendar(t, DefaultCalendarConfig())
	tests := []struct {
		covers string
		from   Date
		n      int
		want   Date
	}{
		{"zero days is the date itself, even a Saturday", date(2025, 4, 19), 0, date(2025, 4, 19)},
		{"Friday to Monday", date(2025, 4, 25), 1, date(2025, 4, 28)},
		{"over Easter", date(2025, 4, 16), 1, date(2025, 4, 22)},
		{"over Christmas and New Year", date(2025, 12, 23), 2, date(2025, 12, 30)},
		{"over Ascension and Whitsun", date(2025, 5, 28), 8, date(2025, 6, 11)},
		{"from a Sunday", date(2025, 4, 27), 1, date(2025, 4, 28)},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			if got := c.AddWorkingDays(tt.from, tt.n); got != tt.want {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
			if tt.n == 1 {
				if got := c.NextWorkingDay(tt.from); got != tt.want {
					t.Errorf("NextWorkingDay(%s) = %s, want %s", tt.from, got, tt.want)
				}
			}
		})
	}
}

func TestAddWorkingDaysNegativePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("AddWorkingDays with n = -1 did not panic")
		}
	}()
	mustCalendar(t, DefaultCalendarConfig()).AddWorkingDays(date(2025, 1, 6), -1)
}

func TestWorkingDaysBetween(t *testing.T) {
	c := mustCalendar(t, DefaultCalendarConfig())
	tests := []struct {
		covers   string
		from, to Date
		want     int
	}{
		{"same day", date(2025, 4, 22), date(2025, 4, 22), 0},
		{"backwards", date(2025, 4, 23), date(2025, 4, 22), 0},
		{"from excluded, to included", date(2025, 4, 22), date(2025, 4, 23), 1},
		{"Easter week: 15, 16 and 22 April", date(2025, 4, 14), date(2025, 4, 22), 3},
		{"a whole week", date(2025, 1, 6), date(2025, 1, 13), 5},
		// 2025: 261 weekdays; 1 Jan, 17–18 Apr, 21 Apr, 1 May, 29 May, 9 Jun,
		// 24–26 Dec and 31 Dec fall on weekdays (17 May is a Saturday).
		{"the year 2025", date(2024, 12, 31), date(2025, 12, 31), 261 - 11},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			if got := c.WorkingDaysBetween(tt.from, tt.to); got != tt.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// bruteWorkingDays counts day by day.
func bruteWorkingDays(c *Calendar, from, to Date) int {
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// WorkingDaysBetween counts by arithmetic, AddWorkingDays steps day by day:
// each checks the other on random dates, and both are checked by counting.
func TestWorkingDaysInverse(t *testing.T) {
	rng := rand.New(rand.NewPCG(2025, 416))
	for _, cfg := range []CalendarConfig{DefaultCalendarConfig(), evesWorking()} {
		c := mustCalendar(t, cfg)
		for range 2000 {
			d := date(1900, 1, 1).AddDays(rng.IntN(300 * 366))
			n := rng.IntN(60)
			e := c.AddWorkingDays(d, n)
			if got := c.WorkingDaysBetween(d, e); got != n {
				t.Fatalf("eves off %v: WorkingDaysBetween(%s, AddWorkingDays(%s, %d) = %s) = %d",
					cfg.ChristmasEveOff, d, d, n, e, got)
			}
			if n > 0 && !c.IsWorkingDay(e) {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, not a working day", d, n, e)
			}
			f := d.AddDays(rng.IntN(500) - 50)
			if got, want := c.WorkingDaysBetween(d, f), bruteWorkingDays(c, d, f); got != want {
				t.Fatalf("eves off %v: WorkingDaysBetween(%s, %s) = %d, counting gives %d",
					cfg.ChristmasEveOff, d, f, got, want)
			}
		}
	}
}

func TestWorkingDaysBetweenCenturies(t *testing.T) {
	c := mustCalendar(t, DefaultCalendarConfig())
	from, to := date(1899, 12, 31), date(2200, 12, 31)
	if got, want := c.WorkingDaysBetween(from, to), bruteWorkingDays(c, from, to); got != want {
		t.Errorf("WorkingDaysBetween(%s, %s) = %d, counting gives %d", from, to, got, want)
	}
}

func TestStartDay(t *testing.T) {
	c := mustCalendar(t, DefaultCalendarConfig())
	oslo := osloZone(t)
	tests := []struct {
		covers   string
		received time.Time
		want     Date
	}{
		{"working day before the cut-off", osloTime(t, 2025, 4, 23, 14, 59), date(2025, 4, 23)},
		{"the last instant before the cut-off", time.Date(2025, 4, 23, 14, 59, 59, 999999999, oslo), date(2025, 4, 23)},
		{"exactly at the cut-off counts from the next working day", osloTime(t, 2025, 4, 23, 15, 0), date(2025, 4, 24)},
		{"after the cut-off", osloTime(t, 2025, 4, 23, 16, 0), date(2025, 4, 24)},
		{"just after midnight", osloTime(t, 2025, 4, 23, 0, 0), date(2025, 4, 23)},
		{"Friday after the cut-off: Monday", osloTime(t, 2025, 4, 25, 15, 30), date(2025, 4, 28)},
		{"Saturday: Monday", osloTime(t, 2025, 4, 26, 10, 0), date(2025, 4, 28)},
		{"Ascension Day: the Friday after", osloTime(t, 2025, 5, 29, 9, 0), date(2025, 5, 30)},
		{"Wednesday before Easter after the cut-off: Tuesday after Easter", osloTime(t, 2025, 4, 16, 15, 0), date(2025, 4, 22)},
		{"24 December off by default", osloTime(t, 2025, 12, 24, 10, 0), date(2025, 12, 29)},
		// Daylight saving time starts on 30 March 2025 and ends on 26 October 2025.
		{"Friday before spring DST, 14:30 CET", utcTime(2025, 3, 28, 13, 30), date(2025, 3, 28)},
		{"Friday before spring DST, 15:30 CET", utcTime(2025, 3, 28, 14, 30), date(2025, 3, 31)},
		{"the DST Sunday, 04:30 CEST", utcTime(2025, 3, 30, 2, 30), date(2025, 3, 31)},
		{"Monday after spring DST, 14:30 CEST", utcTime(2025, 3, 31, 12, 30), date(2025, 3, 31)},
		{"Monday after spring DST, 15:30 CEST: 13:30 UTC is after the cut-off", utcTime(2025, 3, 31, 13, 30), date(2025, 4, 1)},
		{"Friday before autumn DST, 15:30 CEST", utcTime(2025, 10, 24, 13, 30), date(2025, 10, 27)},
		{"the autumn DST Sunday, 02:30 CEST", utcTime(2025, 10, 26, 0, 30), date(2025, 10, 27)},
		{"Monday after autumn DST, 14:30 CET: 13:30 UTC is before the cut-off", utcTime(2025, 10, 27, 13, 30), date(2025, 10, 27)},
		{"23:30 UTC on Tuesday is Wednesday 01:30 in Oslo", utcTime(2025, 5, 13, 23, 30), date(2025, 5, 14)},
		{"23:30 UTC on 16 May is 17 May in Oslo", utcTime(2025, 5, 16, 23, 30), date(2025, 5, 19)},
		{"23:30 UTC on 31 December is 1 January in Oslo", utcTime(2025, 12, 31, 23, 30), date(2026, 1, 2)},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			if got := c.StartDay(tt.received); got != tt.want {
				t.Errorf("StartDay(%s) = %s, want %s", tt.received, got, tt.want)
			}
		})
	}
}

func TestStartDayConfigured(t *testing.T) {
	midnight := DefaultCalendarConfig()
	midnight.CutOff = TimeOfDay{}
	late := DefaultCalendarConfig()
	late.CutOff = TimeOfDay{23, 59}
	tests := []struct {
		covers   string
		cfg      CalendarConfig
		received time.Time
		want     Date
	}{
		{"cut-off 00:00: the receipt day never counts", midnight, osloTime(t, 2025, 4, 23, 0, 0), date(2025, 4, 24)},
		{"cut-off 23:59: 23:58 counts", late, osloTime(t, 2025, 4, 23, 23, 58), date(2025, 4, 23)},
		{"cut-off 23:59: 23:59 does not", late, osloTime(t, 2025, 4, 23, 23, 59), date(2025, 4, 24)},
		{"24 December as a working day", evesWorking(), osloTime(t, 2025, 12, 24, 10, 0), date(2025, 12, 24)},
		{"31 December as a working day, after the cut-off", evesWorking(), osloTime(t, 2025, 12, 31, 15, 0), date(2026, 1, 2)},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			if got := mustCalendar(t, tt.cfg).StartDay(tt.received); got != tt.want {
				t.Errorf("StartDay(%s) = %s, want %s", tt.received, got, tt.want)
			}
		})
	}
}

func TestEndOf(t *testing.T) {
	c := mustCalendar(t, DefaultCalendarConfig())
	tests := []struct {
		covers string
		date   Date
		want   time.Time
	}{
		{"winter: midnight CET", date(2025, 1, 6), utcTime(2025, 1, 6, 23, 0)},
		{"summer: midnight CEST", date(2025, 6, 6), utcTime(2025, 6, 6, 22, 0)},
		{"the day before spring DST", date(2025, 3, 29), utcTime(2025, 3, 29, 23, 0)},
		{"the spring DST day has 23 hours", date(2025, 3, 30), utcTime(2025, 3, 30, 22, 0)},
		{"the autumn DST day has 25 hours", date(2025, 10, 26), utcTime(2025, 10, 26, 23, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			if got := c.EndOf(tt.date); !got.Equal(tt.want) {
				t.Errorf("EndOf(%s) = %s, want %s", tt.date, got, tt.want)
			}
		})
	}
}

func TestDate(t *testing.T) {
	d := date(2025, 3, 29)
	if got := d.AddDays(1); got != date(2025, 3, 30) {
		t.Errorf("AddDays over the DST switch = %s", got)
	}
	if got := d.AddDays(-29); got != date(2025, 2, 28) {
		t.Errorf("AddDays(-29) = %s", got)
	}
	if got := date(2024, 2, 30); got != date(2024, 3, 1) {
		t.Errorf("NewDate(2024, 2, 30) = %s, want 2024-03-01", got)
	}
	if got := d.String(); got != "2025-03-29" {
		t.Errorf("String = %q", got)
	}
	if got := date(987, 6, 5).String(); got != "0987-06-05" {
		t.Errorf("String = %q", got)
	}
	if !d.Before(d.AddDays(1)) || d.After(d.AddDays(1)) || d.Compare(d) != 0 || d.AddDays(1).Compare(d) != 1 {
		t.Error("Before/After/Compare disagree with AddDays")
	}
	if got := DateOf(utcTime(2025, 5, 13, 23, 30), osloZone(t)); got != date(2025, 5, 14) {
		t.Errorf("DateOf(23:30 UTC, Oslo) = %s", got)
	}
	if got := DateOf(utcTime(2025, 5, 13, 23, 30), nil); got != date(2025, 5, 13) {
		t.Errorf("DateOf(23:30 UTC, nil) = %s", got)
	}
	if !(Date{}).IsZero() || d.IsZero() {
		t.Error("IsZero")
	}
}

func TestNewCalendar(t *testing.T) {
	with := func(f func(*CalendarConfig)) CalendarConfig {
		cfg := DefaultCalendarConfig()
		f(&cfg)
		return cfg
	}
	tests := []struct {
		covers string
		cfg    CalendarConfig
		errs   []string // substrings of the error; none: valid
	}{
		{"the default", DefaultCalendarConfig(), nil},
		{"the zero config", CalendarConfig{}, nil},
		{"cut-off 00:00", with(func(c *CalendarConfig) { c.CutOff = TimeOfDay{0, 0} }), nil},
		{"cut-off 23:59", with(func(c *CalendarConfig) { c.CutOff = TimeOfDay{23, 59} }), nil},
		{"cut-off 24:00", with(func(c *CalendarConfig) { c.CutOff = TimeOfDay{24, 0} }), []string{"cut-off 24:00"}},
		{"cut-off 15:60", with(func(c *CalendarConfig) { c.CutOff = TimeOfDay{15, 60} }), []string{"cut-off 15:60"}},
		{"negative hour", with(func(c *CalendarConfig) { c.CutOff = TimeOfDay{-1, 0} }), []string{"cut-off"}},
		{"negative minute", with(func(c *CalendarConfig) { c.CutOff = TimeOfDay{12, -5} }), []string{"cut-off"}},
		{"offl. § 29 (1): target 0, the same day", with(func(c *CalendarConfig) { c.TargetWorkingDays = 0 }), nil},
		{"offl. § 29 (1): target 4 is beyond the guideline", with(func(c *CalendarConfig) { c.TargetWorkingDays = 4 }), []string{"target of 4"}},
		{"negative target", with(func(c *CalendarConfig) { c.TargetWorkingDays = -1 }), []string{"target of -1"}},
		{"every problem is reported", CalendarConfig{CutOff: TimeOfDay{25, 0}, TargetWorkingDays: 9}, []string{"cut-off 25:00", "target of 9"}},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			c, err := NewCalendar(tt.cfg)
			if len(tt.errs) == 0 {
				if err != nil {
					t.Fatalf("NewCalendar: %v", err)
				}
				if c.Location().String() != "Europe/Oslo" {
					t.Errorf("Location = %s, want Europe/Oslo", c.Location())
				}
				return
			}
			if err == nil {
				t.Fatalf("NewCalendar(%+v) = nil error, want %q", tt.cfg, tt.errs)
			}
			for _, s := range tt.errs {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
	cfg := DefaultCalendarConfig()
	cfg.Location = time.UTC
	if got := mustCalendar(t, cfg).Location(); got != time.UTC {
		t.Errorf("Location = %s, want the configured UTC", got)
	}
}

func TestParseTimeOfDay(t *testing.T) {
	tests := []struct {
		in   string
		want TimeOfDay
		ok   bool
	}{
		{"15:00", TimeOfDay{15, 0}, true},
		{"9:30", TimeOfDay{9, 30}, true},
		{"00:00", TimeOfDay{0, 0}, true},
		{"23:59", TimeOfDay{23, 59}, true},
		{"24:00", TimeOfDay{}, false},
		{"15:60", TimeOfDay{}, false},
		{"15", TimeOfDay{}, false},
		{"15:00:00", TimeOfDay{}, false},
		{"", TimeOfDay{}, false},
	}
	for _, tt := range tests {
		got, err := ParseTimeOfDay(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseTimeOfDay(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok && got.String() != strings.Replace(tt.in, "9:", "09:", 1) {
			t.Errorf("%v.String() = %q", got, got.String())
		}
	}
}
