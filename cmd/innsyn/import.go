package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/importer"
	"github.com/innsyn/innsyn/internal/jobs"
	"github.com/innsyn/innsyn/internal/postgres"
)

// importOptions are the import command's own flags.
type importOptions struct {
	path   string
	source string
	dryRun bool
	prune  bool
	asJSON bool
}

// parseImportArgs reads the import's own flags and its one path, in any
// order after the service's settings.
func parseImportArgs(args []string) (importOptions, error) {
	var o importOptions
	fs := flag.NewFlagSet("innsyn import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&o.dryRun, "dry-run", false, "report what would change; write nothing")
	fs.BoolVar(&o.prune, "prune", false, "delete this source's entries that are missing from the export (audited)")
	fs.StringVar(&o.source, "source", "", "the source's name, which prune compares against (default: the path's base name)")
	fs.BoolVar(&o.asJSON, "json", false, "print the summary as JSON")
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return o, fmt.Errorf("import: %w", err)
		}
		if fs.NArg() == 0 {
			break
		}
		paths = append(paths, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(paths) != 1 {
		return o, errors.New("import: name one directory, .zip, .tar(.gz), arkivstruktur.xml, .csv or .json to import")
	}
	o.path = paths[0]
	if o.source == "" {
		o.source = importer.DefaultSource(o.path)
	}
	return o, nil
}

// splitImportFlags takes the import's own flags out of args, so that they
// may also come before the path, among the service's settings.
func splitImportFlags(args []string) (service, own []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		name, _, hasValue := strings.Cut(name, "=")
		switch {
		case !strings.HasPrefix(a, "-"):
			return service, append(own, args[i:]...)
		case name == "dry-run" || name == "prune" || name == "json":
			own = append(own, a)
		case name == "source":
			own = append(own, a)
			if !hasValue && i+1 < len(args) {
				i++
				own = append(own, args[i])
			}
		default:
			service = append(service, a)
			if !hasValue && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") && takesValue(name) {
				i++
				service = append(service, args[i])
			}
		}
	}
	return service, own
}

// takesValue reports whether a service setting's flag needs a value (all
// but the booleans).
func takesValue(name string) bool {
	var c Config
	for _, s := range c.settings() {
		if s.flag == name {
			_, isBool := s.target.(*bool)
			return !isBool
		}
	}
	return true
}

