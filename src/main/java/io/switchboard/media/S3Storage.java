package io.switchboard.media;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Media in an S3-compatible bucket, shared by every instance. A small object is one PUT; a larger one is a
 * multipart upload that becomes visible only when completed (and is aborted on any failure), so the heap holds
 * one part at a time, never the file.
 */
final class S3Storage implements MediaStorage, AutoCloseable {
    static final int PART_SIZE = 8 * 1024 * 1024;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    S3Storage(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public long write(String key, InputStream content, String contentType) throws IOException {
        byte[] part = new byte[PART_SIZE];
        int filled = content.readNBytes(part, 0, PART_SIZE);
        try {
            if (filled < PART_SIZE) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                        RequestBody.fromBytes(java.util.Arrays.copyOf(part, filled)));
                return filled;
            }
            return multipart(key, content, contentType, part);
        } catch (SdkException e) {
            throw failure("store " + key, e);
        }
    }

    private long multipart(String key, InputStream content, String contentType, byte[] part) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            int filled = PART_SIZE;
            while (filled > 0) {
                int number = parts.size() + 1;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromInputStream(new java.io.ByteArrayInputStream(part, 0, filled), filled)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                total += filled;
                filled = content.readNBytes(part, 0, PART_SIZE);
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
            return total;
        } catch (IOException | RuntimeException e) {
            abort(key, uploadId, e);
            throw e;
        }
    }

    private void abort(String key, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new StoredObject(head.contentLength(),
                    head.contentType() == null ? MediaFormats.contentType(key) : head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("read " + key, e);
        } catch (SdkException e) {
            throw failure("read " + key, e);
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        try {
            ResponseInputStream<GetObjectResponse> stream = s3.getObject(b -> b.bucket(bucket).key(key)
                    .range("bytes=" + offset + "-" + (offset + length - 1)));
            return stream;
        } catch (SdkException e) {
            throw failure("read " + key, e);
        }
    }

    @Override
    public void copyTo(String key, Path target) throws IOException {
        Files.deleteIfExists(target);
        try {
            s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(target));
        } catch (SdkException e) {
            throw failure("fetch " + key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("delete " + key, e);
        }
    }

    @Override
    public Optional<URI> presignedUrl(String key, Duration ttl) {
        var request = presigner.presignGetObject(b -> b.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(key)));
        try {
            return Optional.of(request.url().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private IOException failure(String what, SdkException e) {
        String detail = e instanceof S3Exception s3e && s3e.awsErrorDetails() != null
                ? s3e.awsErrorDetails().errorMessage() : e.getMessage();
        return new IOException("Could not " + what + " in S3 bucket " + bucket + ": " + detail
                + ". Check switchboard.media.s3.* and that the bucket exists.", e);
    }
}
