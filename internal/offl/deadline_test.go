package offl

import (
	"testing"
	"time"
)

func TestDeadlines(t *testing.T) {
	target := func(n int) CalendarConfig {
		cfg := DefaultCalendarConfig()
		cfg.TargetWorkingDays = n
		return cfg
	}
	tests := []struct {
		covers   string
		cfg      CalendarConfig
		received time.Time
		// start, due, answerBy, deemedRefusedOn
		want [4]Date
	}{
		// Maundy Thursday 17, Good Friday 18 and Easter Monday 21 April are
		// holidays: the five working days are 22, 23, 24, 25 and 28 April.
		{"offl. § 32 (1): received the Wednesday before Easter 2025", DefaultCalendarConfig(), osloTime(t, 2025, 4, 16, 10, 0),
			[4]Date{date(2025, 4, 16), date(2025, 4, 24), date(2025, 4, 28), date(2025, 4, 29)}},
		{"offl. § 32 (1): Friday before the cut-off, deemed refused on the Saturday", DefaultCalendarConfig(), osloTime(t, 2025, 5, 2, 10, 0),
			[4]Date{date(2025, 5, 2), date(2025, 5, 7), date(2025, 5, 9), date(2025, 5, 10)}},
		{"offl. § 32 (1): Friday after the cut-off counts from Monday", DefaultCalendarConfig(), osloTime(t, 2025, 5, 2, 15, 30),
			[4]Date{date(2025, 5, 5), date(2025, 5, 8), date(2025, 5, 12), date(2025, 5, 13)}},
		{"offl. § 32 (1): received on a Saturday", DefaultCalendarConfig(), osloTime(t, 2025, 5, 3, 11, 0),
			[4]Date{date(2025, 5, 5), date(2025, 5, 8), date(2025, 5, 12), date(2025, 5, 13)}},
		{"offl. § 32 (1): before Christmas, 24 and 31 December off", DefaultCalendarConfig(), osloTime(t, 2025, 12, 22, 10, 0),
			[4]Date{date(2025, 12, 22), date(2025, 12, 30), date(2026, 1, 5), date(2026, 1, 6)}},
		{"offl. § 32 (1): before Christmas, 24 and 31 December working", evesWorking(), osloTime(t, 2025, 12, 22, 10, 0),
			[4]Date{date(2025, 12, 22), date(2025, 12, 29), date(2025, 12, 31), date(2026, 1, 1)}},
		{"offl. § 29 (1): target 0 is the same day", target(0), osloTime(t, 2025, 4, 23, 10, 0),
			[4]Date{date(2025, 4, 23), date(2025, 4, 23), date(2025, 4, 30), date(2025, 5, 1)}},
		{"offl. § 29 (1): target 1 after the cut-off", target(1), osloTime(t, 2025, 4, 23, 16, 0),
			[4]Date{date(2025, 4, 24), date(2025, 4, 25), date(2025, 5, 2), date(2025, 5, 3)}},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			c := mustCalendar(t, tt.cfg)
			d := c.Deadlines(tt.received)
			got := [4]Date{d.Start, d.Due, d.AnswerBy, d.DeemedRefusedOn}
			if got != tt.want {
				t.Errorf("Deadlines(%s): start, due, answer by, deemed refused on = %v, want %v", tt.received, got, tt.want)
			}
			want := c.EndOf(tt.want[2])
			if !d.DeemedRefusedAt.Equal(want) || DateOf(d.DeemedRefusedAt, c.Location()) != tt.want[3] {
				t.Errorf("DeemedRefusedAt = %s, want %s, the first instant of %s", d.DeemedRefusedAt, want, tt.want[3])
			}
			if got := c.WorkingDaysBetween(d.Start, d.AnswerBy); got != DeemedRefusalWorkingDays {
				t.Errorf("%d working days from start to answer-by, want %d", got, DeemedRefusalWorkingDays)
			}
		})
	}
}

