package main

import (
	"flag"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/offl"
)

// Config is every setting of the service. It is built once in main from
// flags and INNSYN_* variables (a flag wins over its variable) and passed
// down; nothing reads the environment elsewhere.
type Config struct {
	DatabaseURL       string
	PublicDatabaseURL string
	Listen            string
	LogLevel          string
	LogFormat         string
	DataDir           string
	DocumentsDir      string
	S3                blob.S3Config
	BootstrapAdminKey string
	PublicStatuses    string
	Durations         string
	FullTextTypes     string
	MaxUpload         string
	MaxImport         string
	DownloadMode      string
	PresignTTL        time.Duration
	ExtractTimeout    time.Duration
	ExtractMemory     string
	RefreshInterval   time.Duration
	ShutdownTimeout   time.Duration
	SearchTimeout     time.Duration
	PublicURL         string
	BodyName          string
	SMTP              SMTPConfig
	Clock             ClockConfig
	DeliveryTTL       time.Duration
	EraseAfter        time.Duration
	TokenSecret       string
}

// SMTPConfig is how mail leaves; no address: mails go to the log.
type SMTPConfig struct {
	Addr, Username, Password, TLS, From string
}

// ClockConfig is the offentleglova clock's local settings.
type ClockConfig struct {
	CutOff          string
	AnswerDays      string
	ChristmasEveOff bool
	NewYearsEveOff  bool
}

// setting is one configurable value: its flag, its variable, its default
// and what it does. The README's configuration table lists the same.
type setting struct {
	flag, env, def, usage string
	target                any
}

