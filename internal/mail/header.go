package mail

import (
	"bytes"
	"mime"
	"net/mail"
	"net/textproto"
	"strings"
)

// AllowedHeaders are the extra header fields a Message may carry. The list
// is short on purpose: every other field is either written by Bytes or has
// no use here, and a field a caller cannot set is one that cannot be abused.
var AllowedHeaders = []string{
	"Auto-Submitted",        // RFC 3834 "auto-generated": no out-of-office replies to notifications
	"List-Unsubscribe",      // RFC 2369, for subscriptions such as a followed search
	"List-Unsubscribe-Post", // RFC 8058 one-click unsubscribe
}

// writeField writes one header field. value must already be encoded and,
// where long, folded.
func writeField(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(value)
	b.WriteString("\r\n")
}

// encodeText encodes unstructured text (a subject) as RFC 2047 encoded
// words when it is not plain ASCII, folded so that no line gets too long.
func encodeText(s string) string {
	return foldEncodedWords(mime.QEncoding.Encode("utf-8", s))
}

// formatAddress formats a validated address, encoding a non-ASCII name.
func formatAddress(a mail.Address) string {
	return foldEncodedWords(a.String())
}

// formatAddressList formats addresses one per line, so that 50 recipients
// stay within the 998-character line limit.
func formatAddressList(list []mail.Address) string {
	parts := make([]string, len(list))
	for i, a := range list {
		parts[i] = formatAddress(a)
	}
	return strings.Join(parts, ",\r\n ")
}

// foldEncodedWords puts each RFC 2047 encoded word after the first on a
// continuation line. Go's encoder separates the words of a long text with a
// single space, and each word is at most 75 characters, so this keeps every
// line short. "?= =?" cannot occur inside an encoded word: Q encoding
// escapes '?' and '=', and base64 has no '?'.
func foldEncodedWords(s string) string {
	return strings.ReplaceAll(s, "?= =?", "?=\r\n =?")
}

// canonicalHeaders returns h with canonical keys ("auto-submitted" becomes
// "Auto-Submitted").
func canonicalHeaders(h map[string]string) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		out[textproto.CanonicalMIMEHeaderKey(k)] = v
	}
	return out
}
