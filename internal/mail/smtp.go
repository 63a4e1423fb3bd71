package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"time"
)

// TLS modes for SMTPConfig.TLS.
const (
	// TLSStartTLS connects in plain text and upgrades with STARTTLS (port
	// 587 or 25). A server that does not offer STARTTLS is an error, so
	// that a stripped offer cannot downgrade the connection.
	TLSStartTLS = "starttls"
	// TLSImplicit speaks TLS from the first byte (port 465).
	TLSImplicit = "tls"
	// TLSNone never encrypts: only for a relay on the same machine or a
	// trusted network, and for tests.
	TLSNone = "none"
)

// DefaultTimeout bounds dialling and each read or write on the connection
// when SMTPConfig.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// SMTPConfig configures an SMTP sender.
type SMTPConfig struct {
	// Addr is the relay's host:port.
	Addr string
	// Username and Password, when Username is set, log in with AUTH PLAIN.
	// net/smtp sends them only over TLS or to localhost, 127.0.0.1 or ::1,
	// so NewSMTP refuses them with TLSNone and any other host.
	Username string
	Password string
	// TLS is TLSStartTLS (the default when empty), TLSImplicit or TLSNone.
	TLS string
	// TLSConfig, optional, is used for STARTTLS and implicit TLS, e.g. to
	// trust a private CA. ServerName defaults to Addr's host.
	TLSConfig *tls.Config
	// HeloName is the name sent in EHLO; "localhost" when empty. Relays
	// on the Internet often want the sending host's public name.
	HeloName string
	// Timeout bounds dialling and each read and write, so a server that
	// stops answering fails the send instead of hanging it; DefaultTimeout
	// when zero. The whole send is also bounded by Send's context.
	Timeout time.Duration
	// Now dates the messages; time.Now when nil.
	Now func() time.Time
}

// SMTP is a Sender that delivers each message over its own connection to
// one relay. It is safe for concurrent use.
type SMTP struct {
	cfg  SMTPConfig
	host string
}

var _ Sender = (*SMTP)(nil)

// NewSMTP checks cfg, fills in its defaults and returns a sender. It does not
// connect.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("mail: smtp address %q: %w", cfg.Addr, err)
	}
	if cfg.TLS == "" {
		cfg.TLS = TLSStartTLS
	}
	switch cfg.TLS {
	case TLSStartTLS, TLSImplicit, TLSNone:
	default:
		return nil, fmt.Errorf("mail: smtp TLS mode %q: want %q, %q or %q", cfg.TLS, TLSStartTLS, TLSImplicit, TLSNone)
	}
	if cfg.Username != "" && cfg.TLS == TLSNone && !isLocalhost(host) {
		return nil, fmt.Errorf("mail: smtp: refusing to send a password unencrypted to %s; use TLS mode %q or %q", host, TLSStartTLS, TLSImplicit)
	}
	if cfg.HeloName == "" {
		cfg.HeloName = "localhost"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &SMTP{cfg: cfg, host: host}, nil
}

// isLocalhost mirrors net/smtp's rule for sending PLAIN credentials without
// TLS.
func isLocalhost(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// Send delivers m: connect, EHLO, STARTTLS or not, AUTH if configured, MAIL
// FROM, RCPT TO for every recipient, DATA. A recipient the server refuses
// fails the whole message before any data is sent.
//
// When the connection breaks after the data was sent but before the server
// confirmed it, the message may have been delivered although Send returns a
// (temporary) error; its unchanged MessageID lets the recipient's software
// recognise the retry as a duplicate.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	raw, err := m.Bytes(s.cfg.Now())
	if err != nil {
		return err
	}
	conn, closeConn, err := s.dial(ctx)
	if err != nil {
		return fmt.Errorf("mail: smtp connect to %s: %w", s.cfg.Addr, withContext(ctx, err))
	}
	// net/smtp knows no context: closing the connection is what interrupts
	// it when ctx ends.
	stop := context.AfterFunc(ctx, closeConn)
	defer stop()
	defer closeConn()
	return withContext(ctx, s.session(conn, m, raw))
}

// session runs the SMTP dialogue on conn.
func (s *SMTP) session(conn net.Conn, m Message, raw []byte) error {
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		return fmt.Errorf("mail: smtp greeting from %s: %w", s.cfg.Addr, err)
	}
	defer c.Close()
	if err := s.hello(c); err != nil {
		return err
	}
	if err := c.Mail(m.From.Address); err != nil {
		return &transactionError{"MAIL FROM", err}
	}
	for _, to := range m.To {
		if err := c.Rcpt(to.Address); err != nil {
			return &transactionError{"RCPT TO <" + to.Address + ">", err}
		}
	}
	w, err := c.Data()
	if err != nil {
		return &transactionError{"DATA", err}
	}
	if _, err := w.Write(raw); err != nil {
		return fmt.Errorf("mail: smtp sending data: %w", err)
	}
	if err := w.Close(); err != nil {
		return &transactionError{"end of DATA", err}
	}
	// The message is accepted; a failed QUIT must not make it look unsent.
	_ = c.Quit()
	return nil
}

// hello sets the session up: EHLO, then STARTTLS and AUTH as configured.
func (s *SMTP) hello(c *smtp.Client) error {
	if err := c.Hello(s.cfg.HeloName); err != nil {
		return fmt.Errorf("mail: smtp EHLO: %w", err)
	}
	if s.cfg.TLS == TLSStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return fmt.Errorf("mail: smtp: %s does not offer STARTTLS; use TLS mode %q only for a trusted relay", s.cfg.Addr, TLSNone)
		}
		if err := c.StartTLS(s.tlsConfig()); err != nil {
			return fmt.Errorf("mail: smtp STARTTLS: %w", err)
		}
	}
	if s.cfg.Username == "" {
		return nil
	}
	if ok, _ := c.Extension("AUTH"); !ok {
		return fmt.Errorf("mail: smtp: %s does not offer AUTH, but a username is configured", s.cfg.Addr)
	}
	if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.host)); err != nil {
		return fmt.Errorf("mail: smtp AUTH: %w", err)
	}
	return nil
}

// withContext adds ctx's error to err when ctx has ended, because then the
// connection was closed under the dialogue and err, a "use of closed network
// connection", does not say why.
func withContext(ctx context.Context, err error) error {
	if err == nil || ctx.Err() == nil || errors.Is(err, ctx.Err()) {
		return err
	}
	return fmt.Errorf("%w (%w)", err, ctx.Err())
}
