package innsynskrav

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Decision is staff's answer to one item.
type Decision struct {
	Outcome Status // granted, partly granted, refused or not held
	// Bases are the catalogue IDs of the exemptions used ("offl-13"):
	// required for a partial grant (one for each withheld part) and a
	// refusal (§ 31 (1)), empty otherwise.
	Bases []string
	// ConfidentialityProvision names the duty of confidentiality a § 13
	// basis rests on ("fvl. § 13 første ledd nr. 1"): § 13 exempts only
	// what another act makes confidential, so the refusal must say which.
	ConfidentialityProvision string
	// Meirinnsyn is the § 11 assessment: why access is not given even
	// though the basis allows it. Required when any basis is discretionary.
	Meirinnsyn string
	// Reason is any further explanation to the requester.
	Reason string
	// ForwardedTo names the body a "not held" item was sent on to; empty
	// when the body simply does not hold it.
	ForwardedTo string
	// Variant is what a grant releases: the original (archive) variant,
	// or the redacted one. A partial grant releases the redacted variant.
	Variant Variant
}

// Variant is the document variant a grant releases.
type Variant string

// The variants.
const (
	VariantNone     Variant = ""
	VariantOriginal Variant = "arkivformat"
	VariantRedacted Variant = "offentlig_variant"
)

// Validate checks a decision against the catalogue and returns every
// problem at once, with fields under prefix ("body").
func (d Decision) Validate(cat *offl.Catalogue, prefix string) error {
	var problems []journal.FieldProblem
	add := func(field, msg string) {
		problems = append(problems, journal.FieldProblem{Field: prefix + "." + field, Message: msg})
	}
	for _, text := range []struct{ field, value string }{{"confidentialityProvision", d.ConfidentialityProvision},
		{"meirinnsyn", d.Meirinnsyn}, {"reason", d.Reason}, {"forwardedTo", d.ForwardedTo}} {
		if utf8.RuneCountInString(text.value) > MaxDescription {
			add(text.field, "at most "+strconv.Itoa(MaxDescription)+" characters")
		}
	}
	withholds := d.Outcome == StatusPartlyGranted || d.Outcome == StatusRefused
	switch {
	case !d.Outcome.Decided():
		add("outcome", "one of innvilget, delvis_innvilget, avslatt, ikke_hos_oss")
	case withholds && len(d.Bases) == 0:
		add("bases", "a refusal must name its basis (offl. § 31 (1)); GET /v1/skjermingshjemmel lists them")
	case !withholds && len(d.Bases) > 0:
		add("bases", "only a refusal or a partial grant has bases")
	}
	mandatory, discretionary := false, false
	seen := map[string]bool{}
	for i, id := range d.Bases {
		p, ok := cat.Provision(id)
		switch {
		case !ok:
			add("bases["+strconv.Itoa(i)+"]", "no exemption basis "+strconv.Quote(id)+"; GET /v1/skjermingshjemmel lists them")
			continue
		case seen[id]:
			add("bases["+strconv.Itoa(i)+"]", "basis "+strconv.Quote(id)+" is named twice")
		}
		seen[id] = true
		mandatory = mandatory || p.Mandatory
		discretionary = discretionary || p.Discretionary()
	}
	if mandatory && strings.TrimSpace(d.ConfidentialityProvision) == "" {
		add("confidentialityProvision", "offl. § 13 needs the provision that imposes the duty of confidentiality, e.g. \"fvl. § 13 første ledd nr. 1\"")
	}
	if discretionary && strings.TrimSpace(d.Meirinnsyn) == "" {
		add("meirinnsyn", "a discretionary basis needs the meirinnsyn assessment (offl. § 11): why access is still not given")
	}
	if d.ForwardedTo != "" && d.Outcome != StatusNotHeld {
		add("forwardedTo", "only an ikke_hos_oss decision is forwarded")
	}
	switch {
	case d.Outcome == StatusPartlyGranted && d.Variant != VariantRedacted:
		add("variant", "a partial grant releases the redacted variant (offentlig_variant)")
	case d.Outcome == StatusGranted && d.Variant != VariantOriginal && d.Variant != VariantRedacted && d.Variant != VariantNone:
		add("variant", "arkivformat or offentlig_variant")
	case (d.Outcome == StatusRefused || d.Outcome == StatusNotHeld) && d.Variant != VariantNone:
		add("variant", "nothing is released by a refusal or a not-held answer")
	}
	if len(problems) > 0 {
		return journal.InvalidFields(problems)
	}
	return nil
}
