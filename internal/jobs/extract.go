package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/riverqueue/river"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/pdftext"
)

// ExtractArgs asks for the text of one file.
type ExtractArgs struct {
	ObjektID string `json:"objekt_id"`
}

// Kind names the job in River's tables.
func (ExtractArgs) Kind() string { return "extract_text" }

// InsertOpts: a few attempts with River's backoff, one job per file.
func (ExtractArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: extractAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

const extractAttempts = 4

// maxPlainText bounds the text read from a text/plain file.
const maxPlainText = 2 << 20

// Queue queues jobs for the store, inside its transactions.
type Queue struct{ Client *river.Client[*sql.Tx] }

// River priorities: 1 runs first. A staff upload should not wait behind
// the thousands of files an import queues.
const (
	priorityInteractive = 1
	priorityBulk        = 3
)

// QueueTextExtraction queues extraction of the files in tx.
func (q Queue) QueueTextExtraction(ctx context.Context, tx *sql.Tx, objektIDs []string, interactive bool) error {
	opts := ExtractArgs{}.InsertOpts()
	opts.Priority = priorityBulk
	if interactive {
		opts.Priority = priorityInteractive
	}
	params := make([]river.InsertManyParams, len(objektIDs))
	for i, id := range objektIDs {
		params[i] = river.InsertManyParams{Args: ExtractArgs{ObjektID: id}, InsertOpts: &opts}
	}
	if _, err := q.Client.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("queue text extraction: %w", err)
	}
	return nil
}

type extractWorker struct {
	river.WorkerDefaults[ExtractArgs]
	files   journal.FileStore
	blobs   blob.Store
	options pdftext.Options
}

// Work reads the file back from the store, checks its checksum, extracts
// its text in an isolated child process and saves the result. A store that
// cannot be reached, or an extraction that fails, is retried with backoff;
// after the last attempt the failure is recorded so staff can see it.
func (w *extractWorker) Work(ctx context.Context, job *river.Job[ExtractArgs]) error {
	ref, err := w.files.FileForExtraction(ctx, job.Args.ObjektID)
	if journal.ErrorCode(err) == journal.ErrNotFound {
		return nil // the file was removed meanwhile
	} else if err != nil {
		return err
	}
	if ref.TextStatus != "pending" {
		return nil
	}
	text, err := w.extract(ctx, ref)
	last := job.Attempt >= job.MaxAttempts
	switch {
	case errors.Is(err, blob.ErrNotFound):
		text = journal.ExtractedText{Status: "failed", Detail: "the stored file is missing"}
	case errors.Is(err, blob.ErrChecksum):
		zerolog.Ctx(ctx).Error().Str("objekt", ref.ObjektID).Str("key", ref.StorageKey).Msg("stored file does not match its checksum")
		text = journal.ExtractedText{Status: "failed", Detail: "the stored file does not match its checksum"}
	case err != nil:
		return err
	case text.Status == string(pdftext.StatusFailed) && !last:
		return fmt.Errorf("extraction failed (attempt %d of %d): %s", job.Attempt, job.MaxAttempts, text.Detail)
	}
	return w.files.SaveText(ctx, ref.ObjektID, text)
}

// Timeout bounds one attempt beyond the child's own timeout.
func (w *extractWorker) Timeout(*river.Job[ExtractArgs]) time.Duration {
	return w.options.Timeout + time.Minute
}

func (w *extractWorker) extract(ctx context.Context, ref journal.FileRef) (journal.ExtractedText, error) {
	switch {
	case ref.MediaType == "application/pdf", ref.MediaType == "text/plain":
	case strings.HasPrefix(ref.MediaType, "image/"):
		return journal.ExtractedText{Status: "no_text", Detail: "an image has no text layer"}, nil
	default:
		return journal.ExtractedText{Status: "unsupported", Detail: "innsyn does not read text from " + ref.MediaType}, nil
	}
	rc, _, err := w.blobs.Get(ctx, ref.StorageKey)
	if err != nil {
		return journal.ExtractedText{}, err
	}
	defer rc.Close()
	body := blob.NewChecked(rc, ref.Sjekksum)
	if ref.MediaType == "text/plain" {
		b, err := io.ReadAll(io.LimitReader(body, maxPlainText))
		if err != nil {
			return journal.ExtractedText{}, err
		}
		if err := body.Verify(); err != nil {
			return journal.ExtractedText{}, err
		}
		text := strings.ToValidUTF8(string(b), "")
		if !utf8.ValidString(text) || strings.TrimSpace(text) == "" {
			return journal.ExtractedText{Status: "no_text"}, nil
		}
		return journal.ExtractedText{Status: "ok", Text: text, Pages: 1}, nil
	}
	res, err := pdftext.Extract(ctx, body, w.options)
	if err != nil {
		return journal.ExtractedText{}, err
	}
	if err := body.Verify(); err != nil {
		return journal.ExtractedText{}, err
	}
	return journal.ExtractedText{Status: string(res.Status), Text: res.Text, Pages: res.Pages, Detail: res.Detail}, nil
}
