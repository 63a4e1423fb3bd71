package offl

import "testing"

func withFiles(objects ...Dokumentobjekt) Journalpost {
	jp := entry()
	jp.Dokumentbeskrivelse = []Dokumentbeskrivelse{{ID: "d1", Dokumentnummer: 1, TilknyttetRegistreringSom: Hoveddokument,
		Tittel: "Søknad", Dokumentobjekt: objects}}
	return jp
}

func file(id string, v Variantformat, version int, status TextStatus) Dokumentobjekt {
	return Dokumentobjekt{ID: id, Variantformat: v, Versjonsnummer: version, TextStatus: status, Filnavn: id + ".pdf", MediaType: "application/pdf"}
}

func TestPublicFile(t *testing.T) {
	tests := []struct {
		covers  string
		jp      Journalpost
		sk      *Skjerming
		want    string // the public file's ID, "" for none
		hold    Held
		numbers int
	}{
		{"DESIGN: a checked archive file of a public entry is published", withFiles(file("a1", Arkivformat, 1, TextOK)), nil, "a1", "", 0},
		{"Noark 5 M700: the latest version", withFiles(file("a1", Arkivformat, 1, TextOK), file("a2", Arkivformat, 2, TextOK)), nil, "a2", "", 0},
		{"Noark 5 M700 O: the redacted variant is preferred", withFiles(file("a1", Arkivformat, 1, TextOK), file("o1", OffentligVariant, 1, TextOK)), nil, "o1", "", 0},
		{"a file not yet checked is not published", withFiles(file("a1", Arkivformat, 1, TextPending)), nil, "", "", 0},
		{"forskrift § 7 d: a fødselsnummer in the text holds the file back",
			withFiles(Dokumentobjekt{ID: "a1", Variantformat: Arkivformat, Versjonsnummer: 1, TextStatus: TextOK, IdentityNumbers: []string{"01017012343"}}), nil, "", HeldIdentityNumber, 1},
		{"forskrift § 7 d: an approved number does not",
			withFiles(Dokumentobjekt{ID: "a1", Variantformat: Arkivformat, Versjonsnummer: 1, TextStatus: TextOK, IdentityNumbers: []string{"01017012343"}, ApprovedNumbers: []string{"01017012343"}}), nil, "a1", "", 0},
		{"a scan without text waits for staff", withFiles(file("a1", Arkivformat, 1, TextNone)), nil, "", HeldNoText, 0},
		{"an encrypted file waits for staff", withFiles(file("a1", Arkivformat, 1, TextEncrypted)), nil, "", HeldNoText, 0},
		{"a scan staff approved is published", withFiles(Dokumentobjekt{ID: "a1", Variantformat: Arkivformat, Versjonsnummer: 1, TextStatus: TextNone, TextReviewed: true}), nil, "a1", "", 0},
		{"Noark 5 M503 H: a screened document has no file",
			withFiles(file("a1", Arkivformat, 1, TextOK), file("o1", OffentligVariant, 1, TextOK)),
			&Skjerming{Screens: Screens{Documents: DocumentScreen{IDs: []string{"d1"}}}}, "", "", 0},
		{"Noark 5 M503 D: parts screened: only the redacted variant",
			withFiles(file("a1", Arkivformat, 1, TextOK), file("o1", OffentligVariant, 1, TextOK)),
			&Skjerming{Screens: Screens{Documents: DocumentScreen{IDs: []string{"d1"}, PartsOnly: true}}}, "o1", "", 0},
		{"Noark 5 M503 D: parts screened and no redacted variant: no file",
			withFiles(file("a1", Arkivformat, 1, TextOK)),
			&Skjerming{Screens: Screens{Documents: DocumentScreen{All: true, PartsOnly: true}}}, "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			jp := tt.jp
			jp.Skjerming = tt.sk
			pub := PublishJournalpost(jp, now, DefaultPolicy())
			if len(pub.Entry.Dokumentbeskrivelse) == 0 {
				if tt.want != "" {
					t.Fatal("the document is not listed")
				}
				return
			}
			got := ""
			if f := pub.Entry.Dokumentbeskrivelse[0].Fil; f != nil {
				got = f.ObjektID
			}
			if got != tt.want {
				t.Errorf("public file %q, want %q", got, tt.want)
			}
			var hold Held
			numbers := 0
			if len(pub.FileHolds) > 0 {
				hold, numbers = pub.FileHolds[0].Reason, len(pub.FileHolds[0].Numbers)
			}
			if hold != tt.hold || numbers != tt.numbers {
				t.Errorf("hold %q (%d numbers), want %q (%d)", hold, numbers, tt.hold, tt.numbers)
			}
		})
	}
	t.Run("DESIGN: the body's full-text policy per journalposttype", func(t *testing.T) {
		jp := withFiles(file("a1", Arkivformat, 1, TextOK))
		jp.Journalposttype = OrganinterntUtenOppfoelging
		if f := PublishJournalpost(jp, now, DefaultPolicy()).Entry.Dokumentbeskrivelse[0].Fil; f != nil {
			t.Error("an internal note is published in full text by default")
		}
		policy := DefaultPolicy()
		policy.FullTextTypes = nil
		if f := PublishJournalpost(jp, now, policy).Entry.Dokumentbeskrivelse[0].Fil; f == nil {
			t.Error("a policy publishing every type does not")
		}
	})
}
