package journal

import "context"

// NewDokument is a document description staff add to an entry.
type NewDokument struct {
	Tittel                    string
	TilknyttetRegistreringSom string // H or V
	Dokumenttype              string
}

// StoredFile is a file already in the document store, to record as a
// version of a document's variant.
type StoredFile struct {
	Variantformat string // A or O
	Filnavn       string
	MediaType     string
	Format        string
	Sjekksum      string
	Storrelse     int64
	StorageKey    string
}

// AddedFile is what recording a file did.
type AddedFile struct {
	ObjektID       string
	Versjonsnummer int
	// StorageKey is the key the file is kept under: another file's when the
	// same content was stored before (Deduplicated), and then the new object
	// is not needed and can be deleted.
	StorageKey   string
	Deduplicated bool
}

// FileRef says where a file is and how far its text extraction got.
type FileRef struct {
	ObjektID   string
	StorageKey string
	MediaType  string
	Sjekksum   string
	Storrelse  int64
	TextStatus string
}

// ExtractedText is what text extraction found in a file.
type ExtractedText struct {
	Status string // ok, no_text, encrypted, failed, unsupported
	Text   string
	Pages  int
	Detail string
}

// Limits on documents.
const (
	DefaultMaxUploadBytes = 200 << 20
	MaxFilenameLength     = 255
)

// FileStore records documents and files, and the text read from them.
type FileStore interface {
	CreateDokument(ctx context.Context, journalpostID string, d NewDokument, c Change) (StaffJournalpost, string, error)
	AddFile(ctx context.Context, dokumentID string, f StoredFile, c Change) (AddedFile, error)
	FileForExtraction(ctx context.Context, objektID string) (FileRef, error)
	SaveText(ctx context.Context, objektID string, t ExtractedText) error
	// UnreferencedKeys returns the keys among keys that no file refers to.
	UnreferencedKeys(ctx context.Context, keys []string) ([]string, error)
}
