package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/importer"
	"github.com/innsyn/innsyn/internal/noark5"
	"github.com/innsyn/innsyn/internal/postgres"
)

// ImportOptions say what the import benchmark measures.
type ImportOptions struct {
	// Entries is the number of journalposts in the generated export.
	Entries int
	// DatabaseURL names a server on which to create (and later drop) fresh
	// databases; "" starts a private cluster for the run.
	DatabaseURL string
	// Keep leaves the database (and the private cluster) and the generated
	// file in place.
	Keep bool
	// Command is the import command, e.g. {"/path/innsyn", "import"}; the
	// benchmark adds --json, --documents-dir and the file.
	Command []string
	// Invocation is how the run was started, for the report.
	Invocation string
	Log        zerolog.Logger
}

func (o ImportOptions) validate() error {
	switch {
	case o.Entries < 1:
		return errors.New("entries: at least 1")
	case len(o.Command) == 0:
		return errors.New("no import command")
	}
	return nil
}

// ImportReport is what an import benchmark measured.
type ImportReport struct {
	Invocation string
	Machine    Machine
	Entries    int
	// File is the generated arkivstruktur.xml; Generate is the time it took.
	File     ArkivstrukturStats
	Generate time.Duration
	// Parse is the baseline without a database: the reader alone.
	Parse ParseResult
	// Load is the baseline of the same journal through Store.Load.
	Load    LoadResult
	Migrate time.Duration
	// Runs are the imports of the file: the first into the empty journal,
	// the second of the same file again.
	Runs []ImportRun
	// Floor is PostgreSQL writing the first run's rows with no importer.
	Floor CopyFloor
}

// ParseResult is noark5.NewArkivstruktur read over the whole file, in the
// benchmark's process, with no database.
type ParseResult struct {
	Elapsed                  time.Duration
	Mapper, Journalposts     int
	Broken, Problems, Failed int
}

// LoadResult is the generated journal loaded with Store.Load into a fresh
// database, on as many connections as the import uses (one).
type LoadResult struct {
	Elapsed time.Duration
	// Generate is the generator's share; it runs alongside the load.
	Generate time.Duration
	Workers  int
	Entries  int
}

// ImportRun is one run of the import command as a child process.
type ImportRun struct {
	// Wall is from the start of the process to its exit.
	Wall    time.Duration
	Summary importer.Summary
	// Sampled is the peak VmRSS sampled every 100 ms and the last VmHWM
	// read. (getrusage's ru_maxrss is no use here: a child started with
	// vfork, as os/exec does, inherits this process's peak.)
	Sampled memory
	// CPU is the child's user and system time; Busy the CPU time the whole
	// machine spent (all processes, PostgreSQL's included) and IOWait its
	// idle time waiting for I/O, over the run.
	CPU, Busy, IOWait time.Duration
}

// Journalposts are the entries the run read and accounted for.
func (r ImportRun) Journalposts() int {
	c := r.Summary.Journalposts
	return c.Created + c.Updated + c.Unchanged + c.Skipped + c.Failed
}

// Rate is journalposts per second of wall time.
func (r ImportRun) Rate() float64 { return perSecond(r.Journalposts(), r.Wall) }

// Peak is the peak resident memory sampled: VmHWM, which the kernel keeps,
// as last read before the process ended.
func (r ImportRun) Peak() int64 { return max(r.Sampled.HWM, r.Sampled.RSS) }

func perSecond(n int, d time.Duration) float64 { return float64(n) / max(d.Seconds(), 1e-9) }

