package api_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	netmail "net/mail"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/jobs"
	"github.com/innsyn/innsyn/internal/mail"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
	"github.com/innsyn/innsyn/internal/testenv"
)

// requestServer is the API with requests for access, its jobs sending
// mail to the test Mailpit.
type requestServer struct {
	*server
	requests *postgres.RequestStore
	mailpit  string
}

// oslo is where the clock's days are.
var oslo, _ = time.LoadLocation("Europe/Oslo")

func newRequestServer(t *testing.T) *requestServer {
	t.Helper()
	mailpitURL, smtpAddr := testenv.Mailpit(t)
	cal, err := offl.NewCalendar(offl.DefaultCalendarConfig())
	if err != nil {
		t.Fatal(err)
	}
	rs := &requestServer{mailpit: mailpitURL}
	sender, err := mail.NewSMTP(mail.SMTPConfig{Addr: smtpAddr, TLS: mail.TLSNone})
	if err != nil {
		t.Fatal(err)
	}
	rs.server = newServerOf(t, func(s *server, d *api.Deps) {
		rs.requests = postgres.NewRequestStore(s.db, s.clock.Now, cal, offl.DefaultCatalogue(), postgres.MailSettings{
			From: netmail.Address{Address: "postmottak@nordrana.example"}, BodyName: "Nordrana kommune",
			BaseURL: "http://innsyn.example"},
			[]byte("a test secret of at least thirty-two bytes"))
		d.Requests, d.RequestStaff, d.Calendar = rs.requests, rs.requests, cal
		d.RequestStats = d.Search.(*postgres.PublicStore)
		cfg := jobs.DefaultConfig()
		cfg.PollInterval = 100 * time.Millisecond
		cfg.RequestInterval = time.Hour
		client, err := jobs.NewClient(s.db.DB, cfg, jobs.Deps{Refresher: s.store, Files: s.store, Now: s.clock.Now,
			Requests: rs.requests, Mail: sender})
		if err != nil {
			t.Fatal(err)
		}
		rs.requests.SetMailQueue(jobs.Queue{Client: client})
		startJobs(t, client)
	})
	return rs
}

