// Command benchcmd measures innsyn's PDF text extraction against pdftotext
// (poppler-utils) in one run: word recall and time per file, both measured
// as "start a process and get the text". See scripts/bench-extract.sh.
//
//	benchcmd [-n 5] [-samples] [-timeout 60s] PATH...
//	benchcmd -dump FILE
//
// Each PATH is a PDF or a directory searched for *.pdf. With -samples, the
// hand-made PDFs of package samplepdf are written to a temporary directory
// and measured too.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/innsyn/innsyn/internal/pdftext"
	"github.com/innsyn/innsyn/internal/pdftext/samplepdf"
)

func main() {
	// The extraction child is this binary, re-executed.
	if pdftext.IsChild() {
		os.Exit(pdftext.RunChild())
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "benchcmd:", err)
		os.Exit(1)
	}
}

func run() error {
	runs := flag.Int("n", 5, "runs per file and tool; the median is reported")
	samples := flag.Bool("samples", false, "also measure the hand-made sample PDFs")
	timeout := flag.Duration("timeout", 60*time.Second, "extraction timeout per file")
	dump := flag.String("dump", "", "print innsyn's text of one PDF and exit")
	flag.Parse()
	ctx := context.Background()
	opts := pdftext.Options{Timeout: *timeout}
	if *dump != "" {
		res, err := extractFile(ctx, *dump, opts)
		if err != nil {
			return err
		}
		fmt.Printf("status=%s pages=%d detail=%q\n%s\n", res.Status, res.Pages, res.Detail, res.Text)
		return nil
	}
	paths := flag.Args()
	sampleDir := ""
	if *samples {
		dir, err := writeSamples()
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		paths, sampleDir = append(paths, dir), dir
	}
	files, err := findPDFs(paths)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return errors.New("no PDF files given")
	}
	rep := &report{}
	for _, f := range files {
		if err := measure(ctx, rep, f, *runs, opts); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	if sampleDir != "" {
		if rep.long, err = measureLong(ctx, sampleDir, *runs, opts); err != nil {
			return err
		}
	}
	rep.print(os.Stdout, *runs)
	return nil
}

// measureLong measures a long generated document apart: it shows the cost
// per page once the cost of starting a process is spread thin, and stays
// out of the totals so that generated text does not swamp the real files.
func measureLong(ctx context.Context, dir string, runs int, opts pdftext.Options) ([]textRow, error) {
	long := &report{}
	path := filepath.Join(dir, "long-report-200-pages.pdf")
	if err := os.WriteFile(path, samplepdf.Report(200), 0o644); err != nil {
		return nil, fmt.Errorf("write long sample: %w", err)
	}
	if err := measure(ctx, long, path, runs, opts); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return long.text, nil
}

// writeSamples writes samplepdf's PDFs into a new temporary directory.
func writeSamples() (string, error) {
	dir, err := os.MkdirTemp("", "innsyn-pdf-samples-")
	if err != nil {
		return "", fmt.Errorf("sample dir: %w", err)
	}
	for name, data := range samplepdf.Samples() {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", fmt.Errorf("write sample: %w", err)
		}
	}
	return dir, nil
}

// findPDFs lists the PDFs under paths, sorted, without duplicates.
func findPDFs(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var files []string
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".pdf") && !seen[path] {
				seen[path] = true
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("find PDFs: %w", err)
		}
	}
	sort.Strings(files)
	return files, nil
}

// extractFile runs pdftext.Extract on a file.
func extractFile(ctx context.Context, path string, opts pdftext.Options) (pdftext.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return pdftext.Result{}, fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	return pdftext.Extract(ctx, f, opts)
}
