-- +goose Up
-- Requests for access (innsynskrav): an order per requester, an item per
-- thing asked for, private download links, and the mail outbox.

-- innsynskrav: one order. email and navn are personal data: only staff see
-- them, and they are erased (set NULL) a configurable time after closed_at.
-- Tokens are kept only as SHA-256 hashes.
CREATE TABLE innsynskrav (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email              text CHECK (length(email) <= 254),
    navn               text CHECK (length(navn) <= 200),
    language           text NOT NULL CHECK (language IN ('nb', 'nn', 'en')),
    beskrivelse        text NOT NULL DEFAULT '' CHECK (length(beskrivelse) <= 4000),
    token_hash         bytea NOT NULL UNIQUE,
    verify_hash        bytea NOT NULL UNIQUE,
    verify_expires_at  timestamptz NOT NULL,
    created_at         timestamptz NOT NULL,
    verified_at        timestamptz,
    closed_at          timestamptz,
    erased_at          timestamptz
);
CREATE INDEX innsynskrav_unverified_idx ON innsynskrav (lower(email), created_at) WHERE verified_at IS NULL;
CREATE INDEX innsynskrav_erase_idx ON innsynskrav (closed_at) WHERE erased_at IS NULL AND closed_at IS NOT NULL;

-- innsynskrav_del: one item. tittel and saksnummer are the entry as it was
-- public when asked for, so the requester's view never reads the record.
CREATE TABLE innsynskrav_del (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    innsynskrav_id      uuid NOT NULL REFERENCES innsynskrav (id) ON DELETE CASCADE,
    position            int NOT NULL CHECK (position >= 0),
    journalpost_id      uuid REFERENCES journalpost (id) ON DELETE SET NULL,
    tittel              text NOT NULL,
    saksnummer          text NOT NULL DEFAULT '',
    enhet_id            uuid REFERENCES enhet (id) ON DELETE SET NULL,
    status              text NOT NULL CHECK (status IN ('ubekreftet', 'mottatt', 'innvilget', 'delvis_innvilget', 'avslatt', 'ikke_hos_oss')),
    assigned_to         text NOT NULL DEFAULT '',
    received_at         timestamptz,
    start_date          date,
    due                 date,
    deemed_refused_at   timestamptz,
    deemed_notified_at  timestamptz,
    extension           jsonb,
    decision            jsonb,
    decided_at          timestamptz,
    first_decided_at    timestamptz,
    fuller              jsonb,
    fuller_due          date,
    appeal_status       text NOT NULL DEFAULT '' CHECK (appeal_status IN ('', 'mottatt', 'omgjort', 'oversendt', 'stadfestet', 'medhold')),
    appeal              jsonb,
    UNIQUE (innsynskrav_id, position)
);
CREATE INDEX innsynskrav_del_queue_idx ON innsynskrav_del (status, due);
CREATE INDEX innsynskrav_del_journalpost_idx ON innsynskrav_del (journalpost_id);
CREATE INDEX innsynskrav_del_deemed_idx ON innsynskrav_del (deemed_refused_at)
    WHERE status = 'mottatt' AND deemed_notified_at IS NULL;
CREATE INDEX innsynskrav_del_received_idx ON innsynskrav_del (received_at);

-- innsynskrav_levering: a private, expiring download link to one released
-- file. Releasing to one requester is not publishing: nothing public reads
-- this table.
CREATE TABLE innsynskrav_levering (
    token_hash         bytea PRIMARY KEY,
    del_id             uuid NOT NULL REFERENCES innsynskrav_del (id) ON DELETE CASCADE,
    dokumentobjekt_id  uuid NOT NULL REFERENCES dokumentobjekt (id) ON DELETE CASCADE,
    expires_at         timestamptz NOT NULL,
    created_at         timestamptz NOT NULL
);
CREATE INDEX innsynskrav_levering_del_idx ON innsynskrav_levering (del_id);

-- mail_outbox: every mail, written in the transaction of what it tells,
-- then sent by a job. sent_at makes a retried job a no-op once sent.
CREATE TABLE mail_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    innsynskrav_id  uuid REFERENCES innsynskrav (id) ON DELETE SET NULL,
    recipient       text,
    message_id      text NOT NULL UNIQUE,
    subject         text NOT NULL,
    body_text       text NOT NULL,
    body_html       text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    failed_at       timestamptz,
    attempts        int NOT NULL DEFAULT 0,
    last_error      text NOT NULL DEFAULT ''
);
CREATE INDEX mail_outbox_unsent_idx ON mail_outbox (id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_order_idx ON mail_outbox (innsynskrav_id);

-- innsyn_secret: secrets the service generates for itself when none is
-- configured (the key of tracking tokens), shared by every replica.
CREATE TABLE innsyn_secret (
    name   text PRIMARY KEY,
    value  bytea NOT NULL CHECK (length(value) >= 32)
);

-- What the public may know of requests: per item, the unit, the times and
-- the outcome, never who asked or what they wrote.
CREATE VIEW public_innsynskrav_stat AS
    SELECT d.enhet_id, d.received_at, d.first_decided_at, d.status, d.deemed_refused_at,
           COALESCE(ARRAY(SELECT jsonb_array_elements_text(d.decision -> 'bases')), '{}') AS bases,
           d.appeal_status
    FROM innsynskrav_del d
    WHERE d.status <> 'ubekreftet';

-- Per public entry: how often access was asked for and the outcomes. Only
-- entries in the projection appear.
CREATE VIEW public_journalpost_innsynskrav AS
    SELECT d.journalpost_id,
           count(*) AS requests,
           count(*) FILTER (WHERE d.status = 'innvilget') AS innvilget,
           count(*) FILTER (WHERE d.status = 'delvis_innvilget') AS delvis_innvilget,
           count(*) FILTER (WHERE d.status = 'avslatt') AS avslatt,
           count(*) FILTER (WHERE d.status = 'ikke_hos_oss') AS ikke_hos_oss,
           count(*) FILTER (WHERE d.status = 'mottatt') AS mottatt
    FROM innsynskrav_del d
    JOIN public_journalpost p ON p.id = d.journalpost_id
    WHERE d.status <> 'ubekreftet'
    GROUP BY d.journalpost_id;

GRANT SELECT ON public_innsynskrav_stat, public_journalpost_innsynskrav TO innsyn_public;

-- +goose Down
REVOKE SELECT ON public_innsynskrav_stat, public_journalpost_innsynskrav FROM innsyn_public;
DROP VIEW public_journalpost_innsynskrav;
DROP VIEW public_innsynskrav_stat;
DROP TABLE innsyn_secret;
DROP TABLE mail_outbox;
DROP TABLE innsynskrav_levering;
DROP TABLE innsynskrav_del;
DROP TABLE innsynskrav;
