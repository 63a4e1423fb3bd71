package pdftext

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"regexp"

	"github.com/ledongthuc/pdf"
)

// The library decrypts RC4 and AES-128 (security handler revisions 2–4)
// but not AES-256 (V 5, R 5 and 6), which Acrobat has used by default
// since version X. A document that opens with the empty user password is
// public by its author's choice, so such files are read here: the streams
// are decrypted in place and the /Encrypt entries renamed, both without
// changing the length of anything, so every offset in the file stays
// right and the library reads the result as an unencrypted PDF. Strings
// outside streams stay encrypted; text is only ever in streams.

// encryptKey matches the /Encrypt entry of a trailer or xref-stream dictionary.
var encryptKey = regexp.MustCompile(`/Encrypt[\s/<\[0-9]`)

// streamStart matches the keyword that starts a stream's data.
var streamStart = regexp.MustCompile(`stream\r?\n`)

// plainStream matches stream dictionaries whose data is never encrypted.
var plainStream = regexp.MustCompile(`/Type\s*/XRef`)

// errNotAESV3 says the file's encryption is something else.
var errNotAESV3 = errors.New("not AES-256 encryption")

// openAESV3 opens a PDF encrypted with AES-256, if the empty password (user
// or owner) opens it. It changes data.
func openAESV3(data []byte, size int64) (*pdf.Reader, error) {
	for _, loc := range encryptKey.FindAllIndex(data, -1) {
		copy(data[loc[0]:], "/NoCrypt")
	}
	r, err := pdf.NewReader(bytes.NewReader(data), size)
	if err != nil {
		return nil, fmt.Errorf("open without encryption: %w", err)
	}
	enc := r.Trailer().Key("NoCrypt")
	if enc.Key("Filter").Name() != "Standard" || enc.Key("V").Int64() != 5 {
		return nil, errNotAESV3
	}
	key, err := aesV3Key(enc)
	if err != nil {
		return nil, err
	}
	if enc.Key("StmF").Name() != "Identity" {
		if err := decryptStreams(data[:size], key, enc.Key("EncryptMetadata").Kind() == pdf.Bool && !enc.Key("EncryptMetadata").Bool()); err != nil {
			return nil, err
		}
	}
	return pdf.NewReader(bytes.NewReader(data), size)
}

// aesV3Key returns the file key if the empty password is the user or the
// owner password (ISO 32000-2, algorithms 2.A and 2.B).
func aesV3Key(enc pdf.Value) ([]byte, error) {
	r6 := enc.Key("R").Int64() == 6
	if rev := enc.Key("R").Int64(); rev != 5 && rev != 6 {
		return nil, errNotAESV3
	}
	u, o := []byte(enc.Key("U").RawString()), []byte(enc.Key("O").RawString())
	ue, oe := []byte(enc.Key("UE").RawString()), []byte(enc.Key("OE").RawString())
	if len(u) < 48 || len(o) < 48 || len(ue) != 32 || len(oe) != 32 {
		return nil, errNotAESV3
	}
	switch {
	case bytes.Equal(hashV3(u[32:40], nil, r6), u[:32]):
		return unwrapKey(hashV3(u[40:48], nil, r6), ue)
	case bytes.Equal(hashV3(o[32:40], u[:48], r6), o[:32]):
		return unwrapKey(hashV3(o[40:48], u[:48], r6), oe)
	}
	return nil, pdf.ErrInvalidPassword
}

// hashV3 is the password hash of revision 5 (one SHA-256) and 6
// (algorithm 2.B), for the empty password.
func hashV3(salt, udata []byte, r6 bool) []byte {
	h := sha256.New()
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	if !r6 {
		return k
	}
	for round := 0; ; round++ {
		k1 := bytes.Repeat(append(append([]byte{}, k...), udata...), 64)
		block, _ := aes.NewCipher(k[:16]) // 16 bytes: cannot fail
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		switch sum % 3 {
		case 0:
			s := sha256.Sum256(e)
			k = s[:]
		case 1:
			s := sha512.Sum384(e)
			k = s[:]
		default:
			s := sha512.Sum512(e)
			k = s[:]
		}
		if round >= 63 && int(e[len(e)-1]) <= round-31 {
			return k[:32]
		}
	}
}

// unwrapKey decrypts the file key from /UE or /OE (AES-256, zero IV, no padding).
func unwrapKey(k, wrapped []byte) ([]byte, error) {
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, fmt.Errorf("unwrap key: %w", err)
	}
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, wrapped)
	return key, nil
}

// decryptStreams decrypts every encrypted stream of data in place. A stream
// is found by its keyword; its data runs to "endstream" (the /Length may
// be an indirect reference, and AES data is whole blocks, so the end of
// line before "endstream" is cut off by rounding down). The plaintext is
// shorter than the ciphertext (by the IV and the padding); the rest is
// filled with spaces, which content streams ignore and which filters never
// reach, since they stop at the end of their own data.
func decryptStreams(data, key []byte, plainMetadata bool) error {
	block, err := aes.NewCipher(key)
	if err != nil {
		return fmt.Errorf("stream key: %w", err)
	}
	for _, loc := range streamStart.FindAllIndex(data, -1) {
		if loc[0] > 0 && data[loc[0]-1] == 'd' { // "endstream"
			continue
		}
		dict := data[max(0, loc[0]-2048):loc[0]]
		if i := bytes.LastIndex(dict, []byte(" obj")); i >= 0 {
			dict = dict[i:]
		}
		if plainStream.Match(dict) || plainMetadata && bytes.Contains(dict, []byte("/Metadata")) {
			continue
		}
		start := loc[1]
		end := bytes.Index(data[start:], []byte("endstream"))
		if end < 0 {
			continue
		}
		n := end / aes.BlockSize * aes.BlockSize
		if n < aes.BlockSize {
			continue
		}
		decryptInPlace(block, data[start:start+n])
	}
	return nil
}

// decryptInPlace decrypts buf (IV, then CBC ciphertext) and writes the
// plaintext at its start, spaces after.
// An empty stream is sometimes written as its IV alone.
func decryptInPlace(block cipher.Block, buf []byte) {
	iv := append([]byte{}, buf[:aes.BlockSize]...)
	ct := buf[aes.BlockSize:]
	pt := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(pt, ct)
	if len(pt) > 0 {
		if p := int(pt[len(pt)-1]); p >= 1 && p <= aes.BlockSize {
			pt = pt[:len(pt)-p]
		}
	}
	n := copy(buf, pt)
	for i := n; i < len(buf); i++ {
		buf[i] = ' '
	}
}
