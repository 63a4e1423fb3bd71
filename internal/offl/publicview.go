package offl

import (
	"slices"
	"strings"
	"time"
)

// Policy holds the body's choices where the law leaves them open, and the
// catalogue of bases with the durations it configured.
type Policy struct {
	// PublicStatuses are the journalstatuses whose entries are published.
	PublicStatuses []Journalstatus
	// NameSearchPeriod is how long after publication the names of natural
	// persons stay searchable (offentlegforskrifta § 6: one year).
	NameSearchPeriod Period
	// Catalogue is the set of exemption bases with their default durations.
	Catalogue *Catalogue
	// FullTextTypes are the journalposttypes whose documents are published
	// in full text; nil: every type.
	FullTextTypes []Journalposttype
}

// Period is a calendar period in years, months and days, so that "one year"
// means the same date next year, not 365 days.
type Period struct{ Years, Months, Days int }

// After returns t moved forward by the period.
func (p Period) After(t time.Time) time.Time { return t.AddDate(p.Years, p.Months, p.Days) }

// DefaultPolicy publishes the statuses DESIGN.md names and keeps person
// names searchable for one year.
func DefaultPolicy() Policy {
	return Policy{
		PublicStatuses:   []Journalstatus{Journalfoert, Ferdigstilt, Godkjent, Ekspedert, Arkivert},
		NameSearchPeriod: Period{Years: 1},
		Catalogue:        DefaultCatalogue(),
		FullTextTypes:    []Journalposttype{Inngaaende, Utgaaende, Saksframlegg},
	}
}

// Hidden says why an entry is absent from the public journal.
type Hidden string

// Why an entry is not published.
const (
	Published Hidden = ""
	// HiddenStatus: its journalstatus is not one the body publishes.
	HiddenStatus Hidden = "journalstatus"
	// HiddenUntilAccessible: its accessibleAfter lies in the future.
	HiddenUntilAccessible Hidden = "accessible_after"
	// HiddenIdentityNumber: a text that would be published holds a
	// fødselsnummer, D- or H-nummer; staff must review it first.
	HiddenIdentityNumber Hidden = "identity_number"
)

// PublicJournalpost is the public view of an entry: everything here may be
// shown to anyone.
type PublicJournalpost struct {
	ID                   string
	SaksmappeID          string
	Saksaar              int
	Sakssekvensnummer    int
	Journalaar           int
	Journalsekvensnummer int
	Journalpostnummer    int
	Journalposttype      Journalposttype
	Journaldato          time.Time
	DokumentetsDato      time.Time
	OffentligTittel      string
	AdministrativEnhetID string
	Korrespondansepart   []PublicKorrespondansepart
	Dokumentbeskrivelse  []PublicDokumentbeskrivelse
	// Skjerming is the public part of the exemption: its code and basis.
	Skjerming     *PublicSkjerming
	PublisertDato time.Time
	// SearchNames holds the names that a search may still hit: companies
	// always, natural persons only within the name search period.
	SearchNames []string
	// SearchOrgnr holds the valid organisasjonsnummer of the parties whose
	// names are searchable and are not natural persons.
	SearchOrgnr []string
}

// Saksnummer is the entry's case number, e.g. "2024/123".
func (p PublicJournalpost) Saksnummer() string {
	return FormatSaksnummer(p.Saksaar, p.Sakssekvensnummer)
}

// PublicKorrespondansepart is a correspondent as the public sees it.
type PublicKorrespondansepart struct {
	Korrespondanseparttype Korrespondanseparttype
	// Navn is the name, or Mask when the name is screened.
	Navn                   string
	ErBehandlingsansvarlig bool
}

// PublicDokumentbeskrivelse is a document the public may know of.
type PublicDokumentbeskrivelse struct {
	ID                        string
	Dokumentnummer            int
	TilknyttetRegistreringSom TilknyttetRegistreringSom
	Dokumenttype              string
	Tittel                    string
	// Fil is the file anyone may download; nil when there is none (not
	// published in full text, screened, or not checked yet).
	Fil *PublicFil
}

// PublicSkjerming is what the public is told about an exemption.
type PublicSkjerming struct {
	Tilgangsrestriksjon string
	Skjermingshjemmel   string
}

// Publication is the outcome of PublishJournalpost.
type Publication struct {
	// Hidden is Published when Entry may be shown, else the reason it is not.
	Hidden Hidden
	Entry  PublicJournalpost
	// NextChange is the next instant at which the view may change by the
	// clock alone (accessibleAfter, expiry, name search period); zero: never.
	NextChange time.Time
	// IdentityNumbers are the unapproved numbers that hold the entry back
	// (Hidden is HiddenIdentityNumber), for staff to review.
	IdentityNumbers []string
	// FileHolds are files held back for staff review.
	FileHolds []FileHold
}

// Visible reports whether the entry is in the public journal.
func (p Publication) Visible() bool { return p.Hidden == Published }