func TestIsDeemedRefused(t *testing.T) {
	c := mustCalendar(t, DefaultCalendarConfig())
	oslo := osloZone(t)
	received := osloTime(t, 2025, 4, 16, 10, 0) // the Wednesday before Easter 2025
	if want := osloTime(t, 2025, 4, 29, 0, 0); !c.Deadlines(received).DeemedRefusedAt.Equal(want) {
		t.Fatalf("DeemedRefusedAt = %s, want %s", c.Deadlines(received).DeemedRefusedAt, want)
	}
	tests := []struct {
		covers string
		now    time.Time
		want   bool
	}{
		{"the same day", osloTime(t, 2025, 4, 16, 16, 0), false},
		{"Easter Monday", osloTime(t, 2025, 4, 21, 12, 0), false},
		{"the last instant of the fifth working day", time.Date(2025, 4, 28, 23, 59, 59, 999999999, oslo), false},
		{"the first instant of Tuesday 29 April in Oslo", osloTime(t, 2025, 4, 29, 0, 0), true},
		{"21:59 UTC is still Monday in Oslo (CEST)", utcTime(2025, 4, 28, 21, 59), false},
		{"22:00 UTC is Tuesday 00:00 in Oslo", utcTime(2025, 4, 28, 22, 0), true},
		{"weeks later", osloTime(t, 2025, 6, 1, 12, 0), true},
	}
	for _, tt := range tests {
		t.Run("offl. § 32 (1): "+tt.covers, func(t *testing.T) {
			if got := c.IsDeemedRefused(received, tt.now); got != tt.want {
				t.Errorf("IsDeemedRefused(%s, %s) = %v, want %v", received, tt.now, got, tt.want)
			}
		})
	}
}

func TestFullerReasonsDue(t *testing.T) {
	c := mustCalendar(t, DefaultCalendarConfig())
	tests := []struct {
		covers string
		asked  time.Time
		want   Date
	}{
		{"offl. § 31 (2): asked on a Monday morning", osloTime(t, 2025, 5, 5, 10, 0), date(2025, 5, 19)},
		// Start Monday 26 May; Ascension 29 May and Whit Monday 9 June are off.
		{"offl. § 31 (2): asked on a Friday afternoon, over Ascension and Whitsun", osloTime(t, 2025, 5, 23, 16, 0), date(2025, 6, 11)},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			if got := c.FullerReasonsDue(tt.asked); got != tt.want {
				t.Errorf("FullerReasonsDue(%s) = %s, want %s", tt.asked, got, tt.want)
			}
		})
	}
}

func TestWindows(t *testing.T) {
	c := mustCalendar(t, DefaultCalendarConfig())
	tests := []struct {
		covers   string
		received time.Time
		want     time.Time // the instant the window closes
	}{
		{"a refusal on a Monday: open all of the Monday three weeks later", osloTime(t, 2025, 5, 5, 14, 0), osloTime(t, 2025, 5, 27, 0, 0)},
		{"the hour of receipt does not matter", osloTime(t, 2025, 5, 5, 23, 59), osloTime(t, 2025, 5, 27, 0, 0)},
		{"over the spring DST switch", osloTime(t, 2025, 3, 14, 10, 0), utcTime(2025, 4, 4, 22, 0)},
		{"23:30 UTC is the next day in Oslo; over the autumn DST switch", utcTime(2025, 10, 12, 23, 30), utcTime(2025, 11, 3, 23, 0)},
		{"not extended when the last day is a holiday", osloTime(t, 2025, 12, 4, 9, 0), osloTime(t, 2025, 12, 26, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			if got := c.FullerReasonsWindowEnds(tt.received); !got.Equal(tt.want) {
				t.Errorf("offl. § 31 (2): FullerReasonsWindowEnds(%s) = %s, want %s", tt.received, got, tt.want)
			}
			if got := c.AppealWindowEnds(tt.received); !got.Equal(tt.want) {
				t.Errorf("fvl. § 29: AppealWindowEnds(%s) = %s, want %s", tt.received, got, tt.want)
			}
		})
	}
}
