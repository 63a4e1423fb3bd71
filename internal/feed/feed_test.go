package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  string      `xml:"author>name"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID         string     `xml:"id"`
	Title      string     `xml:"title"`
	Links      []atomLink `xml:"link"`
	Published  string     `xml:"published"`
	Updated    string     `xml:"updated"`
	Summary    atomText   `xml:"summary"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

var (
	oslo = time.FixedZone("CEST", 2*60*60)
	t1   = time.Date(2025, 6, 2, 9, 30, 0, 0, oslo)
	t2   = time.Date(2025, 6, 3, 14, 5, 7, 0, time.UTC)
)

func testFeed() Feed {
	return Feed{
		ID:       "https://innsyn.example/v1/search?q=vei",
		Title:    "Postjournal: vei",
		HomePage: "https://innsyn.example/sok?q=vei",
		SelfURL:  "https://innsyn.example/v1/search.atom?q=vei",
		Updated:  t2,
		Language: "nb",
		Author:   "Nordrana kommune",
	}
}

func testItem() Item {
	return Item{
		ID:         "https://innsyn.example/v1/journalpost/jp_01",
		URL:        "https://innsyn.example/journalpost/jp_01",
		Title:      "Søknad om dispensasjon – Fv. 17",
		Summary:    "Avsender: Statens vegvesen\nSaksbehandler: Kari Nordmann",
		Published:  t1,
		Updated:    t2,
		Categories: []string{"I", "Plan og bygg"},
	}
}

// write runs a whole feed through w and returns what it wrote.
func write(t *testing.T, newW func(io.Writer) Writer, f Feed, items ...Item) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := newW(&buf)
	if err := w.Begin(f); err != nil {
		t.Fatalf("Begin: %v", err)
	}
	for _, it := range items {
		if err := w.Item(it); err != nil {
			t.Fatalf("Item: %v", err)
		}
	}
	if err := w.End(); err != nil {
		t.Fatalf("End: %v", err)
	}
	return buf.Bytes()
}

// mustWellFormed reads every token so that any XML error surfaces, which
// xml.Unmarshal would not guarantee for content it skips.
func mustWellFormed(t *testing.T, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, doc)
		}
	}
}

func mustAtom(t *testing.T, doc []byte) atomFeed {
	t.Helper()
	mustWellFormed(t, doc)
	var f atomFeed
	if err := xml.Unmarshal(doc, &f); err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, doc)
	}
	return f
}

func TestAtom(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		doc := write(t, NewAtom, testFeed(), testItem(), Item{ID: "urn:x:2", Title: "Uten dato"})
		f := mustAtom(t, doc)
		if f.Lang != "nb" || f.ID != testFeed().ID || f.Title != "Postjournal: vei" ||
			f.Updated != "2025-06-03T14:05:07Z" || f.Author != "Nordrana kommune" {
			t.Errorf("feed = %+v", f)
		}
		wantLinks := []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: testFeed().SelfURL},
			{Rel: "alternate", Href: testFeed().HomePage},
		}
		if len(f.Links) != 2 || f.Links[0] != wantLinks[0] || f.Links[1] != wantLinks[1] {
			t.Errorf("links = %+v, want %+v", f.Links, wantLinks)
		}
		if len(f.Entries) != 2 {
			t.Fatalf("entries = %d, want 2", len(f.Entries))
		}
		e, it := f.Entries[0], testItem()
		if e.ID != it.ID || e.Title != it.Title || e.Published != "2025-06-02T09:30:00+02:00" ||
			e.Updated != "2025-06-03T14:05:07Z" || e.Summary.Type != "text" || e.Summary.Text != it.Summary {
			t.Errorf("entry = %+v", e)
		}
		if len(e.Links) != 1 || e.Links[0].Href != it.URL || e.Links[0].Rel != "alternate" {
			t.Errorf("entry links = %+v", e.Links)
		}
		if len(e.Categories) != 2 || e.Categories[0].Term != "I" || e.Categories[1].Term != "Plan og bygg" {
			t.Errorf("categories = %+v", e.Categories)
		}
		// atom:updated is required, so an entry without times takes the feed's.
		if e := f.Entries[1]; e.Updated != f.Updated || e.Published != "" || len(e.Links) != 0 {
			t.Errorf("entry without times = %+v", e)
		}
	})
	t.Run("HostileText", func(t *testing.T) {
		f := Feed{ID: hostile, Title: hostile, HomePage: hostile, SelfURL: hostile, Language: hostile, Author: hostile}
		it := Item{ID: hostile, URL: hostile, Title: hostile, Summary: hostile, Categories: []string{hostile}}
		got := mustAtom(t, write(t, NewAtom, f, it))
		texts := map[string]string{"lang": got.Lang, "id": got.ID, "title": got.Title, "author": got.Author,
			"self": got.Links[0].Href, "alternate": got.Links[1].Href}
		e := got.Entries[0]
		for k, v := range map[string]string{"entry id": e.ID, "entry title": e.Title, "entry link": e.Links[0].Href,
			"summary": e.Summary.Text, "category": e.Categories[0].Term} {
			texts[k] = v
		}
		for k, v := range texts {
			if v != hostileClean {
				t.Errorf("%s = %q, want %q", k, v, hostileClean)
			}
		}
	})
	t.Run("Empty", func(t *testing.T) {
		f := mustAtom(t, write(t, NewAtom, Feed{ID: "urn:x", Title: "Tom"}))
		if len(f.Entries) != 0 || f.ID != "urn:x" || f.Updated == "" {
			t.Errorf("feed = %+v", f)
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
			t.Errorf("updated defaults to now: %v", err)
		}
	})
}

