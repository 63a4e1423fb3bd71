package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/offl"
)

// LangText is a text in bokmål, nynorsk and English.
type LangText struct {
	NB string `json:"nb" doc:"Bokmål." example:"Taushetsplikt"`
	NN string `json:"nn" doc:"Nynorsk." example:"Teieplikt"`
	EN string `json:"en" doc:"English." example:"Duty of confidentiality"`
}

func newLangText(t offl.Text) LangText { return LangText{NB: t.NB, NN: t.NN, EN: t.EN} }

// Skjermingshjemmel is one exemption basis of offentleglova.
type Skjermingshjemmel struct {
	ID                   string    `json:"id" doc:"Stable ID of the basis." example:"offl-23-3"`
	Hjemmel              string    `json:"hjemmel" doc:"The canonical citation." example:"offl. § 23 tredje ledd"`
	Section              int       `json:"section" doc:"The section (§)." example:"23"`
	Paragraph            int       `json:"paragraph,omitempty" doc:"The paragraph (ledd); absent for the whole section." example:"3"`
	Tittel               LangText  `json:"tittel" doc:"Short name."`
	Mandatory            bool      `json:"mandatory" doc:"True only for § 13: the information must be withheld; otherwise the body may give access anyway (meirinnsyn, § 11)." example:"false"`
	Scope                string    `json:"scope" enum:"information,document" doc:"Whether only the exempt information or the whole document may be withheld." example:"information"`
	DefaultDurationYears int       `json:"defaultDurationYears,omitempty" doc:"How long a skjerming on this basis lasts when no expiry is given; absent: until lifted." example:"60"`
	Lapses               *LangText `json:"lapses,omitempty" doc:"An event that ends the exemption, when the law ties it to one."`
	Explanation          LangText  `json:"explanation" doc:"What the basis means for the person who asked, in plain language."`
}

func newSkjermingshjemmel(p offl.Provision) Skjermingshjemmel {
	out := Skjermingshjemmel{ID: p.ID, Hjemmel: p.Citation(), Section: p.Section, Paragraph: p.Paragraph,
		Tittel: newLangText(p.Title), Mandatory: p.Mandatory, Scope: string(p.Scope),
		DefaultDurationYears: p.DefaultDuration.Years, Explanation: newLangText(p.Explanation)}
	if p.Lapses != (offl.Text{}) {
		l := newLangText(p.Lapses)
		out.Lapses = &l
	}
	return out
}

// ListSkjermingshjemmelOutput is the catalogue.
type ListSkjermingshjemmelOutput struct {
	Body struct {
		Items         []Skjermingshjemmel `json:"items" doc:"Every basis, in citation order."`
		RefusalRights LangText            `json:"refusalRights" doc:"What a person refused access may do: ask for fuller reasons and appeal."`
	}
}

// ParseSkjermingshjemmelInput is a basis to check.
type ParseSkjermingshjemmelInput struct {
	Body struct {
		Skjermingshjemmel string `json:"skjermingshjemmel" maxLength:"500" doc:"The basis as staff would write it." example:"Offl § 13, jf fvl §13 1.ledd nr 1"`
	}
}

// Citation is one cited provision of a parsed basis.
type Citation struct {
	Act        string   `json:"act" doc:"The act's abbreviation, or the name as written when innsyn does not know it." example:"fvl."`
	ActName    string   `json:"actName" doc:"The act's short title." example:"forvaltningsloven"`
	KnownAct   bool     `json:"knownAct" doc:"Whether innsyn knows the act." example:"true"`
	Implied    bool     `json:"implied" doc:"True when not written but read from the rest (offl. § 13 before a bare confidentiality rule)." example:"false"`
	Section    string   `json:"section" doc:"The section as written." example:"13"`
	Paragraphs []int    `json:"paragraphs,omitempty" doc:"Paragraphs (ledd)." example:"[1]"`
	Sentence   int      `json:"sentence,omitempty" doc:"Sentence (punktum)." example:"2"`
	Numbers    []string `json:"numbers,omitempty" doc:"Numbers (nr.)." example:"[\"1\"]"`
	Letters    []string `json:"letters,omitempty" doc:"Letters (bokstav)." example:"[\"a\"]"`
}

