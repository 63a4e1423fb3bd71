package api_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/offl"
)

func TestSearchFeeds(t *testing.T) {
	s := newServer(t)
	s.load(t, journalOf(
		entry{title: "Søknad om skjenkebevilling - Mo Bryggeri AS", parties: []offl.Korrespondansepart{company("Mo Bryggeri AS", "")}},
		entry{title: "Vedtak om skjenkebevilling - Mo Bryggeri AS", typ: offl.Utgaaende},
		entry{title: "Referat fra møte"},
	))
	q := "?q=" + url.QueryEscape("skjenkebevilling")

	t.Run("atom", func(t *testing.T) {
		r := s.get(t, "/v1/search/feed.atom"+q)
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("%d %s", r.status, r.header.Get("Content-Type"))
		}
		var doc struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Entries []struct {
				ID    string `xml:"id"`
				Title string `xml:"title"`
				Link  struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(r.body, &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Entries) != 2 || doc.Entries[0].Title != "2024/2-1 Vedtak om skjenkebevilling - Mo Bryggeri AS" {
			t.Fatalf("entries %+v", doc.Entries)
		}
		// An entry's id is its URL, which answers with that entry.
		u, err := url.Parse(doc.Entries[1].ID)
		if err != nil || doc.Entries[1].Link.Href != doc.Entries[1].ID {
			t.Fatalf("id %q link %q", doc.Entries[1].ID, doc.Entries[1].Link.Href)
		}
		var jp api.Journalpost
		s.get(t, u.Path).decode(t, &jp)
		if jp.OffentligTittel != "Søknad om skjenkebevilling - Mo Bryggeri AS" {
			t.Errorf("the id leads to %q", jp.OffentligTittel)
		}
		// Ids are stable: the same on the next fetch.
		if again := s.get(t, "/v1/search/feed.atom"+q); !bytes.Equal(again.body, r.body) {
			t.Error("a second fetch differs")
		}
	})
	t.Run("json feed", func(t *testing.T) {
		r := s.get(t, "/v1/search/feed.json"+q+"&limit=1")
		var doc struct {
			Version string `json:"version"`
			FeedURL string `json:"feed_url"`
			Items   []struct {
				ID            string `json:"id"`
				Title         string `json:"title"`
				ContentText   string `json:"content_text"`
				DatePublished string `json:"date_published"`
			} `json:"items"`
		}
		r.decode(t, &doc)
		if doc.Version != "https://jsonfeed.org/version/1.1" || len(doc.Items) != 1 ||
			!strings.HasSuffix(doc.FeedURL, "/v1/search/feed.json"+q+"&limit=1") {
			t.Fatalf("%+v", doc)
		}
		if it := doc.Items[0]; !strings.Contains(it.ID, "/v1/journalpost/jp_") || !strings.Contains(it.ContentText, "Journaldato: 2024-03-03") {
			t.Errorf("item %+v", it)
		}
	})
	t.Run("bad input is a problem", func(t *testing.T) {
		s.get(t, "/v1/search/feed.atom?q=og").wantProblem(t, 400, "query_no_terms")
		s.get(t, "/v1/search/feed.json?limit=101").wantProblem(t, 422, "invalid")
	})
}

func TestSearchExport(t *testing.T) {
	s := newServer(t)
	// More entries than one batch of the export, with texts that CSV must
	// quote.
	var entries []entry
	for i := range 1203 {
		entries = append(entries, entry{title: fmt.Sprintf("Brev nr %d", i), date: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)})
	}
	entries[7].title = "Tilbud, \"rammeavtale\" og\nvedlegg – æøå"
	entries[8].title = "=HYPERLINK(\"http://x\")"
	s.load(t, journalOf(entries...))

	t.Run("ndjson holds every entry once, newest first", func(t *testing.T) {
		r := s.get(t, "/v1/search/export.ndjson")
		if r.status != 200 || r.header.Get("Content-Type") != "application/x-ndjson" ||
			!strings.HasPrefix(r.header.Get("Content-Disposition"), `attachment; filename="innsyn-journal-2025-03-14.ndjson"`) {
			t.Fatalf("%d %v", r.status, r.header)
		}
		seen := map[string]bool{}
		var last string
		sc := bufio.NewScanner(bytes.NewReader(r.body))
		for sc.Scan() {
			var jp api.Journalpost
			if err := json.Unmarshal(sc.Bytes(), &jp); err != nil {
				t.Fatal(err)
			}
			if seen[jp.ID] || (last != "" && jp.Journaldato > last) {
				t.Fatalf("%s repeated or out of order", jp.ID)
			}
			seen[jp.ID], last = true, jp.Journaldato
		}
		if len(seen) != 1203 {
			t.Errorf("%d entries, want 1203", len(seen))
		}
	})
	t.Run("csv is RFC 4180 with a header", func(t *testing.T) {
		r := s.get(t, "/v1/search/export.csv?q="+url.QueryEscape("rammeavtale OR hyperlink"))
		if !bytes.Contains(r.body, []byte("\r\n")) {
			t.Error("records do not end in CRLF")
		}
		rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[0][0] != "id" || rows[0][8] != "offentligTittel" {
			t.Fatalf("rows %q", rows)
		}
		titles := []string{rows[1][8], rows[2][8]}
		if !slices.Equal(titles, []string{"'=HYPERLINK(\"http://x\")", "Tilbud, \"rammeavtale\" og\nvedlegg – æøå"}) {
			t.Errorf("titles %q", titles)
		}
		if rows[1][1] != "2024/9" || rows[1][6] != "2020-01-09" {
			t.Errorf("row %q", rows[1])
		}
	})
	t.Run("no match gives the header only", func(t *testing.T) {
		rows, err := csv.NewReader(bytes.NewReader(s.get(t, "/v1/search/export.csv?q=finnesikke").body)).ReadAll()
		if err != nil || len(rows) != 1 {
			t.Errorf("%q %v", rows, err)
		}
	})
	t.Run("an unknown unit is a problem, before any output", func(t *testing.T) {
		s.get(t, "/v1/search/export.ndjson?administrativEnhet=NOPE").wantProblem(t, 422, "invalid")
	})
}
