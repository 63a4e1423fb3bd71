// Package feed writes a saved search of the postjournal as an Atom 1.0
// (RFC 4287) or JSON Feed 1.1 document.
//
// The writers are streaming: Begin writes the head, each Item call writes one
// entry, and End writes the tail. A handler can therefore page through the
// database in batches and the memory used stays the same whatever the number
// of items.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"
)

// Feed describes the feed itself.
type Feed struct {
	ID       string    // stable id: the search's canonical URL (Atom id; JSON Feed feed_url when SelfURL is empty)
	Title    string    // feed title
	HomePage string    // HTML/API page of the search (Atom link rel=alternate, JSON Feed home_page_url)
	SelfURL  string    // the feed URL itself (Atom link rel=self, JSON Feed feed_url)
	Updated  time.Time // newest item's time; the zero value means now
	Language string    // language tag, e.g. "nb"
	Author   string    // the public body, e.g. "Nordrana kommune"
}

// Item is one entry of a feed.
type Item struct {
	ID         string    // stable id: the entry's API URL
	URL        string    // link to the entry
	Title      string    // entry title
	Summary    string    // plain text, may span several lines
	Published  time.Time // zero means unknown, and the field is left out
	Updated    time.Time // zero means Published
	Categories []string  // e.g. journalposttype, unit name
}

// Writer writes one feed incrementally: Begin once, Item any number of
// times, End once.
type Writer interface {
	Begin(f Feed) error
	Item(it Item) error
	End() error
}

// Content types to send with the documents the writers produce.
const (
	AtomType = "application/atom+xml; charset=utf-8"
	JSONType = "application/feed+json; charset=utf-8"
)

// ErrOrder is returned when Begin, Item and End are called out of order,
// e.g. Item before Begin or after End.
var ErrOrder = errors.New("feed: Begin, Item and End called out of order")

type phase int

const (
	phaseNew phase = iota
	phaseOpen
	phaseDone
)

// stream holds what both writers share. Each call renders into buf and
// writes it with one Write, so the destination sees whole entries and buf's
// capacity is reused; it only ever grows to the largest single entry.
type stream struct {
	w     io.Writer
	phase phase
	buf   bytes.Buffer
	err   error // first write error; sticky, as a half-written document cannot be repaired
}

// enter moves the stream from one phase to the next, refusing calls out of order.
func (s *stream) enter(from, to phase) error {
	if s.err != nil {
		return s.err
	}
	if s.phase != from {
		return ErrOrder
	}
	s.phase = to
	return nil
}

// flush writes what has been rendered into buf.
func (s *stream) flush() error {
	_, err := s.w.Write(s.buf.Bytes())
	s.buf.Reset()
	if err != nil {
		s.err = fmt.Errorf("feed: write: %w", err)
	}
	return s.err
}

// appendRFC3339 renders t into buf without allocating.
func (s *stream) appendRFC3339(t time.Time) {
	s.buf.Write(t.AppendFormat(s.buf.AvailableBuffer(), time.RFC3339))
}
