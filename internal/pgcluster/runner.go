package pgcluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// serverUser is the system user that runs the server when this process is
// root: initdb refuses to run as root, and so does postgres itself.
const serverUser = "postgres"

// runner runs the PostgreSQL binaries, through runuser as serverUser when
// this process is root.
type runner struct {
	binDir  string
	runuser string // path to runuser; "" when not root
	uid     int    // serverUser's uid and gid when root, for chown; -1 otherwise
	gid     int
}

// newRunner returns a runner for the binaries in binDir.
func newRunner(binDir string) (runner, error) {
	r := runner{binDir: binDir, uid: -1, gid: -1}
	if os.Geteuid() != 0 {
		return r, nil
	}
	u, err := user.Lookup(serverUser)
	if err != nil {
		return r, fmt.Errorf("running as root, and initdb refuses root: a %q system user is needed "+
			"(Debian's postgresql package creates it), or run as an ordinary user: %w", serverUser, err)
	}
	if r.uid, err = strconv.Atoi(u.Uid); err != nil {
		return r, fmt.Errorf("uid of %s: %w", serverUser, err)
	}
	if r.gid, err = strconv.Atoi(u.Gid); err != nil {
		return r, fmt.Errorf("gid of %s: %w", serverUser, err)
	}
	if r.runuser, err = lookPath("runuser", "/usr/sbin/runuser", "/sbin/runuser"); err != nil {
		return r, fmt.Errorf("running as root needs runuser (util-linux) to run initdb as %s: %w", serverUser, err)
	}
	return r, nil
}

// lookPath finds name on PATH, else at the first of fallbacks that exists.
func lookPath(name string, fallbacks ...string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return filepath.Abs(p)
	}
	for _, p := range fallbacks {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not found", name)
}

// chown gives path to serverUser when this process is root.
func (r runner) chown(path string) error {
	if r.uid < 0 {
		return nil
	}
	return os.Chown(path, r.uid, r.gid)
}

// command builds the command for program (a PostgreSQL binary's name, or an
// absolute path), run as serverUser when root. It runs in its own process
// group, so that a timeout kills runuser and its child together.
func (r runner) command(ctx context.Context, program string, args ...string) *exec.Cmd {
	path := program
	if !filepath.IsAbs(program) {
		path = filepath.Join(r.binDir, program)
	}
	if r.runuser != "" {
		args = append([]string{"-u", serverUser, "--", path}, args...)
		path = r.runuser
	}
	cmd := exec.CommandContext(ctx, path, args...)
	// serverUser may not be allowed into our working directory.
	cmd.Dir = "/"
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// run runs program with a timeout. Its error names the command and carries
// the tail of the command's output.
func (r runner) run(ctx context.Context, timeout time.Duration, program string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var out bytes.Buffer
	cmd := r.command(ctx, program, args...)
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	if err == nil {
		return out.String(), nil
	}
	if ctx.Err() != nil {
		err = fmt.Errorf("%w (%v, limit %s)", err, ctx.Err(), timeout)
	}
	var output string
	if t := tail(out.String(), 20); t != "" {
		output = "\n" + t
	}
	return out.String(), fmt.Errorf("%s %s: %w%s", filepath.Base(program), strings.Join(args, " "), err, output)
}

// exitCode returns the exit code carried by err, or -1.
func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

// tail returns the last n lines of s, trimmed.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// status reports whether a server is running in dir, and its PID.
func (r runner) status(ctx context.Context, dir string) (running bool, pid string, err error) {
	out, err := r.run(ctx, 15*time.Second, "pg_ctl", "status", "-D", dir)
	if err == nil {
		if m := pidPattern.FindStringSubmatch(out); m != nil {
			pid = m[1]
		}
		return true, pid, nil
	}
	// 3: no server running; 4: no accessible data directory, so nothing to stop.
	if code := exitCode(err); code == 3 || code == 4 {
		return false, "", nil
	}
	return false, "", fmt.Errorf("server status: %w", err)
}

var pidPattern = regexp.MustCompile(`PID: (\d+)`)

// stop stops the server running in dir, if any, with pg_ctl stop -m fast;
// when onlyPID is set, only if the server has that PID.
func (r runner) stop(ctx context.Context, dir, onlyPID string) error {
	running, pid, err := r.status(ctx, dir)
	if err != nil || !running || (onlyPID != "" && pid != onlyPID) {
		return err
	}
	_, err = r.run(ctx, (stopTimeout+30)*time.Second, "pg_ctl", "stop", "-D", dir, "-m", "fast",
		"-w", "-t", fmt.Sprint(stopTimeout))
	if err != nil {
		// It may have stopped between the two commands.
		if running, _, serr := r.status(ctx, dir); serr == nil && !running {
			return nil
		}
		return fmt.Errorf("stop server: %w", err)
	}
	return nil
}
