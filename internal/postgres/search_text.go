package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	sq "github.com/innsyn/innsyn/internal/searchquery"
)

// The query language is compiled to SQL here. Every word and phrase is a
// bound parameter: PostgreSQL stems it (plainto_tsquery, phraseto_tsquery
// with the norwegian configuration, as the stored vectors are built), so
// no user text is ever part of the SQL. Text-only subtrees become one
// tsquery each; saksnummer and organisasjonsnummer terms become exact
// column conditions.
//
// The tsqueries are computed in a round trip of their own and sent to the
// search as constants (?::tsquery). That is for the planner: it estimates
// how many rows a constant tsquery matches from the column's statistics,
// and so walks the date index for a common word but the GIN index for a
// rare one. Behind a function call or a subquery it cannot see the words,
// guesses, and a rare word sorted by date then reads the whole table.

// tsqueries collects tsquery expressions to compute in one statement.
type tsqueries struct {
	exprs []string
	args  []any
}

// tsqueryRef stands in an argument list for the value of tsquery i until
// it is known.
type tsqueryRef int

// add records a tsquery expression and returns its stand-in.
func (t *tsqueries) add(expr string, args []any) tsqueryRef {
	t.exprs = append(t.exprs, expr)
	t.args = append(t.args, args...)
	return tsqueryRef(len(t.exprs) - 1)
}

// resolve computes the tsqueries and puts their values in place of their
// stand-ins in the argument lists.
func (t *tsqueries) resolve(ctx context.Context, db sqlx.QueryerContext, lists ...[]any) error {
	if len(t.exprs) == 0 {
		return nil
	}
	var values pq.StringArray
	query := sqlx.Rebind(sqlx.DOLLAR, "SELECT ARRAY[("+strings.Join(t.exprs, ")::text, (")+")::text]")
	if err := sqlx.GetContext(ctx, db, &values, query, t.args...); err != nil {
		return fmt.Errorf("compile query: %w", err)
	}
	for _, args := range lists {
		for i, a := range args {
			if ref, ok := a.(tsqueryRef); ok {
				args[i] = values[ref]
			}
		}
	}
	return nil
}

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
// projection "p", with a stand-in argument for each tsquery.
func textCondition(e sq.Expr, args *[]any, t *tsqueries) string {
	var tsqArgs []any
	if tsq, ok := tsqueryOf(e, &tsqArgs); ok {
		*args = append(*args, t.add(tsq, tsqArgs))
		return "p.tsv @@ ?::tsquery"
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
		return "NOT (" + textCondition(e.X, args, t) + ")"
	case sq.Or:
		parts := make([]string, len(e.Xs))
		for i, x := range e.Xs {
			parts[i] = textCondition(x, args, t)
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
			parts = append(parts, textCondition(text[0], args, t))
		} else if len(text) > 1 {
			parts = append(parts, textCondition(sq.And{Xs: text}, args, t))
		}
		for _, x := range other {
			parts = append(parts, textCondition(x, args, t))
		}
		return "(" + strings.Join(parts, " AND ") + ")"
	}
	return "true"
}

// rankingQuery adds the tsquery that ranks and highlights: the query's
// words and phrases, without its identifier terms and exclusions. ok is
// false when nothing is left (a query of identifiers only).
func rankingQuery(e sq.Expr, t *tsqueries) (ref tsqueryRef, ok bool) {
	positive := positiveText(e)
	if positive == nil {
		return 0, false
	}
	var args []any
	tsq, _ := tsqueryOf(positive, &args)
	return t.add(tsq, args), true
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
