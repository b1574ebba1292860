-- The sandbox's own app secret: its code exchange and account creation need it (or an operator's session), so the
-- sandbox cannot be used by anyone who reaches it. Generated once from PostgreSQL's strong random source.
ALTER TABLE sandbox_setting
    ADD COLUMN client_secret TEXT NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
