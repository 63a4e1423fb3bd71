package api

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/importer"
	"github.com/innsyn/innsyn/internal/journal"
)

// Importer starts import jobs and tells how they went.
type Importer interface {
	Start(ctx context.Context, req importer.JobRequest) (importer.Job, error)
	Job(ctx context.Context, id string) (importer.Job, error)
}

const kindImport = "imp"

// ImportJob is an import started through the API.
type ImportJob struct {
	ID         string          `json:"id" doc:"The job's ID." example:"imp_3c4d5e6f708192a3b4c5d6e7f8091a2b"`
	Status     string          `json:"status" enum:"queued,running,done,failed" doc:"Where the job stands; poll until done or failed." example:"running"`
	Filename   string          `json:"filename" doc:"The uploaded export." example:"uttrekk-2025.zip"`
	Source     string          `json:"source" doc:"The source name prune compares against." example:"uttrekk-2025"`
	DryRun     bool            `json:"dryRun" doc:"Nothing is written; the summary says what would change." example:"false"`
	Prune      bool            `json:"prune" doc:"Entries of the source missing from the export are deleted." example:"false"`
	CreatedAt  time.Time       `json:"createdAt" doc:"When it was uploaded." example:"2025-05-02T21:00:00Z"`
	CreatedBy  string          `json:"createdBy" doc:"Who started it." example:"key:nattlig-import"`
	StartedAt  *time.Time      `json:"startedAt,omitempty" doc:"When it started running." example:"2025-05-02T21:00:01Z"`
	FinishedAt *time.Time      `json:"finishedAt,omitempty" doc:"When it ended." example:"2025-05-02T21:03:12Z"`
	Progress   *ImportProgress `json:"progress,omitempty" doc:"How far it has come."`
	Summary    *ImportSummary  `json:"summary,omitempty" doc:"What it did (or, for a dry run, would do)."`
	Error      string          `json:"error,omitempty" doc:"Why the job failed." example:""`
}

// ImportSummary is what an import did.
type ImportSummary struct {
	DryRun         bool            `json:"dryRun" example:"false" doc:"Nothing was written."`
	Saksmapper     ImportCounts    `json:"saksmapper" doc:"Cases."`
	Journalposts   ImportCounts    `json:"journalposts" doc:"Entries."`
	Files          ImportFiles     `json:"files" doc:"Document files."`
	Pruned         int             `json:"pruned" example:"0" doc:"Entries deleted (or, dry run, that would be) because the export no longer has them."`
	Changed        bool            `json:"changed" example:"true" doc:"Whether anything changed; false when the same export was imported again."`
	Problems       []ImportProblem `json:"problems" doc:"The first 1,000 problems, each with where."`
	ProblemCount   int             `json:"problemCount" example:"3" doc:"All problems."`
	ElapsedSeconds float64         `json:"elapsedSeconds" example:"191.2" doc:"How long it took."`
	Fatal          string          `json:"fatal,omitempty" example:"" doc:"Why the export could not be read to its end."`
}

// ImportCounts are what happened to records of one kind.
type ImportCounts struct {
	Created   int `json:"created" example:"120" doc:"New."`
	Updated   int `json:"updated" example:"4" doc:"Changed since the last import."`
	Unchanged int `json:"unchanged" example:"9876" doc:"The same as last time: not written."`
	Skipped   int `json:"skipped" example:"1" doc:"Left out (a møtemappe, an entry without numbers)."`
	Failed    int `json:"failed" example:"0" doc:"Not imported: broken, or refused by the journal's rules."`
}

// ImportFiles are what happened to document files.
type ImportFiles struct {
	Stored     int `json:"stored" example:"340" doc:"Stored, checksum verified."`
	Reused     int `json:"reused" example:"12" doc:"Already stored with the same content."`
	Missing    int `json:"missing" example:"1" doc:"Not in the package: the metadata was imported without it."`
	Mismatched int `json:"mismatched" example:"0" doc:"Content differs from the declared checksum: left out."`
}

// ImportProblem is one problem, with where.
type ImportProblem struct {
	File    string `json:"file" example:"arkivstruktur.xml" doc:"The file."`
	Line    int    `json:"line,omitempty" example:"1042" doc:"The line."`
	Path    string `json:"path,omitempty" example:"arkiv/arkivdel/mappe[12]/registrering[3]/journalposttype" doc:"The element."`
	Value   string `json:"value,omitempty" example:"Innkommende" doc:"The value as written."`
	Message string `json:"message" example:"unknown journalposttype; the registration is skipped" doc:"What is wrong and what was done."`
}

