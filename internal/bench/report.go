package bench

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Report is what a run measured.
type Report struct {
	Command  string
	Machine  Machine
	Entries  int
	Duration time.Duration
	Times    Times
	Sizes    []RelationSize
	Indexes  []RelationSize
	Fixture  *Fixture
	Rows     []Row
	Explains []Explain
	// ServerHWM is the server's peak resident memory over its life (VmHWM).
	ServerHWM int64
}

// Times are the durations of the run's preparation.
type Times struct {
	Migrate     time.Duration
	Generate    time.Duration // inside Load: the generator runs alongside
	Load        time.Duration
	LoadWorkers int
	Vacuum      time.Duration // VACUUM (ANALYZE) after the load
	Fixture     time.Duration
}

// Ready is the time from an empty schema to a journal ready to query:
// generating and loading (indexes are kept up to date by the load), then
// vacuuming and analyzing.
func (t Times) Ready() time.Duration { return t.Load + t.Vacuum }

// Row is one case measured at one number of connections.
type Row struct {
	Case        string
	Connections int
	HTTP        httpResult
	SQL         sqlResult
	// RSS is the server's peak VmRSS sampled during the HTTP run.
	RSS memory
	// Err is why the case could not be measured.
	Err string
}

// failure says why the row's figures do not count; "" when they do.
func (r Row) failure() string {
	switch {
	case r.Err != "":
		return r.Err
	case r.HTTP.NonOK > 0:
		return fmt.Sprintf("%d of %d responses had status ≥ 400", r.HTTP.NonOK, r.HTTP.Requests)
	case r.HTTP.SocketErrors > 0:
		return fmt.Sprintf("%d socket errors (connect, read, write or timeout)", r.HTTP.SocketErrors)
	case r.HTTP.Requests == 0:
		return "no request completed"
	}
	return ""
}

// Overhead is what the API adds to the SQL time, at the median, in
// percent of the SQL time.
func (r Row) Overhead() float64 {
	if r.SQL.P50 <= 0 {
		return 0
	}
	return 100 * float64(r.HTTP.P50-r.SQL.P50) / float64(r.SQL.P50)
}

// Explain is the plans of a case's first request.
type Explain struct {
	Case       string
	Path       string
	Statements []ExplainedStatement
}

// RelationSize is a table's or an index's size in bytes.
type RelationSize struct {
	Name    string `db:"name"`
	Rows    int64  `db:"rows"`
	Heap    int64  `db:"heap"`
	Toast   int64  `db:"toast"`
	Indexes int64  `db:"indexes"`
	Total   int64  `db:"total"`
}

func (r *Report) failed() bool {
	for _, row := range r.Rows {
		if row.failure() != "" {
			return true
		}
	}
	return false
}

