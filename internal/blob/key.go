package blob

import (
	"fmt"
	"strings"
)

// MaxKeyLen is the longest key accepted, in bytes.
const MaxKeyLen = 512

// MaxSegmentLen is the longest segment (the part between slashes) accepted,
// in bytes: file systems cap a name at 255 bytes, and the local backend
// adds suffixes for its sidecar and temp files.
const MaxSegmentLen = 200

// ValidateKey reports whether key is acceptable to every backend: 1 to
// MaxKeyLen bytes of [a-z0-9/._-], no leading or trailing slash, no empty
// or "." segment, no segment over MaxSegmentLen, and no ".." anywhere (not only as a segment: simpler to
// trust). The narrow alphabet keeps keys safe as file paths and URL paths
// alike, and leaves room for the local backend's own file names. Errors
// wrap ErrInvalidKey and do not repeat the key.
func ValidateKey(key string) error {
	if key == "" || len(key) > MaxKeyLen {
		return fmt.Errorf("%w: length must be 1 to %d bytes", ErrInvalidKey, MaxKeyLen)
	}
	if !validChars(key) {
		return fmt.Errorf("%w: only a-z, 0-9 and / . _ - are allowed", ErrInvalidKey)
	}
	if strings.Contains(key, "..") {
		return fmt.Errorf("%w: contains ..", ErrInvalidKey)
	}
	for _, seg := range strings.Split(key, "/") {
		switch seg {
		case "":
			return fmt.Errorf("%w: empty path segment", ErrInvalidKey)
		case ".":
			return fmt.Errorf("%w: \".\" segment", ErrInvalidKey)
		}
		if len(seg) > MaxSegmentLen {
			return fmt.Errorf("%w: segment longer than %d bytes", ErrInvalidKey, MaxSegmentLen)
		}
	}
	return nil
}

// validatePrefix accepts any string a key could start with.
func validatePrefix(prefix string) error {
	if len(prefix) > MaxKeyLen || !validChars(prefix) {
		return fmt.Errorf("%w: bad list prefix", ErrInvalidKey)
	}
	return nil
}

func validChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
			c == '/' || c == '.' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}
