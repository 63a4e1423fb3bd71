// Package importer brings an exported journal into the store: it reads the
// export's mapper (package noark5), stores their files with the checksum
// verified, and loads them through the offentleglova engine, a batch of
// mapper per transaction. It is idempotent: each record's fingerprint is
// kept, so that an unchanged record is not written again and importing the
// same export twice changes nothing.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/noark5"
)

// The kinds of records fingerprinted.
const (
	KindSaksmappe   = "saksmappe"
	KindJournalpost = "journalpost"
)

// Run is one import: its ID and the source it imports. Prune removes what
// earlier runs of the same source saw and this one did not.
type Run struct {
	ID     string
	Source string
}

// Mark records that a run saw a record with this content.
type Mark struct {
	Kind        string
	SystemID    string
	Fingerprint []byte
}

// StoredFile is a file in the document store.
type StoredFile struct {
	StorageKey string
	MediaType  string
	Format     string
	Size       int64
	Sjekksum   string
}

// NaturalKey is a record's number: saksaar and sakssekvensnummer of a
// case, journalaar and journalsekvensnummer of an entry.
type NaturalKey struct{ Year, Number int }

// Store is what an import writes to.
type Store interface {
	// ByNaturalKey returns the system IDs of stored records of kind by
	// their natural keys.
	ByNaturalKey(ctx context.Context, kind string, keys []NaturalKey) (map[NaturalKey]string, error)
	// Known returns, for each system ID of kind that exists, its last
	// fingerprint (nil when loaded otherwise).
	Known(ctx context.Context, kind string, systemIDs []string) (map[string][]byte, error)
	// LoadImport loads b and writes marks, in one transaction.
	LoadImport(ctx context.Context, b journal.Batch, run Run, marks []Mark) error
	// Prune deletes the source's entries the run did not see, audited as
	// actor.
	Prune(ctx context.Context, actor string, run Run) (int, error)
	// CountUnseen counts the source's entries not among seen: what a
	// prune would delete after a dry run, which marks nothing.
	CountUnseen(ctx context.Context, source string, seen []string) (int, error)
	// StoredFile finds a stored file by content.
	StoredFile(ctx context.Context, sjekksum string) (StoredFile, bool, error)
}

// Files puts a file into the document store, verifying its checksum.
type Files interface {
	// Store streams r into the document store; want is the declared
	// SHA-256 in hex ("" when none). A different content is ErrChecksum.
	Store(ctx context.Context, r io.Reader, want string) (StoredFile, error)
}

// ErrChecksum is a file whose content does not match its declared checksum.
var ErrChecksum = errors.New("the file does not match its checksum")

// Source is an opened export: its journal and its files.
type Source interface {
	// OpenFile opens a document file by the export's reference.
	OpenFile(ref string) (io.ReadCloser, int64, error)
}

// Options tune an import.
type Options struct {
	Source string // what prune compares against; required
	Actor  string // who imports, for the audit log
	DryRun bool   // report what would change, write nothing
	Prune  bool   // delete the source's entries missing from this export
	// Progress, if set, is called after each batch.
	Progress func(Progress)
	// MaxProblems bounds the problems kept in the summary (others are
	// only counted); 0: 1000.
	MaxProblems int
	// Workers is how many connections write; 0: DefaultWorkers.
	Workers int
}

// Progress is how far an import has come.
type Progress struct {
	Mapper       int
	Journalposts int
	Elapsed      time.Duration
}

// Counts are what happened to records of one kind.
type Counts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Skipped   int `json:"skipped"`
	Failed    int `json:"failed"`
}

// Summary is the outcome of an import.
type Summary struct {
	Run          Run             `json:"-"`
	DryRun       bool            `json:"dryRun"`
	Saksmapper   Counts          `json:"saksmapper"`
	Journalposts Counts          `json:"journalposts"`
	Files        FileCounts      `json:"files"`
	Pruned       int             `json:"pruned"`
	Problems     []ProblemReport `json:"problems"`
	ProblemCount int             `json:"problemCount"`
	Elapsed      time.Duration   `json:"elapsed"`
	// Fatal is set when the export could not be read to its end.
	Fatal string `json:"fatal,omitempty"`
}

// FileCounts are what happened to document files.
type FileCounts struct {
	Stored     int `json:"stored"`
	Reused     int `json:"reused"`
	Missing    int `json:"missing"`
	Mismatched int `json:"mismatched"`
}

