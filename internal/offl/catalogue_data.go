package offl

// The exemption bases of offentleglova (LOV-2006-05-19-16) §§ 12–26 as
// /work/shared/LAW.md § 1 gives them. § 19 is left out: no reachable source
// gave its content (LAW.md). Facts LAW.md marks unverified, and facts that
// come from elsewhere, are data here (Lapses, DefaultDuration, Note), never
// rules in code; each such entry says so in its Note.
//
// Explanations are plain language for the resident who asked for a document
// and got a refusal. The rights that follow every refusal (fuller reasons,
// appeal) are not repeated in each explanation: show RefusalRights with it.

// RefusalRights tells a resident what they can do after a refusal: ask for
// fuller reasons within 3 weeks, answered within 10 working days (offl.
// § 31 (2)), and appeal within 3 weeks (fvl. § 29) via the body to the
// superior body, for a municipality the Statsforvaltaren (offl. § 32 (1)).
// Show it with every refusal, under the provision's Explanation.
var RefusalRights = Text{
	NB: "Du kan be om en nærmere begrunnelse for avslaget innen 3 uker etter at du fikk det. " +
		"Vi svarer da skriftlig så snart som mulig og senest innen 10 arbeidsdager (offl. § 31). " +
		"Du kan også klage på avslaget innen 3 uker (forvaltningsloven § 29). " +
		"Send klagen til oss. Vi vurderer saken på nytt, og hvis vi ikke gir deg medhold, sender vi klagen " +
		"videre til klageinstansen. For kommuner og fylkeskommuner er det Statsforvalteren (offl. § 32).",
	NN: "Du kan be om ei nærare grunngiving for avslaget innan 3 veker etter at du fekk det. " +
		"Vi svarar då skriftleg så snart som mogleg og seinast innan 10 arbeidsdagar (offl. § 31). " +
		"Du kan også klage på avslaget innan 3 veker (forvaltningslova § 29). " +
		"Send klaga til oss. Vi vurderer saka på nytt, og om vi ikkje gir deg medhald, sender vi klaga " +
		"vidare til klageinstansen. For kommunar og fylkeskommunar er det Statsforvaltaren (offl. § 32).",
	EN: "You can ask us for a fuller explanation of the refusal within 3 weeks of receiving it. " +
		"We then answer in writing as soon as possible and within 10 working days at the latest (offl. § 31). " +
		"You can also appeal the refusal within 3 weeks (Public Administration Act § 29). " +
		"Send the appeal to us. We reconsider the case and, if we do not change our decision, forward the appeal " +
		"to the appeal body. For municipalities and county authorities that is the County Governor " +
		"(Statsforvalteren) (offl. § 32).",
}

// The closing sentences of every discretionary explanation: the body must
// consider meirinnsyn (offl. § 11) and did.
const (
	meirNB = " Vi må likevel vurdere å gi deg innsyn (merinnsyn, offl. § 11). " +
		"Det har vi gjort, men vi kom til at hensynet bak unntaket veier tyngre enn behovet for innsyn."
	meirNN = " Vi må likevel vurdere å gi deg innsyn (meirinnsyn, offl. § 11). " +
		"Det har vi gjort, men vi kom til at omsynet bak unntaket veg tyngre enn behovet for innsyn."
	meirEN = " We must still consider whether to give you access (meirinnsyn, offl. § 11). " +
		"We did, but found that the reason for the exemption outweighs the need for access."
)

// The sentence for exemptions of scope information (LAW.md § 1 table).
const (
	onlyInfoNB = "Unntaket gjelder bare disse opplysningene, ikke hele dokumentet."
	onlyInfoNN = "Unntaket gjeld berre desse opplysningane, ikkje heile dokumentet."
	onlyInfoEN = "The exemption covers only that information, not the whole document."
)

