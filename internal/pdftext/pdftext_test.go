package pdftext_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"github.com/innsyn/innsyn/internal/pdftext"
	"github.com/innsyn/innsyn/internal/pdftext/pdftexttest"
	"github.com/innsyn/innsyn/internal/pdftext/samplepdf"
)

// TestMain lets the test binary serve as the extraction child.
func TestMain(m *testing.M) { pdftexttest.Main(m) }

// extract runs Extract on data and fails the test on an error.
func extract(t *testing.T, data []byte, opts pdftext.Options) pdftext.Result {
	t.Helper()
	res, err := pdftext.Extract(context.Background(), bytes.NewReader(data), opts)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return res
}

// handMade is a page written the ways producers write text: whole lines
// with spaces, words placed one by one without spaces, glyphs placed one
// by one in a TJ array with kerning, text drawn twice for a bold look, and
// soft hyphens.
func handMade() []byte {
	return samplepdf.Document(
		samplepdf.Text(72, 760, 12, "Søknad om byggetillatelse for garasje på Øvre Ørnes") +
			samplepdf.Words(72, 740, 12, 0.3, "Vedtak", "etter", "plan-", "og", "bygningsloven", "§", "20-1") +
			samplepdf.Kerned(72, 720, 12, -12, -300, "Klagen", "på", "vedtaket", "er", "mottatt", "i", "tide") +
			samplepdf.Text(72, 700, 12, "Fet skrift") + samplepdf.Text(72.3, 700, 12, "Fet skrift") +
			samplepdf.Text(72, 680, 12, "Dokument WS\u00ad2016\u00ad01 om bygge\u00ad") +
			samplepdf.Text(72, 666, 12, "tillatelse for blåbærsyltetøy"))
}

func TestExtractHandMadePDF(t *testing.T) {
	res := extract(t, handMade(), pdftext.Options{})
	want := strings.Join([]string{
		"Søknad om byggetillatelse for garasje på Øvre Ørnes",
		"Vedtak etter plan- og bygningsloven § 20-1",
		"Klagen på vedtaket er mottatt i tide",
		"Fet skrift",
		"Dokument WS-2016-01 om byggetillatelse for blåbærsyltetøy",
	}, "\n")
	if res.Status != pdftext.StatusOK || res.Pages != 1 || res.Text != want {
		t.Fatalf("got %s, %d pages, text:\n%s\nwant ok, 1 page, text:\n%s", res.Status, res.Pages, res.Text, want)
	}
}

func TestExtractTwoColumnsInReadingOrder(t *testing.T) {
	col := func(x float64, words string) string {
		var b strings.Builder
		for i, w := range strings.Fields(words) {
			b.WriteString(samplepdf.Text(x, 700-float64(i)*12, 10, w+" tekst i kolonnen"))
		}
		return b.String()
	}
	pdf := samplepdf.Document(samplepdf.Text(200, 760, 16, "Overskrift over begge") +
		col(60, "venstre1 venstre2 venstre3 venstre4") + col(320, "høyre1 høyre2 høyre3 høyre4"))
	res := extract(t, pdf, pdftext.Options{})
	lines := strings.Split(res.Text, "\n")
	want := []string{"Overskrift over begge", "venstre1", "venstre2", "venstre3", "venstre4", "høyre1", "høyre2", "høyre3", "høyre4"}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(lines), res.Text)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want it to start with %q", i, lines[i], w)
		}
	}
}

func TestExtractMaxPages(t *testing.T) {
	var pages []string
	for i := 1; i <= 5; i++ {
		pages = append(pages, samplepdf.Text(72, 700, 12, "Side "+strconv.Itoa(i)))
	}
	res := extract(t, samplepdf.Document(pages...), pdftext.Options{MaxPages: 2})
	if res.Status != pdftext.StatusOK || res.Pages != 2 || res.Text != "Side 1\fSide 2" || res.Detail == "" {
		t.Fatalf("got %+v, want the first 2 pages and a detail saying so", res)
	}
	res = extract(t, samplepdf.Document(pages...), pdftext.Options{})
	if res.Pages != 5 || strings.Count(res.Text, "\f") != 4 || res.Detail != "" {
		t.Fatalf("without a limit: got %+v", res)
	}
}

func TestExtractMaxTextBytesCutsAtRuneBoundary(t *testing.T) {
	line := strings.Repeat("æøå ", 20)
	res := extract(t, samplepdf.Document(samplepdf.Text(72, 700, 10, line)), pdftext.Options{MaxTextBytes: 101})
	if res.Status != pdftext.StatusOK || len(res.Text) > 101 || len(res.Text) < 98 || !utf8.ValidString(res.Text) {
		t.Fatalf("got %d bytes, valid UTF-8 %v: %q", len(res.Text), utf8.ValidString(res.Text), res.Text)
	}
	if !strings.HasPrefix(line, res.Text) || res.Detail == "" {
		t.Fatalf("got %q, detail %q: want a prefix of the line and a detail", res.Text, res.Detail)
	}
}

