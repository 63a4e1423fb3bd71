package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	netmail "net/mail"

	"github.com/innsyn/innsyn/internal/innsynskrav"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/mail"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/testenv"
)

var oslo, _ = time.LoadLocation("Europe/Oslo")

// requestEnv is the request store on a fresh database with public entries,
// and no job queue: the tests send the outbox themselves.
type requestEnv struct {
	*env
	requests *postgres.RequestStore
	entries  []string
}

func newRequestEnv(t *testing.T) *requestEnv {
	t.Helper()
	e := newEnv(t)
	e.mustLoad(t, sampleBatch(1, 3))
	cal, err := offl.NewCalendar(offl.DefaultCalendarConfig())
	if err != nil {
		t.Fatal(err)
	}
	r := &requestEnv{env: e, requests: postgres.NewRequestStore(e.db, e.clock.Now, cal, offl.DefaultCatalogue(),
		postgres.MailSettings{From: netmail.Address{Address: "postmottak@nordrana.example"}, BodyName: "Nordrana kommune",
			BaseURL: "http://innsyn.example"}, []byte("a test secret of at least thirty-two bytes"))}
	if err := e.db.Select(&r.entries, `SELECT id FROM public_journalpost ORDER BY journalsekvensnummer`); err != nil {
		t.Fatal(err)
	}
	return r
}

// verifiedOrder places and verifies an order for the entries, sending no
// mail, and returns it with its tracking token.
func (r *requestEnv) verifiedOrder(t *testing.T, email string, entries ...string) (innsynskrav.Created, innsynskrav.Order) {
	t.Helper()
	ctx := context.Background()
	c, err := r.requests.Order(ctx, innsynskrav.NewOrder{Email: email, Language: innsynskrav.Nynorsk, JournalpostIDs: entries})
	if err != nil {
		t.Fatal(err)
	}
	// The verification token is only in the mail: read it from there.
	var text string
	if err := r.db.Get(&text, `SELECT body_text FROM mail_outbox WHERE innsynskrav_id = $1 ORDER BY id LIMIT 1`, c.ID); err != nil {
		t.Fatal(err)
	}
	link := regexpVerify.FindString(text)
	o, err := r.requests.Verify(ctx, link[len("/v1/innsynskrav/verify/"):])
	if err != nil {
		t.Fatal(err)
	}
	return c, o
}

func address() string {
	b := make([]byte, 6)
	rand.Read(b)
	return "ola." + hex.EncodeToString(b) + "@example.no"
}

