-- +goose Up
-- import_record: what the last import of each record saw, so that importing
-- the same export again changes nothing (the fingerprint matches), and a
-- record missing from a new export of the same source can be found
-- (its seen_run is an older run) and pruned when asked.
CREATE TABLE import_record (
    kind         text NOT NULL CHECK (kind IN ('saksmappe', 'journalpost')),
    system_id    text NOT NULL,
    fingerprint  bytea NOT NULL,
    source       text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    seen_run     uuid NOT NULL,
    PRIMARY KEY (kind, system_id)
);
CREATE INDEX import_record_source_idx ON import_record (source, kind, seen_run);

-- import_job: an import started through the API, run by a job.
CREATE TABLE import_job (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at   timestamptz NOT NULL,
    created_by   text NOT NULL,
    filename     text NOT NULL CHECK (length(filename) <= 255),
    upload_key   text NOT NULL,
    source       text NOT NULL,
    dry_run      boolean NOT NULL DEFAULT false,
    prune        boolean NOT NULL DEFAULT false,
    status       text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    progress     jsonb,
    summary      jsonb,
    error        text NOT NULL DEFAULT '',
    started_at   timestamptz,
    finished_at  timestamptz
);
CREATE INDEX import_job_created_idx ON import_job (created_at DESC);

-- Archives reach back to the 1800s (journal.MinYear).
ALTER TABLE saksmappe DROP CONSTRAINT saksmappe_saksaar_check,
    ADD CONSTRAINT saksmappe_saksaar_check CHECK (saksaar BETWEEN 1800 AND 2200);
ALTER TABLE journalpost DROP CONSTRAINT journalpost_journalaar_check,
    ADD CONSTRAINT journalpost_journalaar_check CHECK (journalaar BETWEEN 1800 AND 2200);

-- +goose Down
ALTER TABLE journalpost DROP CONSTRAINT journalpost_journalaar_check,
    ADD CONSTRAINT journalpost_journalaar_check CHECK (journalaar BETWEEN 1900 AND 2200);
ALTER TABLE saksmappe DROP CONSTRAINT saksmappe_saksaar_check,
    ADD CONSTRAINT saksmappe_saksaar_check CHECK (saksaar BETWEEN 1900 AND 2200);
DROP TABLE import_job;
DROP TABLE import_record;