func newImportSummary(s importer.Summary) *ImportSummary {
	c := func(x importer.Counts) ImportCounts {
		return ImportCounts{Created: x.Created, Updated: x.Updated, Unchanged: x.Unchanged, Skipped: x.Skipped, Failed: x.Failed}
	}
	out := &ImportSummary{DryRun: s.DryRun, Saksmapper: c(s.Saksmapper), Journalposts: c(s.Journalposts),
		Files:  ImportFiles{Stored: s.Files.Stored, Reused: s.Files.Reused, Missing: s.Files.Missing, Mismatched: s.Files.Mismatched},
		Pruned: s.Pruned, Changed: s.Changed(), Problems: make([]ImportProblem, len(s.Problems)), ProblemCount: s.ProblemCount,
		ElapsedSeconds: s.Elapsed.Seconds(), Fatal: s.Fatal}
	for i, p := range s.Problems {
		out.Problems[i] = ImportProblem{File: p.File, Line: p.Line, Path: p.Path, Value: p.Value, Message: p.Message}
	}
	return out
}

// ImportProgress is a running job's progress.
type ImportProgress struct {
	Mapper       int     `json:"mapper" example:"1200" doc:"Mapper read."`
	Journalposts int     `json:"journalposts" example:"5400" doc:"Entries done."`
	ElapsedSec   float64 `json:"elapsedSeconds" example:"12.5" doc:"Seconds since it started."`
}

func newImportJob(j importer.Job) ImportJob {
	out := ImportJob{ID: wireID(kindImport, j.ID), Status: j.Status, Filename: j.Filename, Source: j.Source, DryRun: j.DryRun,
		Prune: j.Prune, CreatedAt: j.CreatedAt, CreatedBy: j.CreatedBy, StartedAt: j.StartedAt, FinishedAt: j.FinishedAt,
		Error: j.Error}
	if j.Summary != nil {
		out.Summary = newImportSummary(*j.Summary)
	}
	if p := j.Progress; p != nil {
		out.Progress = &ImportProgress{Mapper: p.Mapper, Journalposts: p.Journalposts, ElapsedSec: p.Elapsed.Seconds()}
	}
	return out
}

// StartImportInput is an uploaded export.
type StartImportInput struct {
	Filename string `query:"filename" required:"true" maxLength:"255" doc:"The export's file name; its extension says what it is: .zip or .tar(.gz) (a Noark 5 package), .xml (arkivstruktur.xml or offentligJournal.xml), .csv or .json/.ndjson." example:"uttrekk-2025.zip"`
	Source   string `query:"source" maxLength:"200" doc:"The source name prune compares against; default: the file name without extension." example:"uttrekk"`
	DryRun   bool   `query:"dryRun" doc:"Report what would change; write nothing." example:"false"`
	Prune    bool   `query:"prune" doc:"Delete entries of this source that are missing from the export (audited)." example:"false"`
	body     io.Reader
}

// Resolve keeps the request body for the handler to stream.
func (in *StartImportInput) Resolve(ctx huma.Context) []error {
	in.body = ctx.BodyReader()
	return nil
}

// ImportJobOutput is a job.
type ImportJobOutput struct {
	Status int
	Body   ImportJob
}

func registerStaffImport(api huma.API, deps Deps) {
	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-start-import",
		Method:      http.MethodPost,
		Path:        "/v1/admin/import",
		Summary:     "Import an export: a Noark 5 package, arkivstruktur.xml, CSV or eInnsyn JSON",
		Description: "The body is the export itself, streamed to the document store; a job then imports it (a batch of " +
			"mapper per transaction, through the offentleglova engine). Answers 202 with the job: GET it for progress " +
			"and the summary. Importing the same export again changes nothing and says so.",
		DefaultStatus: http.StatusAccepted,
		RequestBody: &huma.RequestBody{Required: true, Description: "The export.", Content: map[string]*huma.MediaType{
			"application/octet-stream": {Schema: &huma.Schema{Type: "string", Format: "binary"}}}},
		Errors: []int{http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity, http.StatusServiceUnavailable},
	}, auth.RoleArkivar), func(ctx context.Context, in *StartImportInput) (*ImportJobOutput, error) {
		job, err := deps.Imports.Start(ctx, importer.JobRequest{Filename: in.Filename, Body: in.body, Source: in.Source,
			DryRun: in.DryRun, Prune: in.Prune, Actor: actor(ctx)})
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &ImportJobOutput{Status: http.StatusAccepted, Body: newImportJob(job)}, nil
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-get-import",
		Method:      http.MethodGet,
		Path:        "/v1/admin/import/{id}",
		Summary:     "An import job: progress, counts and problems",
		Errors:      []int{http.StatusNotFound},
	}, auth.RoleArkivar), func(ctx context.Context, in *struct {
		ID string `path:"id" maxLength:"40" doc:"The job's ID." example:"imp_3c4d5e6f708192a3b4c5d6e7f8091a2b"`
	}) (*ImportJobOutput, error) {
		id, ok := parseID(kindImport, in.ID)
		if !ok {
			return nil, fail(ctx, journal.NotFound("import job"))
		}
		job, err := deps.Imports.Job(ctx, id)
		if err != nil {
			return nil, fail(ctx, err)
		}
		return &ImportJobOutput{Status: http.StatusOK, Body: newImportJob(job)}, nil
	})
}
