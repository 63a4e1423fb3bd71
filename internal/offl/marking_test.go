package offl

import (
	"strings"
	"testing"
)

func validMeirinnsyn() *Meirinnsyn {
	return &Meirinnsyn{VurdertAv: "Kari Arkivar", VurdertDato: day(2025, 3, 13), Utfall: UnntakOpprettholdt,
		Begrunnelse: "Interne vurderinger før vedtak"}
}

func TestCheckMarking(t *testing.T) {
	names := Screens{Names: true}
	tests := []struct {
		covers string
		sk     Skjerming
		field  string // "" when the marking is valid
	}{
		{"offl. § 13: mandatory, no meirinnsyn", Skjerming{Skjermingshjemmel: "Offl. § 13 jf. fvl. § 13 første ledd nr. 1", Screens: names}, ""},
		{"offl. § 13: meirinnsyn does not apply", Skjerming{Skjermingshjemmel: "Offl. § 13", Screens: names, Meirinnsyn: validMeirinnsyn()}, "meirinnsyn"},
		{"offl. § 14: discretionary, meirinnsyn recorded", Skjerming{Skjermingshjemmel: "Offl. § 14", Screens: Screens{Documents: DocumentScreen{All: true}}, Meirinnsyn: validMeirinnsyn()}, ""},
		{"offl. § 11: discretionary basis without meirinnsyn", Skjerming{Skjermingshjemmel: "Offl. § 14", Screens: Screens{Documents: DocumentScreen{All: true}}}, "meirinnsyn"},
		{"offl. § 11: an unreadable basis needs meirinnsyn too", Skjerming{Skjermingshjemmel: "Unntatt offentlighet", Screens: names}, "meirinnsyn"},
		{"offl. § 11: who made the assessment", Skjerming{Skjermingshjemmel: "Offl. § 23 tredje ledd", Screens: names, Meirinnsyn: &Meirinnsyn{VurdertDato: day(2025, 3, 1), Utfall: UnntakOpprettholdt, Begrunnelse: "x"}}, "meirinnsyn.vurdertAv"},
		{"offl. § 11: the assessment cannot be dated in the future", Skjerming{Skjermingshjemmel: "Offl. § 23 tredje ledd", Screens: names, Meirinnsyn: &Meirinnsyn{VurdertAv: "K", VurdertDato: day(2026, 1, 1), Utfall: UnntakOpprettholdt, Begrunnelse: "x"}}, "meirinnsyn.vurdertDato"},
		{"offl. § 11: full meirinnsyn means lifting", Skjerming{Skjermingshjemmel: "Offl. § 23 tredje ledd", Screens: names, Meirinnsyn: &Meirinnsyn{VurdertAv: "K", VurdertDato: day(2025, 3, 1), Utfall: FulltMeirinnsyn, Begrunnelse: "x"}}, "meirinnsyn.utfall"},
		{"offl. § 11: a reason is required", Skjerming{Skjermingshjemmel: "Offl. § 23 tredje ledd", Screens: names, Meirinnsyn: &Meirinnsyn{VurdertAv: "K", VurdertDato: day(2025, 3, 1), Utfall: DelvisMeirinnsyn}}, "meirinnsyn.begrunnelse"},
		{"a basis is required", Skjerming{Screens: names}, "skjermingshjemmel"},
		{"a skjerming must withhold something", Skjerming{Skjermingshjemmel: "Offl. § 13"}, "screens"},
		{"a phrase must occur in the entry", Skjerming{Skjermingshjemmel: "Offl. § 13", Screens: Screens{Title: TitleScreen{Phrases: []string{"Ola Nordman"}}}}, "screens.titlePhrases[0]"},
		{"a phrase may occur in a name", Skjerming{Skjermingshjemmel: "Offl. § 13", Screens: Screens{Title: TitleScreen{Phrases: []string{"Kari Nordmann"}}}}, ""},
		{"word positions lie within the title", Skjerming{Skjermingshjemmel: "Offl. § 13", Screens: Screens{Title: TitleScreen{Words: []WordRange{{From: 5, To: 6}}}}}, "screens.titleWords[0]"},
		{"documents are the entry's own", Skjerming{Skjermingshjemmel: "Offl. § 13", Screens: Screens{Documents: DocumentScreen{IDs: []string{"d9"}}}}, "screens.documents[0]"},
		{"Noark 5 M505: an expiry in the past", Skjerming{Skjermingshjemmel: "Offl. § 13", Screens: names, OpphoererDato: day(2025, 1, 1)}, "skjermingOpphoererDato"},
	}
	c := DefaultCatalogue()
	for _, tt := range tests {
		t.Run(tt.covers, func(t *testing.T) {
			ps := CheckMarking(tt.sk, entry(), c, now)
			if tt.field == "" {
				if len(ps) > 0 {
					t.Errorf("problems: %+v", ps)
				}
				return
			}
			for _, p := range ps {
				if p.Field == tt.field {
					return
				}
			}
			t.Errorf("no problem at %s: %+v", tt.field, ps)
		})
	}
}

func TestCheckCaseMarking(t *testing.T) {
	sm := Saksmappe{Tittel: "Barnehageplass - Ola Nordmann"}
	c := DefaultCatalogue()
	ok := Skjerming{Skjermingshjemmel: "Offl. § 13", Screens: Screens{Title: TitleScreen{Phrases: []string{"Ola Nordmann"}}}}
	if ps := CheckCaseMarking(ok, sm, c, now); len(ps) > 0 {
		t.Errorf("valid case marking: %+v", ps)
	}
	names := Skjerming{Skjermingshjemmel: "Offl. § 13", Screens: Screens{Names: true}}
	if ps := CheckCaseMarking(names, sm, c, now); len(ps) == 0 || !strings.Contains(ps[0].Message, "title only") {
		t.Errorf("a case marking that screens names: %+v", ps)
	}
}

func TestDefaultExpiry(t *testing.T) {
	c := DefaultCatalogue()
	from := day(2024, 5, 2)
	if got := DefaultExpiry("Offl. § 13 jf. fvl. § 13 første ledd nr. 1", c, from); !got.Equal(day(2084, 5, 2)) {
		t.Errorf("fvl. § 13 c (configurable default): § 13 lapses after 60 years, got %v", got)
	}
	if got := DefaultExpiry("Offl. § 14", c, from); !got.IsZero() {
		t.Errorf("offl. § 14 has no default duration, got %v", got)
	}
	if got := DefaultExpiry("Unntatt offentlighet", c, from); !got.IsZero() {
		t.Errorf("an unreadable basis has none, got %v", got)
	}
}
