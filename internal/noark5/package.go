package noark5

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// Errors from opening a package and the files in it.
var (
	// ErrFileMissing is a reference to a file the package does not hold.
	ErrFileMissing = errors.New("noark5: file not in package")
	// ErrUnsafePath is a name that could reach outside the package: an
	// absolute path, "..", a drive letter, NUL, a symbolic or hard link
	// entry in an archive, or a symbolic link leading out of a directory.
	ErrUnsafePath = errors.New("noark5: unsafe path")
	// ErrPackageLimit is an archive that exceeds its PackageLimits.
	ErrPackageLimit = errors.New("noark5: package exceeds limit")
)

// Default limits on an archive (see PackageLimits).
const (
	DefaultMaxPackageBytes     int64 = 100 << 30 // 100 GiB in all
	DefaultMaxPackageFiles           = 1_000_000 // entries, directories included
	DefaultMaxPackageFileBytes int64 = 10 << 30  // 10 GiB in any one file
)

// PackageLimits bound what an archive may hold, so a hostile upload cannot
// fill the disk. They are checked against each entry's declared size before
// anything is written, and enforced again while reading. A zero field takes
// its default. A directory or a single file is not limited: it is already
// on disk.
type PackageLimits struct {
	MaxTotalBytes int64 // the sum of all files' sizes
	MaxFiles      int   // entries, directories included
	MaxFileBytes  int64 // any one file
}

func (l PackageLimits) pkgWithDefaults() PackageLimits {
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = DefaultMaxPackageBytes
	}
	if l.MaxFiles <= 0 {
		l.MaxFiles = DefaultMaxPackageFiles
	}
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = DefaultMaxPackageFileBytes
	}
	return l
}

// Package is an opened import source: a directory, an archive or a single
// export file. Its methods may be called from several goroutines, but not
// together with Close.
//
// The journal file is found at OpenPackage by these rules, first match wins:
//
//  1. Directories searched, in order: the root, root/content, root/n5uttrekk.
//     If none holds a journal file and the root holds exactly one folder and
//     nothing else (hidden names and __MACOSX ignored), the same three under
//     that folder.
//  2. In a directory: arkivstruktur.xml, else offentligJournal.xml (names
//     matched ignoring case), else the one .csv, .json or .ndjson file; with
//     several of those and no XML journal it is an error naming them.
//
// Document references are resolved against the directory holding the
// journal file. A single file opened directly holds no documents.
type Package struct {
	fsys       pkgFS // nil once closed
	single     bool
	tempDir    string // an extracted tar, removed by Close
	journal    string // slash path of the journal file within the package
	journalErr error
	docDir     string
}

// pkgFS is the package's content, addressed by clean slash paths relative
// to its root ("" is the root).
type pkgFS interface {
	open(name string) (io.ReadCloser, int64, error)
	list(dir string) ([]pkgEntry, error)
	close() error
}

type pkgEntry struct {
	name string
	dir  bool
}

// OpenPackage opens path: a directory, a .zip, a .tar/.tar.gz/.tgz, or a
// single export file (.xml, .csv, .json, .ndjson), with the default limits.
// A zip is read in place. A tar is read sequentially, so it is extracted
// into a private temporary directory under tempDir ("" = os.TempDir());
// nothing is ever written outside it, and Close removes it. An archive
// holding an unsafe entry (see ErrUnsafePath) is refused whole, with an
// error naming the entry. A file of another extension is recognised as an
// archive by its first bytes.
func OpenPackage(path, tempDir string) (*Package, error) {
	return OpenPackageWithLimits(path, tempDir, PackageLimits{})
}

