-- The media library: one row per uploaded file; the bytes live in storage (a folder or an S3 bucket).
CREATE TABLE media_item
(
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type             TEXT        NOT NULL CHECK (type IN ('VIDEO', 'IMAGE')),
    status           TEXT        NOT NULL CHECK (status IN ('UPLOADED', 'PREPARING', 'READY', 'REJECTED')),
    title            TEXT        NOT NULL,
    original_name    TEXT        NOT NULL,
    content_type     TEXT        NOT NULL,
    size_bytes       BIGINT      NOT NULL,
    -- SHA-256 of the uploaded bytes, hex: the same file uploaded twice is found, not stored twice
    content_hash     TEXT        NOT NULL,
    original_key     TEXT        NOT NULL,
    default_caption  TEXT        NOT NULL DEFAULT '',
    cover_offset_ms  BIGINT      NOT NULL DEFAULT 1000 CHECK (cover_offset_ms >= 0),
    rejection        TEXT,
    -- what ffprobe read from the original, and the original checked rule by rule against the platform's spec
    facts            JSONB,
    report           JSONB,
    prepare_task_id  BIGINT,
    uploaded_by      TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX media_item_content_hash_key ON media_item (content_hash);
-- keyset pages, newest first, filtered by status or type
CREATE INDEX media_item_status_id_idx ON media_item (status, id DESC);
CREATE INDEX media_item_type_id_idx ON media_item (type, id DESC);
CREATE INDEX media_item_prepare_task_idx ON media_item (prepare_task_id) WHERE prepare_task_id IS NOT NULL;

-- Files made from an item: the publishable file (the original itself when it was compliant), its cover, a thumbnail.
CREATE TABLE media_rendition
(
    media_id     BIGINT      NOT NULL REFERENCES media_item (id) ON DELETE CASCADE,
    kind         TEXT        NOT NULL CHECK (kind IN ('PUBLISHABLE', 'COVER', 'THUMBNAIL')),
    storage_key  TEXT        NOT NULL,
    content_type TEXT        NOT NULL,
    size_bytes   BIGINT      NOT NULL,
    width        INT         NOT NULL,
    height       INT         NOT NULL,
    duration_ms  BIGINT      NOT NULL,
    facts        JSONB,
    report       JSONB,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (media_id, kind)
);

CREATE TABLE media_tag
(
    media_id BIGINT NOT NULL REFERENCES media_item (id) ON DELETE CASCADE,
    tag      TEXT   NOT NULL CHECK (tag ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    PRIMARY KEY (media_id, tag)
);
CREATE INDEX media_tag_tag_idx ON media_tag (tag, media_id DESC);

-- Who holds a media item (a campaign's scheduled posts): it cannot be deleted while any holder is left.
CREATE TABLE media_usage
(
    media_id BIGINT      NOT NULL REFERENCES media_item (id),
    holder   TEXT        NOT NULL,
    since    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (media_id, holder)
);
CREATE INDEX media_usage_holder_idx ON media_usage (holder);
