package bench

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Fixture holds the values the cases query, picked from the loaded journal
// by its real distribution, with the number of entries each matches.
type Fixture struct {
	// Published is the number of public entries.
	Published int

	CommonTerm    string
	CommonMatches int
	RareTerm      string
	RareMatches   int
	Phrase        string
	PhraseMatches int

	// Enhet is a unit's kode and EnhetID its ID; From and To are dates
	// (YYYY-MM-DD) of a month.
	Enhet, EnhetID, From, To string
	FilterMatches            int

	// Entries are public entries picked at random, for lookups.
	Entries []Entry

	// TSQuery holds the tsquery of each word and phrase above, as the
	// store compiles it.
	TSQuery map[string]string
}

// Entry is a public entry to look up.
type Entry struct {
	ID                         string `db:"id"`
	Saksaar, Sakssekvensnummer int
}

// The share of public entries the common and rare terms should match.
const (
	commonShare = 0.125 // 10–15 %
	rareShare   = 0.0001
	lookups     = 1000
)

// pickFixture picks the fixture from the public projection.
func pickFixture(ctx context.Context, db *sqlx.DB) (*Fixture, error) {
	f := &Fixture{}
	if err := db.GetContext(ctx, &f.Published, `SELECT count(*) FROM public_journalpost`); err != nil {
		return nil, fmt.Errorf("count entries: %w", err)
	}
	if f.Published == 0 {
		return nil, fmt.Errorf("no public entries to query")
	}
	steps := []func(context.Context, *sqlx.DB) error{f.pickTerms, f.pickPhrase, f.pickFilter, f.pickEntries, f.compile}
	for _, step := range steps {
		if err := step(ctx, db); err != nil {
			return nil, fmt.Errorf("pick query values: %w", err)
		}
	}
	return f, nil
}

// lexeme is a word of the full-text index and the number of entries that
// have it.
type lexeme struct {
	Word string `db:"word"`
	Ndoc int    `db:"ndoc"`
}

// pickTerms picks from the index's own statistics a word in about an
// eighth of the entries and one in about a ten-thousandth (at least one).
func (f *Fixture) pickTerms(ctx context.Context, db *sqlx.DB) error {
	var words []lexeme
	if err := db.SelectContext(ctx, &words, `SELECT word, ndoc FROM ts_stat('SELECT tsv FROM public_journalpost')
		WHERE word ~ '^[[:alpha:]]{4,}$'`); err != nil {
		return fmt.Errorf("term statistics: %w", err)
	}
	n := float64(f.Published)
	var err error
	f.CommonTerm, f.CommonMatches, err = closestTerm(ctx, db, words, n*commonShare)
	if err != nil {
		return err
	}
	f.RareTerm, f.RareMatches, err = closestTerm(ctx, db, words, max(n*rareShare, 1))
	return err
}

// closestTerm returns a word people would type whose entries number
// nearest to target, and the number of entries the query matches.
func closestTerm(ctx context.Context, db *sqlx.DB, words []lexeme, target float64) (string, int, error) {
	byDistance := slices.Clone(words)
	slices.SortFunc(byDistance, func(a, b lexeme) int {
		da, db := math.Abs(float64(a.Ndoc)-target), math.Abs(float64(b.Ndoc)-target)
		return cmp.Or(cmp.Compare(da, db), strings.Compare(a.Word, b.Word))
	})
	for _, w := range byDistance[:min(len(byDistance), 50)] {
		word, err := surfaceWord(ctx, db, w.Word)
		if err != nil {
			return "", 0, err
		}
		if word == "" {
			continue
		}
		n, err := countMatches(ctx, db, word, false)
		return word, n, err
	}
	return "", 0, fmt.Errorf("no word in about %.0f entries", target)
}

// surfaceWord returns the most frequent word of the texts of entries
// that have the lexeme that the query parser turns into exactly that
// lexeme ("tillatelse" for "tillat"), or "" when there is none.
func surfaceWord(ctx context.Context, db *sqlx.DB, lexeme string) (string, error) {
	var texts []string
	if err := db.SelectContext(ctx, &texts, `SELECT offentlig_tittel || ' ' || search_names FROM public_journalpost
		WHERE tsv @@ quote_literal($1)::tsquery LIMIT 50`, lexeme); err != nil {
		return "", fmt.Errorf("texts with %q: %w", lexeme, err)
	}
	counts := map[string]int{}
	for _, t := range texts {
		for _, w := range titleWords.FindAllString(strings.ToLower(t), -1) {
			if isWord(w, 2) {
				counts[w]++
			}
		}
	}
	candidates := slices.Collect(maps.Keys(counts))
	slices.SortFunc(candidates, func(a, b string) int { return cmp.Or(counts[b]-counts[a], strings.Compare(a, b)) })
	var word string
	err := db.GetContext(ctx, &word, `SELECT coalesce((SELECT w FROM unnest($1::text[]) WITH ORDINALITY AS t(w, n)
		WHERE plainto_tsquery('norwegian', w)::text = quote_literal($2) ORDER BY n LIMIT 1), '')`,
		pq.Array(candidates), lexeme)
	return word, err
}

