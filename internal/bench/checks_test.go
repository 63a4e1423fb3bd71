package bench

import (
	"strings"
	"testing"
	"time"
)

func ms(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }

// goodRow is a row that meets every target.
func goodRow(name string, conns int) Row {
	return Row{Case: name, Connections: conns,
		HTTP: httpResult{P50: ms(1.1), P95: ms(4), P99: ms(9), Requests: 90000, Duration: 15 * time.Second},
		SQL:  sqlResult{P50: ms(1), P95: ms(3), P99: ms(5), Queries: 100000, Duration: 15 * time.Second},
		RSS:  memory{RSS: 80 << 20, HWM: 90 << 20}}
}

func checksByTarget(r *Report) map[string]Check {
	out := map[string]Check{}
	for _, c := range r.Checks() {
		out[c.Target] = c
	}
	return out
}

func TestChecks(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		r := &Report{Entries: 1_000_000, Times: Times{Load: 7 * time.Minute, Vacuum: 30 * time.Second}, ServerHWM: 90 << 20,
			Rows: []Row{goodRow("rare term", 8), goodRow("rare term", 32), goodRow(byIDCase, 8), goodRow(byIDCase, 32)}}
		checks := r.Checks()
		if len(checks) != 2+1+2+2 {
			t.Fatalf("%d checks, want 7: %+v", len(checks), checks)
		}
		for _, c := range checks {
			if c.Result != "PASS" {
				t.Errorf("%s: %s (%s), want PASS", c.Target, c.Result, c.Measured)
			}
		}
	})
	t.Run("FailEachTarget", func(t *testing.T) {
		slow := goodRow("phrase", 8)
		slow.HTTP.P95 = ms(50.5)
		heavy := goodRow("phrase", 32)
		heavy.RSS.RSS = 201 << 20
		byID := goodRow(byIDCase, 8)
		byID.HTTP.Requests = 4999 * 15
		byID.HTTP.P50 = ms(1.26) // 26 % over the SQL's 1 ms
		r := &Report{Entries: 1_000_000, Times: Times{Load: 10 * time.Minute, Vacuum: time.Second}, ServerHWM: 90 << 20,
			Rows: []Row{slow, heavy, byID}}
		c := checksByTarget(r)
		for target, want := range map[string]string{
			"phrase: p95 ≤ 50 ms at 8 connections":                                  "FAIL",
			"get by id: p95 ≤ 50 ms at 8 connections":                               "PASS",
			"get by id: ≥ 5,000 requests/s":                                         "FAIL",
			"get by id: the API adds ≤ 25 % to the SQL time (p50) at 8 connections": "FAIL",
			"phrase: the API adds ≤ 25 % to the SQL time (p50) at 8 connections":    "PASS",
			"server RSS ≤ 200 MB under load":                                        "FAIL",
			"generate and index 1,000,000 entries ≤ 10m00s":                         "FAIL",
		} {
			if got := c[target]; got.Result != want {
				t.Errorf("%s: %s (%s), want %s", target, got.Result, got.Measured, want)
			}
		}
	})
	t.Run("FailedCaseFailsItsTargets", func(t *testing.T) {
		bad := goodRow(byIDCase, 8)
		bad.HTTP.NonOK = 12
		r := &Report{Rows: []Row{bad, {Case: "phrase", Err: "GET /v1/journalpost?q=x: 500"}}}
		c := checksByTarget(r)
		for _, target := range []string{"get by id: p95 ≤ 50 ms at 8 connections", "get by id: ≥ 5,000 requests/s",
			"phrase: p95 ≤ 50 ms at 8 connections"} {
			if c[target].Result != "FAIL" || !strings.Contains(c[target].Measured, "case failed") {
				t.Errorf("%s: %+v, want a failed case", target, c[target])
			}
		}
		if !r.failed() {
			t.Error("the report does not count as failed")
		}
		var md strings.Builder
		if err := r.Markdown(&md); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(md.String(), "**FAILED CASES**") || !strings.Contains(md.String(), "12 of") {
			t.Errorf("the report does not name the failure loudly:\n%s", md.String())
		}
	})
	t.Run("NotMeasured", func(t *testing.T) {
		r := &Report{Rows: []Row{goodRow("rare term", 2)}}
		c := checksByTarget(r)
		if got := c["rare term: p95 ≤ 50 ms at 8 connections"].Result; got != "not measured" {
			t.Errorf("p95 at 8 connections measured at 2 only: %s", got)
		}
		if got := c["get by id: ≥ 5,000 requests/s"].Result; got != "not measured" {
			t.Errorf("get by id without its case: %s", got)
		}
	})
	t.Run("ExtrapolatesASmallLoad", func(t *testing.T) {
		r := &Report{Entries: 20_000, Times: Times{Load: 10 * time.Second}}
		got := checksByTarget(r)["generate and index 1,000,000 entries ≤ 10m00s"]
		if got.Result != "PASS" || !strings.Contains(got.Measured, "8m20s extrapolated") {
			t.Errorf("%+v, want 8m20s extrapolated and PASS", got)
		}
	})
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i))
	}
	for p, want := range map[float64]time.Duration{50: 50, 95: 95, 99: 99, 100: 100} {
		if got := percentile(d, p); got != want {
			t.Errorf("p%.0f = %d, want %d", p, got, want)
		}
	}
	if got := percentile(nil, 50); got != 0 {
		t.Errorf("p50 of nothing = %d", got)
	}
}
