-- +goose Up
-- The full record: Noark 5 shaped (LAW.md § 4). Natural keys are unique so
-- that loading the same data twice updates instead of duplicating.

-- enhet: the body's administrative units, a tree.
CREATE TABLE enhet (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kode       text NOT NULL UNIQUE CHECK (kode <> '' AND length(kode) <= 50),
    navn       text NOT NULL CHECK (navn <> '' AND length(navn) <= 200),
    parent_id  uuid REFERENCES enhet (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX enhet_parent_idx ON enhet (parent_id);

-- skjerming: an exemption marked on a case or an entry. "screens" holds
-- what it withholds (title words, names, documents) as offl.Screens.
CREATE TABLE skjerming (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tilgangsrestriksjon  text NOT NULL DEFAULT '' CHECK (length(tilgangsrestriksjon) <= 20),
    skjermingshjemmel    text NOT NULL DEFAULT '' CHECK (length(skjermingshjemmel) <= 500),
    screens              jsonb NOT NULL DEFAULT '{}',
    opphoerer_dato       timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE saksmappe (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    system_id              text NOT NULL UNIQUE CHECK (system_id <> ''),
    saksaar                int NOT NULL CHECK (saksaar BETWEEN 1900 AND 2200),
    sakssekvensnummer      int NOT NULL CHECK (sakssekvensnummer > 0),
    saksdato               date,
    tittel                 text NOT NULL CHECK (length(tittel) <= 2000),
    administrativ_enhet_id uuid REFERENCES enhet (id),
    saksansvarlig          text NOT NULL DEFAULT '',
    saksstatus             text NOT NULL DEFAULT '',
    skjerming_id           uuid UNIQUE REFERENCES skjerming (id),
    approved_numbers       text[] NOT NULL DEFAULT '{}',
    projection_due_at      timestamptz,
    version                int NOT NULL DEFAULT 1,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    UNIQUE (saksaar, sakssekvensnummer)
);
CREATE INDEX saksmappe_due_idx ON saksmappe (projection_due_at) WHERE projection_due_at IS NOT NULL;

CREATE TABLE journalpost (
    id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    system_id                 text NOT NULL UNIQUE CHECK (system_id <> ''),
    saksmappe_id              uuid NOT NULL REFERENCES saksmappe (id),
    journalaar                int NOT NULL CHECK (journalaar BETWEEN 1900 AND 2200),
    journalsekvensnummer      int NOT NULL CHECK (journalsekvensnummer > 0),
    journalpostnummer         int NOT NULL CHECK (journalpostnummer > 0),
    journalposttype           text NOT NULL CHECK (journalposttype IN ('I', 'U', 'N', 'X', 'S')),
    journalstatus             text NOT NULL CHECK (journalstatus IN ('J', 'F', 'G', 'E', 'A', 'U', 'M', 'S', 'R')),
    tittel                    text NOT NULL CHECK (length(tittel) <= 2000),
    journaldato               date NOT NULL,
    dokumentets_dato          date,
    mottatt_dato              date,
    sendt_dato                date,
    forfallsdato              date,
    offentlighetsvurdert_dato date,
    saksbehandler             text NOT NULL DEFAULT '',
    administrativ_enhet_id    uuid REFERENCES enhet (id),
    journalenhet              text NOT NULL DEFAULT '',
    accessible_after          timestamptz,
    -- publisert_dato: when the entry first entered the public projection.
    publisert_dato            timestamptz,
    skjerming_id              uuid UNIQUE REFERENCES skjerming (id),
    approved_numbers          text[] NOT NULL DEFAULT '{}',
    -- projection_due_at: the next instant the public view changes by the
    -- clock alone; the scheduled refresh picks exactly these rows.
    projection_due_at         timestamptz,
    version                   int NOT NULL DEFAULT 1,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    UNIQUE (journalaar, journalsekvensnummer),
    UNIQUE (saksmappe_id, journalpostnummer)
);
CREATE INDEX journalpost_due_idx ON journalpost (projection_due_at) WHERE projection_due_at IS NOT NULL;

CREATE TABLE korrespondansepart (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    journalpost_id           uuid NOT NULL REFERENCES journalpost (id) ON DELETE CASCADE,
    position                 int NOT NULL CHECK (position >= 0),
    korrespondanseparttype   text NOT NULL CHECK (korrespondanseparttype IN ('EA', 'EM', 'EK', 'GM', 'IA', 'IM', 'IK', 'IS')),
    navn                     text NOT NULL CHECK (length(navn) <= 500),
    -- er_person: a natural person (offentlegforskrifta § 6 applies).
    er_person                boolean NOT NULL,
    organisasjonsnummer      text NOT NULL DEFAULT '',
    postadresse              text NOT NULL DEFAULT '',
    postnummer               text NOT NULL DEFAULT '',
    poststed                 text NOT NULL DEFAULT '',
    epostadresse             text NOT NULL DEFAULT '',
    er_behandlingsansvarlig  boolean NOT NULL DEFAULT false,
    administrativ_enhet      text NOT NULL DEFAULT '',
    saksbehandler            text NOT NULL DEFAULT '',
    UNIQUE (journalpost_id, position)
);

CREATE TABLE dokumentbeskrivelse (
    id                           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    system_id                    text NOT NULL UNIQUE CHECK (system_id <> ''),
    journalpost_id               uuid NOT NULL REFERENCES journalpost (id) ON DELETE CASCADE,
    dokumentnummer               int NOT NULL CHECK (dokumentnummer > 0),
    tilknyttet_registrering_som  text NOT NULL CHECK (tilknyttet_registrering_som IN ('H', 'V')),
    dokumenttype                 text NOT NULL DEFAULT '',
    tittel                       text NOT NULL CHECK (length(tittel) <= 2000),
    created_at                   timestamptz NOT NULL DEFAULT now(),
    updated_at                   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (journalpost_id, dokumentnummer)
);

CREATE TABLE dokumentobjekt (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    dokumentbeskrivelse_id  uuid NOT NULL REFERENCES dokumentbeskrivelse (id) ON DELETE CASCADE,
    versjonsnummer          int NOT NULL DEFAULT 1 CHECK (versjonsnummer > 0),
    variantformat           text NOT NULL CHECK (variantformat IN ('P', 'A', 'O')),
    format                  text NOT NULL DEFAULT '',
    filnavn                 text NOT NULL DEFAULT '' CHECK (length(filnavn) <= 255),
    media_type              text NOT NULL DEFAULT 'application/octet-stream',
    sjekksum                text NOT NULL CHECK (sjekksum ~ '^[0-9a-f]{64}$'),
    sjekksum_algoritme      text NOT NULL DEFAULT 'SHA256',
    storrelse               bigint NOT NULL CHECK (storrelse >= 0),
    -- storage_key: the object's key in the document store; never on the wire.
    storage_key             text NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    UNIQUE (dokumentbeskrivelse_id, versjonsnummer, variantformat)
);
CREATE INDEX dokumentobjekt_storage_key_idx ON dokumentobjekt (storage_key);

-- The published projection: rows computed by offl.PublishJournalpost and
-- offl.PublishSaksmappe, and nothing else. Public handlers read only these
-- (as the role innsyn_public, which can read nothing else).
CREATE TABLE public_saksmappe (
    id                     uuid PRIMARY KEY,
    saksaar                int NOT NULL,
    sakssekvensnummer      int NOT NULL,
    saksdato               date,
    offentlig_tittel       text NOT NULL,
    administrativ_enhet_id uuid,
    skjerming              jsonb,
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX public_saksmappe_nr_idx ON public_saksmappe (saksaar, sakssekvensnummer);
CREATE INDEX public_saksmappe_order_idx ON public_saksmappe (saksdato DESC, saksaar DESC, sakssekvensnummer DESC);

CREATE TABLE public_journalpost (
    id                     uuid PRIMARY KEY,
    saksmappe_id           uuid NOT NULL,
    saksaar                int NOT NULL,
    sakssekvensnummer      int NOT NULL,
    journalaar             int NOT NULL,
    journalsekvensnummer   int NOT NULL,
    journalpostnummer      int NOT NULL,
    journalposttype        text NOT NULL,
    journaldato            date NOT NULL,
    dokumentets_dato       date,
    offentlig_tittel       text NOT NULL,
    administrativ_enhet_id uuid,
    korrespondansepart     jsonb NOT NULL DEFAULT '[]',
    dokumentbeskrivelse    jsonb NOT NULL DEFAULT '[]',
    skjerming              jsonb,
    publisert_dato         timestamptz NOT NULL,
    -- search_names: the names a search may hit now (forskrift § 6).
    search_names           text NOT NULL DEFAULT '',
    tsv                    tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('norwegian', offentlig_tittel), 'A') ||
        setweight(to_tsvector('norwegian', search_names), 'B')
    ) STORED,
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX public_journalpost_order_idx ON public_journalpost (journaldato DESC, journalaar DESC, journalsekvensnummer DESC);
CREATE INDEX public_journalpost_sak_idx ON public_journalpost (saksaar, sakssekvensnummer, journalpostnummer);
CREATE INDEX public_journalpost_saksmappe_idx ON public_journalpost (saksmappe_id, journalpostnummer);
CREATE INDEX public_journalpost_enhet_idx ON public_journalpost (administrativ_enhet_id, journaldato DESC);
CREATE INDEX public_journalpost_tsv_idx ON public_journalpost USING gin (tsv);

-- Units hold nothing confidential: the public sees them through a view.
CREATE VIEW public_enhet AS
    SELECT id, kode, navn, parent_id FROM enhet;

-- api_key: staff and third-party keys. Only a SHA-256 of the secret is kept.
CREATE TABLE api_key (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name         text NOT NULL CHECK (name <> '' AND length(name) <= 200),
    role         text NOT NULL CHECK (role IN ('reader', 'arkivar', 'admin')),
    secret_hash  bytea NOT NULL UNIQUE,
    prefix       text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

-- audit_log: every state change; append-only, enforced below.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    action      text NOT NULL,
    object_type text NOT NULL,
    object_id   text NOT NULL,
    before      jsonb,
    after       jsonb,
    reason      text NOT NULL DEFAULT '',
    request_id  text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, id);
CREATE INDEX audit_log_at_idx ON audit_log (at, id);

-- +goose StatementBegin
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- +goose Down
DROP TABLE audit_log;
DROP FUNCTION audit_log_refuse_change();
DROP TABLE api_key;
DROP VIEW public_enhet;
DROP TABLE public_journalpost;
DROP TABLE public_saksmappe;
DROP TABLE dokumentobjekt;
DROP TABLE dokumentbeskrivelse;
DROP TABLE korrespondansepart;
DROP TABLE journalpost;
DROP TABLE saksmappe;
DROP TABLE skjerming;
DROP TABLE enhet;
