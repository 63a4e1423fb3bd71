package auth

import (
	"strings"
	"testing"
)

func TestRoleAllows(t *testing.T) {
	tests := []struct {
		have, need Role
		want       bool
	}{
		{RoleArkivar, RoleArkivar, true},
		{RoleAdmin, RoleArkivar, true},
		{RoleAdmin, RoleAdmin, true},
		{RoleArkivar, RoleAdmin, false},
		{RoleReader, RoleArkivar, false},
		{RoleReader, RoleReader, true},
	}
	for _, tt := range tests {
		if got := tt.have.Allows(tt.need); got != tt.want {
			t.Errorf("%s.Allows(%s) = %v", tt.have, tt.need, got)
		}
	}
}

func TestNewSecret(t *testing.T) {
	a, b := NewSecret(), NewSecret()
	if a == b {
		t.Fatal("two secrets are equal")
	}
	if !strings.HasPrefix(a, "innsyn_") || len(a) != len("innsyn_")+43 {
		t.Errorf("secret %q has the wrong form", a)
	}
	if string(Hash(a)) == string(Hash(b)) || len(Hash(a)) != 32 {
		t.Error("hashes are not distinct SHA-256 values")
	}
	if p := DisplayPrefix(a); p != a[:11] {
		t.Errorf("prefix %q", p)
	}
}

func TestParseRole(t *testing.T) {
	if _, err := ParseRole("superuser"); err == nil {
		t.Error("unknown role accepted")
	}
	if r, err := ParseRole("arkivar"); err != nil || r != RoleArkivar {
		t.Errorf("arkivar: %v %v", r, err)
	}
}
