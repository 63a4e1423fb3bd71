package bench

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
)

// sqlResult is one run of a case's SQL from c sessions at once.
type sqlResult struct {
	P50, P95, P99 time.Duration
	Queries       int
	Duration      time.Duration
}

// PerSecond is the throughput.
func (r sqlResult) PerSecond() float64 {
	if r.Duration <= 0 {
		return 0
	}
	return float64(r.Queries) / r.Duration.Seconds()
}

// runSQL replays the requests' statements, a request at a time on one
// connection as the API ran them, from c goroutines on a pool of c
// connections for d, reading every row, and returns the latency of each
// request's statements together.
func runSQL(ctx context.Context, db *sqlx.DB, reqs []Request, c int, d time.Duration) (sqlResult, error) {
	db.SetMaxOpenConns(c)
	db.SetMaxIdleConns(c)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	deadline := time.Now().Add(d)
	latencies := make([][]time.Duration, c)
	var wg sync.WaitGroup
	start := time.Now()
	for g := range c {
		wg.Go(func() {
			for i := g * 7919; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				t := time.Now()
				if err := replay(ctx, db, reqs[i%len(reqs)].Statements); err != nil {
					cancel(err)
					return
				}
				latencies[g] = append(latencies[g], time.Since(t))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := context.Cause(ctx); err != nil {
		return sqlResult{}, fmt.Errorf("sql: %w", err)
	}
	all := slices.Concat(latencies...)
	slices.Sort(all)
	return sqlResult{P50: percentile(all, 50), P95: percentile(all, 95), P99: percentile(all, 99),
		Queries: len(all), Duration: elapsed}, nil
}

// replay runs statements in order on one connection of db.
func replay(ctx context.Context, db *sqlx.DB, statements []Statement) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, st := range statements {
		if err := queryAll(ctx, conn, st.SQL, st.values()); err != nil {
			return fmt.Errorf("%.60s: %w", st.SQL, err)
		}
	}
	return nil
}

// values are the statement's arguments as database/sql takes them.
func (s Statement) values() []any {
	out := make([]any, len(s.Args))
	for i, a := range s.Args {
		out[i] = a.Value
	}
	return out
}

// queryAll runs query and reads every column of every row.
func queryAll(ctx context.Context, conn *sql.Conn, query string, args []any) error {
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	raw := make([]sql.RawBytes, len(cols))
	dest := make([]any, len(cols))
	for i := range raw {
		dest[i] = &raw[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
	}
	return rows.Err()
}

// percentile is the nearest-rank percentile p of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(float64(len(sorted))*p/100+0.999999) - 1
	return sorted[min(max(rank, 0), len(sorted)-1)]
}

// ExplainedStatement is one statement of a case with its plan.
type ExplainedStatement struct {
	SQL  string
	Args []any
	Plan string
}

// explain replays statements a few times to warm the caches, then returns
// the EXPLAIN (ANALYZE, BUFFERS) of each query among them, run in one
// read-only transaction in which the request's own transactions are
// savepoints, so that their SET LOCAL apply as they did.
func explain(ctx context.Context, db *sqlx.DB, statements []Statement) ([]ExplainedStatement, error) {
	for range 3 {
		if err := replay(ctx, db, statements); err != nil {
			return nil, err
		}
	}
	tx, err := db.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var out []ExplainedStatement
	for _, st := range statements {
		switch {
		case strings.HasPrefix(st.SQL, "BEGIN"):
			_, err = tx.ExecContext(ctx, "SAVEPOINT request")
		case st.SQL == "COMMIT" || st.SQL == "ROLLBACK":
			_, err = tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT request")
		case strings.HasPrefix(st.SQL, "SET "):
			_, err = tx.ExecContext(ctx, st.SQL, st.values()...)
		default:
			var lines []string
			if err = tx.SelectContext(ctx, &lines, "EXPLAIN (ANALYZE, BUFFERS) "+st.SQL, st.values()...); err == nil {
				out = append(out, ExplainedStatement{SQL: st.SQL, Args: st.values(), Plan: strings.Join(lines, "\n")})
			}
		}
		if err != nil {
			return nil, fmt.Errorf("explain %.60s: %w", st.SQL, err)
		}
	}
	return out, nil
}
