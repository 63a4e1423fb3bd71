package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is the service under test: `innsyn serve` as a child process on
// 127.0.0.1.
type server struct {
	URL  string
	cmd  *exec.Cmd
	logs *tailBuffer
	done chan error
}

// startServer runs command (the innsyn binary and "serve") on the
// database, with its documents in docsDir, and waits until /readyz
// answers 200. The child gets no INNSYN_* variable of ours but these.
func startServer(ctx context.Context, command []string, databaseURL, docsDir string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(command[0], command[1:]...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "INNSYN_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "INNSYN_DATABASE_URL="+databaseURL, "INNSYN_LISTEN="+addr,
		"INNSYN_LOG_LEVEL=warn", "INNSYN_LOG_FORMAT=json", "INNSYN_DOCUMENTS_DIR="+docsDir)
	s := &server{URL: "http://" + addr, cmd: cmd, logs: &tailBuffer{max: 8 << 10}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = s.logs, s.logs
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the server: %w", err)
	}
	go func() { s.done <- cmd.Wait() }()
	if err := s.waitReady(ctx, time.Minute); err != nil {
		return nil, errors.Join(err, s.stop())
	}
	return s, nil
}

// Pid is the server's process ID.
func (s *server) Pid() int { return s.cmd.Process.Pid }

func (s *server) waitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		resp, err := client.Get(s.URL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-s.done:
			s.done <- err
			return fmt.Errorf("the server exited (%v):\n%s", err, s.logs)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the server did not become ready in %s:\n%s", timeout, s.logs)
		}
	}
}

// stop ends the server with SIGTERM, and SIGKILL after 30 s.
func (s *server) stop() error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("stop the server: %w", err)
	}
	select {
	case err := <-s.done:
		s.done <- err
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			return fmt.Errorf("stop the server: %w", err)
		}
		return nil
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		return fmt.Errorf("the server did not stop in 30 s after SIGTERM; killed it")
	}
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// memory is a process's resident memory: now and its peak.
type memory struct {
	RSS, HWM int64 // bytes
}

// readMemory reads VmRSS and VmHWM from /proc/<pid>/status.
func readMemory(pid int) (memory, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return memory{}, err
	}
	defer f.Close()
	var m memory
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 10, 64)
		if err != nil {
			return memory{}, fmt.Errorf("%s: %q", key, val)
		}
		if key == "VmRSS" {
			m.RSS = kb << 10
		} else {
			m.HWM = kb << 10
		}
	}
	return m, sc.Err()
}

// sampleMemory samples the process's memory every 100 ms until stop is
// called, which returns the peak VmRSS seen and the last VmHWM.
func sampleMemory(pid int) (stop func() memory) {
	quit, result := make(chan struct{}), make(chan memory, 1)
	go func() {
		var peak memory
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			if m, err := readMemory(pid); err == nil {
				peak.RSS, peak.HWM = max(peak.RSS, m.RSS), max(peak.HWM, m.HWM)
			}
			select {
			case <-quit:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() memory {
		close(quit)
		return <-result
	}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if over := len(t.b) - t.max; over > 0 {
		t.b = append(t.b[:0], t.b[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}
