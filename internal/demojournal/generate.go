// Package demojournal generates the postjournal of Nordrana kommune, a
// fictional municipality modelled on Rana kommune (Mo i Rana, Nordland),
// for the demo and for benchmarks.
//
// The journal is deterministic (the same Options give byte-identical
// output) and streamed: cases are planned one at a time in order of their
// start date, their entries wait in a queue ordered by journaldato, and
// entries leave the queue in batches. Memory is bounded by the cases that
// are open at one time, not by the size of the journal.
package demojournal

import (
	"errors"
	"slices"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
)

// Options say what journal to generate.
type Options struct {
	// Seed selects the journal; the same Seed and Options give
	// byte-identical output.
	Seed uint64
	// Entries is the number of journalposts.
	Entries int
	// Start is the first journaldato; entries spread over Years from there.
	Start time.Time
	// Years is the length of the period covered.
	Years int
	// Files makes a small PDF for each document; without it, documents
	// have no dokumentobjekt.
	Files bool
}

// DemoOptions are the demo's defaults: 3,200 entries over 2023 and 2024,
// with files.
func DemoOptions() Options {
	return Options{
		Seed:    2026,
		Entries: 3200,
		Start:   time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC),
		Years:   2,
		Files:   true,
	}
}

// File is the content of one dokumentobjekt, to be stored under Key before
// the batch that refers to it is loaded.
type File struct {
	Key       string
	Content   []byte
	MediaType string
}

// BatchSize is the most journalposts Generate puts in one batch.
const BatchSize = 500

// maxEntriesPerCase caps the longest case templates.
const maxEntriesPerCase = 12

// Generate calls fn with batches of at most BatchSize journalposts, in
// journaldato order, together with the files of their documents. The
// units come in the first batch; a case comes in the batch of its first
// entry, and later entries refer to it by SystemID. Generate stops at the
// first error from fn and returns it.
func Generate(opts Options, fn func(journal.Batch, []File) error) error {
	if opts.Entries < 0 {
		return errors.New("demojournal: Entries must not be negative")
	}
	if opts.Years < 1 {
		return errors.New("demojournal: Years must be at least 1")
	}
	if opts.Start.IsZero() {
		return errors.New("demojournal: Start is required")
	}
	return newGenerator(opts).run(fn)
}

// run emits entries in journaldato order, planning a new case whenever the
// next case would start no later than the earliest waiting entry.
func (g *generator) run(fn func(journal.Batch, []File) error) error {
	g.batch.Enheter = slices.Clone(units)
	for g.emitted < g.opts.Entries {
		if g.planned < g.opts.Entries && (g.queue.len() == 0 || g.nextStart() <= g.queue.min().day) {
			g.planCase()
			continue
		}
		g.emit(g.queue.pop())
		if len(g.batch.Journalposts) == BatchSize {
			if err := g.flush(fn); err != nil {
				return err
			}
		}
	}
	if len(g.batch.Journalposts) > 0 || len(g.batch.Enheter) > 0 {
		return g.flush(fn)
	}
	return nil
}

func (g *generator) flush(fn func(journal.Batch, []File) error) error {
	b, files := g.batch, g.files
	g.batch, g.files = journal.Batch{}, nil
	return fn(b, files)
}

// caseKind is a case template with its relative frequency.
type caseKind struct {
	weight int
	plan   func(*planner) casePlan
}

// caseKinds sets the mix of the journal. Building cases dominate a
// municipal journal; personal cases (kindergarten, health, social) are
// frequent but kept so that screened entries stay around a quarter.
var caseKinds = []caseKind{
	{18, (*planner).byggesak},
	{2, (*planner).tomt},
	{3, (*planner).klage},
	{2, (*planner).horing},
	{4, (*planner).barnehage},
	{2, (*planner).elevsak},
	{2, (*planner).skolesak},
	{3, (*planner).kulturmidler},
	{1, (*planner).kulturpris},
	{4, (*planner).helse},
	{2, (*planner).sosial},
	{3, (*planner).skjenke},
	{2, (*planner).anskaffelse},
	{2, (*planner).tilsetting},
	{1, (*planner).personalsak},
	{1, (*planner).varsling},
	{5, (*planner).okonomi},
	{5, (*planner).politisk},
	{4, (*planner).kommunikasjon},
	{2, (*planner).intern},
	{8, (*planner).teknisk},
}

var totalWeight = func() int {
	n := 0
	for _, k := range caseKinds {
		n += k.weight
	}
	return n
}()

func (g *generator) pickKind() func(*planner) casePlan {
	x := g.r.IntN(totalWeight)
	for _, k := range caseKinds {
		if x < k.weight {
			return k.plan
		}
		x -= k.weight
	}
	panic("unreachable")
}
