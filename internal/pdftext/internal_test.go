package pdftext

import (
	"testing"
	"unicode/utf8"
)

func TestEncodingTables(t *testing.T) {
	if len(winAnsiNames) != 0x100-0x20 {
		t.Fatalf("%d WinAnsi names, want %d", len(winAnsiNames), 0x100-0x20)
	}
	if n := utf8.RuneCountInString(symbolLow); n != 0x7F-0x20 {
		t.Errorf("symbolLow has %d characters, want %d", n, 0x7F-0x20)
	}
	if n := utf8.RuneCountInString(symbolHigh); n != 0x100-0xA0 {
		t.Errorf("symbolHigh has %d characters, want %d", n, 0x100-0xA0)
	}
	for _, tc := range []struct {
		name string
		enc  *encoding
		code byte
		want string
	}{
		{"WinAnsi æ", &winAnsi, 0xE6, "æ"},
		{"WinAnsi ø", &winAnsi, 0xF8, "ø"},
		{"WinAnsi å", &winAnsi, 0xE5, "å"},
		{"WinAnsi euro", &winAnsi, 0x80, "€"},
		{"Standard æ", &standard, 0xF1, "æ"},
		{"Standard Ø", &standard, 0xE9, "Ø"},
		{"Standard quoteright", &standard, '\'', "’"},
		{"Standard fi", &standard, 0xAE, "fi"},
		{"MacRoman å", &macRoman, 0x8C, "å"},
		{"Symbol alpha", &symbol, 'a', "α"},
		{"Symbol Omega", &symbol, 'W', "Ω"},
		{"Symbol aleph", &symbol, 0xC0, "ℵ"},
	} {
		if got := tc.enc[tc.code]; got != tc.want {
			t.Errorf("%s: code %#x = %q, want %q", tc.name, tc.code, got, tc.want)
		}
	}
}

func TestGlyphText(t *testing.T) {
	for name, want := range map[string]string{
		"aring": "å", "oslash": "ø", "AE": "Æ", "fi": "fi", "ffl": "ffl", "quoteright": "’",
		"uni00E6": "æ", "uni00660069": "fi", "u1F600": "😀", "f_f_i": "ffi", "a.sc": "a", "g": "g",
		"g123": "", "cid42": "", "": "",
	} {
		if got := glyphText(name); got != want {
			t.Errorf("glyphText(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestNormalizeGlyphText(t *testing.T) {
	for in, want := range map[string]string{
		"plain":            "plain",
		"\uFB01nn":         "finn",
		"\uFB03":           "ffi",
		"a\u2010b\u2011c":  "a-b-c",
		"\u00A0":           " ",
		"\u2003":           " ",
		"\u00AD":           "\u00AD",
		"x\x00\x07\uFFFDy": "xy",
		"\u200Bz\uFEFF":    "z",
		"\u2212":           "\u2212", // a minus sign is not a hyphen
	} {
		if got := normalizeGlyphText(in); got != want {
			t.Errorf("normalizeGlyphText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJoinLines(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		want  string
	}{
		{[]string{"bygge\u00AD", "tillatelse"}, "byggetillatelse"},
		{[]string{"saks-", "behandling"}, "saksbehandling"},
		{[]string{"Noark-", "5-format"}, "Noark-\n5-format"},
		{[]string{"Noark-", "Standarden"}, "Noark-\nStandarden"},
		{[]string{"20-", "år"}, "20-\når"},
		{[]string{"første linje", "andre linje"}, "første linje\nandre linje"},
	} {
		if got := joinLines(append([]string(nil), tc.lines...)); got != tc.want {
			t.Errorf("joinLines(%q) = %q, want %q", tc.lines, got, tc.want)
		}
	}
	if got := finishPage("WS\u00AD2016\u00AD01 a\u030A"); got != "WS-2016-01 å" {
		t.Errorf("finishPage = %q", got)
	}
}

func TestCutText(t *testing.T) {
	s := "æøå" // two bytes each
	for n, want := range map[int]string{0: "", 1: "", 2: "æ", 3: "æ", 5: "æø", 6: "æøå", 9: "æøå"} {
		if got := cutText(s, n); got != want {
			t.Errorf("cutText(%q, %d) = %q, want %q", s, n, got, want)
		}
	}
}

func TestRelaxStructure(t *testing.T) {
	for _, tc := range []struct {
		in, head string
		size     int64
	}{
		{"%PDF-1.3 \nx\n%%EOF\n", "%PDF-1.3\n", 17},
		{"%PDF-2.0\nx\n%%EOF", "%PDF-1.7\n", 16},
		{"%PDF-1.4\nx\n%%EOF\n\x00\x00junk", "%PDF-1.4\n", 16},
	} {
		data := []byte(tc.in)
		size := relaxStructure(data)
		if string(data[:9]) != tc.head || size != tc.size {
			t.Errorf("relaxStructure(%q): head %q size %d, want %q %d", tc.in, data[:9], size, tc.head, tc.size)
		}
	}
}

func TestLexer(t *testing.T) {
	lx := &lexer{data: []byte(`(a\(b\)\101\
c) <414 2> /N#41me [1 -2.5 (x) [/y]] .5 --3 BT % comment` + "\nTj")}
	var got []operand
	var ops []string
	for {
		o, op, ok := lx.next()
		if !ok {
			break
		}
		if op != "" {
			ops = append(ops, op)
			continue
		}
		got = append(got, o)
	}
	if len(got) != 6 || got[0].str != "a(b)Ac" || got[1].str != "AB" || got[2].str != "NAme" ||
		len(got[3].arr) != 4 || got[3].arr[1].num != -2.5 || got[4].num != 0.5 || got[5].kind != opNum {
		t.Errorf("operands: %+v", got)
	}
	if len(ops) != 2 || ops[0] != "BT" || ops[1] != "Tj" {
		t.Errorf("operators: %q", ops)
	}
}
