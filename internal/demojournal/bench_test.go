package demojournal

import (
	"runtime"
	"testing"

	"github.com/innsyn/innsyn/internal/journal"
)

// BenchmarkGenerate1M generates the benchmark journal: a million entries
// without files. It reports the peak live heap sampled between batches: it
// is bounded by the cases open at one time, not by the journal's size.
func BenchmarkGenerate1M(b *testing.B) {
	opts := DemoOptions()
	opts.Entries, opts.Files = 1_000_000, false
	benchmarkGenerate(b, opts)
}

// BenchmarkGenerateDemo generates the demo journal with its PDFs.
func BenchmarkGenerateDemo(b *testing.B) {
	benchmarkGenerate(b, DemoOptions())
}

func benchmarkGenerate(b *testing.B, opts Options) {
	b.ReportAllocs()
	var peak uint64
	var ms runtime.MemStats
	for b.Loop() {
		n, batches := 0, 0
		err := Generate(opts, func(batch journal.Batch, _ []File) error {
			n += len(batch.Journalposts)
			if batches++; batches%100 == 1 {
				// Collect first, so the figure is what the generator holds.
				runtime.GC()
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
			return nil
		})
		if err != nil || n != opts.Entries {
			b.Fatalf("%d entries, err %v", n, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(opts.Entries), "ns/entry")
	b.ReportMetric(float64(peak)/(1<<20), "peak-live-MB")
}