// RunImport measures `innsyn import` of an arkivstruktur.xml of
// opts.Entries generated entries: it writes the file, reads it once with
// no database (the parse baseline), loads the same journal with Store.Load
// into a database of its own (the store baseline), then imports the file
// twice into a fresh database with the import command as a child process,
// sampling the child's memory, and last measures PostgreSQL's floor: the
// rows of the import written again with COPY and no importer.
func RunImport(ctx context.Context, opts ImportOptions) (rep *ImportReport, err error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	log := opts.Log
	rep = &ImportReport{Invocation: opts.Invocation, Entries: opts.Entries}
	rep.Machine.LoadBefore = loadAverage()
	tmp, err := os.MkdirTemp("", "innsyn-import-bench-")
	if err != nil {
		return nil, err
	}
	defer func() {
		if opts.Keep {
			log.Warn().Str("dir", tmp).Msg("kept the generated arkivstruktur.xml (--keep): remove the directory when done")
			return
		}
		os.RemoveAll(tmp)
	}()
	file := filepath.Join(tmp, "arkivstruktur.xml")
	log.Info().Int("entries", opts.Entries).Str("file", file).Msg("writing arkivstruktur.xml")
	t := time.Now()
	if rep.File, err = writeArkivstrukturFile(ctx, file, opts.Entries); err != nil {
		return rep, err
	}
	rep.Generate = time.Since(t)
	log.Info().Str("took", rep.Generate.Round(time.Millisecond).String()).Str("size", mb(rep.File.Bytes)).Msg("written; parsing it alone")
	if rep.Parse, err = parseArkivstruktur(ctx, file); err != nil {
		return rep, err
	}
	d, err := openDatabase(ctx, opts.DatabaseURL, log)
	if err != nil {
		return rep, err
	}
	defer func() {
		if opts.Keep {
			keptDatabase(d, log)
			return
		}
		err = errors.Join(err, d.Close(context.WithoutCancel(ctx)))
	}()
	serverURL := opts.DatabaseURL
	if serverURL == "" {
		serverURL = d.URL // the private cluster's superuser may create databases
	}
	if rep.Load, err = loadBaseline(ctx, serverURL, opts.Entries, log); err != nil {
		return rep, err
	}
	if err := importTwice(ctx, d.URL, file, tmp, opts, rep); err != nil {
		return rep, err
	}
	if rep.Floor, err = measureCopyFloor(ctx, d.URL, serverURL, tmp, opts.Entries, log); err != nil {
		return rep, err
	}
	rep.Machine.LoadAfter = loadAverage()
	if rep.failed() {
		return rep, ErrFailed
	}
	return rep, nil
}

func writeArkivstrukturFile(ctx context.Context, path string, entries int) (ArkivstrukturStats, error) {
	f, err := os.Create(path)
	if err != nil {
		return ArkivstrukturStats{}, err
	}
	stats, err := WriteArkivstruktur(ctxWriter{ctx, f}, entries)
	if err == nil {
		err = f.Sync() // the import then reads it from the page cache, not from a writeback in progress
	}
	return stats, errors.Join(err, f.Close())
}

// ctxWriter stops writing when ctx ends, which stops the generator.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// parseArkivstruktur reads the file with the importer's reader and counts.
func parseArkivstruktur(ctx context.Context, path string) (ParseResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return ParseResult{}, err
	}
	defer f.Close()
	var res ParseResult
	start := time.Now()
	r := noark5.NewArkivstruktur(f, filepath.Base(path))
	for {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		m, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return res, fmt.Errorf("parse: %w", err)
		}
		res.Mapper++
		res.Problems += len(m.Problems)
		if m.Broken {
			res.Broken++
			res.Failed += len(m.Journalposts)
			continue
		}
		res.Journalposts += len(m.Journalposts)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// loadBaseline loads the same journal with Store.Load into a database of
// its own on the server, on one connection as the import uses, and drops
// the database.
func loadBaseline(ctx context.Context, serverURL string, entries int, log zerolog.Logger) (res LoadResult, err error) {
	d, db, err := createMigrated(ctx, serverURL, log)
	if err != nil {
		return res, err
	}
	defer func() { err = errors.Join(err, db.Close(), d.Close(context.WithoutCancel(ctx))) }()
	checkpoint(ctx, db)
	log.Info().Int("entries", entries).Msg("baseline: Store.Load of the same journal on one connection")
	times, err := loadJournal(ctx, db, entries, 1, log)
	if err != nil {
		return res, err
	}
	return LoadResult{Elapsed: times.Load, Generate: times.Generate, Workers: times.Workers, Entries: entries}, nil
}

