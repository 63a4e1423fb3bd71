package api

import (
	"context"
	"net/http"
	"sort"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/innsynskrav"
	"github.com/innsyn/innsyn/internal/journal"
)

// RequestMonth is the requests of one unit (or all units) in one month.
type RequestMonth struct {
	Enhet                  string         `json:"enhet,omitempty" doc:"The unit; absent for all units together." example:"enh_0a1b2c3d4e5f60718293a4b5c6d7e8f9"`
	Month                  string         `json:"month" example:"2026-03" doc:"The month the requests were received (Europe/Oslo)."`
	Requests               int            `json:"requests" example:"41" doc:"Items received."`
	Answered               int            `json:"answered" example:"39" doc:"Items decided."`
	MedianWorkingDays      *float64       `json:"medianWorkingDays" example:"1" doc:"Median working days from receipt to the first decision; null when none was answered."`
	P90WorkingDays         *float64       `json:"p90WorkingDays" example:"3" doc:"90th percentile (nearest rank) of the same."`
	WithinOneWorkingDay    float64        `json:"withinOneWorkingDay" example:"0.8" doc:"Share of requests answered within one working day (0–1)."`
	WithinThreeWorkingDays float64        `json:"withinThreeWorkingDays" example:"0.95" doc:"Share answered within three working days."`
	Outcomes               map[string]int `json:"outcomes" doc:"Items by outcome: the decisions, mottatt (waiting) and antatt_avslatt (waiting past the fifth working day)."`
	DeemedRefusals         int            `json:"deemedRefusals" example:"1" doc:"Items not decided within five working days (offl. § 32 (1)), decided later or not."`
	Appeals                int            `json:"appeals" example:"2" doc:"Items appealed."`
	AppealOutcomes         map[string]int `json:"appealOutcomes" doc:"Appeals by where they stand: mottatt, omgjort, oversendt, stadfestet, medhold."`
	Bases                  []Count        `json:"bases" doc:"How often each basis was used in refusals and partial grants."`
}

// RequestStatisticsInput is the period and unit.
type RequestStatisticsInput struct {
	From  string `query:"from" pattern:"^[0-9]{4}-[0-9]{2}$" doc:"First month; default: twelve months ago." example:"2026-01"`
	To    string `query:"to" pattern:"^[0-9]{4}-[0-9]{2}$" doc:"Last month; default: this month. At most 36 months in all." example:"2026-12"`
	Enhet string `query:"administrativEnhet" maxLength:"40" doc:"Only this unit (ID)." example:"enh_0a1b2c3d4e5f60718293a4b5c6d7e8f9"`
}

// RequestStatisticsOutput is the statistics.
type RequestStatisticsOutput struct {
	Body struct {
		Months []RequestMonth `json:"months" doc:"Per unit and month, then all units per month (enhet absent)."`
	}
}

// EntryRequestsOutput is the requests for one entry.
type EntryRequestsOutput struct {
	Body struct {
		Requests int            `json:"requests" example:"3" doc:"How often access to the entry was asked for (verified requests)."`
		Outcomes map[string]int `json:"outcomes" doc:"By outcome; mottatt: still waiting."`
	}
}

// statisticsPeriod reads from and to as months in the calendar's zone.
func (d Deps) statisticsPeriod(from, to string) (time.Time, time.Time, error) {
	loc := d.Calendar.Location()
	now := d.now().In(loc)
	end := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc).AddDate(0, 1, 0)
	if to != "" {
		t, err := time.ParseInLocation("2006-01", to, loc)
		if err != nil {
			return time.Time{}, time.Time{}, journal.FieldError("query.to", "a month such as 2026-12")
		}
		end = t.AddDate(0, 1, 0)
	}
	start := end.AddDate(0, -12, 0)
	if from != "" {
		t, err := time.ParseInLocation("2006-01", from, loc)
		if err != nil {
			return time.Time{}, time.Time{}, journal.FieldError("query.from", "a month such as 2026-01")
		}
		start = t
	}
	if !start.Before(end) || start.AddDate(0, innsynskrav.MaxStatisticsMonths, 0).Before(end) {
		return time.Time{}, time.Time{}, journal.FieldError("query.from", "from must come before to, at most 36 months apart")
	}
	return start, end, nil
}

