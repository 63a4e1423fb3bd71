package bench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/jmoiron/sqlx"
)

// Machine describes where the run ran.
type Machine struct {
	CPUs                  int
	CPUModel              string
	Kernel                string
	Go                    string
	Postgres              string
	Wrk                   string
	Settings              []string
	LoadBefore, LoadAfter string
	// Revision is the commit the binary was built from, when recorded.
	Revision string
}

// settings are the PostgreSQL settings that shape the figures.
var settings = []string{"shared_buffers", "work_mem", "effective_cache_size", "max_parallel_workers_per_gather",
	"jit", "random_page_cost", "fsync", "synchronous_commit"}

func (m *Machine) read(ctx context.Context, db *sqlx.DB) error {
	m.CPUs, m.Go, m.Wrk = runtime.NumCPU(), runtime.Version(), wrkVersion()
	m.CPUModel, m.Kernel = cpuModel(), strings.TrimSpace(readFile("/proc/sys/kernel/osrelease"))
	m.Revision = revision()
	if err := db.GetContext(ctx, &m.Postgres, `SHOW server_version`); err != nil {
		return fmt.Errorf("server version: %w", err)
	}
	for _, name := range settings {
		var v string
		if err := db.GetContext(ctx, &v, `SELECT current_setting($1)`, name); err != nil {
			return fmt.Errorf("setting %s: %w", name, err)
		}
		m.Settings = append(m.Settings, name+"="+v)
	}
	return nil
}

// revision is the VCS revision recorded in the binary ("go build" records
// it, "go run" does not), with "+changes" for a modified working tree.
func revision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "not recorded"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			if s.Value == "true" {
				modified = " with uncommitted changes"
			}
		}
	}
	if rev == "" {
		return "not recorded"
	}
	return rev + modified
}

func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

func cpuModel() string {
	sc := bufio.NewScanner(strings.NewReader(readFile("/proc/cpuinfo")))
	for sc.Scan() {
		if key, val, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(val)
		}
	}
	return "unknown model"
}

// loadAverage is the 1, 5 and 15 minute load average: other work on the
// machine skews every figure.
func loadAverage() string {
	f := strings.Fields(readFile("/proc/loadavg"))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// readSizes reads the sizes of the largest tables and of the public
// journal's indexes.
func readSizes(ctx context.Context, db *sqlx.DB) (tables, indexes []RelationSize, err error) {
	err = db.SelectContext(ctx, &tables, `SELECT c.relname AS name, greatest(c.reltuples, 0)::bigint AS rows,
		pg_relation_size(c.oid) AS heap,
		coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) AS toast,
		pg_indexes_size(c.oid) AS indexes, pg_total_relation_size(c.oid) AS total
		FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
		ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 8`)
	if err != nil {
		return nil, nil, fmt.Errorf("table sizes: %w", err)
	}
	err = db.SelectContext(ctx, &indexes, `SELECT i.indexrelid::regclass::text AS name, 0::bigint AS rows,
		0::bigint AS heap, 0::bigint AS toast, 0::bigint AS indexes, pg_relation_size(i.indexrelid) AS total
		FROM pg_index i WHERE i.indrelid = 'public_journalpost'::regclass ORDER BY 6 DESC`)
	if err != nil {
		return nil, nil, fmt.Errorf("index sizes: %w", err)
	}
	return tables, indexes, nil
}
