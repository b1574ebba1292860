-- A platform's refresh token (TikTok's lives 365 days) sealed in its own column beside the access token, with the
-- same sealing, so renewing or resealing one never touches the other. Before this migration a TikTok account's
-- token_ciphertext held "access|refresh" in one secret; it cannot be opened here (the key is the application's), so
-- the accounts module splits such a value into the two columns the first time it reads it.
ALTER TABLE account
    ADD COLUMN refresh_ciphertext BYTEA,
    ADD COLUMN refresh_key_id     TEXT,
    ADD CONSTRAINT account_refresh_sealed_whole CHECK ((refresh_ciphertext IS NULL) = (refresh_key_id IS NULL));
