package postgres

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/innsyn/innsyn/internal/offl"
)

// screensJSON is how offl.Screens is stored in skjerming.screens. The law
// package's types carry no encoding tags, so the mapping lives here.
type screensJSON struct {
	AllMetadata bool            `json:"allMetadata,omitempty"`
	Title       titleScreenJSON `json:"title"`
	Names       bool            `json:"names,omitempty"`
	Documents   docScreenJSON   `json:"documents"`
}

type titleScreenJSON struct {
	Whole   bool     `json:"whole,omitempty"`
	Phrases []string `json:"phrases,omitempty"`
	Words   [][2]int `json:"words,omitempty"`
}

type docScreenJSON struct {
	All       bool     `json:"all,omitempty"`
	IDs       []string `json:"ids,omitempty"`
	PartsOnly bool     `json:"partsOnly,omitempty"`
}

func newScreensJSON(s offl.Screens) screensJSON {
	j := screensJSON{
		AllMetadata: s.AllMetadata,
		Names:       s.Names,
		Title:       titleScreenJSON{Whole: s.Title.Whole, Phrases: s.Title.Phrases},
		Documents:   docScreenJSON{All: s.Documents.All, IDs: s.Documents.IDs, PartsOnly: s.Documents.PartsOnly},
	}
	for _, w := range s.Title.Words {
		j.Title.Words = append(j.Title.Words, [2]int{w.From, w.To})
	}
	return j
}

func encodeScreens(s offl.Screens) ([]byte, error) { return json.Marshal(newScreensJSON(s)) }

func decodeScreens(b []byte) (offl.Screens, error) {
	var j screensJSON
	if len(b) > 0 {
		if err := json.Unmarshal(b, &j); err != nil {
			return offl.Screens{}, fmt.Errorf("decode skjerming screens: %w", err)
		}
	}
	s := offl.Screens{
		AllMetadata: j.AllMetadata,
		Names:       j.Names,
		Title:       offl.TitleScreen{Whole: j.Title.Whole, Phrases: j.Title.Phrases},
		Documents:   offl.DocumentScreen{All: j.Documents.All, IDs: j.Documents.IDs, PartsOnly: j.Documents.PartsOnly},
	}
	for _, w := range j.Title.Words {
		s.Title.Words = append(s.Title.Words, offl.WordRange{From: w[0], To: w[1]})
	}
	return s, nil
}

// meirinnsynJSON is how offl.Meirinnsyn is stored in skjerming.meirinnsyn.
type meirinnsynJSON struct {
	VurdertAv   string    `json:"vurdertAv"`
	VurdertDato time.Time `json:"vurdertDato"`
	Utfall      string    `json:"utfall"`
	Begrunnelse string    `json:"begrunnelse"`
}

func encodeMeirinnsyn(m *offl.Meirinnsyn) (*string, error) {
	if m == nil {
		return nil, nil
	}
	b, err := json.Marshal(meirinnsynJSON{VurdertAv: m.VurdertAv, VurdertDato: m.VurdertDato, Utfall: string(m.Utfall), Begrunnelse: m.Begrunnelse})
	if err != nil {
		return nil, fmt.Errorf("encode meirinnsyn: %w", err)
	}
	s := string(b)
	return &s, nil
}

func decodeMeirinnsyn(b []byte) (*offl.Meirinnsyn, error) {
	if len(b) == 0 {
		return nil, nil
	}
	var j meirinnsynJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("decode meirinnsyn: %w", err)
	}
	return &offl.Meirinnsyn{VurdertAv: j.VurdertAv, VurdertDato: j.VurdertDato.UTC(), Utfall: offl.MeirinnsynUtfall(j.Utfall), Begrunnelse: j.Begrunnelse}, nil
}

// skjermingRow is a skjerming as stored, joined onto its owner's row.
type skjermingRow struct {
	ID                  *string    `db:"skjerming_id"`
	Tilgangsrestriksjon *string    `db:"sk_tilgangsrestriksjon"`
	Skjermingshjemmel   *string    `db:"sk_skjermingshjemmel"`
	Screens             []byte     `db:"sk_screens"`
	OpphoererDato       *time.Time `db:"sk_opphoerer_dato"`
	Varighet            *int       `db:"sk_varighet"`
	Meirinnsyn          []byte     `db:"sk_meirinnsyn"`
	BasisReviewed       *bool      `db:"sk_basis_reviewed"`
}

// skjermingColumns selects a skjerming joined as "sk" in skjermingRow's names.
const skjermingColumns = `sk.id AS skjerming_id, sk.tilgangsrestriksjon AS sk_tilgangsrestriksjon,
	sk.skjermingshjemmel AS sk_skjermingshjemmel, sk.screens AS sk_screens,
	sk.opphoerer_dato AS sk_opphoerer_dato, sk.varighet AS sk_varighet, sk.meirinnsyn AS sk_meirinnsyn,
	sk.basis_reviewed AS sk_basis_reviewed`

func (r skjermingRow) skjerming() (*offl.Skjerming, error) {
	if r.ID == nil {
		return nil, nil
	}
	screens, err := decodeScreens(r.Screens)
	if err != nil {
		return nil, err
	}
	m, err := decodeMeirinnsyn(r.Meirinnsyn)
	if err != nil {
		return nil, err
	}
	sk := &offl.Skjerming{
		Tilgangsrestriksjon: deref(r.Tilgangsrestriksjon),
		Skjermingshjemmel:   deref(r.Skjermingshjemmel),
		Screens:             screens,
		OpphoererDato:       derefTime(r.OpphoererDato),
		Meirinnsyn:          m,
	}
	if r.Varighet != nil {
		sk.Varighet = *r.Varighet
	}
	return sk, nil
}

// basisReviewed reports whether staff approved the skjerming's basis.
func (r skjermingRow) basisReviewed() bool { return r.BasisReviewed != nil && *r.BasisReviewed }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// nullTime turns the zero time into NULL.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// nullDateString formats a date, nil for the zero time.
func nullDateString(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

// nullString turns "" into nil.
func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
