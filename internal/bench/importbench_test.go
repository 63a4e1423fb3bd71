package bench

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/importer"
	"github.com/innsyn/innsyn/internal/noark5"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/testenv"
)

// TestRunImport runs the import benchmark, small, on the test cluster:
// `innsyn bench --import --entries 2000 --database-url <server>`, with the
// real binary as the importer. The first run creates every record, the
// second changes none.
func TestRunImport(t *testing.T) {
	const n = 2000
	serverURL := testenv.ServerURL(t, "postgres")
	bin := filepath.Join(t.TempDir(), "innsyn")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/innsyn/innsyn/cmd/innsyn").CombinedOutput(); err != nil {
		t.Fatalf("build innsyn: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	rep, err := RunImport(ctx, ImportOptions{
		Entries: n, DatabaseURL: serverURL, Command: []string{bin, "import"},
		Invocation: "innsyn bench --import --entries 2000", Log: zerolog.New(zerolog.NewTestWriter(t)),
	})
	md := ""
	if rep != nil {
		md = rep.Markdown()
	}
	if err != nil {
		t.Fatalf("%v\n%s", err, md)
	}
	if len(rep.Runs) != 2 {
		t.Fatalf("%d import runs, want 2\n%s", len(rep.Runs), md)
	}
	if p := rep.Parse; p.Journalposts != n || p.Mapper != rep.File.Mapper || p.Broken != 0 || p.Problems != 0 {
		t.Errorf("parse = %+v, file %+v", p, rep.File)
	}
	first, second := rep.Runs[0].Summary, rep.Runs[1].Summary
	if c := first.Journalposts; c.Created != n || c.Updated+c.Unchanged+c.Skipped+c.Failed != 0 {
		t.Errorf("first run: journalposts %+v, want %d created", c, n)
	}
	if c := first.Saksmapper; c.Created != rep.File.Mapper || c.Failed != 0 {
		t.Errorf("first run: saksmapper %+v, want %d created", c, rep.File.Mapper)
	}
	if c := second.Journalposts; c.Unchanged != n || c.Created+c.Updated+c.Skipped+c.Failed != 0 {
		t.Errorf("second run: journalposts %+v, want %d unchanged", c, n)
	}
	if c := second.Saksmapper; c.Unchanged != rep.File.Mapper || c.Created+c.Updated+c.Failed != 0 {
		t.Errorf("second run: saksmapper %+v, want %d unchanged", c, rep.File.Mapper)
	}
	for i, run := range rep.Runs {
		if run.Wall <= 0 || run.Peak() <= 0 || run.CPU <= 0 {
			t.Errorf("run %d: nothing measured: %+v", i+1, run)
		}
	}
	if rep.Load.Entries != n || rep.Load.Elapsed <= 0 {
		t.Errorf("Store.Load baseline = %+v", rep.Load)
	}
	// The floor writes again exactly the rows the first run wrote.
	rows := map[string]int64{}
	for _, tc := range rep.Floor.Tables {
		rows[tc.Table] = tc.Rows
	}
	if f := rep.Floor; f.Elapsed <= 0 || f.Entries != n || rows["journalpost"] != n ||
		rows["saksmappe"] != int64(rep.File.Mapper) || rows["public_journalpost"] == 0 || rows["import_record"] == 0 {
		t.Errorf("copy floor = %+v", rep.Floor)
	}
	checks := rep.Checks()
	if len(checks) != 3 || checks[2].Result != "PASS" {
		t.Errorf("checks = %+v", checks)
	}
	for _, want := range []string{"## Targets", "journalposts/s", "Store.Load", "second run", "floor: PostgreSQL alone"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
	assertDropped(t, serverURL)
}

// A failing import command fails the benchmark with the child's output,
// and leaves no database behind.
func TestRunImportCommandFails(t *testing.T) {
	serverURL := testenv.ServerURL(t, "postgres")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := RunImport(ctx, ImportOptions{
		Entries: 50, DatabaseURL: serverURL, Command: []string{"sh", "-c", "echo no such import >&2; exit 3", "sh"},
		Log: zerolog.New(zerolog.NewTestWriter(t)),
	})
	if err == nil || errors.Is(err, ErrFailed) || !strings.Contains(err.Error(), "no such import") {
		t.Errorf("err = %v, want the command's failure with its output", err)
	}
	assertDropped(t, serverURL)
}

// BenchmarkImportArkivstruktur imports a generated arkivstruktur.xml of
// 20,000 entries into a fresh database, in this process, the way `innsyn
// import` does (reader, importer, store; no files), so that the import can
// be profiled:
//
//	make test PKG=./internal/bench/ TESTFLAGS="-run NONE -bench ImportArkivstruktur -benchtime 1x -cpuprofile /tmp/cpu.out -o /tmp/bench.test"
func BenchmarkImportArkivstruktur(b *testing.B) {
	const n = 20_000
	var file bytes.Buffer
	if _, err := WriteArkivstruktur(&file, n); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		db, err := postgres.Open(ctx, testenv.Database(b))
		if err != nil {
			b.Fatal(err)
		}
		store := postgres.NewStore(db, func() time.Time { return time.Now().UTC() }, offl.DefaultPolicy())
		r := noark5.NewArkivstruktur(bytes.NewReader(file.Bytes()), "arkivstruktur.xml")
		b.StartTimer()
		sum, err := importer.New(store, importer.DocumentFiles{}).Import(ctx, r, nil, importer.Options{Source: "bench", Actor: "bench"})
		b.StopTimer()
		db.Close()
		if err != nil || sum.Journalposts.Created != n {
			b.Fatalf("import: %v, %+v", err, sum.Journalposts)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "journalposts/s")
}
