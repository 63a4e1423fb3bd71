package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/testenv"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestConfigPrecedence(t *testing.T) {
	getenv := env(map[string]string{"INNSYN_LISTEN": "127.0.0.1:9999", "INNSYN_LOG_LEVEL": "debug"})
	cfg, _, err := parseConfig("serve", []string{"--log-level", "warn"}, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Listen != "127.0.0.1:9999" {
		t.Errorf("the variable did not set listen: %q", cfg.Listen)
	}
	if cfg.LogLevel != "warn" {
		t.Errorf("the flag did not win over the variable: %q", cfg.LogLevel)
	}
	if cfg.S3.Bucket != "innsyn-documents" || !cfg.S3.PathStyle || cfg.RefreshInterval != time.Minute {
		t.Errorf("defaults not applied: %+v", cfg)
	}
}

func TestConfigRejectsBadValues(t *testing.T) {
	tests := map[string]map[string]string{
		"short bootstrap key":  {"INNSYN_BOOTSTRAP_ADMIN_KEY": "too-short"},
		"bad boolean":          {"INNSYN_S3_TLS": "maybe"},
		"bad duration":         {"INNSYN_REFRESH_INTERVAL": "soon"},
		"unknown status":       {"INNSYN_PUBLIC_STATUSES": "J,Q"},
		"refresh too frequent": {"INNSYN_REFRESH_INTERVAL": "1ms"},
	}
	for name, vars := range tests {
		t.Run(name, func(t *testing.T) {
			if _, _, err := parseConfig("serve", nil, env(vars)); err == nil {
				t.Error("accepted")
			}
		})
	}
}

// The README's configuration table names every setting.
func TestReadmeDocumentsEverySetting(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var c Config
	for _, s := range c.settings() {
		if !bytes.Contains(readme, []byte("`"+s.env+"`")) || !bytes.Contains(readme, []byte("--"+s.flag)) {
			t.Errorf("README.md does not document %s / --%s", s.env, s.flag)
		}
	}
}

func TestOpenAPICommandPrintsTheCommittedSpec(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"openapi"}, &out, io.Discard, env(nil)); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("../../openapi/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), committed) {
		t.Error("innsyn openapi differs from openapi/openapi.yaml")
	}
}

func TestAPIKeyCommands(t *testing.T) {
	vars := map[string]string{"INNSYN_DATABASE_URL": testenv.Database(t)}
	ctx := context.Background()
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"apikey", "create", "--role", "arkivar", "--name", "Kari i arkivet", "--expires", "90d"}, &out, &errOut, env(vars)); err != nil {
		t.Fatal(err, errOut.String())
	}
	secret := strings.TrimSpace(out.String())
	if !strings.HasPrefix(secret, "innsyn_") || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("stdout should be the key alone: %q", out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"apikey", "list"}, &out, io.Discard, env(vars)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Kari i arkivet") || strings.Contains(out.String(), secret) {
		t.Errorf("list: %s", out.String())
	}
	id := strings.Fields(strings.Split(out.String(), "\n")[1])[0]
	if err := run(ctx, []string{"apikey", "revoke", id}, io.Discard, io.Discard, env(vars)); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	run(ctx, []string{"apikey", "list"}, &out, io.Discard, env(vars))
	if !strings.Contains(out.String(), "revoked") {
		t.Errorf("not revoked: %s", out.String())
	}
	if err := run(ctx, []string{"apikey", "create", "--role", "root", "--name", "x"}, io.Discard, io.Discard, env(vars)); err == nil {
		t.Error("an unknown role was accepted")
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine to write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// serve runs end to end: migrate, bootstrap key, HTTP, readiness against a
// real S3, JSON logs with request IDs, and a graceful stop on cancel.
func TestServe(t *testing.T) {
	s3 := testenv.S3Server(t)
	addr := freeAddr(t)
	bootstrap := "bootstrap-secret-for-tests-0123456789"
	vars := map[string]string{
		"INNSYN_DATABASE_URL":        testenv.Database(t),
		"INNSYN_LISTEN":              addr,
		"INNSYN_S3_ENDPOINT":         s3.Endpoint,
		"INNSYN_S3_ACCESS_KEY":       s3.AccessKey,
		"INNSYN_S3_SECRET_KEY":       s3.SecretKey,
		"INNSYN_S3_BUCKET":           fmt.Sprintf("serve-%d", time.Now().UnixNano()),
		"INNSYN_S3_TLS":              "false",
		"INNSYN_S3_CREATE_BUCKET":    "true",
		"INNSYN_BOOTSTRAP_ADMIN_KEY": bootstrap,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, io.Discard, logs, env(vars)) }()

	base := "http://" + addr
	waitFor(t, base+"/healthz", done)
	get := func(path, key string) *http.Response {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	if res := get("/readyz", ""); res.StatusCode != http.StatusOK {
		t.Errorf("readyz %d", res.StatusCode)
	}
	if res := get("/v1/admin/journalpost/jp_00000000000000000000000000000000", bootstrap); res.StatusCode != http.StatusNotFound {
		t.Errorf("the bootstrap key was not accepted: %d", res.StatusCode)
	}
	if res := get("/openapi.yaml", ""); res.StatusCode != http.StatusOK {
		t.Errorf("openapi.yaml %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(logs.String(), `"request_id":"`) || !strings.Contains(logs.String(), `"message":"shutting down"`) {
		t.Errorf("logs: %s", logs.String())
	}
}

func waitFor(t *testing.T, url string, done chan error) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v", err)
		default:
		}
		if res, err := http.Get(url); err == nil {
			res.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("serve did not start")
}
