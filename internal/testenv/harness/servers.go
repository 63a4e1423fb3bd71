package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/pgcluster"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/testenv"
)

const (
	templateDB   = "innsyn_template" // the migrated database that tests clone
	readyTimeout = 20 * time.Second  // for versitygw or Mailpit to answer
	stopTimeout  = 90 * time.Second  // for PostgreSQL to stop
)

// servers are the running test servers and their temporary directory.
type servers struct {
	root  string
	pg    *pgcluster.Cluster
	procs []*process
}

// start starts the servers and returns the environment variables that
// describe them.
func (e *servers) start(ctx context.Context) ([]string, error) {
	versitygw, err := findTool("versitygw")
	if err != nil {
		return nil, err
	}
	mailpit, err := findTool("mailpit")
	if err != nil {
		return nil, err
	}
	if _, err := pgcluster.FindBinaries(); err != nil {
		return nil, fmt.Errorf("%w (`make tools` installs them when run as root)", err)
	}
	if e.root, err = os.MkdirTemp("", "innsyn-testenv-"); err != nil {
		return nil, err
	}
	// The postgres user, which runs the server when we are root, must be able
	// to pass through to the cluster's directory.
	if err := os.Chmod(e.root, 0o711); err != nil {
		return nil, err
	}

	var vars []string
	for _, start := range []func(context.Context) ([]string, error){
		e.startPostgres,
		func(ctx context.Context) ([]string, error) { return e.startVersitygw(ctx, versitygw) },
		func(ctx context.Context) ([]string, error) { return e.startMailpit(ctx, mailpit) },
	} {
		v, err := start(ctx)
		if err != nil {
			return nil, err
		}
		vars = append(vars, v...)
	}
	return vars, nil
}

func (e *servers) startPostgres(ctx context.Context) ([]string, error) {
	began := time.Now()
	var err error
	e.pg, err = pgcluster.Start(ctx, pgcluster.Options{DataDir: filepath.Join(e.root, "postgres")})
	if err != nil {
		return nil, err
	}
	if err := e.pg.CreateDatabase(ctx, templateDB); err != nil {
		return nil, err
	}
	db, err := sqlx.Open("postgres", e.pg.URL(templateDB))
	if err != nil {
		return nil, err
	}
	err = postgres.Migrate(ctx, db)
	// Nobody may stay connected to the template: cloning it would fail.
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("migrate %s: %w", templateDB, err)
	}
	fmt.Fprintf(os.Stderr, "testenv: postgres on 127.0.0.1:%d (%s migrated; ready in %.1fs)\n",
		e.pg.Port(), templateDB, time.Since(began).Seconds())
	return []string{
		testenv.EnvDatabaseURL + "=" + e.pg.URL("postgres"),
		testenv.EnvTemplateDB + "=" + templateDB,
	}, nil
}

func (e *servers) startVersitygw(ctx context.Context, bin string) ([]string, error) {
	dir := filepath.Join(e.root, "s3")
	if err := os.Mkdir(dir, 0o700); err != nil {
		return nil, err
	}
	access, secret := randomHex(10), randomHex(20)
	var addr string
	err := e.startProcess(ctx, "versitygw", bin, 1, func(ports []int) []string {
		addr = fmt.Sprintf("127.0.0.1:%d", ports[0])
		return []string{"--access", access, "--secret", secret, "--port", addr, "--quiet", "posix", dir}
	}, func(ctx context.Context) error {
		return dial(ctx, addr)
	})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "testenv: versitygw (S3) on %s\n", addr)
	return []string{
		testenv.EnvS3Endpoint + "=" + addr,
		testenv.EnvS3AccessKey + "=" + access,
		testenv.EnvS3SecretKey + "=" + secret,
	}, nil
}

