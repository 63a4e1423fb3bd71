package feed

import (
	"encoding/json"
	"io"
	"time"
)

// jsonVersion identifies the JSON Feed version written.
const jsonVersion = "https://jsonfeed.org/version/1.1"

type jsonHead struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url,omitempty"`
	FeedURL     string       `json:"feed_url,omitempty"`
	Language    string       `json:"language,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url,omitempty"`
	Title         string   `json:"title,omitempty"`
	ContentText   string   `json:"content_text"` // an item needs content_text or content_html
	DatePublished string   `json:"date_published,omitempty"`
	DateModified  string   `json:"date_modified,omitempty"`
	Tags          []string `json:"tags,omitempty"`
}

// jsonWriter writes JSON Feed 1.1. The object around the items is written by
// hand so the items array can be streamed; every value goes through
// encoding/json so escaping is never done here.
type jsonWriter struct {
	stream
	enc  *json.Encoder // encodes into stream.buf
	item jsonItem      // reused: Encode takes a pointer to it, not a fresh value per call
	n    int           // items written, to place the commas
}

// NewJSON returns a Writer that writes a JSON Feed 1.1 document to w.
// Serve it with Content-Type JSONType.
func NewJSON(w io.Writer) Writer {
	j := &jsonWriter{stream: stream{w: w}}
	j.enc = json.NewEncoder(&j.buf)
	return j
}

// Begin writes the feed's own fields and opens the items array.
func (j *jsonWriter) Begin(f Feed) error {
	if err := j.enter(phaseNew, phaseOpen); err != nil {
		return err
	}
	h := jsonHead{Version: jsonVersion, Title: f.Title, HomePageURL: f.HomePage,
		FeedURL: f.SelfURL, Language: f.Language}
	if h.FeedURL == "" {
		h.FeedURL = f.ID // JSON Feed has no id of its own; the canonical URL is the next best
	}
	if f.Author != "" {
		h.Authors = []jsonAuthor{{Name: f.Author}}
	}
	if err := j.enc.Encode(&h); err != nil {
		return err
	}
	// Encode ends the object with "}\n"; reopen it to append the items array.
	j.buf.Truncate(j.buf.Len() - 2)
	j.buf.WriteString(`,"items":[` + "\n")
	return j.flush()
}

// Item writes one element of the items array.
func (j *jsonWriter) Item(it Item) error {
	if err := j.enter(phaseOpen, phaseOpen); err != nil {
		return err
	}
	j.item = jsonItem{ID: it.ID, URL: it.URL, Title: it.Title, ContentText: it.Summary,
		DatePublished: rfc3339(it.Published), DateModified: rfc3339(it.Updated), Tags: it.Categories}
	if j.n > 0 {
		j.buf.WriteByte(',')
	}
	err := j.enc.Encode(&j.item)
	j.item = jsonItem{} // do not keep the caller's strings alive until the next call
	if err != nil {
		j.buf.Reset()
		return err
	}
	j.n++
	return j.flush()
}

// End closes the items array and the feed object.
func (j *jsonWriter) End() error {
	if err := j.enter(phaseOpen, phaseDone); err != nil {
		return err
	}
	j.buf.WriteString("]}\n")
	return j.flush()
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
