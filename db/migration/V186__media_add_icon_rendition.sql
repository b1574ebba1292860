-- The icon: the thumbnail at 96 px on its shorter side, for pictures drawn small (the calendar's 28 px, lists'
-- 48 px). Made with each cover from now on; for media prepared before, on the first request of it.
ALTER TABLE media_rendition DROP CONSTRAINT media_rendition_kind_check;
ALTER TABLE media_rendition ADD CONSTRAINT media_rendition_kind_check
    CHECK (kind IN ('PUBLISHABLE', 'COVER', 'THUMBNAIL', 'ICON'));
