package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/innsyn/innsyn/internal/pdftext"
	"github.com/innsyn/innsyn/internal/pdftext/wordrecall"
)

// textRow is a PDF with a text layer (pdftotext finds words in it).
type textRow struct {
	name          string
	pages         int
	status        pdftext.Status
	found, total  int
	ours, theirs  time.Duration // medians
	missingSample []string
}

// otherRow is a PDF without usable text: corrupt, encrypted or a scan.
type otherRow struct {
	name          string
	status        pdftext.Status
	detail        string
	ours, theirs  time.Duration
	theirsWords   int
	theirsFailure string
}

type report struct {
	text  []textRow
	other []otherRow
	long  []textRow // measured apart, out of the totals
}

// measure runs both tools runs times on one file, alternating so that a
// noisy moment on the machine hits both alike.
func measure(ctx context.Context, rep *report, path string, runs int, opts pdftext.Options) error {
	var oursT, theirsT []time.Duration
	var res pdftext.Result
	var ref string
	var refErr error
	for range runs {
		start := time.Now()
		r, err := extractFile(ctx, path, opts)
		if err != nil {
			return err
		}
		oursT = append(oursT, time.Since(start))
		res = r
		start = time.Now()
		ref, refErr = pdftotext(ctx, path)
		theirsT = append(theirsT, time.Since(start))
	}
	name := displayName(path)
	refWords := wordrecall.Words(ref)
	if refErr != nil || len(refWords) == 0 {
		row := otherRow{name: name, status: res.Status, detail: res.Detail,
			ours: median(oursT), theirs: median(theirsT), theirsWords: len(refWords)}
		if refErr != nil {
			row.theirsFailure = "error"
		}
		rep.other = append(rep.other, row)
		return nil
	}
	ourWords := wordrecall.Words(res.Text)
	found, total := wordrecall.Match(ourWords, refWords)
	missing := wordrecall.Missing(ourWords, refWords)
	rep.text = append(rep.text, textRow{name: name, pages: res.Pages, status: res.Status, found: found, total: total,
		ours: median(oursT), theirs: median(theirsT), missingSample: missing[:min(len(missing), 8)]})
	return nil
}

// pdftotext runs poppler's pdftotext the way a service would: a process
// per file, text on stdout.
func pdftotext(ctx context.Context, path string) (string, error) {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "pdftotext", "-q", "-enc", "UTF-8", path, "-")
	cmd.Stdout = &out
	err := cmd.Run()
	return out.String(), err
}

// displayName shortens a path to its last two elements.
func displayName(path string) string {
	dir := filepath.Base(filepath.Dir(path))
	if strings.HasPrefix(dir, "innsyn-pdf-samples-") {
		dir = "(generated)"
	}
	return dir + "/" + filepath.Base(path)
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

func (rep *report) print(w io.Writer, runs int) {
	fmt.Fprintf(w, "PDFs with a text layer (median of %d runs each; recall = pdftotext's words found by innsyn):\n\n", runs)
	fmt.Fprintln(w, "| file | pages | status | pdftotext words | recall | innsyn ms | pdftotext ms | words innsyn lacks (sample) |")
	fmt.Fprintln(w, "|---|---:|---|---:|---:|---:|---:|---|")
	var found, total int
	var ours, theirs time.Duration
	for _, r := range rep.text {
		fmt.Fprintf(w, "| %s | %d | %s | %d | %.3f | %s | %s | %s |\n", r.name, r.pages, r.status, r.total,
			float64(r.found)/float64(r.total), ms(r.ours), ms(r.theirs), strings.Join(r.missingSample, " "))
		found, total = found+r.found, total+r.total
		ours, theirs = ours+r.ours, theirs+r.theirs
	}
	fmt.Fprintf(w, "\nPDFs without usable text (must come out as failed, encrypted or no_text, without crash or hang):\n\n")
	fmt.Fprintln(w, "| file | innsyn status | detail | innsyn ms | pdftotext ms | pdftotext words |")
	fmt.Fprintln(w, "|---|---|---|---:|---:|---:|")
	for _, r := range rep.other {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %d%s |\n", r.name, r.status, r.detail, ms(r.ours), ms(r.theirs),
			r.theirsWords, map[bool]string{true: " (exit ≠ 0)", false: ""}[r.theirsFailure != ""])
	}
	fmt.Fprintf(w, "\nTotals over the %d PDFs with a text layer:\n\n", len(rep.text))
	if total > 0 && ours > 0 {
		fmt.Fprintf(w, "- word recall: %d of %d = **%.4f** (target ≥ 0.98)\n", found, total, float64(found)/float64(total))
		fmt.Fprintf(w, "- time: innsyn %s ms, pdftotext %s ms; throughput ratio pdftotext/innsyn = **%.2f** (target ≥ 0.5)\n",
			ms(ours), ms(theirs), float64(theirs)/float64(ours))
	}
	for _, r := range rep.long {
		fmt.Fprintf(w, "\nA long generated document, apart from the totals: %s, %d pages, %d words, recall %.3f; "+
			"innsyn %s ms, pdftotext %s ms (ratio %.2f)\n", r.name, r.pages, r.total, float64(r.found)/float64(r.total),
			ms(r.ours), ms(r.theirs), float64(r.theirs)/float64(r.ours))
	}
	fmt.Fprintf(w, "\nMachine: %s; %s CPUs (nproc); %s; %s\n", command("uname", "-srmo"), command("nproc"), runtime.Version(), pdftotextVersion())
}

func command(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

func pdftotextVersion() string {
	out, _ := exec.Command("pdftotext", "-v").CombinedOutput()
	line, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(line)
}
