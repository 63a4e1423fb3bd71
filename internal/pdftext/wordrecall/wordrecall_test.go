package wordrecall

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	got := Words("Søknad om dispensasjon\u00ADsak 2024/117-3: «Å» a\u030Ar")
	want := []string{"søknad", "om", "dispensasjon", "sak", "2024", "117", "3", "å", "år"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestMatchCountsMultisets(t *testing.T) {
	found, total := Match([]string{"a", "b", "b"}, []string{"b", "b", "b", "c"})
	if found != 2 || total != 4 {
		t.Errorf("Match = %d of %d, want 2 of 4", found, total)
	}
	if m := Missing([]string{"a", "b", "b"}, []string{"b", "b", "b", "c"}); !slices.Equal(m, []string{"b", "c"}) {
		t.Errorf("Missing = %q", m)
	}
}
