// Package pgcluster starts and stops a private PostgreSQL cluster from the
// server binaries installed on the machine: the embedded database of
// `innsyn demo`, and the throwaway database of the test harness. The cluster
// listens on 127.0.0.1 only, with no Unix socket, and its superuser postgres
// has a random password.
package pgcluster

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/lib/pq"
)

const (
	superuser    = "postgres"
	serverLog    = "server.log"
	startTimeout = 60 // seconds pg_ctl waits for the server to accept connections
	stopTimeout  = 60 // seconds pg_ctl waits for the server to stop
	readyTimeout = 30 * time.Second
)

// Options for Start.
type Options struct {
	// DataDir is the cluster's directory: initdb'd when it holds no
	// PG_VERSION, reused otherwise.
	DataDir string
	// Port is the TCP port on 127.0.0.1; 0 picks a free one.
	Port int
	// Durable keeps PostgreSQL's crash-safe defaults (the demo); false turns
	// off fsync, synchronous_commit and full_page_writes (tests).
	Durable bool
	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// Cluster is a running private PostgreSQL cluster. Its methods are safe for
// concurrent use.
type Cluster struct {
	run      runner
	dataDir  string
	port     int
	password string
	pid      string // the postmaster's, so that Stop leaves a later server alone

	mu      sync.Mutex
	stopped bool
}

// Start creates the cluster in opts.DataDir if it holds none, stops a server
// left running there, starts the server and waits until it answers a query.
// When Start fails after the server started, it stops it again.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	c, err := start(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("pgcluster: %w", err)
	}
	return c, nil
}

func start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.DataDir == "" {
		return nil, errors.New("no data directory given")
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	dir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	bin, err := FindBinaries()
	if err != nil {
		return nil, err
	}
	r, err := newRunner(bin)
	if err != nil {
		return nil, err
	}
	c := &Cluster{run: r, dataDir: dir}
	if err := c.prepare(ctx, log); err != nil {
		return nil, err
	}
	if err := c.startServer(ctx, opts, log); err != nil {
		return nil, err
	}
	if err := c.waitReady(ctx); err != nil {
		stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), (stopTimeout+10)*time.Second)
		defer cancel()
		return nil, errors.Join(err, c.run.stop(stopCtx, dir, ""))
	}
	c.pid = postmasterPID(dir)
	fmt.Fprintf(log, "pgcluster: PostgreSQL on 127.0.0.1:%d, data in %s\n", c.port, dir)
	return c, nil
}

// prepare creates the cluster when the data directory holds none; else it
// reads the kept password and stops a server left running there.
func (c *Cluster) prepare(ctx context.Context, log io.Writer) error {
	_, err := os.Stat(filepath.Join(c.dataDir, "PG_VERSION"))
	if errors.Is(err, fs.ErrNotExist) {
		if err := c.run.prepareDir(ctx, c.dataDir); err != nil {
			return err
		}
		c.password, err = c.run.initdb(ctx, c.dataDir, log)
		return err
	} else if err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	if err := c.run.checkReachable(ctx, c.dataDir); err != nil {
		return err
	}
	if c.password, err = readPassword(c.dataDir); err != nil {
		return err
	}
	return c.stopLeftover(ctx, log)
}

// stopLeftover stops a server still running in the data directory, e.g. one
// whose demo was killed hard. pg_ctl itself ignores a stale pid file.
func (c *Cluster) stopLeftover(ctx context.Context, log io.Writer) error {
	running, pid, err := c.run.status(ctx, c.dataDir)
	if err != nil || !running {
		return err
	}
	fmt.Fprintf(log, "pgcluster: a server (PID %s) is still running in %s: stopping it first\n", pid, c.dataDir)
	return c.run.stop(ctx, c.dataDir, "")
}

// startServer runs pg_ctl start. When it picked the port and the port was
// taken meanwhile, it tries again with another.
func (c *Cluster) startServer(ctx context.Context, opts Options, log io.Writer) error {
	for attempt := 1; ; attempt++ {
		c.port = opts.Port
		if c.port == 0 {
			var err error
			if c.port, err = freePort(); err != nil {
				return err
			}
		}
		err := c.startOnce(ctx, opts.Durable)
		if err == nil {
			return nil
		}
		if opts.Port != 0 || attempt == 3 || !strings.Contains(err.Error(), "could not bind") {
			return err
		}
		fmt.Fprintf(log, "pgcluster: port %d was taken meanwhile: trying another\n", c.port)
	}
}

