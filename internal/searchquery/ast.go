package searchquery

import (
	"fmt"
	"strings"
)

// Expr is a node of a parsed query: Word, Phrase, Saksnummer, Orgnr, Not,
// And or Or. String renders it so that Parse gives the same tree back.
type Expr interface {
	isExpr()
	String() string
}

// Word is one word as typed, case and diacritics kept; PostgreSQL stems it.
type Word struct{ Text string }

// Phrase is the words inside quotes, joined by single spaces.
type Phrase struct{ Text string }

// Not excludes records matching X.
type Not struct{ X Expr }

// And requires every one of Xs; it has at least two children, none an And.
type And struct{ Xs []Expr }

// Or requires one of Xs; it has at least two children, none an Or.
type Or struct{ Xs []Expr }

// Saksnummer is a case number typed on its own; Journalpostnummer is 0 when
// the query names only the case.
type Saksnummer struct{ Saksaar, Sakssekvensnummer, Journalpostnummer int }

// Orgnr is a valid 9-digit organisasjonsnummer typed on its own.
type Orgnr struct{ Number string }

func (Word) isExpr()       {}
func (Phrase) isExpr()     {}
func (Not) isExpr()        {}
func (And) isExpr()        {}
func (Or) isExpr()         {}
func (Saksnummer) isExpr() {}
func (Orgnr) isExpr()      {}

// String renders the word bare, or quoted when bare it would read as an
// operator or an identifier (a one-word phrase is a Word, never those).
func (w Word) String() string {
	if x, _ := bareTerm(w.Text); isKeyword(w.Text) || x != Expr(w) {
		return `"` + w.Text + `"`
	}
	return w.Text
}

// String renders the phrase in double quotes.
func (p Phrase) String() string { return `"` + p.Text + `"` }

// String renders a minus sign before the operand, grouping And and Or.
func (n Not) String() string {
	switch n.X.(type) {
	case And, Or:
		return "-(" + n.X.String() + ")"
	}
	return "-" + n.X.String()
}

// String joins the children with AND, grouping an Or child, since AND binds
// tighter than OR.
func (a And) String() string {
	parts := make([]string, len(a.Xs))
	for i, x := range a.Xs {
		parts[i] = x.String()
		if _, ok := x.(Or); ok {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, " AND ")
}

// String joins the children with OR; no child needs grouping.
func (o Or) String() string {
	parts := make([]string, len(o.Xs))
	for i, x := range o.Xs {
		parts[i] = x.String()
	}
	return strings.Join(parts, " OR ")
}

// String renders "2024/123" or "2024/123-4". The year keeps four digits so
// that a year typed as 0024 does not come back as 2024.
func (s Saksnummer) String() string {
	out := fmt.Sprintf("%04d/%d", s.Saksaar, s.Sakssekvensnummer)
	if s.Journalpostnummer != 0 {
		out += fmt.Sprintf("-%d", s.Journalpostnummer)
	}
	return out
}

// String renders the nine digits.
func (o Orgnr) String() string { return o.Number }
