-- TikTok accounts join Instagram ones. TikTok's refresh token (365 days; the access token lives 24 hours) is kept
-- sealed beside the access token, as the access token is.
ALTER TABLE account DROP CONSTRAINT account_platform_known;
ALTER TABLE account ADD CONSTRAINT account_platform_known CHECK (platform IN ('INSTAGRAM', 'TIKTOK'));
