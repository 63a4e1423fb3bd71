package demojournal

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"time"
)

// PRNG streams. The journal and the files draw from separate streams so
// that switching Files on or off leaves every record byte-identical.
const (
	streamJournal uint64 = 0x6a6f75726e616c // "journal"
	streamFiles   uint64 = 0x66696c6573     // "files"
)

func newRand(seed, stream uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, stream)) }

// pick returns a random element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// between returns a random int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// chance is true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// newUUID formats 128 random bits as a version 4 UUID, the shape archive
// systems use for systemID.
func newUUID(r *rand.Rand) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], r.Uint64())
	binary.BigEndian.PutUint64(b[8:], r.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

// newStorageKey is an unguessable-looking, deterministic object key.
func newStorageKey(r *rand.Rand) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], r.Uint64())
	binary.BigEndian.PutUint64(b[8:], r.Uint64())
	return "documents/" + hex.EncodeToString(b[:])
}

// orgnr draws a valid organisasjonsnummer: 8 digits starting with 8 or 9
// and the brreg check digit; prefixes whose check would be 10 have no valid
// number and are drawn again.
func orgnr(r *rand.Rand) string {
	weights := [8]int{3, 2, 7, 6, 5, 4, 3, 2}
	for {
		var d [9]byte
		d[0] = byte(8 + r.IntN(2))
		for i := 1; i < 8; i++ {
			d[i] = byte(r.IntN(10))
		}
		sum := 0
		for i, w := range weights {
			sum += w * int(d[i])
		}
		check := 11 - sum%11
		if check == 10 {
			continue
		}
		d[8] = byte(check % 11)
		for i := range d {
			d[i] += '0'
		}
		return string(d[:])
	}
}

// fodselsnummer draws a synthetic fødselsnummer for someone born on the
// given date: individnummer in the range for the century, check digits by
// the rule in force before 2032.
func fodselsnummer(r *rand.Rand, born time.Time) string {
	k1w := [9]int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	k2w := [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	lo, hi := 0, 499
	if born.Year() >= 2000 {
		lo, hi = 500, 999
	}
	for {
		s := fmt.Sprintf("%02d%02d%02d%03d", born.Day(), born.Month(), born.Year()%100, between(r, lo, hi))
		d := make([]int, 11)
		for i := range 9 {
			d[i] = int(s[i] - '0')
		}
		if d[9] = check11(d[:9], k1w[:]); d[9] < 0 {
			continue
		}
		if d[10] = check11(d[:10], k2w[:]); d[10] < 0 {
			continue
		}
		return fmt.Sprintf("%s%d%d", s, d[9], d[10])
	}
}

// check11 is the mod-11 check digit, or -1 when none exists.
func check11(d, w []int) int {
	sum := 0
	for i := range w {
		sum += w[i] * d[i]
	}
	switch k := 11 - sum%11; k {
	case 11:
		return 0
	case 10:
		return -1
	default:
		return k
	}
}

// formatFnr writes a fødselsnummer the three ways people do (LAW.md § 3).
func formatFnr(fnr string, style int) string {
	switch style % 3 {
	case 1:
		return fnr[:6] + " " + fnr[6:]
	case 2:
		return fnr[0:2] + "." + fnr[2:4] + "." + fnr[4:6] + " " + fnr[6:]
	default:
		return fnr
	}
}
