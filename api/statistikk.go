package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/journal"
)

// Count is one row of a statistic.
type Count struct {
	Key   string `json:"key" doc:"What is counted: a basis ID, a unit's enhetskode or a month." example:"offl-13"`
	Label string `json:"label,omitempty" doc:"A readable name for it." example:"offl. § 13"`
	Count int    `json:"count" doc:"How many published entries." example:"412"`
}

// ExemptionStatisticsInput narrows the statistics.
type ExemptionStatisticsInput struct {
	JournaldatoFrom string `query:"journaldatoFrom" format:"date" doc:"Only entries journaled on or after this date." example:"2024-01-01"`
	JournaldatoTo   string `query:"journaldatoTo" format:"date" doc:"Only entries journaled on or before this date." example:"2024-12-31"`
}

// ExemptionStatisticsOutput counts exemptions in the public journal.
type ExemptionStatisticsOutput struct {
	Body struct {
		Published int     `json:"published" doc:"Published entries." example:"3081"`
		Screened  int     `json:"screened" doc:"Published entries that carry a skjerming." example:"940"`
		PerBasis  []Count `json:"perBasis" doc:"Screened entries per basis (old_law: the 1970 act; unrecognised: bases innsyn cannot map)."`
		PerEnhet  []Count `json:"perEnhet" doc:"Screened entries per unit."`
		PerMonth  []Count `json:"perMonth" doc:"Screened entries per month of journaldato."`
	}
}

func newCounts(cs []journal.Count) []Count {
	out := make([]Count, len(cs))
	for i, c := range cs {
		out[i] = Count{Key: c.Key, Label: c.Label, Count: c.Count}
	}
	return out
}

func registerStatistikk(api huma.API, deps Deps) {
	huma.Register(api, huma.Operation{
		OperationID: "exemption-statistics",
		Method:      http.MethodGet,
		Path:        "/v1/statistikk/skjerming",
		Summary:     "Count exemptions in the public journal",
		Description: "How many published entries carry a skjerming, per basis, per unit and per month. Counts only, " +
			"computed from the public journal.",
		Tags:   []string{"statistics"},
		Errors: []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *ExemptionStatisticsInput) (*ExemptionStatisticsOutput, error) {
		st, err := deps.Public.ExemptionStatistics(ctx, journal.StatisticsQuery{
			JournaldatoFrom: parseDate(in.JournaldatoFrom), JournaldatoTo: parseDate(in.JournaldatoTo)})
		if err != nil {
			return nil, fail(ctx, err)
		}
		out := &ExemptionStatisticsOutput{}
		out.Body.Published, out.Body.Screened = st.Published, st.Screened
		out.Body.PerBasis, out.Body.PerEnhet, out.Body.PerMonth = newCounts(st.PerBasis), newCounts(st.PerEnhet), newCounts(st.PerMonth)
		return out, nil
	})
}
