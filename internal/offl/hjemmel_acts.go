package offl

import "strings"

// Act is a statute a skjermingshjemmel may cite.
type Act struct {
	// Abbr is the canonical abbreviation, as citations write it: "fvl.".
	Abbr string
	// Name is the act's short title in bokmål.
	Name string
}

// ActOffl is offentleglova itself.
var ActOffl = Act{Abbr: "offl.", Name: "offentleglova"}

// acts maps every spelling seen in real journals (lower case, dots and
// hyphens removed) to the act. Unknown names are kept as written.
var acts = map[string]Act{}

func init() {
	for _, a := range []struct {
		act     Act
		aliases string
	}{
		{ActOffl, "offl offentleglova offentleglovas offentleglov offentlighetsloven offentlighetslova offentlegheitslova offentlighetslov offentleglover ofl offl offlov offlova offentl offentlig"},
		{Act{"fvl.", "forvaltningsloven"}, "fvl forvl forvaltningsloven forvaltningslova forvaltningslov forvaltnlov"},
		{Act{"hpl.", "helsepersonelloven"}, "hpl hlspl helsepersonelloven helsepersonellova helsepersonellov helsepersonellloven helsepersonelllova"},
		{Act{"pjl.", "pasientjournalloven"}, "pjl pasjl pasientjournalloven pasientjournallova"},
		{Act{"pbrl.", "pasient- og brukerrettighetsloven"}, "pbrl pasrl"},
		{Act{"popplyl.", "personopplysningsloven"}, "popplyl popl pol personopplysningsloven personopplysningslova"},
		{Act{"aml.", "arbeidsmiljøloven"}, "aml arbeidsmiljøloven arbeidsmiljølova"},
		{Act{"bvl.", "barnevernsloven"}, "bvl barnevernloven barnevernlova barnevernsloven barnevernslova"},
		{Act{"strl.", "straffeloven"}, "strl straffeloven straffelova"},
		{Act{"sbl.", "skattebetalingsloven"}, "sbl skattebetalingsloven skattebetalingslova"},
		{Act{"sktfvl.", "skatteforvaltningsloven"}, "sktfvl skatteforvaltningsloven skatteforvaltningslova"},
		{Act{"oppll.", "opplæringslova"}, "oppll opplova opplæringslova opplæringsloven"},
		{Act{"sikkl.", "sikkerhetsloven"}, "sikkl sikkl sikkerhetsloven sikkerhetslova"},
		{Act{"sotjl.", "sosialtjenesteloven"}, "sotjl sostjl sosialtjenesteloven sosialtenestelova sosialtjenestelova"},
		{Act{"hol.", "helse- og omsorgstjenesteloven"}, "hol hotjl"},
		{Act{"pbl.", "plan- og bygningsloven"}, "pbl"},
		{Act{"koml.", "kommuneloven"}, "koml kommuneloven kommunelova"},
		{Act{"bhgl.", "barnehageloven"}, "bhgl barnehageloven barnehagelova"},
		{Act{"anskl.", "anskaffelsesloven"}, "anskl loa anskaffelsesloven anskaffelseslova"},
		{Act{"statistikkl.", "statistikkloven"}, "statistikkloven statistikklova"},
		{Act{"matrl.", "matrikkellova"}, "matrl matrikkelloven matrikkellova"},
		{Act{"arkivl.", "arkivlova"}, "arkivl arkivlova arkivloven"},
		{Act{"introl.", "introduksjonsloven"}, "introl introduksjonsloven introduksjonslova"},
		{Act{"navl.", "NAV-loven"}, "navl navloven navlova"},
		{Act{"tolll.", "tolloven"}, "tolloven tollova"},
		{Act{"smvl.", "smittevernloven"}, "smvl smittevernloven smittevernlova"},
		{Act{"forskrift", "forskrift"}, "forskrift forskrifta forskriften"},
	} {
		for _, alias := range strings.Fields(a.aliases) {
			acts[alias] = a.act
		}
	}
}

// actKey is how a written act name is looked up: lower case, no dots or
// hyphens ("Off.l" → "offl", "opp.lova" → "opplova").
func actKey(word string) string {
	return actKeyReplacer.Replace(strings.ToLower(word))
}

var actKeyReplacer = strings.NewReplacer(".", "", "-", "")

// lookupAct finds the act a word names, if the table knows it. A word
// the table does not know is still an act when it stands right before a §
// ("Rrevl § 18.2"); the parser decides that.
func lookupAct(word string) (Act, bool) {
	a, ok := acts[actKey(word)]
	return a, ok
}
