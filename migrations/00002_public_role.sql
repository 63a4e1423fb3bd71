-- +goose Up
-- innsyn_public is the role the public store runs as: it can read the
-- published projection and nothing else, so that even a bug in a public
-- handler cannot select unscreened data (DESIGN.md principle 1).
-- Roles are shared by every database of a cluster; creating it twice (two
-- databases migrating at once) is not an error.
-- +goose StatementBegin
DO $$
BEGIN
    CREATE ROLE innsyn_public NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;
-- +goose StatementEnd
GRANT innsyn_public TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO innsyn_public;
GRANT SELECT ON public_journalpost, public_saksmappe, public_enhet TO innsyn_public;

-- +goose Down
REVOKE SELECT ON public_journalpost, public_saksmappe, public_enhet FROM innsyn_public;
REVOKE USAGE ON SCHEMA public FROM innsyn_public;