// OpenPackageWithLimits is OpenPackage with the given archive limits.
func OpenPackageWithLimits(src, tempDir string, limits PackageLimits) (*Package, error) {
	limits = limits.pkgWithDefaults()
	fi, err := os.Stat(src)
	if err != nil {
		return nil, fmt.Errorf("noark5: open package: %w", err)
	}
	p := &Package{}
	switch kind, err := pkgKind(src, fi); {
	case err != nil:
		return nil, err
	case kind == "dir":
		root, err := os.OpenRoot(src)
		if err != nil {
			return nil, fmt.Errorf("noark5: open package: %w", err)
		}
		p.fsys = pkgDirFS{root}
	case kind == "zip":
		if p.fsys, err = pkgOpenZip(src, limits); err != nil {
			return nil, err
		}
	case kind == "tar":
		root, dir, err := pkgExtractTar(src, tempDir, limits)
		if err != nil {
			return nil, err
		}
		p.fsys, p.tempDir = pkgDirFS{root}, dir
	default:
		p.single, p.journal = true, filepath.Base(src)
		p.fsys = pkgFileFS{path: src, name: p.journal}
		return p, nil
	}
	p.journal, p.journalErr = p.pkgLocate()
	p.docDir = path.Dir(p.journal)
	if p.docDir == "." {
		p.docDir = ""
	}
	return p, nil
}

// pkgKind tells a directory, "zip", "tar" or "file" (a single export file)
// by the name, or for an unknown extension by the first bytes.
func pkgKind(name string, fi fs.FileInfo) (string, error) {
	if fi.IsDir() {
		return "dir", nil
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("noark5: open package %s: not a regular file or directory", name)
	}
	lower := strings.ToLower(filepath.Base(name))
	switch {
	case strings.HasSuffix(lower, ".zip"):
		return "zip", nil
	case strings.HasSuffix(lower, ".tar"), strings.HasSuffix(lower, ".tar.gz"), strings.HasSuffix(lower, ".tgz"):
		return "tar", nil
	case slices.Contains([]string{".xml", ".csv", ".json", ".ndjson"}, path.Ext(lower)):
		return "file", nil
	}
	head := make([]byte, 512)
	f, err := os.Open(name)
	if err != nil {
		return "", fmt.Errorf("noark5: open package: %w", err)
	}
	defer f.Close()
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return "zip", nil
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}), len(head) >= 262 && string(head[257:262]) == "ustar":
		return "tar", nil
	}
	return "", fmt.Errorf("noark5: open package %s: want a directory, .zip, .tar, .tar.gz, .tgz, .xml, .csv, .json or .ndjson", name)
}

// Close releases the package and removes any temporary directory.
func (p *Package) Close() error {
	var err error
	if p.fsys != nil {
		err = p.fsys.close()
		p.fsys = nil
	}
	if p.tempDir != "" {
		if e := os.RemoveAll(p.tempDir); err == nil {
			err = e
		}
		p.tempDir = ""
	}
	return err
}

var pkgErrClosed = errors.New("noark5: package closed")

// pkgHeadSize is how much of the journal DetectFormat sees: enough to get
// past an XML declaration and a long leading comment.
const pkgHeadSize = 16 << 10

// Journal opens the journal file (see Package for how it is found) and
// tells its format. name is its slash path within the package. The caller
// closes r.
func (p *Package) Journal() (name string, format Format, r io.ReadCloser, err error) {
	if p.fsys == nil {
		return "", "", nil, pkgErrClosed
	}
	if p.journalErr != nil {
		return "", "", nil, p.journalErr
	}
	rc, _, err := p.fsys.open(p.journal)
	if err != nil {
		return "", "", nil, err
	}
	br := bufio.NewReaderSize(rc, pkgHeadSize)
	head, _ := br.Peek(pkgHeadSize) // a short file is fine; a read error recurs on Read
	if format, err = DetectFormat(p.journal, head); err != nil {
		rc.Close()
		return "", "", nil, err
	}
	return p.journal, format, pkgReadCloser{br, rc}, nil
}

type pkgReadCloser struct {
	io.Reader
	io.Closer
}

// OpenFile opens a document file by its reference as the export writes it
// ("dokumenter/5000000.pdf", "./dokumenter/x.pdf", "dokumenter\\x.pdf"),
// relative to the directory holding the journal file, and gives its size.
// A reference that is absolute, holds "..", a drive letter or NUL, or
// passes a symbolic link leading out of the package, is an error wrapping
// ErrUnsafePath; one naming nothing is an error wrapping ErrFileMissing.
func (p *Package) OpenFile(ref string) (io.ReadCloser, int64, error) {
	if p.fsys == nil {
		return nil, 0, pkgErrClosed
	}
	name, err := pkgRefPath(ref)
	if err != nil {
		return nil, 0, err
	}
	if p.single {
		return nil, 0, fmt.Errorf("%w: %s (a single file opened alone holds no documents; open its directory)", ErrFileMissing, name)
	}
	return p.fsys.open(path.Join(p.docDir, name))
}

