// Package testenv gives integration tests the real servers that the test
// harness (./internal/testenv/harness, run by `make test`) started: a
// PostgreSQL cluster with a migrated template database, versitygw for S3 and
// Mailpit for mail. The harness passes them in environment variables.
//
// It imports nothing of the project's, so that any package's tests can use it.
package testenv

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/lib/pq"
)

// The environment variables the harness sets.
const (
	EnvDatabaseURL = "INNSYN_TEST_DATABASE_URL" // superuser URL of the test cluster's "postgres" database
	EnvTemplateDB  = "INNSYN_TEST_TEMPLATE_DB"  // name of a database the harness migrated; tests clone it
	EnvS3Endpoint  = "INNSYN_TEST_S3_ENDPOINT"  // host:port of versitygw
	EnvS3AccessKey = "INNSYN_TEST_S3_ACCESS_KEY"
	EnvS3SecretKey = "INNSYN_TEST_S3_SECRET_KEY"
	EnvMailpitURL  = "INNSYN_TEST_MAILPIT_URL" // http://127.0.0.1:P (REST API)
	EnvSMTPAddr    = "INNSYN_TEST_SMTP_ADDR"   // 127.0.0.1:P
)

// getenv returns the environment variable name, and fails the test when it is
// not set: a missing server is a failure, not an optional input.
func getenv(t testing.TB, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Fatalf("testenv: %s is not set: these are integration tests that need the test servers "+
			"(PostgreSQL, versitygw, Mailpit); run them with `make test` "+
			"(or: go run ./internal/testenv/harness -- go test ./...)", name)
	}
	return v
}

// Database creates a fresh database cloned from the migrated template
// (CREATE DATABASE x TEMPLATE tmpl), drops it (WITH (FORCE)) at t.Cleanup, and
// returns its URL.
func Database(t testing.TB) string {
	t.Helper()
	serverURL, template := getenv(t, EnvDatabaseURL), getenv(t, EnvTemplateDB)
	name := "t_" + randomHex(8)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, err := sql.Open("postgres", serverURL)
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	defer db.Close()
	if err := createFromTemplate(ctx, db, name, template); err != nil {
		t.Fatalf("testenv: create database %s from %s: %v", name, template, err)
	}
	t.Cleanup(func() { dropDatabase(t, serverURL, name) })
	return ServerURL(t, name)
}

// createFromTemplate clones template as name. Cloning fails while another
// session is connected to the template, e.g. a concurrent clone's, so it tries
// again a few times after a short, jittered pause.
func createFromTemplate(ctx context.Context, db *sql.DB, name, template string) error {
	query := fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", pq.QuoteIdentifier(name), pq.QuoteIdentifier(template))
	for attempt := 1; ; attempt++ {
		_, err := db.ExecContext(ctx, query)
		var pqErr *pq.Error
		if err == nil || attempt == 10 || !errors.As(err, &pqErr) || pqErr.Code != "55006" { // object_in_use
			return err
		}
		pause := time.Duration(attempt)*50*time.Millisecond + rand.N(50*time.Millisecond)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(pause):
		}
	}
}

// dropDatabase drops database name, disconnecting its sessions.
func dropDatabase(t testing.TB, serverURL, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, err := sql.Open("postgres", serverURL)
	if err != nil {
		t.Errorf("testenv: drop database %s: %v", name, err)
		return
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)"); err != nil {
		t.Errorf("testenv: drop database %s: %v", name, err)
	}
}

// ServerURL returns the test cluster's superuser URL for database, for tests
// that need a second connection string (e.g. to the database Database made).
func ServerURL(t testing.TB, database string) string {
	t.Helper()
	u, err := url.Parse(getenv(t, EnvDatabaseURL))
	if err != nil {
		t.Fatalf("testenv: %s: %v", EnvDatabaseURL, err)
	}
	u.Path = "/" + database
	u.RawPath = ""
	return u.String()
}

// S3 describes the test S3 server (versitygw), reached path-style over plain
// HTTP.
type S3 struct {
	Endpoint  string // host:port
	AccessKey string
	SecretKey string
	Region    string // "us-east-1"
}

// S3Server returns the test S3 server.
func S3Server(t testing.TB) S3 {
	t.Helper()
	return S3{
		Endpoint:  getenv(t, EnvS3Endpoint),
		AccessKey: getenv(t, EnvS3AccessKey),
		SecretKey: getenv(t, EnvS3SecretKey),
		Region:    "us-east-1",
	}
}

// Mailpit returns the test Mailpit's REST API base URL (http://127.0.0.1:P)
// and its SMTP address (127.0.0.1:P).
func Mailpit(t testing.TB) (apiURL, smtpAddr string) {
	t.Helper()
	return getenv(t, EnvMailpitURL), getenv(t, EnvSMTPAddr)
}

// randomHex returns n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	crand.Read(b)
	return hex.EncodeToString(b)
}