// TestOutboxSurvivesSMTPDownAndSendsOnce: while the SMTP server is down
// nothing is lost; once it is up the mail goes out; a retry after that
// sends nothing more.
func TestOutboxSurvivesSMTPDownAndSendsOnce(t *testing.T) {
	r := newRequestEnv(t)
	ctx := context.Background()
	addr := address()
	c, err := r.requests.Order(ctx, innsynskrav.NewOrder{Email: addr, JournalpostIDs: r.entries[:1]})
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := r.db.Get(&id, `SELECT id FROM mail_outbox WHERE innsynskrav_id = $1`, c.ID); err != nil {
		t.Fatal(err)
	}
	// A port nothing listens on.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	down := ln.Addr().String()
	ln.Close()
	downSender, _ := mail.NewSMTP(mail.SMTPConfig{Addr: down, TLS: mail.TLSNone, Timeout: time.Second})
	err = r.requests.SendMail(ctx, id, downSender)
	if err == nil || mail.IsPermanent(err) {
		t.Fatalf("sending with the server down: %v, want a temporary error", err)
	}
	var attempts int
	var sent *time.Time
	r.db.QueryRow(`SELECT attempts, sent_at FROM mail_outbox WHERE id = $1`, id).Scan(&attempts, &sent)
	if attempts != 1 || sent != nil {
		t.Fatalf("after a failed attempt: attempts %d, sent %v", attempts, sent)
	}

	mailpit, smtpAddr := testenv.Mailpit(t)
	up, _ := mail.NewSMTP(mail.SMTPConfig{Addr: smtpAddr, TLS: mail.TLSNone})
	if err := r.requests.SendMail(ctx, id, up); err != nil {
		t.Fatal(err)
	}
	if err := r.requests.SendMail(ctx, id, up); err != nil { // River retrying a job whose success was lost
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	var found struct {
		Total int `json:"messages_count"`
	}
	res, err := http.Get(mailpit + "/api/v1/search?query=" + url.QueryEscape("to:"+addr))
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(res.Body).Decode(&found)
	res.Body.Close()
	if found.Total != 1 {
		t.Errorf("%d mails to %s, want exactly 1", found.Total, addr)
	}
}

// TestFullerReasonsAndReversal: a refusal, fuller reasons asked for and
// given (due in 10 working days), an appeal reversed by a new decision.
func TestFullerReasonsAndReversal(t *testing.T) {
	r := newRequestEnv(t)
	ctx := context.Background()
	r.clock.Set(time.Date(2025, 6, 2, 9, 0, 0, 0, oslo)) // a Monday
	c, o := r.verifiedOrder(t, address(), r.entries[0])
	item := o.Items[0].ID
	refuse := innsynskrav.Decision{Outcome: innsynskrav.StatusRefused, Bases: []string{"offl-14"}, Meirinnsyn: "Saka er ikkje avgjord."}
	if _, err := r.requests.Decide(ctx, "kari", []string{item}, refuse); err != nil {
		t.Fatal(err)
	}
	r.clock.Set(time.Date(2025, 6, 3, 9, 0, 0, 0, oslo))
	o, err := r.requests.AskFullerReasons(ctx, c.Token, item)
	if err != nil {
		t.Fatal(err)
	}
	// Tuesday 3 June + 10 working days (Whit Monday 9 June is off) = 18 June.
	if f := o.Items[0].Fuller; f == nil || f.Due.String() != "2025-06-18" {
		t.Fatalf("fuller reasons: %+v", o.Items[0].Fuller)
	}
	if _, err := r.requests.AskFullerReasons(ctx, c.Token, item); err == nil {
		t.Error("asked twice")
	}
	if o.ClosedAt != nil {
		t.Error("closed while fuller reasons are due")
	}
	if _, err := r.requests.AnswerFullerReasons(ctx, "kari", item, "Dokumentet er eit internt utkast."); err != nil {
		t.Fatal(err)
	}
	if _, err := r.requests.Appeal(ctx, c.Token, item, ""); err != nil {
		t.Fatal(err)
	}
	grant := innsynskrav.Decision{Outcome: innsynskrav.StatusGranted, Variant: innsynskrav.VariantOriginal}
	it, err := r.requests.HandleAppeal(ctx, "kari", item, innsynskrav.AppealAction{Action: innsynskrav.ActionReverse, Decision: &grant})
	if err != nil {
		t.Fatal(err)
	}
	if it.Status != innsynskrav.StatusGranted || it.Appeal.Status != innsynskrav.AppealReversed {
		t.Fatalf("after reversal: %+v", it)
	}
	o, _ = r.requests.Track(ctx, c.Token)
	if o.ClosedAt == nil {
		t.Error("the order is not closed when nothing waits")
	}
	// Three weeks after a refusal, appeal and fuller reasons are over.
	c2, o2 := r.verifiedOrder(t, address(), r.entries[1])
	if _, err := r.requests.Decide(ctx, "kari", []string{o2.Items[0].ID}, refuse); err != nil {
		t.Fatal(err)
	}
	r.clock.Add(22 * 24 * time.Hour)
	if _, err := r.requests.Appeal(ctx, c2.Token, o2.Items[0].ID, ""); journalCode(err) != "conflict" {
		t.Errorf("appeal after three weeks: %v", err)
	}
	if _, err := r.requests.AskFullerReasons(ctx, c2.Token, o2.Items[0].ID); journalCode(err) != "conflict" {
		t.Errorf("fuller reasons after three weeks: %v", err)
	}
}

var regexpVerify = regexp.MustCompile(`/v1/innsynskrav/verify/[A-Za-z0-9_-]{43}`)

func journalCode(err error) string { return string(journal.ErrorCode(err)) }

// TestErasure: 180 days after an order closes, its e-mail address and name
// are gone from the order and its mails; the statistics stay.
func TestErasure(t *testing.T) {
	r := newRequestEnv(t)
	ctx := context.Background()
	addr := address()
	_, o := r.verifiedOrder(t, addr, r.entries[0])
	if _, err := r.requests.Decide(ctx, "kari", []string{o.Items[0].ID},
		innsynskrav.Decision{Outcome: innsynskrav.StatusNotHeld}); err != nil {
		t.Fatal(err)
	}
	r.clock.Add(179 * 24 * time.Hour)
	if n, err := r.requests.EraseClosed(ctx, 180*24*time.Hour, 100); err != nil || n != 0 {
		t.Fatalf("erased early: %d %v", n, err)
	}
	r.clock.Add(2 * 24 * time.Hour)
	if n, err := r.requests.EraseClosed(ctx, 180*24*time.Hour, 100); err != nil || n != 1 {
		t.Fatalf("erase: %d %v", n, err)
	}
	var left int
	r.db.Get(&left, `SELECT (SELECT count(*) FROM innsynskrav WHERE email = $1) + (SELECT count(*) FROM mail_outbox
		WHERE recipient = $1 OR body_text LIKE '%' || $1 || '%') + (SELECT count(*) FROM audit_log WHERE after::text LIKE '%' || $1 || '%')`, addr)
	if left != 0 {
		t.Errorf("%d rows still hold the address", left)
	}
	staff, err := r.requests.StaffOrder(ctx, o.ID)
	if err != nil || staff.Email != "" || staff.ErasedAt == nil || len(staff.Items) != 1 {
		t.Fatalf("erased order: %+v %v", staff, err)
	}
	records, err := r.public.RequestRecords(ctx, time.Time{}, r.clock.Now(), "")
	if err != nil || len(records) != 1 || records[0].Outcome != innsynskrav.StatusNotHeld {
		t.Errorf("statistics after erasure: %+v %v", records, err)
	}
}
