package offl

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func entry() Journalpost {
	return Journalpost{
		ID: "jp1", SaksmappeID: "sm1", Saksaar: 2024, Sakssekvensnummer: 123,
		Journalaar: 2024, Journalsekvensnummer: 4567, Journalpostnummer: 2,
		Journalposttype: Inngaaende, Journalstatus: Journalfoert,
		Tittel:      "Søknad om barnehageplass til Ola Nordmann",
		Journaldato: day(2024, 5, 2), AdministrativEnhetID: "enh1",
		PublisertDato: day(2024, 5, 3),
		Korrespondansepart: []Korrespondansepart{
			{Korrespondanseparttype: Avsender, Navn: "Kari Nordmann", ErPerson: true},
			{Korrespondanseparttype: Mottaker, Navn: "Rana Bygg AS", Organisasjonsnummer: "974760673"},
		},
		Dokumentbeskrivelse: []Dokumentbeskrivelse{
			{ID: "d1", Dokumentnummer: 1, TilknyttetRegistreringSom: Hoveddokument, Tittel: "Søknad om barnehageplass til Ola Nordmann"},
			{ID: "d2", Dokumentnummer: 2, TilknyttetRegistreringSom: Vedlegg, Tittel: "Legeerklæring"},
		},
	}
}

func withSkjerming(jp Journalpost, sk Skjerming) Journalpost {
	jp.Skjerming = &sk
	return jp
}

func TestPublishJournalpostTitle(t *testing.T) {
	tests := []struct {
		rule    string
		screens Screens
		title   string
		want    string
	}{
		{"Noark 5 krav 5.2.6: no skjerming, title as written", Screens{}, "Søknad om barnehageplass til Ola Nordmann", "Søknad om barnehageplass til Ola Nordmann"},
		{"Noark 5 krav 5.2.6: words screened by phrase become *****",
			Screens{Title: TitleScreen{Phrases: []string{"Ola Nordmann"}}}, "", "Søknad om barnehageplass til ***** *****"},
		{"Noark 5 krav 5.2.6: phrases match regardless of case",
			Screens{Title: TitleScreen{Phrases: []string{"ola nordmann"}}}, "", "Søknad om barnehageplass til ***** *****"},
		{"Noark 5 krav 5.2.6: words screened by position (0-based, inclusive)",
			Screens{Title: TitleScreen{Words: []WordRange{{From: 4, To: 5}}}}, "", "Søknad om barnehageplass til ***** *****"},
		{"Noark 5 krav 5.2.6: positions past the end are ignored",
			Screens{Title: TitleScreen{Words: []WordRange{{From: 5, To: 99}}}}, "", "Søknad om barnehageplass til Ola *****"},
		{"Noark 5 krav 5.2.6: whole title", Screens{Title: TitleScreen{Whole: true}}, "", "***** ***** ***** ***** ***** *****"},
		{"Noark 5 M502: all metadata screens the whole title", Screens{AllMetadata: true}, "", "***** ***** ***** ***** ***** *****"},
		{"punctuation is kept around masked words",
			Screens{Title: TitleScreen{Phrases: []string{"Nordmann"}}}, "Klage - Ola Nordmann, Mo i Rana", "Klage - Ola *****, Mo i Rana"},
		{"a one-word phrase masks the whole joined word",
			Screens{Title: TitleScreen{Phrases: []string{"Nordmann"}}}, "Tilsyn hos Nordmann-Hansen", "Tilsyn hos *****"},
		{"a word screened by position is masked wherever it recurs",
			Screens{Title: TitleScreen{Words: []WordRange{{From: 2, To: 2}}}}, "Klage fra Hansen på vedtak om Hansen", "Klage fra ***** på vedtak om *****"},
		{"a full stop after a masked word is kept",
			Screens{Title: TitleScreen{Words: []WordRange{{From: 3, To: 3}}}}, "Byggesøknad gnr. 12 bnr. 34", "Byggesøknad gnr. 12 *****. 34"},
		{"offl. § 13: screened names are masked in the title too",
			Screens{Names: true}, "Brev fra Kari Nordmann", "Brev fra ***** *****"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			jp := entry()
			if tt.title != "" {
				jp.Tittel = tt.title
			}
			pub := PublishJournalpost(withSkjerming(jp, Skjerming{Skjermingshjemmel: "Offl. § 13", Screens: tt.screens}), now, DefaultPolicy())
			if !pub.Visible() {
				t.Fatalf("hidden: %s", pub.Hidden)
			}
			if pub.Entry.OffentligTittel != tt.want {
				t.Errorf("offentligTittel = %q, want %q", pub.Entry.OffentligTittel, tt.want)
			}
		})
	}
}

