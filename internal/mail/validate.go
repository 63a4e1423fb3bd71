package mail

import (
	"fmt"
	"net/mail"
	"net/textproto"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits that only guard the line length and the parser.
const (
	maxNameRunes        = 200
	maxAddressBytes     = 254 // RFC 5321's path limit, less the angle brackets
	maxMessageIDBytes   = 250
	maxHeaderValueBytes = 900 // leaves room for the name within 998
)

// Validate reports whether m can be sent, as an error wrapping
// ErrInvalidMessage that names the field and the rule. It refuses CR and LF
// in every header value (they would let text become a header of its own),
// other control characters, invalid UTF-8, addresses that net/mail does not
// parse back unchanged, more than MaxRecipients recipients, a subject over
// MaxSubjectRunes, a body over MaxBodyBytes, a Message-ID not of the form
// <left@right>, and extra headers not in AllowedHeaders.
func (m Message) Validate() error {
	if err := validateAddress("From", m.From); err != nil {
		return err
	}
	if len(m.To) == 0 {
		return invalid("To: at least one recipient is required")
	}
	if len(m.To) > MaxRecipients {
		return invalid("To: %d recipients, at most %d allowed", len(m.To), MaxRecipients)
	}
	for i, a := range m.To {
		if err := validateAddress(fmt.Sprintf("To[%d]", i), a); err != nil {
			return err
		}
	}
	if err := validateSubject(m.Subject); err != nil {
		return err
	}
	if m.Text == "" {
		return invalid("Text: a plain-text body is required")
	}
	if err := validateBody("Text", m.Text); err != nil {
		return err
	}
	if err := validateBody("HTML", m.HTML); err != nil {
		return err
	}
	if err := validateMessageID(m.MessageID); err != nil {
		return err
	}
	return validateHeaders(m.Headers)
}

// validateHeaderText refuses what must never be in a header value: line
// breaks (header injection), other control characters and invalid UTF-8.
func validateHeaderText(field, s string) error {
	if strings.ContainsAny(s, "\r\n") {
		return invalid("%s: contains a line break (CR or LF); refused, as it could inject a header", field)
	}
	if !utf8.ValidString(s) {
		return invalid("%s: not valid UTF-8", field)
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r != '\t' && unicode.IsControl(r) }); i >= 0 {
		return invalid("%s: contains a control character at byte %d", field, i)
	}
	return nil
}

// validateAddress checks one address: a name that is safe header text, and
// a bare ASCII addr-spec that net/mail parses back to itself (so no display
// name, comment or second address hides in it).
func validateAddress(field string, a mail.Address) error {
	if err := validateHeaderText(field+" name", a.Name); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(a.Name); n > maxNameRunes {
		return invalid("%s name: %d characters, at most %d allowed", field, n, maxNameRunes)
	}
	if err := validateHeaderText(field+" address", a.Address); err != nil {
		return err
	}
	switch {
	case a.Address == "":
		return invalid("%s: an address is required", field)
	case len(a.Address) > maxAddressBytes:
		return invalid("%s: address longer than %d bytes", field, maxAddressBytes)
	case !isASCII(a.Address):
		return invalid("%s: address %q is not ASCII; write an internationalised domain in its xn-- form", field, a.Address)
	}
	parsed, err := mail.ParseAddress(a.Address)
	if err != nil {
		return invalid("%s: %q is not an e-mail address: %v", field, a.Address, err)
	}
	if parsed.Address != a.Address || parsed.Name != "" {
		return invalid("%s: %q must be a bare address such as postmottak@rana.kommune.no; put the name in Name", field, a.Address)
	}
	return nil
}

func validateSubject(s string) error {
	if err := validateHeaderText("Subject", s); err != nil {
		return err
	}
	if strings.TrimSpace(s) == "" {
		return invalid("Subject: required")
	}
	if n := utf8.RuneCountInString(s); n > MaxSubjectRunes {
		return invalid("Subject: %d characters, at most %d allowed", n, MaxSubjectRunes)
	}
	return nil
}

func validateBody(field, s string) error {
	if len(s) > MaxBodyBytes {
		return invalid("%s: %d bytes, at most %d allowed", field, len(s), MaxBodyBytes)
	}
	if !utf8.ValidString(s) {
		return invalid("%s: not valid UTF-8", field)
	}
	return nil
}

// validateMessageID checks the RFC 5322 msg-id form <left@right>, with both
// sides dot-atom text (the common form; obsolete and literal forms are
// refused).
func validateMessageID(id string) error {
	if err := validateHeaderText("MessageID", id); err != nil {
		return err
	}
	bad := invalid("MessageID: %q must look like <left@right>, e.g. <outbox-123@innsyn.invalid>", id)
	if len(id) > maxMessageIDBytes {
		return invalid("MessageID: longer than %d bytes", maxMessageIDBytes)
	}
	inner, ok := strings.CutPrefix(id, "<")
	if !ok {
		return bad
	}
	if inner, ok = strings.CutSuffix(inner, ">"); !ok {
		return bad
	}
	left, right, ok := strings.Cut(inner, "@")
	if !ok || !isDotAtom(left) || !isDotAtom(right) {
		return bad
	}
	return nil
}

// validateHeaders checks the extra headers: allowed names, each at most
// once, with printable ASCII values of a sane length.
func validateHeaders(h map[string]string) error {
	seen := make(map[string]bool, len(h))
	for k, v := range h {
		name := textproto.CanonicalMIMEHeaderKey(k)
		if !slices.Contains(AllowedHeaders, name) {
			return invalid("Headers: %q is not an allowed header (allowed: %s)", k, strings.Join(AllowedHeaders, ", "))
		}
		if seen[name] {
			return invalid("Headers: %s given twice", name)
		}
		seen[name] = true
		if err := validateHeaderText("Headers["+name+"]", v); err != nil {
			return err
		}
		switch {
		case strings.TrimSpace(v) == "":
			return invalid("Headers[%s]: empty value", name)
		case !isASCII(v):
			return invalid("Headers[%s]: value must be ASCII", name)
		case len(v) > maxHeaderValueBytes:
			return invalid("Headers[%s]: value longer than %d bytes", name, maxHeaderValueBytes)
		}
	}
	return nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isDotAtom reports whether s is RFC 5322 dot-atom-text: atext characters in
// dot-separated, non-empty runs.
func isDotAtom(s string) bool {
	if s == "" || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '.' && !isAtext(c) {
			return false
		}
	}
	return true
}

// isAtext reports whether c is RFC 5322 atext.
func isAtext(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}
