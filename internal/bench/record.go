package bench

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
)

// The SQL baseline of a request is the statements the API runs for it,
// found by running the request once through the API in this process on a
// pool that records what it sends. Replayed on a plain pool, they are the
// database's share of the request; the rest of an HTTP request's time is
// what the API adds (routing, validation, decoding rows, JSON, HTTP).

// Statement is one SQL statement with its arguments as sent.
type Statement struct {
	SQL  string
	Args []driver.NamedValue
}

// recorder collects the statements sent on its connections.
type recorder struct {
	mu         sync.Mutex
	statements []Statement
}

func (r *recorder) add(query string, args []driver.NamedValue) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.statements = append(r.statements, Statement{SQL: query, Args: args})
}

func (r *recorder) take() []Statement {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.statements
	r.statements = nil
	return out
}

// recordingConnector opens lib/pq connections that record.
type recordingConnector struct {
	dsn string
	rec *recorder
}

func (c recordingConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := pq.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &recordingConn{Conn: conn, rec: c.rec}, nil
}

func (c recordingConnector) Driver() driver.Driver { return &pq.Driver{} }

// recordingConn records every query, exec and transaction boundary. It
// offers only the context interfaces, so database/sql sends everything
// through them.
type recordingConn struct {
	driver.Conn
	rec *recorder
}

func (c *recordingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.rec.add(query, args)
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c *recordingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.rec.add(query, args)
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

func (c *recordingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	begin := "BEGIN"
	if opts.ReadOnly {
		begin = "BEGIN READ ONLY"
	}
	c.rec.add(begin, nil)
	tx, err := c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return recordingTx{Tx: tx, rec: c.rec}, nil
}

type recordingTx struct {
	driver.Tx
	rec *recorder
}

func (t recordingTx) Commit() error {
	t.rec.add("COMMIT", nil)
	return t.Tx.Commit()
}

func (t recordingTx) Rollback() error {
	t.rec.add("ROLLBACK", nil)
	return t.Tx.Rollback()
}

// statementCapture runs requests through the API in this process and
// returns the statements each ran.
type statementCapture struct {
	rec     *recorder
	db      *sqlx.DB
	handler http.Handler
}

// newStatementCapture opens a recording pool with the sessions of the
// server's public pool (publicDSN: the role and read-only options set).
func newStatementCapture(publicDSN string) *statementCapture {
	rec := &recorder{}
	db := sqlx.NewDb(sql.OpenDB(recordingConnector{dsn: publicDSN, rec: rec}), "postgres")
	db.SetMaxOpenConns(1) // one request at a time: its statements, in order
	store := postgres.NewPublicStore(db)
	handler := api.New(api.Deps{Public: store, Search: store, Catalogue: offl.DefaultCatalogue()}, zerolog.Nop())
	return &statementCapture{rec: rec, db: db, handler: handler}
}

// statements runs one GET and returns what it sent to the database.
func (c *statementCapture) statements(path string) ([]Statement, error) {
	c.rec.take()
	w := httptest.NewRecorder()
	c.handler.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	if w.Code != http.StatusOK {
		return nil, fmt.Errorf("%s: %d %s", path, w.Code, w.Body.String())
	}
	return c.rec.take(), nil
}

func (c *statementCapture) Close() error { return c.db.Close() }
