-- +goose Up
-- Documents: what text extraction found in each file, the files the public
-- may download (projection), and document text in the public search.

ALTER TABLE dokumentobjekt
    ADD COLUMN text_status text NOT NULL DEFAULT 'pending'
        CHECK (text_status IN ('pending', 'ok', 'no_text', 'encrypted', 'failed', 'unsupported')),
    ADD COLUMN text text NOT NULL DEFAULT '',
    ADD COLUMN text_pages int NOT NULL DEFAULT 0,
    ADD COLUMN text_detail text NOT NULL DEFAULT '',
    -- text_numbers: identity numbers found in the text (forskrift § 7 d).
    ADD COLUMN text_numbers text[] NOT NULL DEFAULT '{}',
    ADD COLUMN approved_numbers text[] NOT NULL DEFAULT '{}',
    -- text_reviewed: staff let a file without readable text be published.
    ADD COLUMN text_reviewed boolean NOT NULL DEFAULT false,
    ADD COLUMN extracted_at timestamptz;
CREATE INDEX dokumentobjekt_sjekksum_idx ON dokumentobjekt (sjekksum);

ALTER TABLE review_item DROP CONSTRAINT review_item_object_type_check;
ALTER TABLE review_item ADD CONSTRAINT review_item_object_type_check
    CHECK (object_type IN ('journalpost', 'saksmappe', 'dokumentobjekt'));

-- The public documents: one row per document the public may know of, with
-- the file it may download (NULL columns when there is none).
CREATE TABLE public_dokument (
    id                          uuid PRIMARY KEY,
    journalpost_id              uuid NOT NULL,
    dokumentnummer              int NOT NULL,
    tilknyttet_registrering_som text NOT NULL,
    dokumenttype                text NOT NULL DEFAULT '',
    tittel                      text NOT NULL,
    objekt_id                   uuid,
    variantformat               text,
    filnavn                     text,
    media_type                  text,
    storrelse                   bigint,
    sjekksum                    text,
    storage_key                 text,
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX public_dokument_journalpost_idx ON public_dokument (journalpost_id);
GRANT SELECT ON public_dokument TO innsyn_public;

ALTER TABLE public_journalpost ADD COLUMN search_text text NOT NULL DEFAULT '';
DROP INDEX public_journalpost_tsv_idx;
ALTER TABLE public_journalpost DROP COLUMN tsv;
ALTER TABLE public_journalpost ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('norwegian', offentlig_tittel), 'A') ||
    setweight(to_tsvector('norwegian', search_names), 'B') ||
    setweight(to_tsvector('norwegian', search_text), 'C')
) STORED;
CREATE INDEX public_journalpost_tsv_idx ON public_journalpost USING gin (tsv);

-- +goose Down
ALTER TABLE public_journalpost DROP COLUMN tsv;
ALTER TABLE public_journalpost DROP COLUMN search_text;
ALTER TABLE public_journalpost ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('norwegian', offentlig_tittel), 'A') ||
    setweight(to_tsvector('norwegian', search_names), 'B')
) STORED;
CREATE INDEX public_journalpost_tsv_idx ON public_journalpost USING gin (tsv);
DROP TABLE public_dokument;
ALTER TABLE review_item DROP CONSTRAINT review_item_object_type_check;
ALTER TABLE review_item ADD CONSTRAINT review_item_object_type_check
    CHECK (object_type IN ('journalpost', 'saksmappe', 'dokument'));
DROP INDEX dokumentobjekt_sjekksum_idx;
ALTER TABLE dokumentobjekt DROP COLUMN extracted_at, DROP COLUMN text_reviewed, DROP COLUMN approved_numbers,
    DROP COLUMN text_numbers, DROP COLUMN text_detail, DROP COLUMN text_pages, DROP COLUMN text, DROP COLUMN text_status;
