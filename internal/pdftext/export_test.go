package pdftext

// RaceEnabled tells tests that the hard memory limit is off (see race.go).
const RaceEnabled = raceEnabled
