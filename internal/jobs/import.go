package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// Imports runs import jobs.
type Imports interface {
	Run(ctx context.Context, jobID string) error
}

// queueImport is River's queue for imports: one at a time per replica, so
// that an import never starves the mail and extraction workers.
const queueImport = "import"

// ImportArgs asks for an import job to run.
type ImportArgs struct {
	JobID string `json:"job_id"`
}

// Kind names the job in River's tables.
func (ImportArgs) Kind() string { return "import" }

// InsertOpts puts imports on their own queue. A failed run is tried again
// (the import is idempotent), a few times.
func (ImportArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queueImport, MaxAttempts: 3}
}

// QueueImport queues an import job's run in tx, the transaction that
// records the job.
func (q Queue) QueueImport(ctx context.Context, tx *sql.Tx, jobID string) error {
	if _, err := q.Client.InsertTx(ctx, tx, ImportArgs{JobID: jobID}, nil); err != nil {
		return fmt.Errorf("queue import: %w", err)
	}
	return nil
}

type importWorker struct {
	river.WorkerDefaults[ImportArgs]
	imports Imports
}

// Work runs the import.
func (w *importWorker) Work(ctx context.Context, job *river.Job[ImportArgs]) error {
	return w.imports.Run(ctx, job.Args.JobID)
}

// Timeout bounds one run: a million entries take well under this.
func (w *importWorker) Timeout(*river.Job[ImportArgs]) time.Duration { return 12 * time.Hour }
