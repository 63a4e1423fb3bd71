// Package bench is `innsyn bench`: it generates a synthetic journal into a
// throwaway database, serves it with the real binary, and measures the
// public queries through the HTTP API (with wrk) and, in the same run, as
// raw SQL, so that the figures come with their own baseline.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/postgres"
)

// Options say what to measure.
type Options struct {
	// Entries is the number of journalposts to generate.
	Entries int
	// DatabaseURL names a server on which to create (and later drop) a
	// fresh database; "" starts a private cluster for the run.
	DatabaseURL string
	// Duration is the length of each measurement.
	Duration time.Duration
	// Connections are the numbers of concurrent connections to measure at.
	Connections []int
	// LoadWorkers is the number of connections that load the journal.
	LoadWorkers int
	// Keep leaves the database (and the private cluster) in place.
	Keep bool
	// Server is the command that serves the API, e.g. {"/path/innsyn", "serve"}.
	Server []string
	// Command is how the run was started, for the report.
	Command string
	Log     zerolog.Logger
}

func (o Options) validate() error {
	switch {
	case o.Entries < 1:
		return errors.New("entries: at least 1")
	case o.Duration < time.Second:
		return errors.New("duration: at least 1s")
	case len(o.Connections) == 0:
		return errors.New("connections: name at least one number")
	case o.LoadWorkers < 1:
		return errors.New("load workers: at least 1")
	case len(o.Server) == 0:
		return errors.New("no server command")
	}
	for _, c := range o.Connections {
		if c < 1 || c > 1000 {
			return fmt.Errorf("connections: %d is not between 1 and 1000", c)
		}
	}
	if _, err := exec.LookPath("wrk"); err != nil {
		return errors.New("wrk is not installed: run scripts/install-bench-tools.sh (Debian: apt-get install wrk)")
	}
	return nil
}

// ErrFailed is returned, with the report, when a case failed: the numbers
// of a failing case measure errors, not queries.
var ErrFailed = errors.New("bench: some cases failed; see the report")

// Run measures, and returns the report. The report is returned with
// ErrFailed when cases failed, and may be partial with other errors.
func Run(ctx context.Context, opts Options) (rep *Report, err error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	log := opts.Log
	rep = &Report{Command: opts.Command, Entries: opts.Entries, Duration: opts.Duration}
	rep.Machine.LoadBefore = loadAverage()
	d, err := openDatabase(ctx, opts.DatabaseURL, log)
	if err != nil {
		return nil, err
	}
	defer func() {
		if opts.Keep {
			keptDatabase(d, log)
			return
		}
		err = errors.Join(err, d.Close(context.WithoutCancel(ctx)))
	}()
	db, err := postgres.Open(ctx, d.URL)
	if err != nil {
		return rep, err
	}
	defer db.Close()
	if err := prepare(ctx, db, opts, rep); err != nil {
		return rep, err
	}
	if err := measure(ctx, d.URL, opts, rep); err != nil {
		return rep, err
	}
	rep.Machine.LoadAfter = loadAverage()
	if rep.failed() {
		return rep, ErrFailed
	}
	return rep, nil
}

// prepare migrates the database, loads the journal, vacuums and analyzes
// it, and picks the query values.
func prepare(ctx context.Context, db *sqlx.DB, opts Options, rep *Report) error {
	log := opts.Log
	if err := rep.Machine.read(ctx, db); err != nil {
		return err
	}
	t := time.Now()
	if err := postgres.Migrate(ctx, db); err != nil {
		return err
	}
	rep.Times.Migrate = time.Since(t)
	log.Info().Int("entries", opts.Entries).Int("workers", opts.LoadWorkers).Msg("generating and loading the journal")
	load, err := loadJournal(ctx, db, opts.Entries, opts.LoadWorkers, log)
	if err != nil {
		return err
	}
	rep.Times.Generate, rep.Times.Load, rep.Times.LoadWorkers = load.Generate, load.Load, load.Workers
	log.Info().Str("took", load.Load.Round(time.Second).String()).Msg("loaded; vacuuming and analyzing")
	t = time.Now()
	if _, err := db.ExecContext(ctx, `VACUUM (ANALYZE)`); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	rep.Times.Vacuum = time.Since(t)
	if rep.Sizes, rep.Indexes, err = readSizes(ctx, db); err != nil {
		return err
	}
	t = time.Now()
	if rep.Fixture, err = pickFixture(ctx, db); err != nil {
		return err
	}
	rep.Times.Fixture = time.Since(t)
	return nil
}

