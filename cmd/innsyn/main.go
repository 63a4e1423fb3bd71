// Command innsyn is the open-records service: it serves a public body's
// postjournal under offentleglova, and manages its database and keys.
//
//	innsyn demo      the whole service with a private PostgreSQL and a demo journal
//	innsyn serve     the service, configured by flags and INNSYN_* variables
//	innsyn migrate   bring the database schema up to date
//	innsyn apikey    create, list and revoke staff API keys
//	innsyn openapi   print the OpenAPI document
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/innsyn/innsyn/internal/pdftext"
)

func main() {
	// A text extraction child runs the same binary: it does its one job
	// and exits before anything else starts.
	if pdftext.IsChild() {
		os.Exit(pdftext.RunChild())
	}
	tuneGC(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, environ); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "innsyn:", err)
		}
		os.Exit(1)
	}
}

const usage = `innsyn: an open-records service for Norwegian public bodies

Usage:
  innsyn demo [flags]                  the whole service with a private PostgreSQL and a demo journal
  innsyn serve [flags]                 serve the API (configure with flags or INNSYN_* variables)
  innsyn migrate [flags]               bring the database schema up to date
  innsyn apikey create --role R --name N [--expires 90d]
  innsyn apikey list
  innsyn apikey revoke ID
  innsyn import PATH [--dry-run] [--prune] [--source NAME] [--json]
                                       import a Noark 5 package (directory, .zip, .tar), arkivstruktur.xml,
                                       offentligJournal.xml, a CSV postliste or eInnsyn JSON (--data-dir: the demo's)
  innsyn openapi                       print the OpenAPI document (YAML)
  innsyn bench [--entries N] [flags]   measure search through the API and as SQL on a generated journal

Run "innsyn serve -h" for every setting.
`

// run executes one subcommand; main only wires the process to it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("name a subcommand")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "openapi":
		return printSpec(stdout)
	case "bench": // its own flags, not the service's settings
		return benchCommand(ctx, rest, stdout, stderr, getenv)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	var own []string
	if cmd == "import" {
		rest, own = splitImportFlags(rest)
	}
	cfg, rest, err := parseConfig(cmd, rest, getenv)
	if err != nil {
		return err
	}
	switch cmd {
	case "serve":
		return serveCommand(ctx, cfg, stderr)
	case "demo":
		return demoCommand(ctx, cfg, stdout, stderr, getenv)
	case "migrate":
		return migrateCommand(ctx, cfg, stderr)
	case "apikey":
		return apikeyCommand(ctx, cfg, rest, stdout, stderr)
	case "import":
		opt, err := parseImportArgs(append(rest, own...))
		if err != nil {
			return err
		}
		return importCommand(ctx, cfg, opt, stdout, stderr)
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown subcommand %q", cmd)
}

// tuneGC trades memory the service does not need for CPU it does: the
// garbage collector runs a quarter as often as by default (GOGC=400; a
// request's garbage is short-lived), with a soft memory limit that makes
// it run sooner well before the process reaches 200 MB. Setting GOGC or
// GOMEMLIMIT leaves the Go runtime's own reading of them in charge.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(160 << 20)
}
