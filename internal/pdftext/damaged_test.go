package pdftext_test

import (
	"bytes"
	"context"
	"math/rand"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/innsyn/innsyn/internal/pdftext"
	"github.com/innsyn/innsyn/internal/pdftext/samplepdf"
)

// Damaged copies of the hand-made PDFs (bytes changed, cut out, repeated)
// never make Extract fail or give an answer outside the contract.
func TestExtractDamagedCopies(t *testing.T) {
	seeds := [][]byte{handMade()}
	for _, d := range samplepdf.Samples() {
		seeds = append(seeds, d)
	}
	rng := rand.New(rand.NewSource(1))
	statuses := map[pdftext.Status]int{}
	for range 60 {
		d := mutate(rng, seeds[rng.Intn(len(seeds))])
		res, err := pdftext.Extract(context.Background(), bytes.NewReader(d), pdftext.Options{Timeout: 5 * time.Second})
		if err != nil {
			t.Fatalf("Extract: %v", err)
		}
		statuses[res.Status]++
		switch res.Status {
		case pdftext.StatusOK:
			if !utf8.ValidString(res.Text) || res.Text == "" {
				t.Errorf("ok with text %q", res.Text)
			}
		case pdftext.StatusNoText, pdftext.StatusEncrypted, pdftext.StatusFailed:
			if res.Text != "" {
				t.Errorf("%s with text", res.Status)
			}
		default:
			t.Errorf("status %q", res.Status)
		}
	}
	t.Logf("statuses: %v", statuses)
}

// mutate returns a copy of d with up to 8 random changes.
func mutate(rng *rand.Rand, d []byte) []byte {
	d = append([]byte(nil), d...)
	for range 1 + rng.Intn(8) {
		p, n := rng.Intn(len(d)), rng.Intn(50)
		switch rng.Intn(4) {
		case 0:
			d[p] = byte(rng.Intn(256))
		case 1:
			d[p] = "0123456789()<>[]/ \n"[rng.Intn(19)]
		case 2:
			if p+n < len(d) {
				d = append(d[:p], d[p+n:]...)
			}
		case 3:
			if p+n < len(d) {
				d = append(d[:p], append(append([]byte(nil), d[p:p+n]...), d[p:]...)...)
			}
		}
	}
	return d
}
