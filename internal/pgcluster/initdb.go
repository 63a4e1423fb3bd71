package pgcluster

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// passwordFile, in the data directory, keeps the superuser's password, so
// that a reused cluster is reached with the password it was created with.
const passwordFile = "innsyn-superuser-password"

// initdbTimeout bounds initdb; it takes about a second here.
const initdbTimeout = 2 * time.Minute

// prepareDir creates dir (and its parents, reachable by all) and gives it to
// the server's user, then checks that this user can write into it.
func (r runner) prepareDir(ctx context.Context, dir string) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create data directory: %w", err)
	}
	if err := r.chown(dir); err != nil {
		return fmt.Errorf("give data directory to %s: %w", serverUser, err)
	}
	return r.checkReachable(ctx, dir)
}

// checkReachable fails with advice when the server's user, as which the
// server runs when this process is root, cannot write into dir.
func (r runner) checkReachable(ctx context.Context, dir string) error {
	if r.runuser == "" {
		return nil
	}
	test, err := lookPath("test", "/usr/bin/test", "/bin/test")
	if err != nil {
		return err
	}
	if _, err := r.run(ctx, 10*time.Second, test, "-w", dir); err != nil {
		if exitCode(err) == 1 {
			return fmt.Errorf("the %s user, which runs the server because this process is root, "+
				"cannot write into %s (is a parent directory private, like /root?): "+
				"choose a --data-dir the %s user can reach, e.g. under /var/tmp", serverUser, dir, serverUser)
		}
		return fmt.Errorf("check data directory: %w", err)
	}
	return nil
}

// initdb creates a cluster in dir with a new random superuser password, which
// it keeps in dir's passwordFile and returns.
func (r runner) initdb(ctx context.Context, dir string, log io.Writer) (string, error) {
	password, err := newPassword()
	if err != nil {
		return "", err
	}
	pwfile, err := r.tempPasswordFile(password)
	if err != nil {
		return "", err
	}
	defer os.Remove(pwfile)

	fmt.Fprintf(log, "pgcluster: creating a cluster in %s\n", dir)
	_, err = r.run(ctx, initdbTimeout, "initdb", "-D", dir, "-U", superuser, "-E", "UTF8",
		"--locale=C.UTF-8", "--text-search-config=norwegian", "--no-sync",
		"--auth=scram-sha-256", "--pwfile="+pwfile)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, passwordFile)
	if err := os.WriteFile(path, []byte(password+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("keep superuser password: %w", err)
	}
	if err := r.chown(path); err != nil {
		return "", fmt.Errorf("keep superuser password: %w", err)
	}
	return password, nil
}

// tempPasswordFile writes password to a private temporary file that the
// server's user can read, for initdb's --pwfile.
func (r runner) tempPasswordFile(password string) (string, error) {
	f, err := os.CreateTemp("", "innsyn-pwfile-")
	if err != nil {
		return "", fmt.Errorf("password file: %w", err)
	}
	_, werr := f.WriteString(password + "\n")
	cerr := f.Close()
	if err := errors.Join(werr, cerr, r.chown(f.Name())); err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("password file: %w", err)
	}
	return f.Name(), nil
}

// readPassword returns the superuser password kept in dir.
func readPassword(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, passwordFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s holds a PostgreSQL cluster but no %s, so its superuser password is unknown: "+
			"it was not created by innsyn, or its creation was interrupted; choose another data directory "+
			"or remove this one", dir, passwordFile)
	}
	if err != nil {
		return "", fmt.Errorf("read superuser password: %w", err)
	}
	password := strings.TrimSpace(string(b))
	if password == "" {
		return "", fmt.Errorf("%s is empty", filepath.Join(dir, passwordFile))
	}
	return password, nil
}

// newPassword returns 32 random hex characters.
func newPassword() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate password: %w", err)
	}
	return hex.EncodeToString(b), nil
}