func (c *Config) settings() []setting {
	return []setting{
		{"database-url", "INNSYN_DATABASE_URL", "", "PostgreSQL URL (postgres://user:pass@host:5432/db?sslmode=…); demo starts its own cluster when unset", &c.DatabaseURL},
		{"public-database-url", "INNSYN_PUBLIC_DATABASE_URL", "", "PostgreSQL URL for public reads, e.g. a read replica; default: the database URL", &c.PublicDatabaseURL},
		{"listen", "INNSYN_LISTEN", "127.0.0.1:8080", "address to serve HTTP on", &c.Listen},
		{"log-level", "INNSYN_LOG_LEVEL", "info", "debug, info, warn or error", &c.LogLevel},
		{"log-format", "INNSYN_LOG_FORMAT", "json", "json (one object per line) or console; demo defaults to console", &c.LogFormat},
		{"data-dir", "INNSYN_DATA_DIR", "innsyn-data", "demo: where its PostgreSQL cluster, documents and key live (reused on the next start)", &c.DataDir},
		{"documents-dir", "INNSYN_DOCUMENTS_DIR", "", "store documents in this local directory instead of S3", &c.DocumentsDir},
		{"s3-endpoint", "INNSYN_S3_ENDPOINT", "", "S3 endpoint as host:port", &c.S3.Endpoint},
		{"s3-bucket", "INNSYN_S3_BUCKET", "innsyn-documents", "S3 bucket for documents (private)", &c.S3.Bucket},
		{"s3-access-key", "INNSYN_S3_ACCESS_KEY", "", "S3 access key", &c.S3.AccessKey},
		{"s3-secret-key", "INNSYN_S3_SECRET_KEY", "", "S3 secret key", &c.S3.SecretKey},
		{"s3-region", "INNSYN_S3_REGION", "us-east-1", "S3 region", &c.S3.Region},
		{"s3-path-style", "INNSYN_S3_PATH_STYLE", "true", "address buckets by path (MinIO, versitygw, Ceph) rather than by host name", &c.S3.PathStyle},
		{"s3-tls", "INNSYN_S3_TLS", "true", "use HTTPS to reach S3", &c.S3.UseTLS},
		{"s3-create-bucket", "INNSYN_S3_CREATE_BUCKET", "false", "create the bucket at start if it does not exist", &c.S3.CreateBucket},
		{"bootstrap-admin-key", "INNSYN_BOOTSTRAP_ADMIN_KEY", "", "ensure at start that an admin API key with exactly this secret (at least 32 characters) exists", &c.BootstrapAdminKey},
		{"public-statuses", "INNSYN_PUBLIC_STATUSES", "J,F,G,E,A", "journalstatus codes whose entries are published", &c.PublicStatuses},
		{"skjerming-durations", "INNSYN_SKJERMING_DURATIONS", "", "default skjerming durations per basis, e.g. offl-13=60y,offl-14=10y (0: none)", &c.Durations},
		{"fulltext-types", "INNSYN_FULLTEXT_TYPES", "I,U,S", "journalposttype codes whose documents are published in full text", &c.FullTextTypes},
		{"max-upload", "INNSYN_MAX_UPLOAD", "200MB", "largest file staff may upload (bytes, or with KB, MB, GB)", &c.MaxUpload},
		{"max-import", "INNSYN_MAX_IMPORT", "10GB", "largest export staff may upload to POST /v1/admin/import (innsyn import has no limit)", &c.MaxImport},
		{"download-mode", "INNSYN_DOWNLOAD_MODE", "redirect", "redirect (302 to a short-lived S3 URL) or stream (through the service; always with a local directory)", &c.DownloadMode},
		{"presign-ttl", "INNSYN_PRESIGN_TTL", "5m", "how long a download URL given by redirect stays valid", &c.PresignTTL},
		{"extract-timeout", "INNSYN_EXTRACT_TIMEOUT", "60s", "longest a PDF's text extraction may take", &c.ExtractTimeout},
		{"extract-memory", "INNSYN_EXTRACT_MEMORY", "1GB", "memory a PDF's text extraction may use", &c.ExtractMemory},
		{"refresh-interval", "INNSYN_REFRESH_INTERVAL", "1m", "how often time-driven publication changes are applied", &c.RefreshInterval},
		{"shutdown-timeout", "INNSYN_SHUTDOWN_TIMEOUT", "20s", "how long to let requests finish on SIGTERM", &c.ShutdownTimeout},
		{"search-timeout", "INNSYN_SEARCH_TIMEOUT", "5s", "longest a public database statement (a search) may run; a search cut off answers 503", &c.SearchTimeout},
		{"public-url", "INNSYN_PUBLIC_URL", "", "the service's public URL (https://innsyn.example.kommune.no), for links in feeds; default: the host each request came to", &c.PublicURL},
		{"body-name", "INNSYN_BODY_NAME", "", "the public body's name, shown in feeds and mails (demo: Nordrana kommune)", &c.BodyName},
		{"smtp-addr", "INNSYN_SMTP_ADDR", "", "SMTP server as host:port for mails to requesters; unset: mails are written to the log", &c.SMTP.Addr},
		{"smtp-username", "INNSYN_SMTP_USERNAME", "", "SMTP user (PLAIN auth, only over TLS or to localhost)", &c.SMTP.Username},
		{"smtp-password", "INNSYN_SMTP_PASSWORD", "", "SMTP password", &c.SMTP.Password},
		{"smtp-tls", "INNSYN_SMTP_TLS", "starttls", "starttls (required), tls (implicit, port 465) or none", &c.SMTP.TLS},
		{"mail-from", "INNSYN_MAIL_FROM", "postmottak@innsyn.invalid", "the From address of mails to requesters", &c.SMTP.From},
		{"answer-days", "INNSYN_ANSWER_DAYS", "3", "target answer time for a request, in working days (0–3; offl. § 29 guideline)", &c.Clock.AnswerDays},
		{"cutoff", "INNSYN_CUTOFF", "15:00", "a request received at or after this time (Europe/Oslo) counts from the next working day", &c.Clock.CutOff},
		{"christmas-eve-off", "INNSYN_CHRISTMAS_EVE_OFF", "true", "24 December is not a working day", &c.Clock.ChristmasEveOff},
		{"new-years-eve-off", "INNSYN_NEW_YEARS_EVE_OFF", "true", "31 December is not a working day", &c.Clock.NewYearsEveOff},
		{"delivery-ttl", "INNSYN_DELIVERY_TTL", "720h", "how long the download links in a grant work", &c.DeliveryTTL},
		{"erase-after", "INNSYN_ERASE_AFTER", "4320h", "how long after a request closes the requester's e-mail and name are erased", &c.EraseAfter},
		{"token-secret", "INNSYN_TOKEN_SECRET", "", "key of the tracking links in mails (at least 32 characters); unset: one kept in the database", &c.TokenSecret},
	}
}

