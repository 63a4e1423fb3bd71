// Package auth holds staff identities: roles, API key secrets and the
// principal a request acts as. Secrets are random, shown once and stored
// only as a SHA-256 hash: a 256-bit random secret needs no slow hash, and
// lookup by hash keeps the comparison out of the caller's timing.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"
)

// Role is what a key may do.
type Role string

// The roles. Admin may do everything an arkivar may; a reader key is for
// third-party apps (it identifies them, for higher rate limits) and opens
// no staff endpoint.
const (
	RoleReader  Role = "reader"
	RoleArkivar Role = "arkivar"
	RoleAdmin   Role = "admin"
)

// ParseRole reads a role name.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleReader, RoleArkivar, RoleAdmin:
		return r, nil
	}
	return "", fmt.Errorf("unknown role %q (use reader, arkivar or admin)", s)
}

// Allows reports whether a key with role r may do what needs role need.
func (r Role) Allows(need Role) bool { return r == need || r == RoleAdmin }

// secretPrefix marks innsyn keys so that secret scanners and people can
// recognise them.
const secretPrefix = "innsyn_"

// MinBootstrapSecretLength is the shortest secret accepted from
// INNSYN_BOOTSTRAP_ADMIN_KEY.
const MinBootstrapSecretLength = 32

// NewSecret returns a fresh random secret.
func NewSecret() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics rather than return short)
	return secretPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// Hash is what is stored of a secret.
func Hash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// DisplayPrefix is the part of a secret shown in key listings, enough to
// tell keys apart and nothing that helps to guess one.
func DisplayPrefix(secret string) string {
	if len(secret) > len(secretPrefix)+4 {
		return secret[:len(secretPrefix)+4]
	}
	return ""
}

// Key describes an API key; the secret itself is never kept.
type Key struct {
	ID         string
	Name       string
	Role       Role
	Prefix     string
	CreatedAt  time.Time
	ExpiresAt  time.Time // zero: never
	RevokedAt  time.Time // zero: not revoked
	LastUsedAt time.Time
}

// Principal is who a request acts as.
type Principal struct {
	KeyID string
	Name  string
	Role  Role
}

// Actor names the principal in the audit log.
func (p Principal) Actor() string { return fmt.Sprintf("key:%s (%s)", p.KeyID, p.Name) }

// KeyStore keeps API keys.
type KeyStore interface {
	// CreateKey makes a key and returns it with its secret, shown only now.
	CreateKey(ctx context.Context, actor, name string, role Role, expiresAt time.Time) (Key, string, error)
	// Authenticate finds the live key with this secret; an unknown, revoked
	// or expired key is journal.ErrUnauthorized.
	Authenticate(ctx context.Context, secret string) (Principal, error)
	RevokeKey(ctx context.Context, actor, id string) error
	ListKeys(ctx context.Context) ([]Key, error)
	// EnsureKey makes sure a live key with exactly this secret exists.
	EnsureKey(ctx context.Context, actor, name string, role Role, secret string) (Key, error)
}

type principalKey struct{}

// WithPrincipal returns ctx carrying the principal.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal in ctx, if any.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}
