package mail

import (
	"context"
	"net/mail"

	"github.com/rs/zerolog"
)

// Log is a Sender that writes each message to a logger instead of sending
// it, for `innsyn demo` and development machines without an SMTP relay: the
// person trying the service can still read the mail it would have sent,
// verification links included. It logs the headers and the plain text, not
// the HTML, which says the same.
//
// It validates like SMTP does, so a message that would fail in production
// fails here too.
type Log struct {
	Logger zerolog.Logger
}

var _ Sender = Log{}

// Send logs m at info level.
func (l Log) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	to := make([]string, len(m.To))
	for i, a := range m.To {
		to[i] = displayAddress(a)
	}
	ev := l.Logger.Info().
		Str("messageId", m.MessageID).
		Str("from", displayAddress(m.From)).
		Strs("to", to).
		Str("subject", m.Subject)
	if len(m.Headers) > 0 {
		ev = ev.Interface("headers", canonicalHeaders(m.Headers))
	}
	ev.Bool("html", m.HTML != "").
		Str("text", m.Text).
		Msg("mail not sent (no SMTP relay configured), logged instead")
	return nil
}

// displayAddress formats a for people: the name as is, not RFC 2047 encoded.
func displayAddress(a mail.Address) string {
	if a.Name == "" {
		return a.Address
	}
	return a.Name + " <" + a.Address + ">"
}
