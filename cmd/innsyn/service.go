package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/api"
	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/documents"
	"github.com/innsyn/innsyn/internal/importer"
	"github.com/innsyn/innsyn/internal/jobs"
	"github.com/innsyn/innsyn/internal/mail"
	"github.com/innsyn/innsyn/internal/offl"
	"github.com/innsyn/innsyn/internal/postgres"
)

// service is the running parts of innsyn, opened in order and closed in
// reverse.
type service struct {
	cfg      Config
	policy   offl.Policy
	log      zerolog.Logger
	db       *sqlx.DB
	publicDB *sqlx.DB
	store    *postgres.Store
	requests *postgres.RequestStore
	calendar *offl.Calendar
	imports  *importer.Jobs
	keys     *postgres.KeyStore
	docs     blob.Store
	// jobs can queue work from the start (imports queue text extraction);
	// run starts its workers.
	jobs *river.Client[*sql.Tx]
}

func now() time.Time { return time.Now().UTC() }

// openService connects to the database (migrating it) and the document
// store. Close it when done.
func openService(ctx context.Context, cfg Config, log zerolog.Logger) (*service, error) {
	policy, err := cfg.policy()
	if err != nil {
		return nil, err
	}
	if cfg.DatabaseURL == "" {
		return nil, errors.New("set INNSYN_DATABASE_URL (or --database-url) to the PostgreSQL database")
	}
	s := &service{cfg: cfg, log: log, policy: policy}
	if s.db, err = postgres.OpenMigrated(ctx, cfg.DatabaseURL); err != nil {
		return nil, err
	}
	publicURL := cfg.PublicDatabaseURL
	if publicURL == "" {
		publicURL = cfg.DatabaseURL
	}
	if s.publicDB, err = postgres.OpenPublic(ctx, publicURL, s.cfg.SearchTimeout); err != nil {
		s.close()
		return nil, fmt.Errorf("public reads: %w", err)
	}
	s.store = postgres.NewStore(s.db, now, policy)
	s.keys = postgres.NewKeyStore(s.db, now)
	if s.docs, err = openDocuments(ctx, cfg); err != nil {
		s.close()
		return nil, err
	}
	if err := s.openRequests(ctx); err != nil {
		s.close()
		return nil, err
	}
	sender, err := s.mailSender()
	if err != nil {
		s.close()
		return nil, err
	}
	importJobs := postgres.NewImportJobs(s.db, now)
	maxFile, _ := parseBytes(cfg.MaxUpload)   // checked by Config.validate
	maxImport, _ := parseBytes(cfg.MaxImport) // checked by Config.validate
	s.imports = &importer.Jobs{Store: importJobs, Blobs: s.docs, MaxUpload: maxImport,
		Importer: importer.New(s.store, importer.DocumentFiles{Blobs: s.docs, MaxBytes: maxFile})}
	if s.jobs, err = jobs.NewClient(s.db.DB, s.jobConfig(), jobs.Deps{Refresher: s.store, Files: s.store,
		Blobs: s.docs, Now: now, Log: log, Requests: s.requests, Mail: sender, Imports: s.imports}); err != nil {
		s.close()
		return nil, err
	}
	s.store.SetTextQueue(jobs.Queue{Client: s.jobs})
	importJobs.SetQueue(jobs.Queue{Client: s.jobs})
	s.requests.SetMailQueue(jobs.Queue{Client: s.jobs})
	if cfg.BootstrapAdminKey != "" {
		if _, err := s.keys.EnsureKey(ctx, "system", "bootstrap admin", auth.RoleAdmin, cfg.BootstrapAdminKey); err != nil {
			s.close()
			return nil, fmt.Errorf("bootstrap admin key: %w", err)
		}
		log.Info().Msg("bootstrap admin key is in place")
	}
	return s, nil
}

// openRequests opens the request store: its clock, its mail settings and
// the key of its tracking links.
func (s *service) openRequests(ctx context.Context) error {
	cal, err := s.cfg.calendar() // checked by Config.validate
	if err != nil {
		return err
	}
	from, err := s.cfg.mailFrom()
	if err != nil {
		return err
	}
	secret := []byte(s.cfg.TokenSecret)
	if len(secret) == 0 {
		if secret, err = postgres.Secret(ctx, s.db, "innsynskrav_token"); err != nil {
			return err
		}
	}
	s.calendar = cal
	s.requests = postgres.NewRequestStore(s.db, now, cal, s.policy.Catalogue, postgres.MailSettings{
		From: from, BodyName: s.cfg.bodyName(), BaseURL: s.cfg.linkBase(), DeliveryTTL: s.cfg.DeliveryTTL}, secret)
	return nil
}

