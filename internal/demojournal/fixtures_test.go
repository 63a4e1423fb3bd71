package demojournal

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/innsyn/innsyn/internal/journal"
)

var updateFixtures = flag.Bool("update", false, "rewrite the committed samples in fixtures/")

const (
	sampleJournalPath = "../../fixtures/demo-journal-sample.json"
	sampleLetterPath  = "../../fixtures/demo-letter.pdf"
	sampleEntries     = 12
)

// fixtures/ holds a readable sample of the demo journal and one of its
// letters, so that people can see the data without running anything. They
// are golden files: they must be exactly what the generator makes.
func TestFixtureSamplesAreCurrent(t *testing.T) {
	g := demo(t)
	first := g.batches[0]
	sample := journal.Batch{Enheter: first.Enheter, Journalposts: first.Journalposts[:sampleEntries]}
	used := map[string]bool{}
	for _, j := range sample.Journalposts {
		used[j.SaksmappeSystemID] = true
	}
	for _, c := range first.Saksmapper {
		if used[c.Saksmappe.SystemID] {
			sample.Saksmapper = append(sample.Saksmapper, c)
		}
	}
	journalJSON, err := json.MarshalIndent(sample, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	letter := g.files[0][0].Content
	for path, want := range map[string][]byte{sampleJournalPath: append(journalJSON, '\n'), sampleLetterPath: letter} {
		if *updateFixtures {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the generator makes: go test ./internal/demojournal -run TestFixtureSamplesAreCurrent -update", path)
		}
	}
}
