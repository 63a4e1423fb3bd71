package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/searchquery"
)

// Search answers a public search from the projection.
//
// Matching uses the GIN index on tsv. Date-sorted results page by keyset
// like every list. Relevance cannot be computed exactly at scale without
// reading every match (PostgreSQL has no top-k cut-off: every match costs
// microseconds, hundreds of milliseconds for a common word in a million
// entries), so it ranks a bounded candidate set: the newest
// rankedCandidates matches, plus the newest rankedCandidates whose title,
// case title or names match. Those are the rows ts_rank can score highest,
// so the first pages are the true best; the rest is one sort=newest away.
var _ journal.Searcher = (*PublicStore)(nil)

const (
	rankedCandidates = 1000
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
	var rankQ string
	var rankArgs []any
	if sort == journal.SortRelevance {
		var ok bool
		if rankQ, ok = rankingQuery(q.Text, &rankArgs); !ok {
			sort = journal.SortNewest // nothing to rank by: identifiers or filters only
		}
	}
	fingerprint := searchFingerprint(q.SearchFilter, sort)
	after, err := decodeSearchCursor(q.Cursor, fingerprint)
	if err != nil {
		return res, err
	}
	f, err := s.searchFilter(ctx, q.SearchFilter)
	if err != nil {
		return res, err
	}
	if sort == journal.SortRelevance {
		res, err = s.searchRanked(ctx, f, q.Text, rankQ, rankArgs, n, after, fingerprint)
	} else {
		res, err = s.searchByDate(ctx, f, q.Text, sort, n, after, fingerprint)
	}
	if err != nil {
		return res, err
	}
	if q.Facets {
		if res.Facets, err = s.facets(ctx, f); err != nil {
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

// searchFilter turns a filter into WHERE conditions on "p".
func (s *PublicStore) searchFilter(ctx context.Context, q journal.SearchFilter) (filter, error) {
	var f filter
	dateRange(&f, "p.journaldato", q.Journaldato)
	dateRange(&f, "p.dokumentets_dato", q.DokumentetsDato)
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
	if err := s.enhetCondition(ctx, &f, "p.administrativ_enhet_id", q.Enhet, q.IncludeSubunits); err != nil {
		return f, err
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
		f.add(`p.tsv @@ (SELECT phraseto_tsquery('norwegian', ?)) AND p.search_names ILIKE ? ESCAPE '\'`,
			name, "%"+escapeLike(name)+"%")
	}
	if q.Basis != "" {
		f.add("(p.basis = ? OR p.basis LIKE ? ESCAPE '\\')", q.Basis, escapeLike(q.Basis)+"-%")
	}
	if q.HarDokument != nil {
		f.add("p.har_dokument = ?", *q.HarDokument)
	}
	if q.Text != nil {
		var args []any
		f.add(textCondition(q.Text, &args), args...)
	}
	return f, nil
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
func (s *PublicStore) searchByDate(ctx context.Context, f filter, text searchquery.Expr, sort journal.SearchSort, n int, after *searchCursor, fingerprint string) (journal.SearchResult, error) {
	var res journal.SearchResult
	order, cmp := journalpostOrder, "<"
	if sort == journal.SortOldest {
		order, cmp = `p.journaldato, p.journalaar, p.journalsekvensnummer`, ">"
	}
	page := f
	if after != nil {
		page.add("(p.journaldato, p.journalaar, p.journalsekvensnummer) "+cmp+" (?::date, ?, ?)", after.Date, after.A, after.B)
	}
	hits, err := s.selectHits(ctx, text, page.where()+` ORDER BY `+order+` LIMIT ?`, append(page.args, n+1))
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
	res.Total, res.TotalExact, err = s.countMatches(ctx, f)
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
	ID         string    `db:"id"`
	Rank       float32   `db:"rank"`
	Date       time.Time `db:"journaldato"`
	Aar        int       `db:"journalaar"`
	Seq        int       `db:"journalsekvensnummer"`
	Candidates int       `db:"candidates"`
	Recent     int       `db:"recent"`
	Watermark  int64     `db:"watermark"`
}

// searchRanked pages through the ranked candidate set. Every page is
// pinned to the rows that existed at the first (seq ≤ watermark), so that
// new entries cannot reshuffle the candidates between pages.
func (s *PublicStore) searchRanked(ctx context.Context, f filter, text searchquery.Expr, rankQ string, rankArgs []any, n int, after *searchCursor, fingerprint string) (journal.SearchResult, error) {
	var res journal.SearchResult
	var watermark *int64
	if after != nil {
		watermark = &after.Watermark
	}
	pinned := f
	pinned.add("p.seq <= (SELECT w FROM watermark)")
	// ? placeholders are positional: arguments are appended in the order
	// their placeholders appear in the statement.
	args := []any{watermark}
	args = append(args, pinned.args...)
	args = append(args, rankedCandidates)
	args = append(args, pinned.args...)
	args = append(args, rankArgs...)
	args = append(args, rankedCandidates)
	args = append(args, rankArgs...)
	keyset := ""
	if after != nil {
		keyset = ` WHERE (r.rank, r.journaldato, r.journalaar, r.journalsekvensnummer) < (?::real, ?::date, ?, ?)`
		args = append(args, after.Rank, after.Date, after.A, after.B)
	}
	args = append(args, n+1)
	query := sqlx.Rebind(sqlx.DOLLAR, `WITH watermark AS (
			SELECT coalesce(?::bigint, (SELECT max(seq) FROM public_journalpost), 0) AS w),
		recent AS MATERIALIZED (
			SELECT p.id FROM public_journalpost p`+pinned.where()+` ORDER BY `+journalpostOrder+` LIMIT ?),
		head AS MATERIALIZED (
			SELECT p.id FROM public_journalpost p`+pinned.where()+` AND p.head_tsv @@ (SELECT `+rankQ+`)
			ORDER BY `+journalpostOrder+` LIMIT ?),
		candidate AS (SELECT id FROM recent UNION SELECT id FROM head),
		ranked AS (
			SELECT p.id, ts_rank(p.head_tsv, (SELECT `+rankQ+`)) AS rank, p.journaldato, p.journalaar,
				p.journalsekvensnummer
			FROM candidate c JOIN public_journalpost p ON p.id = c.id)
		SELECT r.id, r.rank, r.journaldato, r.journalaar, r.journalsekvensnummer,
			(SELECT count(*) FROM candidate) AS candidates, (SELECT count(*) FROM recent) AS recent,
			(SELECT w FROM watermark) AS watermark
		FROM ranked r`+keyset+`
		ORDER BY r.rank DESC, r.journaldato DESC, r.journalaar DESC, r.journalsekvensnummer DESC LIMIT ?`)
	var rows []rankedRow
	if err := s.db.SelectContext(ctx, &rows, query, args...); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	if len(rows) > 0 {
		res.Ranked = rows[0].Candidates
		res.Total, res.TotalExact = rows[0].Recent, rows[0].Recent < rankedCandidates
	} else if after == nil {
		res.TotalExact = true
	}
	if !res.TotalExact && res.Total < totalLimit {
		res.Total = totalLimit
	}
	if len(rows) > n {
		last := rows[n-1]
		res.Next = searchCursor{Fingerprint: fingerprint, Watermark: last.Watermark, Rank: last.Rank,
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
	hits, err := s.selectHits(ctx, text, ` WHERE p.id = ANY(?)`, []any{pq.Array(ids)})
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
// the words of text (none when text is nil): the title, the case title
// and fragments of the document text. tail is the WHERE clause and order
// with ? placeholders for args. PostgreSQL computes the highlights after
// the LIMIT, for the page's rows only.
func (s *PublicStore) selectHits(ctx context.Context, text searchquery.Expr, tail string, args []any) ([]journal.SearchHit, error) {
	var hlArgs []any
	tsq, ok := rankingQuery(text, &hlArgs)
	columns := `'' AS hl_offentlig_tittel, '' AS hl_saksmappe_tittel, '' AS hl_dokumenttekst`
	from := ""
	if ok {
		const full = `'StartSel=` + journal.HighlightStart + `, StopSel=` + journal.HighlightEnd + `, HighlightAll=true'`
		const fragments = `'StartSel=` + journal.HighlightStart + `, StopSel=` + journal.HighlightEnd +
			`, MaxFragments=2, MaxWords=25, MinWords=10, FragmentDelimiter=" … "'`
		columns = `ts_headline('norwegian', p.offentlig_tittel, hq.q, ` + full + `) AS hl_offentlig_tittel,
			ts_headline('norwegian', p.saksmappe_tittel, hq.q, ` + full + `) AS hl_saksmappe_tittel,
			CASE WHEN p.search_text = '' THEN '' ELSE ts_headline('norwegian',
				left(p.search_text, ` + strconv.Itoa(highlightTextChars) + `), hq.q, ` + fragments + `) END AS hl_dokumenttekst`
		from = ` CROSS JOIN (SELECT ` + tsq + ` AS q) hq`
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
	f, err := s.searchFilter(ctx, q)
	if err != nil {
		return err
	}
	var after *journal.PublicJournalpost
	for {
		page := f
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
	sum := sha256.Sum256(fmt.Appendf(nil, "%s|%v|%v|%v|%v|%s|%t|%d|%d|%d|%s|%s|%v|%s", text,
		f.Journaldato, f.DokumentetsDato, f.PublisertDato, f.Journalposttype, f.Enhet, f.IncludeSubunits,
		f.Saksaar, f.Sakssekvensnummer, f.Journalpostnummer, f.Korrespondansepart, f.Basis, boolFilter(f.HarDokument), sort))
	return base64.RawURLEncoding.EncodeToString(sum[:9])
}

func boolFilter(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}
