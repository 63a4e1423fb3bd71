package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/documents"
	"github.com/innsyn/innsyn/internal/journal"
)

// SweepArgs asks for objects without a row to be removed.
type SweepArgs struct{}

// Kind names the job in River's tables.
func (SweepArgs) Kind() string { return "sweep_orphan_files" }

// sweepBatch is how many keys are checked against the database at once.
const sweepBatch = 500

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	files journal.FileStore
	blobs blob.Store
	grace time.Duration
	now   func() time.Time
}

// Work deletes stored documents that no file row names and that are older
// than the grace period: an upload whose row was never committed (a crash,
// a failed transaction) or whose rows were all removed. The grace period
// keeps it off objects whose row is being committed right now.
func (w *sweepWorker) Work(ctx context.Context, job *river.Job[SweepArgs]) error {
	n, err := Sweep(ctx, w.blobs, w.files, w.now().Add(-w.grace))
	if err != nil {
		return err
	}
	if n > 0 {
		zerolog.Ctx(ctx).Info().Int("deleted", n).Msg("swept documents without a row")
	}
	return nil
}

// Sweep deletes the documents stored before cutoff that no row names, and
// returns how many it deleted.
func Sweep(ctx context.Context, blobs blob.Store, files journal.FileStore, cutoff time.Time) (int, error) {
	var batch []string
	deleted := 0
	flush := func() error {
		orphans, err := files.UnreferencedKeys(ctx, batch)
		if err != nil {
			return err
		}
		for _, key := range orphans {
			if err := blobs.Delete(ctx, key); err != nil {
				return fmt.Errorf("sweep %s: %w", key, err)
			}
			deleted++
		}
		batch = batch[:0]
		return nil
	}
	err := blobs.List(ctx, documents.KeyPrefix, func(info blob.Info) error {
		if info.ModTime.After(cutoff) {
			return nil
		}
		if batch = append(batch, info.Key); len(batch) == sweepBatch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return deleted, fmt.Errorf("sweep: %w", err)
	}
	if len(batch) > 0 {
		err = flush()
	}
	return deleted, err
}
