package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/rs/zerolog"
)

// The import's floor in PostgreSQL: the rows the first import wrote,
// exported and then written again with COPY from files into an empty,
// migrated database — every index, foreign key and generated text vector
// in place, one transaction, one connection, and no importer at all. No
// import can write its rows faster than this on the same server, so it
// tells how much of an import's time is the writing itself.

// floorTables are the tables an import writes, parents first; units are
// copied in before the timing starts.
var floorTables = []string{"skjerming", "saksmappe", "journalpost", "korrespondansepart", "dokumentbeskrivelse",
	"dokumentobjekt", "public_saksmappe", "public_journalpost", "public_dokument", "import_record", "review_item"}

// CopyFloor is that measurement.
type CopyFloor struct {
	// Elapsed is the wall time of the timed transaction; Busy the CPU time
	// the whole machine spent over it.
	Elapsed, Busy time.Duration
	Entries       int
	Tables        []TableCopy
}

// TableCopy is one table's share.
type TableCopy struct {
	Table   string
	Rows    int64
	Elapsed time.Duration
}

// measureCopyFloor exports what the database at fromURL holds and copies it
// into a fresh database on the server, timed.
func measureCopyFloor(ctx context.Context, fromURL, serverURL, tmp string, entries int, log zerolog.Logger) (res CopyFloor, err error) {
	dir := filepath.Join(tmp, "copy-floor")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return res, err
	}
	defer os.RemoveAll(dir)
	log.Info().Msg("floor: exporting the rows the import wrote")
	columns, err := exportTables(ctx, fromURL, dir, append([]string{"enhet"}, floorTables...))
	if err != nil {
		return res, err
	}
	d, db, err := createMigrated(ctx, serverURL, log)
	if err != nil {
		return res, err
	}
	defer func() { err = errors.Join(err, db.Close(), d.Close(context.WithoutCancel(ctx))) }()
	conn, err := pgconn.Connect(ctx, d.URL)
	if err != nil {
		return res, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := copyFile(ctx, conn, dir, "enhet", columns["enhet"]); err != nil {
		return res, err
	}
	checkpoint(ctx, db)
	log.Info().Int("entries", entries).Msg("floor: writing the same rows with COPY, one transaction, one connection")
	res.Entries = entries
	before, start := readCPU(), time.Now()
	if err := conn.Exec(ctx, `BEGIN`).Close(); err != nil {
		return res, err
	}
	for _, table := range floorTables {
		t := time.Now()
		n, err := copyFile(ctx, conn, dir, table, columns[table])
		if err != nil {
			return res, err
		}
		res.Tables = append(res.Tables, TableCopy{Table: table, Rows: n, Elapsed: time.Since(t)})
	}
	if err := conn.Exec(ctx, `COMMIT`).Close(); err != nil {
		return res, err
	}
	res.Elapsed = time.Since(start)
	res.Busy, _ = readCPU().since(before)
	return res, nil
}

// exportTables writes each table's columns that can be written (not the
// generated ones) to DIR/TABLE.copy and returns the column lists.
func exportTables(ctx context.Context, url, dir string, tables []string) (map[string]string, error) {
	conn, err := pgconn.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	columns := map[string]string{}
	for _, table := range tables {
		cols, err := writableColumns(ctx, conn, table)
		if err != nil {
			return nil, err
		}
		columns[table] = cols
		if err := exportTable(ctx, conn, filepath.Join(dir, table+".copy"), table, cols); err != nil {
			return nil, err
		}
	}
	return columns, nil
}

func exportTable(ctx context.Context, conn *pgconn.PgConn, path, table, cols string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := conn.CopyTo(ctx, w, fmt.Sprintf(`COPY (SELECT %s FROM %s) TO STDOUT`, cols, table)); err != nil {
		return fmt.Errorf("export %s: %w", table, err)
	}
	return w.Flush()
}

// writableColumns lists the columns of table that are not generated, in
// order, as SQL.
func writableColumns(ctx context.Context, conn *pgconn.PgConn, table string) (string, error) {
	rs, err := conn.Exec(ctx, fmt.Sprintf(`SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
		FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '%s' AND is_generated = 'NEVER'`,
		strings.ReplaceAll(table, "'", ""))).ReadAll()
	if err != nil {
		return "", fmt.Errorf("columns of %s: %w", table, err)
	}
	if len(rs) != 1 || len(rs[0].Rows) != 1 || len(rs[0].Rows[0][0]) == 0 {
		return "", fmt.Errorf("columns of %s: no such table", table)
	}
	return string(rs[0].Rows[0][0]), nil
}

func copyFile(ctx context.Context, conn *pgconn.PgConn, dir, table, cols string) (int64, error) {
	f, err := os.Open(filepath.Join(dir, table+".copy"))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	tag, err := conn.CopyFrom(ctx, bufio.NewReaderSize(f, 1<<20), fmt.Sprintf(`COPY %s (%s) FROM STDIN`, table, cols))
	if err != nil {
		return 0, fmt.Errorf("copy %s: %w", table, err)
	}
	return tag.RowsAffected(), nil
}
