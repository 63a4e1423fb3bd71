package postgres

import (
	"strings"

	sq "github.com/innsyn/innsyn/internal/searchquery"
)

// The query language is compiled to SQL here. Every word and phrase is a
// bound parameter: PostgreSQL stems it (plainto_tsquery, phraseto_tsquery
// with the norwegian configuration, as the stored vectors are built), so
// no user text is ever part of the SQL. Text-only subtrees become one
// tsquery, matched against the GIN-indexed tsv in one index condition;
// saksnummer and organisasjonsnummer terms become exact column conditions.

// tsqueryOf compiles a tree of words, phrases and operators into a tsquery
// expression; ok is false when the tree holds an identifier term.
func tsqueryOf(e sq.Expr, args *[]any) (sql string, ok bool) {
	switch e := e.(type) {
	case sq.Word:
		*args = append(*args, e.Text)
		return "plainto_tsquery('norwegian', ?)", true
	case sq.Phrase:
		*args = append(*args, e.Text)
		return "phraseto_tsquery('norwegian', ?)", true
	case sq.Not:
		inner, ok := tsqueryOf(e.X, args)
		return "!!(" + inner + ")", ok
	case sq.And:
		return joinTsquery(e.Xs, " && ", args)
	case sq.Or:
		return joinTsquery(e.Xs, " || ", args)
	}
	return "", false
}

func joinTsquery(xs []sq.Expr, op string, args *[]any) (string, bool) {
	if !allText(xs) {
		return "", false
	}
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i], _ = tsqueryOf(x, args)
	}
	return "(" + strings.Join(parts, op) + ")", true
}

// allText reports whether no identifier term occurs in xs.
func allText(xs []sq.Expr) bool {
	for _, x := range xs {
		if _, ok := tsqueryOf(x, new([]any)); !ok {
			return false
		}
	}
	return true
}

// textCondition compiles a query into a WHERE condition on the
// projection "p". A tsquery is wrapped in a scalar subquery so that
// PostgreSQL computes it once per statement, not once per row.
func textCondition(e sq.Expr, args *[]any) string {
	if tsq, ok := tsqueryOf(e, args); ok {
		return "p.tsv @@ (SELECT " + tsq + ")"
	}
	switch e := e.(type) {
	case sq.Saksnummer:
		*args = append(*args, e.Saksaar, e.Sakssekvensnummer)
		cond := "p.saksaar = ? AND p.sakssekvensnummer = ?"
		if e.Journalpostnummer != 0 {
			*args = append(*args, e.Journalpostnummer)
			cond += " AND p.journalpostnummer = ?"
		}
		return "(" + cond + ")"
	case sq.Orgnr:
		*args = append(*args, e.Number)
		return "p.search_orgnr @> ARRAY[?::text]"
	case sq.Not:
		return "NOT (" + textCondition(e.X, args) + ")"
	case sq.Or:
		parts := make([]string, len(e.Xs))
		for i, x := range e.Xs {
			parts[i] = textCondition(x, args)
		}
		return "(" + strings.Join(parts, " OR ") + ")"
	case sq.And:
		// The text terms among the operands still form one tsquery.
		var text, other []sq.Expr
		for _, x := range e.Xs {
			if allText([]sq.Expr{x}) {
				text = append(text, x)
			} else {
				other = append(other, x)
			}
		}
		var parts []string
		if len(text) == 1 {
			parts = append(parts, textCondition(text[0], args))
		} else if len(text) > 1 {
			parts = append(parts, textCondition(sq.And{Xs: text}, args))
		}
		for _, x := range other {
			parts = append(parts, textCondition(x, args))
		}
		return "(" + strings.Join(parts, " AND ") + ")"
	}
	return "true"
}

// rankingQuery is the tsquery that ranks and highlights: the query's
// words and phrases, without its identifier terms and exclusions. ok is
// false when nothing is left (a query of identifiers only).
func rankingQuery(e sq.Expr, args *[]any) (string, bool) {
	positive := positiveText(e)
	if positive == nil {
		return "", false
	}
	return tsqueryOf(positive, args)
}

// positiveText keeps the words and phrases of e that a match contains.
func positiveText(e sq.Expr) sq.Expr {
	switch e := e.(type) {
	case sq.Word, sq.Phrase:
		return e
	case sq.And:
		return keepPositive(e.Xs, func(xs []sq.Expr) sq.Expr { return sq.And{Xs: xs} })
	case sq.Or:
		return keepPositive(e.Xs, func(xs []sq.Expr) sq.Expr { return sq.Or{Xs: xs} })
	}
	return nil
}

func keepPositive(xs []sq.Expr, join func([]sq.Expr) sq.Expr) sq.Expr {
	var kept []sq.Expr
	for _, x := range xs {
		if p := positiveText(x); p != nil {
			kept = append(kept, p)
		}
	}
	switch len(kept) {
	case 0:
		return nil
	case 1:
		return kept[0]
	}
	return join(kept)
}
