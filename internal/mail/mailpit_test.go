package mail_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"testing"
	"time"

	innsynmail "github.com/innsyn/innsyn/internal/mail"
	"github.com/innsyn/innsyn/internal/testenv"
)

// mailpitMessage is what the tests read of Mailpit's GET /api/v1/message/{ID}.
type mailpitMessage struct {
	ID        string
	MessageID string // without the angle brackets
	From      mailpitAddress
	To        []mailpitAddress
	Subject   string
	Text      string
	HTML      string
	Username  string // the SMTP login, if any
}

type mailpitAddress struct {
	Name    string
	Address string
}

// uniqueAddress returns a recipient no other test uses, so that tests can
// share the Mailpit and run in parallel without deleting anything. (No '+':
// Mailpit would turn the suffix into a tag.)
func uniqueAddress() string {
	b := make([]byte, 8)
	rand.Read(b)
	return "innsyn-" + hex.EncodeToString(b) + "@example.no"
}

// sendToMailpit sends m to the test Mailpit with cfg's other settings and
// returns what Mailpit received, and the raw message.
func sendToMailpit(t *testing.T, cfg innsynmail.SMTPConfig, m innsynmail.Message) (mailpitMessage, []byte) {
	t.Helper()
	apiURL, smtpAddr := testenv.Mailpit(t)
	cfg.Addr, cfg.TLS = smtpAddr, innsynmail.TLSNone
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := newSMTP(t, cfg).Send(ctx, m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	id := waitForMessage(t, apiURL, m.To[0].Address)
	var got mailpitMessage
	if err := getJSON(ctx, apiURL+"/api/v1/message/"+url.PathEscape(id), &got); err != nil {
		t.Fatal(err)
	}
	raw, err := get(ctx, apiURL+"/api/v1/message/"+url.PathEscape(id)+"/raw")
	if err != nil {
		t.Fatal(err)
	}
	return got, raw
}

// waitForMessage polls Mailpit's search for the one message to addr, for
// up to 5 seconds, and returns its Mailpit ID.
func waitForMessage(t *testing.T, apiURL, addr string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	search := apiURL + "/api/v1/search?query=" + url.QueryEscape(`to:"`+addr+`"`)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		var found struct {
			Messages []struct{ ID string } `json:"messages"`
		}
		err := getJSON(ctx, search, &found)
		switch {
		case err == nil && len(found.Messages) == 1:
			return found.Messages[0].ID
		case err == nil && len(found.Messages) > 1:
			t.Fatalf("Mailpit has %d messages to %s, want 1", len(found.Messages), addr)
		}
		select {
		case <-ctx.Done():
			t.Fatalf("no message to %s arrived in Mailpit (last error: %v)", addr, err)
		case <-tick.C:
		}
	}
}

func getJSON(ctx context.Context, url string, v any) error {
	b, err := get(ctx, url)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("GET %s: %w", url, err)
	}
	return nil
}

func get(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %s", url, resp.Status, b)
	}
	return b, nil
}

// lf turns CRLF into LF: Mailpit gives bodies with CRLF.
func lf(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// TestMailpitDelivers sends Norwegian text and HTML to two recipients and
// checks that every part arrived intact, byte for byte.
func TestMailpitDelivers(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 9, 14, 30, 5, 0, time.FixedZone("CET", 3600))
	m := testMessage()
	m.To = []mail.Address{{Name: "Åse Ødegård", Address: uniqueAddress()}, {Address: uniqueAddress()}}
	m.MessageID = "<outbox-" + strings.TrimSuffix(m.To[0].Address, "@example.no") + "@innsyn.invalid>"
	m.Headers = map[string]string{"Auto-Submitted": "auto-generated"}

	got, raw := sendToMailpit(t, innsynmail.SMTPConfig{Now: func() time.Time { return now }}, m)

	if got.Subject != norwegianSubject {
		t.Errorf("Subject = %q, want %q", got.Subject, norwegianSubject)
	}
	if got.From != (mailpitAddress{m.From.Name, m.From.Address}) {
		t.Errorf("From = %+v, want %+v", got.From, m.From)
	}
	if len(got.To) != 2 || got.To[0] != (mailpitAddress{m.To[0].Name, m.To[0].Address}) || got.To[1].Address != m.To[1].Address {
		t.Errorf("To = %+v, want %+v", got.To, m.To)
	}
	if "<"+got.MessageID+">" != m.MessageID {
		t.Errorf("MessageID = %q, want %q", got.MessageID, m.MessageID)
	}
	if lf(got.Text) != m.Text {
		t.Errorf("Text = %q, want %q", got.Text, m.Text)
	}
	if lf(got.HTML) != m.HTML {
		t.Errorf("HTML = %q, want %q", got.HTML, m.HTML)
	}
	// Mailpit puts Return-Path and Received in front; the rest must be
	// exactly what Bytes made.
	want, err := m.Bytes(now)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, bytes.TrimSuffix(want, []byte("\r\n"))) {
		t.Errorf("the raw message in Mailpit is not what Bytes made:\n%s\nwant:\n%s", raw, want)
	}
}

// TestMailpitTextOnly: without HTML the message has only the text.
func TestMailpitTextOnly(t *testing.T) {
	t.Parallel()
	m := testMessage()
	m.To[0].Address = uniqueAddress()
	m.HTML = ""
	got, _ := sendToMailpit(t, innsynmail.SMTPConfig{}, m)
	if lf(got.Text) != m.Text || got.HTML != "" {
		t.Errorf("Text = %q, HTML = %q; want Text %q and no HTML", got.Text, got.HTML, m.Text)
	}
}

// TestMailpitAuth logs in with AUTH PLAIN, which net/smtp allows without
// TLS only because the server is 127.0.0.1.
func TestMailpitAuth(t *testing.T) {
	t.Parallel()
	m := testMessage()
	m.To[0].Address = uniqueAddress()
	got, _ := sendToMailpit(t, innsynmail.SMTPConfig{Username: "innsyn", Password: "hemmelig"}, m)
	if got.Username != "innsyn" {
		t.Errorf("Mailpit saw login %q, want %q", got.Username, "innsyn")
	}
}
