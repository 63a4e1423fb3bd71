package samplepdf

import (
	"fmt"
	"strings"
)

// sentences is Norwegian text for the samples, with æ, ø and å.
var sentences = []string{
	"Nordrana kommune viser til søknad om dispensasjon fra reguleringsplanen for Øvre Kjølen.",
	"Søknaden gjelder oppføring av en garasje på 48 kvadratmeter nær eiendomsgrensen.",
	"Kommunen har vurdert saken etter plan- og bygningsloven § 19-2 og funnet at vilkårene er oppfylt.",
	"Naboene er varslet, og det er kommet én merknad som gjelder utsikt og lysforhold.",
	"Merknaden er vurdert, men kommunen kan ikke se at ulempene er større enn fordelene.",
	"Vedtaket kan påklages til Statsforvalteren i Nordland innen tre uker fra det er mottatt.",
	"En eventuell klage sendes skriftlig til kommunen, som forbereder saken før den oversendes.",
	"Du har rett til å se dokumentene i saken etter forvaltningsloven § 18.",
	"Spørsmål om saken kan rettes til saksbehandler på telefon 75 14 50 00.",
	"Ærbødig hilsen fra byggesaksavdelingen, som takker for god dialog underveis.",
}

// Samples returns a few hand-made PDFs, by file name, as the benchmark's
// own text-layer samples: a letter written line by line with spaces, a
// page written word by word and glyph by glyph without spaces, a
// two-column page under a full-width title, and a ten-page report.
func Samples() map[string][]byte {
	return map[string][]byte{
		"sample-letter.pdf":  Document(letterPage()),
		"sample-kerned.pdf":  Document(kernedPage()),
		"sample-columns.pdf": Document(columnsPage()),
		"sample-report.pdf":  Document(reportPages(10)...),
	}
}

// Report returns a report of n pages, each with a heading, four
// paragraphs and a page number: the benchmark's long document.
func Report(n int) []byte { return Document(reportPages(n)...) }

// wrap breaks the words of text into lines at most width points wide.
func wrap(text string, size, width float64) []string {
	var lines []string
	var cur []string
	for _, w := range strings.Fields(text) {
		if len(cur) > 0 && Width(strings.Join(append(cur, w), " "), size) > width {
			lines = append(lines, strings.Join(cur, " "))
			cur = nil
		}
		cur = append(cur, w)
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}

func letterPage() string {
	var b strings.Builder
	b.WriteString(Text(60, 780, 16, "NORDRANA KOMMUNE"))
	b.WriteString(Text(60, 762, 10, "Byggesak og oppmåling"))
	b.WriteString(Text(380, 762, 9, "Vår ref.: 2024/117-3"))
	b.WriteString(Text(380, 750, 9, "Dato: 14.03.2024"))
	b.WriteString(Text(60, 700, 11, "Hege Sørli Åsheim"))
	b.WriteString(Text(60, 686, 11, "Fjellveien 12, 8622 Mo i Rana"))
	b.WriteString(Text(60, 640, 12, "Vedtak om dispensasjon - gnr. 73 bnr. 112"))
	y := 610.0
	for _, line := range wrap(strings.Join(sentences, " "), 11, 470) {
		b.WriteString(Text(60, y, 11, line))
		y -= 14
	}
	return b.String()
}

func kernedPage() string {
	var b strings.Builder
	y := 780.0
	for i, s := range sentences {
		for _, line := range wrap(s, 11, 470) {
			words := strings.Fields(line)
			if i%2 == 0 {
				b.WriteString(Words(60, y, 11, 0.28, words...))
			} else {
				b.WriteString(Kerned(60, y, 11, -15, -280, words...))
			}
			y -= 14
		}
	}
	return b.String()
}

func columnsPage() string {
	var b strings.Builder
	b.WriteString(Text(150, 780, 18, "Kommunestyrets møte 12. juni"))
	text := strings.Join(sentences, " ")
	for _, x := range []float64{60, 320} {
		y := 740.0
		for _, line := range wrap(text, 10, 220) {
			b.WriteString(Text(x, y, 10, line))
			y -= 12.5
		}
		text = strings.Join(sentences[5:], " ") + " " + strings.Join(sentences[:5], " ")
	}
	return b.String()
}

func reportPages(n int) []string {
	pages := make([]string, n)
	for p := range pages {
		var b strings.Builder
		b.WriteString(Text(60, 790, 13, fmt.Sprintf("Årsrapport 2023 - kapittel %d", p+1)))
		y := 760.0
		for i := range 4 {
			para := strings.Join(append(sentences[(p+i)%len(sentences):], sentences[:(p+i)%len(sentences)]...), " ")
			for _, line := range wrap(para, 10, 475) {
				b.WriteString(Text(60, y, 10, line))
				y -= 12.5
			}
			y -= 8
		}
		b.WriteString(Text(290, 40, 9, fmt.Sprintf("Side %d av %d", p+1, n)))
		pages[p] = b.String()
	}
	return pages
}
