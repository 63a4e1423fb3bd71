package pgcluster

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// ErrNoBinaries means that no PostgreSQL server binaries were found; its
// message says what to install or set.
var ErrNoBinaries = errors.New("PostgreSQL server binaries (initdb, pg_ctl) not found: " +
	"install PostgreSQL 15 or newer (Debian: apt-get install postgresql), " +
	"set INNSYN_PG_BIN to their directory, or set INNSYN_DATABASE_URL to use an existing server")

// minMajor is the oldest PostgreSQL major version looked for under /usr/lib/postgresql.
const minMajor = 15

// debianRoot is where Debian installs one directory per PostgreSQL major version.
const debianRoot = "/usr/lib/postgresql"

// FindBinaries returns the directory holding initdb and pg_ctl: INNSYN_PG_BIN
// if set; else the directory of initdb on PATH (symlinks resolved); else the
// highest /usr/lib/postgresql/<N>/bin with N >= 15 that holds both. It returns
// an error wrapping ErrNoBinaries when none is found.
func FindBinaries() (dir string, err error) {
	if dir := os.Getenv("INNSYN_PG_BIN"); dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil || !hasBinaries(abs) {
			return "", fmt.Errorf("INNSYN_PG_BIN=%s holds no initdb and pg_ctl: %w", dir, ErrNoBinaries)
		}
		return abs, nil
	}
	if path, err := exec.LookPath("initdb"); err == nil {
		// Resolve symlinks so that pg_ctl is looked for next to the real initdb,
		// as initdb itself finds postgres next to its own resolved path.
		if real, err := filepath.EvalSymlinks(path); err == nil {
			path = real
		}
		if abs, err := filepath.Abs(filepath.Dir(path)); err == nil && hasBinaries(abs) {
			return abs, nil
		}
	}
	if dir := newestDebianBinaries(); dir != "" {
		return dir, nil
	}
	return "", ErrNoBinaries
}

// newestDebianBinaries returns the highest /usr/lib/postgresql/<N>/bin with
// N >= minMajor that holds initdb and pg_ctl, or "".
func newestDebianBinaries() string {
	entries, err := os.ReadDir(debianRoot)
	if err != nil {
		return ""
	}
	best, bestMajor := "", 0
	for _, e := range entries {
		major, err := strconv.Atoi(e.Name())
		if err != nil || major < minMajor || major <= bestMajor {
			continue
		}
		dir := filepath.Join(debianRoot, e.Name(), "bin")
		if hasBinaries(dir) {
			best, bestMajor = dir, major
		}
	}
	return best
}

// hasBinaries reports whether dir holds executable initdb and pg_ctl files.
func hasBinaries(dir string) bool {
	for _, name := range []string{"initdb", "pg_ctl"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
			return false
		}
	}
	return true
}
