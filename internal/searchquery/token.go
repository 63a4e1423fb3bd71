package searchquery

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/innsyn/innsyn/internal/offl"
)

// stopList is PostgreSQL's Snowball stop-word list for Norwegian
// (tsearch_data/norwegian.stop, PostgreSQL 15), so that the words dropped here
// are exactly those to_tsvector('norwegian', …) leaves out of the index.
//
//go:embed norwegian.stop
var stopList string

var stopWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(stopList) {
		m[w] = true
	}
	return m
}()

func isStopWord(w string) bool { return stopWords[strings.ToLower(w)] }

type kind int

const (
	eof    kind = iota
	term        // a word, phrase or identifier; its x is nil when it was dropped
	lparen      // (
	rparen      // )
	or          // OR, |
	and         // AND
	not         // NOT, or a minus sign before a term
	plus        // a plus sign before a term
)

type token struct {
	kind kind
	x    Expr
}

// lexer splits a query into tokens. It drops a ")" that closes nothing, so
// the parser only ever sees a missing ")", which it repairs at the end.
type lexer struct {
	tokens  []token
	open    int
	stopped bool // a stop word was dropped; chooses the CodeNoTerms message
}

func tokenize(s string) *lexer {
	// Invalid UTF-8 becomes U+FFFD, a separator: PostgreSQL rejects invalid
	// text, and the tree must be safe to pass on as a parameter.
	s = strings.ToValidUTF8(s, "\uFFFD")
	l := &lexer{}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '(':
			l.open++
			l.emit(lparen, nil)
		case r == ')':
			if l.open > 0 {
				l.open--
				l.emit(rparen, nil)
			}
		case r == '|':
			l.emit(or, nil)
		case isQuote(r):
			// An unbalanced quote closes at the end of the query.
			rest := s[i+size:]
			end := strings.IndexFunc(rest, isQuote)
			if end < 0 {
				end = len(rest)
				size += end
			} else {
				_, q := utf8.DecodeRuneInString(rest[end:])
				size += end + q
			}
			l.emit(term, l.phrase(rest[:end]))
		case isSeparator(r):
		default:
			size = strings.IndexFunc(s[i:], isSeparator)
			if size < 0 {
				size = len(s) - i
			}
			l.word(s[i:i+size], s[i+size:])
		}
		i += size
	}
	return l
}

func (l *lexer) emit(k kind, x Expr) { l.tokens = append(l.tokens, token{k, x}) }

// word classifies a run of non-separator characters; rest is what follows.
func (l *lexer) word(raw, rest string) {
	switch raw {
	case "OR":
		l.emit(or, nil)
		return
	case "AND":
		l.emit(and, nil)
		return
	case "NOT":
		l.emit(not, nil)
		return
	}
	// Leading signs are a prefix when a term follows them; "a - b" is just
	// punctuation. "--klage" is a typo for "-klage", not a double negation.
	signs := len(raw) - len(strings.TrimLeft(raw, "+-"))
	if signs > 0 && (signs < len(raw) || startsGroupOrPhrase(rest)) {
		if strings.Contains(raw[:signs], "-") {
			l.emit(not, nil)
		} else {
			l.emit(plus, nil)
		}
		if raw = raw[signs:]; raw == "" {
			return
		}
	}
	x, stop := bareTerm(raw)
	l.stopped = l.stopped || stop
	l.emit(term, x)
}

// bareTerm is what a word typed outside quotes means: an identifier, a Word,
// or nil for punctuation and stop words (stop is then true).
func bareTerm(raw string) (x Expr, stop bool) {
	w := trimPunct(raw)
	switch {
	case w == "":
		return nil, false
	case offl.ValidOrganisasjonsnummer(w):
		return Orgnr{w}, false
	case isStopWord(w):
		return nil, true
	}
	if n, err := offl.ParseSaksnummer(w); err == nil {
		return Saksnummer{n.Saksaar, n.Sakssekvensnummer, n.Journalpostnummer}, false
	}
	return Word{w}, false
}

// phrase keeps stop words, since phraseto_tsquery counts their positions, but
// drops a phrase made only of them. A single word is a plain Word.
func (l *lexer) phrase(text string) Expr {
	var words []string
	allStop := true
	for _, f := range strings.FieldsFunc(text, isSeparator) {
		if w := trimPunct(f); w != "" {
			words = append(words, w)
			allStop = allStop && isStopWord(w)
		}
	}
	switch {
	case len(words) == 0:
		return nil
	case allStop:
		l.stopped = true
		return nil
	case len(words) == 1:
		return Word{words[0]}
	}
	return Phrase{strings.Join(words, " ")}
}

// trimPunct strips punctuation around a word ("klage," "«vedtak»") but keeps
// it inside ("e-post", "2024/123"). It returns "" when no letter or digit is
// left.
func trimPunct(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool {
		// Marks count as part of a word: a decomposed "é" ends in one.
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return ""
	}
	return s
}

func isKeyword(s string) bool { return s == "OR" || s == "AND" || s == "NOT" }

// isQuote accepts the Norwegian « » and typographic quotes that word
// processors put in, not only ".
func isQuote(r rune) bool {
	return r == '"' || r == '«' || r == '»' || r == '“' || r == '”'
}

// isSeparator reports the characters that end a word. Control characters
// (NUL among them) separate, so they never reach PostgreSQL.
func isSeparator(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError ||
		r == '(' || r == ')' || r == '|' || isQuote(r)
}

func startsGroupOrPhrase(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '(' || isQuote(r)
}
