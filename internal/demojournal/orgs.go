package demojournal

import "math/rand/v2"

// orgKind groups organisations by the role they play in cases.
type orgKind int

const (
	orgBygg       orgKind = iota // builders, architects: ansvarlig søker in building cases
	orgServering                 // restaurants and bars applying for licences
	orgLeverandor                // suppliers bidding in procurements
	orgForening                  // associations: hearings, culture grants
	orgOffentlig                 // state and county bodies
	orgAdvokat                   // law firms
	orgMedia                     // local press
	numOrgKinds
)

// orgSeed is an organisation before it is given a number.
type orgSeed struct {
	kind                orgKind
	navn, adresse, sted string // sted is "postnr poststed"
}

// The companies and associations are fictional. The state bodies are real
// institutions that every municipal journal corresponds with; their
// organisation numbers here are synthetic like all the others (drawn from
// the seed and checksum-valid), not their real ones.
var orgSeeds = []orgSeed{
	{orgBygg, "Ranabygg AS", "Industriveien 14", "8626 Mo i Rana"},
	{orgBygg, "Helgeland Rør AS", "Verkstedveien 3", "8624 Mo i Rana"},
	{orgBygg, "Mo Elektro AS", "Ranenget 8", "8626 Mo i Rana"},
	{orgBygg, "Polarsirkelen Entreprenør AS", "Båsmoveien 120", "8616 Mo i Rana"},
	{orgBygg, "Ytteren Snekkerverksted AS", "Ytterenveien 41", "8618 Mo i Rana"},
	{orgBygg, "Svartisen Arkitekter AS", "Torggata 5", "8622 Mo i Rana"},
	{orgBygg, "Rana Betong AS", "Mjølanveien 2", "8624 Mo i Rana"},
	{orgBygg, "Båsmoen Tak og Fasade AS", "Myrveien 17", "8616 Mo i Rana"},
	{orgBygg, "Sørfjord Anlegg AS", "Sørfjordveien 9", "8615 Skonseng"},
	{orgBygg, "Helgeland Byggteknikk AS", "Sjøgata 33", "8622 Mo i Rana"},
	{orgBygg, "Mo Ferdighus AS", "Industriveien 40", "8626 Mo i Rana"},
	{orgBygg, "Nordrana Graveservice AS", "Skonsengveien 12", "8630 Storforshei"},
	{orgServering, "Kafé Nordlys AS", "Jernbanegata 8", "8622 Mo i Rana"},
	{orgServering, "Fjordstua Mat og Vinhus AS", "Sjøgata 12", "8622 Mo i Rana"},
	{orgServering, "Mo Bryggeri AS", "Elvegata 4", "8622 Mo i Rana"},
	{orgServering, "Restaurant Jernverket AS", "Torggata 19", "8622 Mo i Rana"},
	{orgServering, "Polarsirkelen Pub AS", "Jernbanegata 21", "8622 Mo i Rana"},
	{orgServering, "Sjøgata Bistro AS", "Sjøgata 40", "8622 Mo i Rana"},
	{orgServering, "Hotell Dunderland AS", "Elvegata 10", "8622 Mo i Rana"},
	{orgServering, "Stallen Pizza og Grill AS", "Selforsveien 2", "8614 Mo i Rana"},
	{orgLeverandor, "Kontorpartner Helgeland AS", "Ranenget 21", "8626 Mo i Rana"},
	{orgLeverandor, "Polar Brøyt AS", "Skonsengveien 60", "8630 Storforshei"},
	{orgLeverandor, "Rana Renhold AS", "Verkstedveien 11", "8624 Mo i Rana"},
	{orgLeverandor, "Helgeland Data AS", "Torggata 2", "8622 Mo i Rana"},
	{orgLeverandor, "Nordnorsk Asfalt AS", "Havneveien 7", "8001 Bodø"},
	{orgLeverandor, "Rana Storkjøkken AS", "Industriveien 22", "8626 Mo i Rana"},
	{orgLeverandor, "Brannteknikk Nord AS", "Sandgata 15", "8900 Brønnøysund"},
	{orgLeverandor, "Helgeland Rørleggerservice AS", "Verkstedveien 19", "8624 Mo i Rana"},
	{orgLeverandor, "Nordland Maskinutleie AS", "Havneveien 30", "8800 Sandnessjøen"},
	{orgForening, "Naturvernforbundet i Rana", "Postboks 212", "8601 Mo i Rana"},
	{orgForening, "Rana Historielag", "Postboks 88", "8601 Mo i Rana"},
	{orgForening, "Rana Næringsforening", "Torggata 1", "8622 Mo i Rana"},
	{orgForening, "FAU Gruben skole", "Skolegata 2", "8613 Mo i Rana"},
	{orgForening, "Rana Idrettsråd", "Idrettsgata 4", "8613 Mo i Rana"},
	{orgForening, "Mo Skiklubb", "Postboks 140", "8601 Mo i Rana"},
	{orgForening, "Funksjonshemmedes Fellesorganisasjon Nordland", "Storgata 8", "8006 Bodø"},
	{orgForening, "Pensjonistforeningen i Mo", "Postboks 17", "8601 Mo i Rana"},
	{orgForening, "Rana Musikkorps", "Postboks 301", "8601 Mo i Rana"},
	{orgForening, "Rana Kunstforening", "Elvegata 2", "8622 Mo i Rana"},
	{orgForening, "Ytteren Velforening", "Ytterlia 1", "8618 Mo i Rana"},
	{orgForening, "Hauknes Vel", "Hauknesveien 50", "8617 Mo i Rana"},
	{orgOffentlig, "Statsforvalteren i Nordland", "Moloveien 10", "8002 Bodø"},
	{orgOffentlig, "Nordland fylkeskommune", "Prinsens gate 100", "8005 Bodø"},
	{orgOffentlig, "Nordland politidistrikt", "Postboks 1023", "8001 Bodø"},
	{orgOffentlig, "Statens vegvesen", "Postboks 1010 Nordre Ål", "2605 Lillehammer"},
	{orgOffentlig, "Norges vassdrags- og energidirektorat", "Postboks 5091 Majorstuen", "0301 Oslo"},
	{orgOffentlig, "Sametinget", "Ávjovárgeaidnu 50", "9730 Karasjok"},
	{orgOffentlig, "Mattilsynet", "Postboks 383", "2381 Brumunddal"},
	{orgOffentlig, "Skatteetaten", "Postboks 9200 Grønland", "0134 Oslo"},
	{orgOffentlig, "Husbanken", "Postboks 1404", "8002 Bodø"},
	{orgOffentlig, "Helgelandssykehuset HF", "Postboks 601", "8607 Mo i Rana"},
	{orgOffentlig, "PP-tjenesten Indre Helgeland", "Skolegata 10", "8622 Mo i Rana"},
	{orgAdvokat, "Advokatfirmaet Helgeland DA", "Torggata 9", "8622 Mo i Rana"},
	{orgAdvokat, "Advokatfirmaet Rana AS", "Sjøgata 20", "8622 Mo i Rana"},
	{orgMedia, "Ranaposten AS", "Postboks 61", "8601 Mo i Rana"},
	{orgMedia, "Helgelandsnytt AS", "Storgata 40", "8656 Mosjøen"},
}

// orgPools holds the organisations by kind, each with its number.
type orgPools [numOrgKinds][]party

// newOrgPools gives every organisation a distinct, checksum-valid
// organisasjonsnummer drawn from r.
func newOrgPools(r *rand.Rand) *orgPools {
	var p orgPools
	used := map[string]bool{}
	for _, s := range orgSeeds {
		nr := orgnr(r)
		for used[nr] {
			nr = orgnr(r)
		}
		used[nr] = true
		postnr, sted := splitSted(s.sted)
		p[s.kind] = append(p[s.kind], party{
			navn: s.navn, orgnr: nr, adresse: s.adresse, postnr: postnr, poststed: sted,
		})
	}
	return &p
}

// named returns the organisation with the given name; it panics on a typo
// in the case templates, which the tests catch.
func (p *orgPools) named(navn string) *party {
	for k := range p {
		for i := range p[k] {
			if p[k][i].navn == navn {
				return &p[k][i]
			}
		}
	}
	panic("demojournal: unknown organisation " + navn)
}

func splitSted(s string) (postnr, poststed string) { return s[:4], s[5:] }
