package innsynskrav

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"regexp"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/innsyn/innsyn/internal/offl"
)

// The mails of the request-for-access workflow. Each kind has one plain-text
// and one HTML template (templates/<kind>.txt, templates/<kind>.html) that
// give the mail its shape; every sentence in them is a phrase from
// templates/phrases.tmpl, where each phrase stands in bokmål, nynorsk and
// English next to each other. The HTML template escapes everything it is
// given, phrases included.

// MailKind is which notification a mail is.
type MailKind string

// The kinds of mail.
const (
	// MailVerify: please confirm your e-mail address (link, expiry).
	MailVerify MailKind = "verify"
	// MailReceived: the order was received (items with due dates, tracking link).
	MailReceived MailKind = "received"
	// MailDecision: one or more items were decided (outcome, bases explained,
	// reasons, downloads, how to ask for fuller reasons or appeal, and by when).
	MailDecision MailKind = "decision"
	// MailDeemedRefused: no answer within 5 working days, which counts as a
	// refusal that may be appealed (offl. § 32 (1)).
	MailDeemedRefused MailKind = "deemed_refused"
	// MailFullerReasons: staff's fuller reasons for an item (offl. § 31 (2)).
	MailFullerReasons MailKind = "fuller_reasons"
	// MailAppeal: news of an appeal (received, reversed, forwarded, outcome).
	MailAppeal MailKind = "appeal"
)

// mailKinds lists the kinds; each has its two templates.
var mailKinds = []MailKind{MailVerify, MailReceived, MailDecision, MailDeemedRefused, MailFullerReasons, MailAppeal}

// MailData is what one mail says. Compose shows nothing that is not in it.
type MailData struct {
	Kind     MailKind
	Language Language
	// BodyName is the public body, e.g. "Nordrana kommune".
	BodyName string
	// Name is the requester's name; empty: the greeting is neutral.
	Name string
	// Location is the zone dates and times are shown in; nil: UTC.
	Location *time.Location
	// VerifyURL and VerifyExpires: the confirmation link (MailVerify).
	VerifyURL     string
	VerifyExpires time.Time
	// TrackURL is the private page with the order's status and one-step
	// actions: required by every kind but MailVerify.
	TrackURL string
	// Description is the order's free-text request, if any (MailReceived).
	Description string
	Items       []MailItem
}

// MailItem is one item of an order, as a mail tells of it.
type MailItem struct {
	// Title and Saksnummer describe the journal entry ("" Saksnummer for
	// the free-text item).
	Title, Saksnummer string
	// Status is the item's effective status.
	Status Status
	// Due is the target answer date (MailReceived).
	Due offl.Date
	// Bases are the exemptions used (MailDecision; MailFullerReasons if given).
	Bases []MailBasis
	// ConfidentialityProvision, Meirinnsyn, Reason and ForwardedTo are the
	// decision's texts (see Decision).
	ConfidentialityProvision, Meirinnsyn, Reason, ForwardedTo string
	// Downloads are the released files (MailDecision on grants).
	Downloads []MailDownload
	// FullerReasonsUntil is the last moment to ask for fuller reasons
	// (refusals; zero: not offered). A moment at midnight shows as the end
	// of the day before, as Calendar.FullerReasonsWindowEnds gives it.
	FullerReasonsUntil time.Time
	// AppealUntil is the last moment to appeal (refusals; zero: not
	// offered), shown like FullerReasonsUntil.
	AppealUntil time.Time
	// FullerAnswer is staff's fuller reasons (MailFullerReasons).
	FullerAnswer string
	// AppealStatus and AppealNote: the appeal's news and staff's note (MailAppeal).
	AppealStatus AppealStatus
	AppealNote   string
}

// MailBasis is one exemption used, already in the requester's language.
type MailBasis struct{ Citation, Title, Explanation string }

// MailDownload is one released file.
type MailDownload struct {
	Filename string
	URL      string
	Expires  time.Time
}

// ErrMailData is wrapped by Compose's errors about the data it was given.
var ErrMailData = errors.New("innsynskrav: incomplete mail data")

// Compose writes a mail: its subject (one line), plain text and HTML, in
// d.Language. It fails, wrapping ErrMailData, when d lacks what its kind
// needs, and lists every such problem at once.
func Compose(d MailData) (subject, text, html string, err error) {
	if err := d.validate(); err != nil {
		return "", "", "", err
	}
	c, err := newComposer(d)
	if err != nil {
		return "", "", "", fmt.Errorf("innsynskrav: compose %s mail: %w", d.Kind, err)
	}
	v := newMailView(d)
	if v.Subject, err = c.phrase(string(d.Kind)+".subject", v); err != nil {
		return "", "", "", fmt.Errorf("innsynskrav: compose %s mail: %w", d.Kind, err)
	}
	v.Subject = strings.Join(strings.Fields(v.Subject), " ") // one header line, whatever BodyName holds
	var tb, hb bytes.Buffer
	if err := c.text.Execute(&tb, v); err != nil {
		return "", "", "", fmt.Errorf("innsynskrav: compose %s mail: text: %w", d.Kind, err)
	}
	if err := c.html.Execute(&hb, v); err != nil {
		return "", "", "", fmt.Errorf("innsynskrav: compose %s mail: html: %w", d.Kind, err)
	}
	return v.Subject, tidyMailText(tb.String()), hb.String(), nil
}

