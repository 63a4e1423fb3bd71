package bench

import (
	"testing"

	"github.com/innsyn/innsyn/internal/demojournal"
	"github.com/innsyn/innsyn/internal/journal"
)

// The partitioner must keep each worker's stream loadable on its own: a
// case before its entries, all of a case's entries on one worker, in the
// generator's order, in batches of at most BatchSize.
func TestPartitioner(t *testing.T) {
	for _, workers := range []int{1, 3} {
		p := newPartitioner(workers)
		streams := make([][]journal.Batch, workers)
		var generated []string
		err := demojournal.Generate(journalOptions(4000), func(b journal.Batch, _ []demojournal.File) error {
			for _, e := range b.Journalposts {
				generated = append(generated, e.Journalpost.SystemID)
			}
			b.Enheter = nil
			for _, wb := range p.add(b) {
				streams[wb.worker] = append(streams[wb.worker], wb.batch)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, wb := range p.rest() {
			streams[wb.worker] = append(streams[wb.worker], wb.batch)
		}
		seen := map[string]bool{}
		caseWorker := map[string]int{}
		for w, stream := range streams {
			order := map[string]int{} // entry SystemID → position in this stream
			for _, b := range stream {
				if len(b.Journalposts) > demojournal.BatchSize {
					t.Errorf("%d workers: a batch of %d entries", workers, len(b.Journalposts))
				}
				for _, c := range b.Saksmapper {
					caseWorker[c.Saksmappe.SystemID] = w
				}
				for _, e := range b.Journalposts {
					if cw, ok := caseWorker[e.SaksmappeSystemID]; !ok || cw != w {
						t.Fatalf("%d workers: entry %s on worker %d before its case, or its case on another", workers,
							e.Journalpost.SystemID, w)
					}
					if seen[e.Journalpost.SystemID] {
						t.Fatalf("entry %s twice", e.Journalpost.SystemID)
					}
					seen[e.Journalpost.SystemID] = true
					order[e.Journalpost.SystemID] = len(order)
				}
			}
			last := -1
			for _, id := range generated {
				if i, ok := order[id]; ok {
					if i < last {
						t.Fatalf("%d workers: worker %d loads entries out of the generator's order", workers, w)
					}
					last = i
				}
			}
		}
		if len(seen) != 4000 {
			t.Errorf("%d workers: %d entries loaded, want 4000", workers, len(seen))
		}
	}
}
