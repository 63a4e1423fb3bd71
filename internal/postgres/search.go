package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/journal"
)

// Search answers a public search from the projection.
//
// Matching uses the GIN index on tsv. Date-sorted results page by keyset
// like every list. Relevance cannot be computed exactly at scale without
// reading every match (PostgreSQL has no top-k cut-off: every match costs
// microseconds, hundreds of milliseconds for a common word in a million
// entries), so it ranks a bounded candidate set: the newest 200
// (matchPlan.candidates) matches, plus the newest 200 whose title,
// case title or names match (head_tsv). Those are the rows ts_rank scores
// highest, so the first pages are the best; a query with fewer matches is
// ranked whole, and the rest of a broad one is one sort=newest away.
var _ journal.Searcher = (*PublicStore)(nil)

const (
	// totalLimit bounds the count of matches: beyond it the total is
	// reported as "at least".
	totalLimit = 1000
	// exportBatch is how many rows EachMatch reads per statement.
	exportBatch = 500
	// highlightTextChars bounds the document text a snippet is cut from.
	highlightTextChars = 20_000
)

const journalpostOrder = `p.journaldato DESC, p.journalaar DESC, p.journalsekvensnummer DESC`

// Search returns one page of matches.
func (s *PublicStore) Search(ctx context.Context, q journal.SearchQuery) (journal.SearchResult, error) {
	res, err := s.search(ctx, q)
	return res, translateSearch(err)
}

func (s *PublicStore) search(ctx context.Context, q journal.SearchQuery) (journal.SearchResult, error) {
	var res journal.SearchResult
	n, err := limit(q.Limit)
	if err != nil {
		return res, err
	}
	sort := q.Sort
	if sort == "" {
		sort = journal.SortRelevance
	}
	c, err := s.compile(ctx, q.SearchFilter)
	if err != nil {
		return res, err
	}
	if sort == journal.SortRelevance && c.rank == "" {
		sort = journal.SortNewest // nothing to rank by: identifiers or filters only
	}
	fingerprint := searchFingerprint(q.SearchFilter, sort)
	after, err := decodeSearchCursor(q.Cursor, fingerprint)
	if err != nil {
		return res, err
	}
	if sort == journal.SortRelevance {
		res, err = s.searchRanked(ctx, c, n, after, fingerprint)
	} else {
		res, err = s.searchByDate(ctx, c, sort, n, after, fingerprint)
	}
	if err != nil {
		return res, err
	}
	if q.Facets {
		if res.Facets, err = s.facets(ctx, c.filter); err != nil {
			return res, err
		}
		// Every match has a year: the facet gives the exact total.
		res.Total, res.TotalExact = 0, true
		for _, c := range res.Facets.Year {
			res.Total += c.Count
		}
	}
	return res, nil
}

// compiledSearch is a search filter as SQL conditions on "p", with the
// tsquery that ranks and highlights ("" when the query has no words).
type compiledSearch struct {
	filter
	// head is filter for the rows found through head_tsv.
	head filter
	rank string
}