// importCommand imports an export into the configured database, or the
// demo's with --data-dir when no database URL is set.
func importCommand(ctx context.Context, cfg Config, opt importOptions, stdout, stderr io.Writer) error {
	log, err := newLogger(cfg, stderr)
	if err != nil {
		return err
	}
	if cfg.DatabaseURL == "" {
		stop, err := demoDatabase(ctx, &cfg, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	db, err := postgres.OpenMigrated(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	policy, err := cfg.policy()
	if err != nil {
		return err
	}
	docs, err := openDocuments(ctx, cfg)
	if err != nil {
		return err
	}
	store := postgres.NewStore(db, now, policy)
	// The running service extracts the new files' text: the import only
	// queues the work.
	queue, err := jobs.NewClient(db.DB, jobs.DefaultConfig(), jobs.Deps{Refresher: store, Files: store, Blobs: docs, Now: now, Log: log})
	if err != nil {
		return err
	}
	store.SetTextQueue(jobs.Queue{Client: queue})
	maxFile, _ := parseBytes(cfg.MaxUpload) // checked by Config.validate
	src, err := importer.Open(opt.path, "")
	if err != nil {
		return err
	}
	defer src.Close()
	bar := newProgressBar(stderr, src)
	sum, err := importer.New(store, importer.DocumentFiles{Blobs: docs, MaxBytes: maxFile}).Import(ctx, src.Reader, src,
		importer.Options{Source: opt.source, Actor: cliActor, DryRun: opt.dryRun, Prune: opt.prune, Progress: bar.update})
	bar.done()
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if opt.asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else {
		printSummary(stdout, src.Name, opt, sum)
	}
	if sum.Fatal != "" || sum.Saksmapper.Failed > 0 || sum.Journalposts.Failed > 0 {
		return errors.New("import: some of the export could not be imported; see the problems above")
	}
	return nil
}

// demoDatabase points cfg at the demo's database and documents under
// --data-dir: the running demo's cluster if there is one, else the cluster
// started here, which the returned function stops.
func demoDatabase(ctx context.Context, cfg *Config, log zerolog.Logger) (func(), error) {
	dataDir, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dataDir, "postgres")); err != nil {
		return nil, fmt.Errorf("import: set INNSYN_DATABASE_URL (or --database-url), or --data-dir to a demo's data directory (%s has no demo database)", dataDir)
	}
	if cfg.DocumentsDir == "" && cfg.S3.Endpoint == "" {
		cfg.DocumentsDir = filepath.Join(dataDir, "documents")
	}
	if url, err := os.ReadFile(filepath.Join(dataDir, demoURLFile)); err == nil {
		if db, err := postgres.Open(ctx, strings.TrimSpace(string(url))); err == nil {
			db.Close()
			cfg.DatabaseURL = strings.TrimSpace(string(url))
			log.Info().Msg("importing into the running demo's database")
			return func() {}, nil
		}
	}
	cluster, err := startDemoCluster(ctx, dataDir, log)
	if err != nil {
		return nil, err
	}
	cfg.DatabaseURL = cluster.URL("innsyn")
	return func() {
		if err := cluster.Stop(context.WithoutCancel(ctx)); err != nil {
			log.Error().Err(err).Msg("could not stop PostgreSQL")
		}
	}, nil
}

func printSummary(w io.Writer, name string, opt importOptions, s importer.Summary) {
	verb := "imported"
	if opt.dryRun {
		verb = "would import (dry run; nothing written)"
	}
	fmt.Fprintf(w, "%s: %s in %s (source %q)\n", name, verb, s.Elapsed.Round(time.Millisecond), opt.source)
	row := func(what string, c importer.Counts) {
		fmt.Fprintf(w, "  %-13s created %d, updated %d, unchanged %d, skipped %d, failed %d\n", what, c.Created, c.Updated,
			c.Unchanged, c.Skipped, c.Failed)
	}
	row("saksmapper:", s.Saksmapper)
	row("journalposts:", s.Journalposts)
	fmt.Fprintf(w, "  %-13s stored %d, already stored %d, missing %d, checksum mismatch %d\n", "files:", s.Files.Stored,
		s.Files.Reused, s.Files.Missing, s.Files.Mismatched)
	if opt.prune {
		fmt.Fprintf(w, "  %-13s %d entries missing from this export\n", "pruned:", s.Pruned)
	}
	if !s.Changed() {
		fmt.Fprintln(w, "  nothing changed")
	}
	if s.ProblemCount > 0 {
		fmt.Fprintf(w, "problems (%d):\n", s.ProblemCount)
		for _, p := range s.Problems {
			fmt.Fprintf(w, "  %s\n", problemLine(p))
		}
		if s.ProblemCount > len(s.Problems) {
			fmt.Fprintf(w, "  … and %d more\n", s.ProblemCount-len(s.Problems))
		}
	}
	if s.Fatal != "" {
		fmt.Fprintf(w, "stopped: %s\n", s.Fatal)
	}
}

func problemLine(p importer.ProblemReport) string {
	where := p.File
	if p.Line > 0 {
		where += fmt.Sprintf(":%d", p.Line)
	}
	if p.Path != "" {
		where += " " + p.Path
	}
	s := strings.TrimSpace(where) + ": " + p.Message
	if p.Value != "" {
		s += fmt.Sprintf(" (%q)", p.Value)
	}
	return s
}

// progressBar shows an import's progress on a terminal, with the rate and,
// when the journal file's size is known, an ETA; elsewhere a line every
// ten seconds.
type progressBar struct {
	w        io.Writer
	src      *importer.Opened
	terminal bool
	last     time.Time
}

func newProgressBar(w io.Writer, src *importer.Opened) *progressBar {
	return &progressBar{w: w, src: src, terminal: isTerminal(w)}
}

func (b *progressBar) update(p importer.Progress) {
	now := time.Now()
	every := 10 * time.Second
	if b.terminal {
		every = 200 * time.Millisecond
	}
	if now.Sub(b.last) < every {
		return
	}
	b.last = now
	rate := float64(p.Journalposts) / max(p.Elapsed.Seconds(), 0.001)
	line := fmt.Sprintf("%d mapper, %d journalposts, %.0f/s", p.Mapper, p.Journalposts, rate)
	if size := b.src.Size; size > 0 {
		read := b.src.Read()
		frac := float64(read) / float64(size)
		line += fmt.Sprintf(", %.0f %%", 100*frac)
		if frac > 0.01 {
			eta := time.Duration(float64(p.Elapsed) * (1 - frac) / frac)
			line += ", ETA " + eta.Round(time.Second).String()
		}
	}
	if b.terminal {
		fmt.Fprintf(b.w, "\r\033[K%s", line)
	} else {
		fmt.Fprintln(b.w, "import: "+line)
	}
}

func (b *progressBar) done() {
	if b.terminal && !b.last.IsZero() {
		fmt.Fprint(b.w, "\r\033[K")
	}
}