func TestExtractEmptyPageIsNoText(t *testing.T) {
	res := extract(t, samplepdf.Document("0 0 1 rg 10 10 100 100 re f\n"), pdftext.Options{})
	if res.Status != pdftext.StatusNoText || res.Pages != 1 || res.Text != "" {
		t.Fatalf("got %+v, want no_text", res)
	}
}

func TestExtractNotAPDF(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":     nil,
		"text":      []byte("Dette er ikke en PDF.\n"),
		"truncated": handMade()[:400],
	} {
		t.Run(name, func(t *testing.T) {
			res := extract(t, data, pdftext.Options{})
			if res.Status != pdftext.StatusFailed || res.Detail == "" || res.Text != "" {
				t.Fatalf("got %+v, want failed with a detail", res)
			}
		})
	}
}

// A small memory limit still leaves the Go runtime room to work: the limit
// is on top of what the runtime reserved at start-up.
func TestExtractUnderSmallMemoryLimit(t *testing.T) {
	res := extract(t, handMade(), pdftext.Options{MemoryLimit: 64 << 20})
	if res.Status != pdftext.StatusOK {
		t.Fatalf("got %+v, want ok", res)
	}
}

func TestExtractReportsReadErrors(t *testing.T) {
	broken := iotest.TimeoutReader(bytes.NewReader(handMade())) // fails on the second read
	_, err := pdftext.Extract(context.Background(), broken, pdftext.Options{})
	if !errors.Is(err, iotest.ErrTimeout) {
		t.Fatalf("got %v, want the reader's error", err)
	}
}

func TestExtractCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := pdftext.Extract(ctx, bytes.NewReader(handMade()), pdftext.Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := pdftext.Extract(ctx, bytes.NewReader(extendsCycle()), pdftext.Options{})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Fatalf("got %v after %v, want the caller's deadline as an error", err, time.Since(start))
	}
}

// Every child is waited for and every goroutine ends, whatever the child did.
func TestExtractLeavesNothingBehind(t *testing.T) {
	before := runtime.NumGoroutine()
	inputs := [][]byte{handMade(), []byte("junk"), selfReferencingPages(), garbledXref(), brokenDict()}
	for _, in := range inputs {
		extract(t, in, pdftext.Options{Timeout: 5 * time.Second})
	}
	extract(t, extendsCycle(), pdftext.Options{Timeout: 200 * time.Millisecond})
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines before, %d after", before, n)
	}
	if kids := childProcesses(t); len(kids) > 0 {
		t.Errorf("child processes left: %v", kids)
	}
}

// childProcesses lists the processes whose parent is this one.
func childProcesses(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skip("no /proc")
	}
	var kids []string
	for _, e := range entries {
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces, so split after ')'.
		_, rest, ok := bytes.Cut(stat, []byte(") "))
		fields := strings.Fields(string(rest))
		if ok && len(fields) > 1 && fields[1] == strconv.Itoa(os.Getpid()) {
			kids = append(kids, fmt.Sprintf("%s (state %s)", e.Name(), fields[0]))
		}
	}
	return kids
}

// Content the library's tokenizer gets wrong: the binary data of an inline
// image (with a "(" and an "EI" that is not the end in it), and a hex
// string cut off at the end of the stream, on which it loops forever.
func TestExtractAwkwardContent(t *testing.T) {
	image := "BI /W 4 /H 2 /BPC 8 /CS /G ID \x00(\xffEIx\x01\x02\x03 EI\n"
	for name, tc := range map[string]struct{ content, want string }{
		"inline image":         {samplepdf.Text(72, 700, 12, "Før bildet") + image + samplepdf.Text(72, 680, 12, "Etter bildet"), "Før bildet\nEtter bildet"},
		"hex string cut short": {samplepdf.Text(72, 700, 12, "Lest likevel") + "BT /F1 12 Tf 72 680 Td <4142", "Lest likevel"},
	} {
		t.Run(name, func(t *testing.T) {
			res := extract(t, samplepdf.Document(tc.content), pdftext.Options{Timeout: 5 * time.Second})
			if res.Status != pdftext.StatusOK || res.Text != tc.want {
				t.Fatalf("got %+v, want ok with %q", res, tc.want)
			}
		})
	}
}