// createMigrated creates a database of its own on the server and brings
// its schema up to date. Close the pool, then the database.
func createMigrated(ctx context.Context, serverURL string, log zerolog.Logger) (*database, *sqlx.DB, error) {
	d, err := createDatabase(ctx, serverURL, log)
	if err != nil {
		return nil, nil, err
	}
	db, err := postgres.OpenMigrated(ctx, d.URL)
	if err != nil {
		return nil, nil, errors.Join(err, d.Close(context.WithoutCancel(ctx)))
	}
	return d, db, nil
}

// importTwice migrates the database and imports the file into it twice.
func importTwice(ctx context.Context, url, file, tmp string, opts ImportOptions, rep *ImportReport) error {
	db, err := postgres.Open(ctx, url)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := rep.Machine.read(ctx, db); err != nil {
		return err
	}
	t := time.Now()
	if err := postgres.Migrate(ctx, db); err != nil {
		return err
	}
	rep.Migrate = time.Since(t)
	docs := filepath.Join(tmp, "documents")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		return err
	}
	for i := 1; i <= 2; i++ {
		checkpoint(ctx, db)
		opts.Log.Info().Int("run", i).Msg("importing arkivstruktur.xml")
		run, err := runImportChild(ctx, opts.Command, url, docs, file, opts.Log)
		if err != nil {
			return fmt.Errorf("import run %d: %w", i, err)
		}
		opts.Log.Info().Int("run", i).Str("took", run.Wall.Round(time.Millisecond).String()).
			Int("per_second", int(run.Rate())).Str("peak_rss", mb(run.Peak())).Msg("imported")
		rep.Runs = append(rep.Runs, run)
	}
	return nil
}

// checkpoint writes out the dirty pages of what came before, so that the
// next timed step does not pay for them. Without the right to checkpoint
// (a server of the user's) it does nothing.
func checkpoint(ctx context.Context, db *sqlx.DB) {
	db.ExecContext(ctx, `CHECKPOINT`)
}

// runImportChild runs the import command on the file, with the database
// URL in the environment (not on a command line others can read), and
// samples the child's memory until it exits.
func runImportChild(ctx context.Context, command []string, url, docs, file string, log zerolog.Logger) (ImportRun, error) {
	var run ImportRun
	args := append(append([]string{}, command[1:]...), "--json", "--documents-dir", docs, file)
	cmd := exec.CommandContext(ctx, command[0], args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "INNSYN_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "INNSYN_DATABASE_URL="+url, "INNSYN_LOG_LEVEL=warn", "INNSYN_LOG_FORMAT=json")
	var stdout bytes.Buffer
	tail := &tailBuffer{max: 8 << 10}
	cmd.Stdout, cmd.Stderr = &stdout, io.MultiWriter(tail, &lineLogger{log: log})
	before := readCPU()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return run, fmt.Errorf("start %s: %w", command[0], err)
	}
	stop := sampleMemory(cmd.Process.Pid)
	werr := cmd.Wait()
	run.Wall = time.Since(start)
	run.Sampled = stop()
	run.Busy, run.IOWait = readCPU().since(before)
	if st := cmd.ProcessState; st != nil {
		run.CPU = st.UserTime() + st.SystemTime()
	}
	if err := json.Unmarshal(stdout.Bytes(), &run.Summary); err != nil {
		return run, fmt.Errorf("no summary from the import (%v; exit: %v):\n%s", err, werr, tail)
	}
	if werr != nil {
		return run, fmt.Errorf("the import failed (%v):\n%s", werr, tail)
	}
	return run, nil
}

