package bench

import (
	"strings"
	"testing"
	"time"
)

// wrkOutput is what wrk 4.1.0 prints with --latency and the bench script.
const wrkOutput = `Running 15s test @ http://127.0.0.1:41235
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.20ms    0.80ms  25.41ms   91.03%
    Req/Sec     3.41k   210.11     3.90k    70.00%
  Latency Distribution
     50%    1.02ms
     75%    1.40ms
     90%    1.98ms
     99%    4.50ms
  101887 requests in 15.00s, 180.22MB read
Requests/sec:   6792.41
Transfer/sec:     12.01MB
innsyn-bench: p50=1021 p95=2513 p99=4497 requests=101887 duration=15000412 status=3 connect=0 read=1 write=0 timeout=2
`

func TestParseWrk(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		r, err := parseWrk(wrkOutput)
		if err != nil {
			t.Fatal(err)
		}
		want := httpResult{P50: 1021 * time.Microsecond, P95: 2513 * time.Microsecond, P99: 4497 * time.Microsecond,
			Requests: 101887, Duration: 15000412 * time.Microsecond, NonOK: 3, SocketErrors: 3}
		if r != want {
			t.Errorf("got %+v\nwant %+v", r, want)
		}
		if rate := r.PerSecond(); rate < 6792 || rate > 6793 {
			t.Errorf("rate %.2f, want 6792.2", rate)
		}
	})
	t.Run("ErrNoResultLine", func(t *testing.T) {
		if _, err := parseWrk("unable to connect to 127.0.0.1:1 Connection refused\n"); err == nil {
			t.Error("accepted output without a result line")
		}
	})
	t.Run("ErrMissingField", func(t *testing.T) {
		if _, err := parseWrk(resultPrefix + " p50=1 p95=2 p99=3 requests=4\n"); err == nil || !strings.Contains(err.Error(), "duration") {
			t.Errorf("err %v, want one naming the missing field", err)
		}
	})
	t.Run("ErrBadNumber", func(t *testing.T) {
		if _, err := parseWrk(resultPrefix + " p50=1.5 p95=2 p99=3 requests=4 duration=5 status=0 connect=0 read=0 write=0 timeout=0\n"); err == nil {
			t.Error("accepted a fraction")
		}
	})
}

func TestWriteScript(t *testing.T) {
	path, err := writeScript(t.TempDir(), []string{"/v1/journalpost?q=%22a+b%22", "/v1/journalpost/jp_1"})
	if err != nil {
		t.Fatal(err)
	}
	b := readFile(path)
	for _, want := range []string{`"/v1/journalpost?q=%22a+b%22",`, `paths[i % #paths + 1]`, resultPrefix + " p50=%d"} {
		if !strings.Contains(b, want) {
			t.Errorf("script lacks %q:\n%s", want, b)
		}
	}
}
