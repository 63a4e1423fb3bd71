package bench

import (
	"context"
	"database/sql"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/testenv"
)

// TestRun runs the whole benchmark, small and short, on the test cluster:
// `innsyn bench --entries 2000 --duration 1s --connections 2
// --database-url <server>`, with the real binary as the server.
func TestRun(t *testing.T) {
	if _, err := exec.LookPath("wrk"); err != nil {
		t.Skip("wrk is not installed (bash scripts/install-bench-tools.sh)")
	}
	serverURL := testenv.ServerURL(t, "postgres")
	bin := filepath.Join(t.TempDir(), "innsyn")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/innsyn/innsyn/cmd/innsyn").CombinedOutput(); err != nil {
		t.Fatalf("build innsyn: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rep, err := Run(ctx, Options{
		Entries: 2000, DatabaseURL: serverURL, Duration: time.Second, Connections: []int{2}, LoadWorkers: 2,
		Server: []string{bin, "serve"}, Command: "innsyn bench --entries 2000", Log: zerolog.New(zerolog.NewTestWriter(t)),
	})
	var md strings.Builder
	if rep != nil {
		rep.Markdown(&md)
	}
	if err != nil {
		t.Fatalf("%v\n%s", err, md.String())
	}
	if len(rep.Rows) != len(Cases) {
		t.Errorf("%d rows, want one per case (%d)", len(rep.Rows), len(Cases))
	}
	for _, row := range rep.Rows {
		if row.HTTP.Requests == 0 || row.SQL.Queries == 0 || row.SQL.P50 <= 0 || row.RSS.RSS == 0 {
			t.Errorf("%s: nothing measured: %+v", row.Case, row)
		}
	}
	f := rep.Fixture
	if f.CommonMatches == 0 || f.RareMatches == 0 || f.PhraseMatches == 0 || f.FilterMatches == 0 || len(f.Entries) == 0 {
		t.Errorf("a query value matches nothing: %+v", f)
	}
	for _, want := range []string{"## Targets", "## Plans", "Index Scan", f.CommonTerm} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, md.String())
		}
	}
	assertDropped(t, serverURL)
}

// assertDropped fails when a benchmark database is left on the server.
func assertDropped(t *testing.T, serverURL string) {
	db, err := sql.Open("postgres", serverURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var left []string
	rows, err := db.Query(`SELECT datname FROM pg_database WHERE datname LIKE 'innsyn\_bench\_%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		rows.Scan(&name)
		left = append(left, name)
	}
	if err := rows.Err(); err != nil || len(left) > 0 {
		t.Errorf("benchmark databases left behind: %v (%v)", left, err)
	}
}