// PublishJournalpost computes the public view of an entry from the full
// record, its skjerming and the clock. It is the only place that decides
// what of an entry the public may see.
func PublishJournalpost(jp Journalpost, now time.Time, policy Policy) Publication {
	var next nextChange
	sk := activeSkjerming(jp.Skjerming, now, &next)

	if !slices.Contains(policy.PublicStatuses, jp.Journalstatus) {
		return Publication{Hidden: HiddenStatus}
	}
	if now.Before(jp.AccessibleAfter) {
		next.at(jp.AccessibleAfter)
		return Publication{Hidden: HiddenUntilAccessible, NextChange: next.t}
	}

	var screens Screens
	if sk != nil {
		screens = sk.Screens
	}
	titleScreen := effectiveTitleScreen(jp, screens)
	terms := newPhraseMatcher(append(slices.Clone(titleScreen.Phrases),
		ScreenedWords(jp.Tittel, titleScreen, screens.AllMetadata)...))
	published := jp.PublisertDato
	if published.IsZero() {
		published = now
	}
	entry := PublicJournalpost{
		ID:                   jp.ID,
		SaksmappeID:          jp.SaksmappeID,
		Saksaar:              jp.Saksaar,
		Sakssekvensnummer:    jp.Sakssekvensnummer,
		Journalaar:           jp.Journalaar,
		Journalsekvensnummer: jp.Journalsekvensnummer,
		Journalpostnummer:    jp.Journalpostnummer,
		Journalposttype:      jp.Journalposttype,
		Journaldato:          jp.Journaldato,
		DokumentetsDato:      jp.DokumentetsDato,
		OffentligTittel:      screenTitle(jp.Tittel, titleScreen, screens.AllMetadata),
		AdministrativEnhetID: jp.AdministrativEnhetID,
		PublisertDato:        published,
	}
	if sk != nil {
		entry.Skjerming = &PublicSkjerming{
			Tilgangsrestriksjon: sk.Tilgangsrestriksjon,
			Skjermingshjemmel:   sk.Skjermingshjemmel,
		}
	}

	namesSearchableUntil := policy.NameSearchPeriod.After(published)
	for _, k := range jp.Korrespondansepart {
		pk := PublicKorrespondansepart{
			Korrespondanseparttype: k.Korrespondanseparttype,
			Navn:                   k.Navn,
			ErBehandlingsansvarlig: k.ErBehandlingsansvarlig,
		}
		if screens.AllMetadata || (screens.Names && !k.Korrespondanseparttype.Internal()) || terms.contains(k.Navn) {
			pk.Navn = Mask
		}
		entry.Korrespondansepart = append(entry.Korrespondansepart, pk)
		if pk.Navn == Mask || pk.Navn == "" {
			continue
		}
		if !k.ErPerson {
			entry.SearchNames = append(entry.SearchNames, pk.Navn)
			if ValidOrganisasjonsnummer(k.Organisasjonsnummer) {
				entry.SearchOrgnr = appendUnique(entry.SearchOrgnr, k.Organisasjonsnummer)
			}
		} else if now.Before(namesSearchableUntil) {
			entry.SearchNames = append(entry.SearchNames, pk.Navn)
			next.at(namesSearchableUntil)
		}
	}

	var holds []FileHold
	for _, d := range jp.Dokumentbeskrivelse {
		screened := screens.Documents.Screened(d.ID)
		if screened && !screens.Documents.PartsOnly {
			continue
		}
		tittel := d.Tittel
		if screens.AllMetadata {
			tittel = screenTitle(tittel, TitleScreen{}, true)
		}
		fil, hold := publicFile(d, screened, jp.Journalposttype, policy)
		if hold != nil {
			holds = append(holds, *hold)
		}
		entry.Dokumentbeskrivelse = append(entry.Dokumentbeskrivelse, PublicDokumentbeskrivelse{
			ID:                        d.ID,
			Dokumentnummer:            d.Dokumentnummer,
			TilknyttetRegistreringSom: d.TilknyttetRegistreringSom,
			Dokumenttype:              d.Dokumenttype,
			Tittel:                    maskPhrases(tittel, terms),
			Fil:                       fil,
		})
	}

	if found := unapprovedIdentityNumbers(entry, jp.ApprovedNumbers); len(found) > 0 {
		return Publication{Hidden: HiddenIdentityNumber, NextChange: next.t, IdentityNumbers: found}
	}
	return Publication{Entry: entry, NextChange: next.t, FileHolds: holds}
}

// screenedNames lists the names of external correspondents a skjerming
// withholds. Internal parties (the body's own units and staff acting for
// it) are public: their names are not secrets to mask elsewhere, and under
// Names they are not withheld at all.
func screenedNames(jp Journalpost, screens Screens) []string {
	if !screens.Names && !screens.AllMetadata {
		return nil
	}
	var out []string
	for _, k := range jp.Korrespondansepart {
		if k.Navn != "" && !k.Korrespondanseparttype.Internal() {
			out = append(out, k.Navn)
		}
	}
	return out
}

