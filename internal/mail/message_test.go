package mail_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	innsynmail "github.com/innsyn/innsyn/internal/mail"
)

const norwegianSubject = "Innsynskrav – svar på søknad æøå"

// testNow is the fixed clock of the pure tests.
var testNow = time.Date(2026, 3, 9, 14, 30, 5, 0, time.FixedZone("CET", 3600))

// testMessage returns a valid message with Norwegian text in every part.
func testMessage() innsynmail.Message {
	return innsynmail.Message{
		From:      mail.Address{Name: "Rana kommune – postmottak", Address: "postmottak@rana.kommune.no"},
		To:        []mail.Address{{Name: "Åse Ødegård", Address: "ase@example.no"}},
		Subject:   norwegianSubject,
		Text:      "Hei Åse,\n\nvi har fått innsynskravet ditt i sak 2026/123 og svarer innen tre virkedager. " + strings.Repeat("Blåbærsyltetøy ", 10) + "\n\nMed hilsen\nRana kommune\n",
		HTML:      "<p>Hei Åse,</p>\n<p>vi har fått innsynskravet ditt i sak <b>2026/123</b>.</p>\n",
		MessageID: "<outbox-123@innsyn.invalid>",
	}
}

// mustBytes renders m at testNow.
func mustBytes(t *testing.T, m innsynmail.Message) []byte {
	t.Helper()
	raw, err := m.Bytes(testNow)
	if err != nil {
		t.Fatalf("Bytes: %v", err)
	}
	return raw
}

// mustRead parses raw back with net/mail.
func mustRead(t *testing.T, raw []byte) *mail.Message {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("ReadMessage: %v\n%s", err, raw)
	}
	return msg
}

