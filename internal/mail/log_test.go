package mail_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	innsynmail "github.com/innsyn/innsyn/internal/mail"
)

func TestPureLogSender(t *testing.T) {
	var buf bytes.Buffer
	s := innsynmail.Log{Logger: zerolog.New(&buf)}
	m := testMessage()
	m.Headers = map[string]string{"auto-submitted": "auto-generated"}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	var got struct {
		Level, MessageID, From, Subject, Text string
		To                                    []string
		HTML                                  bool
		Headers                               map[string]string
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("log line %q: %v", buf.String(), err)
	}
	want := []struct{ field, got, want string }{
		{"level", got.Level, "info"},
		{"messageId", got.MessageID, m.MessageID},
		{"from", got.From, "Rana kommune – postmottak <postmottak@rana.kommune.no>"},
		{"to", strings.Join(got.To, ", "), "Åse Ødegård <ase@example.no>"},
		{"subject", got.Subject, norwegianSubject},
		{"text", got.Text, m.Text},
		{"headers", got.Headers["Auto-Submitted"], "auto-generated"},
	}
	for _, w := range want {
		if w.got != w.want {
			t.Errorf("%s = %q, want %q", w.field, w.got, w.want)
		}
	}
	if !got.HTML || strings.Contains(buf.String(), "<p>") {
		t.Errorf("want html=true and no HTML in the log: %s", buf.String())
	}
}

// TestPureLogSenderInvalid: the log sender refuses what SMTP would refuse,
// and logs nothing.
func TestPureLogSenderInvalid(t *testing.T) {
	var buf bytes.Buffer
	m := testMessage()
	m.MessageID = "no-brackets@innsyn.invalid"
	err := innsynmail.Log{Logger: zerolog.New(&buf)}.Send(context.Background(), m)
	if !errors.Is(err, innsynmail.ErrInvalidMessage) || buf.Len() != 0 {
		t.Errorf("Send: %v, logged %q; want ErrInvalidMessage and nothing logged", err, buf.String())
	}
}
