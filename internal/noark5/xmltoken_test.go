package noark5

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// The tokenizer is checked against encoding/xml itself: for every document
// the two give the same tokens with the same lines, and fail the same
// documents at the same line.

// xmlTok is a token as the tests compare them, with the line and column
// InputPos gives after it.
type xmlTok struct {
	tok       xml.Token
	line, col int
}

// xmlReadTokens reads every token up to the end or an error, leaving out
// what the tokenizer skips (comments, processing instructions, directives)
// and copying what it returns; an empty Attr is made nil, as the
// tokenizer gives it.
func xmlReadTokens(d xmlTokens) ([]xmlTok, error) {
	var out []xmlTok
	for range 10_000_000 {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch el := tok.(type) {
		case xml.Comment, xml.ProcInst, xml.Directive:
			continue
		case xml.StartElement:
			if len(el.Attr) == 0 {
				el.Attr = nil
			}
			tok = el
		}
		line, col := d.InputPos()
		out = append(out, xmlTok{xml.CopyToken(tok), line, col})
	}
	return out, errors.New("too many tokens")
}

// xmlStdDecoder is encoding/xml's strict decoder over doc.
func xmlStdDecoder(doc []byte, charset bool) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(doc))
	if charset {
		d.CharsetReader = xmlCharsetReader
	}
	return d
}

// xmlReadModes are ways of handing the tokenizer a document, so that its
// tokens end at every place of its buffer: a buffer of 64 KB, and tiny
// ones that grow, read a byte or half a buffer at a time.
var xmlReadModes = []struct {
	name string
	size int
	wrap func(io.Reader) io.Reader
}{
	{"buffered", xmlBufferSize, func(r io.Reader) io.Reader { return r }},
	{"tiny", 1, func(r io.Reader) io.Reader { return r }},
	{"bytewise", 1, iotest.OneByteReader},
	{"bytewise-7", 7, iotest.OneByteReader},
	{"halves-16", 16, iotest.HalfReader},
}

// xmlCompare checks that the tokenizer reads doc, through r, as
// encoding/xml does, and returns the error both end with.
func xmlCompare(t *testing.T, doc []byte, r io.Reader, size int, charset bool) error {
	t.Helper()
	std := xmlStdDecoder(doc, charset)
	want, wantErr := xmlReadTokens(std)
	tz := newXMLTokenizer(r, size)
	if charset {
		tz.charset = xmlCharsetReader
	}
	got, err := xmlReadTokens(tz)
	for i := range max(len(got), len(want)) {
		if i >= len(got) || i >= len(want) || !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("token %d differs in %q:\n got %s\nwant %s\n(errors: %v; encoding/xml: %v)",
				i, xmlShort(doc), xmlTokAt(got, i), xmlTokAt(want, i), err, wantErr)
		}
	}
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("%q: error %v, encoding/xml: %v", xmlShort(doc), err, wantErr)
	}
	var se, wantSE *xml.SyntaxError
	if errors.As(err, &se) != errors.As(wantErr, &wantSE) || se != nil && se.Line != wantSE.Line {
		t.Fatalf("%q: error %#v, encoding/xml: %#v", xmlShort(doc), err, wantErr)
	}
	// Only the line: encoding/xml's column can be off where it fails after
	// putting a line end back.
	line, _ := tz.InputPos()
	if wantLine, _ := std.InputPos(); line != wantLine {
		t.Fatalf("%q: ends on line %d, encoding/xml on line %d (error %v)", xmlShort(doc), line, wantLine, err)
	}
	return err
}

func xmlTokAt(toks []xmlTok, i int) string {
	if i >= len(toks) {
		return "(none)"
	}
	return fmt.Sprintf("%#v at %d:%d", toks[i].tok, toks[i].line, toks[i].col)
}

func xmlShort(doc []byte) string {
	if len(doc) > 200 {
		return string(doc[:200]) + "…"
	}
	return string(doc)
}

// xmlCorpus is every XML file of testdata and, where present, of the
// shared samples.
func xmlCorpus(t testing.TB) map[string][]byte {
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.xml"))
	samples, _ := filepath.Glob(filepath.Join(xmlSamples, "*", "*.xml"))
	corpus := map[string][]byte{}
	for _, f := range append(files, samples...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		corpus[f] = b
	}
	return corpus
}

