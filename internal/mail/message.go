package mail

import (
	"bytes"
	"maps"
	"net/mail"
	"slices"
	"time"
)

// Limits on a Message, checked by Validate.
const (
	// MaxRecipients is the most addresses a message may have in To.
	MaxRecipients = 50
	// MaxSubjectRunes is the longest subject, in characters.
	MaxSubjectRunes = 250
	// MaxBodyBytes is the largest Text and the largest HTML, each, in bytes
	// of UTF-8 before encoding.
	MaxBodyBytes = 1 << 20
)

// Message is one e-mail. The zero value is not valid: From, at least one To,
// Subject, Text and MessageID are required.
type Message struct {
	// From is the sender, e.g. the body's postmottak. Its Address must be
	// a bare ASCII address (an internationalised domain in its xn-- form);
	// Name may be any text.
	From mail.Address
	// To are the recipients, 1 to MaxRecipients, each like From.
	To []mail.Address
	// Subject is plain text; non-ASCII is RFC 2047 encoded.
	Subject string
	// Text is the plain-text body, always sent, so that every reader and
	// screen reader gets the whole message. Lines may end in LF or CRLF.
	Text string
	// HTML is an optional HTML rendering of Text. When set, the message is
	// multipart/alternative with Text first, as RFC 2046 orders them.
	HTML string
	// MessageID is the caller's stable id in the form <left@right>, e.g.
	// "<outbox-123@innsyn.invalid>". The outbox gives a retried send the
	// same id, so that a message the server accepted but did not confirm
	// (the connection broke after the data) is recognisable as a duplicate.
	MessageID string
	// Headers are extra header fields, only those named in AllowedHeaders,
	// with printable ASCII values (they are structured fields, so they are
	// not encoded). Keys are matched case-insensitively.
	Headers map[string]string
}

// Bytes renders m as an RFC 5322 message dated now: 7-bit, CRLF line ends,
// quoted-printable bodies. It returns an error wrapping ErrInvalidMessage
// when m is not valid (see Validate).
//
// The output depends only on m and now (the multipart boundary is derived
// from MessageID), so a retried message is byte-for-byte the same.
func (m Message) Bytes(now time.Time) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	writeField(&b, "Date", now.Format(time.RFC1123Z))
	writeField(&b, "From", formatAddress(m.From))
	writeField(&b, "To", formatAddressList(m.To))
	writeField(&b, "Subject", encodeText(m.Subject))
	writeField(&b, "Message-ID", m.MessageID)
	extra := canonicalHeaders(m.Headers)
	for _, name := range slices.Sorted(maps.Keys(extra)) {
		writeField(&b, name, extra[name])
	}
	writeField(&b, "MIME-Version", "1.0")
	if err := writeBody(&b, m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
