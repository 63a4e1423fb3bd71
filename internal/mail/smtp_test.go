package mail_test

import (
	"context"
	"errors"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	innsynmail "github.com/innsyn/innsyn/internal/mail"
)

// newSMTP returns a sender for cfg, failing the test on a config error.
func newSMTP(t *testing.T, cfg innsynmail.SMTPConfig) *innsynmail.SMTP {
	t.Helper()
	s, err := innsynmail.NewSMTP(cfg)
	if err != nil {
		t.Fatalf("NewSMTP: %v", err)
	}
	return s
}

func TestPureNewSMTP(t *testing.T) {
	tests := []struct {
		name string
		cfg  innsynmail.SMTPConfig
		want string // in the error; "" for success
	}{
		{"Defaults", innsynmail.SMTPConfig{Addr: "smtp.example.no:587"}, ""},
		{"NoPort", innsynmail.SMTPConfig{Addr: "smtp.example.no"}, "smtp address"},
		{"BadMode", innsynmail.SMTPConfig{Addr: "smtp.example.no:587", TLS: "ssl"}, "TLS mode"},
		{"PasswordInClear", innsynmail.SMTPConfig{Addr: "smtp.example.no:25", TLS: innsynmail.TLSNone, Username: "u", Password: "p"}, "unencrypted"},
		{"PasswordToLocalhost", innsynmail.SMTPConfig{Addr: "127.0.0.1:25", TLS: innsynmail.TLSNone, Username: "u", Password: "p"}, ""},
		{"PasswordOverTLS", innsynmail.SMTPConfig{Addr: "smtp.example.no:465", TLS: innsynmail.TLSImplicit, Username: "u", Password: "p"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := innsynmail.NewSMTP(tt.cfg)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("NewSMTP: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("NewSMTP: %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

// TestSMTPInvalidMessage: an invalid message fails before connecting.
func TestSMTPInvalidMessage(t *testing.T) {
	t.Parallel()
	f := startFake(t, nil)
	m := testMessage()
	m.Subject = "Hei\r\nBcc: eve@example.com"
	err := newSMTP(t, innsynmail.SMTPConfig{Addr: f.Addr, TLS: innsynmail.TLSNone}).Send(context.Background(), m)
	if !errors.Is(err, innsynmail.ErrInvalidMessage) || !innsynmail.IsPermanent(err) {
		t.Errorf("Send: %v, want a permanent ErrInvalidMessage", err)
	}
	if got := f.Commands(); got != "" {
		t.Errorf("the server saw %q", got)
	}
}

// TestSMTPClosedPort: nobody listening is temporary.
func TestSMTPClosedPort(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	err = newSMTP(t, innsynmail.SMTPConfig{Addr: addr, TLS: innsynmail.TLSNone}).Send(context.Background(), testMessage())
	if err == nil || innsynmail.IsPermanent(err) {
		t.Errorf("Send to a closed port: %v, want a temporary error", err)
	}
}

// TestSMTPReplies: what the server's replies make of the error.
func TestSMTPReplies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		configure func(*fakeSMTP)
		mode      string
		username  string
		permanent bool
		want      string // in the error
	}{
		{"RecipientUnknown", func(f *fakeSMTP) { f.rcptReply = "550 5.1.1 no such user" }, innsynmail.TLSNone, "", true, "no such user"},
		{"Greylisted", func(f *fakeSMTP) { f.rcptReply = "451 4.7.1 greylisted, try again" }, innsynmail.TLSNone, "", false, "greylisted"},
		// A refused login concerns every message, not this one.
		{"LoginRefused", func(f *fakeSMTP) { f.authReply = "535 5.7.8 authentication failed" }, innsynmail.TLSNone, "innsyn", false, "authentication failed"},
		// No downgrade to plain text when STARTTLS is not on offer.
		{"NoSTARTTLS", nil, innsynmail.TLSStartTLS, "", false, "does not offer STARTTLS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := startFake(t, tt.configure)
			s := newSMTP(t, innsynmail.SMTPConfig{Addr: f.Addr, TLS: tt.mode, Username: tt.username, Password: "hemmelig"})
			err := s.Send(context.Background(), testMessage())
			t.Log(err)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Send: %v, want an error saying %q", err, tt.want)
			}
			if got := innsynmail.IsPermanent(err); got != tt.permanent {
				t.Errorf("IsPermanent(%q) = %v, want %v", err, got, tt.permanent)
			}
			if n := len(f.Data()); n != 0 {
				t.Errorf("the server received %d messages", n)
			}
		})
	}
}

// TestSMTPHungServer: a server that accepts and then says nothing fails the
// send after Timeout, not never.
func TestSMTPHungServer(t *testing.T) {
	t.Parallel()
	f := startFake(t, func(f *fakeSMTP) { f.silent = true })
	s := newSMTP(t, innsynmail.SMTPConfig{Addr: f.Addr, TLS: innsynmail.TLSNone, Timeout: 200 * time.Millisecond})
	start := time.Now()
	err := s.Send(context.Background(), testMessage())
	t.Log(err)
	if !errors.Is(err, os.ErrDeadlineExceeded) || innsynmail.IsPermanent(err) {
		t.Errorf("Send: %v, want a temporary deadline error", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Send took %v with a 200ms timeout", took)
	}
}

// TestSMTPContextCancelled: the context ends a send that the timeout would
// still allow.
func TestSMTPContextCancelled(t *testing.T) {
	t.Parallel()
	f := startFake(t, func(f *fakeSMTP) { f.silent = true })
	s := newSMTP(t, innsynmail.SMTPConfig{Addr: f.Addr, TLS: innsynmail.TLSNone, Timeout: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := s.Send(ctx, testMessage())
	t.Log(err)
	if !errors.Is(err, context.DeadlineExceeded) || innsynmail.IsPermanent(err) {
		t.Errorf("Send: %v, want a temporary context.DeadlineExceeded", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Send took %v after the context ended", took)
	}
}

// TestSMTPTLS: STARTTLS and implicit TLS both encrypt before AUTH and the
// data, and the message arrives as Bytes rendered it.
func TestSMTPTLS(t *testing.T) {
	t.Parallel()
	serverTLS, clientTLS := testTLS(t)
	now := time.Date(2026, 3, 9, 14, 30, 5, 0, time.UTC)
	tests := []struct {
		mode      string
		configure func(*fakeSMTP)
		want      string // the commands the server saw
	}{
		{innsynmail.TLSStartTLS, func(f *fakeSMTP) { f.startTLS = serverTLS }, "EHLO STARTTLS +TLS EHLO AUTH MAIL RCPT DATA QUIT"},
		{innsynmail.TLSImplicit, func(f *fakeSMTP) { f.implicitTLS = serverTLS }, "EHLO AUTH MAIL RCPT DATA QUIT"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			t.Parallel()
			f := startFake(t, tt.configure)
			s := newSMTP(t, innsynmail.SMTPConfig{
				Addr: f.Addr, TLS: tt.mode, TLSConfig: clientTLS, Username: "innsyn", Password: "hemmelig",
				Now: func() time.Time { return now },
			})
			if err := s.Send(context.Background(), testMessage()); err != nil {
				t.Fatalf("Send: %v", err)
			}
			if got := f.Commands(); got != tt.want {
				t.Errorf("server saw %q, want %q", got, tt.want)
			}
			want, _ := testMessage().Bytes(now)
			if data := f.Data(); len(data) != 1 || string(data[0]) != strings.ReplaceAll(string(want), "\r\n", "\n") {
				t.Errorf("server received %q, want what Bytes gives", data)
			}
		})
	}
}

// TestSMTPTLSUntrusted: a certificate the client does not trust fails, and
// temporarily (it is the operator's to fix).
func TestSMTPTLSUntrusted(t *testing.T) {
	t.Parallel()
	serverTLS, _ := testTLS(t)
	f := startFake(t, func(f *fakeSMTP) { f.startTLS = serverTLS })
	err := newSMTP(t, innsynmail.SMTPConfig{Addr: f.Addr}).Send(context.Background(), testMessage())
	if err == nil || innsynmail.IsPermanent(err) || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("Send: %v, want a temporary STARTTLS error", err)
	}
	if strings.Contains(f.Commands(), "AUTH") || len(f.Data()) != 0 {
		t.Errorf("server saw %q after a failed handshake", f.Commands())
	}
}