func TestPublishJournalpostVisibility(t *testing.T) {
	tests := []struct {
		rule   string
		modify func(*Journalpost)
		want   Hidden
	}{
		{"DESIGN: journalført is published", func(j *Journalpost) {}, Published},
		{"DESIGN: ekspedert is published", func(j *Journalpost) { j.Journalstatus = Ekspedert }, Published},
		{"DESIGN: arkivert is published", func(j *Journalpost) { j.Journalstatus = Arkivert }, Published},
		{"DESIGN: midlertidig registrering is not published", func(j *Journalpost) { j.Journalstatus = Midlertidig }, HiddenStatus},
		{"DESIGN: reservert is not published", func(j *Journalpost) { j.Journalstatus = Reservert }, HiddenStatus},
		{"DESIGN: utgår is not published", func(j *Journalpost) { j.Journalstatus = Utgaar }, HiddenStatus},
		{"eInnsyn accessibleAfter: a future instant hides the entry", func(j *Journalpost) { j.AccessibleAfter = now.Add(time.Second) }, HiddenUntilAccessible},
		{"eInnsyn accessibleAfter: the instant itself publishes", func(j *Journalpost) { j.AccessibleAfter = now }, Published},
		{"forskrift § 7 d: a fødselsnummer in the title holds the entry back", func(j *Journalpost) { j.Tittel += " 01017012343" }, HiddenIdentityNumber},
		{"forskrift § 7 d: in a correspondent name too", func(j *Journalpost) { j.Korrespondansepart[0].Navn += " 010170 12343" }, HiddenIdentityNumber},
		{"forskrift § 7 d: in a document title too", func(j *Journalpost) { j.Dokumentbeskrivelse[1].Tittel += " 01.01.70 12343" }, HiddenIdentityNumber},
		{"forskrift § 7 d: a number staff approved is published", func(j *Journalpost) {
			j.Tittel += " 01017012343"
			j.ApprovedNumbers = []string{"01017012343"}
		}, Published},
		{"forskrift § 7 d: a screened number is not published, so the entry is", func(j *Journalpost) {
			j.Tittel += " 01017012343"
			j.Skjerming = &Skjerming{Skjermingshjemmel: "Offl. § 26 femte ledd", Screens: Screens{Title: TitleScreen{Phrases: []string{"01017012343"}}}}
		}, Published},
		{"forskrift § 7 d: an organisasjonsnummer does not hold it back", func(j *Journalpost) { j.Tittel += " 974760673" }, Published},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			jp := entry()
			tt.modify(&jp)
			if got := PublishJournalpost(jp, now, DefaultPolicy()).Hidden; got != tt.want {
				t.Errorf("hidden = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPublishJournalpostNamesAndDocuments(t *testing.T) {
	t.Run("offl. § 13: screened names are withheld, types kept", func(t *testing.T) {
		pub := PublishJournalpost(withSkjerming(entry(), Skjerming{Screens: Screens{Names: true}}), now, DefaultPolicy())
		for _, k := range pub.Entry.Korrespondansepart {
			if k.Navn != Mask {
				t.Errorf("name %q shown", k.Navn)
			}
		}
		if pub.Entry.Korrespondansepart[0].Korrespondanseparttype != Avsender {
			t.Errorf("type lost")
		}
		if len(pub.Entry.SearchNames) != 0 {
			t.Errorf("screened names searchable: %v", pub.Entry.SearchNames)
		}
	})
	t.Run("offl. § 13: names screening leaves the body's own units public", func(t *testing.T) {
		jp := entry()
		jp.Korrespondansepart = append(jp.Korrespondansepart,
			Korrespondansepart{Korrespondanseparttype: InternAvsender, Navn: "Oppvekst og kultur"})
		pub := PublishJournalpost(withSkjerming(jp, Skjerming{Screens: Screens{Names: true}}), now, DefaultPolicy())
		if got := pub.Entry.Korrespondansepart[2].Navn; got != "Oppvekst og kultur" {
			t.Errorf("internal party = %q", got)
		}
		if terms := WithheldTerms(withSkjerming(jp, Skjerming{Screens: Screens{Names: true}}), now); slices.Contains(terms, "Oppvekst og kultur") {
			t.Errorf("the unit's name is a withheld term: %v", terms)
		}
	})
	t.Run("a name holding a screened phrase is withheld", func(t *testing.T) {
		sk := Skjerming{Screens: Screens{Title: TitleScreen{Phrases: []string{"Kari Nordmann"}}}}
		pub := PublishJournalpost(withSkjerming(entry(), sk), now, DefaultPolicy())
		if got := pub.Entry.Korrespondansepart[0].Navn; got != Mask {
			t.Errorf("name = %q", got)
		}
		if got := pub.Entry.Korrespondansepart[1].Navn; got != "Rana Bygg AS" {
			t.Errorf("company name = %q", got)
		}
	})
	t.Run("title words screened by position are masked in document titles", func(t *testing.T) {
		sk := Skjerming{Screens: Screens{Title: TitleScreen{Words: []WordRange{{From: 4, To: 5}}}}}
		pub := PublishJournalpost(withSkjerming(entry(), sk), now, DefaultPolicy())
		if got := pub.Entry.Dokumentbeskrivelse[0].Tittel; got != "Søknad om barnehageplass til ***** *****" {
			t.Errorf("document title = %q", got)
		}
	})
	t.Run("Noark 5 M503 H: a screened document is absent", func(t *testing.T) {
		sk := Skjerming{Screens: Screens{Documents: DocumentScreen{IDs: []string{"d2"}}}}
		pub := PublishJournalpost(withSkjerming(entry(), sk), now, DefaultPolicy())
		if len(pub.Entry.Dokumentbeskrivelse) != 1 || pub.Entry.Dokumentbeskrivelse[0].ID != "d1" {
			t.Errorf("documents = %+v", pub.Entry.Dokumentbeskrivelse)
		}
	})
	t.Run("Noark 5 M503: all documents screened", func(t *testing.T) {
		sk := Skjerming{Screens: Screens{Documents: DocumentScreen{All: true}}}
		pub := PublishJournalpost(withSkjerming(entry(), sk), now, DefaultPolicy())
		if len(pub.Entry.Dokumentbeskrivelse) != 0 {
			t.Errorf("documents = %+v", pub.Entry.Dokumentbeskrivelse)
		}
	})
	t.Run("Noark 5 M502: all metadata withholds every name and document title", func(t *testing.T) {
		pub := PublishJournalpost(withSkjerming(entry(), Skjerming{Screens: Screens{AllMetadata: true}}), now, DefaultPolicy())
		for _, k := range pub.Entry.Korrespondansepart {
			if k.Navn != Mask {
				t.Errorf("name %q shown", k.Navn)
			}
		}
		if got := pub.Entry.Dokumentbeskrivelse[1].Tittel; got != Mask {
			t.Errorf("document title = %q", got)
		}
	})
	t.Run("the public skjerming tells code and basis only", func(t *testing.T) {
		sk := Skjerming{Tilgangsrestriksjon: "UO", Skjermingshjemmel: "Offl. § 13 jf. fvl. § 13 første ledd nr. 1", Screens: Screens{Names: true}}
		pub := PublishJournalpost(withSkjerming(entry(), sk), now, DefaultPolicy())
		want := &PublicSkjerming{Tilgangsrestriksjon: "UO", Skjermingshjemmel: "Offl. § 13 jf. fvl. § 13 første ledd nr. 1"}
		if *pub.Entry.Skjerming != *want {
			t.Errorf("skjerming = %+v", pub.Entry.Skjerming)
		}
	})
}

func TestPublishJournalpostClock(t *testing.T) {
	published := day(2024, 3, 14)
	base := entry()
	base.PublisertDato = published
	tests := []struct {
		rule           string
		at             time.Time
		wantPersonName bool
	}{
		{"forskrift § 6: a person's name is searchable the day before the year ends", day(2025, 3, 13), true},
		{"forskrift § 6: not searchable exactly one year after publication", day(2025, 3, 14), false},
		{"forskrift § 6: not searchable one year and one day after", day(2025, 3, 15), false},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			pub := PublishJournalpost(base, tt.at, DefaultPolicy())
			if got := slices.Contains(pub.Entry.SearchNames, "Kari Nordmann"); got != tt.wantPersonName {
				t.Errorf("person name searchable = %v, want %v", got, tt.wantPersonName)
			}
			if !slices.Contains(pub.Entry.SearchNames, "Rana Bygg AS") {
				t.Errorf("company names stay searchable: %v", pub.Entry.SearchNames)
			}
			if pub.Entry.Korrespondansepart[0].Navn != "Kari Nordmann" {
				t.Errorf("the name is still shown")
			}
		})
	}
	t.Run("forskrift § 6: the name period is the next change", func(t *testing.T) {
		pub := PublishJournalpost(base, day(2024, 6, 1), DefaultPolicy())
		if !pub.NextChange.Equal(day(2025, 3, 14)) {
			t.Errorf("next change = %v", pub.NextChange)
		}
	})
	t.Run("a first publication is dated now", func(t *testing.T) {
		jp := entry()
		jp.PublisertDato = time.Time{}
		if got := PublishJournalpost(jp, now, DefaultPolicy()).Entry.PublisertDato; !got.Equal(now) {
			t.Errorf("publisertDato = %v", got)
		}
	})
	t.Run("Noark 5 M505: a skjerming expiring today is lifted", func(t *testing.T) {
		jp := withSkjerming(entry(), Skjerming{Screens: Screens{Names: true}, OpphoererDato: day(2025, 3, 14)})
		pub := PublishJournalpost(jp, day(2025, 3, 14), DefaultPolicy())
		if pub.Entry.Skjerming != nil || pub.Entry.Korrespondansepart[0].Navn != "Kari Nordmann" {
			t.Errorf("skjerming still applied: %+v", pub.Entry)
		}
	})
	t.Run("Noark 5 M505: a skjerming expiring tomorrow still applies and is the next change", func(t *testing.T) {
		jp := withSkjerming(entry(), Skjerming{Screens: Screens{Names: true}, OpphoererDato: day(2025, 3, 15)})
		pub := PublishJournalpost(jp, day(2025, 3, 14), DefaultPolicy())
		if pub.Entry.Korrespondansepart[0].Navn != Mask {
			t.Errorf("skjerming lifted early")
		}
		if !pub.NextChange.Equal(day(2025, 3, 15)) {
			t.Errorf("next change = %v", pub.NextChange)
		}
	})
	t.Run("eInnsyn accessibleAfter is the next change while hidden", func(t *testing.T) {
		jp := entry()
		jp.AccessibleAfter = now.Add(time.Hour)
		if pub := PublishJournalpost(jp, now, DefaultPolicy()); !pub.NextChange.Equal(now.Add(time.Hour)) {
			t.Errorf("next change = %v", pub.NextChange)
		}
	})
}

func TestPublishSaksmappe(t *testing.T) {
	sm := Saksmappe{ID: "sm1", Saksaar: 2024, Sakssekvensnummer: 123, Tittel: "Barnehageplass - Ola Nordmann"}
	t.Run("no skjerming: title as written", func(t *testing.T) {
		if got := PublishSaksmappe(sm, nil, now).Case.OffentligTittel; got != sm.Tittel {
			t.Errorf("got %q", got)
		}
	})
	t.Run("Noark 5 krav 5.2.6: the case's own skjerming masks its title", func(t *testing.T) {
		s := sm
		s.Skjerming = &Skjerming{Screens: Screens{Title: TitleScreen{Words: []WordRange{{From: 1, To: 2}}}}}
		if got := PublishSaksmappe(s, nil, now).Case.OffentligTittel; got != "Barnehageplass - ***** *****" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("terms withheld on an entry are masked in its case's title", func(t *testing.T) {
		jp := withSkjerming(entry(), Skjerming{Screens: Screens{Title: TitleScreen{Words: []WordRange{{From: 4, To: 5}}}}})
		inherited := WithheldTerms(jp, now)
		if got := PublishSaksmappe(sm, inherited, now).Case.OffentligTittel; got != "Barnehageplass - ***** *****" {
			t.Errorf("got %q (inherited %v)", got, inherited)
		}
	})
	t.Run("forskrift § 7 d: an identity number holds the case back", func(t *testing.T) {
		s := sm
		s.Tittel += " 01017012343"
		if got := PublishSaksmappe(s, nil, now).Hidden; got != HiddenIdentityNumber {
			t.Errorf("hidden = %q", got)
		}
	})
}

func TestScreenedWords(t *testing.T) {
	got := ScreenedWords("Søknad om barnehageplass til Ola Nordmann", TitleScreen{Phrases: []string{"Ola Nordmann"}}, false)
	if strings.Join(got, " ") != "Ola Nordmann" {
		t.Errorf("got %v", got)
	}
}

func TestParseSaksnummer(t *testing.T) {
	tests := []struct {
		in   string
		want Saksnummer
		ok   bool
	}{
		{"2024/123", Saksnummer{2024, 123, 0}, true},
		{"24/123", Saksnummer{2024, 123, 0}, true},
		{"2024/123-4", Saksnummer{2024, 123, 4}, true},
		{"2024-123", Saksnummer{}, false},
		{"2024/", Saksnummer{}, false},
		{"", Saksnummer{}, false},
	}
	for _, tt := range tests {
		got, err := ParseSaksnummer(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseSaksnummer(%q) = %+v, %v", tt.in, got, err)
		}
	}
}
