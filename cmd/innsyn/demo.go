package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/demojournal"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/pgcluster"
)

// demoCommand runs the whole service on one machine: a private PostgreSQL
// cluster from the machine's binaries under the data directory (unless
// INNSYN_DATABASE_URL names a database), documents in a local directory,
// the demo journal, and a staff key to try the staff endpoints with.
func demoCommand(ctx context.Context, cfg Config, stdout, stderr io.Writer, getenv func(string) string) error {
	if getenv("INNSYN_LOG_FORMAT") == "" {
		cfg.LogFormat = "console"
	}
	if cfg.BodyName == "" {
		cfg.BodyName = "Nordrana kommune" // the demo journal's municipality
	}
	log, err := newLogger(cfg, stderr)
	if err != nil {
		return err
	}
	dataDir, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	if cfg.DatabaseURL == "" {
		cluster, err := startDemoCluster(ctx, dataDir, log)
		if err != nil {
			return err
		}
		defer func() {
			log.Info().Msg("stopping PostgreSQL")
			if err := cluster.Stop(context.WithoutCancel(ctx)); err != nil {
				log.Error().Err(err).Msg("could not stop PostgreSQL")
			}
		}()
		cfg.DatabaseURL = cluster.URL("innsyn")
		// innsyn import --data-dir finds the running demo's database here.
		urlFile := filepath.Join(dataDir, demoURLFile)
		if err := os.WriteFile(urlFile, []byte(cfg.DatabaseURL+"\n"), 0o600); err != nil {
			return fmt.Errorf("data directory: %w", err)
		}
		defer os.Remove(urlFile)
	}
	cfg.DocumentsDir = filepath.Join(dataDir, "documents")

	svc, err := openService(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer svc.close()
	if err := loadDemoJournal(ctx, svc, log); err != nil {
		return err
	}
	key, err := demoKey(ctx, svc.keys, filepath.Join(dataDir, "demo-admin-key"))
	if err != nil {
		return err
	}
	return svc.run(ctx, func(url string) { printBanner(stdout, url, key, cfg.DatabaseURL) })
}

// demoURLFile holds the running demo's database URL, in its data directory.
const demoURLFile = "demo-database-url"

func startDemoCluster(ctx context.Context, dataDir string, log zerolog.Logger) (*pgcluster.Cluster, error) {
	log.Info().Str("dir", filepath.Join(dataDir, "postgres")).Msg("starting a private PostgreSQL cluster")
	cluster, err := pgcluster.Start(ctx, pgcluster.Options{
		DataDir: filepath.Join(dataDir, "postgres"),
		Durable: true,
		Log:     logWriter{log},
	})
	if errors.Is(err, pgcluster.ErrNoBinaries) {
		return nil, err
	} else if err != nil {
		return nil, fmt.Errorf("start PostgreSQL: %w", err)
	}
	if err := cluster.CreateDatabase(ctx, "innsyn"); err != nil {
		cluster.Stop(context.WithoutCancel(ctx))
		return nil, err
	}
	return cluster, nil
}

// logWriter turns pgcluster's progress lines into log lines.
type logWriter struct{ log zerolog.Logger }

func (w logWriter) Write(p []byte) (int, error) {
	w.log.Info().Str("component", "postgres").Msg(strings.TrimSpace(string(p)))
	return len(p), nil
}

// loadDemoJournal loads the demo journal into an empty database; a
// database that has entries is left alone, so that changes made in the
// demo survive a restart.
func loadDemoJournal(ctx context.Context, svc *service, log zerolog.Logger) error {
	var n int
	if err := svc.db.GetContext(ctx, &n, `SELECT count(*) FROM journalpost`); err != nil {
		return fmt.Errorf("demo journal: %w", err)
	}
	if n > 0 {
		log.Info().Int("journalposts", n).Msg("the demo journal is already loaded")
		return nil
	}
	log.Info().Msg("loading the demo journal")
	var total journal.LoadStats
	err := demojournal.Generate(demojournal.DemoOptions(), func(b journal.Batch, files []demojournal.File) error {
		if err := storeFiles(ctx, svc.docs, files); err != nil {
			return err
		}
		stats, err := svc.store.Load(ctx, b)
		total.Journalposts += stats.Journalposts
		total.Saksmapper += stats.Saksmapper
		return err
	})
	if err != nil {
		return fmt.Errorf("demo journal: %w", err)
	}
	log.Info().Int("journalposts", total.Journalposts).Int("saksmapper", total.Saksmapper).Msg("demo journal loaded")
	return nil
}

// storeFiles puts documents in the store before the rows naming them are
// written, so that no row ever points at a missing file.
func storeFiles(ctx context.Context, docs blob.Store, files []demojournal.File) error {
	for _, f := range files {
		if _, err := docs.Put(ctx, f.Key, bytes.NewReader(f.Content), int64(len(f.Content)), f.MediaType); err != nil {
			return fmt.Errorf("store %s: %w", f.Key, err)
		}
	}
	return nil
}

// demoKey returns the demo's admin key, kept in a file of the data
// directory so that it stays the same across restarts.
func demoKey(ctx context.Context, keys auth.KeyStore, path string) (string, error) {
	if b, err := os.ReadFile(path); err == nil {
		secret := strings.TrimSpace(string(b))
		if _, err := keys.Authenticate(ctx, secret); err == nil {
			return secret, nil
		}
	}
	_, secret, err := keys.CreateKey(ctx, "system", "demo", auth.RoleAdmin, time.Time{})
	if err != nil {
		return "", fmt.Errorf("demo key: %w", err)
	}
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("demo key: %w", err)
	}
	return secret, nil
}

func printBanner(w io.Writer, url, key, databaseURL string) {
	fmt.Fprintf(w, `
innsyn demo is running at %[1]s

  Public journal:  curl '%[1]s/v1/journalpost?limit=5'
  API docs:        %[1]s/docs   (contract: %[1]s/openapi.yaml)
  Staff key:       %[2]s
  Staff record:    curl -H 'Authorization: Bearer %[2]s' %[1]s/v1/admin/journalpost/ID
  Ask for access:  curl -X POST %[1]s/v1/innsynskrav -H 'Content-Type: application/json' -d '{"email":"you@example.no","journalpost":["ID"]}'
                   (mails go to this log unless INNSYN_SMTP_ADDR is set)
  Database:        %[3]s

Press Ctrl-C to stop.
`, url, key, databaseURL)
}
