package api_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Randomly generated records for the no-leak test. Every word in them is a
// unique made-up token, so a secret token found anywhere in a public
// response is a leak, whatever the response is. Which tokens are secret is
// decided here, by the rules as the law states them, not by offl's code:
// the test checks the implementation against an independent reading.

type randomJournal struct {
	batch journal.Batch
	// secret are tokens no public response may hold.
	secret map[string]bool
	// public are tokens some public response must hold (so that the test
	// would notice if nothing were published at all).
	public map[string]bool
	// bySystemID are each entry's tokens, all of which the staff view shows.
	bySystemID map[string][]string
	// texts are the extracted texts of the files, by dokumentbeskrivelse
	// SystemID; searchable are the words of public files' texts.
	texts      map[string]string
	searchable map[string]bool
}

type tokenSource struct {
	r    *rand.Rand
	used map[string]bool
}

// token returns a fresh word like "Qvoxtel": letters only, so that it is
// one word for the title rules and one lexeme for full-text search.
func (t *tokenSource) token() string {
	const consonants, vowels = "bdfgklmnprstvz", "aeiouy"
	for {
		var b strings.Builder
		b.WriteString("Q")
		for range 3 {
			b.WriteByte(consonants[t.r.IntN(len(consonants))])
			b.WriteByte(vowels[t.r.IntN(len(vowels))])
		}
		b.WriteByte(consonants[t.r.IntN(len(consonants))])
		if s := b.String(); !t.used[s] {
			t.used[s] = true
			return s
		}
	}
}

func (t *tokenSource) tokens(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = t.token()
	}
	return out
}

// screenKind is one way an entry can be screened or hidden.
type screenKind int

const (
	screenNone screenKind = iota
	screenPhrase
	screenPositions
	screenWholeTitle
	screenAllMetadata
	screenNames
	screenDocument
	hiddenStatus
	hiddenAccessibleAfter
	hiddenIdentityNumber
	screenKinds
)

