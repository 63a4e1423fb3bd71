package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/importer"
	"github.com/innsyn/innsyn/internal/journal"
)

// ImportQueue queues an import job's run inside the transaction that
// records the job.
type ImportQueue interface {
	QueueImport(ctx context.Context, tx *sql.Tx, jobID string) error
}

// ImportJobs keeps import jobs.
type ImportJobs struct {
	db    *sqlx.DB
	now   func() time.Time
	queue ImportQueue
}

var _ importer.JobStore = (*ImportJobs)(nil)

// NewImportJobs returns the job store; set its queue before creating jobs.
func NewImportJobs(db *sqlx.DB, now func() time.Time) *ImportJobs {
	return &ImportJobs{db: db, now: now}
}

// SetQueue sets the queue that runs jobs.
func (s *ImportJobs) SetQueue(q ImportQueue) { s.queue = q }

type importJobRow struct {
	ID         string     `db:"id"`
	CreatedAt  time.Time  `db:"created_at"`
	CreatedBy  string     `db:"created_by"`
	Filename   string     `db:"filename"`
	UploadKey  string     `db:"upload_key"`
	Source     string     `db:"source"`
	DryRun     bool       `db:"dry_run"`
	Prune      bool       `db:"prune"`
	Status     string     `db:"status"`
	Progress   []byte     `db:"progress"`
	Summary    []byte     `db:"summary"`
	Error      string     `db:"error"`
	StartedAt  *time.Time `db:"started_at"`
	FinishedAt *time.Time `db:"finished_at"`
}

const importJobColumns = `id, created_at, created_by, filename, upload_key, source, dry_run, prune, status, progress, summary,
	error, started_at, finished_at`

func (r importJobRow) job() (importer.Job, error) {
	j := importer.Job{ID: r.ID, CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy, Filename: r.Filename, UploadKey: r.UploadKey,
		Source: r.Source, DryRun: r.DryRun, Prune: r.Prune, Status: r.Status, Error: r.Error, StartedAt: r.StartedAt,
		FinishedAt: r.FinishedAt}
	if len(r.Progress) > 0 {
		j.Progress = &importer.Progress{}
		if err := json.Unmarshal(r.Progress, j.Progress); err != nil {
			return j, fmt.Errorf("decode progress: %w", err)
		}
	}
	if len(r.Summary) > 0 {
		j.Summary = &importer.Summary{}
		if err := json.Unmarshal(r.Summary, j.Summary); err != nil {
			return j, fmt.Errorf("decode summary: %w", err)
		}
	}
	return j, nil
}

// CreateJob records a queued job and queues its run.
func (s *ImportJobs) CreateJob(ctx context.Context, j importer.Job) error {
	return inTx(ctx, s.db, nil, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO import_job (id, created_at, created_by, filename, upload_key, source,
			dry_run, prune, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued')`,
			j.ID, s.now(), j.CreatedBy, j.Filename, j.UploadKey, j.Source, j.DryRun, j.Prune); err != nil {
			return fmt.Errorf("create import job: %w", err)
		}
		if err := appendAudit(ctx, tx, j.CreatedBy, "import.start", "import_job", j.ID, nil,
			map[string]any{"filename": j.Filename, "source": j.Source, "dryRun": j.DryRun, "prune": j.Prune}, ""); err != nil {
			return err
		}
		if s.queue == nil {
			return errors.New("create import job: no queue to run it")
		}
		return s.queue.QueueImport(ctx, tx.Tx, j.ID)
	})
}

// Job returns a job.
func (s *ImportJobs) Job(ctx context.Context, id string) (importer.Job, error) {
	if !isUUID(id) {
		return importer.Job{}, journal.NotFound("import job")
	}
	var r importJobRow
	err := s.db.GetContext(ctx, &r, `SELECT `+importJobColumns+` FROM import_job WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return importer.Job{}, journal.NotFound("import job")
	} else if err != nil {
		return importer.Job{}, fmt.Errorf("import job: %w", err)
	}
	return r.job()
}

// StartJob marks a job running and returns it as it was.
func (s *ImportJobs) StartJob(ctx context.Context, id string) (importer.Job, error) {
	var r importJobRow
	err := s.db.GetContext(ctx, &r, `UPDATE import_job SET status = CASE WHEN status IN ('done', 'failed') THEN status ELSE 'running' END,
		started_at = COALESCE(started_at, $2) WHERE id = $1 RETURNING `+importJobColumns, id, s.now())
	if err != nil {
		return importer.Job{}, fmt.Errorf("start import job: %w", err)
	}
	return r.job()
}

// SaveProgress records how far a job has come.
func (s *ImportJobs) SaveProgress(ctx context.Context, id string, p importer.Progress) error {
	_, err := s.db.ExecContext(ctx, `UPDATE import_job SET progress = $2 WHERE id = $1`, id, mustJSON(p))
	return err
}

// FinishJob records a job's summary, or why it failed.
func (s *ImportJobs) FinishJob(ctx context.Context, id string, sum *importer.Summary, failure string) error {
	status := importer.JobDone
	if failure != "" {
		status = importer.JobFailed
	}
	var summary *string
	if sum != nil {
		v := mustJSON(sum)
		summary = &v
	}
	_, err := s.db.ExecContext(ctx, `UPDATE import_job SET status = $2, summary = $3, error = $4, finished_at = $5 WHERE id = $1`,
		id, status, summary, failure, s.now())
	if err != nil {
		return fmt.Errorf("finish import job: %w", err)
	}
	return nil
}