// ParsedSkjermingshjemmel is what innsyn reads in a basis.
type ParsedSkjermingshjemmel struct {
	Original    string             `json:"original" doc:"The text as given." example:"Offl § 13, jf fvl §13 1.ledd nr 1"`
	Parsed      bool               `json:"parsed" doc:"Whether a provision could be read at all." example:"true"`
	Canonical   string             `json:"canonical,omitempty" doc:"The one way innsyn writes the basis." example:"Offl. § 13 jf. fvl. § 13 første ledd nr. 1"`
	OldLaw      bool               `json:"oldLaw" doc:"A basis under the 1970 offentlighetsloven." example:"false"`
	Citations   []Citation         `json:"citations" doc:"The basis first, then what it refers to."`
	Provision   *Skjermingshjemmel `json:"provision,omitempty" doc:"The catalogue entry it maps to."`
	NeedsReview bool               `json:"needsReview" doc:"Saved as it is, this basis would go to the review queue." example:"false"`
	Warnings    []string           `json:"warnings" doc:"What was assumed or ignored."`
}

// ParseSkjermingshjemmelOutput is the reading of a basis.
type ParseSkjermingshjemmelOutput struct {
	Body ParsedSkjermingshjemmel
}

func registerSkjermingshjemmel(api huma.API, deps Deps) {
	huma.Register(api, huma.Operation{
		OperationID: "list-skjermingshjemmel",
		Method:      http.MethodGet,
		Path:        "/v1/skjermingshjemmel",
		Summary:     "List the exemption bases",
		Description: "The exemption bases of offentleglova (§§ 12–26) with what each protects, whether it is mandatory, " +
			"its default duration, and a plain-language explanation in bokmål, nynorsk and English.",
		Tags:   []string{"law"},
		Errors: []int{http.StatusInternalServerError},
	}, func(ctx context.Context, _ *struct{}) (*ListSkjermingshjemmelOutput, error) {
		out := &ListSkjermingshjemmelOutput{}
		for _, p := range deps.Catalogue.Provisions() {
			out.Body.Items = append(out.Body.Items, newSkjermingshjemmel(p))
		}
		out.Body.RefusalRights = newLangText(offl.RefusalRights)
		return out, nil
	})

	huma.Register(api, staffOperation(huma.Operation{
		OperationID: "admin-parse-skjermingshjemmel",
		Method:      http.MethodPost,
		Path:        "/v1/admin/skjermingshjemmel/parse",
		Summary:     "Check a basis before saving it",
		Description: "Reads a skjermingshjemmel as innsyn will when it is saved: its parts, the canonical citation, the " +
			"catalogue entry it maps to, and warnings. Nothing is saved.",
		Errors: []int{http.StatusUnprocessableEntity},
	}, auth.RoleArkivar), func(ctx context.Context, in *ParseSkjermingshjemmelInput) (*ParseSkjermingshjemmelOutput, error) {
		return &ParseSkjermingshjemmelOutput{Body: newParsed(offl.ParseHjemmel(in.Body.Skjermingshjemmel), deps.Catalogue)}, nil
	})
}

func newParsed(h offl.Hjemmel, c *offl.Catalogue) ParsedSkjermingshjemmel {
	out := ParsedSkjermingshjemmel{Original: h.Original, Parsed: h.Parsed, Canonical: h.Canonical, OldLaw: h.OldLaw,
		NeedsReview: h.NeedsReview(c), Warnings: h.Warnings, Citations: []Citation{}}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	for _, ct := range h.Citations {
		out.Citations = append(out.Citations, Citation{Act: ct.Act.Abbr, ActName: ct.Act.Name, KnownAct: ct.KnownAct,
			Implied: ct.Implied, Section: ct.Section, Paragraphs: ct.Paragraphs, Sentence: ct.Sentence,
			Numbers: ct.Numbers, Letters: ct.Letters})
	}
	if p, ok := h.Provision(c); ok {
		s := newSkjermingshjemmel(p)
		out.Provision = &s
	}
	return out
}
