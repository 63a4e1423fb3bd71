package documents

import "testing"

func TestMediaType(t *testing.T) {
	pdf := []byte("%PDF-1.7\n")
	png := []byte("\x89PNG\r\n\x1a\n0000")
	tests := []struct {
		declared string
		head     []byte
		want     string
		ok       bool
	}{
		{"application/pdf", pdf, "application/pdf", true},
		{"application/pdf; charset=binary", pdf, "application/pdf", true},
		{"", pdf, "application/pdf", true},
		{"application/octet-stream", png, "image/png", true},
		{"application/pdf", []byte("<html>"), "", false},
		{"image/png", pdf, "", false},
		{"application/x-msdownload", []byte("MZ"), "", false},
		{"", []byte("MZ\x90\x00\x03"), "", false},
		{"text/plain", []byte("Søknad om løyve"), "text/plain", true},
	}
	for _, tt := range tests {
		got, _, ok := mediaType(tt.declared, tt.head)
		if got != tt.want || ok != tt.ok {
			t.Errorf("mediaType(%q, %q) = %q, %v; want %q, %v", tt.declared, tt.head, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCleanFilename(t *testing.T) {
	tests := map[string]string{
		"Søknad om løyve.pdf":    "Søknad om løyve.pdf",
		"../../etc/passwd":       "passwd",
		`C:\Users\kari\brev.pdf`: "brev.pdf",
		"a\"b\x00c.pdf":          "abc.pdf",
		"":                       "dokument",
		"   ":                    "dokument",
	}
	for in, want := range tests {
		if got, err := cleanFilename(in); err != nil || got != want {
			t.Errorf("cleanFilename(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	long := make([]rune, 300)
	for i := range long {
		long[i] = 'æ'
	}
	if _, err := cleanFilename(string(long)); err == nil {
		t.Error("a 300-character name was accepted")
	}
}