func (d Deps) requestMonth(m innsynskrav.MonthStats) RequestMonth {
	out := RequestMonth{Enhet: wireID(kindEnhet, m.EnhetID), Month: m.Month, Requests: m.Requests, Answered: m.Answered,
		MedianWorkingDays: m.MedianWorkingDays, P90WorkingDays: m.P90WorkingDays, WithinOneWorkingDay: m.WithinOne,
		WithinThreeWorkingDays: m.WithinThree, Outcomes: map[string]int{}, DeemedRefusals: m.DeemedRefusals, Appeals: m.Appeals,
		AppealOutcomes: map[string]int{}, Bases: []Count{}}
	for k, v := range m.Outcomes {
		out.Outcomes[string(k)] = v
	}
	for k, v := range m.AppealOutcomes {
		out.AppealOutcomes[string(k)] = v
	}
	for id, n := range m.Bases {
		c := Count{Key: id, Count: n}
		if p, ok := d.Catalogue.Provision(id); ok {
			c.Label = p.Citation()
		}
		out.Bases = append(out.Bases, c)
	}
	sort.Slice(out.Bases, func(i, j int) bool { return out.Bases[i].Key < out.Bases[j].Key })
	return out
}

func registerRequestStatistics(api huma.API, deps Deps) {
	huma.Register(api, huma.Operation{
		OperationID: "request-statistics",
		Method:      http.MethodGet,
		Path:        "/v1/statistikk/innsynskrav",
		Summary:     "How fast and how each unit answers requests for access",
		Description: "Per unit and month: requests, median and 90th-percentile answer time in working days, the share " +
			"answered within one and within three working days, outcomes, deemed refusals, appeals and their outcomes, " +
			"and the bases used in refusals. Never who asked.",
		Tags:   []string{"statistics"},
		Errors: []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *RequestStatisticsInput) (*RequestStatisticsOutput, error) {
		from, to, err := deps.statisticsPeriod(in.From, in.To)
		if err != nil {
			return nil, fail(ctx, err)
		}
		var enhet string
		if in.Enhet != "" {
			id, ok := parseID(kindEnhet, in.Enhet)
			if !ok {
				return nil, fail(ctx, journal.FieldError("query.administrativEnhet", "not a unit ID"))
			}
			enhet = id
		}
		records, err := deps.RequestStats.RequestRecords(ctx, from, to, enhet)
		if err != nil {
			return nil, fail(ctx, err)
		}
		now, loc := deps.now(), deps.Calendar.Location()
		out := &RequestStatisticsOutput{}
		out.Body.Months = []RequestMonth{}
		for _, m := range innsynskrav.Summarize(deps.Calendar, records, now) {
			out.Body.Months = append(out.Body.Months, deps.requestMonth(m))
		}
		if enhet == "" {
			all := innsynskrav.SummarizeBy(deps.Calendar, records, now, func(r innsynskrav.StatRecord) (string, string) {
				return "", r.ReceivedAt.In(loc).Format("2006-01")
			})
			for _, m := range all {
				out.Body.Months = append(out.Body.Months, deps.requestMonth(m))
			}
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "journalpost-requests",
		Method:      http.MethodGet,
		Path:        "/v1/journalpost/{id}/innsynskrav",
		Summary:     "How often access to an entry was asked for, and the outcomes",
		Description: "Counts of verified requests for the entry by outcome. Never who asked.",
		Tags:        []string{"statistics"},
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *struct {
		ID string `path:"id" maxLength:"40" doc:"The entry's ID." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
	}) (*EntryRequestsOutput, error) {
		id, ok := parseID(kindJournalpost, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("journalpost"))
		}
		r, err := deps.RequestStats.EntryRequests(ctx, id)
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &EntryRequestsOutput{}
		out.Body.Requests = r.Requests
		out.Body.Outcomes = map[string]int{}
		for k, v := range r.Outcomes {
			out.Body.Outcomes[string(k)] = v
		}
		return out, nil
	})
}
