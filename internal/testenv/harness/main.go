// Command harness starts the servers that the integration tests need, all on
// 127.0.0.1 with free ports: a throwaway PostgreSQL cluster with a migrated
// template database, versitygw (S3) and Mailpit (SMTP and its REST API). It
// runs a command with their addresses in the INNSYN_TEST_* environment
// variables (see package testenv), then stops them and removes their files,
// also on failure and on SIGINT or SIGTERM, and exits with the command's exit
// code:
//
//	go run ./internal/testenv/harness -- go test -count=1 ./...
//
// versitygw and mailpit are looked for in $INNSYN_TOOLS_BIN, then on PATH;
// `make tools` installs them.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// setupTimeout bounds starting the servers and migrating the template.
const setupTimeout = 3 * time.Minute

func main() {
	os.Exit(run(os.Args[1:]))
}

// run runs the command in args among the test servers and returns the exit
// code to exit with.
func run(args []string) int {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/testenv/harness -- COMMAND [ARG...]")
		return 2
	}
	if _, err := exec.LookPath(args[0]); err != nil {
		fmt.Fprintf(os.Stderr, "testenv: %v\n", err)
		return 127
	}

	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	sig := newSignals(cancel)
	defer sig.stop()

	env := &servers{}
	defer env.close()
	vars, err := env.start(ctx)
	if s := sig.received(); s != nil {
		fmt.Fprintf(os.Stderr, "testenv: %v during setup: stopping\n", s)
		return 128 + int(s.(syscall.Signal))
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "testenv: %v\n", err)
		return 1
	}

	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), vars...)
	if err := sig.startChild(cmd); err != nil {
		fmt.Fprintf(os.Stderr, "testenv: %v\n", err)
		return 1
	}
	return exitCode(cmd.Wait())
}

// exitCode returns the exit code of a command whose Wait returned err, the
// shell's 128+N when a signal N killed it.
func exitCode(err error) int {
	var ee *exec.ExitError
	if err == nil {
		return 0
	} else if !errors.As(err, &ee) {
		fmt.Fprintf(os.Stderr, "testenv: %v\n", err)
		return 1
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ee.ExitCode()
}

// signals cancels the setup on SIGINT or SIGTERM and, once the command
// runs, forwards the signals to it.
type signals struct {
	ch     chan os.Signal
	cancel context.CancelFunc

	mu    sync.Mutex
	first os.Signal
	child *os.Process
}

func newSignals(cancel context.CancelFunc) *signals {
	s := &signals{ch: make(chan os.Signal, 4), cancel: cancel}
	signal.Notify(s.ch, syscall.SIGINT, syscall.SIGTERM)
	go s.loop()
	return s
}

func (s *signals) loop() {
	for sig := range s.ch {
		s.mu.Lock()
		if s.first == nil {
			s.first = sig
		}
		child := s.child
		s.mu.Unlock()
		s.cancel()
		if child != nil {
			child.Signal(sig)
		}
	}
}

// received returns the first signal received, or nil.
func (s *signals) received() os.Signal {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.first
}

// startChild starts cmd unless a signal came first; later signals go to it.
func (s *signals) startChild(cmd *exec.Cmd) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.first != nil {
		return fmt.Errorf("%v: not starting %s", s.first, cmd.Path)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	s.child = cmd.Process
	return nil
}

func (s *signals) stop() {
	signal.Stop(s.ch)
}