// pkgRefPath cleans a document reference into a slash path.
func pkgRefPath(ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if len(ref) > 4096 {
		return "", fmt.Errorf("%w: reference of %d bytes", ErrUnsafePath, len(ref))
	}
	name, err := pkgCleanPath(ref)
	if err != nil {
		return "", fmt.Errorf("%w: reference %q %v", ErrUnsafePath, ref, err)
	}
	if name == "" {
		return "", fmt.Errorf("%w: empty reference %q", ErrUnsafePath, ref)
	}
	return name, nil
}

// pkgCleanPath turns a name written in an archive or an export into a
// clean slash path relative to the package, or says why it is unsafe.
// Backslashes count as separators (Windows producers write them); "." and
// empty parts are dropped; ".." is refused even where it would stay
// inside, since no honest export needs it.
func pkgCleanPath(name string) (string, error) {
	if strings.IndexByte(name, 0) >= 0 {
		return "", errors.New("contains NUL")
	}
	name = strings.ReplaceAll(name, `\`, "/")
	if len(name) >= 2 && name[1] == ':' && ('a' <= name[0]|0x20 && name[0]|0x20 <= 'z') {
		return "", errors.New("has a drive letter")
	}
	if strings.HasPrefix(name, "/") {
		return "", errors.New("is absolute")
	}
	parts := strings.Split(name, "/")
	clean := parts[:0]
	for _, s := range parts {
		switch s {
		case "", ".":
			continue
		case "..":
			return "", errors.New(`contains ".."`)
		}
		clean = append(clean, s)
	}
	return strings.Join(clean, "/"), nil
}

// pkgLocate finds the journal file by the rules on Package.
func (p *Package) pkgLocate() (string, error) {
	journal, rootEntries, err := p.pkgFindUnder("")
	if journal != "" || err != nil {
		return journal, err
	}
	var visible []pkgEntry
	for _, e := range rootEntries {
		if !strings.HasPrefix(e.name, ".") && e.name != "__MACOSX" {
			visible = append(visible, e)
		}
	}
	if len(visible) == 1 && visible[0].dir {
		if journal, _, err = p.pkgFindUnder(visible[0].name); journal != "" || err != nil {
			return journal, err
		}
	}
	return "", fmt.Errorf("noark5: no journal file in package: want arkivstruktur.xml, offentligJournal.xml "+
		"or one .csv, .json or .ndjson file at the top, in content/ or n5uttrekk/, or in a single top-level folder; found %s",
		pkgListing(rootEntries))
}

// pkgFindUnder looks for the journal in base, base/content and
// base/n5uttrekk, and returns base's entries.
func (p *Package) pkgFindUnder(base string) (string, []pkgEntry, error) {
	entries, err := p.fsys.list(base)
	if err != nil {
		return "", nil, err
	}
	if journal, err := pkgPickJournal(base, entries); journal != "" || err != nil {
		return journal, entries, err
	}
	for _, sub := range []string{"content", "n5uttrekk"} {
		for _, e := range entries {
			if !e.dir || !strings.EqualFold(e.name, sub) {
				continue
			}
			dir := path.Join(base, e.name)
			subEntries, err := p.fsys.list(dir)
			if err != nil {
				return "", entries, err
			}
			if journal, err := pkgPickJournal(dir, subEntries); journal != "" || err != nil {
				return journal, entries, err
			}
		}
	}
	return "", entries, nil
}

// pkgPickJournal picks the journal among one directory's entries.
func pkgPickJournal(dir string, entries []pkgEntry) (string, error) {
	var ark, oj string
	var data []string
	for _, e := range entries {
		switch lower := strings.ToLower(e.name); {
		case e.dir || strings.HasPrefix(e.name, "."):
		case lower == "arkivstruktur.xml":
			ark = e.name
		case lower == "offentligjournal.xml":
			oj = e.name
		case slices.Contains([]string{".csv", ".json", ".ndjson"}, path.Ext(lower)):
			data = append(data, e.name)
		}
	}
	switch {
	case ark != "":
		return path.Join(dir, ark), nil
	case oj != "":
		return path.Join(dir, oj), nil
	case len(data) == 1:
		return path.Join(dir, data[0]), nil
	case len(data) > 1:
		slices.Sort(data)
		return "", fmt.Errorf("noark5: several possible journal files in %q: %s; keep one", dir+"/", strings.Join(data, ", "))
	}
	return "", nil
}

// pkgListing names entries for an error, folders with a trailing slash.
func pkgListing(entries []pkgEntry) string {
	if len(entries) == 0 {
		return "nothing"
	}
	const most = 20
	var names []string
	for _, e := range entries {
		if e.dir {
			names = append(names, e.name+"/")
		} else {
			names = append(names, e.name)
		}
	}
	slices.Sort(names)
	if len(names) > most {
		return strings.Join(names[:most], ", ") + fmt.Sprintf(" and %d more", len(names)-most)
	}
	return strings.Join(names, ", ")
}

// pkgDirFS is a directory confined by os.Root, which follows symbolic links
// only while they stay beneath it.
type pkgDirFS struct{ root *os.Root }

func (d pkgDirFS) close() error { return d.root.Close() }

func (d pkgDirFS) open(name string) (io.ReadCloser, int64, error) {
	osName := filepath.FromSlash(name)
	if osName == "" {
		osName = "."
	}
	// Stat first: opening a FIFO would block.
	fi, err := d.root.Stat(osName)
	if err != nil {
		return nil, 0, d.pkgErr(name, err)
	}
	if fi.IsDir() {
		return nil, 0, fmt.Errorf("%w: %s is a directory", ErrFileMissing, name)
	}
	if !fi.Mode().IsRegular() {
		return nil, 0, fmt.Errorf("%w: %s is not a regular file", ErrUnsafePath, name)
	}
	f, err := d.root.Open(osName)
	if err != nil {
		return nil, 0, d.pkgErr(name, err)
	}
	if fi, err = f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("%w: %s is not a regular file", ErrUnsafePath, name)
	}
	return f, fi.Size(), nil
}

// pkgErr classifies an os.Root error: not there, a symbolic link leading
// out (os.Root's own error for it is not exported), or something else.
func (d pkgDirFS) pkgErr(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return fmt.Errorf("%w: %s", ErrFileMissing, name)
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		fi, lerr := d.root.Lstat(filepath.FromSlash(path.Join(parts[:i+1]...)))
		if lerr != nil {
			break
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%w: %s: a symbolic link leads outside the package", ErrUnsafePath, name)
		}
	}
	return fmt.Errorf("noark5: open %s: %w", name, err)
}

func (d pkgDirFS) list(dir string) ([]pkgEntry, error) {
	if dir == "" {
		dir = "."
	}
	f, err := d.root.Open(filepath.FromSlash(dir))
	if err != nil {
		return nil, fmt.Errorf("noark5: list %s: %w", dir, err)
	}
	defer f.Close()
	var entries []pkgEntry
	for {
		batch, err := f.ReadDir(256)
		for _, e := range batch {
			entries = append(entries, pkgEntry{name: e.Name(), dir: e.IsDir()})
		}
		if err == io.EOF {
			return entries, nil
		} else if err != nil {
			return nil, fmt.Errorf("noark5: list %s: %w", dir, err)
		}
	}
}

// pkgFileFS is a single export file opened alone.
type pkgFileFS struct{ path, name string }

func (s pkgFileFS) close() error { return nil }

func (s pkgFileFS) list(string) ([]pkgEntry, error) { return []pkgEntry{{name: s.name}}, nil }

func (s pkgFileFS) open(name string) (io.ReadCloser, int64, error) {
	if name != s.name {
		return nil, 0, fmt.Errorf("%w: %s", ErrFileMissing, name)
	}
	f, err := os.Open(s.path)
	if err != nil {
		return nil, 0, fmt.Errorf("noark5: open %s: %w", s.path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("noark5: open %s: %w", s.path, err)
	}
	return f, fi.Size(), nil
}

// pkgUnsafeEntry refuses a whole archive for one entry.
func pkgUnsafeEntry(archive, entry, why string) error {
	return fmt.Errorf("%w: %s: entry %q %s; the archive is refused", ErrUnsafePath, archive, entry, why)
}

// pkgOverLimit refuses a whole archive for exceeding a limit.
func pkgOverLimit(archive, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrPackageLimit, archive, fmt.Sprintf(format, args...))
}

// pkgExtractTar extracts a tar, gzip'd or not (told by its first bytes),
// into a new directory under tempDir, entry by entry through os.Root, so
// nothing can land outside it. Only regular files and directories are
// taken; files get mode 0600 and folders 0700 whatever the tar says.
func pkgExtractTar(name, tempDir string, lim PackageLimits) (root *os.Root, dir string, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, "", fmt.Errorf("noark5: open package: %w", err)
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var r io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, "", fmt.Errorf("noark5: read %s: %w", name, err)
		}
		defer zr.Close()
		r = zr
	}
	if dir, err = os.MkdirTemp(tempDir, "noark5-package-*"); err != nil {
		return nil, "", fmt.Errorf("noark5: extract %s: %w", name, err)
	}
	if root, err = os.OpenRoot(dir); err != nil {
		os.RemoveAll(dir)
		return nil, "", fmt.Errorf("noark5: extract %s: %w", name, err)
	}
	if err = pkgUntar(tar.NewReader(r), root, filepath.Base(name), lim); err != nil {
		root.Close()
		os.RemoveAll(dir)
		return nil, "", err
	}
	return root, dir, nil
}

func pkgUntar(tr *tar.Reader, root *os.Root, archive string, lim PackageLimits) error {
	var entries int
	var total int64
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		// With GODEBUG=tarinsecurepath=0 the header comes with
		// ErrInsecurePath; pkgCleanPath below refuses it by name.
		if err != nil && (hdr == nil || !errors.Is(err, tar.ErrInsecurePath)) {
			return fmt.Errorf("noark5: read %s: %w", archive, err)
		}
		if hdr.Typeflag == tar.TypeXGlobalHeader {
			continue
		}
		if entries++; entries > lim.MaxFiles {
			return pkgOverLimit(archive, "more than %d entries", lim.MaxFiles)
		}
		name, err := pkgCleanPath(hdr.Name)
		if err != nil {
			return pkgUnsafeEntry(archive, hdr.Name, err.Error())
		}
		switch hdr.Typeflag {
		case tar.TypeDir:
			if name != "" {
				if err := root.MkdirAll(filepath.FromSlash(name), 0o700); err != nil {
					return fmt.Errorf("noark5: extract %s: entry %q: %w", archive, hdr.Name, err)
				}
			}
			continue
		case tar.TypeReg:
		case tar.TypeSymlink, tar.TypeLink:
			return pkgUnsafeEntry(archive, hdr.Name, fmt.Sprintf("is a link (to %q)", hdr.Linkname))
		default:
			return pkgUnsafeEntry(archive, hdr.Name, fmt.Sprintf("is of type %q, not a file or folder", hdr.Typeflag))
		}
		if name == "" {
			return pkgUnsafeEntry(archive, hdr.Name, "names no file")
		}
		if hdr.Size > lim.MaxFileBytes {
			return pkgOverLimit(archive, "entry %q is %d bytes, more than %d", hdr.Name, hdr.Size, lim.MaxFileBytes)
		}
		if total += hdr.Size; total > lim.MaxTotalBytes {
			return pkgOverLimit(archive, "more than %d bytes in all", lim.MaxTotalBytes)
		}
		if err := pkgWriteEntry(root, name, tr); err != nil {
			return fmt.Errorf("noark5: extract %s: entry %q: %w", archive, hdr.Name, err)
		}
	}
}

// pkgWriteEntry writes one file, refusing to replace another: a tar with
// the same name twice is ambiguous.
func pkgWriteEntry(root *os.Root, name string, r io.Reader) error {
	osName := filepath.FromSlash(name)
	if dir := filepath.Dir(osName); dir != "." {
		if err := root.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}
	f, err := root.OpenFile(osName, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return errors.New("duplicate entry")
	} else if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// pkgZipFS is a zip read in place. Its index is checked whole at open.
type pkgZipFS struct {
	rc    *zip.ReadCloser
	files map[string]*zip.File
	dirs  map[string]bool // every folder, stated or implied; "" is the root
}

func pkgOpenZip(name string, lim PackageLimits) (*pkgZipFS, error) {
	rc, err := zip.OpenReader(name)
	// With GODEBUG=zipinsecurepath=0 the reader comes with
	// ErrInsecurePath; pkgIndex refuses the entry by name.
	if err != nil && (rc == nil || !errors.Is(err, zip.ErrInsecurePath)) {
		return nil, fmt.Errorf("noark5: read %s: %w", name, err)
	}
	z := &pkgZipFS{rc: rc, files: map[string]*zip.File{}, dirs: map[string]bool{"": true}}
	if err := z.pkgIndex(filepath.Base(name), lim); err != nil {
		rc.Close()
		return nil, err
	}
	return z, nil
}

func (z *pkgZipFS) pkgIndex(archive string, lim PackageLimits) error {
	if len(z.rc.File) > lim.MaxFiles {
		return pkgOverLimit(archive, "%d entries, more than %d", len(z.rc.File), lim.MaxFiles)
	}
	var total uint64
	for _, f := range z.rc.File {
		name, err := pkgCleanPath(f.Name)
		if err != nil {
			return pkgUnsafeEntry(archive, f.Name, err.Error())
		}
		mode := f.Mode()
		switch {
		case mode.IsDir() || strings.HasSuffix(strings.ReplaceAll(f.Name, `\`, "/"), "/"):
			z.pkgAddDir(name)
			continue
		case mode&fs.ModeSymlink != 0:
			return pkgUnsafeEntry(archive, f.Name, "is a symbolic link")
		case !mode.IsRegular():
			return pkgUnsafeEntry(archive, f.Name, fmt.Sprintf("is not a file or folder (mode %v)", mode))
		case name == "":
			return pkgUnsafeEntry(archive, f.Name, "names no file")
		case f.Flags&0x1 != 0:
			return fmt.Errorf("noark5: %s: entry %q is encrypted", archive, f.Name)
		case f.Method != zip.Store && f.Method != zip.Deflate:
			return fmt.Errorf("noark5: %s: entry %q uses compression method %d; only stored and deflated are read", archive, f.Name, f.Method)
		case f.UncompressedSize64 > uint64(lim.MaxFileBytes):
			return pkgOverLimit(archive, "entry %q is %d bytes, more than %d", f.Name, f.UncompressedSize64, lim.MaxFileBytes)
		case z.files[name] != nil:
			return fmt.Errorf("noark5: %s: entry %q appears twice; the archive is refused", archive, f.Name)
		}
		if total += f.UncompressedSize64; total > uint64(lim.MaxTotalBytes) {
			return pkgOverLimit(archive, "more than %d bytes in all", lim.MaxTotalBytes)
		}
		z.files[name] = f
		z.pkgAddDir(path.Dir(name))
	}
	for name, f := range z.files {
		if z.dirs[name] {
			return fmt.Errorf("noark5: %s: entry %q is both a file and a folder; the archive is refused", archive, f.Name)
		}
	}
	return nil
}

// pkgAddDir records a folder and its parents.
func (z *pkgZipFS) pkgAddDir(dir string) {
	for dir != "." && dir != "" && !z.dirs[dir] {
		z.dirs[dir] = true
		dir = path.Dir(dir)
	}
}

func (z *pkgZipFS) close() error { return z.rc.Close() }

func (z *pkgZipFS) list(dir string) ([]pkgEntry, error) {
	var entries []pkgEntry
	parent := func(name string) string {
		if p := path.Dir(name); p != "." {
			return p
		}
		return ""
	}
	for name := range z.files {
		if parent(name) == dir {
			entries = append(entries, pkgEntry{name: path.Base(name)})
		}
	}
	for name := range z.dirs {
		if name != "" && parent(name) == dir {
			entries = append(entries, pkgEntry{name: path.Base(name), dir: true})
		}
	}
	slices.SortFunc(entries, func(a, b pkgEntry) int { return strings.Compare(a.name, b.name) })
	return entries, nil
}

func (z *pkgZipFS) open(name string) (io.ReadCloser, int64, error) {
	f := z.files[name]
	if f == nil {
		if z.dirs[name] {
			return nil, 0, fmt.Errorf("%w: %s is a directory", ErrFileMissing, name)
		}
		return nil, 0, fmt.Errorf("%w: %s", ErrFileMissing, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, 0, fmt.Errorf("noark5: open %s: %w", name, err)
	}
	size := int64(f.UncompressedSize64)
	return &pkgLimitReader{rc: rc, name: name, size: size, left: size}, size, nil
}

// pkgLimitReader reads an entry up to its declared size (already checked
// against the limits) and fails, rather than stopping silently, if there
// is more: the header is not trusted alone.
type pkgLimitReader struct {
	rc         io.ReadCloser
	name       string
	size, left int64
}

func (l *pkgLimitReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		n, err := io.ReadAtLeast(l.rc, one[:], 1)
		if n > 0 {
			return 0, fmt.Errorf("%w: %s holds more than its declared %d bytes", ErrPackageLimit, l.name, l.size)
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.rc.Read(p)
	l.left -= int64(n)
	return n, err
}

func (l *pkgLimitReader) Close() error { return l.rc.Close() }

// DetectFormat tells an export's format by its name and first bytes (a
// UTF-8 or UTF-16 byte order mark is skipped). A .csv name is CSV. Else
// content starting with '<' is XML, told by its root element: <arkiv> (or
// the arkivstruktur namespace) is FormatArkivstruktur, <offentligJournal>
// FormatOffentligJournal, any other root an error; when the head ends
// before the root, the name decides. '{' or '[' is JSON. Anything else is
// CSV, unless the name says .xml, .json or .ndjson. With no head at all
// the name decides.
func DetectFormat(name string, head []byte) (Format, error) {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, `\`, "/")))
	ext := path.Ext(base)
	byName := map[string]Format{
		"arkivstruktur.xml": FormatArkivstruktur, "offentligjournal.xml": FormatOffentligJournal,
	}[base]
	if byName == "" {
		byName = map[string]Format{".csv": FormatCSV, ".json": FormatJSON, ".ndjson": FormatJSON}[ext]
	}
	b := bytes.TrimLeft(pkgASCIIHead(head), " \t\r\n")
	switch {
	case len(b) == 0 && byName != "":
		return byName, nil
	case len(b) == 0:
		return "", fmt.Errorf("noark5: %s: empty, cannot tell its format", name)
	case ext == ".csv":
		return FormatCSV, nil
	case b[0] == '<':
		return pkgXMLFormat(name, b, byName)
	case b[0] == '{' || b[0] == '[':
		return FormatJSON, nil
	case ext == ".xml" || ext == ".json" || ext == ".ndjson":
		return "", fmt.Errorf("noark5: %s: does not start like %s", name, strings.TrimPrefix(ext, "."))
	}
	return FormatCSV, nil
}

// pkgASCIIHead strips a byte order mark and, for UTF-16, keeps one byte of
// each unit: enough to read ASCII element names.
func pkgASCIIHead(head []byte) []byte {
	var odd int
	switch {
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
		return head[3:]
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}): // UTF-16LE
		odd = 0
	case bytes.HasPrefix(head, []byte{0xfe, 0xff}): // UTF-16BE
		odd = 1
	default:
		return head
	}
	var out []byte
	for i := 2 + odd; i < len(head); i += 2 {
		out = append(out, head[i])
	}
	return out
}

// pkgXMLFormat reads XML tokens up to the root element.
func pkgXMLFormat(name string, b []byte, byName Format) (Format, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	// Only ASCII names are needed, whatever the declared encoding.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		tok, err := d.Token()
		if err != nil {
			if byName == FormatArkivstruktur || byName == FormatOffentligJournal {
				return byName, nil
			}
			return "", fmt.Errorf("noark5: %s: no XML root element in the first %d bytes: %w", name, len(b), err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		ns := strings.ToLower(se.Name.Space)
		switch {
		case se.Name.Local == "arkiv" || strings.HasSuffix(ns, "/noark5/arkivstruktur"):
			return FormatArkivstruktur, nil
		case strings.EqualFold(se.Name.Local, "offentligJournal") || strings.HasSuffix(ns, "/noark5/offentligjournal"):
			return FormatOffentligJournal, nil
		}
		return "", fmt.Errorf("noark5: %s: root element <%s> (namespace %q) is neither arkivstruktur's <arkiv> nor <offentligJournal>",
			name, se.Name.Local, se.Name.Space)
	}
}