// countMatches counts the entries a word matches, or with phrase the
// entries a phrase matches, as the store compiles them.
func countMatches(ctx context.Context, db *sqlx.DB, text string, phrase bool) (int, error) {
	tsquery := "plainto_tsquery"
	if phrase {
		tsquery = "phraseto_tsquery"
	}
	var n int
	err := db.GetContext(ctx, &n, `SELECT count(*) FROM public_journalpost
		WHERE tsv @@ `+tsquery+`('norwegian', $1)`, text)
	return n, err
}

var titleWords = regexp.MustCompile(`[\pL]+|[^\pL\s]+`)

// pickPhrase picks the most frequent three-word sequence of a sample of
// titles whose outer words have at least four letters: a phrase people
// search for, whose words are common, so that many candidates are checked.
func (f *Fixture) pickPhrase(ctx context.Context, db *sqlx.DB) error {
	var titles []string
	if err := db.SelectContext(ctx, &titles, `SELECT offentlig_tittel FROM public_journalpost
		TABLESAMPLE SYSTEM (least(100, 100 * 20000.0 / greatest(1, $1))) REPEATABLE (2026)`, f.Published); err != nil {
		return fmt.Errorf("sample titles: %w", err)
	}
	counts := map[string]int{}
	for _, t := range titles {
		w := titleWords.FindAllString(strings.ToLower(t), -1)
		for i := 0; i+2 < len(w); i++ {
			if isWord(w[i], 4) && isWord(w[i+1], 1) && isWord(w[i+2], 4) {
				counts[w[i]+" "+w[i+1]+" "+w[i+2]]++
			}
		}
	}
	best, bestN := "", 0
	for p, n := range counts {
		if n > bestN || (n == bestN && p < best) {
			best, bestN = p, n
		}
	}
	if best == "" {
		return fmt.Errorf("no three-word phrase in %d titles", len(titles))
	}
	var err error
	f.Phrase = best
	f.PhraseMatches, err = countMatches(ctx, db, best, true)
	return err
}

func isWord(s string, minLen int) bool {
	return len([]rune(s)) >= minLen && titleWords.FindString(s) == s && !strings.ContainsAny(s, "*0123456789")
}

// pickFilter picks the unit with the most entries and the month six
// months before the newest entry.
func (f *Fixture) pickFilter(ctx context.Context, db *sqlx.DB) error {
	var unit struct {
		ID   string `db:"id"`
		Kode string `db:"kode"`
	}
	if err := db.GetContext(ctx, &unit, `SELECT e.id, e.kode FROM public_journalpost p
		JOIN public_enhet e ON e.id = p.administrativ_enhet_id
		GROUP BY e.id, e.kode ORDER BY count(*) DESC, e.kode LIMIT 1`); err != nil {
		return fmt.Errorf("pick a unit: %w", err)
	}
	var newest time.Time
	if err := db.GetContext(ctx, &newest, `SELECT max(journaldato) FROM public_journalpost`); err != nil {
		return fmt.Errorf("newest entry: %w", err)
	}
	month := time.Date(newest.Year(), newest.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -6, 0)
	f.Enhet, f.EnhetID = unit.Kode, unit.ID
	f.From, f.To = month.Format(time.DateOnly), month.AddDate(0, 1, -1).Format(time.DateOnly)
	return db.GetContext(ctx, &f.FilterMatches, `SELECT count(*) FROM public_journalpost p
		WHERE p.journaldato >= $1 AND p.journaldato <= $2
		AND p.administrativ_enhet_id IN (WITH RECURSIVE sub(id) AS (SELECT $3::uuid UNION ALL
			SELECT e.id FROM public_enhet e JOIN sub ON e.parent_id = sub.id) SELECT id FROM sub)`,
		f.From, f.To, f.EnhetID)
}

// compile computes the tsqueries of the words and the phrase.
func (f *Fixture) compile(ctx context.Context, db *sqlx.DB) error {
	var q struct {
		Common string `db:"common"`
		Rare   string `db:"rare"`
		Phrase string `db:"phrase"`
	}
	if err := db.GetContext(ctx, &q, `SELECT plainto_tsquery('norwegian', $1)::text AS common,
		plainto_tsquery('norwegian', $2)::text AS rare, phraseto_tsquery('norwegian', $3)::text AS phrase`,
		f.CommonTerm, f.RareTerm, f.Phrase); err != nil {
		return fmt.Errorf("compile the queries: %w", err)
	}
	f.TSQuery = map[string]string{f.CommonTerm: q.Common, f.RareTerm: q.Rare, f.Phrase: q.Phrase}
	return nil
}

// pickEntries picks entries at random for the lookups.
func (f *Fixture) pickEntries(ctx context.Context, db *sqlx.DB) error {
	err := db.SelectContext(ctx, &f.Entries, `SELECT id::text AS id, saksaar, sakssekvensnummer
		FROM public_journalpost ORDER BY random() LIMIT $1`, lookups)
	if err != nil {
		return fmt.Errorf("pick entries: %w", err)
	}
	return nil
}
