-- Follower demographics: the platform's latest answer per account and breakdown. Meta's follower_demographics is a
-- lifetime metric, so each reading replaces the account's previous one (no series is kept).
CREATE TABLE insight_account_demographic
(
    account_id BIGINT NOT NULL,
    breakdown  TEXT   NOT NULL CHECK (breakdown IN ('age', 'gender', 'country', 'city')),
    label      TEXT   NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    followers  BIGINT NOT NULL CHECK (followers >= 0),
    PRIMARY KEY (account_id, breakdown, label)
);

-- when the demographics were last read, and why there are none when the platform gave none (fewer than 100
-- followers, nothing known yet)
ALTER TABLE insight_account
    ADD COLUMN demographics_at   TIMESTAMPTZ,
    ADD COLUMN demographics_note TEXT;