// hostile is text from an old case system at its worst: markup, both
// quotes, control characters, invalid UTF-8 (a stray Latin-1 byte and an
// encoded lone surrogate), the XML non-characters U+FFFE and U+FFFF,
// Norwegian letters, an emoji and line breaks.
const hostile = "<script>&\"'\x00\x07\x1b</script> \xe6\xed\xa0\x80\uFFFE\uFFFF æøå ÆØÅ 😀\tline1\nline2\r\nend"

// hostileClean is hostile with every character XML 1.0 cannot carry removed.
const hostileClean = "<script>&\"'</script>  æøå ÆØÅ 😀\tline1\nline2\r\nend"

func TestJSON(t *testing.T) {
	type item struct {
		ID            string   `json:"id"`
		URL           string   `json:"url"`
		Title         string   `json:"title"`
		ContentText   *string  `json:"content_text"`
		DatePublished string   `json:"date_published"`
		DateModified  string   `json:"date_modified"`
		Tags          []string `json:"tags"`
	}
	type feed struct {
		Version     string                  `json:"version"`
		Title       string                  `json:"title"`
		HomePageURL string                  `json:"home_page_url"`
		FeedURL     string                  `json:"feed_url"`
		Language    string                  `json:"language"`
		Authors     []struct{ Name string } `json:"authors"`
		Items       *[]item                 `json:"items"`
	}
	parse := func(t *testing.T, doc []byte) feed {
		t.Helper()
		var f feed
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			t.Fatalf("decode: %v\n%s", err, doc)
		}
		if f.Version != "https://jsonfeed.org/version/1.1" || f.Items == nil {
			t.Fatalf("not a JSON Feed 1.1: %s", doc)
		}
		return f
	}
	t.Run("OK", func(t *testing.T) {
		f := parse(t, write(t, NewJSON, testFeed(), testItem(), Item{ID: "urn:x:2"}))
		if f.Title != "Postjournal: vei" || f.HomePageURL != testFeed().HomePage || f.FeedURL != testFeed().SelfURL ||
			f.Language != "nb" || len(f.Authors) != 1 || f.Authors[0].Name != "Nordrana kommune" {
			t.Errorf("feed = %+v", f)
		}
		items, it := *f.Items, testItem()
		if len(items) != 2 {
			t.Fatalf("items = %d, want 2", len(items))
		}
		got := items[0]
		if got.ID != it.ID || got.URL != it.URL || got.Title != it.Title || got.ContentText == nil ||
			*got.ContentText != it.Summary || got.DatePublished != "2025-06-02T09:30:00+02:00" ||
			got.DateModified != "2025-06-03T14:05:07Z" || strings.Join(got.Tags, "|") != "I|Plan og bygg" {
			t.Errorf("item = %+v", got)
		}
		// content_text is required by JSON Feed even when there is no summary.
		if got := items[1]; got.ID != "urn:x:2" || got.ContentText == nil || got.DatePublished != "" {
			t.Errorf("bare item = %+v", got)
		}
	})
	t.Run("HostileText", func(t *testing.T) {
		f := parse(t, write(t, NewJSON, Feed{Title: hostile}, Item{ID: hostile, Title: hostile}))
		for _, s := range []string{f.Title, (*f.Items)[0].ID, (*f.Items)[0].Title} {
			for _, want := range []string{"<script>&\"'", "æøå ÆØÅ 😀\tline1\nline2\r\nend"} {
				if !strings.Contains(s, want) {
					t.Errorf("%q lost %q", s, want)
				}
			}
		}
	})
	t.Run("Empty", func(t *testing.T) {
		f := parse(t, write(t, NewJSON, Feed{ID: "https://innsyn.example/v1/search?q=x", Title: "Tom"}))
		if len(*f.Items) != 0 || f.FeedURL != "https://innsyn.example/v1/search?q=x" || f.Authors != nil {
			t.Errorf("feed = %+v", f)
		}
	})
}

