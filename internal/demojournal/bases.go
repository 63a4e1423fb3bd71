package demojournal

// Skjermingshjemler written the way real journals write them (LAW.md § 1:
// free text, with every variation of dots, spaces and paragraph notation).
// Each list holds variants of one legal basis, so that what is screened
// always fits the basis.
var (
	// § 13 jf. fvl. § 13 (1) nr. 1: personal matters. Screens names.
	basisPersonal = []string{
		"Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
		"Offl § 13 jf. fvl. § 13 (1) nr.1",
		"Offl. § 13 jf. forvaltningsloven § 13 første ledd nr. 1",
		"offl. § 13 jf. fvl. § 13 1. ledd nr. 1",
		"Offl. §13 jf fvl. §13 (1) nr 1",
	}
	// § 13 with the health personnel's duty of confidentiality.
	basisHealth = []string{
		"offl. § 13 jf. helsepersonelloven § 21",
		"Offl. § 13 jf. hpl. § 21",
		"Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
	}
	// § 13 with the social services' duty of confidentiality.
	basisSocial = []string{
		"Offl. § 13 jf. sosialtjenesteloven § 44",
		"Offl § 13 jf. sotjl. § 44",
	}
	// § 13 for whistleblowing: the whistleblower's identity.
	basisWhistle = []string{"offl. § 13 jf. arbeidsmiljøloven § 2 A-4"}
	// § 13 jf. fvl. § 13 (1) nr. 2: business secrets. Screens documents.
	basisBusiness = []string{
		"Offl. § 13 jf. fvl. § 13 første ledd nr. 2",
		"Offl § 13 jf. fvl. § 13 (1) nr. 2",
	}
	// § 13 with the tax authorities' duty of confidentiality.
	basisTax = []string{"Offl. § 13 jf. skatteforvaltningsloven § 3-1"}
	// § 14: internal documents. Screens documents.
	basisInternal = []string{"Offl. § 14 første ledd", "Offl § 14", "offl. § 14 (1)"}
	// § 15: documents obtained from outside for internal preparation.
	basisObtained = []string{"Offl § 15 første ledd andre punktum", "Offl. § 15 første ledd 2. pkt."}
	// § 23 (1): the body's negotiating position.
	basisNegotiation = []string{"Offl. § 23 første ledd"}
	// § 23 (3): tenders and protocols until the supplier is chosen.
	basisTender = []string{"Offl. § 23 tredje ledd", "Offl § 23 (3)", "offl. § 23 3. ledd"}
	// § 24 (2) and (3): reports of offences, security.
	basisOffence  = []string{"Offl. § 24 andre ledd", "offl.§ 24, 2.og 3.ledd", "Offl § 24 annet ledd"}
	basisSecurity = []string{"Offl. § 24 tredje ledd"}
	// § 25: appointment cases. (1) the documents; (2) second sentence: an
	// applicant's own request to be left off the public list.
	basisAppointment = []string{"Offl § 25 første ledd", "Offl. § 25 første ledd", "offl. § 25 (1)"}
	basisApplicant   = []string{"Offl. § 25 andre ledd andre punktum", "Offl § 25 (2) 2. pkt."}
	// § 26 (2): prizes and honours until awarded.
	basisPrize = []string{"Offl. § 26 andre ledd"}
	// § 26 (5): fødselsnummer.
	basisFnr = []string{"Offl. § 26 femte ledd", "offl. § 26 5. ledd"}
	// The 1970 act, still found on records migrated from older systems:
	// § 5a business secrets, § 6 nr. 2 bokstav a personnel matters.
	basisOld5a = []string{"Offl. § 5a"}
	basisOld6  = []string{"Offl. § 6 nr. 2 bokstav a"}
)

// Tilgangsrestriksjon codes are configured per organisation (Noark 5 M500);
// these are the ones Nordrana uses.
const (
	restrUO   = "UO"   // unntatt offentlighet, general
	restrP    = "P"    // personal matters
	restrPers = "PERS" // personnel matters
	restrX    = "X"    // internal documents
	restr5a   = "5a"   // old law (1970) codes kept verbatim
	restr6    = "6"
)
