-- +goose Up
-- The offentleglova engine: what staff record with a skjerming, and the
-- review queue of records the automatic rules held back.

ALTER TABLE skjerming
    -- varighet: the duration in years staff gave (Noark 5 M504).
    ADD COLUMN varighet int CHECK (varighet IS NULL OR varighet BETWEEN 1 AND 200),
    -- meirinnsyn: the offl. § 11 assessment {vurdertAv, vurdertDato, utfall, begrunnelse}.
    ADD COLUMN meirinnsyn jsonb,
    -- basis_reviewed: staff approved a basis the parser could not map.
    ADD COLUMN basis_reviewed boolean NOT NULL DEFAULT false;

CREATE TABLE review_item (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    object_type text NOT NULL CHECK (object_type IN ('journalpost', 'saksmappe', 'dokument')),
    object_id   uuid NOT NULL,
    reason      text NOT NULL CHECK (reason IN ('identity_number', 'unparsable_basis', 'no_text')),
    -- detail: what was found (numbers; the basis and the parser's warnings).
    detail      jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    resolved_at timestamptz,
    resolved_by text,
    resolution  text CHECK (resolution IN ('approve', 'correct', 'skjerming', 'superseded')),
    note        text NOT NULL DEFAULT '',
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
-- At most one open item per record and reason.
CREATE UNIQUE INDEX review_item_open_idx ON review_item (object_type, object_id, reason) WHERE resolved_at IS NULL;
CREATE INDEX review_item_list_idx ON review_item (created_at DESC, id DESC);

-- +goose Down
DROP TABLE review_item;
ALTER TABLE skjerming DROP COLUMN basis_reviewed, DROP COLUMN meirinnsyn, DROP COLUMN varighet;