// measure serves the database and measures every case at every number of
// connections, through HTTP and as SQL, and explains each case's SQL.
func measure(ctx context.Context, url string, opts Options, rep *Report) (err error) {
	tmp, err := os.MkdirTemp("", "innsyn-bench-run-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	srv, err := startServer(ctx, opts.Server, url, tmp)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, srv.stop()) }()
	publicDSN, err := postgres.PublicSessionDSN(url, 0)
	if err != nil {
		return err
	}
	public, err := postgres.Open(ctx, publicDSN)
	if err != nil {
		return err
	}
	defer public.Close()
	capture := newStatementCapture(publicDSN)
	defer capture.Close()
	m := &measurer{opts: opts, srv: srv, public: public, capture: capture, dir: tmp}
	for _, c := range Cases {
		if err := m.measureCase(ctx, c, rep); err != nil {
			return fmt.Errorf("%s: %w", c.Name, err)
		}
	}
	if mem, err := readMemory(srv.Pid()); err == nil {
		rep.ServerHWM = mem.HWM
	}
	return nil
}

// measurer measures cases on a running server and a public pool.
type measurer struct {
	opts    Options
	srv     *server
	public  *sqlx.DB
	capture *statementCapture
	dir     string // for the wrk scripts
}

// measureCase explains the case's SQL and measures it at every number of
// connections. A case whose requests fail gets a failed row, not an error.
func (m *measurer) measureCase(ctx context.Context, c Case, rep *Report) error {
	paths := c.Paths(rep.Fixture)
	if err := preflight(ctx, m.srv.URL, paths); err != nil {
		m.opts.Log.Error().Str("case", c.Name).Err(err).Msg("case failed")
		rep.Rows = append(rep.Rows, Row{Case: c.Name, Err: err.Error()})
		return nil
	}
	reqs := make([]Request, len(paths))
	for i, p := range paths {
		statements, err := m.capture.statements(p)
		if err != nil {
			return err
		}
		reqs[i] = Request{Path: p, Statements: statements}
	}
	plans, err := explain(ctx, m.public, reqs[0].Statements)
	if err != nil {
		return err
	}
	rep.Explains = append(rep.Explains, Explain{Case: c.Name, Path: reqs[0].Path, Statements: plans})
	for _, conns := range m.opts.Connections {
		row, err := m.measureAt(ctx, c, reqs, conns)
		if err != nil {
			return fmt.Errorf("at %d connections: %w", conns, err)
		}
		m.opts.Log.Info().Str("case", c.Name).Int("connections", conns).
			Str("http_p95", fmtMS(row.HTTP.P95)).Str("sql_p95", fmtMS(row.SQL.P95)).
			Int("rps", int(row.HTTP.PerSecond())).Str("failure", row.failure()).Msg("measured")
		rep.Rows = append(rep.Rows, row)
	}
	return nil
}

// measureAt measures a case at conns connections: HTTP with wrk while the
// server's memory is sampled, then the SQL.
func (m *measurer) measureAt(ctx context.Context, c Case, reqs []Request, conns int) (Row, error) {
	row := Row{Case: c.Name, Connections: conns}
	paths := make([]string, len(reqs))
	for i, r := range reqs {
		paths[i] = r.Path
	}
	script, err := writeScript(m.dir, paths)
	if err != nil {
		return row, err
	}
	stop := sampleMemory(m.srv.Pid())
	row.HTTP, err = runWrk(ctx, m.srv.URL, script, conns, m.opts.Duration)
	row.RSS = stop()
	if err != nil {
		return row, err
	}
	row.SQL, err = runSQL(ctx, m.public, reqs, conns, m.opts.Duration)
	return row, err
}

// preflight sends the first requests of a case once and fails unless each
// answers 200: wrk only counts answers of 400 and more, and a case whose
// requests fail measures nothing.
func preflight(ctx context.Context, base string, paths []string) error {
	client := &http.Client{Timeout: 30 * time.Second}
	for _, path := range paths[:min(len(paths), 5)] {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %d %s", path, resp.StatusCode, body)
		}
	}
	return nil
}

// keptDatabase says where the kept database is and how to remove it.
func keptDatabase(d *database, log zerolog.Logger) {
	if d.Dir == "" {
		log.Warn().Str("url", d.URL).Msg("kept the benchmark database (--keep): drop it when done")
		return
	}
	log.Warn().Str("url", d.URL).Str("dir", d.Dir).Msg("kept the benchmark database, and its PostgreSQL is still " +
		"running (--keep): when done, stop it with pg_ctl -D " + d.Dir + "/postgres stop (as the postgres user when root) and remove the directory")
}