// validate returns every problem with d at once, wrapping ErrMailData.
func (d MailData) validate() error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	switch {
	case !d.Kind.valid():
		add("unknown kind %q", d.Kind)
	case d.Kind == MailVerify:
		if strings.TrimSpace(d.VerifyURL) == "" {
			add("VerifyURL is required")
		}
		if d.VerifyExpires.IsZero() {
			add("VerifyExpires is required")
		}
	default:
		if strings.TrimSpace(d.TrackURL) == "" {
			add("TrackURL is required")
		}
		if len(d.Items) == 0 {
			add("at least one item is required")
		}
	}
	if !d.Language.Valid() {
		add("language %q: one of nb, nn, en", d.Language)
	}
	if strings.TrimSpace(d.BodyName) == "" {
		add("BodyName is required")
	}
	for i, it := range d.Items {
		for _, p := range it.problems(d.Kind) {
			add("Items[%d]: %s", i, p)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s mail: %s", ErrMailData, d.Kind, strings.Join(problems, "; "))
	}
	return nil
}

// problems lists what an item lacks for a kind of mail.
func (it MailItem) problems(kind MailKind) []string {
	var out []string
	switch kind {
	case MailDecision:
		if !it.Status.Decided() {
			out = append(out, fmt.Sprintf("Status %q is not a decision", it.Status))
		}
		if it.withholds() && len(it.Bases) == 0 {
			out = append(out, "a refusal must name its basis (offl. § 31 (1))")
		}
		for j, b := range it.Bases {
			if strings.TrimSpace(b.Citation) == "" {
				out = append(out, fmt.Sprintf("Bases[%d]: Citation is required", j))
			}
		}
		for j, dl := range it.Downloads {
			if strings.TrimSpace(dl.URL) == "" || strings.TrimSpace(dl.Filename) == "" {
				out = append(out, fmt.Sprintf("Downloads[%d]: Filename and URL are required", j))
			}
		}
	case MailDeemedRefused:
		if it.Status != StatusDeemedRefused {
			out = append(out, fmt.Sprintf("Status %q: a deemed-refusal mail is about %s items", it.Status, StatusDeemedRefused))
		}
	case MailFullerReasons:
		if strings.TrimSpace(it.FullerAnswer) == "" {
			out = append(out, "FullerAnswer is required")
		}
	case MailAppeal:
		if !it.AppealStatus.valid() {
			out = append(out, fmt.Sprintf("AppealStatus %q: one of mottatt, omgjort, oversendt, stadfestet, medhold", it.AppealStatus))
		}
	}
	return out
}

func (k MailKind) valid() bool {
	for _, known := range mailKinds {
		if k == known {
			return true
		}
	}
	return false
}

// withholds reports whether the item's decision withholds something, so
// that it names its bases.
func (it MailItem) withholds() bool {
	return it.Status == StatusPartlyGranted || it.Status == StatusRefused
}

// mailView is what the templates see: the mail, its subject, and items
// that know the body's name, so that a phrase about an item can say it.
type mailView struct {
	MailData
	Subject string
	Items   []mailItemView
}

// mailItemView is an item with the body's name.
type mailItemView struct {
	MailItem
	BodyName string
}

func newMailView(d MailData) mailView {
	v := mailView{MailData: d}
	for _, it := range d.Items {
		v.Items = append(v.Items, mailItemView{MailItem: it, BodyName: d.BodyName})
	}
	return v
}

// NotHeld reports whether the body does not hold the item.
func (it mailItemView) NotHeld() bool { return it.Status == StatusNotHeld }

// FullerOffered reports whether the item may still have fuller reasons asked for.
func (it mailItemView) FullerOffered() bool {
	return it.Status.Refusal() && !it.FullerReasonsUntil.IsZero()
}

// AppealOffered reports whether the item may be appealed.
func (it mailItemView) AppealOffered() bool { return it.Status.Refusal() && !it.AppealUntil.IsZero() }

// AnyFuller reports whether the mail offers fuller reasons for an item; a
// mail that gives them offers them no more.
func (v mailView) AnyFuller() bool {
	if v.Kind == MailFullerReasons {
		return false
	}
	for _, it := range v.Items {
		if it.FullerOffered() {
			return true
		}
	}
	return false
}

// AnyAppeal reports whether the mail offers an appeal for an item.
func (v mailView) AnyAppeal() bool {
	for _, it := range v.Items {
		if it.AppealOffered() {
			return true
		}
	}
	return false
}

