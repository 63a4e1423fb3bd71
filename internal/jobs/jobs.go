// Package jobs runs the service's background work on River, a job queue in
// the same PostgreSQL database: scheduled work runs on one replica at a
// time (River elects a leader), and jobs survive restarts.
package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivertype"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/mail"
	"github.com/innsyn/innsyn/internal/pdftext"
)

// Config tunes the background work.
type Config struct {
	// RefreshInterval is how often the projection rows due for a
	// time-driven change are refreshed.
	RefreshInterval time.Duration
	// PollInterval is how often idle workers look for new jobs (lib/pq
	// offers River no LISTEN/NOTIFY, so it polls).
	PollInterval time.Duration
	// SweepInterval is how often documents without a row are removed, and
	// SweepGrace how old such a document must be.
	SweepInterval time.Duration
	SweepGrace    time.Duration
	// Extraction limits the child process that reads PDFs.
	Extraction pdftext.Options
	// RequestInterval is how often deemed refusals are looked for and
	// closed requests erased; EraseAfter is how long after an order closes
	// its requester's e-mail and name are erased.
	RequestInterval time.Duration
	EraseAfter      time.Duration
	// RetryDelay, when set, replaces River's growing backoff between
	// attempts with a fixed delay (tests).
	RetryDelay time.Duration
}

// DefaultConfig refreshes every minute, polls every second and sweeps
// hourly.
func DefaultConfig() Config {
	return Config{RefreshInterval: time.Minute, PollInterval: time.Second, SweepInterval: time.Hour,
		SweepGrace: time.Hour, RequestInterval: time.Minute, EraseAfter: 180 * 24 * time.Hour, Extraction: pdftext.Options{Timeout: time.Minute, MemoryLimit: 1 << 30}}
}

// Deps are what the workers use.
type Deps struct {
	Refresher Refresher
	Files     journal.FileStore
	Blobs     blob.Store
	Now       func() time.Time
	Log       zerolog.Logger
	// Requests and Mail run the request-for-access work; nil Requests:
	// none (tools that only import).
	Requests Requests
	Mail     mail.Sender
	// Imports runs import jobs; nil: none.
	Imports Imports
}

// Refresher refreshes the projection rows that are due.
type Refresher interface {
	RefreshDue(ctx context.Context, limit int) (int, error)
}

// NewClient returns a River client with the service's workers and
// schedules; Start it to run them. An unstarted client can queue jobs.
func NewClient(db *sql.DB, cfg Config, deps Deps) (*river.Client[*sql.Tx], error) {
	workers := river.NewWorkers()
	river.AddWorker(workers, &refreshDueWorker{refresher: deps.Refresher})
	river.AddWorker(workers, &extractWorker{files: deps.Files, blobs: deps.Blobs, options: cfg.Extraction})
	river.AddWorker(workers, &sweepWorker{files: deps.Files, blobs: deps.Blobs, grace: cfg.SweepGrace, now: deps.Now})
	periodic := []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(cfg.RefreshInterval),
			func() (river.JobArgs, *river.InsertOpts) { return RefreshDueArgs{}, nil },
			&river.PeriodicJobOpts{ID: "refresh_due", RunOnStart: true}),
		river.NewPeriodicJob(river.PeriodicInterval(cfg.SweepInterval),
			func() (river.JobArgs, *river.InsertOpts) { return SweepArgs{}, nil },
			&river.PeriodicJobOpts{ID: "sweep_orphan_files"}),
	}
	if deps.Requests != nil {
		river.AddWorker(workers, &sendMailWorker{requests: deps.Requests, sender: deps.Mail})
		river.AddWorker(workers, &requestClockWorker{requests: deps.Requests, erase: cfg.EraseAfter})
		periodic = append(periodic, river.NewPeriodicJob(river.PeriodicInterval(cfg.RequestInterval),
			func() (river.JobArgs, *river.InsertOpts) { return RequestClockArgs{}, nil },
			&river.PeriodicJobOpts{ID: "innsynskrav_clock", RunOnStart: true}))
	}
	queues := map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}, queueMail: {MaxWorkers: 2}}
	if deps.Imports != nil {
		river.AddWorker(workers, &importWorker{imports: deps.Imports})
		queues[queueImport] = river.QueueConfig{MaxWorkers: 1}
	}
	client, err := river.NewClient(riverdatabasesql.New(db), &river.Config{
		Logger:            slog.New(zerolog.NewSlogHandler(deps.Log.With().Str("component", "jobs").Logger().Level(zerolog.WarnLevel))),
		FetchPollInterval: cfg.PollInterval,
		// Extraction runs a child process per file: two per core is plenty.
		Queues:       queues,
		Workers:      workers,
		RetryPolicy:  retryPolicy(cfg.RetryDelay),
		PeriodicJobs: periodic,
	})
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	return client, nil
}

// RefreshDueArgs asks for the due projection rows to be refreshed.
type RefreshDueArgs struct{}

// Kind names the job in River's tables.
func (RefreshDueArgs) Kind() string { return "refresh_due_projection" }

// InsertOpts keeps one such job at a time: a second one queued or running
// beside the first would do nothing new.
func (RefreshDueArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateScheduled, rivertype.JobStateRetryable}}}
}

// refreshBatch bounds one transaction of the refresh.
const refreshBatch = 500

type refreshDueWorker struct {
	river.WorkerDefaults[RefreshDueArgs]
	refresher Refresher
}

// Work refreshes due rows in batches until none are left.
func (w *refreshDueWorker) Work(ctx context.Context, job *river.Job[RefreshDueArgs]) error {
	for {
		n, err := w.refresher.RefreshDue(ctx, refreshBatch)
		if err != nil {
			return fmt.Errorf("refresh due projection: %w", err)
		}
		if n < refreshBatch {
			return nil
		}
	}
}

// Timeout bounds one run.
func (w *refreshDueWorker) Timeout(*river.Job[RefreshDueArgs]) time.Duration { return 10 * time.Minute }

// fixedRetry retries after a fixed delay.
type fixedRetry struct{ delay time.Duration }

func (f fixedRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(f.delay) }

func retryPolicy(delay time.Duration) river.ClientRetryPolicy {
	if delay <= 0 {
		return nil // River's default: exponential backoff with jitter
	}
	return fixedRetry{delay: delay}
}