// Notes shared by several entries.
const (
	noteFvl13c = "DefaultDuration 60 years: forvaltningsloven § 13 c ends the duty of confidentiality for " +
		"personal matters (fvl. § 13 første ledd nr. 1) after 60 years. This is NOT in LAW.md: unverified, " +
		"kept as a configurable default (NewCatalogue durations / ParseDurations). Other confidentiality " +
		"rules may give other periods; staff should set the expiry for the rule actually cited."
	noteParagraphSplit = "LAW.md gives the section's subject but not what each paragraph covers; " +
		"this paragraph is taken as the section's main rule: unverified."
)

var provisions = []Provision{
	// § 12: the rest of a document.
	{
		ID: "offl-12", Section: 12,
		Title: Title{
			NB: "Andre deler av dokumentet",
			NN: "Andre delar av dokumentet",
			EN: "Other parts of the document",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Når bare en del av et dokument er unntatt, får du normalt resten. Her har vi holdt tilbake hele " +
				"dokumentet fordi resten alene ville gi et klart misvisende bilde, fordi det ville være urimelig " +
				"arbeidskrevende å skille delene, eller fordi de unntatte delene er det vesentlige." + meirNB,
			NN: "Når berre ein del av eit dokument er unnateken, får du normalt resten. Her har vi halde tilbake heile " +
				"dokumentet fordi resten åleine ville gi eit klart misvisande bilete, fordi det ville vere urimeleg " +
				"arbeidskrevjande å skilje delane, eller fordi dei unnatekne delane er det vesentlege." + meirNN,
			EN: "When only part of a document is exempt, you normally get the rest. Here we withheld the whole " +
				"document because the rest alone would give a clearly misleading picture, separating the parts " +
				"would be unreasonably laborious, or the exempt parts are the essential part." + meirEN,
		},
		Note: "Letters a–c (clearly misleading picture, unreasonably laborious, exempt parts essential) are " +
			"confirmed; their wording is from the guideline and unverified in detail (LAW.md). The refusal " +
			"should say which letter applies.",
	},

	// § 13: teieplikt, the only mandatory exemption.
	{
		ID: "offl-13", Section: 13,
		Title: Title{
			NB: "Taushetsplikt",
			NN: "Teieplikt",
			EN: "Duty of confidentiality",
		},
		Mandatory:       true,
		Scope:           ScopeInformation,
		DefaultDuration: Period{Years: 60},
		Explanation: Text{
			NB: "Vi har ikke gitt deg opplysninger som er underlagt taushetsplikt etter lov. Da har vi ikke lov " +
				"til å gi dem ut, og vi kan ikke gjøre unntak fra det. Det er bare disse opplysningene som er " +
				"holdt tilbake, ikke resten av dokumentet.",
			NN: "Vi har ikkje gitt deg opplysningar som er underlagde teieplikt etter lov. Då har vi ikkje lov " +
				"til å gi dei ut, og vi kan ikkje gjere unntak frå det. Det er berre desse opplysningane som er " +
				"haldne tilbake, ikkje resten av dokumentet.",
			EN: "We have not given you information that is covered by a statutory duty of confidentiality. We " +
				"are not allowed to give it out and cannot make an exception. Only that information is " +
				"withheld, not the rest of the document.",
		},
		Note: noteFvl13c,
	},
	{
		ID: "offl-13-1", Section: 13, Paragraph: 1,
		Title: Title{
			NB: "Opplysninger underlagt taushetsplikt",
			NN: "Opplysningar underlagde teieplikt",
			EN: "Information under a duty of confidentiality",
		},
		Mandatory:       true,
		Scope:           ScopeInformation,
		DefaultDuration: Period{Years: 60},
		Explanation: Text{
			NB: "Vi har ikke gitt deg opplysninger som er underlagt taushetsplikt, og vi har ikke lov til å gi " +
				"dem ut. Henvisningen viser hvilken lov taushetsplikten følger av, for eksempel forvaltningsloven " +
				"§ 13 om personlige forhold. Bare disse opplysningene er holdt tilbake, ikke resten av dokumentet.",
			NN: "Vi har ikkje gitt deg opplysningar som er underlagde teieplikt, og vi har ikkje lov til å gi " +
				"dei ut. Tilvisinga viser kva lov teieplikta følgjer av, til dømes forvaltningslova § 13 om " +
				"personlege forhold. Berre desse opplysningane er haldne tilbake, ikkje resten av dokumentet.",
			EN: "We have not given you information that is covered by a duty of confidentiality, and we are not " +
				"allowed to give it out. The citation shows which act the duty comes from, for example the Public " +
				"Administration Act § 13 on personal matters. Only that information is withheld, not the rest " +
				"of the document.",
		},
		Note: noteFvl13c + " " + noteParagraphSplit,
	},

	// § 14: internal documents.
	{
		ID: "offl-14", Section: 14,
		Title: Title{
			NB: "Organinterne dokumenter",
			NN: "Organinterne dokument",
			EN: "Internal documents",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Vi har holdt tilbake dokumentet fordi det er et organinternt dokument, altså et dokument vi har " +
				"laget for vår egen interne behandling av saken." + meirNB,
			NN: "Vi har halde tilbake dokumentet fordi det er eit organinternt dokument, altså eit dokument vi har " +
				"laga til eiga intern handsaming av saka." + meirNN,
			EN: "We have withheld the document because it is an internal document: one we wrote for our own " +
				"internal work on the case." + meirEN,
		},
	},
	{
		ID: "offl-14-1", Section: 14, Paragraph: 1,
		Title: Title{
			NB: "Dokumenter til egen saksforberedelse",
			NN: "Dokument til eiga saksførebuing",
			EN: "Documents for the body's own case preparation",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Vi har holdt tilbake dokumentet fordi vi har laget det for vår egen interne forberedelse av " +
				"saken. Det er et organinternt dokument." + meirNB,
			NN: "Vi har halde tilbake dokumentet fordi vi har laga det til eiga intern førebuing av saka. " +
				"Det er eit organinternt dokument." + meirNN,
			EN: "We have withheld the document because we wrote it for our own internal preparation of the " +
				"case. It is an internal document." + meirEN,
		},
		Note: noteParagraphSplit,
	},

	// § 15: documents obtained from outside for internal preparation.
	{
		ID: "offl-15", Section: 15,
		Title: Title{
			NB: "Dokumenter innhentet utenfra til intern saksforberedelse",
			NN: "Dokument innhenta utanfrå til intern saksførebuing",
			EN: "Documents obtained from outside for internal preparation",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Vi har holdt tilbake dokumentet fordi vi har hentet det inn utenfra til vår interne forberedelse " +
				"av saken." + meirNB,
			NN: "Vi har halde tilbake dokumentet fordi vi har henta det inn utanfrå til den interne førebuinga " +
				"vår av saka." + meirNN,
			EN: "We have withheld the document because we obtained it from outside for our internal preparation " +
				"of the case." + meirEN,
		},
	},
	{
		ID: "offl-15-1", Section: 15, Paragraph: 1,
		Title: Title{
			NB: "Dokumenter fra underordnet organ",
			NN: "Dokument frå underordna organ",
			EN: "Documents from a subordinate body",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Vi har holdt tilbake dokumentet fordi vi har hentet det inn fra et underordnet organ til vår " +
				"interne forberedelse av saken." + meirNB,
			NN: "Vi har halde tilbake dokumentet fordi vi har henta det inn frå eit underordna organ til den " +
				"interne førebuinga vår av saka." + meirNN,
			EN: "We have withheld the document because we obtained it from a body under us for our internal " +
				"preparation of the case." + meirEN,
		},
		Note: "LAW.md does not split § 15 into paragraphs; first paragraph = documents from subordinate " +
			"bodies is from the guideline: unverified.",
	},
	{
		ID: "offl-15-2", Section: 15, Paragraph: 2,
		Title: Title{
			NB: "Dokumenter innhentet fra andre",
			NN: "Dokument innhenta frå andre",
			EN: "Documents obtained from others",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Vi har holdt tilbake dokumentet fordi vi har hentet det inn fra andre utenfor vårt organ til " +
				"vår interne forberedelse av saken." + meirNB,
			NN: "Vi har halde tilbake dokumentet fordi vi har henta det inn frå andre utanfor organet vårt til " +
				"den interne førebuinga vår av saka." + meirNN,
			EN: "We have withheld the document because we obtained it from others outside our body for our " +
				"internal preparation of the case." + meirEN,
		},
		Note: "LAW.md does not split § 15 into paragraphs; second paragraph = documents obtained from others " +
			"(not subordinate bodies) is from the guideline: unverified.",
	},

	// § 16: §§ 14–15 in municipalities and county authorities.
	{
		ID: "offl-16", Section: 16,
		Title: Title{
			NB: "Interne dokumenter i kommuner og fylkeskommuner",
			NN: "Interne dokument i kommunar og fylkeskommunar",
			EN: "Internal documents in municipalities and county authorities",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Vi har holdt tilbake dokumentet etter reglene om hvordan unntakene for interne dokumenter og " +
				"dokumenter til intern saksforberedelse (offl. §§ 14 og 15) gjelder i kommuner og fylkeskommuner." +
				meirNB,
			NN: "Vi har halde tilbake dokumentet etter reglane om korleis unntaka for interne dokument og " +
				"dokument til intern saksførebuing (offl. §§ 14 og 15) gjeld i kommunar og fylkeskommunar." +
				meirNN,
			EN: "We have withheld the document under the rules on how the exemptions for internal documents and " +
				"documents for internal preparation (offl. §§ 14 and 15) apply in municipalities and county " +
				"authorities." + meirEN,
		},
	},

	// § 17.
	{
		ID: "offl-17", Section: 17,
		Title: Title{
			NB: "Saker om Kongehuset",
			NN: "Saker om Kongehuset",
			EN: "Royal household matters",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Vi har holdt tilbake dokumentet etter unntaket for saker som gjelder Kongehuset." + meirNB,
			NN: "Vi har halde tilbake dokumentet etter unntaket for saker som gjeld Kongehuset." + meirNN,
			EN: "We have withheld the document under the exemption for matters concerning the Royal household." +
				meirEN,
		},
		Note: "LAW.md gives the subject only in parentheses (\"Royal household matters\"): unverified. LAW.md " +
			"gives no scope (\"—\"); ScopeDocument is chosen here and should be checked.",
	},

	// § 18: court proceedings.
	{
		ID: "offl-18", Section: 18,
		Title: Title{
			NB: "Dokumenter utarbeidet til rettssak",
			NN: "Dokument utarbeidde til rettssak",
			EN: "Documents prepared for court proceedings",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Vi har holdt tilbake dokumentet fordi det er laget med tanke på en rettssak. Unntaket beskytter " +
				"vår forberedelse av saken for retten." + meirNB,
			NN: "Vi har halde tilbake dokumentet fordi det er laga med tanke på ei rettssak. Unntaket vernar " +
				"førebuinga vår av saka for retten." + meirNN,
			EN: "We have withheld the document because it was prepared for court proceedings. The exemption " +
				"protects our preparation of the case for the court." + meirEN,
		},
	},

	// § 19 is left out (LAW.md: not found in any reachable source).

	// § 20: foreign policy.
	{
		ID: "offl-20", Section: 20,
		Title: Title{
			NB: "Utenrikspolitiske interesser",
			NN: "Utanrikspolitiske interesser",
			EN: "Foreign-policy interests",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger av hensyn til Norges utenrikspolitiske interesser. " +
				onlyInfoNB + meirNB,
			NN: "Vi har halde tilbake opplysningar av omsyn til dei utanrikspolitiske interessene til Noreg. " +
				onlyInfoNN + meirNN,
			EN: "We have withheld information to protect Norway's foreign-policy interests. " + onlyInfoEN + meirEN,
		},
	},

	// § 21: defence and security.
	{
		ID: "offl-21", Section: 21,
		Title: Title{
			NB: "Forsvar og nasjonal sikkerhet",
			NN: "Forsvar og nasjonal tryggleik",
			EN: "National defence and security",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger av hensyn til Norges forsvar og nasjonale sikkerhet. " +
				onlyInfoNB + meirNB,
			NN: "Vi har halde tilbake opplysningar av omsyn til forsvaret og den nasjonale tryggleiken til " +
				"Noreg. " + onlyInfoNN + meirNN,
			EN: "We have withheld information to protect Norway's national defence and security. " +
				onlyInfoEN + meirEN,
		},
	},

	// § 22: state budget.
	{
		ID: "offl-22", Section: 22,
		Title: Title{
			NB: "Dokumenter om statsbudsjettet",
			NN: "Dokument om statsbudsjettet",
			EN: "State budget documents",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Vi har holdt tilbake dokumentet fordi det er laget i arbeidet med statsbudsjettet. Unntaket " +
				"gjelder bare statsbudsjettet, ikke kommunale budsjetter." + meirNB,
			NN: "Vi har halde tilbake dokumentet fordi det er laga i arbeidet med statsbudsjettet. Unntaket " +
				"gjeld berre statsbudsjettet, ikkje kommunale budsjett." + meirNN,
			EN: "We have withheld the document because it was prepared in the work on the state budget. The " +
				"exemption covers only the state budget, not municipal budgets." + meirEN,
		},
	},

	// § 23: negotiations, procurement, ownership.
	{
		ID: "offl-23", Section: 23,
		Title: Title{
			NB: "Forhandlinger, anskaffelser og eierinteresser",
			NN: "Forhandlingar, anskaffingar og eigarinteresser",
			EN: "Negotiations, procurement and ownership interests",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger for å beskytte vår posisjon i forhandlinger, i en anskaffelse " +
				"eller som eier. " + onlyInfoNB + meirNB,
			NN: "Vi har halde tilbake opplysningar for å verne posisjonen vår i forhandlingar, i ei anskaffing " +
				"eller som eigar. " + onlyInfoNN + meirNN,
			EN: "We have withheld information to protect our position in negotiations, in a procurement or as " +
				"an owner. " + onlyInfoEN + meirEN,
		},
	},
	{
		ID: "offl-23-1", Section: 23, Paragraph: 1,
		Title: Title{
			NB: "Forhandlingsposisjon",
			NN: "Forhandlingsposisjon",
			EN: "Negotiating position",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger for å beskytte vår forhandlingsposisjon i spørsmål om " +
				"økonomi, lønn eller personalforvaltning." + meirNB,
			NN: "Vi har halde tilbake opplysningar for å verne forhandlingsposisjonen vår i spørsmål om " +
				"økonomi, løn eller personalforvaltning." + meirNN,
			EN: "We have withheld information to protect our negotiating position on matters of finance, pay or " +
				"personnel management." + meirEN,
		},
	},
	{
		ID: "offl-23-2", Section: 23, Paragraph: 2,
		Title: Title{
			NB: "Avtaler med organisasjoner i primærnæringene",
			NN: "Avtalar med organisasjonar i primærnæringane",
			EN: "Agreements with primary-industry organisations",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger som gjelder avtaler med organisasjoner i primærnæringene, som " +
				"jordbruk og fiske." + meirNB,
			NN: "Vi har halde tilbake opplysningar som gjeld avtalar med organisasjonar i primærnæringane, som " +
				"jordbruk og fiske." + meirNN,
			EN: "We have withheld information about agreements with organisations in the primary industries, " +
				"such as farming and fishing." + meirEN,
		},
	},
	{
		ID: "offl-23-3", Section: 23, Paragraph: 3,
		Title: Title{
			NB: "Tilbud og protokoller i anskaffelser",
			NN: "Tilbod og protokollar i anskaffingar",
			EN: "Procurement tenders and protocols",
		},
		Scope: ScopeInformation,
		Lapses: Text{
			NB: "til leverandøren er valgt",
			NN: "til leverandøren er vald",
			EN: "until the supplier is chosen",
		},
		Explanation: Text{
			NB: "Vi har holdt tilbake tilbud eller protokoller fra en offentlig anskaffelse (innkjøp), for å " +
				"beskytte konkurransen." + meirNB,
			NN: "Vi har halde tilbake tilbod eller protokollar frå ei offentleg anskaffing (innkjøp), for å " +
				"verne konkurransen." + meirNN,
			EN: "We have withheld tenders or protocols from a public procurement, to protect the competition." +
				meirEN,
		},
		Note: "Lapses \"until the supplier is chosen\" is unverified (LAW.md); it is data, not a rule, and is " +
			"deliberately left out of the Explanation.",
	},
	{
		ID: "offl-23-4", Section: 23, Paragraph: 4,
		Title: Title{
			NB: "Eierinteresser",
			NN: "Eigarinteresser",
			EN: "Ownership interests",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger for å beskytte det offentliges interesser som eier, for " +
				"eksempel i et selskap." + meirNB,
			NN: "Vi har halde tilbake opplysningar for å verne interessene til det offentlege som eigar, til " +
				"dømes i eit selskap." + meirNN,
			EN: "We have withheld information to protect the public sector's interests as an owner, for example " +
				"of a company." + meirEN,
		},
	},

	// § 24: control, offences, crime.
	{
		ID: "offl-24", Section: 24,
		Title: Title{
			NB: "Kontroll, lovbrudd og kriminalitet",
			NN: "Kontroll, lovbrot og kriminalitet",
			EN: "Control, offences and crime",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger for å beskytte kontroll- og reguleringstiltak, anmeldelser av " +
				"lovbrudd, eller fordi de kunne gjøre det lettere å begå lovbrudd." + meirNB,
			NN: "Vi har halde tilbake opplysningar for å verne kontroll- og reguleringstiltak, meldingar om " +
				"lovbrot, eller fordi dei kunne gjere det lettare å utføre lovbrot." + meirNN,
			EN: "We have withheld information to protect control and regulation measures or reports of offences, " +
				"or because it could make crime easier." + meirEN,
		},
	},
	{
		ID: "offl-24-1", Section: 24, Paragraph: 1,
		Title: Title{
			NB: "Kontroll- og reguleringstiltak",
			NN: "Kontroll- og reguleringstiltak",
			EN: "Control and regulation measures",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger om kontroll- eller reguleringstiltak, slik at tiltakene ikke " +
				"mister virkningen sin." + meirNB,
			NN: "Vi har halde tilbake opplysningar om kontroll- eller reguleringstiltak, slik at tiltaka ikkje " +
				"mistar verknaden sin." + meirNN,
			EN: "We have withheld information about control or regulation measures so that the measures keep " +
				"their effect." + meirEN,
		},
	},
	{
		ID: "offl-24-2", Section: 24, Paragraph: 2,
		Title: Title{
			NB: "Anmeldelser av lovbrudd",
			NN: "Meldingar om lovbrot",
			EN: "Reports of offences",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake en anmeldelse av et lovbrudd, eller opplysninger fra en slik anmeldelse." +
				meirNB,
			NN: "Vi har halde tilbake ei melding om lovbrot, eller opplysningar frå ei slik melding." + meirNN,
			EN: "We have withheld a report of an offence, or information from such a report." + meirEN,
		},
	},
	{
		ID: "offl-24-3", Section: 24, Paragraph: 3,
		Title: Title{
			NB: "Opplysninger som kan lette lovbrudd",
			NN: "Opplysningar som kan lette lovbrot",
			EN: "Information that would make crime easier",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger som kunne gjøre det lettere å begå lovbrudd." + meirNB,
			NN: "Vi har halde tilbake opplysningar som kunne gjere det lettare å utføre lovbrot." + meirNN,
			EN: "We have withheld information that could make it easier to commit crime." + meirEN,
		},
	},

	// § 25: appointment and promotion.
	{
		ID: "offl-25", Section: 25,
		Title: Title{
			NB: "Tilsetting og opprykk",
			NN: "Tilsetjing og opprykk",
			EN: "Appointment and promotion",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Vi har holdt tilbake dokumenter i en sak om tilsetting eller opprykk. Men det er offentlig hvem " +
				"som fikk stillingen, og hva bruttolønnen er." + meirNB,
			NN: "Vi har halde tilbake dokument i ei sak om tilsetjing eller opprykk. Men det er offentleg kven " +
				"som fekk stillinga, og kva bruttoløna er." + meirNN,
			EN: "We have withheld documents in an appointment or promotion case. But who got the post, and " +
				"the gross pay, are public." + meirEN,
		},
		Note: "LAW.md: the applicant list is not exempt by § 25 (2); the appointment decision and gross pay are " +
			"public.",
	},
	{
		ID: "offl-25-1", Section: 25, Paragraph: 1,
		Title: Title{
			NB: "Dokumenter i tilsettingssaker",
			NN: "Dokument i tilsetjingssaker",
			EN: "Documents in appointment cases",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Vi har holdt tilbake dokumenter i en sak om tilsetting eller opprykk, for eksempel søknader. " +
				"Men det er offentlig hvem som fikk stillingen, og hva bruttolønnen er." + meirNB,
			NN: "Vi har halde tilbake dokument i ei sak om tilsetjing eller opprykk, til dømes søknader. " +
				"Men det er offentleg kven som fekk stillinga, og kva bruttoløna er." + meirNN,
			EN: "We have withheld documents in an appointment or promotion case, such as applications. But " +
				"who got the post, and the gross pay, are public." + meirEN,
		},
		Note: noteParagraphSplit,
	},
	{
		ID: "offl-25-2", Section: 25, Paragraph: 2,
		Title: Title{
			NB: "Søkerlister",
			NN: "Søkjarlister",
			EN: "Applicant lists",
		},
		Scope: ScopeDocument,
		Explanation: Text{
			NB: "Søkerlisten i en sak om tilsetting er som hovedregel offentlig. Vi har bare holdt tilbake det " +
				"på listen som andre ledd i regelen gir adgang til å unnta." + meirNB,
			NN: "Søkjarlista i ei sak om tilsetjing er som hovudregel offentleg. Vi har berre halde tilbake det " +
				"på lista som andre ledd i regelen gir høve til å unnta." + meirNN,
			EN: "The applicant list in an appointment case is public as a rule. We have withheld only what the " +
				"second paragraph of the rule allows us to exempt from the list." + meirEN,
		},
		Note: "LAW.md says only that the applicant list is not exempt by § 25 (2). What the second paragraph " +
			"lets the body withhold from the list (the guideline: applicants who ask not to be listed) is " +
			"not in LAW.md: unverified, so the Explanation does not name it.",
	},

	// § 26: exams, prizes, registers, research, fødselsnummer.
	{
		ID: "offl-26", Section: 26,
		Title: Title{
			NB: "Eksamen, priser, personregistre, forskning og fødselsnummer",
			NN: "Eksamen, prisar, personregister, forsking og fødselsnummer",
			EN: "Exams, prizes, personal registers, research and identity numbers",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger av en av disse typene: eksamen, priser og utmerkelser, " +
				"personregistre, forskningsidéer eller fødselsnummer. " + onlyInfoNB + meirNB,
			NN: "Vi har halde tilbake opplysningar av ein av desse typane: eksamen, prisar og utmerkingar, " +
				"personregister, forskingsidéar eller fødselsnummer. " + onlyInfoNN + meirNN,
			EN: "We have withheld information of one of these kinds: exams, prizes and honours, personal " +
				"registers, research ideas or identity numbers. " + onlyInfoEN + meirEN,
		},
	},
	{
		ID: "offl-26-1", Section: 26, Paragraph: 1,
		Title: Title{
			NB: "Eksamen",
			NN: "Eksamen",
			EN: "Exams",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger som gjelder eksamen." + meirNB,
			NN: "Vi har halde tilbake opplysningar som gjeld eksamen." + meirNN,
			EN: "We have withheld information about exams." + meirEN,
		},
	},
	{
		ID: "offl-26-2", Section: 26, Paragraph: 2,
		Title: Title{
			NB: "Priser og utmerkelser",
			NN: "Prisar og utmerkingar",
			EN: "Prizes and honours",
		},
		Scope: ScopeInformation,
		Lapses: Text{
			NB: "til prisen eller utmerkelsen er delt ut",
			NN: "til prisen eller utmerkinga er delt ut",
			EN: "until the prize or honour is awarded",
		},
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger om en pris eller utmerkelse som ennå ikke er delt ut. " +
				"Unntaket gjelder bare fram til utdelingen." + meirNB,
			NN: "Vi har halde tilbake opplysningar om ein pris eller ei utmerking som enno ikkje er delt ut. " +
				"Unntaket gjeld berre fram til utdelinga." + meirNN,
			EN: "We have withheld information about a prize or honour that has not yet been awarded. The " +
				"exemption lasts only until it is awarded." + meirEN,
		},
	},
	{
		ID: "offl-26-3", Section: 26, Paragraph: 3,
		Title: Title{
			NB: "Personregistre",
			NN: "Personregister",
			EN: "Personal registers",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger fra et personregister, for eksempel bilder av personer i " +
				"registeret." + meirNB,
			NN: "Vi har halde tilbake opplysningar frå eit personregister, til dømes bilete av personar i " +
				"registeret." + meirNN,
			EN: "We have withheld information from a personal register, for example pictures of people in the " +
				"register." + meirEN,
		},
		Note: "LAW.md says only \"personal registers\"; that the paragraph is about pictures of persons in " +
			"personal registers comes from the brief, not LAW.md: unverified.",
	},
	{
		ID: "offl-26-4", Section: 26, Paragraph: 4,
		Title: Title{
			NB: "Forskningsidéer",
			NN: "Forskingsidéar",
			EN: "Research ideas",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake opplysninger om en forskningsidé, for å beskytte ideen." + meirNB,
			NN: "Vi har halde tilbake opplysningar om ein forskingsidé, for å verne ideen." + meirNN,
			EN: "We have withheld information about a research idea, to protect the idea." + meirEN,
		},
	},
	{
		ID: "offl-26-5", Section: 26, Paragraph: 5,
		Title: Title{
			NB: "Fødselsnummer",
			NN: "Fødselsnummer",
			EN: "National identity numbers",
		},
		Scope: ScopeInformation,
		Explanation: Text{
			NB: "Vi har holdt tilbake fødselsnummer eller andre nummer med samme funksjon, som D-nummer. " +
				onlyInfoNB + meirNB,
			NN: "Vi har halde tilbake fødselsnummer eller andre nummer med same funksjon, som D-nummer. " +
				onlyInfoNN + meirNN,
			EN: "We have withheld national identity numbers (fødselsnummer) or numbers with the same function, " +
				"such as D numbers. " + onlyInfoEN + meirEN,
		},
	},
}
