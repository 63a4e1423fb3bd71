package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/documents"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/noark5"
	"github.com/innsyn/innsyn/internal/offl"
)

// withFiles gives the entry's document objects their stored files. An
// object whose file is missing, unreadable or does not match its checksum
// is left out and reported; the rest of the entry is imported.
func (w *work) withFiles(ctx context.Context, j journal.JournalpostInput, files []noark5.File) (journal.JournalpostInput, error) {
	if len(j.Journalpost.Dokumentbeskrivelse) == 0 {
		return j, nil
	}
	docs := make([]offl.Dokumentbeskrivelse, len(j.Journalpost.Dokumentbeskrivelse))
	for i, d := range j.Journalpost.Dokumentbeskrivelse {
		d.Dokumentobjekt = nil
		for _, o := range j.Journalpost.Dokumentbeskrivelse[i].Dokumentobjekt {
			f, ok := findFile(files, d.SystemID, o)
			if !ok {
				continue // the export names no file for it
			}
			stored, err := w.file(ctx, f)
			if err != nil {
				if ctx.Err() != nil {
					return j, err
				}
				continue
			}
			o.StorageKey, o.MediaType, o.Storrelse, o.Sjekksum = stored.StorageKey, stored.MediaType, stored.Size, stored.Sjekksum
			if o.Format == "" {
				o.Format = stored.Format
			}
			d.Dokumentobjekt = append(d.Dokumentobjekt, o)
		}
		docs[i] = d
	}
	j.Journalpost.Dokumentbeskrivelse = docs
	return j, nil
}

func findFile(files []noark5.File, dokument string, o offl.Dokumentobjekt) (noark5.File, bool) {
	for _, f := range files {
		if f.DokumentSystemID == dokument && f.Variantformat == o.Variantformat && max(f.Versjonsnummer, 1) == max(o.Versjonsnummer, 1) {
			return f, f.Ref != ""
		}
	}
	return noark5.File{}, false
}

// file stores one file (or finds it stored), reporting what goes wrong.
func (w *work) file(ctx context.Context, f noark5.File) (StoredFile, error) {
	want := strings.ToLower(f.Sjekksum)
	if f.Algoritme != "" && !strings.EqualFold(strings.ReplaceAll(f.Algoritme, "-", ""), "SHA256") {
		w.problem(noark5.Problem{Pos: f.Pos, Value: f.Algoritme, Message: "checksum algorithm is not SHA-256: the file's own SHA-256 is used instead"})
		want = ""
	}
	if want != "" && !w.opt.DryRun {
		if stored, ok, err := w.im.store.StoredFile(ctx, want); err != nil {
			return StoredFile{}, err
		} else if ok {
			w.sum.Files.Reused++
			return stored, nil
		}
	}
	r, _, err := w.src.OpenFile(f.Ref)
	if err != nil {
		if errors.Is(err, noark5.ErrFileMissing) {
			w.sum.Files.Missing++
			w.problem(noark5.Problem{Pos: f.Pos, Value: f.Ref, Message: "the document file is not in the package; the metadata is imported without it"})
		} else {
			w.problem(noark5.Problem{Pos: f.Pos, Value: f.Ref, Message: "the document file cannot be opened: " + err.Error()})
		}
		return StoredFile{}, err
	}
	defer r.Close()
	var stored StoredFile
	if w.opt.DryRun {
		stored, err = checkOnly(r, want)
	} else {
		stored, err = w.im.files.Store(ctx, r, want)
	}
	switch {
	case errors.Is(err, ErrChecksum):
		w.sum.Files.Mismatched++
		w.problem(noark5.Problem{Pos: f.Pos, Value: f.Ref, Message: "the document file does not match its declared checksum; the metadata is imported without it"})
		return StoredFile{}, err
	case err != nil:
		w.problem(noark5.Problem{Pos: f.Pos, Value: f.Ref, Message: "the document file could not be stored: " + err.Error()})
		return StoredFile{}, err
	}
	w.sum.Files.Stored++
	return stored, nil
}

// checkOnly reads a file for a dry run: its checksum, nothing stored.
func checkOnly(r io.Reader, want string) (StoredFile, error) {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return StoredFile{}, fmt.Errorf("read: %w", err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if want != "" && sum != want {
		return StoredFile{}, ErrChecksum
	}
	return StoredFile{Sjekksum: sum, Size: n}, nil
}

// DocumentFiles stores an import's files in the document store.
type DocumentFiles struct {
	Blobs blob.Store
	// MaxBytes bounds one file.
	MaxBytes int64
}

// Store streams r into the document store, verifying want.
func (d DocumentFiles) Store(ctx context.Context, r io.Reader, want string) (StoredFile, error) {
	s, err := documents.StoreChecked(ctx, d.Blobs, r, want, d.MaxBytes)
	if errors.Is(err, documents.ErrChecksum) {
		return StoredFile{}, ErrChecksum
	} else if err != nil {
		return StoredFile{}, err
	}
	return StoredFile{StorageKey: s.Key, MediaType: s.MediaType, Format: s.Format, Size: s.Size, Sjekksum: s.Sjekksum}, nil
}