// Markdown writes the report.
func (r *Report) Markdown(w io.Writer) error {
	var b strings.Builder
	r.writeHeader(&b)
	r.writePreparation(&b)
	r.writeFixture(&b)
	r.writeResults(&b)
	r.writeChecks(&b)
	r.writeExplains(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Report) writeHeader(b *strings.Builder) {
	m := r.Machine
	fmt.Fprintf(b, "# innsyn bench: %s entries\n\n", thousands(int64(r.Entries)))
	fmt.Fprintf(b, "Command: `%s` (build: %s)\n\n", r.Command, m.Revision)
	fmt.Fprintf(b, "Machine: %d CPUs (%s), Linux %s, %s, PostgreSQL %s, %s; wrk and the server on the same machine. "+
		"Load average before %s, after %s.\n\n", m.CPUs, m.CPUModel, m.Kernel, m.Go, m.Postgres, m.Wrk,
		m.LoadBefore, m.LoadAfter)
	if len(m.Settings) > 0 {
		fmt.Fprintf(b, "PostgreSQL settings: %s.\n\n", strings.Join(m.Settings, ", "))
	}
	if failures := r.failures(); len(failures) > 0 {
		b.WriteString("**FAILED CASES** (their figures measure errors, not queries):\n\n")
		for _, f := range failures {
			fmt.Fprintf(b, "- **%s**\n", f)
		}
		b.WriteString("\n")
	}
}

func (r *Report) failures() []string {
	var out []string
	for _, row := range r.Rows {
		if f := row.failure(); f != "" {
			where := row.Case
			if row.Connections > 0 {
				where += fmt.Sprintf(" at %d connections", row.Connections)
			}
			out = append(out, where+": "+f)
		}
	}
	return out
}

func (r *Report) writePreparation(b *strings.Builder) {
	t := r.Times
	b.WriteString("## Preparation\n\n| step | time |\n|---|---:|\n")
	fmt.Fprintf(b, "| migrate the empty database | %s |\n", fmtDur(t.Migrate))
	fmt.Fprintf(b, "| generate + load (Store.Load, %d connections, batches of 500; indexes maintained by the load) | %s |\n",
		t.LoadWorkers, fmtDur(t.Load))
	fmt.Fprintf(b, "| … of which the generator (runs alongside the load) | %s |\n", fmtDur(t.Generate))
	fmt.Fprintf(b, "| VACUUM (ANALYZE) | %s |\n", fmtDur(t.Vacuum))
	fmt.Fprintf(b, "| **total: generate, load, index, analyze** | **%s** (%s entries/s) |\n", fmtDur(t.Ready()),
		thousands(int64(float64(r.Entries)/max(t.Ready().Seconds(), 1e-9))))
	fmt.Fprintf(b, "| pick the query values (ts_stat over the index, samples, counts) | %s |\n\n", fmtDur(t.Fixture))
	b.WriteString("Sizes (rows are the planner's estimate):\n\n| table | rows | heap | TOAST | indexes | total |\n|---|---:|---:|---:|---:|---:|\n")
	for _, s := range r.Sizes {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", s.Name, thousands(s.Rows), mb(s.Heap), mb(s.Toast), mb(s.Indexes), mb(s.Total))
	}
	if len(r.Indexes) > 0 {
		b.WriteString("\nIndexes of public_journalpost:\n\n| index | size |\n|---|---:|\n")
		for _, s := range r.Indexes {
			fmt.Fprintf(b, "| %s | %s |\n", s.Name, mb(s.Total))
		}
	}
	b.WriteString("\n")
}

func (r *Report) writeFixture(b *strings.Builder) {
	f := r.Fixture
	if f == nil {
		return
	}
	n := float64(max(f.Published, 1))
	b.WriteString("## Query values\n\nPicked from the loaded journal: the terms from `ts_stat` over the full-text column, ")
	b.WriteString("the phrase as the most frequent three-word sequence in a sample of titles. ")
	fmt.Fprintf(b, "%s entries are public.\n\n| case | value | tsquery | matching entries |\n|---|---|---|---:|\n",
		thousands(int64(f.Published)))
	fmt.Fprintf(b, "| common term | `%s` | `%s` | %s (%.2f %%) |\n", f.CommonTerm, f.TSQuery[f.CommonTerm],
		thousands(int64(f.CommonMatches)), 100*float64(f.CommonMatches)/n)
	fmt.Fprintf(b, "| rare term | `%s` | `%s` | %s (%.4f %%) |\n", f.RareTerm, f.TSQuery[f.RareTerm],
		thousands(int64(f.RareMatches)), 100*float64(f.RareMatches)/n)
	fmt.Fprintf(b, "| phrase | `\"%s\"` | `%s` | %s (%.2f %%) |\n", f.Phrase, f.TSQuery[f.Phrase],
		thousands(int64(f.PhraseMatches)), 100*float64(f.PhraseMatches)/n)
	fmt.Fprintf(b, "| filter: enhet + dates | administrativEnhet=%s (with subunits), journaldato %s – %s | | %s |\n",
		f.Enhet, f.From, f.To, thousands(int64(f.FilterMatches)))
	fmt.Fprintf(b, "| saksnummer, get by id | %d random public entries, in turn | | |\n\n", len(f.Entries))
}

func (r *Report) writeResults(b *strings.Builder) {
	fmt.Fprintf(b, "## Results\n\n%s per measurement. HTTP: wrk through the API; SQL: the statements the API ran for "+
		"each request, replayed in order on one connection of a lib/pq pool of as many connections, every row read. Overhead = (HTTP p50 − SQL p50) / SQL p50. RSS: the server's "+
		"peak VmRSS during the HTTP run. Times in ms.\n\n", fmtDur(r.Duration))
	b.WriteString("| case | conns | HTTP p50 | p95 | p99 | req/s | SQL p50 | p95 | p99 | q/s | overhead | RSS MB |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, row := range r.Rows {
		if f := row.failure(); f != "" {
			fmt.Fprintf(b, "| %s | %d | **FAILED: %s** |||||||||| \n", row.Case, row.Connections, strings.ReplaceAll(f, "|", "/"))
			continue
		}
		h, s := row.HTTP, row.SQL
		fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %+.0f %% | %.0f |\n", row.Case, row.Connections,
			fmtMS(h.P50), fmtMS(h.P95), fmtMS(h.P99), thousands(int64(h.PerSecond())),
			fmtMS(s.P50), fmtMS(s.P95), fmtMS(s.P99), thousands(int64(s.PerSecond())), row.Overhead(), float64(row.RSS.RSS)/(1<<20))
	}
	fmt.Fprintf(b, "\nServer peak resident memory over the run (VmHWM): %.0f MB.\n\n", float64(r.ServerHWM)/(1<<20))
}

func (r *Report) writeChecks(b *strings.Builder) {
	b.WriteString("## Targets\n\n| target | measured | result |\n|---|---|---|\n")
	for _, c := range r.Checks() {
		fmt.Fprintf(b, "| %s | %s | %s |\n", c.Target, c.Measured, c.Result)
	}
	b.WriteString("\n")
}

func (r *Report) writeExplains(b *strings.Builder) {
	b.WriteString("## Plans\n\n`EXPLAIN (ANALYZE, BUFFERS)` of each query the API ran for the case's first request, " +
		"warm (replayed three times first).\n\n")
	for _, e := range r.Explains {
		fmt.Fprintf(b, "### %s\n\n`GET %s`\n\n", e.Case, e.Path)
		for i, st := range e.Statements {
			fmt.Fprintf(b, "Statement %d, arguments `%s`:\n\n```sql\n%s\n```\n\n```\n%s\n```\n\n", i+1, shorten(fmt.Sprint(st.Args), 160), st.SQL, st.Plan)
		}
	}
}

func fmtMS(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	if ms >= 100 {
		return fmt.Sprintf("%.0f", ms)
	}
	return fmt.Sprintf("%.2f", ms)
}

func fmtDur(d time.Duration) string {
	if d >= time.Minute {
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

func mb(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/(1<<20)) }

// thousands writes n with commas between groups of three digits.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var out []string
	for len(s) > 3 {
		out = append([]string{s[len(s)-3:]}, out...)
		s = s[:len(s)-3]
	}
	out = append([]string{s}, out...)
	res := strings.Join(out, ",")
	if neg {
		res = "-" + res
	}
	return res
}

// shorten cuts s to at most n runes, marking the cut: a list of 400 IDs
// says nothing more than its start.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + " …"
}
