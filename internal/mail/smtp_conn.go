package mail

import (
	"context"
	"crypto/tls"
	"net"
	"sync"
	"time"
)

// dial connects to the relay, with TLS from the start in TLSImplicit mode. It
// returns the connection to speak SMTP on and a function that closes the
// underlying TCP connection at once, safe to call more than once and from
// another goroutine.
func (s *SMTP) dial(ctx context.Context) (net.Conn, func(), error) {
	d := net.Dialer{Timeout: s.cfg.Timeout}
	tcp, err := d.DialContext(ctx, "tcp", s.cfg.Addr)
	if err != nil {
		return nil, nil, err
	}
	var once sync.Once
	closeConn := func() { once.Do(func() { tcp.Close() }) }
	var conn net.Conn = &deadlineConn{Conn: tcp, timeout: s.cfg.Timeout}
	if s.cfg.TLS == TLSImplicit {
		tc := tls.Client(conn, s.tlsConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			closeConn()
			return nil, nil, err
		}
		// net/smtp recognises a *tls.Conn and then allows AUTH PLAIN.
		conn = tc
	}
	return conn, closeConn, nil
}

// tlsConfig returns the TLS configuration for STARTTLS or implicit TLS.
func (s *SMTP) tlsConfig() *tls.Config {
	cfg := &tls.Config{}
	if s.cfg.TLSConfig != nil {
		cfg = s.cfg.TLSConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = s.host
	}
	if cfg.MinVersion == 0 {
		cfg.MinVersion = tls.VersionTLS12
	}
	return cfg
}

// deadlineConn gives every read and write its own deadline. net/smtp sets
// none, so without this a server that accepts the connection and then says
// nothing would hang the send for ever; a deadline per step rather than one
// for the whole dialogue lets a large message take as long as it keeps
// moving.
type deadlineConn struct {
	net.Conn
	timeout time.Duration
}

func (c *deadlineConn) Read(p []byte) (int, error) {
	if err := c.Conn.SetReadDeadline(time.Now().Add(c.timeout)); err != nil {
		return 0, err
	}
	return c.Conn.Read(p)
}

func (c *deadlineConn) Write(p []byte) (int, error) {
	if err := c.Conn.SetWriteDeadline(time.Now().Add(c.timeout)); err != nil {
		return 0, err
	}
	return c.Conn.Write(p)
}
