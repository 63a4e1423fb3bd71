package offl

import (
	"errors"
	"fmt"
	"slices"
	"time"
	_ "time/tzdata" // the calendar must find Europe/Oslo also where the system has no zoneinfo
)

// The working-day calendar of LAW.md § 2 "Working days": Europe/Oslo,
// Saturdays, Sundays and the Norwegian public holidays off, 24 and 31
// December configurable. Everything here is a pure function of its
// arguments and of a Calendar, which never changes once built.

// Date is a civil date: a day in the calendar, with no time of day and no
// time zone. Deadlines count days, and a day is a day also when the clocks
// change, so day arithmetic is done on Dates, never on instants.
//
// NewDate and DateOf give valid dates; a Date literal such as 31 April is
// read as time.Date would read it (1 May), but only NewDate makes == work on it.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

const secondsPerDay = 24 * 60 * 60

// NewDate returns the date, normalized as time.Date does: 31 April is 1 May.
func NewDate(year int, month time.Month, day int) Date {
	return dateOfUTC(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the date of t as a clock in loc shows it; nil loc: t's own
// location.
func DateOf(t time.Time, loc *time.Location) Date {
	if loc != nil {
		t = t.In(loc)
	}
	y, m, d := t.Date()
	return Date{y, m, d}
}

func dateOfUTC(t time.Time) Date { return DateOf(t, nil) }

// utc is midnight UTC of the date; UTC has no daylight saving time, so
// adding days to it never lands on another hour.
func (d Date) utc() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// days numbers the date: days since 1970-01-01.
func (d Date) days() int64 { return d.utc().Unix() / secondsPerDay }

// IsZero reports whether d is the zero Date, which is no date at all.
func (d Date) IsZero() bool { return d == Date{} }

// AddDays returns the date n calendar days after d (before, if n < 0).
func (d Date) AddDays(n int) Date { return dateOfUTC(d.utc().AddDate(0, 0, n)) }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// Compare returns -1 if d is before e, 0 if they are the same day, +1 if
// d is after e.
func (d Date) Compare(e Date) int {
	a, b := d.days(), e.days()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// String writes the date as ISO 8601: 2006-01-02.
func (d Date) String() string { return d.utc().Format(time.DateOnly) }

// Holiday is a Norwegian public holiday.
type Holiday struct {
	Date Date
	// Name is the holiday's name in bokmål.
	Name string
}

// holidayRule places one public holiday in a year: a fixed date, or a
// number of days from Easter Sunday when month is 0.
type holidayRule struct {
	name  string
	month time.Month
	day   int
}

// holidayRules are the public holidays of LAW.md § 2, in date order except
// that Easter moves. A fixed date comes before a movable holiday that can
// fall on the same day (1 May or 17 May on Ascension Day or Whit Sunday):
// that order names the day.
var holidayRules = [...]holidayRule{
	{"Første nyttårsdag", time.January, 1},
	{"Skjærtorsdag", 0, -3},
	{"Langfredag", 0, -2},
	{"Første påskedag", 0, 0},
	{"Andre påskedag", 0, 1},
	{"Arbeidernes dag", time.May, 1},
	{"Grunnlovsdag", time.May, 17},
	{"Kristi himmelfartsdag", 0, 39},
	{"Første pinsedag", 0, 49},
	{"Andre pinsedag", 0, 50},
	{"Første juledag", time.December, 25},
	{"Andre juledag", time.December, 26},
}

func (r holidayRule) in(year int, easter Date) Date {
	if r.month == 0 {
		return easter.AddDays(r.day)
	}
	return Date{year, r.month, r.day}
}

// Holidays returns the twelve public holidays of a year in date order.
// Two may fall on the same date (1 May on Ascension Day in 2008); both are
// listed, the fixed-date one first.
func Holidays(year int) []Holiday {
	easter := EasterSunday(year)
	hs := make([]Holiday, len(holidayRules))
	for i, r := range holidayRules {
		hs[i] = Holiday{r.in(year, easter), r.name}
	}
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return hs
}

// holidayName returns the name of the public holiday on d, or "".
func holidayName(d Date) string {
	easter := EasterSunday(d.Year)
	for _, r := range holidayRules {
		if r.in(d.Year, easter) == d {
			return r.name
		}
	}
	return ""
}

// EasterSunday returns the date of Easter Sunday by the Gregorian computus,
// computed with the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
// The rules are applied to every year, also before 1583 when the Gregorian
// calendar did not yet exist; floor division keeps the result a Sunday
// between 22 March and 25 April for any year, negative ones included.
func EasterSunday(year int) Date {
	// The steps and names are Meeus's; h places the paschal full moon and l
	// the Sunday after it.
	a := floorMod(year, 19)
	b, c := floorDiv(year, 100), floorMod(year, 100)
	d, e := floorDiv(b, 4), floorMod(b, 4)
	f := floorDiv(b+8, 25)
	g := floorDiv(b-f+1, 3)
	h := floorMod(19*a+b-d-g+15, 30)
	i, k := floorDiv(c, 4), floorMod(c, 4)
	l := floorMod(32+2*e+2*i-h-k, 7)
	m := floorDiv(a+11*h+22*l, 451)
	n := h + l - 7*m + 114
	return Date{year, time.Month(floorDiv(n, 31)), floorMod(n, 31) + 1}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

// TimeOfDay is a wall-clock time, hours 0–23 and minutes 0–59.
type TimeOfDay struct{ Hour, Minute int }

// ParseTimeOfDay reads "15:00" or "9:30".
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return TimeOfDay{}, fmt.Errorf("time of day %q is not of the form 15:00: %w", s, err)
	}
	return TimeOfDay{t.Hour(), t.Minute()}, nil
}

// String writes the time as 15:00.
func (t TimeOfDay) String() string { return fmt.Sprintf("%02d:%02d", t.Hour, t.Minute) }

func (t TimeOfDay) valid() bool { return 0 <= t.Hour && t.Hour < 24 && 0 <= t.Minute && t.Minute < 60 }

func (t TimeOfDay) minutes() int { return t.Hour*60 + t.Minute }

// CalendarConfig holds the body's choices where LAW.md leaves the calendar
// open. Start from DefaultCalendarConfig: NewCalendar takes every field as
// given, so the zero CutOff is midnight, not 15:00.
type CalendarConfig struct {
	// Location is where the body's clocks hang; nil: Europe/Oslo. The
	// holidays are Norwegian whatever the location.
	Location *time.Location
	// CutOff ends the office day: a request received at or after it
	// counts from the next working day.
	CutOff TimeOfDay
	// ChristmasEveOff and NewYearsEveOff make 24 and 31 December
	// non-working days.
	ChristmasEveOff bool
	NewYearsEveOff  bool
	// TargetWorkingDays is the body's own answer target for requests
	// (offl. § 29 (1)), 0 (same day) to MaxTargetWorkingDays; see Deadlines.
	TargetWorkingDays int
}

// DefaultCalendarConfig returns Europe/Oslo with a 15:00 cut-off, 24 and 31
// December off and a target of 3 working days. Public offices commonly
// close, or work half days, on 24 and 31 December (LAW.md § 2), and counting
// them as working days would shorten the body's deadlines; the 15:00
// cut-off is the end of an ordinary office day.
func DefaultCalendarConfig() CalendarConfig {
	return CalendarConfig{
		CutOff:            TimeOfDay{Hour: 15},
		ChristmasEveOff:   true,
		NewYearsEveOff:    true,
		TargetWorkingDays: DefaultTargetWorkingDays,
	}
}

// Calendar tells working days from other days and counts them. It is
// immutable and safe for concurrent use.
type Calendar struct {
	loc             *time.Location
	cutOff          TimeOfDay
	christmasEveOff bool
	newYearsEveOff  bool
	target          int
}

// NewCalendar checks the configuration and builds the calendar.
func NewCalendar(cfg CalendarConfig) (*Calendar, error) {
	var errs []error
	if !cfg.CutOff.valid() {
		errs = append(errs, fmt.Errorf("calendar cut-off %s is not a time of day between 00:00 and 23:59", cfg.CutOff))
	}
	if cfg.TargetWorkingDays < 0 || cfg.TargetWorkingDays > MaxTargetWorkingDays {
		errs = append(errs, fmt.Errorf("calendar target of %d working days is outside 0–%d "+
			"(offl. § 29 (1) guideline: the same day or within 1–3 working days)", cfg.TargetWorkingDays, MaxTargetWorkingDays))
	}
	loc := cfg.Location
	if loc == nil {
		var err error
		if loc, err = time.LoadLocation("Europe/Oslo"); err != nil {
			errs = append(errs, fmt.Errorf("calendar location: %w", err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Calendar{loc, cfg.CutOff, cfg.ChristmasEveOff, cfg.NewYearsEveOff, cfg.TargetWorkingDays}, nil
}

// Location returns the time zone in which the calendar reads instants.
func (c *Calendar) Location() *time.Location { return c.loc }

// DateOf returns the date of t in the calendar's location.
func (c *Calendar) DateOf(t time.Time) Date { return DateOf(t, c.loc) }

// EndOf returns the instant d ends in the calendar's location: the first
// instant of the next day. A deadline on d has passed when now is not
// before it.
func (c *Calendar) EndOf(d Date) time.Time {
	next := d.AddDays(1)
	return time.Date(next.Year, next.Month, next.Day, 0, 0, 0, 0, c.loc)
}

// NonWorkingReason says why d is not a working day: the holiday's name,
// "Julaften" or "Nyttårsaften" when configured off, "lørdag" or "søndag";
// "" for a working day. A holiday on a weekend is named as the holiday.
func (c *Calendar) NonWorkingReason(d Date) string {
	d = NewDate(d.Year, d.Month, d.Day)
	if name := holidayName(d); name != "" {
		return name
	}
	if d.Month == time.December && d.Day == 24 && c.christmasEveOff {
		return "Julaften"
	}
	if d.Month == time.December && d.Day == 31 && c.newYearsEveOff {
		return "Nyttårsaften"
	}
	switch d.Weekday() {
	case time.Saturday:
		return "lørdag"
	case time.Sunday:
		return "søndag"
	}
	return ""
}

// IsWorkingDay reports whether d is a working day.
func (c *Calendar) IsWorkingDay(d Date) bool { return c.NonWorkingReason(d) == "" }

// maxNonWorkingRun is the longest run of days off in a row: Maundy
// Thursday to Easter Monday, five days (a test checks every year from 1900
// to 2200). Easter always falls between 22 March and 25 April, so no other
// days off can join that run, and no longer run exists in any year.
const maxNonWorkingRun = 5

// NextWorkingDay returns the first working day strictly after d. The
// search is bounded: a working day comes within maxNonWorkingRun+1 days.
func (c *Calendar) NextWorkingDay(d Date) Date {
	for range maxNonWorkingRun + 1 {
		d = d.AddDays(1)
		if c.IsWorkingDay(d) {
			return d
		}
	}
	panic("offl: no working day within a week of " + d.String()) // unreachable, see maxNonWorkingRun
}

// AddWorkingDays returns the n-th working day after d; d itself is not
// counted, so AddWorkingDays(d, 0) is d. It panics if n is negative.
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	if n < 0 {
		panic(fmt.Sprintf("offl: AddWorkingDays with negative count %d", n))
	}
	for range n {
		d = c.NextWorkingDay(d)
	}
	return d
}

// WorkingDaysBetween counts the working days after from up to and
// including to; 0 if to is not after from. It counts weekdays by
// arithmetic and then takes off the weekday holidays year by year, so it
// costs one step per year, not per day, and shares no code with
// AddWorkingDays, which tests check it against.
func (c *Calendar) WorkingDaysBetween(from, to Date) int {
	a, b := from.days(), to.days()
	if b <= a {
		return 0
	}
	n := weekdaysIn(a, b)
	for y := dateOfUTC(from.utc()).Year; y <= dateOfUTC(to.utc()).Year; y++ {
		for _, d := range c.closedWeekdays(y) {
			if x := d.days(); a < x && x <= b {
				n--
			}
		}
	}
	return n
}

// weekdaysIn counts the Mondays to Fridays among the day numbers a+1 … b.
func weekdaysIn(a, b int64) int {
	weeks := (b - a) / 7
	n := int(weeks) * 5
	for x := a + weeks*7 + 1; x <= b; x++ { // fewer than 7 days left
		if !isWeekend(time.Unix(x*secondsPerDay, 0).UTC().Weekday()) {
			n++
		}
	}
	return n
}

func isWeekend(w time.Weekday) bool { return w == time.Saturday || w == time.Sunday }

// closedWeekdays returns the distinct Mondays to Fridays of a year that are
// not working days.
func (c *Calendar) closedWeekdays(year int) []Date {
	days := make([]Date, 0, len(holidayRules)+2)
	for _, h := range Holidays(year) {
		days = append(days, h.Date)
	}
	if c.christmasEveOff {
		days = append(days, Date{year, time.December, 24})
	}
	if c.newYearsEveOff {
		days = append(days, Date{year, time.December, 31})
	}
	slices.SortFunc(days, Date.Compare)
	days = slices.Compact(days) // two holidays on one day close it once
	return slices.DeleteFunc(days, func(d Date) bool { return isWeekend(d.Weekday()) })
}

// StartDay returns day 0 of the clock for something received at an
// instant: the day of receipt if that is a working day and the local time
// is before the cut-off, otherwise the next working day.
func (c *Calendar) StartDay(received time.Time) Date {
	local := received.In(c.loc)
	d := DateOf(local, nil)
	if c.IsWorkingDay(d) && local.Hour()*60+local.Minute() < c.cutOff.minutes() {
		return d
	}
	return c.NextWorkingDay(d)
}