// startOnce runs pg_ctl start on c.port. Its error carries the lines the
// server logged meanwhile.
func (c *Cluster) startOnce(ctx context.Context, durable bool) error {
	logPath := filepath.Join(c.dataDir, serverLog)
	offset := fileSize(logPath)
	// pg_ctl runs postgres through /bin/sh, which turns '' into an empty
	// argument: no Unix socket.
	serverOpts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -c unix_socket_directories=''", c.port)
	if !durable {
		serverOpts += " -F -c synchronous_commit=off -c full_page_writes=off"
	}
	_, err := c.run.run(ctx, (startTimeout+30)*time.Second, "pg_ctl", "-D", c.dataDir, "-l", logPath,
		"-w", "-t", fmt.Sprint(startTimeout), "start", "-o", serverOpts)
	if err == nil {
		return nil
	}
	// pg_ctl -w gives up after its timeout but leaves the server starting.
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), (stopTimeout+10)*time.Second)
	defer cancel()
	stopErr := c.run.stop(stopCtx, c.dataDir, "")
	err = fmt.Errorf("start server: %w", err)
	if logged := tail(readFrom(logPath, offset), 20); logged != "" {
		err = fmt.Errorf("%w\n%s (last lines):\n%s", err, logPath, logged)
	}
	return errors.Join(err, stopErr)
}

// waitReady waits until SELECT 1 succeeds over TCP.
func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	db, err := sql.Open("postgres", c.URL("postgres"))
	if err != nil {
		return err
	}
	defer db.Close()
	for {
		err := selectOne(ctx, db)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("server started but does not answer on 127.0.0.1:%d: %w\n%s (last lines):\n%s",
				c.port, err, serverLog, tail(readFrom(filepath.Join(c.dataDir, serverLog), 0), 20))
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func selectOne(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	var one int
	return db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// URL returns the superuser's connection URL for database.
func (c *Cluster) URL(database string) string {
	return fmt.Sprintf("postgres://%s:%s@127.0.0.1:%d/%s?sslmode=disable",
		superuser, c.password, c.port, url.PathEscape(database))
}

// Port returns the TCP port the server listens on at 127.0.0.1.
func (c *Cluster) Port() int {
	return c.port
}

// validDBName matches what CreateDatabase accepts: a plain identifier of
// PostgreSQL's maximum length.
var validDBName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,62}$`)

// CreateDatabase creates database name unless it exists.
func (c *Cluster) CreateDatabase(ctx context.Context, name string) error {
	if !validDBName.MatchString(name) {
		return fmt.Errorf("pgcluster: create database: invalid name %q", name)
	}
	db, err := sql.Open("postgres", c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("pgcluster: create database: %w", err)
	}
	defer db.Close()
	var exists bool
	err = db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists)
	if err != nil {
		return fmt.Errorf("pgcluster: create database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	_, err = db.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name))
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "42P04" { // duplicate_database: created meanwhile
		return nil
	}
	if err != nil {
		return fmt.Errorf("pgcluster: create database %s: %w", name, err)
	}
	return nil
}

// Stop stops the server (pg_ctl stop -m fast). Stopping a stopped cluster
// does nothing, and neither does stopping one whose server was replaced by a
// later Start on the same directory.
func (c *Cluster) Stop(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		return nil
	}
	if err := c.run.stop(ctx, c.dataDir, c.pid); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	c.stopped = true
	return nil
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// postmasterPID returns the PID in dir's postmaster.pid, or "".
func postmasterPID(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	if err != nil {
		return ""
	}
	pid, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(pid)
}

// fileSize returns the size of path, or 0.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// readFrom returns path's content from offset on (at most its last 64 KiB),
// or "".
func readFrom(path string, offset int64) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	offset = max(offset, fileSize(path)-64<<10)
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return ""
	}
	b, _ := io.ReadAll(f)
	return string(b)
}
