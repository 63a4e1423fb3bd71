package bench

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/demojournal"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
)

// journalOptions are the generator's options for n entries: the benchmark
// seed, and about 100,000 entries a year (a large municipality) ending with
// 2025, so that every entry is in the past and the years stay fixed.
func journalOptions(n int) demojournal.Options {
	years := min(max(n/100_000, 1), 10)
	return demojournal.Options{
		Seed:    2026,
		Entries: n,
		Start:   time.Date(2026-years, 1, 1, 0, 0, 0, 0, time.UTC),
		Years:   years,
		Files:   false,
	}
}

// loadTimes are what generating and loading the journal took.
type loadTimes struct {
	// Generate is the time the generator spent making batches (it runs
	// alongside the loading, so it is part of Load, not added to it).
	Generate time.Duration
	// Load is the wall time from the first batch to the last commit.
	Load    time.Duration
	Workers int
	Batches int
}

// loadJournal generates the journal and loads it with the store's Load, as
// an archive import would. workers > 1 loads on that many connections at
// once, with every case (and each of its entries) always on the same
// connection, in the generator's order: two loads never touch the same
// case, so they cannot deadlock or refresh a case's projection from
// different snapshots, and the result equals a serial load.
func loadJournal(ctx context.Context, db *sqlx.DB, n, workers int, log zerolog.Logger) (loadTimes, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	l := &loader{store: postgres.NewStore(db, func() time.Time { return time.Now().UTC() }, offl.DefaultPolicy()),
		n: n, log: log, start: time.Now(), cancel: cancel}
	l.startWorkers(ctx, workers)
	times, err := l.generate(ctx, workers)
	l.stopWorkers()
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		err = cause // a load failed: that is why generating stopped
	}
	if err != nil {
		return times, fmt.Errorf("load the journal: %w", err)
	}
	times.Load = time.Since(l.start)
	return times, nil
}

// loader feeds generated batches to workers that load them.
type loader struct {
	store  *postgres.Store
	n      int
	log    zerolog.Logger
	start  time.Time
	cancel context.CancelCauseFunc
	queues []chan journal.Batch
	wg     sync.WaitGroup

	mu     sync.Mutex
	loaded int
}

// startWorkers starts one loading goroutine per queue. The first failed
// load cancels ctx; the workers then drain their queues without loading.
func (l *loader) startWorkers(ctx context.Context, workers int) {
	l.queues = make([]chan journal.Batch, workers)
	for i := range l.queues {
		l.queues[i] = make(chan journal.Batch, 2)
		l.wg.Go(func() {
			for b := range l.queues[i] {
				if ctx.Err() != nil {
					continue
				}
				if _, err := l.store.Load(ctx, b); err != nil {
					l.cancel(err)
					continue
				}
				l.progress(len(b.Journalposts))
			}
		})
	}
}

func (l *loader) stopWorkers() {
	for _, q := range l.queues {
		close(q)
	}
	l.wg.Wait()
}

// progress logs every tenth of the journal.
func (l *loader) progress(entries int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	before := l.loaded
	l.loaded += entries
	if n := max(l.n, 1); l.loaded*10/n != before*10/n {
		l.log.Info().Int("entries", l.loaded).Str("elapsed", time.Since(l.start).Round(time.Second).String()).Msg("loading")
	}
}

// generate runs the generator and hands its batches, split by case, to
// the workers. The units are loaded first, alone: every batch refers to
// them.
func (l *loader) generate(ctx context.Context, workers int) (loadTimes, error) {
	times := loadTimes{Workers: workers}
	p := newPartitioner(workers)
	since := time.Now()
	err := demojournal.Generate(journalOptions(l.n), func(b journal.Batch, _ []demojournal.File) error {
		times.Generate += time.Since(since)
		defer func() { since = time.Now() }()
		if len(b.Enheter) > 0 {
			if _, err := l.store.Load(ctx, journal.Batch{Enheter: b.Enheter}); err != nil {
				return err
			}
			b.Enheter = nil
		}
		return l.send(ctx, p.add(b), &times)
	})
	if err != nil {
		return times, err
	}
	return times, l.send(ctx, p.rest(), &times)
}

func (l *loader) send(ctx context.Context, batches []workBatch, times *loadTimes) error {
	for _, wb := range batches {
		if err := send(ctx, l.queues[wb.worker], wb.batch); err != nil {
			return err
		}
		times.Batches++
	}
	return nil
}

func send(ctx context.Context, q chan<- journal.Batch, b journal.Batch) error {
	select {
	case q <- b:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// partitioner splits the generator's batches by case over workers and
// collects each worker's share until it is a full batch.
type partitioner struct {
	pending []journal.Batch
}

func newPartitioner(workers int) *partitioner {
	return &partitioner{pending: make([]journal.Batch, workers)}
}

// worker is the worker of a case, by its SystemID.
func (p *partitioner) worker(caseSystemID string) int {
	if len(p.pending) == 1 {
		return 0
	}
	h := fnv.New32a()
	h.Write([]byte(caseSystemID))
	return int(h.Sum32() % uint32(len(p.pending)))
}

// add files the batch's entries by the worker of their case, a case with
// its first entry, and returns the batches that are now full.
func (p *partitioner) add(b journal.Batch) []workBatch {
	fresh := make(map[string]journal.SaksmappeInput, len(b.Saksmapper))
	for _, c := range b.Saksmapper {
		fresh[c.Saksmappe.SystemID] = c
	}
	var full []workBatch
	for _, e := range b.Journalposts {
		w := p.worker(e.SaksmappeSystemID)
		pb := &p.pending[w]
		if c, ok := fresh[e.SaksmappeSystemID]; ok {
			pb.Saksmapper = append(pb.Saksmapper, c)
			delete(fresh, e.SaksmappeSystemID)
		}
		pb.Journalposts = append(pb.Journalposts, e)
		if len(pb.Journalposts) == demojournal.BatchSize {
			full = append(full, workBatch{w, *pb})
			*pb = journal.Batch{}
		}
	}
	for _, c := range b.Saksmapper { // cases without an entry in the batch, in order
		if _, ok := fresh[c.Saksmappe.SystemID]; ok {
			w := p.worker(c.Saksmappe.SystemID)
			p.pending[w].Saksmapper = append(p.pending[w].Saksmapper, c)
		}
	}
	return full
}

// workBatch is a batch for one worker.
type workBatch struct {
	worker int
	batch  journal.Batch
}

// rest returns what is left.
func (p *partitioner) rest() []workBatch {
	var out []workBatch
	for w, pb := range p.pending {
		if len(pb.Journalposts) > 0 || len(pb.Saksmapper) > 0 {
			out = append(out, workBatch{w, pb})
		}
	}
	p.pending = make([]journal.Batch, len(p.pending))
	return out
}
