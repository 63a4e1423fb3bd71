package bench

import (
	"fmt"
	"time"
)

// The targets of the search benchmark (issue: `innsyn bench`), for a
// machine of two cores.
const (
	targetConnections  = 8                     // the p95 and overhead targets hold at this many connections
	targetP95          = 50 * time.Millisecond // every case
	targetByIDRate     = 5000                  // get by id, requests/s
	targetOverhead     = 25.0                  // % the API adds to the SQL time (p50)
	targetRSS          = 200 << 20             // bytes, the server under load
	targetReady        = 10 * time.Minute      // generate, load and index …
	targetReadyEntries = 1_000_000             // … this many entries
	byIDCase           = "get by id"
)

// Check is one target and how the run did.
type Check struct {
	Target   string
	Measured string
	// Result is PASS, FAIL, or "not measured".
	Result string
}

func passFail(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

// Checks compares the run with the targets. A failed row fails every
// target it is measured for.
func (r *Report) Checks() []Check {
	var out []Check
	for _, name := range r.caseNames() {
		row, ok := r.row(name, targetConnections)
		target := fmt.Sprintf("%s: p95 ≤ %d ms at %d connections", name, targetP95.Milliseconds(), targetConnections)
		out = append(out, rowCheck(target, row, ok, func(row Row) (string, bool) {
			return fmtMS(row.HTTP.P95) + " ms", row.HTTP.P95 <= targetP95
		}))
	}
	out = append(out, r.byIDCheck())
	for _, name := range r.caseNames() {
		row, ok := r.row(name, targetConnections)
		target := fmt.Sprintf("%s: the API adds ≤ %.0f %% to the SQL time (p50) at %d connections", name, targetOverhead, targetConnections)
		out = append(out, rowCheck(target, row, ok, func(row Row) (string, bool) {
			return fmt.Sprintf("%+.0f %% (%s ms over %s ms)", row.Overhead(), fmtMS(row.HTTP.P50), fmtMS(row.SQL.P50)),
				row.Overhead() <= targetOverhead
		}))
	}
	return append(out, r.rssCheck(), r.readyCheck())
}

func rowCheck(target string, row Row, ok bool, measure func(Row) (string, bool)) Check {
	switch {
	case !ok:
		return Check{target, "", "not measured"}
	case row.failure() != "":
		return Check{target, "case failed: " + row.failure(), "FAIL"}
	}
	measured, pass := measure(row)
	return Check{target, measured, passFail(pass)}
}

// byIDCheck takes the best throughput over the connection counts.
func (r *Report) byIDCheck() Check {
	c := Check{Target: fmt.Sprintf("%s: ≥ %s requests/s", byIDCase, thousands(targetByIDRate)), Result: "not measured"}
	var best Row
	for _, row := range r.Rows {
		if row.Case != byIDCase {
			continue
		}
		if row.failure() != "" {
			return Check{c.Target, "case failed: " + row.failure(), "FAIL"}
		}
		if row.HTTP.PerSecond() > best.HTTP.PerSecond() {
			best = row
		}
	}
	if best.Case == "" {
		return c
	}
	c.Measured = fmt.Sprintf("%s req/s at %d connections", thousands(int64(best.HTTP.PerSecond())), best.Connections)
	c.Result = passFail(best.HTTP.PerSecond() >= targetByIDRate)
	return c
}

func (r *Report) rssCheck() Check {
	c := Check{Target: fmt.Sprintf("server RSS ≤ %s under load", mb(targetRSS)), Result: "not measured"}
	var peak int64
	for _, row := range r.Rows {
		peak = max(peak, row.RSS.RSS)
	}
	if peak == 0 {
		return c
	}
	c.Measured = fmt.Sprintf("%s peak VmRSS during the HTTP runs (VmHWM over the run %s)", mb(peak), mb(r.ServerHWM))
	c.Result = passFail(peak <= targetRSS && r.ServerHWM <= targetRSS)
	return c
}

// readyCheck holds the load to its target; a smaller run is scaled up
// linearly, and says so.
func (r *Report) readyCheck() Check {
	c := Check{Target: fmt.Sprintf("generate and index %s entries ≤ %s", thousands(targetReadyEntries), fmtDur(targetReady))}
	ready := r.Times.Ready()
	if r.Entries <= 0 || ready <= 0 {
		c.Result = "not measured"
		return c
	}
	if r.Entries == targetReadyEntries {
		c.Measured = fmtDur(ready)
	} else {
		ready = time.Duration(float64(ready) * targetReadyEntries / float64(r.Entries))
		c.Measured = fmt.Sprintf("%s extrapolated linearly from %s for %s entries", fmtDur(ready), fmtDur(r.Times.Ready()),
			thousands(int64(r.Entries)))
	}
	c.Result = passFail(ready <= targetReady)
	return c
}

// caseNames are the cases of the rows, in order.
func (r *Report) caseNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, row := range r.Rows {
		if !seen[row.Case] {
			seen[row.Case] = true
			names = append(names, row.Case)
		}
	}
	return names
}

// row finds the case's row at conns connections; a case that failed before
// it was measured has one row without connections.
func (r *Report) row(name string, conns int) (Row, bool) {
	for _, row := range r.Rows {
		if row.Case == name && (row.Connections == conns || row.Err != "") {
			return row, true
		}
	}
	return Row{}, false
}