func TestOrder(t *testing.T) {
	for name, newW := range map[string]func(io.Writer) Writer{"Atom": NewAtom, "JSON": NewJSON} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			w := newW(&buf)
			if err := w.Item(testItem()); !errors.Is(err, ErrOrder) {
				t.Errorf("Item before Begin = %v, want ErrOrder", err)
			}
			if err := w.End(); !errors.Is(err, ErrOrder) {
				t.Errorf("End before Begin = %v, want ErrOrder", err)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %q before Begin", buf.Bytes())
			}
			if err := w.Begin(testFeed()); err != nil {
				t.Fatal(err)
			}
			if err := w.Begin(testFeed()); !errors.Is(err, ErrOrder) {
				t.Errorf("second Begin = %v, want ErrOrder", err)
			}
			if err := w.End(); err != nil {
				t.Fatal(err)
			}
			n := buf.Len()
			if err := w.Item(testItem()); !errors.Is(err, ErrOrder) {
				t.Errorf("Item after End = %v, want ErrOrder", err)
			}
			if err := w.End(); !errors.Is(err, ErrOrder) {
				t.Errorf("second End = %v, want ErrOrder", err)
			}
			if buf.Len() != n {
				t.Errorf("wrote %q after End", buf.Bytes()[n:])
			}
		})
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n++; f.n > 1 {
		return 0, errors.New("connection reset")
	}
	return len(p), nil
}

func TestWriteErrorSticks(t *testing.T) {
	for name, newW := range map[string]func(io.Writer) Writer{"Atom": NewAtom, "JSON": NewJSON} {
		t.Run(name, func(t *testing.T) {
			w := newW(&failWriter{})
			if err := w.Begin(testFeed()); err != nil {
				t.Fatal(err)
			}
			first := w.Item(testItem())
			if first == nil || errors.Is(first, ErrOrder) {
				t.Fatalf("Item on a failing writer = %v", first)
			}
			if err := w.End(); err != first {
				t.Errorf("End after a write error = %v, want %v", err, first)
			}
		})
	}
}

// TestConstantMemory guards the reason the writers exist: a feed of any
// length is written with the memory of one entry.
func TestConstantMemory(t *testing.T) {
	for name, tc := range map[string]struct {
		newW      func(io.Writer) Writer
		maxAllocs float64
	}{
		"Atom": {NewAtom, 0},
		"JSON": {NewJSON, 4}, // the two formatted dates, with slack for encoding/json
	} {
		t.Run(name, func(t *testing.T) {
			w := tc.newW(io.Discard)
			if err := w.Begin(testFeed()); err != nil {
				t.Fatal(err)
			}
			it := testItem()
			allocs := testing.AllocsPerRun(1000, func() {
				if err := w.Item(it); err != nil {
					t.Fatal(err)
				}
			})
			t.Logf("%v allocations per Item", allocs)
			if allocs > tc.maxAllocs {
				t.Errorf("Item allocates %v times, want at most %v", allocs, tc.maxAllocs)
			}

			// Allocations per call would not catch a writer that keeps what it
			// is given (appending amortizes), so compare the live heap.
			small, large := liveHeapAfter(t, tc.newW, 1_000), liveHeapAfter(t, tc.newW, 100_000)
			t.Logf("live heap %d bytes after 1k items, %d after 100k", small, large)
			if large > small+1<<20 {
				t.Errorf("live heap %d bytes after 100k items, %d after 1k: memory grows with items", large, small)
			}
		})
	}
}

// liveHeapAfter writes n distinct items to io.Discard and returns the live
// heap while the writer is still reachable.
func liveHeapAfter(t *testing.T, newW func(io.Writer) Writer, n int) uint64 {
	w := newW(io.Discard)
	if err := w.Begin(testFeed()); err != nil {
		t.Fatal(err)
	}
	it := testItem()
	for i := range n {
		it.ID = "https://innsyn.example/v1/journalpost/jp_" + strconv.Itoa(i)
		if err := w.Item(it); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	runtime.KeepAlive(w)
	return m.HeapAlloc
}
