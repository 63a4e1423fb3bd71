//go:build !race

package pdftext

// raceEnabled: this binary runs under the race detector (see race.go).
const raceEnabled = false