// parseConfig reads flags after the subcommand, with INNSYN_* variables as
// defaults. getenv is os.Getenv in main, a map in tests.
func parseConfig(name string, args []string, getenv func(string) string) (Config, []string, error) {
	var c Config
	fs := flag.NewFlagSet("innsyn "+name, flag.ContinueOnError)
	for _, s := range c.settings() {
		def := s.def
		if v := getenv(s.env); v != "" {
			def = v
		}
		usage := fmt.Sprintf("%s (%s)", s.usage, s.env)
		if err := bindSetting(fs, s, def, usage); err != nil {
			return c, nil, err
		}
	}
	if err := fs.Parse(args); err != nil {
		return c, nil, err
	}
	return c, fs.Args(), c.validate()
}

func bindSetting(fs *flag.FlagSet, s setting, def, usage string) error {
	switch t := s.target.(type) {
	case *string:
		fs.StringVar(t, s.flag, def, usage)
	case *bool:
		b, err := strconv.ParseBool(def)
		if err != nil {
			return fmt.Errorf("%s=%q is not true or false", s.env, def)
		}
		fs.BoolVar(t, s.flag, b, usage)
	case *time.Duration:
		d, err := time.ParseDuration(def)
		if err != nil {
			return fmt.Errorf("%s=%q is not a duration like 30s or 5m", s.env, def)
		}
		fs.DurationVar(t, s.flag, d, usage)
	}
	return nil
}

func (c Config) validate() error {
	if c.BootstrapAdminKey != "" && len(c.BootstrapAdminKey) < auth.MinBootstrapSecretLength {
		return fmt.Errorf("INNSYN_BOOTSTRAP_ADMIN_KEY must be at least %d characters", auth.MinBootstrapSecretLength)
	}
	if _, err := c.policy(); err != nil {
		return err
	}
	if c.RefreshInterval < time.Second || c.RefreshInterval > 24*time.Hour {
		return fmt.Errorf("the refresh interval must be between 1s and 24h")
	}
	if c.SearchTimeout < 100*time.Millisecond || c.SearchTimeout > 10*time.Minute {
		return fmt.Errorf("the search timeout must be between 100ms and 10m")
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("INNSYN_PUBLIC_URL %q: an http or https URL", c.PublicURL)
		}
	}
	if c.ShutdownTimeout < 0 || c.ShutdownTimeout > 10*time.Minute {
		return fmt.Errorf("the shutdown timeout must be between 0 and 10m")
	}
	if n, err := parseBytes(c.MaxUpload); err != nil || n < 1024 || n > 20<<30 {
		return fmt.Errorf("INNSYN_MAX_UPLOAD %q: a size from 1KB to 20GB", c.MaxUpload)
	}
	if n, err := parseBytes(c.MaxImport); err != nil || n < 1<<20 {
		return fmt.Errorf("INNSYN_MAX_IMPORT %q: a size of at least 1MB", c.MaxImport)
	}
	if n, err := parseBytes(c.ExtractMemory); err != nil || n < 256<<20 {
		return fmt.Errorf("INNSYN_EXTRACT_MEMORY %q: a size of at least 256MB", c.ExtractMemory)
	}
	if c.DownloadMode != "redirect" && c.DownloadMode != "stream" {
		return fmt.Errorf("INNSYN_DOWNLOAD_MODE %q: redirect or stream", c.DownloadMode)
	}
	if c.PresignTTL < time.Second || c.PresignTTL > 7*24*time.Hour {
		return fmt.Errorf("INNSYN_PRESIGN_TTL: between 1s and 168h")
	}
	if c.ExtractTimeout < time.Second || c.ExtractTimeout > time.Hour {
		return fmt.Errorf("INNSYN_EXTRACT_TIMEOUT: between 1s and 1h")
	}
	if _, err := c.calendar(); err != nil {
		return err
	}
	if _, err := c.mailFrom(); err != nil {
		return err
	}
	if c.SMTP.TLS != "starttls" && c.SMTP.TLS != "tls" && c.SMTP.TLS != "none" {
		return fmt.Errorf("INNSYN_SMTP_TLS %q: starttls, tls or none", c.SMTP.TLS)
	}
	if c.DeliveryTTL < time.Hour || c.DeliveryTTL > 365*24*time.Hour {
		return fmt.Errorf("INNSYN_DELIVERY_TTL: between 1h and 8760h")
	}
	if c.EraseAfter < 24*time.Hour || c.EraseAfter > 10*365*24*time.Hour {
		return fmt.Errorf("INNSYN_ERASE_AFTER: between 24h and 87600h")
	}
	if c.TokenSecret != "" && len(c.TokenSecret) < 32 {
		return fmt.Errorf("INNSYN_TOKEN_SECRET must be at least 32 characters")
	}
	return nil
}

