package bench

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/lib/pq"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/pgcluster"
)

// database is the benchmark's own database: a fresh one on a server the
// user named, or one in a private cluster started for the run. Close drops
// it (or stops the cluster and removes its directory).
type database struct {
	URL string
	// Dir is the private cluster's directory; "" on a named server.
	Dir   string
	close func(ctx context.Context) error
}

// Close removes the database.
func (d *database) Close(ctx context.Context) error { return d.close(ctx) }

// openDatabase creates the benchmark's database: innsyn_bench_<random> on
// the server of serverURL, or, when serverURL is "", a private cluster in a
// temporary directory (like `innsyn demo` does in its data directory).
func openDatabase(ctx context.Context, serverURL string, log zerolog.Logger) (*database, error) {
	if serverURL != "" {
		return createDatabase(ctx, serverURL, log)
	}
	return startCluster(ctx, log)
}

func createDatabase(ctx context.Context, serverURL string, log zerolog.Logger) (*database, error) {
	u, err := url.Parse(serverURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, errors.New("--database-url: a postgres:// URL of a role that may create databases")
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "innsyn_bench_" + hex.EncodeToString(b)
	admin, err := sql.Open("postgres", serverURL)
	if err != nil {
		return nil, fmt.Errorf("bench database: %w", err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		return nil, fmt.Errorf("create database %s: %w", name, err)
	}
	log.Info().Str("database", name).Msg("created the benchmark database")
	u.Path, u.RawPath = "/"+name, ""
	return &database{URL: u.String(), close: func(ctx context.Context) error {
		return dropDatabase(ctx, serverURL, name)
	}}, nil
}

func dropDatabase(ctx context.Context, serverURL, name string) error {
	admin, err := sql.Open("postgres", serverURL)
	if err != nil {
		return err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nil
}

// startCluster starts a private PostgreSQL in a temporary directory. When
// this process is root the server runs as the postgres user, so the
// directory must be reachable by it (os.MkdirTemp makes it private).
func startCluster(ctx context.Context, log zerolog.Logger) (*database, error) {
	dir, err := os.MkdirTemp("", "innsyn-bench-")
	if err != nil {
		return nil, fmt.Errorf("bench cluster: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("bench cluster: %w", err)
	}
	log.Info().Str("dir", dir).Msg("starting a private PostgreSQL cluster")
	cluster, err := pgcluster.Start(ctx, pgcluster.Options{
		DataDir: filepath.Join(dir, "postgres"),
		Durable: true, // like the demo and production: the load pays for fsync
		Log:     logWriter{log},
	})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	stop := func(ctx context.Context) error {
		err := cluster.Stop(ctx)
		return errors.Join(err, os.RemoveAll(dir))
	}
	if err := cluster.CreateDatabase(ctx, "innsyn"); err != nil {
		return nil, errors.Join(err, stop(context.WithoutCancel(ctx)))
	}
	return &database{URL: cluster.URL("innsyn"), Dir: dir, close: stop}, nil
}

// logWriter turns pgcluster's progress lines into log lines.
type logWriter struct{ log zerolog.Logger }

func (w logWriter) Write(p []byte) (int, error) {
	w.log.Info().Str("component", "postgres").Msg(strings.TrimSpace(string(p)))
	return len(p), nil
}
