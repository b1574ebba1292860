package io.switchboard.media;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The media library on this instance.
 *
 * @param storage            where the bytes go: {@code local} (a folder) or {@code s3} (an S3-compatible bucket)
 * @param localDir           the folder of {@code local} storage; share it between instances or use S3
 * @param s3                 the bucket of {@code s3} storage
 * @param publicBaseUrl      how the platform reaches this app, for signed URLs ("https://media.example.com");
 *                           blank means {@code http://localhost:<server port>} in sandbox mode; in live mode an
 *                           instance refuses to start with none or a local one ({@code localhost}, a private
 *                           address, a bare host name) unless S3 presigned URLs are on
 * @param signingKey         the key signed URLs are signed with (at least 32 characters), the same on every
 *                           instance; blank is allowed only with the embedded database, which keeps a generated
 *                           key in {@code signing-key-file}
 * @param signingKeyFile     where the embedded mode keeps its generated signing key
 * @param maxUploadSize      the largest file accepted
 * @param workDir            scratch space for preparation (originals fetched from storage, ffmpeg's output);
 *                           blank means the system's temporary folder
 * @param defaultCoverOffset where in a video its cover picture is taken, unless set per media
 * @param transcodePreset    x264 preset: slower presets give smaller files for more CPU time
 * @param videoMaxKbps       the bitrate cap of transcoded video
 */
@ConfigurationProperties("switchboard.media")
record MediaSettings(
        @DefaultValue("local") StorageKind storage,
        @DefaultValue("data/media") Path localDir,
        @DefaultValue S3 s3,
        @DefaultValue("") String publicBaseUrl,
        @DefaultValue("") String signingKey,
        @DefaultValue("data/media-signing.key") Path signingKeyFile,
        @DefaultValue("2GB") DataSize maxUploadSize,
        @DefaultValue("") String workDir,
        @DefaultValue("1s") Duration defaultCoverOffset,
        @DefaultValue("veryfast") String transcodePreset,
        @DefaultValue("8000") int videoMaxKbps) {

    enum StorageKind { LOCAL, S3 }

    /**
     * @param endpoint  the S3 API's URL (e.g. {@code http://minio:9000}); blank means AWS for the region
     * @param region    the bucket's region
     * @param bucket    the bucket media are stored in (create it first: Switchboard does not)
     * @param accessKey the access key; blank: the AWS default credential chain (environment, profile, instance role)
     * @param secretKey its secret key
     * @param pathStyle bucket in the path ({@code http://host/bucket/key}), as most S3-compatible servers want
     * @param presign   signed URLs point at the bucket itself (presigned GETs) instead of this app
     */
    record S3(@DefaultValue("") String endpoint,
              @DefaultValue("us-east-1") String region,
              @DefaultValue("switchboard-media") String bucket,
              @DefaultValue("") String accessKey,
              @DefaultValue("") String secretKey,
              @DefaultValue("true") boolean pathStyle,
              @DefaultValue("false") boolean presign) {

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + "]";
        }
    }

    @Nullable Path workDirOrNull() {
        return workDir.isBlank() ? null : Path.of(workDir);
    }
}