func (e *servers) startMailpit(ctx context.Context, bin string) ([]string, error) {
	var apiURL, smtpAddr string
	err := e.startProcess(ctx, "mailpit", bin, 2, func(ports []int) []string {
		apiURL = fmt.Sprintf("http://127.0.0.1:%d", ports[0])
		smtpAddr = fmt.Sprintf("127.0.0.1:%d", ports[1])
		return []string{"--listen", strings.TrimPrefix(apiURL, "http://"), "--smtp", smtpAddr,
			"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--disable-version-check",
			// Its default is a temporary file outside our directory.
			"--database", filepath.Join(e.root, "mailpit.db")}
	}, func(ctx context.Context) error {
		if err := dial(ctx, smtpAddr); err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, apiURL+"/api/v1/messages", nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET /api/v1/messages: %s", resp.Status)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "testenv: mailpit on %s (SMTP %s)\n", apiURL, smtpAddr)
	return []string{
		testenv.EnvMailpitURL + "=" + apiURL,
		testenv.EnvSMTPAddr + "=" + smtpAddr,
	}, nil
}

// process is a server process started by the harness, logging to a file.
type process struct {
	name    string
	cmd     *exec.Cmd
	logPath string
	done    chan struct{} // closed when it exited; err is then set
	err     error
	told    bool // its early exit was reported
}

// startProcess starts a server on nPorts free ports, with the arguments that
// args builds for them, and waits until ready succeeds. When the server dies
// early because a port was taken meanwhile, it tries again with other ports.
func (e *servers) startProcess(ctx context.Context, name, bin string, nPorts int,
	args func(ports []int) []string, ready func(context.Context) error) error {
	for attempt := 1; ; attempt++ {
		ports, err := freePorts(nPorts)
		if err != nil {
			return err
		}
		p, err := e.spawn(name, bin, args(ports), attempt)
		if err != nil {
			return err
		}
		err = p.waitReady(ctx, ready)
		if err == nil || attempt == 3 || !strings.Contains(err.Error(), "address already in use") {
			return err
		}
	}
}

// spawn starts bin in its own process group, so that a Ctrl-C meant for the
// tests does not stop it before the tests are done.
func (e *servers) spawn(name, bin string, args []string, attempt int) (*process, error) {
	p := &process{name: name, logPath: filepath.Join(e.root, fmt.Sprintf("%s.%d.log", name, attempt)),
		done: make(chan struct{})}
	log, err := os.Create(p.logPath)
	if err != nil {
		return nil, err
	}
	defer log.Close()
	p.cmd = exec.Command(bin, args...)
	p.cmd.Stdout, p.cmd.Stderr = log, log
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	e.procs = append(e.procs, p)
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// waitReady polls ready until it succeeds, the process dies, or time is up.
func (p *process) waitReady(ctx context.Context, ready func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	for {
		attemptCtx, cancelAttempt := context.WithTimeout(ctx, time.Second)
		err := ready(attemptCtx)
		cancelAttempt()
		select {
		case <-p.done:
			p.told = true
			return fmt.Errorf("%s exited early (%v); last lines of its log:\n%s", p.name, p.err, p.logTail())
		default:
		}
		if err == nil {
			return nil
		}
		select {
		case <-p.done:
		case <-ctx.Done():
			return fmt.Errorf("%s not ready: %v; last lines of its log:\n%s", p.name, err, p.logTail())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// stop ends the process: SIGTERM to its group, SIGKILL if it lingers. It
// reports a process that had died before.
func (p *process) stop() {
	select {
	case <-p.done:
		if p.told {
			return
		}
		fmt.Fprintf(os.Stderr, "testenv: %s had exited (%v); last lines of its log:\n%s\n", p.name, p.err, p.logTail())
		return
	default:
	}
	syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
	}
}

// logTail returns the last 20 lines of the process's log.
func (p *process) logTail() string {
	b, err := os.ReadFile(p.logPath)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-20):], "\n")
}

// close stops the servers, last started first, and removes their files.
func (e *servers) close() {
	for i := len(e.procs) - 1; i >= 0; i-- {
		e.procs[i].stop()
	}
	if e.pg != nil {
		ctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
		defer cancel()
		if err := e.pg.Stop(ctx); err != nil {
			fmt.Fprintf(os.Stderr, "testenv: %v\n", err)
		}
	}
	if e.root != "" {
		if err := os.RemoveAll(e.root); err != nil {
			fmt.Fprintf(os.Stderr, "testenv: %v\n", err)
		}
	}
}

// findTool returns the path of a test server's binary: in $INNSYN_TOOLS_BIN,
// else on PATH.
func findTool(name string) (string, error) {
	dir := os.Getenv("INNSYN_TOOLS_BIN")
	if dir != "" {
		path := filepath.Join(dir, name)
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0 {
			return path, nil
		}
	}
	if path, err := exec.LookPath(name); err == nil {
		return path, nil
	}
	return "", fmt.Errorf("%s not found in $INNSYN_TOOLS_BIN (%q) or on PATH: run `make tools`", name, dir)
}

// freePorts returns n distinct TCP ports on 127.0.0.1 that were free a moment
// ago.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		// Held open until all are chosen, so that they differ.
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// dial checks that addr accepts TCP connections.
func dial(ctx context.Context, addr string) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

// randomHex returns n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
