package postgres_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// entryID returns the ID of the entry with a SystemID.
func (e *env) entryID(t *testing.T, systemID string) string {
	t.Helper()
	var id string
	if err := e.db.Get(&id, `SELECT id FROM journalpost WHERE system_id = $1`, systemID); err != nil {
		t.Fatal(err)
	}
	return id
}

// publicTitle is the entry's title in the projection, "" if absent.
func (e *env) publicTitle(t *testing.T, id string) string {
	t.Helper()
	var title string
	e.db.Get(&title, `SELECT offentlig_tittel FROM public_journalpost WHERE id = $1`, id)
	return title
}

func (e *env) audit(t *testing.T, objectID string) []journal.AuditEntry {
	t.Helper()
	page, err := e.store.ListAudit(context.Background(), journal.AuditQuery{ObjectID: objectID, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}

func nameScreen(phrase string) journal.SkjermingChange {
	return journal.SkjermingChange{
		Skjerming: offl.Skjerming{Tilgangsrestriksjon: "UO", Skjermingshjemmel: "Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
			Screens: offl.Screens{Title: offl.TitleScreen{Phrases: []string{phrase}}}},
		Change: journal.Change{Actor: "key:test (Kari)", Reason: "gjelder et barn"},
	}
}

func TestMarkAndLiftSkjerming(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	b := sampleBatch(1, 1)
	b.Journalposts[0].Journalpost.Tittel = "Søknad om barnehageplass til Ola Nordmann"
	e.mustLoad(t, b)
	id := e.entryID(t, "jp-1")
	before, _ := e.store.Journalpost(ctx, id)

	got, err := e.store.SetJournalpostSkjerming(ctx, id, nameScreen("Ola Nordmann"))
	if err != nil {
		t.Fatal(err)
	}
	if title := e.publicTitle(t, id); title != "Søknad om barnehageplass til ***** *****" {
		t.Errorf("public title right after marking: %q", title)
	}
	if got.Version != before.Version+1 || got.Record.Skjerming == nil {
		t.Errorf("version %d → %d, skjerming %+v", before.Version, got.Version, got.Record.Skjerming)
	}
	if exp := got.Record.Skjerming.OpphoererDato; !exp.Equal(day(2024, 1, 2).AddDate(60, 0, 0)) {
		t.Errorf("§ 13's default duration (60 years from the document's date) not applied: %v", exp)
	}
	rows := e.audit(t, id)
	if len(rows) != 1 || rows[0].Action != "skjerming.set" || rows[0].Actor != "key:test (Kari)" ||
		rows[0].Reason != "gjelder et barn" || rows[0].Before != nil || !strings.Contains(string(rows[0].After), "Ola Nordmann") {
		t.Fatalf("audit after marking: %+v", rows)
	}

	t.Run("a stale version is refused and changes nothing", func(t *testing.T) {
		c := nameScreen("Nordmann")
		c.IfMatch = before.Version
		if _, err := e.store.SetJournalpostSkjerming(ctx, id, c); journal.ErrorCode(err) != journal.ErrPreconditionFailed {
			t.Fatalf("err = %v", err)
		}
		if len(e.audit(t, id)) != 1 {
			t.Error("a refused change was audited")
		}
	})
	t.Run("a phrase that is not in the entry is refused", func(t *testing.T) {
		_, err := e.store.SetJournalpostSkjerming(ctx, id, nameScreen("Ola Nordman"))
		var je *journal.Error
		if journal.ErrorCode(err) != journal.ErrInvalid || !asJournalError(err, &je) || je.Field != "body.screens.titlePhrases[0]" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("offl. § 11: a discretionary basis without meirinnsyn is refused", func(t *testing.T) {
		c := nameScreen("Ola Nordmann")
		c.Skjerming.Skjermingshjemmel = "Offl. § 14"
		if _, err := e.store.SetJournalpostSkjerming(ctx, id, c); journal.ErrorCode(err) != journal.ErrInvalid {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a reason is required", func(t *testing.T) {
		c := nameScreen("Ola Nordmann")
		c.Reason = " "
		if _, err := e.store.SetJournalpostSkjerming(ctx, id, c); journal.ErrorCode(err) != journal.ErrInvalid {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("lifting shows the words again and is audited", func(t *testing.T) {
		if _, err := e.store.LiftJournalpostSkjerming(ctx, id, journal.Change{Actor: "key:test (Kari)", Reason: "vedtak fattet"}); err != nil {
			t.Fatal(err)
		}
		if title := e.publicTitle(t, id); title != "Søknad om barnehageplass til Ola Nordmann" {
			t.Errorf("public title after lifting: %q", title)
		}
		rows := e.audit(t, id)
		if len(rows) != 2 || rows[0].Action != "skjerming.lift" || rows[0].After != nil || rows[0].Reason != "vedtak fattet" {
			t.Errorf("audit after lifting: %+v", rows[0])
		}
		if _, err := e.store.LiftJournalpostSkjerming(ctx, id, journal.Change{Reason: "again"}); journal.ErrorCode(err) != journal.ErrConflict {
			t.Errorf("lifting nothing: %v", err)
		}
	})
}

func TestSkjermingExpiresBySystem(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	b := sampleBatch(1, 1)
	b.Journalposts[0].Journalpost.Tittel = "Tilbud fra Rana Bygg AS"
	e.mustLoad(t, b)
	id := e.entryID(t, "jp-1")
	c := nameScreen("Rana Bygg AS")
	c.Skjerming.Skjermingshjemmel = "Offl. § 23 tredje ledd"
	c.Skjerming.OpphoererDato = day(2025, 3, 20)
	c.Skjerming.Meirinnsyn = &offl.Meirinnsyn{VurdertAv: "Kari", VurdertDato: day(2025, 3, 13), Utfall: offl.UnntakOpprettholdt, Begrunnelse: "Konkurransen pågår"}
	if _, err := e.store.SetJournalpostSkjerming(ctx, id, c); err != nil {
		t.Fatal(err)
	}
	e.clock.Set(day(2025, 3, 19).Add(23 * time.Hour))
	e.store.RefreshDue(ctx, 100)
	if e.publicTitle(t, id) != "Tilbud fra ***** ***** *****" {
		t.Fatalf("lifted before its day: %q", e.publicTitle(t, id))
	}
	e.clock.Set(day(2025, 3, 20))
	if _, err := e.store.RefreshDue(ctx, 100); err != nil {
		t.Fatal(err)
	}
	if title := e.publicTitle(t, id); title != "Tilbud fra Rana Bygg AS" {
		t.Errorf("Noark 5 M505: a skjerming expiring today is lifted: %q", title)
	}
	rows := e.audit(t, id)
	if rows[0].Action != "skjerming.expire" || rows[0].Actor != journal.ActorSystem || rows[0].Before == nil {
		t.Errorf("audit: %+v", rows[0])
	}
	staff, _ := e.store.Journalpost(ctx, id)
	if staff.Record.Skjerming != nil {
		t.Error("the skjerming is still on the record")
	}
}

func openReview(t *testing.T, e *env, reason journal.ReviewReason) []journal.ReviewItem {
	t.Helper()
	page, err := e.store.ListReview(context.Background(), journal.ReviewQuery{Reason: reason, Open: true, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}

func TestReviewIdentityNumber(t *testing.T) {
	fnr := "01017012343"
	staff := journal.Change{Actor: "key:test (Kari)", Reason: "sjekket"}
	for _, tt := range []struct {
		covers string
		r      journal.Resolution
		title  string
	}{
		{"forskrift § 7 d: approve a number that is no fødselsnummer", journal.Resolution{Action: journal.ReviewApprove, Change: staff},
			"Klage fra " + fnr},
		{"forskrift § 7 d: correct the title", journal.Resolution{Action: journal.ReviewCorrect, Tittel: "Klage på vedtak", Change: staff},
			"Klage på vedtak"},
		{"offl. § 26 femte ledd: screen the number", journal.Resolution{Action: journal.ReviewSkjerming, Change: staff,
			Skjerming: &journal.SkjermingChange{Skjerming: offl.Skjerming{Skjermingshjemmel: "Offl. § 26 femte ledd",
				Screens:    offl.Screens{Title: offl.TitleScreen{Phrases: []string{fnr}}},
				Meirinnsyn: &offl.Meirinnsyn{VurdertAv: "Kari", VurdertDato: day(2025, 3, 14), Utfall: offl.UnntakOpprettholdt, Begrunnelse: "Fødselsnummer"}}}},
			"Klage fra *****"},
	} {
		t.Run(tt.covers, func(t *testing.T) {
			e := newEnv(t)
			ctx := context.Background()
			b := sampleBatch(1, 1)
			b.Journalposts[0].Journalpost.Tittel = "Klage fra " + fnr
			e.mustLoad(t, b)
			id := e.entryID(t, "jp-1")
			if e.publicTitle(t, id) != "" {
				t.Fatal("the entry is public while its title holds a fødselsnummer")
			}
			items := openReview(t, e, journal.ReviewIdentityNumber)
			if len(items) != 1 || items[0].ObjectID != id || items[0].Numbers[0] != fnr {
				t.Fatalf("review queue: %+v", items)
			}
			e.mustLoad(t, b) // loading again does not add a second item
			if n := len(openReview(t, e, journal.ReviewIdentityNumber)); n != 1 {
				t.Fatalf("%d open items after a reload", n)
			}
			resolved, err := e.store.ResolveReview(ctx, items[0].ID, tt.r)
			if err != nil {
				t.Fatal(err)
			}
			if resolved.Resolution != tt.r.Action || resolved.ResolvedBy != "key:test (Kari)" {
				t.Errorf("resolved: %+v", resolved)
			}
			if got := e.publicTitle(t, id); got != tt.title {
				t.Errorf("public title %q, want %q", got, tt.title)
			}
			if n := len(openReview(t, e, journal.ReviewIdentityNumber)); n != 0 {
				t.Errorf("%d items still open", n)
			}
			audit := e.audit(t, items[0].ID)
			if len(audit) != 1 || audit[0].Action != "review.resolve" || audit[0].Reason != "sjekket" {
				t.Errorf("audit: %+v", audit)
			}
			if _, err := e.store.ResolveReview(ctx, items[0].ID, tt.r); journal.ErrorCode(err) != journal.ErrConflict {
				t.Errorf("resolving twice: %v", err)
			}
		})
	}
}

func TestReviewUnparsableBasis(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	b := sampleBatch(1, 1)
	b.Journalposts[0].Journalpost.Skjerming = &offl.Skjerming{Skjermingshjemmel: "Unntatt etter Offentleglova",
		Screens: offl.Screens{Names: true}}
	e.mustLoad(t, b)
	items := openReview(t, e, journal.ReviewUnparsableBasis)
	if len(items) != 1 || items[0].Basis != "Unntatt etter Offentleglova" || len(items[0].Warnings) == 0 {
		t.Fatalf("queue: %+v", items)
	}
	if _, err := e.store.ResolveReview(ctx, items[0].ID, journal.Resolution{Action: journal.ReviewCorrect,
		Skjermingshjemmel: "Unntatt offentlighet", Change: journal.Change{Actor: "k", Reason: "r"}}); journal.ErrorCode(err) != journal.ErrInvalid {
		t.Errorf("a correction that is still unreadable: %v", err)
	}
	if _, err := e.store.ResolveReview(ctx, items[0].ID, journal.Resolution{Action: journal.ReviewApprove,
		Change: journal.Change{Actor: "k", Reason: "slik står det i arkivet"}}); err != nil {
		t.Fatal(err)
	}
	e.mustLoad(t, b)
	if n := len(openReview(t, e, journal.ReviewUnparsableBasis)); n != 0 {
		t.Errorf("an approved basis came back to the queue after a reload (%d)", n)
	}
	b.Journalposts[0].Journalpost.Skjerming.Skjermingshjemmel = "Offl § 19"
	e.mustLoad(t, b)
	if n := len(openReview(t, e, journal.ReviewUnparsableBasis)); n != 1 {
		t.Errorf("a changed basis that needs review again: %d items", n)
	}
	b.Journalposts[0].Journalpost.Skjerming.Skjermingshjemmel = "Offl. § 13"
	e.mustLoad(t, b)
	if n := len(openReview(t, e, journal.ReviewUnparsableBasis)); n != 0 {
		t.Errorf("a corrected basis leaves %d open items", n)
	}
	page, _ := e.store.ListReview(ctx, journal.ReviewQuery{Open: false, Limit: 10})
	byBasis := map[string]journal.ReviewItem{}
	for _, it := range page.Items {
		byBasis[it.Basis] = it
	}
	if len(page.Items) != 2 || byBasis["Unntatt etter Offentleglova"].Resolution != journal.ReviewApprove {
		t.Errorf("resolved items: %+v", page.Items)
	}
	if it := byBasis["Offl § 19"]; it.Resolution != journal.ReviewSuperseded || it.ResolvedBy != journal.ActorSystem ||
		!strings.Contains(strings.Join(it.Warnings, " "), "not an exemption basis") {
		t.Errorf("the § 19 item: %+v", it)
	}
}

func TestAuditPagination(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	for range 5 {
		e.keys.CreateKey(ctx, "cli", "k", "reader", time.Time{})
	}
	seen := 0
	cursor := ""
	for {
		page, err := e.store.ListAudit(ctx, journal.AuditQuery{Actor: "cli", Cursor: cursor, Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		seen += len(page.Items)
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	if seen != 5 {
		t.Errorf("saw %d rows", seen)
	}
	var after json.RawMessage
	e.db.Get(&after, `SELECT after FROM audit_log LIMIT 1`)
	if strings.Contains(string(after), "hash") {
		t.Errorf("a key's hash is in the audit log: %s", after)
	}
}

func TestExemptionStatistics(t *testing.T) {
	e := newEnv(t)
	b := sampleBatch(2, 3)
	for i := range 3 {
		b.Journalposts[i].Journalpost.Skjerming = &offl.Skjerming{Skjermingshjemmel: []string{"Offl. § 13", "Offl § 13 jf. fvl § 13", "offl.§ 23, 3.ledd"}[i],
			Screens: offl.Screens{Names: true}}
	}
	b.Journalposts[5].Journalpost.Journalstatus = offl.Reservert
	b.Journalposts[5].Journalpost.Skjerming = &offl.Skjerming{Skjermingshjemmel: "Offl. § 14", Screens: offl.Screens{Names: true}}
	e.mustLoad(t, b)
	st, err := e.public.ExemptionStatistics(context.Background(), journal.StatisticsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Published != 5 || st.Screened != 3 {
		t.Errorf("published %d, screened %d", st.Published, st.Screened)
	}
	if len(st.PerBasis) != 2 || st.PerBasis[0] != (journal.Count{Key: "offl-13", Label: "offl. § 13", Count: 2}) {
		t.Errorf("per basis: %+v", st.PerBasis)
	}
	if len(st.PerEnhet) != 1 || st.PerEnhet[0].Key != "PLAN" || st.PerEnhet[0].Count != 3 {
		t.Errorf("per unit: %+v", st.PerEnhet)
	}
	if len(st.PerMonth) != 1 || st.PerMonth[0].Key != "2024-01" {
		t.Errorf("per month: %+v", st.PerMonth)
	}
}