// ProblemReport is one problem as reported.
type ProblemReport struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Path    string `json:"path,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
}

// Changed reports whether the import changed (or would change) anything.
func (s Summary) Changed() bool {
	return s.Saksmapper.Created+s.Saksmapper.Updated+s.Journalposts.Created+s.Journalposts.Updated+s.Pruned > 0
}

// batchEntries is how many entries one transaction writes: large enough to
// amortise the transaction, small enough that a failure isolates quickly.
const batchEntries = 500

// Importer runs imports.
type Importer struct {
	store Store
	files Files
}

// New returns an importer.
func New(store Store, files Files) *Importer { return &Importer{store: store, files: files} }

// Import reads every mappe of r and brings it in. A broken mappe, or one
// the store refuses, is reported and the rest go on; an export that cannot
// be read on ends the import with what was done so far (Summary.Fatal).
func (im *Importer) Import(ctx context.Context, r noark5.Reader, src Source, opt Options) (Summary, error) {
	if opt.Source == "" {
		return Summary{}, errors.New("import: a source name is required")
	}
	if opt.MaxProblems <= 0 {
		opt.MaxProblems = 1000
	}
	if opt.Workers <= 0 {
		opt.Workers = DefaultWorkers
	}
	start := time.Now()
	run := Run{ID: uuid.NewString(), Source: opt.Source}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	t := &tally{report: opt.Progress, start: start}
	lanes := make([]*lane, opt.Workers)
	var wg sync.WaitGroup
	for i := range lanes {
		l := &lane{w: &work{im: im, src: src, opt: opt, run: run, start: start, tally: t,
			sum: Summary{Run: run, DryRun: opt.DryRun, Problems: []ProblemReport{}}},
			batches: make(chan []noark5.Mappe, 1), inQueue: map[string]bool{}}
		lanes[i] = l
		wg.Go(func() {
			for batch := range l.batches {
				if ctx.Err() != nil {
					continue // drain after a failure
				}
				if err := l.w.process(ctx, batch); err != nil {
					cancel(err)
				}
			}
		})
	}
	reader := &work{im: im, src: src, opt: opt, run: run, start: start, tally: t,
		sum: Summary{Run: run, DryRun: opt.DryRun, Problems: []ProblemReport{}}}
	readErr := readInto(ctx, r, reader, lanes, t)
	for _, l := range lanes {
		l.send()
		close(l.batches)
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return merge(reader, lanes), err
	}
	if readErr != nil {
		return merge(reader, lanes), readErr
	}
	w := reader
	w.sum = merge(reader, lanes)
	for _, l := range lanes {
		w.seen = append(w.seen, l.w.seen...)
	}
	if opt.Prune && w.sum.Fatal == "" {
		var n int
		var err error
		if opt.DryRun {
			n, err = im.store.CountUnseen(ctx, run.Source, w.seen)
		} else {
			n, err = im.store.Prune(ctx, opt.Actor, run)
		}
		if err != nil {
			return w.sum, err
		}
		w.sum.Pruned = n
	}
	w.sum.Elapsed = time.Since(start)
	return w.sum, nil
}

// DefaultWorkers is how many connections an import writes on: mapper are
// dealt to them by case number, so that one case is always written by the
// same one, in order.
const DefaultWorkers = 2

// lane is one writer of an import: its own work and summary, fed batches
// of mapper whose cases are only ever dealt to it.
type lane struct {
	w       *work
	batches chan []noark5.Mappe
	queue   []noark5.Mappe
	queued  int
	inQueue map[string]bool
}

// send hands the gathered batch to the lane's writer.
func (l *lane) send() {
	if len(l.queue) > 0 {
		l.batches <- l.queue
	}
	l.queue, l.queued, l.inQueue = nil, 0, map[string]bool{}
}

// readInto reads every mappe and deals it to its case's lane; a batch is
// handed over when full, or when its case comes again (a CSV lists it
// twice: one statement cannot upsert the same row twice, and the second
// appearance must be classified against the first).
func readInto(ctx context.Context, r noark5.Reader, reader *work, lanes []*lane, t *tally) error {
	for {
		if err := ctx.Err(); err != nil {
			return context.Cause(ctx)
		}
		m, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var re *noark5.ReadError
			if !errors.As(err, &re) {
				return err
			}
			reader.problem(noark5.Problem{Pos: re.Pos, Message: re.Err.Error()})
			reader.sum.Fatal = re.Error()
			return nil
		}
		t.mapper.Add(1)
		sm := m.Saksmappe.Saksmappe
		l := lanes[uint(sm.Saksaar*100_003+sm.Sakssekvensnummer)%uint(len(lanes))]
		if l.inQueue[sm.SystemID] || l.queued >= batchEntries {
			l.send()
		}
		l.queue = append(l.queue, m)
		l.inQueue[sm.SystemID] = true
		l.queued += len(m.Journalposts) + 1
	}
}

// merge adds up the lanes' summaries into the reader's.
func merge(reader *work, lanes []*lane) Summary {
	s := reader.sum
	add := func(a *Counts, b Counts) {
		a.Created += b.Created
		a.Updated += b.Updated
		a.Unchanged += b.Unchanged
		a.Skipped += b.Skipped
		a.Failed += b.Failed
	}
	for _, l := range lanes {
		o := l.w.sum
		add(&s.Saksmapper, o.Saksmapper)
		add(&s.Journalposts, o.Journalposts)
		s.Files.Stored += o.Files.Stored
		s.Files.Reused += o.Files.Reused
		s.Files.Missing += o.Files.Missing
		s.Files.Mismatched += o.Files.Mismatched
		s.ProblemCount += o.ProblemCount
		for _, p := range o.Problems {
			if len(s.Problems) < reader.opt.MaxProblems {
				s.Problems = append(s.Problems, p)
			}
		}
	}
	return s
}

// tally is the progress of all lanes together.
type tally struct {
	mu      sync.Mutex
	report  func(Progress)
	start   time.Time
	mapper  atomic.Int64
	entries atomic.Int64
}

// add counts entries done and reports.
func (t *tally) add(entries int) {
	n := t.entries.Add(int64(entries))
	if t.report == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.report(Progress{Mapper: int(t.mapper.Load()), Journalposts: int(n), Elapsed: time.Since(t.start)})
}

// work is one import in progress.
type work struct {
	im    *Importer
	src   Source
	opt   Options
	run   Run
	sum   Summary
	start time.Time
	// seen are the entries read, kept only for a dry run's prune count
	// (a real run marks them in the store instead).
	seen []string
	// tally is the progress shared with the other lanes; reported is how
	// much of it this lane has added.
	tally    *tally
	reported int
}

// prepared is a mappe ready to load: its changed records and the marks
// of everything it holds.
type prepared struct {
	pos     noark5.Pos // where the mappe starts, for reports
	batch   journal.Batch
	marks   []Mark
	counted func(s *Summary, failed bool) // counts the mappe once its fate is known
}

func (w *work) problem(p noark5.Problem) {
	w.sum.ProblemCount++
	if len(w.sum.Problems) < w.opt.MaxProblems {
		w.sum.Problems = append(w.sum.Problems, ProblemReport{File: p.File, Line: p.Line, Path: p.Path, Value: p.Value, Message: p.Message})
	}
}

// fingerprint is a SHA-256 of a record's content as read.
func fingerprint(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("fingerprint %T: %v", v, err)) // plain structs of the journal always marshal
	}
	h := sha256.Sum256(b)
	return h[:]
}

// change classifies a record against what the store knows.
type change int

const (
	created change = iota
	updated
	unchanged
)

func classify(known map[string][]byte, id string, fp []byte) change {
	old, ok := known[id]
	switch {
	case !ok:
		return created
	case string(old) == string(fp):
		return unchanged
	}
	return updated
}

// process classifies and loads a batch of mapper.
func (w *work) process(ctx context.Context, mapper []noark5.Mappe) error {
	if len(mapper) == 0 {
		return nil
	}
	if err := w.adoptStoredIDs(ctx, mapper); err != nil {
		return err
	}
	var caseIDs, entryIDs []string
	for _, m := range mapper {
		caseIDs = append(caseIDs, m.Saksmappe.Saksmappe.SystemID)
		for _, j := range m.Journalposts {
			entryIDs = append(entryIDs, j.Journalpost.SystemID)
		}
	}
	knownCases, err := w.im.store.Known(ctx, KindSaksmappe, caseIDs)
	if err != nil {
		return err
	}
	knownEntries, err := w.im.store.Known(ctx, KindJournalpost, entryIDs)
	if err != nil {
		return err
	}
	var pending []prepared
	for _, m := range mapper {
		p, err := w.prepare(ctx, m, knownCases, knownEntries)
		if err != nil {
			return err
		}
		if p != nil {
			pending = append(pending, *p)
		}
	}
	return w.flush(ctx, pending)
}

// adoptStoredIDs gives records that the store holds under another system
// ID (the same case number from an export that derives its keys, or a
// re-keyed archive) the stored ID, so that they update the stored record
// instead of colliding with its number.
func (w *work) adoptStoredIDs(ctx context.Context, mapper []noark5.Mappe) error {
	var caseKeys, entryKeys []NaturalKey
	for _, m := range mapper {
		caseKeys = append(caseKeys, NaturalKey{m.Saksmappe.Saksmappe.Saksaar, m.Saksmappe.Saksmappe.Sakssekvensnummer})
		for _, j := range m.Journalposts {
			entryKeys = append(entryKeys, NaturalKey{j.Journalpost.Journalaar, j.Journalpost.Journalsekvensnummer})
		}
	}
	cases, err := w.im.store.ByNaturalKey(ctx, KindSaksmappe, caseKeys)
	if err != nil {
		return err
	}
	entries, err := w.im.store.ByNaturalKey(ctx, KindJournalpost, entryKeys)
	if err != nil {
		return err
	}
	for i := range mapper {
		m := &mapper[i]
		sm := &m.Saksmappe.Saksmappe
		if id, ok := cases[NaturalKey{sm.Saksaar, sm.Sakssekvensnummer}]; ok && id != sm.SystemID {
			sm.SystemID = id
			for k := range m.Journalposts {
				m.Journalposts[k].SaksmappeSystemID = id
			}
		}
		for k := range m.Journalposts {
			jp := &m.Journalposts[k].Journalpost
			if id, ok := entries[NaturalKey{jp.Journalaar, jp.Journalsekvensnummer}]; ok && id != jp.SystemID {
				for f := range m.Files {
					if m.Files[f].JournalpostSystemID == jp.SystemID {
						m.Files[f].JournalpostSystemID = id
					}
				}
				jp.SystemID = id
			}
		}
	}
	return nil
}

// prepare classifies a mappe's records against what the store knows,
// stores the files of changed entries and returns what to load; nil when
// nothing is (a broken mappe).
func (w *work) prepare(ctx context.Context, m noark5.Mappe, knownCase, known map[string][]byte) (*prepared, error) {
	for _, p := range m.Problems {
		w.problem(p)
	}
	if m.Broken {
		w.sum.Saksmapper.Failed++
		w.sum.Journalposts.Failed += len(m.Journalposts)
		return nil, nil
	}
	for _, p := range m.Problems {
		if p.Skipped {
			switch skippedKind(p.Path) {
			case KindJournalpost:
				w.sum.Journalposts.Skipped++
			case KindSaksmappe:
				w.sum.Saksmapper.Skipped++
			}
		}
	}
	caseFP := fingerprint(m.Saksmappe)
	p := &prepared{pos: m.Pos, batch: journal.Batch{Enheter: m.Enheter}}
	caseChange := classify(knownCase, m.Saksmappe.Saksmappe.SystemID, caseFP)
	// The case is always in the batch: its entries refer to it by key.
	p.batch.Saksmapper = []journal.SaksmappeInput{m.Saksmappe}
	p.marks = append(p.marks, Mark{Kind: KindSaksmappe, SystemID: m.Saksmappe.Saksmappe.SystemID, Fingerprint: caseFP})
	var entryChanges []change
	files := filesByEntry(m.Files)
	for _, j := range m.Journalposts {
		fp := fingerprint(j)
		c := classify(known, j.Journalpost.SystemID, fp)
		p.marks = append(p.marks, Mark{Kind: KindJournalpost, SystemID: j.Journalpost.SystemID, Fingerprint: fp})
		if w.opt.DryRun && w.opt.Prune {
			w.seen = append(w.seen, j.Journalpost.SystemID)
		}
		entryChanges = append(entryChanges, c)
		if c == unchanged {
			continue
		}
		j, err := w.withFiles(ctx, j, files[j.Journalpost.SystemID])
		if err != nil {
			return nil, err
		}
		p.batch.Journalposts = append(p.batch.Journalposts, j)
	}
	if caseChange == unchanged && len(p.batch.Journalposts) == 0 {
		p.batch = journal.Batch{} // only the marks: this run saw them
	}
	p.counted = func(s *Summary, failed bool) {
		if failed {
			s.Saksmapper.Failed++
			s.Journalposts.Failed += len(entryChanges)
			return
		}
		count(&s.Saksmapper, caseChange)
		for _, c := range entryChanges {
			count(&s.Journalposts, c)
		}
	}
	return p, nil
}

// skippedKind tells what a skipped element was by its path: an XML
// registrering or a CSV/JSON row (no path) is an entry, an XML mappe a
// case; anything else (a case party, a document) is neither.
func skippedKind(path string) string {
	last := path[strings.LastIndexByte(path, '/')+1:]
	switch {
	case path == "" || strings.HasPrefix(last, "registrering"):
		return KindJournalpost
	case strings.HasPrefix(last, "mappe"):
		return KindSaksmappe
	}
	return ""
}

func count(c *Counts, ch change) {
	switch ch {
	case created:
		c.Created++
	case updated:
		c.Updated++
	default:
		c.Unchanged++
	}
}

func filesByEntry(files []noark5.File) map[string][]noark5.File {
	out := map[string][]noark5.File{}
	for _, f := range files {
		out[f.JournalpostSystemID] = append(out[f.JournalpostSystemID], f)
	}
	return out
}

// flush loads the pending mapper in one transaction; if the store refuses
// it, each mappe is tried on its own, so that one bad mappe fails alone.
func (w *work) flush(ctx context.Context, pending []prepared) error {
	if len(pending) == 0 {
		return nil
	}
	defer w.report()
	if w.opt.DryRun {
		for _, p := range pending {
			p.counted(&w.sum, false)
		}
		return nil
	}
	// A very large mappe goes in parts: one transaction may hold at most
	// journal.MaxBatchRecords records.
	var small []prepared
	for _, p := range pending {
		if len(p.batch.Journalposts) > maxEntriesPerLoad {
			w.flushLarge(ctx, p)
			continue
		}
		small = append(small, p)
	}
	pending = small
	var b journal.Batch
	var marks []Mark
	for _, p := range pending {
		b.Enheter = append(b.Enheter, p.batch.Enheter...)
		b.Saksmapper = append(b.Saksmapper, p.batch.Saksmapper...)
		b.Journalposts = append(b.Journalposts, p.batch.Journalposts...)
		marks = append(marks, p.marks...)
	}
	b.Enheter = uniqueEnheter(b.Enheter)
	err := w.im.store.LoadImport(ctx, b, w.run, marks)
	if err == nil {
		for _, p := range pending {
			p.counted(&w.sum, false)
		}
		return nil
	}
	if ctx.Err() != nil {
		return err
	}
	for _, p := range pending {
		p.batch.Enheter = uniqueEnheter(p.batch.Enheter)
		if err := w.im.store.LoadImport(ctx, p.batch, w.run, p.marks); err != nil {
			if ctx.Err() != nil {
				return err
			}
			w.problem(noark5.Problem{Pos: p.pos, Value: p.batch.Saksmapper[0].Saksmappe.SystemID,
				Message: "the mappe is not imported: " + safeMessage(err)})
			p.counted(&w.sum, true)
			continue
		}
		p.counted(&w.sum, false)
	}
	return nil
}

// maxEntriesPerLoad keeps a load within journal.MaxBatchRecords with room
// for the case and its units.
const maxEntriesPerLoad = 2000

// flushLarge loads a mappe with more entries than one load holds, in parts,
// each with the case. A failing part fails the mappe's remaining entries.
func (w *work) flushLarge(ctx context.Context, p prepared) {
	w.problem(noark5.Problem{Pos: p.pos, Value: p.batch.Saksmapper[0].Saksmappe.SystemID,
		Message: fmt.Sprintf("a mappe of %d entries is written in parts of %d", len(p.batch.Journalposts), maxEntriesPerLoad)})
	entries := p.batch.Journalposts
	for start := 0; start < len(entries); start += maxEntriesPerLoad {
		end := min(start+maxEntriesPerLoad, len(entries))
		part := journal.Batch{Enheter: uniqueEnheter(p.batch.Enheter), Saksmapper: p.batch.Saksmapper, Journalposts: entries[start:end]}
		var marks []Mark
		if end == len(entries) {
			marks = p.marks // the marks last: a failed part leaves the mappe to be imported again
		}
		if err := w.im.store.LoadImport(ctx, part, w.run, marks); err != nil {
			w.problem(noark5.Problem{Pos: p.pos, Value: p.batch.Saksmapper[0].Saksmappe.SystemID,
				Message: "the mappe is not imported from its entry " + fmt.Sprint(start+1) + " on: " + safeMessage(err)})
			p.counted(&w.sum, true)
			return
		}
	}
	p.counted(&w.sum, false)
}

// safeMessage is what a store error may say in a report: a journal error's
// message, or a generic one.
func safeMessage(err error) string {
	var e *journal.Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return err.Error()
}

func uniqueEnheter(in []journal.EnhetInput) []journal.EnhetInput {
	seen := map[string]bool{}
	var out []journal.EnhetInput
	for _, e := range in {
		if !seen[e.Kode] {
			seen[e.Kode] = true
			out = append(out, e)
		}
	}
	return out
}

func (w *work) report() {
	done := w.sum.Journalposts.Created + w.sum.Journalposts.Updated + w.sum.Journalposts.Unchanged + w.sum.Journalposts.Failed
	w.tally.add(done - w.reported)
	w.reported = done
}
