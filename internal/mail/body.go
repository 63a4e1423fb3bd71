package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
)

const (
	contentTypeText = "text/plain; charset=utf-8"
	contentTypeHTML = "text/html; charset=utf-8"
	quotedPrintable = "quoted-printable"
)

// writeBody writes the MIME headers that describe the body, the blank line,
// and the body: one quoted-printable text part, or multipart/alternative
// with the text first and the HTML second.
func writeBody(b *bytes.Buffer, m Message) error {
	if m.HTML == "" {
		writeField(b, "Content-Type", contentTypeText)
		writeField(b, "Content-Transfer-Encoding", quotedPrintable)
		b.WriteString("\r\n")
		return writeQuotedPrintable(b, m.Text)
	}
	boundary := boundaryFor(m.MessageID)
	writeField(b, "Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": boundary}))
	b.WriteString("\r\n")
	mw := multipart.NewWriter(b)
	if err := mw.SetBoundary(boundary); err != nil {
		return err
	}
	for _, p := range []struct{ contentType, body string }{{contentTypeText, m.Text}, {contentTypeHTML, m.HTML}} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {p.contentType},
			"Content-Transfer-Encoding": {quotedPrintable},
		})
		if err != nil {
			return err
		}
		if err := writeQuotedPrintable(w, p.body); err != nil {
			return err
		}
	}
	return mw.Close()
}

// writeQuotedPrintable writes s quoted-printable encoded. The encoder turns
// LF, CR and CRLF alike into CRLF and keeps lines within 76 characters, so
// the body is 7-bit and passes any relay unchanged.
func writeQuotedPrintable(w io.Writer, s string) error {
	qp := quotedprintable.NewWriter(w)
	if _, err := qp.Write([]byte(s)); err != nil {
		return err
	}
	return qp.Close()
}

// boundaryFor returns the multipart boundary for a message. It contains
// "=_", which quoted-printable text can never contain ('=' always starts an
// escape or a soft line break), so it cannot collide with a part's content
// whatever that is, and it can be derived from the message id instead of
// being random, which keeps Bytes deterministic.
func boundaryFor(messageID string) string {
	sum := sha256.Sum256([]byte(messageID))
	return "=_innsyn_" + hex.EncodeToString(sum[:12])
}
