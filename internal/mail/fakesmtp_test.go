package mail_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSMTP is a minimal SMTP server for what Mailpit cannot do: refuse a
// recipient, refuse a login, hang, speak TLS. It listens on 127.0.0.1:0
// and stops at the end of the test.
type fakeSMTP struct {
	Addr string

	// Set before the first connection.
	rcptReply   string      // reply to RCPT TO; "250 OK" when empty
	authReply   string      // reply to AUTH; "235 2.7.0 OK" when empty
	silent      bool        // accept, then never say a word
	startTLS    *tls.Config // offer STARTTLS with this config
	implicitTLS *tls.Config // speak TLS from the first byte

	mu       sync.Mutex
	commands []string // verbs in order, "+TLS" marking a completed STARTTLS
	data     [][]byte
}

// startFake configures and starts a fake server.
func startFake(t *testing.T, configure func(*fakeSMTP)) *fakeSMTP {
	t.Helper()
	f := &fakeSMTP{}
	if configure != nil {
		configure(f)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if f.implicitTLS != nil {
		ln = tls.NewListener(ln, f.implicitTLS)
	}
	f.Addr = ln.Addr().String()
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { f.serve(conn) })
		}
	})
	return f
}

func (f *fakeSMTP) serve(conn net.Conn) {
	defer func() { conn.Close() }()
	// A client that gives up closes the connection, which ends this.
	conn.SetDeadline(time.Now().Add(time.Minute))
	if f.silent {
		io.Copy(io.Discard, conn)
		return
	}
	tp := textproto.NewConn(conn)
	tp.PrintfLine("220 fake ESMTP")
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, _, _ := strings.Cut(strings.ToUpper(line), " ")
		f.record(verb)
		switch verb {
		case "EHLO":
			ext := []string{"250-fake", "250-8BITMIME", "250-AUTH PLAIN"}
			if f.startTLS != nil {
				ext = append(ext, "250-STARTTLS")
			}
			tp.PrintfLine("%s\r\n250 SIZE 10485760", strings.Join(ext, "\r\n"))
		case "STARTTLS":
			tp.PrintfLine("220 2.0.0 go ahead")
			tc := tls.Server(conn, f.startTLS)
			if tc.Handshake() != nil {
				return
			}
			conn, tp = tc, textproto.NewConn(tc)
			f.record("+TLS")
		case "AUTH":
			tp.PrintfLine("%s", or(f.authReply, "235 2.7.0 OK"))
		case "RCPT":
			tp.PrintfLine("%s", or(f.rcptReply, "250 OK"))
		case "DATA":
			tp.PrintfLine("354 go ahead")
			b, err := tp.ReadDotBytes()
			if err != nil {
				return
			}
			f.mu.Lock()
			f.data = append(f.data, b)
			f.mu.Unlock()
			tp.PrintfLine("250 OK queued")
		case "QUIT":
			tp.PrintfLine("221 bye")
			return
		case "HELO", "MAIL", "RSET", "NOOP":
			tp.PrintfLine("250 OK")
		default:
			tp.PrintfLine("502 5.5.2 not implemented")
		}
	}
}

func (f *fakeSMTP) record(verb string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.commands = append(f.commands, verb)
}

// Commands returns the verbs received so far.
func (f *fakeSMTP) Commands() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.commands, " ")
}

// Data returns the messages received so far.
func (f *fakeSMTP) Data() [][]byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][]byte(nil), f.data...)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// testTLS returns a server config with a fresh self-signed certificate for
// 127.0.0.1 and a client config that trusts it.
func testTLS(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "fake smtp"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	return server, &tls.Config{RootCAs: pool}
}