// mails waits for n mails to addr and returns them, oldest first.
func (rs *requestServer) mails(t *testing.T, addr string, n int) []mailpitMessage {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var found struct {
			Messages []struct {
				ID string `json:"ID"`
			} `json:"messages"`
		}
		res, err := http.Get(rs.mailpit + "/api/v1/search?query=" + url.QueryEscape("to:"+addr))
		if err != nil {
			t.Fatal(err)
		}
		json.NewDecoder(res.Body).Decode(&found)
		res.Body.Close()
		if len(found.Messages) >= n {
			out := make([]mailpitMessage, len(found.Messages))
			for i, m := range found.Messages { // newest first
				res, err := http.Get(rs.mailpit + "/api/v1/message/" + m.ID)
				if err != nil {
					t.Fatal(err)
				}
				json.NewDecoder(res.Body).Decode(&out[len(out)-1-i])
				res.Body.Close()
			}
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d mails to %s, want %d", len(found.Messages), addr, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type mailpitMessage struct {
	Subject string `json:"Subject"`
	Text    string `json:"Text"`
	HTML    string `json:"HTML"`
}

var (
	verifyLink   = regexp.MustCompile(`/v1/innsynskrav/verify/[A-Za-z0-9_-]{43}`)
	downloadLink = regexp.MustCompile(`/v1/innsynskrav/download/[A-Za-z0-9_-]{43}`)
	trackLink    = regexp.MustCompile(`/v1/innsynskrav/track/[A-Za-z0-9_-]{43}`)
)

func randomAddress() string {
	b := make([]byte, 6)
	rand.Read(b)
	return "kari." + hex.EncodeToString(b) + "@example.no"
}

// TestRequestLifecycle follows the check: order three entries,
// verify by mail, grant one, partly grant one, refuse one, and the
// requester's mails and links arrive; the refusal is appealed in one step.
func TestRequestLifecycle(t *testing.T) {
	rs := newRequestServer(t)
	rs.load(t, batch(1, 3))
	var p page
	rs.get(t, "/v1/journalpost").decode(t, &p)
	key := rs.key(t, auth.RoleArkivar)
	bearer := []string{"Authorization", "Bearer " + key}
	// The granted entry has a document with a file.
	var created struct {
		DokumentID string `json:"dokumentId"`
	}
	rs.do(t, http.MethodPost, "/v1/admin/journalpost/"+p.Items[0].ID+"/dokument",
		map[string]string{"tittel": "Søknad", "tilknyttetRegistreringSom": "hoveddokument", "reason": "mottatt"}, bearer...).decode(t, &created)
	content := []byte("%PDF-1.4\nsøknad\n%%EOF\n")
	if r := rs.upload(t, key, created.DokumentID, "Søknad.pdf", "application/pdf", content); r.status != http.StatusCreated {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}

	// Wednesday before Easter 2026, 10:00 in Oslo.
	rs.clock.Set(time.Date(2026, 4, 1, 10, 0, 0, 0, oslo))
	addr := randomAddress()
	order := map[string]any{"email": addr, "navn": "Kari", "language": "nb",
		"journalpost": []string{p.Items[0].ID, p.Items[1].ID, p.Items[2].ID}}
	r := rs.do(t, http.MethodPost, "/v1/innsynskrav", order)
	if r.status != http.StatusAccepted {
		t.Fatalf("order: %d %s", r.status, r.body)
	}
	var placed struct {
		api.Order
		Token string `json:"token"`
	}
	r.decode(t, &placed)
	if len(placed.Items) != 3 || placed.Status != "ubekreftet" || placed.Token == "" {
		t.Fatalf("order: %s", r.body)
	}
	// A second unverified order within the hour is refused with the wait.
	again := rs.do(t, http.MethodPost, "/v1/innsynskrav", order)
	again.wantProblem(t, http.StatusTooManyRequests, "rate_limited")
	if again.header.Get("Retry-After") != "3600" {
		t.Errorf("Retry-After %q", again.header.Get("Retry-After"))
	}
	// Staff see nothing before the address is verified.
	var queue struct {
		Items []api.QueueItem `json:"items"`
	}
	rs.get(t, "/v1/admin/innsynskrav", bearer...).decode(t, &queue)
	if len(queue.Items) != 0 {
		t.Fatalf("unverified items in the queue: %+v", queue.Items)
	}

	verify := rs.mails(t, addr, 1)[0]
	link := verifyLink.FindString(verify.Text)
	if link == "" || !strings.Contains(verify.Subject, "Nordrana kommune") {
		t.Fatalf("verification mail: %q %q", verify.Subject, verify.Text)
	}
	var verified api.Order
	rs.get(t, link).decode(t, &verified)
	if verified.Status != "apen" || verified.Items[0].Due != "2026-04-09" {
		// Received Wednesday 1 April: Thursday to Monday are Easter, so
		// three working days run out on Thursday 9 April.
		t.Fatalf("verified: %+v", verified)
	}
	rs.get(t, link).wantProblem(t, http.StatusConflict, "conflict")

	rs.get(t, "/v1/admin/innsynskrav", bearer...).decode(t, &queue)
	if len(queue.Items) != 3 || queue.Items[0].Email != addr {
		t.Fatalf("queue: %+v", queue.Items)
	}
	ids := map[string]string{}
	for _, it := range queue.Items {
		ids[it.Journalpost] = it.ID
	}
	rs.clock.Set(time.Date(2026, 4, 7, 9, 0, 0, 0, oslo))
	decide := func(body map[string]any) response {
		return rs.do(t, http.MethodPost, "/v1/admin/innsynskrav/decisions", body, bearer...)
	}
	// A refusal without a basis, and § 13 without the confidentiality
	// provision, are refused.
	decide(map[string]any{"items": []string{ids[p.Items[2].ID]}, "outcome": "avslatt"}).wantProblem(t, 422, "invalid").wantLocation(t, "body.bases")
	decide(map[string]any{"items": []string{ids[p.Items[2].ID]}, "outcome": "avslatt", "bases": []string{"offl-13"}}).
		wantProblem(t, 422, "invalid").wantLocation(t, "body.confidentialityProvision")
	// Releasing the redacted variant needs one for every document.
	decide(map[string]any{"items": []string{ids[p.Items[0].ID]}, "outcome": "innvilget", "variant": "offentlig_variant"}).
		wantProblem(t, http.StatusConflict, "conflict")
	if r := decide(map[string]any{"items": []string{ids[p.Items[0].ID]}, "outcome": "innvilget"}); r.status != 200 {
		t.Fatalf("grant: %d %s", r.status, r.body)
	}
	if r := decide(map[string]any{"items": []string{ids[p.Items[1].ID]}, "outcome": "delvis_innvilget", "bases": []string{"offl-23-3"},
		"meirinnsyn": "Anbudskonkurransen pågår.", "variant": "offentlig_variant"}); r.status != 200 {
		t.Fatalf("partial grant: %d %s", r.status, r.body)
	}
	if r := decide(map[string]any{"items": []string{ids[p.Items[2].ID]}, "outcome": "avslatt", "bases": []string{"offl-13"},
		"confidentialityProvision": "fvl. § 13 første ledd nr. 1"}); r.status != 200 {
		t.Fatalf("refuse: %d %s", r.status, r.body)
	}
	decide(map[string]any{"items": []string{ids[p.Items[2].ID]}, "outcome": "innvilget"}).wantProblem(t, http.StatusConflict, "conflict")

	all := rs.mails(t, addr, 5) // verify, received, grant, partial grant, refusal
	dl := ""
	for _, m := range all {
		dl += downloadLink.FindString(m.Text)
	}
	if dl == "" {
		t.Fatalf("no mail has a download link: %+v", all)
	}
	got := rawGet(t, rs.URL+dl, nil)
	if got.status != 200 || string(got.body) != string(content) {
		t.Fatalf("download: %d %q", got.status, got.body)
	}
	// Released to the requester, not published.
	rs.get(t, "/v1/dokument/"+created.DokumentID+"/fil").wantProblem(t, http.StatusNotFound, "not_found")
	text := ""
	for _, m := range all {
		text += m.Text
	}
	if !strings.Contains(text, "offl. § 23 tredje ledd") {
		t.Errorf("the partial grant mail does not name the basis: %s", text)
	}
	refusal := all[4]
	if !strings.Contains(text, "offl. § 13") {
		t.Errorf("the refusal mail does not name the basis: %s", text)
	}
	track := trackLink.FindString(refusal.Text)
	if track == "" {
		t.Fatalf("refusal mail has no tracking link: %s", refusal.Text)
	}
	var tracked api.Order
	rs.get(t, track).decode(t, &tracked)
	var refused api.InnsynskravItem
	for _, it := range tracked.Items {
		if it.Status == "avslatt" {
			refused = it
		}
	}
	if refused.Actions == nil || refused.Actions.AppealUntil == nil || len(refused.Decision.Bases) != 1 || refused.Decision.Bases[0].Explanation == "" {
		t.Fatalf("refused item: %+v", refused)
	}
	// Appeal in one step.
	r = rs.do(t, http.MethodPost, track+"/items/"+refused.ID+"/appeal", map[string]string{"begrunnelse": "Jeg mener noe kan gis."})
	if r.status != 200 || !contains(r.body, `"status":"mottatt"`) {
		t.Fatalf("appeal: %d %s", r.status, r.body)
	}
	rs.do(t, http.MethodPost, track+"/items/"+refused.ID+"/appeal", map[string]string{}).wantProblem(t, http.StatusConflict, "conflict")
	// Staff forward it; the requester is told.
	r = rs.do(t, http.MethodPost, "/v1/admin/innsynskrav/items/"+refused.ID+"/appeal",
		map[string]string{"action": "forward", "note": "Sendt Statsforvaltaren i Nordland."}, bearer...)
	if r.status != 200 || !contains(r.body, `"status":"oversendt"`) {
		t.Fatalf("forward: %d %s", r.status, r.body)
	}
	rs.mails(t, addr, 7) // and: appeal received, appeal forwarded

	// The public statistics: one unit, three items answered on the first
	// working day after Easter (1 working day), by outcome and basis.
	var stats struct {
		Months []api.RequestMonth `json:"months"`
	}
	rs.get(t, "/v1/statistikk/innsynskrav?from=2026-04&to=2026-04").decode(t, &stats)
	if len(stats.Months) != 2 || stats.Months[1].Enhet != "" {
		t.Fatalf("statistics: %+v", stats.Months)
	}
	m := stats.Months[0]
	if m.Requests != 3 || m.Answered != 3 || m.MedianWorkingDays == nil || *m.MedianWorkingDays != 1 || m.WithinOneWorkingDay != 1 ||
		m.Outcomes["innvilget"] != 1 || m.Outcomes["delvis_innvilget"] != 1 || m.Outcomes["avslatt"] != 1 || m.Appeals != 1 ||
		m.AppealOutcomes["oversendt"] != 1 || len(m.Bases) != 2 || m.Bases[0].Key != "offl-13" || m.Bases[1].Key != "offl-23-3" {
		t.Errorf("month: %+v", m)
	}
	if contains(rs.get(t, "/v1/statistikk/innsynskrav?from=2026-04&to=2026-04").body, addr) {
		t.Error("the statistics name the requester")
	}
	var entry struct {
		Requests int            `json:"requests"`
		Outcomes map[string]int `json:"outcomes"`
	}
	rs.get(t, "/v1/journalpost/"+p.Items[0].ID+"/innsynskrav").decode(t, &entry)
	if entry.Requests != 1 || entry.Outcomes["innvilget"] != 1 {
		t.Errorf("entry requests: %+v", entry)
	}
	rs.get(t, "/v1/statistikk/innsynskrav?from=2020-01&to=2026-04").wantProblem(t, 422, "invalid")

	// The audit log names staff, never the requester's address.
	var leaked int
	rs.db.Get(&leaked, `SELECT count(*) FROM audit_log WHERE before::text LIKE '%' || $1 || '%' OR after::text LIKE '%' || $1 || '%'`, addr)
	if leaked != 0 {
		t.Errorf("%d audit rows carry the e-mail address", leaked)
	}
}

// TestDeemedRefusal: an order received on the Wednesday before Easter and
// left untouched counts as refused from Tuesday after the fifth working day
// (offl. § 32 (1)); the requester is told once, and may appeal.
func TestDeemedRefusal(t *testing.T) {
	rs := newRequestServer(t)
	rs.load(t, batch(1, 1))
	var p page
	rs.get(t, "/v1/journalpost").decode(t, &p)
	rs.clock.Set(time.Date(2025, 4, 16, 10, 0, 0, 0, oslo))
	addr := randomAddress()
	rs.do(t, http.MethodPost, "/v1/innsynskrav", map[string]any{"email": addr, "journalpost": []string{p.Items[0].ID}})
	rs.get(t, verifyLink.FindString(rs.mails(t, addr, 1)[0].Text))
	var placed api.Order
	track := trackLink.FindString(rs.mails(t, addr, 2)[1].Text)

	// Staff take it and need more time: the due date moves, the law's
	// five days do not.
	key := rs.key(t, auth.RoleArkivar)
	bearer := []string{"Authorization", "Bearer " + key}
	var queue struct {
		Items []api.QueueItem `json:"items"`
	}
	rs.get(t, "/v1/admin/innsynskrav", bearer...).decode(t, &queue)
	item := queue.Items[0].ID
	if r := rs.do(t, http.MethodPost, "/v1/admin/innsynskrav/assign", map[string]any{"items": []string{item}, "assignedTo": "Kari Arkivar"}, bearer...); r.status != 204 {
		t.Fatalf("assign: %d %s", r.status, r.body)
	}
	rs.get(t, "/v1/admin/innsynskrav?assignedTo="+url.QueryEscape("Kari Arkivar"), bearer...).decode(t, &queue)
	if len(queue.Items) != 1 || queue.Items[0].AssignedTo != "Kari Arkivar" {
		t.Fatalf("assigned queue: %+v", queue.Items)
	}
	rs.do(t, http.MethodPost, "/v1/admin/innsynskrav/items/"+item+"/extension", map[string]string{"due": "2025-05-17", "reason": "Må hente inn uttale."}, bearer...).
		wantProblem(t, 422, "invalid").wantLocation(t, "body.due") // 17 May is not a working day
	r := rs.do(t, http.MethodPost, "/v1/admin/innsynskrav/items/"+item+"/extension", map[string]string{"due": "2025-05-06", "reason": "Må hente inn uttale."}, bearer...)
	var extended api.InnsynskravItem
	r.decode(t, &extended)
	if r.status != 200 || extended.Due != "2025-05-06" || extended.Extension == nil || extended.Extension.Reason == "" {
		t.Fatalf("extension: %d %s", r.status, r.body)
	}
	var order struct {
		Email string `json:"email"`
	}
	rs.get(t, "/v1/admin/innsynskrav/"+queue.Items[0].Innsynskrav, bearer...).decode(t, &order)
	if order.Email != addr {
		t.Errorf("staff see the order's address as %q", order.Email)
	}

	// Monday 28 April, the fifth working day, just before midnight: not yet.
	rs.clock.Set(time.Date(2025, 4, 28, 23, 59, 0, 0, oslo))
	if n, err := rs.requests.NotifyDeemedRefusals(context.Background(), 100); err != nil || n != 0 {
		t.Fatalf("deemed refusals on the fifth day: %d %v", n, err)
	}
	rs.get(t, track).decode(t, &placed)
	if placed.Items[0].Status != "mottatt" {
		t.Fatalf("status %s on the fifth working day", placed.Items[0].Status)
	}
	rs.clock.Set(time.Date(2025, 4, 29, 0, 0, 0, 0, oslo))
	if n, err := rs.requests.NotifyDeemedRefusals(context.Background(), 100); err != nil || n != 1 {
		t.Fatalf("deemed refusals on Tuesday 29 April: %d %v", n, err)
	}
	if n, _ := rs.requests.NotifyDeemedRefusals(context.Background(), 100); n != 0 {
		t.Errorf("told twice: %d", n)
	}
	rs.get(t, track).decode(t, &placed)
	it := placed.Items[0]
	if it.Status != "antatt_avslatt" || it.Actions == nil || it.Actions.AppealUntil == nil {
		t.Fatalf("deemed refused item: %+v", it)
	}
	rs.mails(t, addr, 3)
	var staffQueue struct {
		Items []api.QueueItem `json:"items"`
	}
	rs.get(t, "/v1/admin/innsynskrav?status=antatt_avslatt", bearer...).decode(t, &staffQueue)
	if len(staffQueue.Items) != 1 || staffQueue.Items[0].Status != "antatt_avslatt" {
		t.Errorf("staff do not see it deemed refused: %+v", staffQueue.Items)
	}
	rs.get(t, "/v1/admin/innsynskrav?overdue=true", bearer...).decode(t, &staffQueue)
	if len(staffQueue.Items) != 1 || !staffQueue.Items[0].Overdue {
		t.Errorf("staff do not see it overdue though its due date was extended: %+v", staffQueue.Items)
	}
	r = rs.do(t, http.MethodPost, track+"/items/"+it.ID+"/appeal", nil) // one step: no body needed
	if r.status != 200 {
		t.Fatalf("appeal of a deemed refusal: %d %s", r.status, r.body)
	}
}

// TestRequestBadInput: every bad order is a clear problem, and nothing is
// stored.
func TestRequestBadInput(t *testing.T) {
	rs := newRequestServer(t)
	rs.load(t, batch(1, 2))
	var p page
	rs.get(t, "/v1/journalpost").decode(t, &p)
	post := func(body map[string]any) response { return rs.do(t, http.MethodPost, "/v1/innsynskrav", body) }
	post(map[string]any{"email": "not an address", "journalpost": []string{p.Items[0].ID}}).wantProblem(t, 422, "invalid").wantLocation(t, "body.email")
	post(map[string]any{"email": randomAddress()}).wantProblem(t, 422, "invalid").wantLocation(t, "body.journalpost")
	post(map[string]any{"email": randomAddress(), "journalpost": []string{p.Items[0].ID, p.Items[0].ID}}).
		wantProblem(t, 422, "invalid").wantLocation(t, "body.journalpost")
	many := make([]string, 51)
	for i := range many {
		many[i] = p.Items[0].ID
	}
	post(map[string]any{"email": randomAddress(), "journalpost": many}).wantProblem(t, 422, "invalid")
	post(map[string]any{"email": randomAddress(), "journalpost": []string{"jp_00000000000000000000000000000000"}}).
		wantProblem(t, 404, "not_found").wantLocation(t, "body.journalpost")
	rs.get(t, "/v1/innsynskrav/verify/"+strings.Repeat("A", 43)).wantProblem(t, 404, "not_found")
	rs.get(t, "/v1/innsynskrav/track/nonsense").wantProblem(t, 404, "not_found")
	rs.get(t, "/v1/innsynskrav/download/"+strings.Repeat("A", 43)).wantProblem(t, 404, "not_found")
	var n int
	rs.db.Get(&n, `SELECT count(*) FROM innsynskrav`)
	if n != 0 {
		t.Errorf("%d orders stored from bad input", n)
	}

	// An expired verification link is gone; the same entry, still open,
	// is pointed out instead of asked for twice.
	addr := randomAddress()
	post(map[string]any{"email": addr, "journalpost": []string{p.Items[0].ID}})
	link := verifyLink.FindString(rs.mails(t, addr, 1)[0].Text)
	rs.clock.Add(25 * time.Hour)
	rs.get(t, link).wantProblem(t, http.StatusGone, "gone")
	addr2 := randomAddress()
	post(map[string]any{"email": addr2, "journalpost": []string{p.Items[0].ID}})
	rs.get(t, verifyLink.FindString(rs.mails(t, addr2, 1)[0].Text))
	r := post(map[string]any{"email": addr2, "journalpost": []string{p.Items[0].ID, p.Items[1].ID}})
	var placed struct {
		api.Order
		AlreadyOpen []api.AlreadyOpenWire `json:"alreadyOpen"`
	}
	r.decode(t, &placed)
	if r.status != 202 || len(placed.Items) != 1 || len(placed.AlreadyOpen) != 1 || placed.AlreadyOpen[0].Journalpost != p.Items[0].ID {
		t.Fatalf("already open: %d %s", r.status, r.body)
	}
}