// compile turns a filter into SQL, computing its tsqueries.
func (s *PublicStore) compile(ctx context.Context, q journal.SearchFilter) (compiledSearch, error) {
	var c compiledSearch
	var t tsqueries
	f := &c.filter
	dateRange(f, "p.journaldato", q.Journaldato)
	dateRange(f, "p.dokumentets_dato", q.DokumentetsDato)
	if !q.PublisertDato.From.IsZero() {
		f.add("p.publisert_dato >= ?::date", q.PublisertDato.From.Format(time.DateOnly))
	}
	if !q.PublisertDato.To.IsZero() {
		f.add("p.publisert_dato < ?::date + 1", q.PublisertDato.To.Format(time.DateOnly))
	}
	if len(q.Journalposttype) > 0 {
		types := make([]string, len(q.Journalposttype))
		for i, t := range q.Journalposttype {
			types[i] = string(t)
		}
		f.add("p.journalposttype = ANY(?)", pq.Array(types))
	}
	if err := s.enhetCondition(ctx, f, "p.administrativ_enhet_id", q.Enhet, q.IncludeSubunits); err != nil {
		return c, err
	}
	if q.SaksmappeID != "" {
		if !isUUID(q.SaksmappeID) {
			return c, journal.FieldError("query.saksmappe", "no saksmappe with that id")
		}
		f.add("p.saksmappe_id = ?", q.SaksmappeID)
	}
	if q.Saksaar != 0 {
		f.add("p.saksaar = ?", q.Saksaar)
	}
	if q.Sakssekvensnummer != 0 {
		f.add("p.sakssekvensnummer = ?", q.Sakssekvensnummer)
	}
	if q.Journalpostnummer != 0 {
		f.add("p.journalpostnummer = ?", q.Journalpostnummer)
	}
	if name := strings.TrimSpace(q.Korrespondansepart); name != "" {
		// The vector finds candidates fast; the substring test keeps those
		// where the words are in a searchable name, not in the title.
		f.add(`p.tsv @@ ?::tsquery AND p.search_names ILIKE ? ESCAPE '\'`,
			t.add("phraseto_tsquery('norwegian', ?)", []any{name}), "%"+escapeLike(name)+"%")
	}
	if q.Basis != "" {
		f.add("(p.basis = ? OR p.basis LIKE ? ESCAPE '\\')", q.Basis, escapeLike(q.Basis)+"-%")
	}
	if q.HarDokument != nil {
		f.add("p.har_dokument = ?", *q.HarDokument)
	}
	c.head = filter{conds: slices.Clone(f.conds), args: slices.Clone(f.args)}
	var rank []any
	if q.Text != nil {
		var args []any
		cond := textCondition(q.Text, &args, &t)
		f.add(cond, args...)
		// The head arm of a ranked search finds rows by head_tsv; the full
		// condition must hold too, but as a filter on those rows: offered
		// as a second index condition, the planner would AND two bitmaps
		// of correlated words it thinks independent.
		c.head.add("coalesce("+cond+", false)", args...)
		if ref, ok := rankingQuery(q.Text, &t); ok {
			rank = []any{ref}
		}
	}
	if err := t.resolve(ctx, s.db, f.args, c.head.args, rank); err != nil {
		return c, err
	}
	if len(rank) == 1 {
		c.rank = rank[0].(string)
	}
	return c, nil
}

