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
)

// Config tunes the background work.
type Config struct {
	// RefreshInterval is how often the projection rows due for a
	// time-driven change are refreshed.
	RefreshInterval time.Duration
	// PollInterval is how often idle workers look for new jobs (lib/pq
	// offers River no LISTEN/NOTIFY, so it polls).
	PollInterval time.Duration
}

// DefaultConfig refreshes every minute and polls every second.
func DefaultConfig() Config {
	return Config{RefreshInterval: time.Minute, PollInterval: time.Second}
}

// Refresher refreshes the projection rows that are due.
type Refresher interface {
	RefreshDue(ctx context.Context, limit int) (int, error)
}

// NewClient returns a River client with the service's workers and
// schedules; Start it to run them.
func NewClient(db *sql.DB, cfg Config, refresher Refresher, log zerolog.Logger) (*river.Client[*sql.Tx], error) {
	workers := river.NewWorkers()
	river.AddWorker(workers, &refreshDueWorker{refresher: refresher})
	client, err := river.NewClient(riverdatabasesql.New(db), &river.Config{
		Logger:            slog.New(zerolog.NewSlogHandler(log.With().Str("component", "jobs").Logger().Level(zerolog.WarnLevel))),
		FetchPollInterval: cfg.PollInterval,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:           workers,
		PeriodicJobs: []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(cfg.RefreshInterval),
				func() (river.JobArgs, *river.InsertOpts) { return RefreshDueArgs{}, nil },
				&river.PeriodicJobOpts{ID: "refresh_due", RunOnStart: true}),
		},
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