func newRandomJournal(seed uint64, entries int, now time.Time) randomJournal {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	toks := &tokenSource{r: r, used: map[string]bool{}}
	rj := randomJournal{secret: map[string]bool{}, public: map[string]bool{}, bySystemID: map[string][]string{}, texts: map[string]string{}, searchable: map[string]bool{}}
	rj.batch.Enheter = []journal.EnhetInput{{Kode: "RANDOM", Navn: "Tilfeldig enhet"}}
	for i := range entries {
		caseKey := fmt.Sprintf("random-case-%d", i)
		caseWord := toks.token()
		rj.public[caseWord] = true
		rj.batch.Saksmapper = append(rj.batch.Saksmapper, journal.SaksmappeInput{EnhetKode: "RANDOM", Saksmappe: offl.Saksmappe{
			SystemID: caseKey, Saksaar: 2030, Sakssekvensnummer: i + 1, Tittel: "Saksmappe " + caseWord}})
		kind := screenKind(i % int(screenKinds))
		title := toks.tokens(3 + r.IntN(3))
		external := offl.Korrespondansepart{Korrespondanseparttype: offl.Avsender, Navn: strings.Join(toks.tokens(2), " "), ErPerson: true}
		internal := offl.Korrespondansepart{Korrespondanseparttype: offl.InternMottaker, Navn: toks.token()}
		docs := []offl.Dokumentbeskrivelse{
			{SystemID: fmt.Sprintf("random-doc-%d-1", i), Dokumentnummer: 1, TilknyttetRegistreringSom: offl.Hoveddokument, Tittel: "Brev " + toks.token()},
			{SystemID: fmt.Sprintf("random-doc-%d-2", i), Dokumentnummer: 2, TilknyttetRegistreringSom: offl.Vedlegg, Tittel: "Vedlegg " + toks.token()},
		}
		// Each document has a file whose text (set after loading, as
		// extraction would) holds words of its own.
		docText := map[string][]string{}
		for k := range docs {
			d := &docs[k]
			d.Dokumentobjekt = []offl.Dokumentobjekt{{Versjonsnummer: 1, Variantformat: offl.Arkivformat, Format: "PDF",
				Filnavn: d.SystemID + ".pdf", MediaType: "application/pdf", Storrelse: 10,
				Sjekksum: fmt.Sprintf("%064x", i*2+k), StorageKey: "documents/" + d.SystemID}}
			docText[d.SystemID] = toks.tokens(3)
			rj.texts[d.SystemID] = "Tekst " + strings.Join(docText[d.SystemID], " ")
		}
		jp := offl.Journalpost{
			SystemID: fmt.Sprintf("random-%d", i), Journalaar: 2030, Journalsekvensnummer: i + 1, Journalpostnummer: 1,
			Journalposttype: offl.Inngaaende, Journalstatus: offl.Journalfoert, Tittel: strings.Join(title, " "),
			Journaldato:        time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -i%300),
			Korrespondansepart: []offl.Korrespondansepart{external, internal}, Dokumentbeskrivelse: docs,
		}
		all := slicesConcat(title, strings.Fields(external.Navn), []string{internal.Navn}, lastWords(docs))
		secret := map[string]bool{}
		sk := &offl.Skjerming{Tilgangsrestriksjon: "UO", Skjermingshjemmel: "Offl. § 13"}
		switch kind {
		case screenNone:
			sk = nil
		case screenPhrase:
			sk.Screens.Title.Phrases = []string{title[1] + " " + title[2]}
			secret[title[1]], secret[title[2]] = true, true
		case screenPositions:
			sk.Screens.Title.Words = []offl.WordRange{{From: 0, To: 1}}
			secret[title[0]], secret[title[1]] = true, true
		case screenWholeTitle:
			sk.Screens.Title.Whole = true
			for _, w := range title {
				secret[w] = true
			}
		case screenAllMetadata:
			sk.Screens.AllMetadata = true
			for _, w := range slicesConcat(title, strings.Fields(external.Navn), []string{internal.Navn}, lastWords(docs)) {
				secret[w] = true
			}
		case screenNames:
			sk.Screens.Names = true
			for _, w := range strings.Fields(external.Navn) {
				secret[w] = true
			}
		case screenDocument:
			sk.Screens.Documents.IDs = []string{docs[1].SystemID}
			secret[lastWord(docs[1].Tittel)] = true
			for _, w := range docText[docs[1].SystemID] {
				secret[w] = true
			}
		case hiddenStatus, hiddenAccessibleAfter, hiddenIdentityNumber:
			sk = nil
			for _, w := range slicesConcat(all, docText[docs[0].SystemID], docText[docs[1].SystemID]) {
				secret[w] = true
			}
			switch kind {
			case hiddenStatus:
				jp.Journalstatus = offl.Reservert
			case hiddenAccessibleAfter:
				jp.AccessibleAfter = now.AddDate(1, 0, 0)
			case hiddenIdentityNumber:
				jp.Tittel += " 01017012343"
			}
		}
		jp.Skjerming = sk
		for _, w := range all {
			if secret[w] {
				rj.secret[w] = true
			} else {
				rj.public[w] = true
			}
		}
		// Text is searched, never shown: its secret words join the secrets,
		// its public ones are checked by search.
		for _, w := range slicesConcat(docText[docs[0].SystemID], docText[docs[1].SystemID]) {
			if secret[w] {
				rj.secret[w] = true
			} else {
				rj.searchable[w] = true
			}
		}
		rj.bySystemID[jp.SystemID] = all
		rj.batch.Journalposts = append(rj.batch.Journalposts, journal.JournalpostInput{
			Journalpost: jp, SaksmappeSystemID: caseKey, EnhetKode: "RANDOM"})
	}
	return rj
}

func lastWord(s string) string { f := strings.Fields(s); return f[len(f)-1] }

func lastWords(docs []offl.Dokumentbeskrivelse) []string {
	var out []string
	for _, d := range docs {
		out = append(out, lastWord(d.Tittel))
	}
	return out
}

func slicesConcat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
