//go:build race

package pdftext

// raceEnabled: this binary runs under the race detector, whose shadow
// memory needs terabytes of address space and which sleeps a second at exit.
const raceEnabled = true
