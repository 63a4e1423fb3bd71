package importer

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/innsyn/innsyn/internal/noark5"
)

// Opened is an export opened for import: its reader, the package its files
// come from, and how far reading has got.
type Opened struct {
	Reader  noark5.Reader
	Package *noark5.Package
	Format  noark5.Format
	// Name is the journal file's name within the package.
	Name string
	// Size is the journal file's size in bytes (0 when unknown); Read()
	// is how much of it has been read, for progress and ETA.
	Size    int64
	counter *countingReader
	closer  io.Closer
}

// Read is how many bytes of the journal file have been read.
func (o *Opened) Read() int64 { return o.counter.n.Load() }

// Close closes the journal file and the package.
func (o *Opened) Close() error {
	err := o.closer.Close()
	if cerr := o.Package.Close(); err == nil {
		err = cerr
	}
	return err
}

// Open opens path (a directory, .zip, .tar(.gz) or a single file) and the
// reader for its journal file. tempDir holds any extracted archive.
func Open(path, tempDir string) (*Opened, error) {
	pkg, err := noark5.OpenPackage(path, tempDir)
	if err != nil {
		return nil, err
	}
	name, format, r, err := pkg.Journal()
	if err != nil {
		pkg.Close()
		return nil, err
	}
	o := &Opened{Package: pkg, Format: format, Name: name, counter: &countingReader{r: r}, closer: r}
	if st, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil {
			o.Size = fi.Size()
		}
	}
	switch format {
	case noark5.FormatArkivstruktur:
		o.Reader = noark5.NewArkivstruktur(o.counter, name)
	case noark5.FormatOffentligJournal:
		o.Reader = noark5.NewOffentligJournal(o.counter, name)
	case noark5.FormatCSV:
		o.Reader = noark5.NewCSV(o.counter, name)
	case noark5.FormatJSON:
		o.Reader = noark5.NewJSON(o.counter, name)
	default:
		o.Close()
		return nil, fmt.Errorf("import: %s: unknown format %q", name, format)
	}
	return o, nil
}

// OpenFile opens a document file of the package.
func (o *Opened) OpenFile(ref string) (io.ReadCloser, int64, error) { return o.Package.OpenFile(ref) }

// DefaultSource names the source of an import by the path it came from:
// its base name without the archive extension ("uttrekk-2025.tar.gz" →
// "uttrekk-2025"). Exports of the same archive should keep one name, so
// that prune compares like with like.
func DefaultSource(path string) string {
	base := filepath.Base(filepath.Clean(path))
	for _, ext := range []string{".tar.gz", ".tgz", ".tar", ".zip", ".xml", ".csv", ".ndjson", ".json"} {
		if strings.HasSuffix(strings.ToLower(base), ext) {
			base = base[:len(base)-len(ext)]
			break
		}
	}
	if base == "" || base == "." || base == "/" {
		return "import"
	}
	if len(base) > 200 {
		base = base[:200]
	}
	return base
}

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
