package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/documents"
	"github.com/innsyn/innsyn/internal/journal"
)

// Job is an import started through the API and run in the background.
type Job struct {
	ID         string
	CreatedAt  time.Time
	CreatedBy  string
	Filename   string
	Source     string
	DryRun     bool
	Prune      bool
	Status     string // queued, running, done, failed
	Progress   *Progress
	Summary    *Summary
	Error      string
	StartedAt  *time.Time
	FinishedAt *time.Time
	// UploadKey is where the uploaded export waits in the document store.
	UploadKey string
}

// The statuses of a job.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
)

// JobStore keeps import jobs.
type JobStore interface {
	// CreateJob records a queued job and queues its run, in one
	// transaction.
	CreateJob(ctx context.Context, j Job) error
	Job(ctx context.Context, id string) (Job, error)
	StartJob(ctx context.Context, id string) (Job, error)
	SaveProgress(ctx context.Context, id string, p Progress) error
	FinishJob(ctx context.Context, id string, s *Summary, failure string) error
}

// UploadPrefix is where uploaded exports wait in the document store until
// their job has run.
const UploadPrefix = "imports/"

// Jobs starts and runs import jobs.
type Jobs struct {
	Store    JobStore
	Blobs    blob.Store
	Importer *Importer
	// MaxUpload bounds an uploaded export; TempDir holds it while it is
	// imported ("" = the system's).
	MaxUpload int64
	TempDir   string
}

// JobRequest is an export to import, as uploaded.
type JobRequest struct {
	Filename string
	Body     io.Reader
	Source   string
	DryRun   bool
	Prune    bool
	Actor    string
}

// Start stores the upload and queues its import.
func (j *Jobs) Start(ctx context.Context, req JobRequest) (Job, error) {
	name := filepath.Base(strings.ReplaceAll(strings.TrimSpace(req.Filename), `\`, "/"))
	if name == "" || name == "." || name == "/" || len(name) > 255 || strings.ContainsAny(name, "\x00\r\n") {
		return Job{}, journal.FieldError("query.filename", "the export's file name, such as uttrekk.zip, arkivstruktur.xml or postliste.csv")
	}
	source := req.Source
	if source == "" {
		source = DefaultSource(name)
	}
	job := Job{ID: uuid.NewString(), CreatedAt: time.Now().UTC(), CreatedBy: req.Actor, Filename: name, Source: source,
		DryRun: req.DryRun, Prune: req.Prune, Status: JobQueued}
	job.UploadKey = UploadPrefix + job.ID + "/" + name
	body := &documents.LimitReader{R: req.Body, Max: j.MaxUpload}
	if _, err := j.Blobs.Put(ctx, job.UploadKey, body, -1, "application/octet-stream"); err != nil {
		j.Blobs.Delete(context.WithoutCancel(ctx), job.UploadKey)
		if body.Exceeded {
			return Job{}, journal.Errorf(journal.ErrTooLarge, "an export holds at most %d bytes through the API; import larger ones with innsyn import", j.MaxUpload)
		}
		return Job{}, fmt.Errorf("store upload: %w", err)
	}
	if err := j.Store.CreateJob(ctx, job); err != nil {
		j.Blobs.Delete(context.WithoutCancel(ctx), job.UploadKey)
		return Job{}, err
	}
	return job, nil
}

// Job returns a job.
func (j *Jobs) Job(ctx context.Context, id string) (Job, error) { return j.Store.Job(ctx, id) }

// Run runs a queued job: it fetches the upload, imports it, records the
// summary and removes the upload. A job found running (a worker died) is
// run again from the start; the import is idempotent.
func (j *Jobs) Run(ctx context.Context, id string) error {
	job, err := j.Store.StartJob(ctx, id)
	if err != nil {
		return err
	}
	if job.Status == JobDone || job.Status == JobFailed {
		return nil
	}
	sum, runErr := j.run(ctx, job)
	if runErr != nil && ctx.Err() != nil {
		return runErr // cancelled: River retries the job
	}
	failure := ""
	switch {
	case runErr != nil:
		failure = runErr.Error()
	case sum != nil && sum.Fatal != "":
		failure = "the export could not be read to its end: " + sum.Fatal
	}
	if err := j.Store.FinishJob(ctx, id, sum, failure); err != nil {
		return err
	}
	j.Blobs.Delete(context.WithoutCancel(ctx), job.UploadKey)
	return nil
}

func (j *Jobs) run(ctx context.Context, job Job) (*Summary, error) {
	dir, err := os.MkdirTemp(j.TempDir, "innsyn-import-")
	if err != nil {
		return nil, fmt.Errorf("temporary directory: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, job.Filename)
	if err := j.fetch(ctx, job.UploadKey, path); err != nil {
		return nil, err
	}
	src, err := Open(path, dir)
	if err != nil {
		// The client sees this: name the upload, not where it waits.
		return nil, errors.New(strings.ReplaceAll(err.Error(), dir+string(os.PathSeparator), ""))
	}
	defer src.Close()
	var last time.Time
	sum, err := j.Importer.Import(ctx, src.Reader, src, Options{Source: job.Source, Actor: job.CreatedBy, DryRun: job.DryRun,
		Prune: job.Prune, Progress: func(p Progress) {
			if time.Since(last) > 2*time.Second {
				last = time.Now()
				j.Store.SaveProgress(context.WithoutCancel(ctx), job.ID, p)
			}
		}})
	if err != nil {
		return &sum, err
	}
	return &sum, nil
}

func (j *Jobs) fetch(ctx context.Context, key, path string) error {
	body, _, err := j.Blobs.Get(ctx, key)
	if err != nil {
		return fmt.Errorf("fetch upload: %w", err)
	}
	defer body.Close()
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("fetch upload: %w", err)
	}
	if _, err := io.Copy(f, body); err != nil {
		f.Close()
		return fmt.Errorf("fetch upload: %w", err)
	}
	return f.Close()
}