// lineLogger logs what the child writes to its standard error, a line at
// a time: its progress every ten seconds, and warnings.
type lineLogger struct {
	log  zerolog.Logger
	line []byte
}

func (l *lineLogger) Write(p []byte) (int, error) {
	l.line = append(l.line, p...)
	for {
		i := bytes.IndexByte(l.line, '\n')
		if i < 0 {
			break
		}
		if s := strings.TrimSpace(string(l.line[:i])); s != "" {
			l.log.Info().Str("component", "import").Msg(s)
		}
		l.line = l.line[i+1:]
	}
	return len(p), nil
}

// cpuTimes are the machine's CPU counters from /proc/stat, in clock ticks.
type cpuTimes struct {
	busy, iowait int64
	ok           bool
}

// clockTick is USER_HZ, which /proc/stat counts in: 100 on Linux.
const clockTick = 10 * time.Millisecond

func readCPU() cpuTimes {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return cpuTimes{}
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return cpuTimes{}
	}
	fields := strings.Fields(sc.Text())
	if len(fields) < 8 || fields[0] != "cpu" {
		return cpuTimes{}
	}
	var c cpuTimes
	for i, f := range fields[1:] {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return cpuTimes{}
		}
		switch i {
		case 3: // idle
		case 4:
			c.iowait = n
		case 0, 1, 2, 5, 6, 7: // user nice system irq softirq steal
			c.busy += n
		}
	}
	c.ok = true
	return c
}

// since is the busy and iowait time between before and c.
func (c cpuTimes) since(before cpuTimes) (busy, iowait time.Duration) {
	if !c.ok || !before.ok {
		return 0, 0
	}
	return time.Duration(c.busy-before.busy) * clockTick, time.Duration(c.iowait-before.iowait) * clockTick
}

func (r *ImportReport) failed() bool {
	if r.Parse.Broken > 0 || r.Parse.Journalposts != r.Entries {
		return true
	}
	for _, run := range r.Runs {
		c := run.Summary.Journalposts
		if run.Summary.Fatal != "" || c.Failed > 0 || c.Skipped > 0 || run.Summary.Saksmapper.Failed > 0 {
			return true
		}
	}
	return false
}

// The targets of the import benchmark (issue 7, point 7).
const (
	targetImportRate    = 20_000    // journalposts/s from arkivstruktur.xml into PostgreSQL
	targetImportRSS     = 150 << 20 // bytes, the import process …
	targetImportEntries = 1_000_000 // … on a file of this many entries
)

// Checks compares the run with the targets.
func (r *ImportReport) Checks() []Check {
	first, second := r.run(0), r.run(1)
	rate := Check{Target: fmt.Sprintf("≥ %s journalposts/s from arkivstruktur.xml into PostgreSQL", thousands(targetImportRate)),
		Result: "not measured"}
	if first != nil {
		rate.Measured = fmt.Sprintf("%s/s on the first run (%s/s on the second, unchanged)", thousands(int64(first.Rate())),
			thousands(int64(second.Rate())))
		rate.Result = passFail(first.Rate() >= targetImportRate)
	}
	rss := Check{Target: fmt.Sprintf("import RSS ≤ %s on a %s-entry file", mb(targetImportRSS), thousands(targetImportEntries)),
		Result: "not measured"}
	if first != nil {
		peak := max(first.Peak(), second.Peak())
		rss.Measured = fmt.Sprintf("%s peak (VmHWM; first run %s, second %s)", mb(peak), mb(first.Peak()), mb(second.Peak()))
		rss.Result = passFail(peak <= targetImportRSS)
		if r.Entries < targetImportEntries {
			rss.Result += fmt.Sprintf(" (on %s entries, not %s)", thousands(int64(r.Entries)), thousands(targetImportEntries))
		}
	}
	same := Check{Target: "a second import of the same file changes nothing", Result: "not measured"}
	if second.Wall > 0 {
		s := second.Summary
		same.Measured = fmt.Sprintf("saksmapper %d created, %d updated; journalposts %d created, %d updated, %s unchanged",
			s.Saksmapper.Created, s.Saksmapper.Updated, s.Journalposts.Created, s.Journalposts.Updated,
			thousands(int64(s.Journalposts.Unchanged)))
		same.Result = passFail(!s.Changed() && s.Journalposts.Unchanged == r.Entries)
	}
	return []Check{rate, rss, same}
}

