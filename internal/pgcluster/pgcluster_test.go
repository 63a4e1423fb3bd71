package pgcluster

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq"
)

// reachableDir returns a fresh directory that the postgres user, which runs
// the server when the tests run as root, can reach: t.TempDir's are private.
func reachableDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "pgcluster-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// mustStart starts a cluster in dir and stops it at cleanup.
func mustStart(t *testing.T, opts Options) *Cluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Stop(context.Background()); err != nil {
			t.Error(err)
		}
	})
	return c
}

// mustOpen opens database on c and closes it at cleanup.
func mustOpen(t *testing.T, c *Cluster, database string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", c.URL(database))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// mustQuery returns the single text value of query.
func mustQuery(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	var s string
	if err := db.QueryRow(query).Scan(&s); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return s
}

func TestStart(t *testing.T) {
	t.Parallel()
	c := mustStart(t, Options{DataDir: filepath.Join(reachableDir(t), "data")})
	db := mustOpen(t, c, "postgres")

	for query, want := range map[string]string{
		"SHOW listen_addresses":           "127.0.0.1",
		"SHOW unix_socket_directories":    "",
		"SHOW fsync":                      "off",
		"SHOW synchronous_commit":         "off",
		"SHOW full_page_writes":           "off",
		"SHOW server_encoding":            "UTF8",
		"SHOW default_text_search_config": "pg_catalog.norwegian",
		"SELECT to_tsvector('Søknad om byggetillatelse for garasjer')::text": "'byggetillat':3 'garasj':5 'søknad':1",
	} {
		if got := mustQuery(t, db, query); got != want {
			t.Errorf("%s = %q, want %q", query, got, want)
		}
	}
	u, err := url.Parse(c.URL("x y"))
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := u.User.Password(); u.Host != "127.0.0.1:"+strconv.Itoa(c.Port()) || len(p) != 32 || u.Path != "/x y" {
		t.Errorf("URL = %s", c.URL("x y"))
	}
}

func TestStop(t *testing.T) {
	t.Parallel()
	c := mustStart(t, Options{DataDir: filepath.Join(reachableDir(t), "data")})
	ctx := context.Background()
	for i := range 2 {
		if err := c.Stop(ctx); err != nil {
			t.Fatalf("Stop #%d: %v", i+1, err)
		}
	}
	db := mustOpen(t, c, "postgres")
	if err := db.Ping(); err == nil {
		t.Error("server still answers after Stop")
	}
}

func TestRestartKeepsData(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(reachableDir(t), "data")
	ctx := context.Background()

	first := mustStart(t, Options{DataDir: dir})
	if err := first.CreateDatabase(ctx, "keep"); err != nil {
		t.Fatal(err)
	}
	if _, err := mustOpen(t, first, "keep").Exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('æøå')"); err != nil {
		t.Fatal(err)
	}
	if err := first.Stop(ctx); err != nil {
		t.Fatal(err)
	}

	second := mustStart(t, Options{DataDir: dir, Durable: true})
	if password(t, second) != password(t, first) {
		t.Error("the password changed on restart")
	}
	db := mustOpen(t, second, "keep")
	if got := mustQuery(t, db, "SELECT v FROM kept"); got != "æøå" {
		t.Errorf("kept row = %q", got)
	}
	if got := mustQuery(t, db, "SHOW fsync"); got != "on" {
		t.Errorf("durable cluster has fsync = %s", got)
	}
}

// A Start on a directory whose server still runs (a demo killed hard) stops
// that server first; the earlier Cluster's Stop then leaves the new one alone.
func TestStartStopsLeftover(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(reachableDir(t), "data")
	first := mustStart(t, Options{DataDir: dir})
	second := mustStart(t, Options{DataDir: dir})
	if second.Port() == first.Port() {
		t.Fatalf("both on port %d", first.Port())
	}
	if err := mustOpen(t, first, "postgres").Ping(); err == nil {
		t.Error("the first server still answers")
	}
	if err := first.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := mustOpen(t, second, "postgres").Ping(); err != nil {
		t.Errorf("the second server stopped with the first Cluster: %v", err)
	}
}

func TestCreateDatabase(t *testing.T) {
	t.Parallel()
	c := mustStart(t, Options{DataDir: filepath.Join(reachableDir(t), "data")})
	ctx := context.Background()
	for range 2 {
		if err := c.CreateDatabase(ctx, "Innsyn_demo"); err != nil {
			t.Fatal(err)
		}
	}
	if got := mustQuery(t, mustOpen(t, c, "Innsyn_demo"), "SELECT current_database()"); got != "Innsyn_demo" {
		t.Errorf("current_database() = %q", got)
	}
	if err := c.CreateDatabase(ctx, `x"; DROP DATABASE postgres; --`); err == nil {
		t.Error("CreateDatabase accepted a name that is not an identifier")
	}
}

func TestStartUnreachableDir(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root hands the data directory to another user")
	}
	t.Parallel()
	private := t.TempDir() // mode 0700, owned by root
	_, err := Start(context.Background(), Options{DataDir: filepath.Join(private, "data")})
	if err == nil || !strings.Contains(err.Error(), "choose a --data-dir") {
		t.Fatalf("Start = %v, want advice to choose a --data-dir", err)
	}
}

func TestFindBinaries(t *testing.T) {
	dir, err := FindBinaries()
	if err != nil {
		t.Fatal(err)
	}
	if !hasBinaries(dir) {
		t.Errorf("FindBinaries = %s, which lacks initdb or pg_ctl", dir)
	}

	t.Setenv("INNSYN_PG_BIN", t.TempDir())
	if _, err := FindBinaries(); !errors.Is(err, ErrNoBinaries) {
		t.Errorf("FindBinaries with an empty INNSYN_PG_BIN = %v, want ErrNoBinaries", err)
	}
	if _, err := Start(context.Background(), Options{DataDir: t.TempDir()}); !errors.Is(err, ErrNoBinaries) {
		t.Errorf("Start with an empty INNSYN_PG_BIN = %v, want ErrNoBinaries", err)
	}
}

func password(t *testing.T, c *Cluster) string {
	t.Helper()
	u, err := url.Parse(c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := u.User.Password()
	return p
}
