package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/innsyn/innsyn/internal/bench"
)

// benchCommand runs the search benchmark: `innsyn bench [flags]`, or with
// --import the import benchmark. It takes its own flags, not the service's
// settings: it never touches the configured database, only a database of
// its own.
func benchCommand(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("innsyn bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	entries := fs.Int("entries", 1_000_000, "journalposts to generate")
	databaseURL := fs.String("database-url", "", "PostgreSQL server URL (a role that may create databases) on which to create and drop "+
		"a database innsyn_bench_<random>; default: a private cluster in a temporary directory")
	duration := fs.Duration("duration", 15*time.Second, "length of each measurement")
	connections := fs.String("connections", "8,32", "numbers of concurrent connections to measure at, comma-separated")
	workers := fs.Int("load-workers", runtime.NumCPU(), "connections that load the journal (each case always on the same one)")
	out := fs.String("out", "", "write the Markdown report to this file (default: standard output)")
	keep := fs.Bool("keep", false, "keep the database (and a private cluster running) for inspection, and print its URL")
	importBench := fs.Bool("import", false, "measure innsyn import of a generated arkivstruktur.xml of --entries entries "+
		"instead of the search (--duration, --connections and --load-workers do not apply)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("bench: unexpected argument %q", fs.Arg(0))
	}
	conns, err := parseConnections(*connections)
	if err != nil {
		return err
	}
	cfg := Config{LogLevel: "info", LogFormat: "console"}
	if v := getenv("INNSYN_LOG_LEVEL"); v != "" {
		cfg.LogLevel = v
	}
	log, err := newLogger(cfg, stderr)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench: find this program to serve with: %w", err)
	}
	invocation := "innsyn bench " + strings.Join(redactArgs(args), " ")
	if *importBench {
		rep, err := bench.RunImport(ctx, bench.ImportOptions{
			Entries: *entries, DatabaseURL: *databaseURL, Keep: *keep, Command: []string{self, "import"},
			Invocation: invocation, Log: log,
		})
		if rep != nil {
			if werr := writeText(rep.Markdown(), *out, stdout); werr != nil {
				return errors.Join(err, werr)
			}
		}
		return err
	}
	rep, err := bench.Run(ctx, bench.Options{
		Entries: *entries, DatabaseURL: *databaseURL, Duration: *duration, Connections: conns,
		LoadWorkers: *workers, Keep: *keep, Server: []string{self, "serve"},
		Command: invocation, Log: log,
	})
	if rep != nil {
		if werr := writeReport(rep, *out, stdout); werr != nil {
			return errors.Join(err, werr)
		}
	}
	return err
}

func parseConnections(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bench: --connections %q: positive numbers, comma-separated", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// redactArgs drops the database URL's value, which may carry a password.
func redactArgs(args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--database-url" || a == "-database-url":
			out = append(out, a, "…")
			i++
		case strings.HasPrefix(a, "--database-url=") || strings.HasPrefix(a, "-database-url="):
			name, _, _ := strings.Cut(a, "=")
			out = append(out, name+"=…")
		default:
			out = append(out, a)
		}
	}
	return out
}

func writeReport(rep *bench.Report, path string, stdout io.Writer) error {
	if path == "" {
		return rep.Markdown(stdout)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return errors.Join(rep.Markdown(f), f.Close())
}

// writeText writes a report to the file at path, or to stdout when path is "".
func writeText(text, path string, stdout io.Writer) error {
	if path == "" {
		_, err := io.WriteString(stdout, text)
		return err
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return nil
}
