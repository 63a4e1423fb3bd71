package jobs_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"sync/atomic"
	"testing"
	"time"

	netmail "net/mail"

	"github.com/jmoiron/sqlx"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/innsynskrav"
	"github.com/innsyn/innsyn/internal/jobs"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/mail"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/testenv"
)

// switchSender sends through whichever server it currently points at.
type switchSender struct{ to atomic.Pointer[mail.SMTP] }

func (s *switchSender) Send(ctx context.Context, m mail.Message) error {
	return s.to.Load().Send(ctx, m)
}

// mailCount is how many mails Mailpit holds for addr.
func mailCount(t *testing.T, mailpit, addr string) int {
	t.Helper()
	res, err := http.Get(mailpit + "/api/v1/search?query=" + url.QueryEscape("to:"+addr))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var found struct {
		Total int `json:"messages_count"`
	}
	if err := json.NewDecoder(res.Body).Decode(&found); err != nil {
		t.Fatal(err)
	}
	return found.Total
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// requestEnv is a journal with one public entry, the request store, and a
// River client sending its mails through sender.
func requestEnv(t *testing.T, c *testenv.Clock, sender mail.Sender, cfg jobs.Config) (*postgres.RequestStore, string, *sqlx.DB) {
	t.Helper()
	ctx := context.Background()
	db, err := postgres.Open(ctx, testenv.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := postgres.NewStore(db, c.Now, offl.DefaultPolicy())
	if _, err := store.Load(ctx, journal.Batch{
		Saksmapper: []journal.SaksmappeInput{{Saksmappe: offl.Saksmappe{SystemID: "s1", Saksaar: 2025, Sakssekvensnummer: 1, Tittel: "Sak"}}},
		Journalposts: []journal.JournalpostInput{{SaksmappeSystemID: "s1", Journalpost: offl.Journalpost{
			SystemID: "j1", Journalaar: 2025, Journalsekvensnummer: 1, Journalpostnummer: 1, Journalposttype: offl.Utgaaende,
			Journalstatus: offl.Ekspedert, Tittel: "Vedtak om skjenkeløyve", Journaldato: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}}},
	}); err != nil {
		t.Fatal(err)
	}
	var entry string
	if err := db.Get(&entry, `SELECT id FROM public_journalpost`); err != nil {
		t.Fatal(err)
	}
	cal, _ := offl.NewCalendar(offl.DefaultCalendarConfig())
	requests := postgres.NewRequestStore(db, c.Now, cal, offl.DefaultCatalogue(), postgres.MailSettings{
		From: netmail.Address{Address: "postmottak@nordrana.example"}, BodyName: "Nordrana kommune", BaseURL: "http://innsyn.example"},
		[]byte("a test secret of at least thirty-two bytes"))
	client, err := jobs.NewClient(db.DB, cfg, jobs.Deps{Refresher: store, Files: store, Now: c.Now, Log: zerolog.Nop(),
		Requests: requests, Mail: sender})
	if err != nil {
		t.Fatal(err)
	}
	requests.SetMailQueue(jobs.Queue{Client: client})
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		client.Stop(ctx)
	})
	return requests, entry, db
}

var verifyLinkPattern = regexp.MustCompile(`/v1/innsynskrav/verify/[A-Za-z0-9_-]{43}`)

func randomAddress() string {
	b := make([]byte, 6)
	rand.Read(b)
	return "per." + hex.EncodeToString(b) + "@example.no"
}

// While the SMTP server is down, River retries the mail; once it is up, the
// mail arrives exactly once.
func TestMailWaitsForTheServerAndArrivesOnce(t *testing.T) {
	mailpit, smtpAddr := testenv.Mailpit(t)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	down := ln.Addr().String()
	ln.Close()
	downSMTP, _ := mail.NewSMTP(mail.SMTPConfig{Addr: down, TLS: mail.TLSNone, Timeout: time.Second})
	upSMTP, _ := mail.NewSMTP(mail.SMTPConfig{Addr: smtpAddr, TLS: mail.TLSNone})
	sender := &switchSender{}
	sender.to.Store(downSMTP)

	cfg := jobs.DefaultConfig()
	cfg.PollInterval, cfg.RetryDelay, cfg.RequestInterval = 100*time.Millisecond, 200*time.Millisecond, time.Hour
	c := testenv.NewClock(time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC))
	requests, entry, db := requestEnv(t, c, sender, cfg)
	addr := randomAddress()
	if _, err := requests.Order(context.Background(), innsynskrav.NewOrder{Email: addr, JournalpostIDs: []string{entry}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "two failed attempts", func() bool {
		var attempts int
		db.Get(&attempts, `SELECT coalesce(max(attempts), 0) FROM mail_outbox`)
		return attempts >= 2
	})
	if n := mailCount(t, mailpit, addr); n != 0 {
		t.Fatalf("%d mails while the server was down", n)
	}
	sender.to.Store(upSMTP)
	waitFor(t, "the mail to be sent", func() bool {
		var sent int
		db.Get(&sent, `SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL`)
		return sent == 1
	})
	time.Sleep(time.Second) // room for a wrong second delivery
	if n := mailCount(t, mailpit, addr); n != 1 {
		t.Errorf("%d mails arrived, want exactly 1", n)
	}
}

// The request clock job tells a requester once that silence has become a
// refusal they may appeal.
func TestRequestClockJobTellsDeemedRefusal(t *testing.T) {
	mailpit, smtpAddr := testenv.Mailpit(t)
	up, _ := mail.NewSMTP(mail.SMTPConfig{Addr: smtpAddr, TLS: mail.TLSNone})
	cfg := jobs.DefaultConfig()
	cfg.PollInterval, cfg.RequestInterval = 100*time.Millisecond, time.Second
	oslo, _ := time.LoadLocation("Europe/Oslo")
	c := testenv.NewClock(time.Date(2025, 4, 16, 10, 0, 0, 0, oslo))
	requests, entry, db := requestEnv(t, c, up, cfg)
	addr := randomAddress()
	ctx := context.Background()
	if _, err := requests.Order(ctx, innsynskrav.NewOrder{Email: addr, JournalpostIDs: []string{entry}}); err != nil {
		t.Fatal(err)
	}
	var text string
	if err := db.Get(&text, `SELECT body_text FROM mail_outbox ORDER BY id LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	link := verifyLinkPattern.FindString(text)
	if _, err := requests.Verify(ctx, link[len("/v1/innsynskrav/verify/"):]); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "verification and receipt mails", func() bool { return mailCount(t, mailpit, addr) == 2 })
	c.Set(time.Date(2025, 4, 29, 0, 0, 1, 0, oslo))
	waitFor(t, "the deemed-refusal mail", func() bool { return mailCount(t, mailpit, addr) == 3 })
	time.Sleep(2500 * time.Millisecond) // two more runs of the job
	if n := mailCount(t, mailpit, addr); n != 3 {
		t.Errorf("%d mails, want 3: the deemed refusal was told more than once", n)
	}
}
