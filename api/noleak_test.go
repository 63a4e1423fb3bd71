package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/demojournal"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
)

// The no-leak invariant (DESIGN.md principle 1): over the whole demo
// journal and randomly generated records, no screened token appears in
// any public response, body or header, of any public operation in the
// OpenAPI document — including operations added later, which this test
// finds in the document by itself — and the staff endpoint shows them.
func TestNoScreenedTokenInAnyPublicResponse(t *testing.T) {
	cal, err := offl.NewCalendar(offl.DefaultCalendarConfig())
	if err != nil {
		t.Fatal(err)
	}
	// Requests for access and their statistics are public endpoints too.
	s := newServerOf(t, func(s *server, d *api.Deps) {
		requests := postgres.NewRequestStore(s.db, s.clock.Now, cal, offl.DefaultCatalogue(), postgres.MailSettings{},
			[]byte("a test secret of at least thirty-two bytes"))
		d.Requests, d.RequestStaff, d.RequestStats, d.Calendar = requests, requests, d.Search.(*postgres.PublicStore), cal
	})
	ctx := context.Background()

	// The demo journal: per entry, the terms its skjerming withholds.
	demoTerms := map[string][]string{} // SystemID → terms
	wantPublic := 0
	opts := demojournal.DemoOptions()
	opts.Files = false
	err = demojournal.Generate(opts, func(b journal.Batch, _ []demojournal.File) error {
		for _, in := range b.Journalposts {
			jp := in.Journalpost
			jp.ID = jp.SystemID
			if offl.PublishJournalpost(jp, testNow, offl.DefaultPolicy()).Visible() {
				wantPublic++
				demoTerms[jp.SystemID] = offl.WithheldTerms(jp, testNow)
			}
		}
		_, err := s.store.Load(ctx, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Random records: tokens that are secret anywhere.
	rj := newRandomJournal(20261125, 400, testNow)
	if _, err := s.store.Load(ctx, rj.batch); err != nil {
		t.Fatal(err)
	}
	for systemID, text := range rj.texts {
		var objektID string
		if err := s.db.Get(&objektID, `SELECT o.id FROM dokumentobjekt o JOIN dokumentbeskrivelse d
			ON d.id = o.dokumentbeskrivelse_id WHERE d.system_id = $1`, systemID); err != nil {
			t.Fatal(err)
		}
		if err := s.store.SaveText(ctx, objektID, journal.ExtractedText{Status: "ok", Text: text, Pages: 1}); err != nil {
			t.Fatal(err)
		}
	}
	for _, in := range rj.batch.Journalposts {
		jp := in.Journalpost
		jp.ID = jp.SystemID
		if offl.PublishJournalpost(jp, testNow, offl.DefaultPolicy()).Visible() {
			wantPublic++
		}
	}

	ids := recordIDs(t, s)
	terms := map[string][]string{} // wire ID → terms withheld on that entry
	for systemID, ts := range demoTerms {
		terms[ids.bySystemID[systemID]] = ts
	}
	c := &leakChecker{t: t, secret: rj.secret, terms: terms, seen: map[string]bool{}}

	ops := publicOperations(api.Document())
	if len(ops) < 6 {
		t.Fatalf("only %d public operations found", len(ops))
	}
	for _, op := range ops {
		t.Run(op.OperationID, func(t *testing.T) {
			c.t = t
			paths, probes := op.requests(t, ids, rj)
			for _, path := range paths {
				c.walk(s, path)
			}
			// A secret word put in any free-text parameter finds nothing:
			// a hit would tell what a hidden text is about. The response
			// may echo the request (a feed's own URL and title), so the
			// probed word itself is not looked for; every other is.
			for _, pr := range probes {
				r := s.get(t, pr.path)
				c.checkExcept(pr.path, r, pr.token)
				if n := resultCount(t, pr.path, r); n > 0 {
					t.Errorf("%s: a secret word finds %d items", pr.path, n)
				}
			}
		})
	}
	c.t = t
	t.Run("public document text is searchable", func(t *testing.T) {
		words := sortedKeys(rj.searchable)
		if len(words) < 100 {
			t.Fatalf("only %d searchable words", len(words))
		}
		for _, word := range words[:50] {
			var p page
			s.get(t, "/v1/journalpost?q="+word).decode(t, &p)
			if len(p.Items) != 1 {
				t.Errorf("searching %s finds %d entries", word, len(p.Items))
			}
		}
	})

	if n := len(c.listed); n != wantPublic {
		t.Errorf("following next over the journal visited %d entries, the law publishes %d", n, wantPublic)
	}
	for tok := range rj.public {
		if !c.seen[strings.ToLower(tok)] {
			t.Errorf("the public token %s is in no public response: the test would prove nothing", tok)
			break
		}
	}

	t.Run("the staff endpoint shows what the public does not see", func(t *testing.T) {
		key := s.key(t, auth.RoleArkivar)
		for systemID, toks := range rj.bySystemID {
			body := s.get(t, "/v1/admin/journalpost/"+ids.bySystemID[systemID], "Authorization", "Bearer "+key).body
			for _, tok := range toks {
				if !contains(body, tok) {
					t.Fatalf("%s: the staff record lacks %s", systemID, tok)
				}
			}
		}
	})
}

// recordIDs are the wire IDs of every record, published or not.
type recordIDsByKind struct {
	byKind     map[string][]string
	bySystemID map[string]string
}

func recordIDs(t *testing.T, s *server) recordIDsByKind {
	t.Helper()
	out := recordIDsByKind{byKind: map[string][]string{}, bySystemID: map[string]string{}}
	for kind, table := range map[string]string{"jp": "journalpost", "sm": "saksmappe", "dok": "dokumentbeskrivelse", "enh": "enhet"} {
		var rows []struct {
			ID       string `db:"id"`
			SystemID string `db:"system_id"`
		}
		key := "system_id"
		if table == "enhet" {
			key = "kode"
		}
		if err := s.db.Select(&rows, `SELECT replace(id::text, '-', '') AS id, `+key+` AS system_id FROM `+table); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			id := kind + "_" + r.ID
			out.byKind[kind] = append(out.byKind[kind], id)
			out.bySystemID[r.SystemID] = id
		}
	}
	return out
}

// publicOperation is a GET operation anyone may call.
type publicOperation struct{ *huma.Operation }

func publicOperations(doc *huma.OpenAPI) []publicOperation {
	var ops []publicOperation
	for _, item := range doc.Paths {
		if op := item.Get; op != nil && len(op.Security) == 0 {
			ops = append(ops, publicOperation{op})
		}
	}
	return ops
}

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// requests lists the calls that exercise the operation: every record ID
// of the right kind for a path parameter (found from the parameter's
// example, "jp_…"), the first page of a list, and each free-text query
// parameter probed with secret tokens.
func (op publicOperation) requests(t *testing.T, ids recordIDsByKind, rj randomJournal) (paths []string, probes []probe) {
	t.Helper()
	base := op.Path
	var out []string
	if m := pathParam.FindStringSubmatch(op.Path); m != nil {
		kind := ""
		for _, p := range op.Parameters {
			if p.In == "path" && p.Name == m[1] {
				if ex, ok := p.Schema.Examples[0].(string); ok {
					kind, _, _ = strings.Cut(ex, "_")
				}
			}
		}
		if m[1] == "token" {
			// A requester's private token: a random one finds nothing,
			// and the answer must say nothing either.
			return []string{strings.Replace(op.Path, m[0], "Xw3vR9kq2LmT8yB4nF6hJ1sD5gA7cE0uI2oP4wK9zQ3", 1)}, nil
		}
		if len(ids.byKind[kind]) == 0 {
			t.Fatalf("the no-leak test cannot fill {%s} of %s: give the parameter an example ID and list its records in recordIDs", m[1], op.Path)
		}
		for _, id := range ids.byKind[kind] {
			out = append(out, strings.Replace(op.Path, m[0], id, 1))
		}
		return out, nil
	}
	query := url.Values{}
	var probeParams []string
	for _, p := range op.Parameters {
		switch {
		case p.In != "query":
		case p.Name == "limit":
			query.Set("limit", "100")
		case p.Required:
			query.Set(p.Name, fmt.Sprint(p.Schema.Examples[0]))
		case p.Schema.Type == "string" && len(p.Schema.Enum) == 0 && p.Schema.Pattern == "" && p.Schema.Format == "":
			probeParams = append(probeParams, p.Name)
		}
	}
	out = append(out, base+"?"+query.Encode())
	secrets := sortedKeys(rj.secret)
	var probed []probe
	for _, name := range probeParams {
		// Full-text search gets every secret word; other parameters a
		// sample, since they only filter.
		n := min(20, len(secrets))
		if name == "q" {
			n = len(secrets)
		}
		for _, tok := range secrets[:n] {
			q := url.Values{}
			for k, v := range query {
				q[k] = v
			}
			q.Set(name, tok)
			probed = append(probed, probe{path: base + "?" + q.Encode(), token: tok})
		}
	}
	return out, probed
}

// leakChecker checks responses for secret tokens, and follows next.
type leakChecker struct {
	t      *testing.T
	secret map[string]bool     // tokens secret everywhere
	terms  map[string][]string // wire ID → terms withheld on that entry
	seen   map[string]bool     // every token seen in a public response
	listed map[string]bool     // entries seen following the unfiltered journal list
}

var tokenPattern = regexp.MustCompile(`(?i)\bq[a-z]{7}\b`)

func (c *leakChecker) walk(s *server, path string) {
	for path != "" {
		r := s.get(c.t, path)
		c.check(path, r)
		path = c.next(path, r)
	}
}

// probe is a request with a secret token in a parameter.
type probe struct{ path, token string }

// resultCount is how many entries a response lists, whatever its format:
// JSON items (lists, search, JSON Feed), Atom entries, NDJSON lines or CSV
// rows after the header.
func resultCount(t *testing.T, path string, r response) int {
	t.Helper()
	if r.status != 200 {
		return 0
	}
	ct := r.header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "application/atom+xml"):
		return strings.Count(string(r.body), "<entry>")
	case strings.HasPrefix(ct, "application/x-ndjson"):
		return len(strings.Fields(string(r.body)))
	case strings.HasPrefix(ct, "text/csv"):
		rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
		if err != nil {
			t.Errorf("%s: %v", path, err)
		}
		return max(0, len(rows)-1)
	}
	var p struct{ Items []any }
	if json.Unmarshal(r.body, &p) == nil {
		return len(p.Items)
	}
	return 0
}

