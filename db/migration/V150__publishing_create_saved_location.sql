-- Named locations (a Facebook Page id each) kept once and chosen by name, and an account's default location (regional
-- accounts): a campaign without a location gives each account its default.
CREATE TABLE saved_location
(
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT        NOT NULL CONSTRAINT saved_location_name_length CHECK (length(name) BETWEEN 1 AND 100),
    page_id    TEXT        NOT NULL CONSTRAINT saved_location_page_id_digits CHECK (page_id ~ '^[0-9]{1,20}$'),
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX saved_location_name_key ON saved_location (lower(name));

CREATE TABLE account_default_location
(
    account_id  BIGINT PRIMARY KEY REFERENCES account ON DELETE CASCADE,
    location_id BIGINT NOT NULL REFERENCES saved_location ON DELETE CASCADE
);
CREATE INDEX account_default_location_location_idx ON account_default_location (location_id);
