package innsynskrav

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

func TestDecisionValidate(t *testing.T) {
	cat := offl.DefaultCatalogue()
	long := strings.Repeat("x", MaxDescription+1)
	for _, tc := range []struct {
		name   string
		d      Decision
		fields []string // the fields named, in order; none: valid
	}{
		{"grant", Decision{Outcome: StatusGranted, Variant: VariantOriginal}, nil},
		{"grant of the redacted variant", Decision{Outcome: StatusGranted, Variant: VariantRedacted}, nil},
		{"refusal on § 13 with the provision", Decision{Outcome: StatusRefused, Bases: []string{"offl-13"},
			ConfidentialityProvision: "fvl. § 13 første ledd nr. 1"}, nil},
		{"refusal on a discretionary basis with meirinnsyn", Decision{Outcome: StatusRefused, Bases: []string{"offl-14"},
			Meirinnsyn: "Saka er ikkje avgjord."}, nil},
		{"partial grant", Decision{Outcome: StatusPartlyGranted, Bases: []string{"offl-23-3"}, Meirinnsyn: "Anbod pågår.",
			Variant: VariantRedacted}, nil},
		{"not held, forwarded", Decision{Outcome: StatusNotHeld, ForwardedTo: "Statens vegvesen"}, nil},
		{"no outcome", Decision{}, []string{"body.outcome"}},
		{"deemed refusal is not a decision", Decision{Outcome: StatusDeemedRefused}, []string{"body.outcome"}},
		{"refusal without basis", Decision{Outcome: StatusRefused}, []string{"body.bases"}},
		{"grant with a basis", Decision{Outcome: StatusGranted, Bases: []string{"offl-14"}, Meirinnsyn: "x"}, []string{"body.bases"}},
		{"unknown basis", Decision{Outcome: StatusRefused, Bases: []string{"offl-99"}}, []string{"body.bases[0]"}},
		{"basis twice", Decision{Outcome: StatusRefused, Bases: []string{"offl-14", "offl-14"}, Meirinnsyn: "x"}, []string{"body.bases[1]"}},
		{"§ 13 without the provision", Decision{Outcome: StatusRefused, Bases: []string{"offl-13"}}, []string{"body.confidentialityProvision"}},
		{"discretionary without meirinnsyn", Decision{Outcome: StatusRefused, Bases: []string{"offl-14"}}, []string{"body.meirinnsyn"}},
		{"both kinds need both", Decision{Outcome: StatusRefused, Bases: []string{"offl-13", "offl-14"}},
			[]string{"body.confidentialityProvision", "body.meirinnsyn"}},
		{"forwarding a grant", Decision{Outcome: StatusGranted, ForwardedTo: "x"}, []string{"body.forwardedTo"}},
		{"partial grant of the original", Decision{Outcome: StatusPartlyGranted, Bases: []string{"offl-14"}, Meirinnsyn: "x",
			Variant: VariantOriginal}, []string{"body.variant"}},
		{"refusal releasing a variant", Decision{Outcome: StatusRefused, Bases: []string{"offl-14"}, Meirinnsyn: "x",
			Variant: VariantOriginal}, []string{"body.variant"}},
		{"too long a reason", Decision{Outcome: StatusGranted, Reason: long}, []string{"body.reason"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.d.Validate(cat, "body")
			var got []string
			var e *journal.Error
			if errors.As(err, &e) {
				got = append(got, e.Field)
				for _, m := range e.More {
					got = append(got, m.Field)
				}
			} else if err != nil {
				t.Fatalf("not a journal error: %v", err)
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("fields %v, want %v (%v)", got, tc.fields, err)
			}
		})
	}
}

func TestItemEffectiveAndOverdue(t *testing.T) {
	cal, err := offl.NewCalendar(offl.DefaultCalendarConfig())
	if err != nil {
		t.Fatal(err)
	}
	oslo := cal.Location()
	received := time.Date(2025, 4, 16, 10, 0, 0, 0, oslo) // Wednesday before Easter
	d := cal.Deadlines(received)
	it := Item{Status: StatusReceived, ReceivedAt: &received, Deadlines: &d}
	at := func(y int, m time.Month, day, h int) time.Time { return time.Date(y, m, day, h, 0, 0, 0, oslo) }

	if got := it.Effective(at(2025, 4, 28, 23)); got != StatusReceived {
		t.Errorf("on the fifth working day: %s", got)
	}
	if got := it.Effective(at(2025, 4, 29, 0)); got != StatusDeemedRefused {
		t.Errorf("on the day after the fifth working day: %s", got)
	}
	// Three working days from Wednesday 16 April: Tuesday 22 to Thursday 24.
	if it.Overdue(cal, at(2025, 4, 24, 23)) || !it.Overdue(cal, at(2025, 4, 25, 0)) {
		t.Error("overdue should start the day after the due date, Friday 25 April")
	}
	// An extension moves the due date, not the deemed refusal.
	it.Extension = &Extension{Due: offl.NewDate(2025, 5, 6), Reason: "uttale"}
	if it.Overdue(cal, at(2025, 4, 25, 12)) {
		t.Error("overdue within the extension")
	}
	if !it.Overdue(cal, at(2025, 4, 29, 12)) || it.Effective(at(2025, 4, 29, 12)) != StatusDeemedRefused {
		t.Error("the extension moved the law's five working days")
	}
	decided := Item{Status: StatusRefused, Deadlines: &d}
	if decided.Effective(at(2025, 6, 1, 0)) != StatusRefused || decided.Overdue(cal, at(2025, 6, 1, 0)) {
		t.Error("a decided item is neither deemed refused nor overdue")
	}
	fuller := Item{Status: StatusRefused, Deadlines: &d, Fuller: &FullerReasons{Due: offl.NewDate(2025, 5, 20)}}
	if fuller.Overdue(cal, at(2025, 5, 20, 12)) || !fuller.Overdue(cal, at(2025, 5, 21, 0)) {
		t.Error("fuller reasons should be overdue from the day after their due date")
	}
}