// mailSender sends over SMTP when a server is configured, else to the log.
func (s *service) mailSender() (mail.Sender, error) {
	if s.cfg.SMTP.Addr == "" {
		return mail.Log{Logger: s.log.With().Str("component", "mail").Logger()}, nil
	}
	return mail.NewSMTP(mail.SMTPConfig{Addr: s.cfg.SMTP.Addr, Username: s.cfg.SMTP.Username,
		Password: s.cfg.SMTP.Password, TLS: s.cfg.SMTP.TLS})
}

func (s *service) jobConfig() jobs.Config {
	cfg := jobs.DefaultConfig()
	cfg.EraseAfter = s.cfg.EraseAfter
	cfg.RefreshInterval = s.cfg.RefreshInterval
	cfg.Extraction.Timeout = s.cfg.ExtractTimeout
	cfg.Extraction.MemoryLimit, _ = parseBytes(s.cfg.ExtractMemory) // checked by Config.validate
	return cfg
}

// openDocuments opens the local directory store when one is configured,
// otherwise S3.
func openDocuments(ctx context.Context, cfg Config) (blob.Store, error) {
	if cfg.DocumentsDir != "" {
		return blob.NewLocal(cfg.DocumentsDir)
	}
	if cfg.S3.Endpoint == "" {
		return nil, errors.New("set INNSYN_S3_ENDPOINT (and bucket and keys) or INNSYN_DOCUMENTS_DIR for the documents")
	}
	return blob.NewS3(ctx, cfg.S3)
}

func (s *service) close() {
	if s.publicDB != nil {
		s.publicDB.Close()
	}
	if s.db != nil {
		s.db.Close()
	}
}

// run serves HTTP and runs background jobs until ctx ends, then shuts down
// in order: stop taking requests and let running ones finish, stop the
// jobs, and return (the caller closes the pools). ready is called with the
// base URL once the listener is open.
func (s *service) run(ctx context.Context, ready func(url string)) error {
	// The jobs run until stopped below, not until the signal: they must
	// outlive the HTTP shutdown.
	if err := s.jobs.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start jobs: %w", err)
	}
	defer stopJobs(s.jobs, s.cfg.ShutdownTimeout, s.log)

	maxUpload, _ := parseBytes(s.cfg.MaxUpload) // checked by Config.validate
	public := postgres.NewPublicStore(s.publicDB)
	handler := api.New(api.Deps{
		Public:       public,
		Search:       public,
		Site:         api.Site{Name: s.cfg.BodyName, BaseURL: s.cfg.publicURL()},
		Staff:        s.store,
		Keys:         s.keys,
		Catalogue:    s.policy.Catalogue,
		Files:        s.store,
		Uploads:      documents.NewService(s.docs, s.store, maxUpload),
		Blobs:        s.docs,
		Download:     api.DownloadConfig{Redirect: s.cfg.DownloadMode == "redirect", PresignTTL: s.cfg.PresignTTL},
		Requests:     s.requests,
		RequestStaff: s.requests,
		RequestStats: public,
		Calendar:     s.calendar,
		Imports:      s.imports,
		Checks: []api.ReadinessCheck{
			{Name: "database", Check: func(ctx context.Context) error { return postgres.Ping(ctx, s.db) }},
			{Name: "database_public", Check: func(ctx context.Context) error { return postgres.Ping(ctx, s.publicDB) }},
			{Name: "documents", Check: s.docs.Ping},
		},
	}, s.log)
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Listen, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // uploads of large documents
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          nil,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	ready("http://" + ln.Addr().String())

	select {
	case err := <-served:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	s.log.Info().Msg("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	return nil
}

func stopJobs(c *river.Client[*sql.Tx], timeout time.Duration, log zerolog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := c.Stop(ctx); err != nil {
		log.Warn().Err(err).Msg("jobs did not stop in time")
	}
}
