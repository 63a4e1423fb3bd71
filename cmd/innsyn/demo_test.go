package main

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startDemo runs `innsyn demo` until the returned stop is called, and
// returns the banner's key and database URL.
func startDemo(t *testing.T, dataDir string) (base, key, dbURL string, stop func()) {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	out, logs := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"demo", "--data-dir", dataDir, "--listen", addr}, out, logs, env(nil))
	}()
	base = "http://" + addr
	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(out.String(), "Press Ctrl-C") {
		select {
		case err := <-done:
			t.Fatalf("demo stopped: %v\n%s", err, logs.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("demo did not start:\n%s", logs.String())
		}
	}
	key = regexp.MustCompile(`Staff key:\s+(\S+)`).FindStringSubmatch(out.String())[1]
	dbURL = regexp.MustCompile(`Database:\s+(\S+)`).FindStringSubmatch(out.String())[1]
	stop = func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("demo returned %v", err)
			}
		case <-time.After(time.Minute):
			t.Fatal("demo did not stop")
		}
	}
	return base, key, dbURL, stop
}

// postgresUp reports whether something listens at the database URL's address.
func postgresUp(t *testing.T, dbURL string) bool {
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.DialTimeout("tcp", u.Host, time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

func TestDemo(t *testing.T) {
	// The cluster runs as the postgres user when the tests run as root, so
	// the directory must be reachable by it (t.TempDir is not).
	dataDir, err := os.MkdirTemp("", "innsyn-demo-test-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dataDir, 0o755)
	t.Cleanup(func() { os.RemoveAll(dataDir) })

	base, key, dbURL, stop := startDemo(t, dataDir)
	res, err := http.Get(base + "/v1/journalpost?limit=5")
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Items []struct{ ID string } `json:"items"`
		Next  string                `json:"next"`
	}
	json.NewDecoder(res.Body).Decode(&p)
	res.Body.Close()
	if len(p.Items) != 5 || p.Next == "" {
		t.Fatalf("first page: %d items, next %q", len(p.Items), p.Next)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/v1/admin/journalpost/"+p.Items[0].ID, nil)
	req.Header.Set("Authorization", "Bearer "+key)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("the printed staff key got %d", res.StatusCode)
	}
	stop()
	if postgresUp(t, dbURL) {
		t.Fatal("PostgreSQL still runs after the demo stopped")
	}

	t.Run("a second start reuses the data directory and the key", func(t *testing.T) {
		_, key2, _, stop := startDemo(t, dataDir)
		defer stop()
		if key2 != key {
			t.Errorf("the key changed: %s → %s", key, key2)
		}
	})
}

func TestDemoWithoutPostgreSQL(t *testing.T) {
	t.Setenv("INNSYN_PG_BIN", t.TempDir())
	t.Setenv("PATH", t.TempDir())
	err := run(context.Background(), []string{"demo", "--data-dir", t.TempDir(), "--listen", freeAddr(t)}, &syncBuffer{}, &syncBuffer{}, env(nil))
	if err == nil || !strings.Contains(err.Error(), "install PostgreSQL") || !strings.Contains(err.Error(), "INNSYN_DATABASE_URL") {
		t.Errorf("err = %v", err)
	}
}
