package api

import (
	"time"

	"github.com/innsyn/innsyn/internal/innsynskrav"
	"github.com/innsyn/innsyn/internal/offl"
)

// Wire ID kinds of requests.
const (
	kindInnsynskrav    = "ik"
	kindInnsynskravDel = "ikd"
)

// InnsynskravItem is one thing asked for and where it stands.
type InnsynskravItem struct {
	ID              string            `json:"id" doc:"The item's ID." example:"ikd_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"`
	Journalpost     string            `json:"journalpost,omitempty" doc:"The entry asked for; absent for the order's free-text description." example:"jp_9b2f0a1c3d4e5f60718293a4b5c6d7e8"`
	Tittel          string            `json:"tittel" doc:"The entry's public title when asked for, or the description." example:"Søknad om skjenkebevilling - Café Nord"`
	Saksnummer      string            `json:"saksnummer,omitempty" doc:"Case and entry number." example:"2025/123-2"`
	Enhet           string            `json:"enhet,omitempty" doc:"The unit that answers." example:"enh_0a1b2c3d4e5f60718293a4b5c6d7e8f9"`
	Status          string            `json:"status" enum:"ubekreftet,mottatt,innvilget,delvis_innvilget,avslatt,ikke_hos_oss,antatt_avslatt" doc:"Where it stands; antatt_avslatt: no decision within five working days, which counts as a refusal (offl. § 32 (1))." example:"mottatt"`
	StatusText      string            `json:"statusText" doc:"The status in plain words, in the order's language." example:"Mottatt – venter på svar"`
	ReceivedAt      *time.Time        `json:"receivedAt,omitempty" doc:"When it was received (the order verified)." example:"2025-04-16T08:00:00Z"`
	Due             string            `json:"due,omitempty" format:"date" doc:"The date the body aims to answer by (1–3 working days), or the extended date." example:"2025-04-24"`
	DeemedRefusedAt *time.Time        `json:"deemedRefusedAt,omitempty" doc:"From this moment no answer counts as a refusal that can be appealed." example:"2025-04-28T22:00:00Z"`
	Extension       *ExtensionWire    `json:"extension,omitempty" doc:"More time staff said they need, and why."`
	Decision        *DecisionWire     `json:"decision,omitempty" doc:"The decision."`
	FullerReasons   *FullerReasonWire `json:"fullerReasons,omitempty" doc:"A request for fuller reasons (offl. § 31 (2)) and its answer."`
	Appeal          *AppealWire       `json:"appeal,omitempty" doc:"An appeal and what became of it."`
	Actions         *ActionsWire      `json:"actions,omitempty" doc:"What the requester may still do, and until when."`
	AssignedTo      string            `json:"assignedTo,omitempty" doc:"Staff: who handles it." example:"Kari Arkivar"`
	Overdue         bool              `json:"overdue,omitempty" doc:"Staff: an answer or fuller reasons are past their due date." example:"false"`
}

// ExtensionWire is more time, with a reason.
type ExtensionWire struct {
	Due    string    `json:"due" format:"date" example:"2025-05-06" doc:"The new date."`
	Reason string    `json:"reason" example:"Dokumentene må gjennomgås av juridisk avdeling." doc:"Why."`
	At     time.Time `json:"at" example:"2025-04-22T09:00:00Z" doc:"When it was recorded."`
}

// DecisionWire is a decision on an item, with every basis explained.
type DecisionWire struct {
	Outcome                  string      `json:"outcome" enum:"innvilget,delvis_innvilget,avslatt,ikke_hos_oss" example:"avslatt" doc:"The decision."`
	Bases                    []BasisWire `json:"bases" doc:"The exemptions used (offl. § 31 (1))."`
	ConfidentialityProvision string      `json:"confidentialityProvision,omitempty" example:"fvl. § 13 første ledd nr. 1" doc:"The duty of confidentiality behind offl. § 13."`
	Meirinnsyn               string      `json:"meirinnsyn,omitempty" example:"Hensynet til anbudskonkurransen veier tyngre." doc:"Why access is not given though the basis allows it (offl. § 11)."`
	Reason                   string      `json:"reason,omitempty" example:"" doc:"Further explanation."`
	ForwardedTo              string      `json:"forwardedTo,omitempty" example:"Statens vegvesen" doc:"For ikke_hos_oss: the body it was sent on to."`
	Variant                  string      `json:"variant,omitempty" enum:"arkivformat,offentlig_variant" example:"offentlig_variant" doc:"What a grant released."`
	DecidedAt                *time.Time  `json:"decidedAt,omitempty" example:"2025-04-22T10:00:00Z" doc:"When."`
}

// BasisWire is an exemption basis in plain language.
type BasisWire struct {
	ID          string `json:"id" example:"offl-13" doc:"The catalogue ID."`
	Citation    string `json:"citation" example:"offl. § 13" doc:"The provision."`
	Title       string `json:"title" example:"Teieplikt" doc:"Its name, in the order's language."`
	Explanation string `json:"explanation" example:"Opplysningene er underlagt teieplikt." doc:"What it means, in the order's language."`
}

