package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/postgres"
)

func printSpec(w io.Writer) error {
	spec, err := api.Spec()
	if err != nil {
		return fmt.Errorf("openapi: %w", err)
	}
	_, err = w.Write(spec)
	return err
}

func serveCommand(ctx context.Context, cfg Config, stderr io.Writer) error {
	log, err := newLogger(cfg, stderr)
	if err != nil {
		return err
	}
	svc, err := openService(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer svc.close()
	return svc.run(ctx, func(url string) { log.Info().Str("url", url).Msg("serving") })
}

func migrateCommand(ctx context.Context, cfg Config, stderr io.Writer) error {
	log, err := newLogger(cfg, stderr)
	if err != nil {
		return err
	}
	if cfg.DatabaseURL == "" {
		return fmt.Errorf("set INNSYN_DATABASE_URL (or --database-url)")
	}
	db, err := postgres.OpenMigrated(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	log.Info().Msg("the database schema is up to date")
	return nil
}

// newLogger builds the process logger from the log settings.
func newLogger(cfg Config, w io.Writer) (zerolog.Logger, error) {
	level, err := zerolog.ParseLevel(strings.ToLower(cfg.LogLevel))
	if err != nil || level == zerolog.NoLevel {
		return zerolog.Logger{}, fmt.Errorf("log level %q: use debug, info, warn or error", cfg.LogLevel)
	}
	switch cfg.LogFormat {
	case "json":
	case "console":
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: "15:04:05", NoColor: !isTerminal(w)}
	default:
		return zerolog.Logger{}, fmt.Errorf("log format %q: use json or console", cfg.LogFormat)
	}
	zerolog.TimeFieldFormat = "2006-01-02T15:04:05.000Z07:00"
	return zerolog.New(w).Level(level).With().Timestamp().Logger(), nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
