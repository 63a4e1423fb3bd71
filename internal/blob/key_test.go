package blob

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateKey(t *testing.T) {
	maxKey := strings.Repeat(strings.Repeat("a", 127)+"/", 3) + strings.Repeat("b", 128)
	if len(maxKey) != MaxKeyLen {
		t.Fatalf("maxKey is %d bytes", len(maxKey))
	}
	valid := []string{
		"a", "dok/2024/0001.pdf", "a-b_c.d/e", ".hidden", "a.", "x/.y",
		strings.Repeat("a", MaxSegmentLen), maxKey,
	}
	for _, key := range valid {
		if err := ValidateKey(key); err != nil {
			t.Errorf("ValidateKey(%q): %v", key, err)
		}
	}
	invalid := []string{
		"", "/a", "a/", "a//b", ".", "./a", "a/./b", "..", "../a", "a/..", "a..b",
		"A", "Søknad.pdf", "æ", "a b", "a\tb", `a\b`, "a?b", "a#b", "a%20b", "a~b", "a+b",
		strings.Repeat("a", MaxSegmentLen+1), maxKey + "b",
	}
	for _, key := range invalid {
		err := ValidateKey(key)
		if !errors.Is(err, ErrInvalidKey) {
			t.Errorf("ValidateKey(%q) = %v, want ErrInvalidKey", key, err)
		}
	}
}

func TestValidatePrefix(t *testing.T) {
	for _, p := range []string{"", "a", "a/", "dok/20"} {
		if err := validatePrefix(p); err != nil {
			t.Errorf("validatePrefix(%q): %v", p, err)
		}
	}
	for _, p := range []string{"Ø", "a b", strings.Repeat("a", MaxKeyLen+1)} {
		if err := validatePrefix(p); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("validatePrefix(%q) = %v, want ErrInvalidKey", p, err)
		}
	}
}