// FullerReasonWire is a request for fuller reasons.
type FullerReasonWire struct {
	RequestedAt time.Time  `json:"requestedAt" example:"2025-04-23T08:00:00Z" doc:"When asked."`
	Due         string     `json:"due" format:"date" example:"2025-05-08" doc:"The answer is due within 10 working days."`
	AnsweredAt  *time.Time `json:"answeredAt,omitempty" example:"2025-04-30T12:00:00Z" doc:"When answered."`
	Answer      string     `json:"answer,omitempty" example:"Dokumentet inneholder opplysninger om helseforhold." doc:"The fuller reasons."`
}

// AppealWire is an appeal.
type AppealWire struct {
	At         time.Time `json:"at" example:"2025-04-24T08:00:00Z" doc:"When appealed."`
	Text       string    `json:"text,omitempty" example:"Jeg mener dokumentet kan gis delvis." doc:"The requester's grounds."`
	Status     string    `json:"status" enum:"mottatt,omgjort,oversendt,stadfestet,medhold" example:"oversendt" doc:"Where it stands."`
	StatusText string    `json:"statusText" example:"Sendt til Statsforvaltaren" doc:"In plain words."`
	Note       string    `json:"note,omitempty" example:"" doc:"Staff's note on it."`
	UpdatedAt  time.Time `json:"updatedAt" example:"2025-04-28T08:00:00Z" doc:"Last change."`
}

// ActionsWire says what the requester may do in one step.
type ActionsWire struct {
	FullerReasonsUntil *time.Time `json:"fullerReasonsUntil,omitempty" example:"2025-05-13T22:00:00Z" doc:"Ask for fuller reasons (POST …/fuller-reasons) until then."`
	AppealUntil        *time.Time `json:"appealUntil,omitempty" example:"2025-05-13T22:00:00Z" doc:"Appeal (POST …/appeal) until then."`
}

// innsynskravView builds the wire items; staff see assignment and overdue
// flags, requesters the actions open to them.
type innsynskravView struct {
	cal   *offl.Calendar
	cat   *offl.Catalogue
	now   time.Time
	lang  innsynskrav.Language
	staff bool
}

func (v innsynskravView) item(it innsynskrav.Item) InnsynskravItem {
	status := it.Effective(v.now)
	out := InnsynskravItem{ID: wireID(kindInnsynskravDel, it.ID), Journalpost: wireID(kindJournalpost, it.JournalpostID),
		Tittel: it.Title, Saksnummer: it.Saksnummer, Enhet: wireID(kindEnhet, it.EnhetID), Status: string(status),
		StatusText: status.Label(v.lang), ReceivedAt: it.ReceivedAt}
	if due, ok := it.Due(); ok {
		out.Due = due.String()
		at := it.Deadlines.DeemedRefusedAt
		out.DeemedRefusedAt = &at
	}
	if e := it.Extension; e != nil {
		out.Extension = &ExtensionWire{Due: e.Due.String(), Reason: e.Reason, At: e.At}
	}
	if d := it.Decision; d != nil {
		w := &DecisionWire{Outcome: string(d.Outcome), Bases: []BasisWire{}, ConfidentialityProvision: d.ConfidentialityProvision,
			Meirinnsyn: d.Meirinnsyn, Reason: d.Reason, ForwardedTo: d.ForwardedTo, Variant: string(d.Variant), DecidedAt: it.DecidedAt}
		for _, id := range d.Bases {
			if p, ok := v.cat.Provision(id); ok {
				w.Bases = append(w.Bases, BasisWire{ID: id, Citation: p.Citation(), Title: p.Title.In(string(v.lang)),
					Explanation: p.Explanation.In(string(v.lang))})
			}
		}
		out.Decision = w
	}
	if f := it.Fuller; f != nil {
		out.FullerReasons = &FullerReasonWire{RequestedAt: f.RequestedAt, Due: f.Due.String(), AnsweredAt: f.AnsweredAt, Answer: f.Answer}
	}
	if a := it.Appeal; a != nil {
		out.Appeal = &AppealWire{At: a.At, Text: a.Text, Status: string(a.Status), StatusText: a.Status.Label(v.lang), Note: a.Note, UpdatedAt: a.UpdatedAt}
	}
	if v.staff {
		out.AssignedTo = it.AssignedTo
		out.Overdue = it.Overdue(v.cal, v.now)
		return out
	}
	out.Actions = v.actions(it)
	return out
}

// actions are the one-step actions still open, with their last moment.
func (v innsynskravView) actions(it innsynskrav.Item) *ActionsWire {
	w := it.Windows(v.cal, v.now)
	var a ActionsWire
	if v.now.Before(w.FullerReasons) {
		a.FullerReasonsUntil = &w.FullerReasons
	}
	if v.now.Before(w.Appeal) {
		a.AppealUntil = &w.Appeal
	}
	if a.FullerReasonsUntil == nil && a.AppealUntil == nil {
		return nil
	}
	return &a
}

func (v innsynskravView) items(items []innsynskrav.Item) []InnsynskravItem {
	out := make([]InnsynskravItem, len(items))
	for i, it := range items {
		out[i] = v.item(it)
	}
	return out
}
