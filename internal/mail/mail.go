// Package mail composes e-mail and hands it to an SMTP relay.
//
// A Message is validated and rendered by Message.Bytes into an RFC 5322
// message that survives any relay: 7-bit clean (quoted-printable bodies,
// RFC 2047 encoded words in headers), CRLF line endings, no header that a
// caller's text could inject. A Sender delivers it: SMTP talks to the body's
// relay; Log only logs it, for `innsyn demo` and development.
//
// The mail outbox (package jobs) retries what fails; IsPermanent tells it
// when retrying cannot help.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"
)

// Sender delivers one message. Implementations are safe for concurrent use.
type Sender interface {
	// Send delivers m, or returns an error; see IsPermanent for which errors
	// are worth retrying.
	Send(ctx context.Context, m Message) error
}

// ErrInvalidMessage is returned (wrapped, errors.Is-able) when a Message
// breaks a rule of Message.Validate. The wrapping error's text names the
// field and the rule.
var ErrInvalidMessage = errors.New("mail: invalid message")

// invalid returns an error wrapping ErrInvalidMessage.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidMessage}, args...)...)
}

// transactionError is the server's refusal of the mail transaction itself
// (MAIL FROM, RCPT TO, DATA), as opposed to the session around it (greeting,
// EHLO, STARTTLS, AUTH). Only the former says something about the message:
// a refused login or a broken TLS set-up is the operator's to fix, and every
// message waiting in the outbox must survive until they do.
type transactionError struct {
	cmd string
	err error
}

func (e *transactionError) Error() string { return "mail: smtp " + e.cmd + ": " + e.err.Error() }

func (e *transactionError) Unwrap() error { return e.err }

// IsPermanent reports whether err, returned by a Sender, means that sending
// the same message again cannot succeed, so the outbox should give up on it:
// the message is invalid (ErrInvalidMessage), or the server answered the mail
// transaction (MAIL FROM, RCPT TO, DATA) with a 5xx reply, e.g.
// "550 5.1.1 no such user".
//
// Everything else is temporary: connection failures and timeouts, 4xx
// replies (greylisting, a full queue), a cancelled context, and any failure
// while setting up the session (greeting, EHLO, STARTTLS, AUTH), even a 5xx
// one, because that is a configuration or server problem shared by every
// message, not a fault of this one.
func IsPermanent(err error) bool {
	if errors.Is(err, ErrInvalidMessage) {
		return true
	}
	var te *transactionError
	if !errors.As(err, &te) {
		return false
	}
	var reply *textproto.Error
	return errors.As(te.err, &reply) && reply.Code >= 500 && reply.Code <= 599
}