// run is the i-th import run, or an empty one.
func (r *ImportReport) run(i int) *ImportRun {
	if i < len(r.Runs) {
		return &r.Runs[i]
	}
	return &ImportRun{}
}

// Markdown is the report.
func (r *ImportReport) Markdown() string {
	var b strings.Builder
	m := r.Machine
	fmt.Fprintf(&b, "# innsyn bench --import: %s entries\n\n", thousands(int64(r.Entries)))
	fmt.Fprintf(&b, "Command: `%s` (build: %s)\n\n", r.Invocation, m.Revision)
	fmt.Fprintf(&b, "Machine: %d CPUs (%s), Linux %s, %s, PostgreSQL %s, on the same machine. Load average before %s, after %s.\n\n",
		m.CPUs, m.CPUModel, m.Kernel, m.Go, m.Postgres, m.LoadBefore, m.LoadAfter)
	if len(m.Settings) > 0 {
		fmt.Fprintf(&b, "PostgreSQL settings: %s.\n\n", strings.Join(m.Settings, ", "))
	}
	r.writeFile(&b)
	r.writeResults(&b)
	r.writeSummaries(&b)
	b.WriteString("## Targets\n\n| target | measured | result |\n|---|---|---|\n")
	for _, c := range r.Checks() {
		fmt.Fprintf(&b, "| %s | %s | **%s** |\n", c.Target, c.Measured, c.Result)
	}
	b.WriteString("\n")
	return b.String()
}

func (r *ImportReport) writeFile(b *strings.Builder) {
	f := r.File
	fmt.Fprintf(b, "## The export\n\nA Noark 5 (5.x) `arkivstruktur.xml` of the demo generator's journal (Nordrana kommune, the "+
		"search benchmark's journal): %s journalposts in %s saksmapper, %s records with a skjerming, documents without files; "+
		"%s. Written in %s: the generator runs twice, once to count each case's entries and once to write each case when "+
		"its last entry is made; the writer held at most %s open cases (%s of XML).\n\n",
		thousands(int64(f.Journalposts)), thousands(int64(f.Mapper)), thousands(int64(f.Skjerminger)), mb(f.Bytes),
		fmtDur(r.Generate), thousands(int64(f.PeakOpen)), mb(f.PeakBuffered))
}