//go:embed templates
var mailTemplateFS embed.FS

// mailTemplates are the parsed templates. They are never executed: each
// Compose clones them and binds the functions to its language and zone.
type mailTemplates struct {
	phrases *texttemplate.Template
	text    map[MailKind]*texttemplate.Template
	html    map[MailKind]*htmltemplate.Template
}

var mailTemplateSet = mustParseMailTemplates()

func mustParseMailTemplates() mailTemplates {
	t, err := parseMailTemplates()
	if err != nil {
		panic(err) // the embedded templates are checked by tests
	}
	return t
}

func parseMailTemplates() (mailTemplates, error) {
	funcs := (&composer{}).funcs()
	t := mailTemplates{text: map[MailKind]*texttemplate.Template{}, html: map[MailKind]*htmltemplate.Template{}}
	var err error
	if t.phrases, err = texttemplate.New("phrases").Funcs(funcs).ParseFS(mailTemplateFS, "templates/phrases.tmpl"); err != nil {
		return t, err
	}
	for _, k := range mailKinds {
		name := "templates/" + string(k)
		if t.text[k], err = texttemplate.New(string(k)+".txt").Funcs(funcs).ParseFS(mailTemplateFS, "templates/common.txt", name+".txt"); err != nil {
			return t, err
		}
		if t.html[k], err = htmltemplate.New(string(k)+".html").Funcs(htmltemplate.FuncMap(funcs)).ParseFS(mailTemplateFS, "templates/common.html", name+".html"); err != nil {
			return t, err
		}
	}
	return t, nil
}

// composer composes one mail: its templates, bound to its language and zone.
type composer struct {
	lang    Language
	loc     *time.Location
	phrases *texttemplate.Template
	text    *texttemplate.Template
	html    *htmltemplate.Template
}

func newComposer(d MailData) (*composer, error) {
	c := &composer{lang: d.Language, loc: d.Location}
	if c.loc == nil {
		c.loc = time.UTC
	}
	var err error
	if c.phrases, err = mailTemplateSet.phrases.Clone(); err != nil {
		return nil, err
	}
	if c.text, err = mailTemplateSet.text[d.Kind].Clone(); err != nil {
		return nil, err
	}
	if c.html, err = mailTemplateSet.html[d.Kind].Clone(); err != nil {
		return nil, err
	}
	c.phrases.Funcs(c.funcs())
	c.text.Funcs(c.funcs())
	c.html.Funcs(htmltemplate.FuncMap(c.funcs()))
	return c, nil
}

// funcs are the functions templates and phrases call.
func (c *composer) funcs() texttemplate.FuncMap {
	return texttemplate.FuncMap{
		"T":        c.phrase,
		"date":     c.date,
		"when":     c.when,
		"deadline": c.deadline,
		"status":   func(s Status) string { return s.Label(c.lang) },
		"appeal":   func(a AppealStatus) string { return a.Label(c.lang) },
	}
}

// phrase is the named phrase in the mail's language, as plain text.
func (c *composer) phrase(name string, data any) (string, error) {
	var b strings.Builder
	if err := c.phrases.ExecuteTemplate(&b, name+"."+string(c.lang), data); err != nil {
		return "", err
	}
	return b.String(), nil
}

var monthsNorwegian = [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli",
	"august", "september", "oktober", "november", "desember"}

// date writes a date as "2. januar 2026" (nb, nn) or "2 January 2026" (en).
func (c *composer) date(d offl.Date) string {
	d = offl.NewDate(d.Year, d.Month, d.Day)
	if c.lang == English {
		return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
	}
	return fmt.Sprintf("%d. %s %d", d.Day, monthsNorwegian[d.Month-1], d.Year)
}

// when writes a moment in the mail's zone: "2. januar 2026 kl. 15.00" or
// "2 January 2026 at 15:00".
func (c *composer) when(t time.Time) string {
	t = t.In(c.loc)
	if c.lang == English {
		return c.date(offl.DateOf(t, nil)) + " at " + t.Format("15:04")
	}
	return c.date(offl.DateOf(t, nil)) + " kl. " + t.Format("15.04")
}

// deadline writes the last moment of a time limit. A limit that ends at
// midnight ends with the day before, and is written as that day alone, as
// a Norwegian deadline date is read ("Klagefrist: 23. januar 2026").
func (c *composer) deadline(t time.Time) string {
	local := t.In(c.loc)
	if local.Hour() == 0 && local.Minute() == 0 && local.Second() == 0 && local.Nanosecond() == 0 {
		return c.date(offl.DateOf(local, nil).AddDays(-1))
	}
	return c.when(t)
}

var mailBlankLines = regexp.MustCompile(`\n{3,}`)

// tidyMailText lets the text templates be generous with blank lines: it trims
// trailing spaces, keeps at most one blank line between paragraphs, and
// ends the text with one newline.
func tidyMailText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimSpace(mailBlankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")) + "\n"
}
