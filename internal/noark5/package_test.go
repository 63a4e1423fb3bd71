package noark5

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

const pkgSamples = "../../../shared/data/noark5"

// pkgTestEntry is one entry of a package built by a test.
type pkgTestEntry struct {
	name string // a trailing "/" makes a folder
	body string
	typ  byte        // tar type flag; 0 is a file or folder
	link string      // tar link target
	mode fs.FileMode // zip mode bits, e.g. fs.ModeSymlink
}

const (
	pkgArkiv = `<?xml version="1.0" encoding="UTF-8"?>
<arkiv xmlns="http://www.arkivverket.no/standarder/noark5/arkivstruktur"></arkiv>`
	pkgOJ = `<?xml version="1.0" encoding="ISO-8859-1"?>
<offentligJournal xmlns="http://www.arkivverket.no/standarder/noark5/offentligJournal"></offentligJournal>`
)

// pkgSampleEntries reads a sample directory as entries under prefix.
func pkgSampleEntries(t *testing.T, dir, prefix string) []pkgTestEntry {
	t.Helper()
	var entries []pkgTestEntry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		name := path.Join(prefix, filepath.ToSlash(rel))
		if d.IsDir() {
			entries = append(entries, pkgTestEntry{name: name + "/"})
			return nil
		}
		b, err := os.ReadFile(p)
		entries = append(entries, pkgTestEntry{name: name, body: string(b)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

func pkgWriteDirTree(t *testing.T, dir string, entries []pkgTestEntry) string {
	t.Helper()
	for _, e := range entries {
		p := filepath.Join(dir, filepath.FromSlash(e.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(e.name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(p, []byte(e.body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func pkgWriteTar(t *testing.T, file string, gz bool, entries []pkgTestEntry) string {
	t.Helper()
	var buf bytes.Buffer
	var w io.Writer = &buf
	var zw *gzip.Writer
	if gz {
		zw = gzip.NewWriter(&buf)
		w = zw
	}
	tw := tar.NewWriter(w)
	for _, e := range entries {
		hdr := &tar.Header{Name: e.name, Mode: 0o644, Typeflag: e.typ, Linkname: e.link, Format: tar.FormatPAX}
		switch {
		case e.typ == tar.TypeXGlobalHeader:
			hdr = &tar.Header{Typeflag: e.typ, PAXRecords: map[string]string{"comment": e.body}}
		case e.typ == 0 && strings.HasSuffix(e.name, "/"):
			hdr.Typeflag, hdr.Mode = tar.TypeDir, 0o755
		case e.typ == 0:
			hdr.Typeflag, hdr.Size = tar.TypeReg, int64(len(e.body))
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatalf("tar header %q: %v", e.name, err)
		}
		if hdr.Size > 0 {
			if _, err := io.WriteString(tw, e.body); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func pkgWriteZip(t *testing.T, file string, entries []pkgTestEntry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		fh := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			fh.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// pkgForms builds the same entries as a directory, a zip, a tar and a
// tar.gz.
var pkgForms = []struct {
	name  string
	build func(t *testing.T, dir string, entries []pkgTestEntry) string
}{
	{"dir", func(t *testing.T, dir string, e []pkgTestEntry) string {
		return pkgWriteDirTree(t, filepath.Join(dir, "pkg"), e)
	}},
	{"zip", func(t *testing.T, dir string, e []pkgTestEntry) string {
		return pkgWriteZip(t, filepath.Join(dir, "pkg.zip"), e)
	}},
	{"tar", func(t *testing.T, dir string, e []pkgTestEntry) string {
		return pkgWriteTar(t, filepath.Join(dir, "pkg.tar"), false, e)
	}},
	{"tar.gz", func(t *testing.T, dir string, e []pkgTestEntry) string {
		return pkgWriteTar(t, filepath.Join(dir, "pkg.tar.gz"), true, e)
	}},
	{"tgz", func(t *testing.T, dir string, e []pkgTestEntry) string {
		return pkgWriteTar(t, filepath.Join(dir, "pkg.tgz"), true, e)
	}},
}

func pkgMustOpen(t *testing.T, src, tempDir string) *Package {
	t.Helper()
	p, err := OpenPackage(src, tempDir)
	if err != nil {
		t.Fatalf("OpenPackage(%s): %v", src, err)
	}
	return p
}

func pkgReadAll(t *testing.T, r io.ReadCloser) string {
	t.Helper()
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func pkgAssertEmptyDir(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("%s not empty: %v", dir, entries)
	}
}

func TestPackageSamples(t *testing.T) {
	if _, err := os.Stat(pkgSamples); err != nil {
		t.Skipf("samples not found: %v", err)
	}
	for _, sample := range []string{"arkade-n5-archive-small", "kdrs-uttrekk1-v3.1", "noark5-tester-noark5-enkel"} {
		sampleDir := filepath.Join(pkgSamples, sample)
		t.Run(sample+"/in-place", func(t *testing.T) {
			p := pkgMustOpen(t, sampleDir, "")
			defer p.Close()
			pkgCheckSample(t, p, sampleDir, "")
		})
		for _, wrap := range []string{"", "uttrekk-2024"} {
			entries := pkgSampleEntries(t, sampleDir, wrap)
			for _, form := range pkgForms {
				t.Run(sample+"/"+form.name+"/wrap="+wrap, func(t *testing.T) {
					work, tmp := t.TempDir(), t.TempDir()
					p := pkgMustOpen(t, form.build(t, work, entries), tmp)
					pkgCheckSample(t, p, sampleDir, wrap)
					if err := p.Close(); err != nil {
						t.Fatal(err)
					}
					pkgAssertEmptyDir(t, tmp)
					if _, _, err := p.OpenFile("x"); err == nil {
						t.Error("OpenFile after Close worked")
					}
				})
			}
		}
	}
}

// pkgCheckSample checks a package's journal and every file under
// dokumenter/ against the sample directory.
func pkgCheckSample(t *testing.T, p *Package, sampleDir, wrap string) {
	t.Helper()
	name, format, r, err := p.Journal()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(sampleDir, "arkivstruktur.xml"))
	if got := pkgReadAll(t, r); name != path.Join(wrap, "arkivstruktur.xml") || format != FormatArkivstruktur || got != string(want) {
		t.Errorf("Journal() = %q, %q, %d bytes; want arkivstruktur.xml, %d bytes", name, format, len(got), len(want))
	}
	docs, _ := os.ReadDir(filepath.Join(sampleDir, "dokumenter"))
	for _, d := range docs {
		want, _ := os.ReadFile(filepath.Join(sampleDir, "dokumenter", d.Name()))
		for _, ref := range []string{"dokumenter/" + d.Name(), "./dokumenter/" + d.Name(), `dokumenter\` + d.Name()} {
			r, size, err := p.OpenFile(ref)
			if err != nil {
				t.Fatalf("OpenFile(%q): %v", ref, err)
			}
			if got := pkgReadAll(t, r); size != int64(len(want)) || got != string(want) {
				t.Errorf("OpenFile(%q): size %d, %d bytes read; want %d", ref, size, len(got), len(want))
			}
		}
	}
	if strings.HasPrefix(filepath.Base(sampleDir), "arkade") {
		r, size, err := p.OpenFile("dokumenter/5000000.pdf")
		if err != nil || size != 20637 {
			t.Fatalf("OpenFile(dokumenter/5000000.pdf) = %d, %v; want 20637 bytes", size, err)
		}
		r.Close()
	}
}

func TestPackageRefusesUnsafeEntries(t *testing.T) {
	good := pkgTestEntry{name: "arkivstruktur.xml", body: pkgArkiv}
	tests := []struct {
		name    string
		entry   pkgTestEntry
		tarOnly bool
		zipOnly bool
	}{
		{"zip slip", pkgTestEntry{name: "../x", body: "evil"}, false, false},
		{"traversal inside a path", pkgTestEntry{name: "dokumenter/../../x", body: "evil"}, false, false},
		{"backslash traversal", pkgTestEntry{name: `..\x`, body: "evil"}, false, false},
		{"absolute", pkgTestEntry{name: "/etc/passwd", body: "evil"}, false, false},
		{"drive letter", pkgTestEntry{name: `C:\x`, body: "evil"}, false, false},
		{"UNC", pkgTestEntry{name: `\\server\share\x`, body: "evil"}, false, false},
		{"NUL", pkgTestEntry{name: "dokumenter/a\x00.pdf", body: "evil"}, false, true},
		{"symlink", pkgTestEntry{name: "dokumenter/l.pdf", body: "/etc/passwd", typ: tar.TypeSymlink, link: "/etc/passwd", mode: fs.ModeSymlink | 0o777}, false, false},
		{"hard link", pkgTestEntry{name: "dokumenter/h.pdf", typ: tar.TypeLink, link: "/etc/passwd"}, true, false},
		{"device", pkgTestEntry{name: "dokumenter/d", typ: tar.TypeChar}, true, false},
	}
	for _, tt := range tests {
		for _, form := range pkgForms[1:] {
			if tt.tarOnly && form.name == "zip" || tt.zipOnly && form.name != "zip" {
				continue
			}
			t.Run(tt.name+"/"+form.name, func(t *testing.T) {
				work := t.TempDir()
				tmp := filepath.Join(work, "tmp")
				if err := os.Mkdir(tmp, 0o700); err != nil {
					t.Fatal(err)
				}
				src := form.build(t, work, []pkgTestEntry{good, tt.entry})
				p, err := OpenPackage(src, tmp)
				if err == nil {
					p.Close()
					t.Fatal("archive accepted")
				}
				if !errors.Is(err, ErrUnsafePath) || !strings.Contains(err.Error(), strconv.Quote(tt.entry.name)) {
					t.Errorf("err = %v; want ErrUnsafePath naming %q", err, tt.entry.name)
				}
				pkgAssertEmptyDir(t, tmp)
				for _, x := range []string{filepath.Join(work, "x"), filepath.Join(tmp, "x")} {
					if _, err := os.Lstat(x); err == nil {
						t.Errorf("%s was written", x)
					}
				}
			})
		}
	}
}

func TestPackageDirSymlinks(t *testing.T) {
	base := t.TempDir()
	outside := pkgWriteDirTree(t, filepath.Join(base, "outside"), []pkgTestEntry{{name: "secret.txt", body: "secret"}})
	dir := pkgWriteDirTree(t, filepath.Join(base, "pkg"), []pkgTestEntry{
		{name: "arkivstruktur.xml", body: pkgArkiv},
		{name: "dokumenter/ok.pdf", body: "%PDF ok"},
	})
	links := map[string]string{
		"dokumenter/abs.pdf":    filepath.Join(outside, "secret.txt"),
		"dokumenter/rel.pdf":    "../../outside/secret.txt",
		"dokumenter/out":        "../../outside",
		"dokumenter/inside.pdf": "ok.pdf",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("symlinks not supported: %v", err)
		}
	}
	p := pkgMustOpen(t, dir, "")
	defer p.Close()
	for _, ref := range []string{"dokumenter/abs.pdf", "dokumenter/rel.pdf", "dokumenter/out/secret.txt"} {
		if _, _, err := p.OpenFile(ref); !errors.Is(err, ErrUnsafePath) {
			t.Errorf("OpenFile(%q) err = %v; want ErrUnsafePath", ref, err)
		}
	}
	r, size, err := p.OpenFile("dokumenter/inside.pdf")
	if err != nil {
		t.Fatalf("a symlink within the package: %v", err)
	}
	if got := pkgReadAll(t, r); got != "%PDF ok" || size != 7 {
		t.Errorf("inside.pdf = %q, %d", got, size)
	}
}

func TestPackageOpenFileRefs(t *testing.T) {
	entries := []pkgTestEntry{
		{name: "arkivstruktur.xml", body: pkgArkiv},
		{name: "dokumenter/5000000.pdf", body: "%PDF"},
		{name: "dokumenter/tom/"},
	}
	unsafe := []string{"../../etc/passwd", "/etc/passwd", "dokumenter/../../x", "dokumenter/../dokumenter/5000000.pdf",
		`..\x`, `C:\x`, "c:/x", `\\server\share\x`, "dokumenter/5000000.pdf\x00.txt", "", "  ", "./"}
	missing := []string{"dokumenter/5000001.pdf", "dokumenter", "dokumenter/tom", "arkivstruktur.xml/x", "DOKUMENTER/5000000.pdf"}
	for _, form := range pkgForms {
		t.Run(form.name, func(t *testing.T) {
			p := pkgMustOpen(t, form.build(t, t.TempDir(), entries), t.TempDir())
			defer p.Close()
			for _, ref := range unsafe {
				if _, _, err := p.OpenFile(ref); !errors.Is(err, ErrUnsafePath) {
					t.Errorf("OpenFile(%q) err = %v; want ErrUnsafePath", ref, err)
				}
			}
			for _, ref := range missing {
				if _, _, err := p.OpenFile(ref); !errors.Is(err, ErrFileMissing) || errors.Is(err, ErrUnsafePath) {
					t.Errorf("OpenFile(%q) err = %v; want ErrFileMissing", ref, err)
				}
			}
			r, _, err := p.OpenFile(" dokumenter//5000000.pdf\n")
			if err != nil {
				t.Fatal(err)
			}
			r.Close()
		})
	}
}

func TestPackageSingleFile(t *testing.T) {
	dir := pkgWriteDirTree(t, t.TempDir(), []pkgTestEntry{
		{name: "postliste.csv", body: "saksaar;saksnr\n2024;1\n"},
		{name: "journal.json", body: `[{"saksaar":2024}]`},
		{name: "journal.ndjson", body: "{\"saksaar\":2024}\n"},
		{name: "offentligJournal.xml", body: pkgOJ},
		{name: "eksport.xml", body: "\ufeff" + pkgArkiv},
		{name: "dokumenter/1.pdf", body: "%PDF"},
		{name: "notes.txt", body: "hello"},
	})
	tests := []struct {
		file   string
		format Format
	}{
		{"postliste.csv", FormatCSV},
		{"journal.json", FormatJSON},
		{"journal.ndjson", FormatJSON},
		{"offentligJournal.xml", FormatOffentligJournal},
		{"eksport.xml", FormatArkivstruktur},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := pkgMustOpen(t, filepath.Join(dir, tt.file), "")
			defer p.Close()
			name, format, r, err := p.Journal()
			if err != nil {
				t.Fatal(err)
			}
			want, _ := os.ReadFile(filepath.Join(dir, tt.file))
			if got := pkgReadAll(t, r); name != tt.file || format != tt.format || got != string(want) {
				t.Errorf("Journal() = %q, %q, %q", name, format, got)
			}
			// The file's neighbours are not the package's.
			if _, _, err := p.OpenFile("dokumenter/1.pdf"); !errors.Is(err, ErrFileMissing) {
				t.Errorf("OpenFile err = %v; want ErrFileMissing", err)
			}
		})
	}
	if _, err := OpenPackage(filepath.Join(dir, "notes.txt"), ""); err == nil {
		t.Error("notes.txt accepted")
	}
}

func TestPackageJournalRules(t *testing.T) {
	ark := func(name string) pkgTestEntry { return pkgTestEntry{name: name, body: pkgArkiv} }
	tests := []struct {
		name    string
		entries []pkgTestEntry
		want    string // the journal, or text the error holds
		format  Format
		wantErr bool
	}{
		{"arkivstruktur wins", []pkgTestEntry{{name: "offentligJournal.xml", body: pkgOJ}, {name: "a.csv", body: "x"}, ark("arkivstruktur.xml")},
			"arkivstruktur.xml", FormatArkivstruktur, false},
		{"offentligJournal", []pkgTestEntry{{name: "offentligJournal.xml", body: pkgOJ}, {name: "arkivuttrekk.xml", body: "<addml/>"}},
			"offentligJournal.xml", FormatOffentligJournal, false},
		{"one csv", []pkgTestEntry{{name: "postliste.csv", body: "a;b\n"}, {name: "._postliste.csv", body: "junk"}},
			"postliste.csv", FormatCSV, false},
		{"one ndjson", []pkgTestEntry{{name: "j.ndjson", body: "{}\n"}, {name: "readme.txt", body: "x"}}, "j.ndjson", FormatJSON, false},
		{"case ignored", []pkgTestEntry{ark("ARKIVSTRUKTUR.XML")}, "ARKIVSTRUKTUR.XML", FormatArkivstruktur, false},
		{"content/", []pkgTestEntry{ark("content/arkivstruktur.xml"), {name: "content/dokumenter/1.pdf", body: "%PDF"}, {name: "info.xml", body: "<info/>"}},
			"content/arkivstruktur.xml", FormatArkivstruktur, false},
		{"n5uttrekk/", []pkgTestEntry{ark("n5uttrekk/arkivstruktur.xml"), {name: "n5uttrekk/dokumenter/1.pdf", body: "%PDF"}},
			"n5uttrekk/arkivstruktur.xml", FormatArkivstruktur, false},
		{"wrapped content/", []pkgTestEntry{{name: ".DS_Store", body: "x"}, ark("w/content/arkivstruktur.xml"), {name: "w/content/dokumenter/1.pdf", body: "%PDF"}},
			"w/content/arkivstruktur.xml", FormatArkivstruktur, false},
		{"several data files", []pkgTestEntry{{name: "a.csv", body: "x"}, {name: "b.json", body: "[]"}}, "a.csv, b.json", "", true},
		{"nothing", []pkgTestEntry{{name: "readme.txt", body: "x"}, {name: "dokumenter/"}}, "dokumenter/, readme.txt", "", true},
		{"two folders", []pkgTestEntry{ark("a/arkivstruktur.xml"), ark("b/arkivstruktur.xml")}, "a/, b/", "", true},
		{"wrapped twice", []pkgTestEntry{ark("a/b/arkivstruktur.xml")}, "found a/", "", true},
	}
	for _, tt := range tests {
		for _, form := range pkgForms[:3] {
			t.Run(tt.name+"/"+form.name, func(t *testing.T) {
				p := pkgMustOpen(t, form.build(t, t.TempDir(), tt.entries), t.TempDir())
				defer p.Close()
				name, format, r, err := p.Journal()
				if tt.wantErr {
					if err == nil || !strings.Contains(err.Error(), tt.want) {
						t.Errorf("Journal() err = %v; want one naming %q", err, tt.want)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				r.Close()
				if name != tt.want || format != tt.format {
					t.Errorf("Journal() = %q, %q; want %q, %q", name, format, tt.want, tt.format)
				}
				if strings.Contains(tt.want, "/") {
					r, _, err := p.OpenFile("dokumenter/1.pdf")
					if err != nil {
						t.Fatalf("OpenFile beside the journal: %v", err)
					}
					r.Close()
				}
			})
		}
	}
}

func TestPackageLimits(t *testing.T) {
	big := strings.Repeat("x", 2000)
	lim := PackageLimits{MaxTotalBytes: 3000, MaxFiles: 4, MaxFileBytes: 1000}
	tests := []struct {
		name    string
		entries []pkgTestEntry
		want    string
	}{
		{"file too big", []pkgTestEntry{{name: "arkivstruktur.xml", body: pkgArkiv}, {name: "dokumenter/big.pdf", body: big}}, `"dokumenter/big.pdf" is 2000 bytes`},
		{"too much in all", []pkgTestEntry{{name: "a", body: big[:900]}, {name: "b", body: big[:900]}, {name: "c", body: big[:900]}, {name: "d", body: big[:900]}}, "more than 3000 bytes in all"},
		{"too many entries", []pkgTestEntry{{name: "a/"}, {name: "a/1"}, {name: "a/2"}, {name: "a/3"}, {name: "a/4"}}, "than 4"},
	}
	for _, tt := range tests {
		for _, form := range pkgForms[1:] {
			t.Run(tt.name+"/"+form.name, func(t *testing.T) {
				tmp := t.TempDir()
				p, err := OpenPackageWithLimits(form.build(t, t.TempDir(), tt.entries), tmp, lim)
				if err == nil {
					p.Close()
					t.Fatal("archive accepted")
				}
				if !errors.Is(err, ErrPackageLimit) || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("err = %v; want ErrPackageLimit saying %q", err, tt.want)
				}
				pkgAssertEmptyDir(t, tmp)
			})
		}
	}
	t.Run("within limits", func(t *testing.T) {
		src := pkgWriteTar(t, filepath.Join(t.TempDir(), "ok.tar"), false, []pkgTestEntry{{name: "arkivstruktur.xml", body: pkgArkiv}, {name: "dokumenter/1.pdf", body: big[:1000]}})
		p, err := OpenPackageWithLimits(src, t.TempDir(), lim)
		if err != nil {
			t.Fatal(err)
		}
		p.Close()
	})
}

// tar -C dir -cf x.tar . writes "./" names, often after a global header.
func TestPackageTarDotSlash(t *testing.T) {
	src := pkgWriteTar(t, filepath.Join(t.TempDir(), "x.tar"), false, []pkgTestEntry{
		{typ: tar.TypeXGlobalHeader, body: "made by a test"},
		{name: "./"}, {name: "./arkivstruktur.xml", body: pkgArkiv},
		{name: "./dokumenter/"}, {name: "./dokumenter/1.pdf", body: "%PDF"},
	})
	p := pkgMustOpen(t, src, t.TempDir())
	defer p.Close()
	if name, _, r, err := p.Journal(); err != nil || name != "arkivstruktur.xml" {
		t.Fatalf("Journal() = %q, %v", name, err)
	} else {
		r.Close()
	}
	r, _, err := p.OpenFile("dokumenter/1.pdf")
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
}

// A zip entry whose header understates its size is not read past it.
func TestPackageZipLyingHeader(t *testing.T) {
	body := []byte(strings.Repeat("x", 100))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("arkivstruktur.xml")
	io.WriteString(w, pkgArkiv)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "dokumenter/1.pdf", Method: zip.Store,
		CRC32: crc32.ChecksumIEEE(body), CompressedSize64: 100, UncompressedSize64: 10})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body)
	zw.Close()
	src := filepath.Join(t.TempDir(), "lie.zip")
	os.WriteFile(src, buf.Bytes(), 0o644)

	p := pkgMustOpen(t, src, "")
	defer p.Close()
	r, size, err := p.OpenFile("dokumenter/1.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got, err := io.ReadAll(r)
	if err == nil || size != 10 || len(got) > 10 {
		t.Errorf("read %d bytes (size %d), err %v; want an error after at most 10", len(got), size, err)
	}
}

func TestPackageDetectFormat(t *testing.T) {
	utf16le := func(s string) string {
		b := []byte{0xff, 0xfe}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return string(b)
	}
	tests := []struct {
		name, head string
		want       Format // "" = an error
	}{
		{"arkivstruktur.xml", "\ufeff" + pkgArkiv, FormatArkivstruktur},
		{"x.xml", `<!-- eksport --><n5:arkiv xmlns:n5="http://www.arkivverket.no/standarder/noark5/arkivstruktur">`, FormatArkivstruktur},
		{"offentligJournal.xml", pkgOJ, FormatOffentligJournal},
		{"journal.xml", utf16le(`<?xml version="1.0" encoding="UTF-16"?><offentligJournal>`), FormatOffentligJournal},
		{"arkivuttrekk.xml", `<addml xmlns="http://www.arkivverket.no/standarder/addml">`, ""},
		{"loependeJournal.xml", `<loependeJournal xmlns="http://www.arkivverket.no/standarder/noark5/loependeJournal">`, ""},
		{"arkivstruktur.xml", `<?xml version="1.0"?><!-- a comment longer than the head`, FormatArkivstruktur},
		{"x.xml", `<?xml version="1.0"?><!-- a comment longer than the head`, ""},
		{"postliste.csv", "saksaar;saksnr\n", FormatCSV},
		{"postliste.csv", "<weird header>;b\n", FormatCSV},
		{"export", "saksaar,saksnr\n", FormatCSV},
		{"x.json", " \n [ {", FormatJSON},
		{"x.ndjson", `{"a":1}`, FormatJSON},
		{"x.txt", "\ufeff{\"a\":1}", FormatJSON},
		{"x.json", "saksaar;saksnr", ""},
		{"x.xml", "saksaar;saksnr", ""},
		{"arkivstruktur.xml", "", FormatArkivstruktur},
		{`mappe\offentligJournal.xml`, "", FormatOffentligJournal},
		{"x.csv", "", FormatCSV},
		{"x.bin", " ", ""},
	}
	for _, tt := range tests {
		got, err := DetectFormat(tt.name, []byte(tt.head))
		if got != tt.want || (err != nil) != (tt.want == "") {
			t.Errorf("DetectFormat(%q, %.40q) = %q, %v; want %q", tt.name, tt.head, got, err, tt.want)
		}
	}
	if _, err := os.Stat(pkgSamples); err != nil {
		return
	}
	samples := map[string]Format{
		"kdrs-uttrekk1-v3.1/arkivstruktur.xml": FormatArkivstruktur, "kdrs-uttrekk1-v3.1/offentligJournal.xml": FormatOffentligJournal,
		"kdrs-uttrekk1-v3.1/loependeJournal.xml": "", "kdrs-uttrekk1-v3.1/endringslogg.xml": "", "kdrs-uttrekk1-v3.1/info.xml": "",
		"kdrs-uttrekk1-v3.1/arkivuttrekk.xml": "", "arkade-n5-archive-small/arkivuttrekk.xml": "",
		"arkade-n5-archive-small/arkivstruktur.xml": FormatArkivstruktur, "noark5-tester-noark5-enkel/arkivstruktur.xml": FormatArkivstruktur,
	}
	for name, want := range samples {
		head, err := os.ReadFile(filepath.Join(pkgSamples, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := DetectFormat(path.Base(name), head[:min(len(head), pkgHeadSize)])
		if got != want || (err != nil) != (want == "") {
			t.Errorf("DetectFormat(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
}
