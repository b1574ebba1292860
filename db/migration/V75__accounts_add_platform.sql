-- Accounts carry their platform. Every account connected so far is an Instagram account. A platform user id is
-- unique within its platform only (two platforms may hand out the same id).
ALTER TABLE account ADD COLUMN platform TEXT NOT NULL DEFAULT 'INSTAGRAM'
    CONSTRAINT account_platform_known CHECK (platform IN ('INSTAGRAM'));
ALTER TABLE account ALTER COLUMN platform DROP DEFAULT;
ALTER TABLE account DROP CONSTRAINT account_platform_user_id_key;
ALTER TABLE account ADD CONSTRAINT account_platform_user_key UNIQUE (platform, platform_user_id);
-- the list filtered by platform, in its order and keyset
CREATE INDEX account_platform_idx ON account (platform, lower(username), id);
