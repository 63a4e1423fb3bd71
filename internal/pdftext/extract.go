package pdftext

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// waitDelay bounds how long Wait waits for the child's pipes after the
// child was killed; the child starts no processes of its own, so its pipes
// close when it dies and this is only a safety net.
const waitDelay = 2 * time.Second

// stderrKeep is how much of the child's stderr is kept: enough to see the
// first line of a Go fatal error ("fatal error: runtime: out of memory")
// without holding a goroutine dump in memory.
const stderrKeep = 4 << 10

// Extract reads the PDF from r in a child process: the running binary
// re-executed (os.Executable()) with an environment marker, the PDF on its stdin, the
// result as JSON on its stdout. A panic, an endless loop or runaway memory in
// the child gives StatusFailed; it never affects the caller. The error is only
// for trouble starting the child or reading r (e.g. ctx cancelled).
//
// Extract may return before r is read to its end (a file over the size
// limit, a child that died early); it never reads r after returning unless
// it returns ctx's error.
func Extract(ctx context.Context, r io.Reader, opts Options) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("pdftext: %w", err)
	}
	opts = opts.withDefaults()
	tctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	c, err := startChild(tctx, opts)
	if err != nil {
		return Result{}, err
	}
	readErr, waitErr := c.feedAndWait(ctx, r)
	switch {
	case ctx.Err() != nil:
		return Result{}, fmt.Errorf("pdftext: %w", ctx.Err())
	case readErr != nil:
		return Result{}, fmt.Errorf("pdftext: read PDF: %w", readErr)
	case waitErr == nil:
		return decodeResult(c.stdout, opts), nil
	case tctx.Err() != nil:
		return Result{Status: StatusFailed, Detail: detailTimeout}, nil
	}
	return crashResult(waitErr, c.stderr.Bytes()), nil
}

// child is a running extraction child and what it writes.
type child struct {
	cmd            *exec.Cmd
	stdin          *os.File
	stdout, stderr *cappedBuffer
}

// startChild starts the running binary as an extraction child, in a
// process group of its own, to be killed when ctx ends.
func startChild(ctx context.Context, opts Options) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("pdftext: find own executable: %w", err)
	}
	// The PDF goes through an os.Pipe that we feed ourselves rather than
	// through cmd.Stdin = r: exec's own copier could still be reading r
	// after Wait gave up on it, racing with whatever the caller does next.
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("pdftext: stdin pipe: %w", err)
	}
	defer pr.Close() // the child holds its own copy; ours would keep the pipe open
	c := &child{stdin: pw, stdout: &cappedBuffer{max: maxOutput(opts)}, stderr: &cappedBuffer{max: stderrKeep}}
	c.cmd = exec.CommandContext(ctx, exe)
	c.cmd.Env = childEnv(opts)
	c.cmd.Stdin, c.cmd.Stdout, c.cmd.Stderr = pr, c.stdout, c.stderr
	c.cmd.WaitDelay = waitDelay
	setProcessGroup(c.cmd)
	if err := c.cmd.Start(); err != nil {
		pw.Close()
		return nil, fmt.Errorf("pdftext: start child: %w", err)
	}
	return c, nil
}

// feedAndWait streams r to the child's stdin and waits for the child. It
// returns r's read error, if any, and the child's exit error. When ctx
// ends first it returns at once; the copy may then still be reading r.
func (c *child) feedAndWait(ctx context.Context, r io.Reader) (readErr, waitErr error) {
	in := &readErrReader{r: r}
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		// A write error means the child stopped reading (too large, or it
		// died): not our caller's problem, the child's exit tells the story.
		io.Copy(c.stdin, in)
		c.stdin.Close()
	}()
	waitErr = c.cmd.Wait()
	select {
	case <-copied:
		return in.err, waitErr
	case <-ctx.Done():
		return nil, waitErr
	}
}

// childEnv is the child's whole environment: the marker and the limits.
// Nothing else is inherited, so secrets in the service's environment (the
// database URL, S3 keys) are not handed to the code that parses hostile input.
func childEnv(o Options) []string {
	cpu := int64(o.Timeout/time.Second) + cpuSlack
	env := []string{
		envChild + "=" + childMarker,
		envMemory + "=" + strconv.FormatInt(o.MemoryLimit, 10),
		envCPU + "=" + strconv.FormatInt(cpu, 10),
		envMaxPages + "=" + strconv.Itoa(o.MaxPages),
		envMaxText + "=" + strconv.Itoa(o.MaxTextBytes),
	}
	if raceEnabled {
		env = append(env, "GORACE=atexit_sleep_ms=0") // not a second per extraction
	}
	return env
}

// maxOutput bounds the child's JSON: the text may grow up to six-fold when
// escaped (\u00XX for control characters), plus room for the other fields.
func maxOutput(o Options) int { return 6*o.MaxTextBytes + 64<<10 }

// crashResult explains a child that exited without an answer.
func crashResult(err error, stderr []byte) Result {
	res := Result{Status: StatusFailed, Detail: detailCrashed}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			// A SIGKILL that we did not send comes from the CPU-time
			// limit (soft = hard, so there is no SIGXCPU first) or from
			// the kernel's OOM killer.
			if ws.Signal() == syscall.SIGKILL {
				res.Detail = detailKilled
			}
		}
	}
	if bytes.Contains(stderr, []byte("out of memory")) || bytes.Contains(stderr, []byte("cannot allocate memory")) {
		res.Detail = detailMemory
	}
	return res
}

// childResult is the JSON the child writes.
type childResult struct {
	Status Status `json:"status"`
	Text   string `json:"text,omitempty"`
	Pages  int    `json:"pages"`
	Detail string `json:"detail,omitempty"`
}

// decodeResult checks the child's answer; the child is our own code, but it
// has just parsed hostile input, so its answer is checked like input too.
func decodeResult(out *cappedBuffer, o Options) Result {
	var cr childResult
	if out.overflow || json.Unmarshal(out.Bytes(), &cr) != nil {
		return Result{Status: StatusFailed, Detail: detailBadOutput}
	}
	switch cr.Status {
	case StatusOK, StatusNoText, StatusEncrypted, StatusFailed:
	default:
		return Result{Status: StatusFailed, Detail: detailBadOutput}
	}
	res := Result{Status: cr.Status, Pages: max(cr.Pages, 0), Detail: cr.Detail}
	if cr.Status == StatusOK {
		res.Text = cutText(strings.ToValidUTF8(cr.Text, ""), o.MaxTextBytes)
	}
	return res
}

// cutText returns s cut to at most n bytes at a rune boundary.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// cappedBuffer keeps the first max bytes written to it and swallows the
// rest, so that a child flooding its output can neither grow our memory nor
// block on a full pipe.
type cappedBuffer struct {
	buf      bytes.Buffer
	max      int
	overflow bool
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	room := c.max - c.buf.Len()
	if len(p) > room {
		c.overflow = true
		c.buf.Write(p[:max(room, 0)])
		return len(p), nil
	}
	c.buf.Write(p)
	return len(p), nil
}

// Bytes returns what was kept.
func (c *cappedBuffer) Bytes() []byte { return c.buf.Bytes() }

// readErrReader remembers a read error of the caller's reader, so that it
// can be told apart from the child going away.
type readErrReader struct {
	r   io.Reader
	err error
}

func (e *readErrReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		e.err = err
	}
	return n, err
}
