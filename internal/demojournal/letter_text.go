package demojournal

import (
	"math/rand/v2"
	"strings"
)

// Body text of the letters, by kind of document. The first sentence of
// each pool names the matter (%s is the case's about text); the others
// are drawn at random and contain no names.
var sentences = map[string][]string{
	"søknad": {
		"Vi søker herved om %s.",
		"Nødvendig dokumentasjon følger vedlagt.",
		"Vi viser til tidligere kontakt med kommunen i saken og ber om en rask behandling.",
		"Opplysningene i søknaden er gitt etter beste skjønn.",
		"Ta gjerne kontakt dersom kommunen trenger flere opplysninger for å behandle saken.",
		"Vi håper på en positiv behandling av søknaden.",
		"Det er ønskelig å komme i gang så snart som mulig.",
	},
	"vedtak": {
		"Nordrana kommune har behandlet saken om %s.",
		"Etter en samlet vurdering er søknaden innvilget på de vilkår som går fram nedenfor.",
		"Vedtaket er fattet med hjemmel i gjeldende lov og forskrift og kommunens delegeringsreglement.",
		"Vilkårene i vedtaket må følges, og vesentlige endringer krever ny behandling.",
		"Vedtaket kan påklages innen 3 uker etter at det er mottatt, jf. forvaltningsloven § 29.",
		"Klagen sendes til Nordrana kommune, som forbereder saken for klageinstansen.",
		"Dere har rett til å se sakens dokumenter, jf. forvaltningsloven §§ 18 og 19.",
	},
	"klage": {
		"Saken gjelder klage på vedtak om %s.",
		"Klagen er kommet inn innen klagefristen på tre uker.",
		"Klager mener at vedtaket bygger på feil faktum og ber om at det oppheves.",
		"Kommunen har vurdert klagen og finner ikke grunn til å endre vedtaket.",
		"Saken oversendes Statsforvalteren i Nordland for endelig avgjørelse.",
		"Klageinstansen kan prøve alle sider av saken.",
	},
	"høring": {
		"Saken gjelder %s.",
		"Nordrana kommune legger med dette saken ut til høring og offentlig ettersyn.",
		"Høringsfristen er satt til seks uker etter at dette brevet er datert.",
		"Uttalelser sendes til postmottak@nordrana.kommune.no eller til Nordrana kommune, Postboks 415, 8601 Mo i Rana.",
		"Vi har ingen vesentlige merknader, men ber om at hensynet til natur og friluftsliv vektlegges.",
		"Planen bør sikre gode forbindelser for gående og syklende.",
		"Kulturminner i området må kartlegges før planen vedtas.",
	},
	"tilbud": {
		"Vi viser til konkurransegrunnlaget og gir med dette vårt tilbud på %s.",
		"Tilbudet er gyldig i tre måneder fra tilbudsfristen.",
		"Prisene er oppgitt eksklusive merverdiavgift og er faste i hele avtaleperioden.",
		"Vi har lang erfaring med tilsvarende oppdrag for offentlige oppdragsgivere på Helgeland.",
		"Leveransen kan starte umiddelbart etter kontraktsinngåelse.",
	},
	"mangel": {
		"Kommunen har gått gjennom søknaden om %s og finner at den ikke er komplett.",
		"Før søknaden kan behandles, må situasjonskart, fasadetegninger og kvittering for nabovarsel ettersendes.",
		"Saksbehandlingsfristen løper ikke før søknaden er komplett.",
		"Vi ber om at manglene rettes innen tre uker.",
		"Dersom vi ikke hører fra dere innen fristen, vil saken bli avsluttet.",
	},
	"saksframlegg": {
		"Saken gjelder %s.",
		"Administrasjonen har innhentet nødvendige opplysninger og uttalelser i saken.",
		"Økonomiske konsekvenser: Tiltaket dekkes innenfor vedtatt budsjettramme.",
		"Saken er drøftet med berørte enheter og tillitsvalgte.",
		"Rådmannen vurderer at forslaget gir en god og forsvarlig løsning.",
		"Saken legges fram for formannskapet og kommunestyret.",
	},
	"notat": {
		"Notatet gjelder %s.",
		"Saken er drøftet i ledermøtet, og det er enighet om videre framdrift.",
		"Det er behov for en avklaring med økonomi før saken legges fram.",
		"Tiltakene gjennomføres innenfor vedtatt budsjettramme.",
		"Ansvarlig enhet følger opp og melder tilbake innen fristen.",
		"Status gjennomgås på nytt ved neste tertialrapportering.",
	},
	"brev inn": {
		"Vi viser til saken om %s.",
		"Med dette sender vi de opplysningene kommunen har bedt om.",
		"Vi ber om å bli orientert om utfallet av saken.",
		"Ta kontakt dersom noe er uklart.",
		"Det er viktig at hensynet til naboer og omgivelser blir ivaretatt.",
	},
	"brev ut": {
		"Nordrana kommune viser til saken om %s.",
		"Vedlagt følger dokumentene i saken til orientering.",
		"Kommunen vil komme tilbake til saken så snart den er ferdig behandlet.",
		"Har du spørsmål, kan du kontakte saksbehandler på telefon 75 14 50 00.",
		"Vi beklager at behandlingen har tatt lengre tid enn varslet.",
	},
}

// recommendations end a saksframlegg.
var recommendations = []string{
	"Kommunestyret slutter seg til forslaget om %s slik det går fram av saksframlegget.",
	"Formannskapet vedtar %s. Rådmannen gis fullmakt til å gjennomføre vedtaket.",
	"Saken om %s tas til orientering.",
}

// attachmentText is two to four lines describing an attachment.
func attachmentText(title string, r *rand.Rand) []string {
	t := strings.ToLower(title)
	var lines []string
	switch {
	case strings.Contains(t, "kart"):
		lines = []string{"Målestokk 1:500.", "Eiendomsgrenser og plassering av tiltaket er markert med rødt.", "Kartgrunnlag: Felles kartdatabase."}
	case strings.Contains(t, "tegning"):
		lines = []string{"Fasade mot nord, sør, øst og vest.", "Plan 1. etasje og snitt A-A.", "Mål i millimeter."}
	case strings.Contains(t, "legeerklæring"), strings.Contains(t, "epikrise"):
		lines = []string{"Erklæringen er skrevet på forespørsel fra pasienten.", "Opplysningene er taushetsbelagte."}
	case strings.Contains(t, "nabovarsel"):
		lines = []string{"Nabovarsel er sendt til alle berørte naboer og gjenboere.", "Fristen for merknader er to uker."}
	default:
		lines = []string{"Dokumentet er mottatt som vedlegg og arkivert i saken.", "Originalen oppbevares hos avsender."}
	}
	n := between(r, min(2, len(lines)), len(lines))
	return lines[:n]
}
