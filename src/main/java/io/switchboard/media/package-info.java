/**
 * The media library: uploads, storage (a local folder or S3-compatible), signed fetch URLs for the platform,
 * and preparing videos and images to the platform's specs with ffprobe and ffmpeg.
 */
@NullMarked
package io.switchboard.media;

import org.jspecify.annotations.NullMarked;