func (r *ImportReport) writeResults(b *strings.Builder) {
	b.WriteString("## Results\n\nThe import is `innsyn import --json --documents-dir DIR arkivstruktur.xml` as a child process " +
		"(INNSYN_DATABASE_URL in its environment), into a migrated, empty database; a CHECKPOINT before each timed step. " +
		"CPU: the child's user + system time; machine: the CPU time of every process on the machine (PostgreSQL's included) " +
		"over the step, in cores. RSS: the child's peak resident memory (VmHWM, read every 100 ms).\n\n")
	b.WriteString("| step | wall | journalposts/s | × import | process CPU | machine CPU | I/O wait | peak RSS |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	first := r.run(0)
	ratio := func(d time.Duration) string {
		if first.Wall <= 0 || d <= 0 {
			return ""
		}
		return fmt.Sprintf("%.2f", first.Wall.Seconds()/d.Seconds())
	}
	p := r.Parse
	fmt.Fprintf(b, "| parse only: noark5.NewArkivstruktur over the file, no database (in the bench process) | %s | %s | %s | | | | |\n",
		fmtDur(p.Elapsed), thousands(int64(perSecond(p.Journalposts, p.Elapsed))), ratio(p.Elapsed))
	for i, run := range r.Runs {
		name := "**import, first run** (an empty journal)"
		if i > 0 {
			name = "import, second run (the same file again)"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", name, fmtDur(run.Wall), thousands(int64(run.Rate())),
			ratio(run.Wall), cores(run.CPU, run.Wall), cores(run.Busy, run.Wall), cores(run.IOWait, run.Wall), mb(run.Peak()))
	}
	l := r.Load
	fmt.Fprintf(b, "| baseline: Store.Load of the same journal, %d connection, batches of 500, no XML (in the bench process; "+
		"the generator's %s included) | %s | %s | %s | | | | |\n",
		l.Workers, fmtDur(l.Generate), fmtDur(l.Elapsed), thousands(int64(perSecond(l.Entries, l.Elapsed))), ratio(l.Elapsed))
	f := r.Floor
	if f.Elapsed > 0 {
		fmt.Fprintf(b, "| floor: PostgreSQL alone writes the rows of the first run again — COPY from files into an empty "+
			"migrated database, one transaction, one connection, no importer | %s | %s | %s | | %s | | |\n",
			fmtDur(f.Elapsed), thousands(int64(perSecond(f.Entries, f.Elapsed))), ratio(f.Elapsed), cores(f.Busy, f.Elapsed))
	}
	b.WriteString("\n")
	if f.Elapsed > 0 {
		b.WriteString("The floor by table: ")
		for i, t := range f.Tables {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "%s %s rows %s", t.Table, thousands(t.Rows), fmtDur(t.Elapsed))
		}
		fmt.Fprintf(b, ". Per journalpost: %.0f µs of machine CPU.\n\n", float64(f.Busy.Microseconds())/float64(max(f.Entries, 1)))
	}
	fmt.Fprintf(b, "Migrating the empty database before the first run took %s (not in the run's time).\n\n", fmtDur(r.Migrate))
	if first.Wall > 0 && l.Elapsed > 0 {
		fmt.Fprintf(b, "Of the first import's %s, reading the XML alone takes %.0f %%; loading the same entries with "+
			"Store.Load takes %.0f %% of it. × import: how many times faster than the first import.\n\n",
			fmtDur(first.Wall), 100*p.Elapsed.Seconds()/first.Wall.Seconds(), 100*l.Elapsed.Seconds()/first.Wall.Seconds())
	}
}

// cores is CPU time over wall time, as "1.23 cores" with the time.
func cores(cpu, wall time.Duration) string {
	if cpu <= 0 || wall <= 0 {
		return ""
	}
	return fmt.Sprintf("%s (%.2f)", fmtDur(cpu), cpu.Seconds()/wall.Seconds())
}

func (r *ImportReport) writeSummaries(b *strings.Builder) {
	p := r.Parse
	fmt.Fprintf(b, "The reader found %s mapper (%d broken) with %s journalposts, and %d problems.\n\n",
		thousands(int64(p.Mapper)), p.Broken, thousands(int64(p.Journalposts)), p.Problems)
	b.WriteString("| run | saksmapper created / updated / unchanged / failed | journalposts created / updated / unchanged / skipped / failed | problems | the importer's own time |\n")
	b.WriteString("|---|---|---|---:|---:|\n")
	for i, run := range r.Runs {
		s := run.Summary
		fmt.Fprintf(b, "| %d | %d / %d / %d / %d | %d / %d / %d / %d / %d | %d | %s |\n", i+1,
			s.Saksmapper.Created, s.Saksmapper.Updated, s.Saksmapper.Unchanged, s.Saksmapper.Failed,
			s.Journalposts.Created, s.Journalposts.Updated, s.Journalposts.Unchanged, s.Journalposts.Skipped, s.Journalposts.Failed,
			s.ProblemCount, fmtDur(s.Elapsed))
		if s.Fatal != "" {
			fmt.Fprintf(b, "\nRun %d stopped: %s\n", i+1, s.Fatal)
		}
	}
	b.WriteString("\n")
}
