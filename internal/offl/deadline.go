package offl

import "time"

// The deadlines of offentleglova §§ 29–32 and forvaltningsloven § 29
// (LAW.md § 2), as functions of a Calendar.
//
// Counting working days: the start day (Calendar.StartDay) is day 0, and
// "n working days" ends with the n-th working day after it, so the date is
// AddWorkingDays(start, n) and the deadline passes at EndOf that date. A
// request received on a working day before the cut-off starts on that
// day; one received later, or on a day off, starts on the next working day.

// The periods the law sets.
const (
	// DefaultTargetWorkingDays is the answer target of DefaultCalendarConfig.
	// Offl. § 29 (1) asks for an answer without undue delay; the guideline
	// (Rettleiar til offentleglova p. 162) says the same day or within 1–3
	// working days, and this takes its outer limit.
	DefaultTargetWorkingDays = 3
	// MaxTargetWorkingDays is the longest target a body may configure: the
	// guideline's outer limit.
	MaxTargetWorkingDays = 3
	// DeemedRefusalWorkingDays: a request not answered within 5 working
	// days of receipt counts as refused and may be appealed (offl. § 32 (1)).
	DeemedRefusalWorkingDays = 5
	// FullerReasonsWorkingDays: fuller reasons for a refusal are given at the
	// latest within 10 working days of being asked for (offl. § 31 (2)).
	FullerReasonsWorkingDays = 10
	// FullerReasonsWindowDays: fuller reasons may be asked for within 3
	// weeks of receiving the refusal (offl. § 31 (2)).
	FullerReasonsWindowDays = 21
	// AppealWindowDays: a refusal may be appealed within 3 weeks of
	// receiving it (forvaltningsloven § 29).
	AppealWindowDays = 21
)

// Deadlines are the dates the law's clock sets for one request for access.
type Deadlines struct {
	// Start is day 0: Calendar.StartDay of the receipt.
	Start Date
	// Due is the body's own target under offl. § 29 (1) ("without undue
	// delay"): the TargetWorkingDays-th working day after Start, Start itself
	// for a target of 0. Answer by the end of it.
	Due Date
	// AnswerBy is the 5th working day after Start, the last day on which an
	// answer is within offl. § 32 (1).
	AnswerBy Date
	// DeemedRefusedOn is the first day on which an undecided request counts
	// as refused (offl. § 32 (1)): the calendar day after AnswerBy, which
	// may be a Saturday or a holiday, since the requester may appeal on any
	// day.
	DeemedRefusedOn Date
	// DeemedRefusedAt is the first instant of DeemedRefusedOn in the
	// calendar's location, EndOf(AnswerBy).
	DeemedRefusedAt time.Time
}

// Deadlines returns the deadlines for a request received at an instant
// (offl. § 29 (1) and § 32 (1)).
func (c *Calendar) Deadlines(received time.Time) Deadlines {
	start := c.StartDay(received)
	answerBy := c.AddWorkingDays(start, DeemedRefusalWorkingDays)
	return Deadlines{
		Start:           start,
		Due:             c.AddWorkingDays(start, c.target),
		AnswerBy:        answerBy,
		DeemedRefusedOn: answerBy.AddDays(1),
		DeemedRefusedAt: c.EndOf(answerBy),
	}
}

// IsDeemedRefused reports whether a request received at an instant and
// still undecided at now counts as refused (offl. § 32 (1)).
func (c *Calendar) IsDeemedRefused(received, now time.Time) bool {
	return !now.Before(c.Deadlines(received).DeemedRefusedAt)
}

// FullerReasonsDue returns the last day on which fuller reasons asked for
// at an instant must be given: the 10th working day after the start day
// (offl. § 31 (2)).
func (c *Calendar) FullerReasonsDue(asked time.Time) Date {
	return c.AddWorkingDays(c.StartDay(asked), FullerReasonsWorkingDays)
}

// FullerReasonsWindowEnds returns the instant after which fuller reasons
// can no longer be asked for: 3 weeks after the refusal reached the
// requester (offl. § 31 (2)). See windowEnds for how it is counted.
func (c *Calendar) FullerReasonsWindowEnds(refusalReceived time.Time) time.Time {
	return c.windowEnds(refusalReceived, FullerReasonsWindowDays)
}

// AppealWindowEnds returns the instant after which a decision can no
// longer be appealed: 3 weeks after it reached the requester
// (forvaltningsloven § 29). See windowEnds for how it is counted.
func (c *Calendar) AppealWindowEnds(decisionReceived time.Time) time.Time {
	return c.windowEnds(decisionReceived, AppealWindowDays)
}

// windowEnds counts a window of calendar days from the local date of an
// instant: a refusal received on a Monday leaves the window open until the
// end of the Monday three weeks later. The whole last day counts, whatever
// the hour of receipt, so that nobody is told they are late when a reading
// of the law that counts whole days would let them in. The window is not
// extended when its last day is a day off: LAW.md says nothing about that
// (forvaltningsloven § 30 is not in it).
func (c *Calendar) windowEnds(received time.Time, days int) time.Time {
	return c.EndOf(c.DateOf(received).AddDays(days))
}
