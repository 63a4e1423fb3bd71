package blob

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// List implements Store. It walks only the directories that can hold keys
// with prefix, and sorts each directory as keys sort: a subdirectory "a"
// sorts as "a/", after "a-x" and "a.x", which a plain walk would get wrong.
func (l *Local) List(ctx context.Context, prefix string, fn func(Info) error) error {
	if err := validatePrefix(prefix); err != nil {
		return fmt.Errorf("blob: list: %w", err)
	}
	err := l.walk(ctx, l.dir, "", prefix, fn)
	var fnErr callbackError
	if errors.As(err, &fnErr) {
		return fnErr.err
	}
	if err != nil {
		return fmt.Errorf("blob: list: %w", err)
	}
	return nil
}

// callbackError carries fn's error out of the walk untouched.
type callbackError struct{ err error }

func (e callbackError) Error() string { return e.err.Error() }

// listEntry is a directory entry under the name it sorts by.
type listEntry struct {
	key   string
	isDir bool
}

func (e listEntry) sortKey() string {
	if e.isDir {
		return e.key + "/"
	}
	return e.key
}

// walk lists the directory dir, whose keys start with base ("" or "x/").
func (l *Local) walk(ctx context.Context, dir, base, prefix string, fn func(Info) error) error {
	entries, err := l.readDir(dir, base, prefix)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		if e.isDir {
			err = l.walk(ctx, filepath.Join(dir, filepath.Base(e.key)), e.key+"/", prefix, fn)
		} else {
			err = l.visit(ctx, e.key, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readDir returns dir's entries that are, or may hold, keys with prefix,
// in key order. Names with characters outside the key alphabet (sidecars,
// temp files, strays) are not keys and are left out.
func (l *Local) readDir(dir, base, prefix string) ([]listEntry, error) {
	des, err := os.ReadDir(dir)
	if isNotExist(err) && base != "" {
		return nil, nil // removed while we walked
	}
	if err != nil {
		return nil, err
	}
	var out []listEntry
	for _, de := range des {
		if !validChars(de.Name()) {
			continue
		}
		e := listEntry{key: base + de.Name(), isDir: de.IsDir()}
		switch {
		case e.isDir && (strings.HasPrefix(e.key+"/", prefix) || strings.HasPrefix(prefix, e.key+"/")):
		case de.Type().IsRegular() && strings.HasPrefix(e.key, prefix):
		default:
			continue
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].sortKey() < out[j].sortKey() })
	return out, nil
}

// visit describes key and passes it to fn, skipping an object deleted
// since its directory was read.
func (l *Local) visit(ctx context.Context, key string, fn func(Info) error) error {
	f, info, err := l.open(ctx, key)
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrInvalidKey) {
		return nil // deleted meanwhile, or a stray file no Put wrote
	}
	if err != nil {
		return err
	}
	f.Close()
	if err := fn(info); err != nil {
		return callbackError{err}
	}
	return nil
}