func dateRange(f *filter, column string, r journal.DateRange) {
	if !r.From.IsZero() {
		f.add(column+" >= ?", r.From.Format(time.DateOnly))
	}
	if !r.To.IsZero() {
		f.add(column+" <= ?", r.To.Format(time.DateOnly))
	}
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// searchByDate pages through the matches by journaldato.
func (s *PublicStore) searchByDate(ctx context.Context, c compiledSearch, sort journal.SearchSort, n int, after *searchCursor, fingerprint string) (journal.SearchResult, error) {
	var res journal.SearchResult
	order, cmp := journalpostOrder, "<"
	if sort == journal.SortOldest {
		order, cmp = `p.journaldato, p.journalaar, p.journalsekvensnummer`, ">"
	}
	page := c.filter
	if after != nil {
		page.add("(p.journaldato, p.journalaar, p.journalsekvensnummer) "+cmp+" (?::date, ?, ?)", after.Date, after.A, after.B)
	}
	hits, err := s.selectHits(ctx, c.rank, page.where()+` ORDER BY `+order+` LIMIT ?`, append(page.args, n+1))
	if err != nil {
		return res, err
	}
	if len(hits) > n {
		hits = hits[:n]
		last := hits[n-1]
		res.Next = searchCursor{Fingerprint: fingerprint, Date: last.Journaldato.Format(time.DateOnly),
			A: last.Journalaar, B: last.Journalsekvensnummer}.encode()
	}
	res.Hits = hits
	if after == nil && res.Next == "" {
		// The first page holds every match: no need to count them.
		res.Total, res.TotalExact = len(hits), true
		return res, nil
	}
	res.Total, res.TotalExact, err = s.countMatches(ctx, c.filter)
	return res, err
}

// countMatches counts up to totalLimit matches.
func (s *PublicStore) countMatches(ctx context.Context, f filter) (int, bool, error) {
	var total int
	query := sqlx.Rebind(sqlx.DOLLAR, `SELECT count(*) FROM (SELECT 1 FROM public_journalpost p`+f.where()+` LIMIT ?) m`)
	if err := s.db.GetContext(ctx, &total, query, append(f.args, totalLimit+1)...); err != nil {
		return 0, false, fmt.Errorf("count matches: %w", err)
	}
	if total > totalLimit {
		return totalLimit, false, nil
	}
	return total, true, nil
}

// rankedRow is a candidate with its score.
type rankedRow struct {
	ID   string    `db:"id"`
	Rank float32   `db:"rank"`
	Date time.Time `db:"journaldato"`
	Aar  int       `db:"journalaar"`
	Seq  int       `db:"journalsekvensnummer"`
}

// How newestMatches looks for matches: it reads the newest sampleRows
// entries first; when they hold matches often enough to find k within
// walkRows entries, it reads on in date order, and otherwise it lets the
// GIN index list every match and keeps the newest. Either way the answer
// is the same: the newest k matches. Only the cost differs, and it stays
// bounded: reading in date order costs k/frequency rows, the index costs
// frequency × table rows, and the sample picks the cheaper. (The planner
// cannot: it guesses how often words occur together, and is wrong by
// factors of five for phrases and related words.)
type matchPlan struct {
	sampleRows, walkRows int64
	// candidates is how many of each arm's newest matches are ranked.
	candidates int
}

var defaultMatchPlan = matchPlan{sampleRows: 2_000, walkRows: 20_000, candidates: 200}

// newestMatches returns the IDs of the newest k rows that satisfy f, in a
// table of at most rows rows.
func (s *PublicStore) newestMatches(ctx context.Context, f filter, k int, rows int64) ([]string, error) {
	plan := s.matchPlan
	if rows <= plan.walkRows {
		return s.indexNewest(ctx, f, k) // a small table: every way is cheap, this one is one statement
	}
	ids, err := s.walkNewest(ctx, f, k, plan.sampleRows)
	if err != nil || len(ids) == k {
		return ids, err
	}
	if int64(len(ids))*plan.walkRows >= int64(k)*plan.sampleRows {
		if ids, err = s.walkNewest(ctx, f, k, plan.walkRows); err != nil || len(ids) == k {
			return ids, err
		}
	}
	return s.indexNewest(ctx, f, k)
}

// walkNewest finds the newest k matches among the newest rows entries,
// reading them in date order.
func (s *PublicStore) walkNewest(ctx context.Context, f filter, k int, rows int64) ([]string, error) {
	var ids []string
	query := sqlx.Rebind(sqlx.DOLLAR, `SELECT p.id FROM (SELECT * FROM public_journalpost p
		ORDER BY `+journalpostOrder+` LIMIT ?) p`+f.where()+` ORDER BY `+journalpostOrder+` LIMIT ?`)
	if err := s.db.SelectContext(ctx, &ids, query, append(append([]any{rows}, f.args...), k)...); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return ids, nil
}

// indexNewest finds the newest k matches through the indexes (bitmap
// scans) and sorts them: "+ 0" makes the date order an expression, which
// the date index cannot deliver, so the planner cannot choose to read the
// table in date order and hope to meet a rare word soon.
func (s *PublicStore) indexNewest(ctx context.Context, f filter, k int) ([]string, error) {
	var ids []string
	query := sqlx.Rebind(sqlx.DOLLAR, `SELECT p.id FROM public_journalpost p`+f.where()+`
		ORDER BY p.journaldato + 0 DESC, p.journalaar + 0 DESC, p.journalsekvensnummer + 0 DESC LIMIT ?`)
	if err := s.db.SelectContext(ctx, &ids, query, append(f.args, k)...); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return ids, nil
}

// searchRanked pages through the ranked candidate set. Every page is
// pinned to the rows that existed at the first (seq ≤ watermark), so that
// new entries cannot change the candidates between pages.
func (s *PublicStore) searchRanked(ctx context.Context, c compiledSearch, n int, after *searchCursor, fingerprint string) (journal.SearchResult, error) {
	var res journal.SearchResult
	var watermark int64
	if after != nil {
		watermark = after.Watermark
	} else if err := s.db.GetContext(ctx, &watermark, `SELECT coalesce(max(seq), 0) FROM public_journalpost`); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	pinned, head := c.filter, c.head
	// "+ 0": a filter, not an index condition; it keeps nearly every row.
	pinned.add("p.seq + 0 <= ?", watermark)
	head.add("p.seq + 0 <= ?", watermark)
	head.add("p.head_tsv @@ ?::tsquery", c.rank)
	recent, err := s.newestMatches(ctx, pinned, s.matchPlan.candidates, watermark)
	if err != nil {
		return res, err
	}
	var titled []string
	if len(recent) == s.matchPlan.candidates {
		// Only a query with more matches than that can have title matches
		// beyond them.
		if titled, err = s.newestMatches(ctx, head, s.matchPlan.candidates, watermark); err != nil {
			return res, err
		}
	}
	candidates := append(slices.Clone(recent), titled...)
	slices.Sort(candidates)
	candidates = slices.Compact(candidates)
	res.Ranked = len(candidates)
	res.Total, res.TotalExact = len(recent), len(recent) < s.matchPlan.candidates

	args := []any{c.rank, pq.Array(candidates)}
	keyset := ""
	if after != nil {
		keyset = ` WHERE (r.rank, r.journaldato, r.journalaar, r.journalsekvensnummer) < (?::real, ?::date, ?, ?)`
		args = append(args, after.Rank, after.Date, after.A, after.B)
	}
	args = append(args, n+1)
	query := sqlx.Rebind(sqlx.DOLLAR, `SELECT * FROM (
			SELECT p.id, ts_rank(p.head_tsv, ?::tsquery) AS rank, p.journaldato, p.journalaar, p.journalsekvensnummer
			FROM public_journalpost p WHERE p.id = ANY(?::uuid[])) r`+keyset+`
		ORDER BY r.rank DESC, r.journaldato DESC, r.journalaar DESC, r.journalsekvensnummer DESC LIMIT ?`)
	var rows []rankedRow
	if err := s.db.SelectContext(ctx, &rows, query, args...); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	if len(rows) > n {
		last := rows[n-1]
		res.Next = searchCursor{Fingerprint: fingerprint, Watermark: watermark, Rank: last.Rank,
			Date: last.Date.Format(time.DateOnly), A: last.Aar, B: last.Seq}.encode()
		rows = rows[:n]
	}
	if len(rows) == 0 {
		return res, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	hits, err := s.selectHits(ctx, c.rank, ` WHERE p.id = ANY(?)`, []any{pq.Array(ids)})
	if err != nil {
		return res, err
	}
	byID := make(map[string]journal.SearchHit, len(hits))
	for _, h := range hits {
		byID[h.ID] = h
	}
	for _, id := range ids {
		if h, ok := byID[id]; ok { // gone since the ranking: skipped
			res.Hits = append(res.Hits, h)
		}
	}
	return res, nil
}

// hitRow is a projection row with its highlighted texts.
type hitRow struct {
	publicJournalpostRow
	HighlightTitle string `db:"hl_offentlig_tittel"`
	HighlightCase  string `db:"hl_saksmappe_tittel"`
	HighlightText  string `db:"hl_dokumenttekst"`
}

// selectHits reads entries with highlights of their public text around
// the words of the tsquery rank (none when ""): the title, the case title
// and fragments of the document text. tail is the WHERE clause and order
// with ? placeholders for args. PostgreSQL computes the highlights after
// the LIMIT, for the page's rows only.
func (s *PublicStore) selectHits(ctx context.Context, rank string, tail string, args []any) ([]journal.SearchHit, error) {
	var hlArgs []any
	columns := `'' AS hl_offentlig_tittel, '' AS hl_saksmappe_tittel, '' AS hl_dokumenttekst`
	from := ""
	if rank != "" {
		const full = `'StartSel=` + journal.HighlightStart + `, StopSel=` + journal.HighlightEnd + `, HighlightAll=true'`
		const fragments = `'StartSel=` + journal.HighlightStart + `, StopSel=` + journal.HighlightEnd +
			`, MaxFragments=2, MaxWords=25, MinWords=10, FragmentDelimiter=" … "'`
		columns = `ts_headline('norwegian', p.offentlig_tittel, hq.q, ` + full + `) AS hl_offentlig_tittel,
			ts_headline('norwegian', p.saksmappe_tittel, hq.q, ` + full + `) AS hl_saksmappe_tittel,
			CASE WHEN p.search_text = '' THEN '' ELSE ts_headline('norwegian',
				left(p.search_text, ` + strconv.Itoa(highlightTextChars) + `), hq.q, ` + fragments + `) END AS hl_dokumenttekst`
		from = ` CROSS JOIN (SELECT ?::tsquery AS q) hq`
		hlArgs = append(hlArgs, rank)
	}
	query := sqlx.Rebind(sqlx.DOLLAR, `SELECT `+publicJournalpostColumns+`, `+columns+`
		FROM public_journalpost p
		LEFT JOIN public_enhet e ON e.id = p.administrativ_enhet_id`+from+tail)
	var rows []hitRow
	if err := s.db.SelectContext(ctx, &rows, query, append(hlArgs, args...)...); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := make([]journal.SearchHit, len(rows))
	for i, r := range rows {
		v, err := r.view()
		if err != nil {
			return nil, err
		}
		out[i] = journal.SearchHit{PublicJournalpost: v}
		for field, h := range map[string]string{"offentligTittel": r.HighlightTitle,
			"saksmappeTittel": r.HighlightCase, "dokumenttekst": r.HighlightText} {
			if strings.Contains(h, journal.HighlightStart) {
				if out[i].Highlights == nil {
					out[i].Highlights = map[string]string{}
				}
				out[i].Highlights[field] = h
			}
		}
	}
	return out, nil
}

// facets counts the matches by type, unit, year and basis in one scan.
func (s *PublicStore) facets(ctx context.Context, f filter) (*journal.Facets, error) {
	var rows []struct {
		Facet string `db:"facet"`
		Key   string `db:"key"`
		Label string `db:"label"`
		Count int    `db:"count"`
	}
	query := sqlx.Rebind(sqlx.DOLLAR, `WITH m AS (
			SELECT p.journalposttype, p.administrativ_enhet_id, extract(year FROM p.journaldato)::int AS year, p.basis
			FROM public_journalpost p`+f.where()+`),
		g AS (
			SELECT journalposttype, administrativ_enhet_id, year, basis, count(*) AS n,
				GROUPING(journalposttype, administrativ_enhet_id, year, basis) AS grp
			FROM m GROUP BY GROUPING SETS ((journalposttype), (administrativ_enhet_id), (year), (basis)))
		SELECT CASE grp WHEN 7 THEN 'journalposttype' WHEN 11 THEN 'enhet' WHEN 13 THEN 'year' ELSE 'basis' END AS facet,
			coalesce(journalposttype, e.kode, year::text, basis, '') AS key, coalesce(e.navn, '') AS label, n AS count
		FROM g LEFT JOIN public_enhet e ON e.id = g.administrativ_enhet_id
		WHERE NOT (grp = 11 AND administrativ_enhet_id IS NULL) AND NOT (grp = 14 AND basis IS NULL)
		ORDER BY 1, 4 DESC, 2`)
	if err := s.db.SelectContext(ctx, &rows, query, f.args...); err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	out := &journal.Facets{}
	for _, r := range rows {
		c := journal.Count{Key: r.Key, Label: r.Label, Count: r.Count}
		switch r.Facet {
		case "journalposttype":
			out.Journalposttype = append(out.Journalposttype, c)
		case "enhet":
			out.Enhet = append(out.Enhet, c)
		case "year":
			out.Year = append(out.Year, c)
		default:
			out.Basis = append(out.Basis, c)
		}
	}
	return out, nil
}

// EachMatch streams every match, newest first, a batch per statement, so
// that memory stays constant and no statement runs long.
func (s *PublicStore) EachMatch(ctx context.Context, q journal.SearchFilter, fn func(journal.PublicJournalpost) error) error {
	return translateSearch(s.eachMatch(ctx, q, fn))
}

func (s *PublicStore) eachMatch(ctx context.Context, q journal.SearchFilter, fn func(journal.PublicJournalpost) error) error {
	c, err := s.compile(ctx, q)
	if err != nil {
		return err
	}
	var after *journal.PublicJournalpost
	for {
		page := c.filter
		if after != nil {
			page.add("(p.journaldato, p.journalaar, p.journalsekvensnummer) < (?::date, ?, ?)",
				after.Journaldato.Format(time.DateOnly), after.Journalaar, after.Journalsekvensnummer)
		}
		query := sqlx.Rebind(sqlx.DOLLAR, publicJournalpostSelect+page.where()+` ORDER BY `+journalpostOrder+` LIMIT ?`)
		items, err := s.selectJournalposts(ctx, s.db, query, append(page.args, exportBatch)...)
		if err != nil {
			return err
		}
		for _, it := range items {
			if err := fn(it); err != nil {
				return err
			}
		}
		if len(items) < exportBatch {
			return nil
		}
		after = &items[len(items)-1]
	}
}

// translateSearch turns a cancelled statement (statement_timeout) into
// ErrUnavailable, so that a search too costly to answer in time is a 503
// the client may retry or narrow, not an internal error.
func translateSearch(err error) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "57014" { // query_canceled
		return journal.Errorf(journal.ErrUnavailable, "the search took too long; narrow it with more words or filters, or try again")
	}
	return err
}

// searchFingerprint identifies a search's filter and order, so that a
// cursor is refused on any other search.
func searchFingerprint(f journal.SearchFilter, sort journal.SearchSort) string {
	text := ""
	if f.Text != nil {
		text = f.Text.String()
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%s|%v|%v|%v|%v|%s|%t|%s|%d|%d|%d|%s|%s|%v|%s", text,
		f.Journaldato, f.DokumentetsDato, f.PublisertDato, f.Journalposttype, f.Enhet, f.IncludeSubunits,
		f.SaksmappeID, f.Saksaar, f.Sakssekvensnummer, f.Journalpostnummer, f.Korrespondansepart, f.Basis, boolFilter(f.HarDokument), sort))
	return base64.RawURLEncoding.EncodeToString(sum[:9])
}

func boolFilter(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}