func TestXMLTokenizerCorpus(t *testing.T) {
	corpus := xmlCorpus(t)
	if len(corpus) == 0 {
		t.Fatal("no XML in testdata")
	}
	for name, doc := range corpus {
		for _, m := range xmlReadModes {
			t.Run(name+"/"+m.name, func(t *testing.T) {
				if err := xmlCompare(t, doc, m.wrap(bytes.NewReader(doc)), m.size, true); err != nil && !strings.Contains(name, "malformed") {
					t.Errorf("%s: %v", name, err)
				}
			})
		}
	}
}

// xmlTricky are well-formed documents that exercise what the tokenizer
// must get right.
var xmlTricky = map[string]string{
	"cdata":          `<a>x<![CDATA[<b>&amp;]]]]><![CDATA[>]]>y<![CDATA[]]></a>`,
	"cdata crlf":     "<a><![CDATA[1\r\n2\r3\n]]></a>",
	"entities":       `<a>&lt;&gt;&amp;&apos;&quot; ]] ]&gt; ]]&gt;</a>`,
	"char refs":      `<a>&#65;&#x42;&#xe6;&#248;&#x1F600;&#0000000066;&#xD800;&#xdfff;&#x10FFFF;&#9;&#xA;&#13;</a>`,
	"crlf":           "<a>\r\nx\ry\r\r\n&#13;\n</a>\r\n<!-- \r\n -->\r\n",
	"attr crlf":      "<a b=\"1\r\n2\r3\t4\n\"/>",
	"norwegian":      `<tittel>Søknad om løyve – Ærlig talt, Åse</tittel>`,
	"unicode names":  `<ærlig xmlns:ø="urn:ø"><ø:på ø:å="1"/><名前/><a·b/></ærlig>`,
	"namespaces":     `<a xmlns="urn:d" xmlns:p="urn:p" p:x="1" y="2"><p:b xmlns:p="urn:q" p:z="3"><c xmlns=""/><p:d/></p:b><p:e/><q:f q:g="4"/></a>`,
	"xml prefix":     `<a xml:lang="nb" xmlns:xml="urn:other"><xml:b/></a>`,
	"xmlns names":    `<xmlns xmlns:xmlns="urn:x" xmlns="urn:d"><xmlns:a/><b xmlns:="x" :c="1" d:="2"/></xmlns>`,
	"same prefix":    `<a xmlns:p="urn:1" xmlns:p="urn:2"><p:b/></a>`,
	"empty ns":       `<a xmlns:p=""><p:b/></a>`,
	"quotes":         `<a b='x&apos;"y' c="&#34;'" d = "1"e='2'/>`,
	"duplicate attr": `<a b="1" b="2"/>`,
	"odd names":      `<a.b-c _x="1" x.y-z="2"><_/><:a/><a:/></a.b-c>`,
	"comments":       `<!-- a - b --><a><!----><!-- <b> --></a><!-- c -->`,
	"pis":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><?pi some data?><a><?x?><?y ?></a><?z?>`,
	"declaration":    `<?xml version='1.0' encoding='utf-8'?><a/>`,
	"doctype":        `<!DOCTYPE arkiv [ <!ENTITY foo "b>r"> <!-- c > --> <!ELEMENT a (#PCDATA)> ]><arkiv/>`,
	"directives":     `<!DOCTYPE a SYSTEM "a.dtd"><!x <y> 'z>' "w>"><!><a/>>`,
	"bom":            "\uFEFF<?xml version=\"1.0\"?>\n<a/>",
	"empty":          `<a/><b /><c d="1"/><e></e>`,
	"top-level text": "text before\n<a/>\ntext after &amp; more",
	"brackets":       `<a b="]]>">]] ] ]></a>`,
	"deep":           strings.Repeat("<d>", 300) + "x" + strings.Repeat("</d>", 300),
	"long text":      "<a>" + strings.Repeat("æøå &amp; tekst\n", 20000) + "</a>",
	"long attr":      `<a b="` + strings.Repeat("x&lt;y ", 20000) + `"/>`,
	"long comment":   "<a><!--" + strings.Repeat("- -\n", 20000) + "--></a>",
	"c1 controls":    "<a>\u0085\u007f\uFFFD\t</a>",
	"spaces in tags": "<a\n\tb\r\n=\n'1'\n/><c\n></c\n>",
	"only text":      "just text",
	"nothing":        "",
}

func TestXMLTokenizerTricky(t *testing.T) {
	compareInEveryReadMode(t, xmlTricky, func(t *testing.T, doc string, err error) {
		if err != nil {
			t.Errorf("%v", err)
		}
	})
}

// compareInEveryReadMode compares the tokenizer with encoding/xml on each
// document in each read mode, and checks what xmlCompare returned.
func compareInEveryReadMode(t *testing.T, docs map[string]string, check func(t *testing.T, doc string, err error)) {
	for name, doc := range docs {
		for _, m := range xmlReadModes {
			t.Run(name+"/"+m.name, func(t *testing.T) {
				check(t, doc, xmlCompare(t, []byte(doc), m.wrap(strings.NewReader(doc)), m.size, false))
			})
		}
	}
}

// xmlChunks hands out its document in two reads, split at one place.
type xmlChunks struct{ parts [][]byte }

func (c *xmlChunks) Read(p []byte) (int, error) {
	for len(c.parts) > 0 && len(c.parts[0]) == 0 {
		c.parts = c.parts[1:]
	}
	if len(c.parts) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.parts[0])
	c.parts[0] = c.parts[0][n:]
	return n, nil
}

// TestXMLTokenizerSplits splits each short document at every place, so
// that every token is cut by the end of the buffer at every byte.
func TestXMLTokenizerSplits(t *testing.T) {
	for name, doc := range xmlTricky {
		if len(doc) > 1000 {
			continue
		}
		t.Run(name, func(t *testing.T) {
			for i := range len(doc) + 1 {
				xmlCompare(t, []byte(doc), &xmlChunks{[][]byte{[]byte(doc[:i]), []byte(doc[i:])}}, xmlBufferSize, false)
			}
		})
	}
}

// xmlMalformed are documents that encoding/xml rejects in strict mode.
var xmlMalformed = map[string]string{
	"mismatched end":        "<a>\n<b>\n</c>\n</a>",
	"prefix mismatch":       `<p:a xmlns:p="urn:p" xmlns:q="urn:p"></q:a>`,
	"end without start":     "<a/>\n</a>",
	"end tag, no name":      "<a></>",
	"end tag junk":          "<a></a b>",
	"eof in start tag":      `<a b="1"`,
	"eof in name":           "<abc",
	"eof after <":           "<a>\n<",
	"eof in end tag":        "<a></a",
	"eof after </":          "<a></\n ",
	"bad end name, eof":     "<a></1\n",
	"eof after end name":    "<a></a\n",
	"eof open":              "<a><b></b>\n\n",
	"eof open after text":   "<a>text\nmore",
	"eof in attr value":     "<a b='1\n\n",
	"eof in attr entity":    `<a b="&am`,
	"eof in text entity":    "<a>&am",
	"eof in comment":        "<a><!-- x",
	"eof in pi":             "<a><?pi x",
	"eof in cdata":          "<a><![CDATA[x]]",
	"eof in doctype":        "<!DOCTYPE a [ <!-- x > ",
	"eof in <!":             "<a><!",
	"name starts digit":     "<1a/>",
	"name starts dash":      "<a -b='1'/>",
	"two colons":            "<a:b:c/>",
	"two colons attr":       `<a b:c:d="1"/>`,
	"space after <":         "< a/>",
	"space after </":        "<a></ a>",
	"invalid unicode name":  "<a\u00d7b/>",
	"invalid utf-8 name":    "<a\xff/>",
	"unquoted attr":         "<a b=1/>",
	"attr without value":    "<a b/>",
	"attr without =":        `<a b "1"/>`,
	"< in attr":             `<a b="x<y"/>`,
	"< in attr, no end":     "<a b=\"x\n<y",
	"undefined entity":      "<a>&foo;</a>",
	"undefined in attr":     `<a b="&foo;"/>`,
	"entity no semicolon":   "<a>&amp </a>",
	"entity no name":        "<a>& x</a>",
	"empty entity":          "<a>&;</a>",
	"char ref zero":         "<a>&#0;</a>",
	"char ref control":      "<a>\n&#1;\n</a>",
	"char ref FFFE":         "<a>&#xFFFE;</a>",
	"char ref too big":      "<a>&#x110000;</a>",
	"char ref huge":         "<a>&#99999999999999999999999;</a>",
	"char ref empty":        "<a>&#;</a>",
	"char ref X":            "<a>&#X41;</a>",
	"char ref unterminated": "<a>&#65</a>",
	"hex in decimal ref":    "<a>&#6a;</a>",
	"invalid utf-8 text":    "<a>\n\xc3\x28\n</a>",
	"surrogate utf-8":       "<a>\xed\xa0\x80</a>",
	"truncated utf-8 eof":   "<a/>\xc3",
	"invalid utf-8 attr":    "<a b=\"\xff\"/>",
	"control in text":       "<a>x\x01y</a>",
	"control in attr":       "<a b=\"\x0c\"/>",
	"control in cdata":      "<a><![CDATA[\x00]]></a>",
	"FFFE in text":          "<a>\uFFFE</a>",
	"]]> in text":           "<a>x]]>y</a>",
	"]]]> in text":          "<a>]]]></a>",
	"bad comment start":     "<!- x -->",
	"-- in comment":         "<!-- a -- b -->",
	"---> in comment":       "<!-- a --->",
	"bad cdata":             "<a><![CDAT[x]]></a>",
	"pi without target":     "<?>",
	"pi bad target":         "<?1x?>",
	"version 1.1":           `<?xml version="1.1"?><a/>`,
	"encoding latin1":       `<?xml version="1.0" encoding="ISO-8859-1"?><a/>`,
	"empty not closed":      "<a/ >",
	"slash in tag":          `<a b="1" / >`,
	"second error later":    "<a>\n\n<b>\n</a>",
	"entity before eof":     "<a b=\"&bad;\n\n",
	"control before entity": "<a>\x01&bad;</a>",
}

func TestXMLTokenizerMalformed(t *testing.T) {
	compareInEveryReadMode(t, xmlMalformed, func(t *testing.T, doc string, err error) {
		if err == nil {
			t.Errorf("%q: no error", doc)
		}
	})
}

// TestXMLTokenizerEncodings reads documents that declare another encoding
// through xmlCharsetReader, as encoding/xml does with it.
func TestXMLTokenizerEncodings(t *testing.T) {
	docs := map[string][]byte{
		"latin1":       append([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?>`+"\n<a b=\"\xe6\">s\xf8knad \xe5</a>"), 0x0a),
		"windows-1252": []byte("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\x96 \x80 \xc6\xd8\xc5</a>"),
		"us-ascii":     []byte(`<?xml version="1.0" encoding="US-ASCII"?><a>plain</a>`),
		"unknown":      []byte(`<?xml version="1.0" encoding="x-nope"?><a/>`),
		"bom latin1":   []byte("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"latin1\"?><a>\xe6</a>"),
	}
	for name, doc := range docs {
		for _, m := range xmlReadModes {
			t.Run(name+"/"+m.name, func(t *testing.T) {
				err := xmlCompare(t, doc, m.wrap(bytes.NewReader(doc)), m.size, true)
				if (err != nil) != (name == "unknown") {
					t.Errorf("err = %v", err)
				}
			})
		}
	}
	// A second switch fails where encoding/xml would decode again.
	doc := `<?xml version="1.0" encoding="latin1"?><a><?xml encoding="latin1"?></a>`
	tz := newXMLTokenizer(strings.NewReader(doc), xmlBufferSize)
	tz.charset = xmlCharsetReader
	if _, err := xmlReadTokens(tz); err == nil || !strings.Contains(err.Error(), "switched once") {
		t.Errorf("a second switch: err = %v", err)
	}
}

// TestXMLTokenizerTooLong checks the bound of one token, whatever it is.
func TestXMLTokenizerTooLong(t *testing.T) {
	long := strings.Repeat("x", xmlMaxTokenBytes)
	for name, doc := range map[string]string{
		"text":    "<a>" + long + "</a>",
		"tag":     "<a b='" + long + "'/>",
		"comment": "<!--" + long + "-->",
		"name":    "<a" + long + "/>",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := xmlReadTokens(newXMLTokenizer(strings.NewReader(doc), xmlBufferSize))
			if err != errXMLTokenTooLong {
				t.Errorf("err = %v", err)
			}
		})
	}
	fits := "<a>" + strings.Repeat("x", xmlMaxTokenBytes-1) + "</a>"
	toks, err := xmlReadTokens(newXMLTokenizer(strings.NewReader(fits), xmlBufferSize))
	if err != nil || len(toks) != 3 {
		t.Errorf("a token just short of the bound: %d tokens, %v", len(toks), err)
	}
}

// TestXMLTokenizerReadError hands on an error of the reader.
func TestXMLTokenizerReadError(t *testing.T) {
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader("<a><b>"), iotest.ErrReader(boom))
	tz := newXMLTokenizer(r, xmlBufferSize)
	if _, err := xmlReadTokens(tz); err != boom {
		t.Fatalf("err = %v", err)
	}
	if _, err := tz.Token(); err != boom {
		t.Errorf("the error does not stay: %v", err)
	}
}

// TestXMLEngineSameOverEncodingXML reads the corpus through the engine
// twice, over the tokenizer and over encoding/xml: the mapper, their
// problems with their lines, and the errors are the same.
func TestXMLEngineSameOverEncodingXML(t *testing.T) {
	for name, doc := range xmlCorpus(t) {
		grammar := func() xmlGrammar {
			if strings.Contains(strings.ToLower(name), "journal") {
				return &offentligJournalGrammar{}
			}
			return arkivstrukturGrammar{}
		}
		got, err := xmlReadEngine(newXMLEngine(bytes.NewReader(doc), name, grammar()))
		want, wantErr := xmlReadEngine(&xmlEngine{dec: xmlStdDecoder(doc, true), file: name, g: grammar()})
		if !reflect.DeepEqual(got, want) || fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("%s: read differently over encoding/xml:\n got %d mapper, %v\nwant %d mapper, %v", name, len(got), err, len(want), wantErr)
		}
	}
}

func xmlReadEngine(r Reader) ([]Mappe, error) {
	var out []Mappe
	for {
		m, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, m)
	}
}

// FuzzXMLTokenizer checks the tokenizer against encoding/xml on any
// input: the same tokens and lines, and an error on the same documents at
// the same line.
func FuzzXMLTokenizer(f *testing.F) {
	for _, doc := range xmlCorpus(f) {
		f.Add(doc)
	}
	for _, docs := range []map[string]string{xmlTricky, xmlMalformed} {
		for _, doc := range docs {
			if len(doc) < 4096 {
				f.Add([]byte(doc))
			}
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		xmlCompare(t, doc, bytes.NewReader(doc), xmlBufferSize, false)
		xmlCompare(t, doc, iotest.OneByteReader(bytes.NewReader(doc)), 3, false)
	})
}

// xmlBenchDoc is an arkivstruktur.xml of n journalposts shaped like a real
// export: two to a saksmappe, indented, each about 3.4 KB with two
// documents, two parties, Norwegian text and a few entities.
func xmlBenchDoc(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<arkiv xmlns="http://www.arkivverket.no/standarder/noark5/arkivstruktur" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` + "\n" +
		"  <systemID>arkiv-1</systemID>\n  <tittel>Arkiv for Nordrana kommune</tittel>\n  <arkivdel>\n")
	field := func(depth int, name, value string) {
		fmt.Fprintf(&b, "%*s<%s>%s</%s>\n", 2*depth, "", name, value, name)
	}
	for i := 0; i < n; i += 2 {
		aar, seq := 2000+i%25, i/2+1
		b.WriteString("    <mappe xsi:type=\"saksmappe\">\n")
		field(3, "systemID", fmt.Sprintf("sak-%d-%d", aar, seq))
		field(3, "mappeID", fmt.Sprintf("%d/%d", aar, seq))
		field(3, "tittel", "Byggesak – oppføring av garasje, gnr. 12 bnr. 345 på Ørnes")
		field(3, "offentligTittel", "Byggesak – oppføring av garasje, gnr. 12 bnr. 345 på Ørnes")
		field(3, "dokumentmedium", "Elektronisk arkiv")
		field(3, "opprettetDato", "2021-03-04T10:11:12+01:00")
		field(3, "opprettetAv", "Kari Sæther")
		for j := i; j < i+2 && j < n; j++ {
			xmlBenchRegistrering(&b, field, aar, j-i+1, j)
		}
		field(3, "saksaar", fmt.Sprint(aar))
		field(3, "sakssekvensnummer", fmt.Sprint(seq))
		field(3, "saksdato", "2021-03-04")
		field(3, "administrativEnhet", "Plan- og bygningsetaten")
		field(3, "saksansvarlig", "Kari Sæther")
		field(3, "saksstatus", "Under behandling")
		b.WriteString("    </mappe>\n")
	}
	b.WriteString("  </arkivdel>\n</arkiv>\n")
	return b.Bytes()
}

func xmlBenchRegistrering(b *bytes.Buffer, field func(int, string, string), aar, nr, j int) {
	b.WriteString("      <registrering xsi:type=\"journalpost\">\n")
	field(4, "systemID", fmt.Sprintf("jp-%d", j))
	field(4, "opprettetDato", "2021-03-05T08:09:10+01:00")
	field(4, "opprettetAv", "Ole Hårstad")
	for d := 1; d <= 2; d++ {
		b.WriteString("        <dokumentbeskrivelse>\n")
		field(5, "systemID", fmt.Sprintf("dok-%d-%d", j, d))
		field(5, "dokumenttype", "Brev")
		field(5, "dokumentstatus", "Dokumentet er ferdigstilt")
		field(5, "tittel", "Søknad om rammetillatelse – tegninger &amp; situasjonsplan")
		field(5, "opprettetDato", "2021-03-05T08:09:10+01:00")
		field(5, "opprettetAv", "Ole Hårstad")
		field(5, "tilknyttetRegistreringSom", map[bool]string{true: "Hoveddokument", false: "Vedlegg"}[d == 1])
		field(5, "dokumentnummer", fmt.Sprint(d))
		b.WriteString("        </dokumentbeskrivelse>\n")
	}
	field(4, "registreringsID", fmt.Sprintf("%d/%d-%d", aar, j, nr))
	field(4, "tittel", "Søknad om rammetillatelse for garasje – Bjørnstjerne Bjørnsons vei 7")
	if j%5 == 0 {
		field(4, "offentligTittel", "Søknad om rammetillatelse for garasje – ***** *****")
	}
	for k, typ := range []string{"Avsender", "Kopimottaker"} {
		b.WriteString("        <korrespondansepart>\n")
		field(5, "korrespondanseparttype", typ)
		field(5, "korrespondansepartNavn", fmt.Sprintf("Hansen &amp; Sønn Bygg AS avd. %d", k))
		field(5, "organisasjonsnummer", "987654321")
		field(5, "postadresse", "Storgata 12")
		field(5, "postnummer", "8800")
		field(5, "poststed", "Sandnessjøen")
		field(5, "epostadresse", "post@hansen-bygg.example")
		b.WriteString("        </korrespondansepart>\n")
	}
	field(4, "journalaar", fmt.Sprint(aar))
	field(4, "journalsekvensnummer", fmt.Sprint(j+1))
	field(4, "journalpostnummer", fmt.Sprint(nr))
	field(4, "journalposttype", "Inngående dokument")
	field(4, "journalstatus", "Journalført")
	field(4, "journaldato", "2021-03-05")
	field(4, "dokumentetsDato", "2021-03-01")
	field(4, "mottattDato", "2021-03-04")
	field(4, "forfallsdato", "2021-04-01")
	field(4, "offentlighetsvurdertDato", "2021-03-05")
	field(4, "antallVedlegg", "1")
	field(4, "journalenhet", "Sentralarkivet")
	b.WriteString("      </registrering>\n")
}

// BenchmarkArkivstruktur is the whole reader over xmlBenchDoc.
func BenchmarkArkivstruktur(b *testing.B) {
	const n = 2000
	doc := xmlBenchDoc(n)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewArkivstruktur(bytes.NewReader(doc), "bench.xml")
		jps := 0
		for {
			m, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if m.Broken {
				b.Fatalf("broken: %v", m.Problems)
			}
			jps += len(m.Journalposts)
		}
		if jps != n {
			b.Fatalf("read %d journalposts, want %d", jps, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "journalposts/s")
}

// BenchmarkXMLTokenizer reads every token of xmlBenchDoc with the
// tokenizer and with encoding/xml.
func BenchmarkXMLTokenizer(b *testing.B) {
	doc := xmlBenchDoc(2000)
	for _, bm := range []struct {
		name string
		open func() xmlTokens
	}{
		{"tokenizer", func() xmlTokens { return newXMLTokenizer(bytes.NewReader(doc), xmlBufferSize) }},
		{"encoding-xml", func() xmlTokens { return xml.NewDecoder(bytes.NewReader(doc)) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				d := bm.open()
				for {
					if _, err := d.Token(); err == io.EOF {
						break
					} else if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