// decodeQP reads a quoted-printable body and returns it with LF line ends.
func decodeQP(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(quotedprintable.NewReader(r))
	if err != nil {
		t.Fatalf("quoted-printable: %v", err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

func TestPureBytesHeaders(t *testing.T) {
	m := testMessage()
	msg := mustRead(t, mustBytes(t, m))
	h := msg.Header

	date, err := h.Date()
	if err != nil || !date.Equal(testNow) {
		t.Errorf("Date = %v (%v), want %v", date, err, testNow)
	}
	from, err := h.AddressList("From")
	if err != nil || len(from) != 1 || *from[0] != m.From {
		t.Errorf("From = %v (%v), want %v", from, err, m.From)
	}
	to, err := h.AddressList("To")
	if err != nil || len(to) != 1 || *to[0] != m.To[0] {
		t.Errorf("To = %v (%v), want %v", to, err, m.To)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if err != nil || subject != norwegianSubject {
		t.Errorf("Subject decodes to %q (%v), want %q", subject, err, norwegianSubject)
	}
	if h.Get("Subject") == norwegianSubject {
		t.Errorf("Subject was not encoded: %q", h.Get("Subject"))
	}
	for name, want := range map[string]string{"Message-ID": m.MessageID, "MIME-Version": "1.0"} {
		if got := h.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

func TestPureBytesTextOnly(t *testing.T) {
	m := testMessage()
	m.HTML = ""
	msg := mustRead(t, mustBytes(t, m))
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "text/plain" || params["charset"] != "utf-8" {
		t.Fatalf("Content-Type = %q (%v), want text/plain; charset=utf-8", msg.Header.Get("Content-Type"), err)
	}
	if cte := msg.Header.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
		t.Errorf("Content-Transfer-Encoding = %q", cte)
	}
	if got := decodeQP(t, msg.Body); got != m.Text {
		t.Errorf("text = %q, want %q", got, m.Text)
	}
}

func TestPureBytesMultipart(t *testing.T) {
	m := testMessage()
	msg := mustRead(t, mustBytes(t, m))
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type = %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for i, want := range []struct{ mediaType, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		// NextRawPart: NextPart would decode quoted-printable itself and
		// hide the Content-Transfer-Encoding header this test checks.
		p, err := mr.NextRawPart()
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		mt, ps, err := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if err != nil || mt != want.mediaType || ps["charset"] != "utf-8" {
			t.Errorf("part %d: Content-Type = %q, want %s; charset=utf-8", i, p.Header.Get("Content-Type"), want.mediaType)
		}
		if cte := p.Header.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
			t.Errorf("part %d: Content-Transfer-Encoding = %q", i, cte)
		}
		if got := decodeQP(t, p); got != want.body {
			t.Errorf("part %d: body = %q, want %q", i, got, want.body)
		}
	}
	if _, err := mr.NextRawPart(); err != io.EOF {
		t.Errorf("after two parts: %v, want io.EOF", err)
	}
}

// TestPureBytesWire checks what relays care about: CRLF only, 7-bit, no
// line over 998 characters, also with the longest subject and the most
// recipients with long non-ASCII names.
func TestPureBytesWire(t *testing.T) {
	big := testMessage()
	big.Subject = strings.Repeat("æøå", innsynmail.MaxSubjectRunes/3)
	big.To = nil
	for i := range innsynmail.MaxRecipients {
		big.To = append(big.To, mail.Address{Name: strings.Repeat("Ø", 200), Address: fmt.Sprintf("r%d@example.no", i)})
	}
	big.Headers = map[string]string{"auto-submitted": "auto-generated"}
	for name, m := range map[string]innsynmail.Message{"typical": testMessage(), "big": big} {
		t.Run(name, func(t *testing.T) {
			raw := mustBytes(t, m)
			for i, c := range raw {
				switch {
				case c >= 0x80:
					t.Fatalf("byte %d is not 7-bit: %#x", i, c)
				case c == '\n' && (i == 0 || raw[i-1] != '\r'):
					t.Fatalf("bare LF at byte %d", i)
				case c == '\r' && (i+1 == len(raw) || raw[i+1] != '\n'):
					t.Fatalf("bare CR at byte %d", i)
				}
			}
			sc := bufio.NewScanner(bytes.NewReader(raw))
			for sc.Scan() {
				if n := len(sc.Text()); n > 998 {
					t.Fatalf("line of %d characters: %.80q…", n, sc.Text())
				}
			}
			msg := mustRead(t, raw)
			subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
			if err != nil || subject != m.Subject {
				t.Errorf("Subject decodes to %q (%v)", subject, err)
			}
			to, err := msg.Header.AddressList("To")
			if err != nil || len(to) != len(m.To) || *to[len(to)-1] != m.To[len(m.To)-1] {
				t.Errorf("To: %d addresses (%v), want %d", len(to), err, len(m.To))
			}
			for k, v := range m.Headers {
				if got := msg.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestPureBytesDeterministic(t *testing.T) {
	a, b := mustBytes(t, testMessage()), mustBytes(t, testMessage())
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the same message differ")
	}
}

func TestPureValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*innsynmail.Message)
		want   string // in the error text
	}{
		{"SubjectInjection", func(m *innsynmail.Message) { m.Subject = "Hei\r\nBcc: eve@example.com" }, "inject a header"},
		{"SubjectLF", func(m *innsynmail.Message) { m.Subject = "Hei\nBcc: eve@example.com" }, "inject a header"},
		{"FromNameInjection", func(m *innsynmail.Message) { m.From.Name = "Rana\r\nBcc: eve@example.com" }, "From name"},
		{"ToNameInjection", func(m *innsynmail.Message) { m.To[0].Name = "Åse\nBcc: eve@example.com" }, "To[0] name"},
		{"ToAddressInjection", func(m *innsynmail.Message) { m.To[0].Address = "ase@example.no\r\nBcc: eve@example.com" }, "inject a header"},
		{"MessageIDInjection", func(m *innsynmail.Message) { m.MessageID = "<a@b>\r\nBcc: eve@example.com" }, "inject a header"},
		{"HeaderInjection", func(m *innsynmail.Message) {
			m.Headers = map[string]string{"Auto-Submitted": "auto-generated\r\nBcc: eve@example.com"}
		}, "inject a header"},
		{"SubjectControl", func(m *innsynmail.Message) { m.Subject = "Hei\x00" }, "control character"},
		{"SubjectTooLong", func(m *innsynmail.Message) { m.Subject = strings.Repeat("ø", innsynmail.MaxSubjectRunes+1) }, "at most 250"},
		{"SubjectEmpty", func(m *innsynmail.Message) { m.Subject = " " }, "Subject: required"},
		{"SubjectInvalidUTF8", func(m *innsynmail.Message) { m.Subject = "s\xf8knad" }, "UTF-8"},
		{"MessageIDNoBrackets", func(m *innsynmail.Message) { m.MessageID = "outbox-1@innsyn.invalid" }, "<left@right>"},
		{"MessageIDNoAt", func(m *innsynmail.Message) { m.MessageID = "<outbox-1>" }, "<left@right>"},
		{"MessageIDTwoAts", func(m *innsynmail.Message) { m.MessageID = "<a@b@c>" }, "<left@right>"},
		{"MessageIDSpace", func(m *innsynmail.Message) { m.MessageID = "<a b@c>" }, "<left@right>"},
		{"MessageIDEmptyLeft", func(m *innsynmail.Message) { m.MessageID = "<@innsyn.invalid>" }, "<left@right>"},
		{"MessageIDEmpty", func(m *innsynmail.Message) { m.MessageID = "" }, "<left@right>"},
		{"FromInvalid", func(m *innsynmail.Message) { m.From.Address = "postmottak" }, "not an e-mail address"},
		{"FromEmpty", func(m *innsynmail.Message) { m.From.Address = "" }, "address is required"},
		{"ToWithName", func(m *innsynmail.Message) { m.To[0].Address = "Eve <eve@example.com>" }, "bare address"},
		{"ToTwoAddresses", func(m *innsynmail.Message) { m.To[0].Address = "a@example.no, eve@example.com" }, "To[0]"},
		{"ToNonASCII", func(m *innsynmail.Message) { m.To[0].Address = "åse@example.no" }, "xn--"},
		{"NoRecipients", func(m *innsynmail.Message) { m.To = nil }, "at least one"},
		{"TooManyRecipients", func(m *innsynmail.Message) {
			for i := range innsynmail.MaxRecipients {
				m.To = append(m.To, mail.Address{Address: fmt.Sprintf("r%d@example.no", i)})
			}
		}, "at most 50"},
		{"NoText", func(m *innsynmail.Message) { m.Text = "" }, "plain-text body is required"},
		{"TextTooBig", func(m *innsynmail.Message) { m.Text = strings.Repeat("x", innsynmail.MaxBodyBytes+1) }, "Text:"},
		{"HTMLTooBig", func(m *innsynmail.Message) { m.HTML = strings.Repeat("x", innsynmail.MaxBodyBytes+1) }, "HTML:"},
		{"HTMLInvalidUTF8", func(m *innsynmail.Message) { m.HTML = "<p>\xff</p>" }, "UTF-8"},
		{"HeaderNotAllowed", func(m *innsynmail.Message) { m.Headers = map[string]string{"Bcc": "eve@example.com"} }, "not an allowed header"},
		{"HeaderTwice", func(m *innsynmail.Message) {
			m.Headers = map[string]string{"Auto-Submitted": "auto-generated", "auto-submitted": "no"}
		}, "given twice"},
		{"HeaderNonASCII", func(m *innsynmail.Message) { m.Headers = map[string]string{"List-Unsubscribe": "<https://ø.no>"} }, "ASCII"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMessage()
			tt.change(&m)
			raw, err := m.Bytes(testNow)
			switch {
			case err == nil:
				t.Fatalf("Bytes accepted it:\n%s", raw)
			case !errors.Is(err, innsynmail.ErrInvalidMessage):
				t.Errorf("error %q does not wrap ErrInvalidMessage", err)
			case !strings.Contains(err.Error(), tt.want):
				t.Errorf("error %q does not say %q", err, tt.want)
			case !innsynmail.IsPermanent(err):
				t.Errorf("IsPermanent(%q) = false", err)
			}
		})
	}
}

func TestPureValidateOK(t *testing.T) {
	m := testMessage()
	m.Subject = strings.Repeat("ø", innsynmail.MaxSubjectRunes)
	m.Text = strings.Repeat("x", innsynmail.MaxBodyBytes)
	m.Headers = map[string]string{
		"Auto-Submitted":        "auto-generated",
		"List-Unsubscribe":      "<https://innsyn.example.no/v1/feed/abc/unsubscribe>",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestPureIsPermanent(t *testing.T) {
	for _, err := range []error{nil, errors.New("connection refused"), io.EOF} {
		if innsynmail.IsPermanent(err) {
			t.Errorf("IsPermanent(%v) = true", err)
		}
	}
}