// effectiveTitleScreen is the title screen the public view applies: the
// screened phrases, the screened names, and the words screened by position
// as phrases too, so that a name screened at one place in the title is
// masked wherever it recurs (and in every other text of the entry).
func effectiveTitleScreen(jp Journalpost, screens Screens) TitleScreen {
	positional := ScreenedWords(jp.Tittel, TitleScreen{Words: screens.Title.Words}, false)
	phrases := slices.Concat(screens.Title.Phrases, screenedNames(jp, screens), positional)
	return TitleScreen{Whole: screens.Title.Whole, Phrases: phrases}
}

// WithheldTerms lists the words and phrases an entry's active skjerming
// withholds: screened phrases, title words screened by position, and
// screened names. The entry's case masks them in its own title too, so a
// name screened on an entry cannot leak through the case. Words withheld
// only because the whole title is screened are not listed: they are the
// ordinary words of a title ("Søknad", "om") and would mangle the case.
func WithheldTerms(jp Journalpost, now time.Time) []string {
	var next nextChange
	sk := activeSkjerming(jp.Skjerming, now, &next)
	if sk == nil {
		return nil
	}
	return effectiveTitleScreen(jp, sk.Screens).Phrases
}

// activeSkjerming returns the skjerming unless it has lapsed, and records
// its expiry as a coming change.
func activeSkjerming(sk *Skjerming, now time.Time, next *nextChange) *Skjerming {
	if sk == nil {
		return nil
	}
	if !sk.OpphoererDato.IsZero() {
		if !now.Before(sk.OpphoererDato) {
			return nil
		}
		next.at(sk.OpphoererDato)
	}
	return sk
}

// unapprovedIdentityNumbers lists the identity numbers in the texts of the
// public view that staff have not approved.
func unapprovedIdentityNumbers(e PublicJournalpost, approved []string) []string {
	texts := []string{e.OffentligTittel}
	for _, k := range e.Korrespondansepart {
		texts = append(texts, k.Navn)
	}
	for _, d := range e.Dokumentbeskrivelse {
		texts = append(texts, d.Tittel)
	}
	return unapproved(FindIdentityNumbers(strings.Join(texts, "\n")), approved)
}

func unapproved(found, approved []string) []string {
	var out []string
	for _, n := range found {
		if !slices.Contains(approved, n) && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// nextChange keeps the earliest of the instants it is given.
type nextChange struct{ t time.Time }

func (n *nextChange) at(t time.Time) {
	if n.t.IsZero() || t.Before(n.t) {
		n.t = t
	}
}

// PublicSaksmappe is the public view of a case file.
type PublicSaksmappe struct {
	ID                   string
	Saksaar              int
	Sakssekvensnummer    int
	Saksdato             time.Time
	OffentligTittel      string
	AdministrativEnhetID string
	Skjerming            *PublicSkjerming
}

// Saksnummer is the case number, e.g. "2024/123".
func (p PublicSaksmappe) Saksnummer() string {
	return FormatSaksnummer(p.Saksaar, p.Sakssekvensnummer)
}

// SaksmappePublication is the outcome of PublishSaksmappe.
type SaksmappePublication struct {
	Hidden          Hidden
	Case            PublicSaksmappe
	NextChange      time.Time
	IdentityNumbers []string
}

// PublishSaksmappe computes the public view of a case file. A case is in
// the public journal (its existence is not confidential); its title is
// masked as its own skjerming says and wherever it holds a term withheld on
// one of its entries (inherited: the WithheldTerms of its entries), and it
// is held back while the title holds an unapproved identity number.
func PublishSaksmappe(sm Saksmappe, inherited []string, now time.Time) SaksmappePublication {
	var next nextChange
	sk := activeSkjerming(sm.Skjerming, now, &next)
	pub := PublicSaksmappe{
		ID:                   sm.ID,
		Saksaar:              sm.Saksaar,
		Sakssekvensnummer:    sm.Sakssekvensnummer,
		Saksdato:             sm.Saksdato,
		AdministrativEnhetID: sm.AdministrativEnhetID,
	}
	ts := TitleScreen{Phrases: inherited}
	if sk != nil {
		ts = sk.Screens.Title
		ts.Phrases = append(slices.Clone(ts.Phrases), inherited...)
		pub.Skjerming = &PublicSkjerming{
			Tilgangsrestriksjon: sk.Tilgangsrestriksjon,
			Skjermingshjemmel:   sk.Skjermingshjemmel,
		}
	}
	pub.OffentligTittel = screenTitle(sm.Tittel, ts, sk != nil && sk.Screens.AllMetadata)
	if found := unapproved(FindIdentityNumbers(pub.OffentligTittel), sm.ApprovedNumbers); len(found) > 0 {
		return SaksmappePublication{Hidden: HiddenIdentityNumber, NextChange: next.t, IdentityNumbers: found}
	}
	return SaksmappePublication{Case: pub, NextChange: next.t}
}