func (c *leakChecker) check(path string, r response) { c.checkExcept(path, r, "") }

// checkExcept is check, not counting the token except.
func (c *leakChecker) checkExcept(path string, r response, except string) {
	if r.status >= 500 {
		c.t.Errorf("%s: %d %s", path, r.status, r.body)
	}
	var headers strings.Builder
	for k, vs := range r.header {
		headers.WriteString(k + ": " + strings.Join(vs, ",") + "\n")
	}
	for _, text := range []string{string(r.body), headers.String()} {
		for _, tok := range tokenPattern.FindAllString(text, -1) {
			if strings.EqualFold(tok, except) {
				continue
			}
			c.seen[strings.ToLower(tok)] = true
			if c.secret[tok] {
				c.t.Errorf("%s: the screened token %s is public", path, tok)
			}
		}
	}
	var body any
	if json.Unmarshal(r.body, &body) == nil {
		c.checkObjects(path, body)
		if found := offl.FindIdentityNumbers(strings.Join(textValues(body, nil), "\n")); len(found) > 0 {
			c.t.Errorf("%s: an identity number is public: %v", path, found)
		}
	}
}

// identifierKeys hold cursors and request IDs, and wireIDPattern matches
// record IDs wherever they stand (also inside URLs): a run of 11 digits in
// a random hex ID is noise, not a person's number, so they are not scanned.
var (
	identifierKeys = map[string]bool{"next": true, "requestId": true}
	wireIDPattern  = regexp.MustCompile(`\b[a-z]{2,3}_[0-9a-f]{32}\b`)
)

