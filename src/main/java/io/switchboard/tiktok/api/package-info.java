/**
 * The TikTok API client: Login Kit's token endpoint, user info, the Content Posting API (creator info, direct post
 * and inbox init, chunked upload, status), the video list; TikTok's errors classified by its documented codes
 * (docs/development/platform-facts.md).
 */
@NullMarked
package io.switchboard.tiktok.api;

import org.jspecify.annotations.NullMarked;
