package searchquery

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits that keep a query cheap to run.
const (
	MaxLength = 1000 // characters of query text
	MaxTerms  = 32   // words, phrases and identifiers in the parsed tree
	MaxDepth  = 8    // nesting of parentheses
)

// The error codes. They are part of the API: clients switch on them.
const (
	CodeTooLong      = "query_too_long"
	CodeTooComplex   = "query_too_complex"
	CodeNoTerms      = "query_no_terms"
	CodeOnlyExcluded = "query_only_excluded"
)

// Error is a query that cannot be searched for. Message is a sentence safe
// to show to the person who typed the query.
type Error struct{ Code, Message string }

// Error returns the code and the message.
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// The errors Parse returns. It hands out copies, new(errTooLong), so that a
// caller changing one cannot change the next.
var (
	errTooLong = Error{CodeTooLong,
		fmt.Sprintf("The query is too long; use at most %d characters.", MaxLength)}
	errTooManyTerms = Error{CodeTooComplex,
		fmt.Sprintf("The query has too many search terms; use at most %d words, phrases or numbers.", MaxTerms)}
	errTooDeep = Error{CodeTooComplex,
		fmt.Sprintf("The query nests parentheses too deeply; use at most %d levels.", MaxDepth)}
	errCommonWords = Error{CodeNoTerms,
		`Every word in the query is too common to search for (like "og", "i", "på"); add a word that says what you are looking for.`}
	errNoWords = Error{CodeNoTerms,
		"The query has no words or numbers to search for."}
	errOnlyExcluded = Error{CodeOnlyExcluded,
		"The query only excludes words (with - or NOT in front); add at least one word to search for."}
	errExcludedBranch = Error{CodeOnlyExcluded,
		"Each alternative joined by OR must include a word to search for, not only excluded words; otherwise the query would match almost everything."}
)

// Parse reads a query. It returns nil and no error for an empty query, and
// an *Error when the query cannot be searched for. Typing mistakes never give
// an error: they are repaired.
func Parse(s string) (Expr, error) {
	if utf8.RuneCountInString(s) > MaxLength {
		return nil, new(errTooLong)
	}
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	l := tokenize(s)
	p := &parser{tokens: l.tokens}
	x := p.or()
	switch {
	case p.err != nil:
		return nil, p.err
	case x == nil && l.stopped:
		return nil, new(errCommonWords)
	case x == nil:
		return nil, new(errNoWords)
	case countTerms(x) > MaxTerms:
		return nil, new(errTooManyTerms)
	case utf8.RuneCountInString(x.String()) > MaxLength:
		// The canonical form spells out AND and four-digit years, so it
		// can be longer than what was typed; it must still parse.
		return nil, new(errTooLong)
	case matchesAlmostAll(x) && includesTerm(x):
		return nil, new(errExcludedBranch)
	case matchesAlmostAll(x):
		return nil, new(errOnlyExcluded)
	}
	return x, nil
}

// parser is recursive descent over: or = and {OR and}; and = unary {[AND]
// unary}; unary = (NOT|+) unary | "(" or [")"] | term. Every rule returns nil
// for what it dropped (an empty group, a stop word, a dangling operator).
type parser struct {
	tokens []token
	pos    int
	depth  int
	err    error
}

// peek reports eof once an error is set, so that every loop ends at once.
func (p *parser) peek() kind {
	if p.err != nil || p.pos >= len(p.tokens) {
		return eof
	}
	return p.tokens[p.pos].kind
}

func (p *parser) or() Expr {
	xs := []Expr{p.and()}
	for p.peek() == or {
		p.pos++
		xs = append(xs, p.and())
	}
	return newOr(xs)
}

func (p *parser) and() Expr {
	var xs []Expr
	for {
		switch p.peek() {
		case or, rparen, eof:
			return newAnd(xs)
		case and:
			p.pos++
		default:
			xs = append(xs, p.unary())
		}
	}
}

// unary consumes nothing before OR, AND, ")" or the end: an operator in
// front of those is dangling and is dropped with its nil operand.
func (p *parser) unary() Expr {
	switch p.peek() {
	case not:
		p.pos++
		return negate(p.unary())
	case plus:
		p.pos++
		return p.unary()
	case lparen:
		return p.group()
	case term:
		p.pos++
		return p.tokens[p.pos-1].x
	}
	return nil
}

// group parses "(" or ")"; the lexer dropped stray ")", so a missing one
// simply closes at the end.
func (p *parser) group() Expr {
	p.pos++
	if p.depth++; p.depth > MaxDepth {
		p.err = new(errTooDeep)
		return nil
	}
	x := p.or()
	if p.peek() == rparen {
		p.pos++
	}
	p.depth--
	return x
}

func negate(x Expr) Expr {
	switch x := x.(type) {
	case nil:
		return nil
	case Not:
		return x.X
	}
	return Not{x}
}

// newAnd drops nil children, flattens nested Ands and collapses one child.
func newAnd(xs []Expr) Expr {
	var flat []Expr
	for _, x := range xs {
		switch x := x.(type) {
		case nil:
		case And:
			flat = append(flat, x.Xs...)
		default:
			flat = append(flat, x)
		}
	}
	if len(flat) < 2 {
		return first(flat)
	}
	return And{flat}
}

// newOr drops nil children, flattens nested Ors and collapses one child.
func newOr(xs []Expr) Expr {
	var flat []Expr
	for _, x := range xs {
		switch x := x.(type) {
		case nil:
		case Or:
			flat = append(flat, x.Xs...)
		default:
			flat = append(flat, x)
		}
	}
	if len(flat) < 2 {
		return first(flat)
	}
	return Or{flat}
}

func first(xs []Expr) Expr {
	if len(xs) == 0 {
		return nil
	}
	return xs[0]
}

func countTerms(x Expr) int {
	switch x := x.(type) {
	case Not:
		return countTerms(x.X)
	case And:
		return sumTerms(x.Xs)
	case Or:
		return sumTerms(x.Xs)
	}
	return 1
}

func sumTerms(xs []Expr) int {
	n := 0
	for _, x := range xs {
		n += countTerms(x)
	}
	return n
}

// matchesAlmostAll reports a query that no included term bounds: one made
// only of exclusions, or with an OR branch that is. Such a query would scan
// and return nearly the whole journal. "a (b OR -c)" is fine: a bounds it.
func matchesAlmostAll(x Expr) bool {
	switch x := x.(type) {
	case Not:
		return true
	case And:
		for _, c := range x.Xs {
			if !matchesAlmostAll(c) {
				return false
			}
		}
		return true
	case Or:
		for _, c := range x.Xs {
			if matchesAlmostAll(c) {
				return true
			}
		}
	}
	return false
}

// includesTerm reports whether some term is not excluded; it picks the
// message for a query that matches almost everything.
func includesTerm(x Expr) bool {
	switch x := x.(type) {
	case Not:
		return false
	case And:
		return anyIncludes(x.Xs)
	case Or:
		return anyIncludes(x.Xs)
	}
	return true
}

func anyIncludes(xs []Expr) bool {
	for _, x := range xs {
		if includesTerm(x) {
			return true
		}
	}
	return false
}