// textValues collects the string values of a JSON document, leaving out
// identifiers.
func textValues(v any, out []string) []string {
	switch x := v.(type) {
	case string:
		out = append(out, wireIDPattern.ReplaceAllString(x, ""))
	case map[string]any:
		for k, child := range x {
			if !identifierKeys[k] {
				out = textValues(child, out)
			}
		}
	case []any:
		for _, child := range x {
			out = textValues(child, out)
		}
	}
	return out
}

// checkObjects finds each entry in a response and checks that none of the
// terms withheld on it appears in what the response says of it.
func (c *leakChecker) checkObjects(path string, v any) {
	switch x := v.(type) {
	case map[string]any:
		if id, _ := x["id"].(string); len(c.terms[id]) > 0 {
			b, _ := json.Marshal(x)
			text := strings.ToLower(string(b))
			for _, term := range c.terms[id] {
				if strings.Contains(text, strings.ToLower(term)) {
					c.t.Errorf("%s: %q withheld on %s is shown", path, term, id)
				}
			}
		}
		for _, child := range x {
			c.checkObjects(path, child)
		}
	case []any:
		for _, child := range x {
			c.checkObjects(path, child)
		}
	}
}

// next returns the request for the next page, "" at the end. Entries of
// the unfiltered journal list are counted on the way.
func (c *leakChecker) next(path string, r response) string {
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
		Next string `json:"next"`
	}
	if json.Unmarshal(r.body, &page) != nil {
		return ""
	}
	u, _ := url.Parse(path)
	if u.Path == "/v1/journalpost" && len(u.Query()) == 1+boolInt(u.Query().Has("cursor")) {
		if c.listed == nil {
			c.listed = map[string]bool{}
		}
		for _, it := range page.Items {
			if c.listed[it.ID] {
				c.t.Errorf("%s twice in the journal list", it.ID)
			}
			c.listed[it.ID] = true
		}
	}
	if page.Next == "" {
		return ""
	}
	q := u.Query()
	q.Set("cursor", page.Next)
	return u.Path + "?" + q.Encode()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
