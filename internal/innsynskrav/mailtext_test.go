package innsynskrav

import (
	"errors"
	htmltemplate "html/template"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/offl"
)

var mailLanguages = []Language{Bokmal, Nynorsk, English}

func mailOslo(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// The moments of the fixtures, and how each language must write them.
var (
	mailVerifyExpires = time.Date(2026, 1, 3, 14, 0, 0, 0, time.UTC) // 15.00 in Oslo
	mailDue           = offl.NewDate(2026, 1, 5)
	mailDownloadUntil = time.Date(2026, 2, 12, 12, 0, 0, 0, time.UTC) // 13.00 in Oslo
)

// mailEndOfDay is a time limit as Calendar.AppealWindowEnds gives it: the first
// instant of the next day, shown as the day itself.
func mailEndOfDay(t testing.TB) time.Time { return time.Date(2026, 2, 2, 0, 0, 0, 0, mailOslo(t)) }

// mailAtMoment is a time limit that ends at a clock time.
func mailAtMoment(t testing.TB) time.Time { return time.Date(2026, 2, 10, 16, 45, 0, 0, mailOslo(t)) }

type mailDates struct{ expires, due, endOfDay, moment, download string }

var mailWantDates = map[Language]mailDates{
	Bokmal:  {"3. januar 2026 kl. 15.00", "5. januar 2026", "1. februar 2026", "10. februar 2026 kl. 16.45", "12. februar 2026 kl. 13.00"},
	Nynorsk: {"3. januar 2026 kl. 15.00", "5. januar 2026", "1. februar 2026", "10. februar 2026 kl. 16.45", "12. februar 2026 kl. 13.00"},
	English: {"3 January 2026 at 15:00", "5 January 2026", "1 February 2026", "10 February 2026 at 16:45", "12 February 2026 at 13:00"},
}

// Words each language must use where the law is told.
var (
	mailWantFvl = map[Language]string{Bokmal: "forvaltningsloven § 29", Nynorsk: "forvaltningslova § 29", English: "forvaltningsloven § 29"}
	mailWantSF  = map[Language]string{Bokmal: "Statsforvalteren", Nynorsk: "Statsforvaltaren", English: "Statsforvalteren"}
	mailWant10  = map[Language]string{Bokmal: "10 arbeidsdager", Nynorsk: "10 arbeidsdagar", English: "10 working days"}
	mailWantPub = map[Language]string{Bokmal: "blir ikke publisert", Nynorsk: "vert ikkje publiserte", English: "are not published"}
)

const mailTrackURL = "https://innsyn.example/krav/9f2c?token=abc&lang=nb"

func mailBasisOf(t testing.TB, id string, lang Language) MailBasis {
	t.Helper()
	p, ok := offl.DefaultCatalogue().Provision(id)
	if !ok {
		t.Fatalf("no provision %s", id)
	}
	return MailBasis{Citation: p.Citation(), Title: p.Title.In(string(lang)), Explanation: p.Explanation.In(string(lang))}
}

// mailFixture is a full mail of a kind, and the strings its text and HTML
// must both contain.
func mailFixture(t testing.TB, kind MailKind, lang Language) (MailData, []string) {
	t.Helper()
	d := MailData{Kind: kind, Language: lang, BodyName: "Nordrana kommune", Name: "Kari Nordmann",
		Location: mailOslo(t), TrackURL: mailTrackURL}
	w := mailWantDates[lang]
	want := []string{"Nordrana kommune", "Kari Nordmann", mailTrackURL}
	switch kind {
	case MailVerify:
		d.TrackURL = ""
		d.VerifyURL = "https://innsyn.example/bekreft/7d1e?t=x&y=1"
		d.VerifyExpires = mailVerifyExpires
		d.Items = []MailItem{{Title: "Byggesøknad gnr. 12 bnr. 3", Saksnummer: "2026/14", Status: StatusUnverified}}
		want = []string{"Nordrana kommune", "Kari Nordmann", d.VerifyURL, w.expires, "Byggesøknad gnr. 12 bnr. 3", "2026/14"}
	case MailReceived:
		d.Description = "Alle tilsynsrapporter for Nordrana skole i 2025"
		d.Items = []MailItem{
			{Title: "Byggesøknad gnr. 12 bnr. 3", Saksnummer: "2026/14", Status: StatusReceived, Due: mailDue},
			{Title: "Tilsynsrapporter 2025", Status: StatusReceived, Due: mailDue},
		}
		want = append(want, "Byggesøknad gnr. 12 bnr. 3", "2026/14", "Tilsynsrapporter 2025", d.Description, w.due,
			"offentleglova § 29", "offentleglova § 32")
	case MailDecision:
		refusal, partial := mailBasisOf(t, "offl-13", lang), mailBasisOf(t, "offl-23-3", lang)
		d.Items = []MailItem{
			{Title: "Tilskudd til lag og foreninger", Saksnummer: "2026/3", Status: StatusGranted,
				Downloads: []MailDownload{{Filename: "vedtak.pdf", URL: "https://innsyn.example/d/1?sig=a&e=2", Expires: mailDownloadUntil}}},
			{Title: "Anbud skoleskyss", Saksnummer: "2026/4", Status: StatusPartlyGranted, Bases: []MailBasis{partial},
				Meirinnsyn:         "Konkurransen pågår fortsatt.",
				Downloads:          []MailDownload{{Filename: "anbud-sladdet.pdf", URL: "https://innsyn.example/d/2", Expires: mailDownloadUntil}},
				FullerReasonsUntil: mailAtMoment(t), AppealUntil: mailAtMoment(t)},
			{Title: "Barnevernssak", Saksnummer: "2026/5", Status: StatusRefused, Bases: []MailBasis{refusal},
				ConfidentialityProvision: "fvl. § 13 første ledd nr. 1", Reason: "Saken gjelder en enkeltperson.",
				FullerReasonsUntil: mailEndOfDay(t), AppealUntil: mailEndOfDay(t)},
			{Title: "Fylkesvei 17", Saksnummer: "2026/6", Status: StatusNotHeld, ForwardedTo: "Statens vegvesen"},
		}
		want = append(want, "2026/3", "2026/4", "2026/5", "2026/6", "Tilskudd til lag og foreninger", "Barnevernssak",
			"vedtak.pdf", "https://innsyn.example/d/1?sig=a&e=2", "https://innsyn.example/d/2", w.download,
			refusal.Citation, refusal.Explanation, partial.Citation, partial.Explanation, "fvl. § 13 første ledd nr. 1",
			"Konkurransen pågår fortsatt.", "Saken gjelder en enkeltperson.", "Statens vegvesen",
			w.endOfDay, w.moment, "offentleglova § 31", "offentleglova § 32", mailWantFvl[lang], mailWantSF[lang], mailWant10[lang],
			mailWantPub[lang], StatusGranted.Label(lang), StatusPartlyGranted.Label(lang), StatusRefused.Label(lang))
	case MailDeemedRefused:
		d.Items = []MailItem{{Title: "Byggesøknad gnr. 12 bnr. 3", Saksnummer: "2026/14", Status: StatusDeemedRefused,
			AppealUntil: mailEndOfDay(t)}}
		want = append(want, "Byggesøknad gnr. 12 bnr. 3", "2026/14", w.endOfDay, "offentleglova § 32", mailWantFvl[lang], mailWantSF[lang])
	case MailFullerReasons:
		b := mailBasisOf(t, "offl-13", lang)
		d.Items = []MailItem{{Title: "Barnevernssak", Saksnummer: "2026/5", Status: StatusRefused, Bases: []MailBasis{b},
			FullerAnswer: "Dokumentet handler i sin helhet om et barns helse.", AppealUntil: mailAtMoment(t)}}
		want = append(want, "Barnevernssak", "2026/5", d.Items[0].FullerAnswer, b.Citation, b.Explanation, w.moment,
			"offentleglova § 31", mailWantFvl[lang], mailWantSF[lang])
	case MailAppeal:
		for i, a := range []AppealStatus{AppealReceived, AppealReversed, AppealForwarded, AppealUpheld, AppealAllowed} {
			it := MailItem{Title: "Sak " + string(a), Saksnummer: "2026/" + string(rune('1'+i)), Status: StatusRefused,
				AppealStatus: a, AppealNote: "Merknad om " + string(a)}
			d.Items = append(d.Items, it)
			want = append(want, it.Title, it.Saksnummer, it.AppealNote)
		}
		want = append(want, mailWantSF[lang])
	}
	return d, want
}

// mailEscaped is s as html/template writes it in text.
func mailEscaped(s string) string {
	return strings.ReplaceAll(htmltemplate.HTMLEscapeString(s), "+", "&#43;")
}

func TestComposeEveryKindAndLanguage(t *testing.T) {
	for _, kind := range mailKinds {
		for _, lang := range mailLanguages {
			t.Run(string(kind)+"/"+string(lang), func(t *testing.T) {
				t.Parallel() // Compose is called concurrently; -race checks the shared templates
				d, want := mailFixture(t, kind, lang)
				subject, text, html, err := Compose(d)
				if err != nil {
					t.Fatal(err)
				}
				if subject == "" || strings.ContainsAny(subject, "\r\n") || !strings.Contains(subject, d.BodyName) {
					t.Errorf("subject %q: want one line naming the body", subject)
				}
				if n := len([]rune(subject)); n > 80 {
					t.Errorf("subject %q is %d characters", subject, n)
				}
				for _, s := range want {
					if !strings.Contains(text, s) {
						t.Errorf("text lacks %q:\n%s", s, text)
					}
					if !strings.Contains(html, mailEscaped(s)) {
						t.Errorf("html lacks %q:\n%s", mailEscaped(s), html)
					}
				}
			})
		}
	}
}

func TestComposeEscapesHTML(t *testing.T) {
	const title = `<script>alert(1)</script> & "x"`
	for _, kind := range mailKinds {
		for _, lang := range mailLanguages {
			d, _ := mailFixture(t, kind, lang)
			d.Name = `<b>Kari</b>`
			d.Items[0].Title = title
			_, text, html, err := Compose(d)
			if err != nil {
				t.Fatalf("%s/%s: %v", kind, lang, err)
			}
			if !strings.Contains(text, title) || !strings.Contains(text, "<b>Kari</b>") {
				t.Errorf("%s/%s: text does not hold the title and name verbatim:\n%s", kind, lang, text)
			}
			if strings.Contains(html, "<script>") || strings.Contains(html, "<b>") {
				t.Errorf("%s/%s: html holds markup from the data:\n%s", kind, lang, html)
			}
			if want := `&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;`; !strings.Contains(html, want) {
				t.Errorf("%s/%s: html lacks %s:\n%s", kind, lang, want, html)
			}
		}
	}
}

func TestComposeRejectsIncompleteData(t *testing.T) {
	full := func(kind MailKind) MailData {
		d, _ := mailFixture(t, kind, Bokmal)
		return d
	}
	tests := []struct {
		name  string
		data  func() MailData
		field string
	}{
		{"ErrKindUnknown", func() MailData { d := full(MailReceived); d.Kind = "reminder"; return d }, `unknown kind "reminder"`},
		{"ErrKindEmpty", func() MailData { d := full(MailReceived); d.Kind = ""; return d }, "unknown kind"},
		{"ErrLanguage", func() MailData { d := full(MailReceived); d.Language = "se"; return d }, `language "se"`},
		{"ErrLanguageEmpty", func() MailData { d := full(MailVerify); d.Language = ""; return d }, "language"},
		{"ErrBodyName", func() MailData { d := full(MailDecision); d.BodyName = " "; return d }, "BodyName"},
		{"ErrVerifyURL", func() MailData { d := full(MailVerify); d.VerifyURL = ""; return d }, "VerifyURL"},
		{"ErrVerifyExpires", func() MailData { d := full(MailVerify); d.VerifyExpires = time.Time{}; return d }, "VerifyExpires"},
		{"ErrTrackURL", func() MailData { d := full(MailReceived); d.TrackURL = ""; return d }, "TrackURL"},
		{"ErrNoItemsReceived", func() MailData { d := full(MailReceived); d.Items = nil; return d }, "at least one item"},
		{"ErrNoItemsDecision", func() MailData { d := full(MailDecision); d.Items = nil; return d }, "at least one item"},
		{"ErrNoItemsDeemedRefused", func() MailData { d := full(MailDeemedRefused); d.Items = nil; return d }, "at least one item"},
		{"ErrNoItemsFullerReasons", func() MailData { d := full(MailFullerReasons); d.Items = nil; return d }, "at least one item"},
		{"ErrNoItemsAppeal", func() MailData { d := full(MailAppeal); d.Items = nil; return d }, "at least one item"},
		{"ErrDecisionUndecided", func() MailData { d := full(MailDecision); d.Items[0].Status = StatusReceived; return d }, "Items[0]: Status"},
		{"ErrRefusalWithoutBasis", func() MailData { d := full(MailDecision); d.Items[2].Bases = nil; return d }, "Items[2]: a refusal must name its basis"},
		{"ErrBasisWithoutCitation", func() MailData { d := full(MailDecision); d.Items[2].Bases[0].Citation = ""; return d }, "Items[2]: Bases[0]: Citation"},
		{"ErrDownloadWithoutURL", func() MailData { d := full(MailDecision); d.Items[0].Downloads[0].URL = ""; return d }, "Items[0]: Downloads[0]"},
		{"ErrDeemedNotDeemed", func() MailData { d := full(MailDeemedRefused); d.Items[0].Status = StatusRefused; return d }, "Items[0]: Status"},
		{"ErrFullerAnswer", func() MailData { d := full(MailFullerReasons); d.Items[0].FullerAnswer = ""; return d }, "FullerAnswer"},
		{"ErrAppealNone", func() MailData { d := full(MailAppeal); d.Items[1].AppealStatus = AppealNone; return d }, "Items[1]: AppealStatus"},
		{"ErrAppealUnknown", func() MailData { d := full(MailAppeal); d.Items[1].AppealStatus = "trukket"; return d }, `AppealStatus "trukket"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			subject, text, html, err := Compose(tt.data())
			if !errors.Is(err, ErrMailData) {
				t.Fatalf("err = %v, want ErrMailData", err)
			}
			if !strings.Contains(err.Error(), tt.field) {
				t.Errorf("err = %q, want it to name %q", err, tt.field)
			}
			if subject != "" || text != "" || html != "" {
				t.Errorf("a failed Compose returned a mail")
			}
		})
	}
	t.Run("ErrEverythingAtOnce", func(t *testing.T) {
		_, _, _, err := Compose(MailData{Kind: MailDecision})
		for _, want := range []string{"TrackURL", "at least one item", "language", "BodyName"} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("err = %v, want it to name %q", err, want)
			}
		}
	})
}

func TestComposeGreeting(t *testing.T) {
	want := map[Language][2]string{
		Bokmal:  {"Hei Kari Nordmann,", "Hei,"},
		Nynorsk: {"Hei Kari Nordmann,", "Hei,"},
		English: {"Dear Kari Nordmann,", "Hello,"},
	}
	for _, lang := range mailLanguages {
		d, _ := mailFixture(t, MailReceived, lang)
		_, text, html, err := Compose(d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(text, want[lang][0]+"\n") || !strings.Contains(html, "<p>"+want[lang][0]+"</p>") {
			t.Errorf("%s: named greeting %q missing:\n%s", lang, want[lang][0], text)
		}
		d.Name = ""
		_, text, html, err = Compose(d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(text, want[lang][1]+"\n") || !strings.Contains(html, "<p>"+want[lang][1]+"</p>") {
			t.Errorf("%s: neutral greeting %q missing:\n%s", lang, want[lang][1], text)
		}
	}
}

func TestComposeSubjectIsOneLine(t *testing.T) {
	d, _ := mailFixture(t, MailVerify, Bokmal)
	d.BodyName = "Nordrana\r\nBcc: x@example.org kommune"
	subject, _, _, err := Compose(d)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Innsynskrav til Nordrana Bcc: x@example.org kommune: bekreft e-postadressen din"; subject != want {
		t.Errorf("subject %q, want %q", subject, want)
	}
}

func TestComposeTimesInLocation(t *testing.T) {
	d, _ := mailFixture(t, MailVerify, Bokmal)
	d.Location = nil // UTC
	_, text, _, err := Compose(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "3. januar 2026 kl. 14.00") {
		t.Errorf("nil Location: want UTC times:\n%s", text)
	}
	// A limit at midnight in the zone ends with the day before; the same
	// instant in another zone is a clock time.
	d, _ = mailFixture(t, MailDeemedRefused, English)
	d.Location = time.UTC
	_, text, _, err = Compose(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Deadline for appealing: 1 February 2026 at 23:00") {
		t.Errorf("UTC: want the deadline at 23:00 on 1 February:\n%s", text)
	}
}

func TestComposeOffersOnlyWhatIsGiven(t *testing.T) {
	for _, lang := range mailLanguages {
		d, _ := mailFixture(t, MailDecision, lang)
		for i := range d.Items {
			d.Items[i].FullerReasonsUntil, d.Items[i].AppealUntil = time.Time{}, time.Time{}
		}
		d.Items[3].ForwardedTo = ""
		_, text, html, err := Compose(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"offentleglova § 31", mailWantFvl[lang], mailWantSF[lang], "Statens vegvesen", mailWantDates[lang].endOfDay} {
			if strings.Contains(text, s) || strings.Contains(html, s) {
				t.Errorf("%s: no deadlines given, yet the mail says %q:\n%s", lang, s, text)
			}
		}
		notHeld := map[Language]string{Bokmal: "har ikke det du ba om.", Nynorsk: "har ikkje det du bad om.", English: "does not hold what you asked for."}
		if !strings.Contains(text, "Nordrana kommune "+notHeld[lang]) {
			t.Errorf("%s: not-held item not told:\n%s", lang, text)
		}
	}
}

func TestComposeFreeTextItem(t *testing.T) {
	want := map[Language]string{Bokmal: "Det du skrev i kravet", Nynorsk: "Det du skreiv i kravet", English: "What you wrote in your request"}
	for _, lang := range mailLanguages {
		d, _ := mailFixture(t, MailReceived, lang)
		d.Items[1].Title = ""
		_, text, html, err := Compose(d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, want[lang]) || !strings.Contains(html, want[lang]) {
			t.Errorf("%s: untitled free-text item not named %q:\n%s", lang, want[lang], text)
		}
	}
}

// Every phrase is written in all three mailLanguages, and every mail uses
// phrases only through T, so a missing one would fail at Compose.
func TestPhrasesInEveryLanguage(t *testing.T) {
	defined := map[string]map[Language]bool{}
	for _, tmpl := range mailTemplateSet.phrases.Templates() {
		name := tmpl.Name()
		if name == "phrases" || name == "phrases.tmpl" { // the set and the file, not phrases
			continue
		}
		i := strings.LastIndexByte(name, '.')
		if i < 0 || !Language(name[i+1:]).Valid() {
			t.Errorf("phrase %q: name it <phrase>.nb, .nn or .en", name)
			continue
		}
		if defined[name[:i]] == nil {
			defined[name[:i]] = map[Language]bool{}
		}
		defined[name[:i]][Language(name[i+1:])] = true
	}
	if len(defined) < 40 {
		t.Fatalf("only %d phrases found", len(defined))
	}
	for name, langs := range defined {
		for _, lang := range mailLanguages {
			if !langs[lang] {
				t.Errorf("phrase %q has no %s", name, lang)
			}
		}
	}
	for _, a := range []AppealStatus{AppealReceived, AppealReversed, AppealForwarded, AppealUpheld, AppealAllowed} {
		if defined["appeal."+string(a)] == nil {
			t.Errorf("no phrase for appeal status %s", a)
		}
	}
}
