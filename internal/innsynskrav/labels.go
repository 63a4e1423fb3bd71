package innsynskrav

import "github.com/innsyn/innsyn/internal/offl"

// statusLabels are the plain words for each status, as the requester reads
// them on the tracking page and in mails.
var statusLabels = map[Status]offl.Text{
	StatusUnverified: {
		NB: "Venter på at du bekrefter e-postadressen",
		NN: "Ventar på at du stadfestar e-postadressa",
		EN: "Waiting for you to confirm your e-mail address",
	},
	StatusReceived: {
		NB: "Mottatt – venter på svar",
		NN: "Mottatt – ventar på svar",
		EN: "Received – waiting for an answer",
	},
	StatusGranted: {
		NB: "Innsyn gitt",
		NN: "Innsyn gjeve",
		EN: "Access granted",
	},
	StatusPartlyGranted: {
		NB: "Delvis innsyn gitt",
		NN: "Delvis innsyn gjeve",
		EN: "Access partly granted",
	},
	StatusRefused: {
		NB: "Innsyn avslått",
		NN: "Innsyn avslått",
		EN: "Access refused",
	},
	StatusNotHeld: {
		NB: "Ikke hos oss",
		NN: "Ikkje hos oss",
		EN: "Not held by us",
	},
	StatusDeemedRefused: {
		NB: "Ikke besvart innen fem arbeidsdager – regnes som avslag (du kan klage)",
		NN: "Ikkje svart innan fem arbeidsdagar – vert rekna som avslag (du kan klage)",
		EN: "Not answered within five working days – counts as a refusal (you may appeal)",
	},
}

// appealLabels are the plain words for each appeal status. The body
// reconsiders first; Statsforvalteren decides what the body does not
// reverse (offl. § 32 (1)).
var appealLabels = map[AppealStatus]offl.Text{
	AppealReceived: {
		NB: "Klage mottatt – vi vurderer saken på nytt",
		NN: "Klage mottatt – vi vurderer saka på nytt",
		EN: "Appeal received – we are reconsidering",
	},
	AppealReversed: {
		NB: "Vi har endret avgjørelsen etter klagen",
		NN: "Vi har endra avgjerda etter klaga",
		EN: "We changed our decision after your appeal",
	},
	AppealForwarded: {
		NB: "Klagen er sendt til Statsforvalteren",
		NN: "Klaga er sendt til Statsforvaltaren",
		EN: "Appeal sent to the County Governor (Statsforvalteren)",
	},
	AppealUpheld: {
		NB: "Statsforvalteren har stadfestet avslaget",
		NN: "Statsforvaltaren har stadfesta avslaget",
		EN: "The County Governor upheld the refusal",
	},
	AppealAllowed: {
		NB: "Statsforvalteren ga deg medhold",
		NN: "Statsforvaltaren gav deg medhald",
		EN: "The County Governor found in your favour",
	},
}

// Label is the status in plain words in a language (bokmål for an unknown
// one); an unknown status is returned as it is.
func (s Status) Label(l Language) string {
	t, ok := statusLabels[s]
	if !ok {
		return string(s)
	}
	return t.In(string(l))
}

// Label is the appeal status in plain words in a language (bokmål for an
// unknown one): "" for AppealNone, and an unknown status as it is.
func (a AppealStatus) Label(l Language) string {
	if a == AppealNone {
		return ""
	}
	t, ok := appealLabels[a]
	if !ok {
		return string(a)
	}
	return t.In(string(l))
}

// valid reports whether a is an appeal that exists: any status but
// AppealNone.
func (a AppealStatus) valid() bool {
	_, ok := appealLabels[a]
	return ok
}