// calendar is the offentleglova clock the settings describe.
func (c Config) calendar() (*offl.Calendar, error) {
	cfg := offl.DefaultCalendarConfig()
	cut, err := offl.ParseTimeOfDay(c.Clock.CutOff)
	if err != nil {
		return nil, fmt.Errorf("INNSYN_CUTOFF: %w", err)
	}
	days, err := strconv.Atoi(c.Clock.AnswerDays)
	if err != nil {
		return nil, fmt.Errorf("INNSYN_ANSWER_DAYS %q: a number of working days, 0 to 3", c.Clock.AnswerDays)
	}
	cfg.CutOff, cfg.TargetWorkingDays = cut, days
	cfg.ChristmasEveOff, cfg.NewYearsEveOff = c.Clock.ChristmasEveOff, c.Clock.NewYearsEveOff
	cal, err := offl.NewCalendar(cfg)
	if err != nil {
		return nil, fmt.Errorf("INNSYN_ANSWER_DAYS or INNSYN_CUTOFF: %w", err)
	}
	return cal, nil
}

// mailFrom is the From address of mails.
func (c Config) mailFrom() (mail.Address, error) {
	a, err := mail.ParseAddress(c.SMTP.From)
	if err != nil || a.Name != "" {
		return mail.Address{}, fmt.Errorf("INNSYN_MAIL_FROM %q: an address such as postmottak@kommune.no", c.SMTP.From)
	}
	return *a, nil
}

// parseBytes reads a size such as 200MB, 1GB or 4096.
func parseBytes(s string) (int64, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	unit := int64(1)
	for suffix, u := range map[string]int64{"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30} {
		if rest, ok := strings.CutSuffix(s, suffix); ok {
			s, unit = strings.TrimSpace(rest), u
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a size", s)
	}
	return n * unit, nil
}

// policy is the publication policy the settings give.
func (c Config) policy() (offl.Policy, error) {
	p := offl.DefaultPolicy()
	p.PublicStatuses = nil
	for _, code := range strings.Split(c.PublicStatuses, ",") {
		s, err := offl.ParseJournalstatus(strings.TrimSpace(code))
		if err != nil {
			return p, fmt.Errorf("INNSYN_PUBLIC_STATUSES: %w", err)
		}
		p.PublicStatuses = append(p.PublicStatuses, s)
	}
	for _, code := range strings.Split(c.FullTextTypes, ",") {
		if code = strings.TrimSpace(code); code == "" {
			continue
		}
		t, err := offl.ParseJournalposttype(code)
		if err != nil {
			return p, fmt.Errorf("INNSYN_FULLTEXT_TYPES: %w", err)
		}
		p.FullTextTypes = append(p.FullTextTypes, t)
	}
	if p.FullTextTypes == nil {
		p.FullTextTypes = []offl.Journalposttype{} // none: publish no document in full text
	}
	durations, err := offl.ParseDurations(c.Durations)
	if err != nil {
		return p, fmt.Errorf("INNSYN_SKJERMING_DURATIONS: %w", err)
	}
	if p.Catalogue, err = offl.CatalogueWithDurations(durations); err != nil {
		return p, fmt.Errorf("INNSYN_SKJERMING_DURATIONS: %w", err)
	}
	return p, nil
}

// environ is the process environment as parseConfig reads it.
func environ(name string) string { return os.Getenv(name) }

// linkBase starts the links in mails: the public URL, or the address the
// service listens on when none is set.
func (c Config) linkBase() string {
	if u := c.publicURL(); u != nil {
		return strings.TrimSuffix(u.String(), "/")
	}
	return "http://" + c.Listen
}

// bodyName is the body's name in mails.
func (c Config) bodyName() string {
	if c.BodyName != "" {
		return c.BodyName
	}
	return "innsyn"
}

// publicURL is the validated INNSYN_PUBLIC_URL; nil when unset.
func (c Config) publicURL() *url.URL {
	if c.PublicURL == "" {
		return nil
	}
	u, _ := url.Parse(c.PublicURL) // validate checked it
	return u
}
