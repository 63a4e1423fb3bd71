package blob

import "testing"

func TestContentDisposition(t *testing.T) {
	tests := []struct {
		name, disposition, filename, want string
	}{
		{"NorwegianLetters", "attachment", "Søknad om løyve.pdf",
			`attachment; filename="Soknad om loyve.pdf"; filename*=UTF-8''S%C3%B8knad%20om%20l%C3%B8yve.pdf`},
		{"CapitalNorwegianLetters", "attachment", "ÆRE ØY ÅS.pdf",
			`attachment; filename="AERE OY AS.pdf"; filename*=UTF-8''%C3%86RE%20%C3%98Y%20%C3%85S.pdf`},
		{"DecomposedAring", "attachment", "Va\u030agå.pdf",
			`attachment; filename="Vaga.pdf"; filename*=UTF-8''Va%CC%8Ag%C3%A5.pdf`},
		{"OtherNonASCII", "attachment", "café €.pdf",
			`attachment; filename="caf_ _.pdf"; filename*=UTF-8''caf%C3%A9%20%E2%82%AC.pdf`},
		{"PlainASCII", "attachment", "vedtak-2024.pdf",
			`attachment; filename="vedtak-2024.pdf"`},
		{"Quotes", "attachment", `svar "endeleg".pdf`,
			`attachment; filename="svar endeleg.pdf"; filename*=UTF-8''svar%20%22endeleg%22.pdf`},
		{"Backslash", "attachment", `a\b.pdf`,
			`attachment; filename="ab.pdf"; filename*=UTF-8''a%5Cb.pdf`},
		{"HeaderInjection", "attachment", "a.pdf\r\nSet-Cookie: x=1",
			`attachment; filename="a.pdfSet-Cookie: x=1"`},
		{"Percent", "attachment", "50%.pdf", `attachment; filename="50%.pdf"; filename*=UTF-8''50%25.pdf`},
		{"Empty", "attachment", "", "attachment"},
		{"OnlyControlChars", "inline", "\x00\x1f\x7f", "inline"},
		{"OnlyQuotes", "attachment", `""`, `attachment; filename*=UTF-8''%22%22`},
		{"Inline", "inline", "kart.pdf", `inline; filename="kart.pdf"`},
		{"UnknownDisposition", "form-data", "kart.pdf", `attachment; filename="kart.pdf"`},
		{"InvalidUTF8", "attachment", "a\xffb.pdf", `attachment; filename="a_b.pdf"`},
		{"AttrChars", "attachment", "a!#$&+-.^_`|~b%'*().pdf",
			`attachment; filename="a!#$&+-.^_` + "`" + `|~b%'*().pdf"; filename*=UTF-8''a!#$&+-.^_` + "`" + `|~b%25%27%2A%28%29.pdf`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ContentDisposition(tt.disposition, tt.filename); got != tt.want {
				t.Errorf("ContentDisposition(%q, %q)\n got %s\nwant %s", tt.disposition, tt.filename, got, tt.want)
			}
		})
	}
}
