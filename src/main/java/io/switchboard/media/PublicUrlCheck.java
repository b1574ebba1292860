package io.switchboard.media;

import io.switchboard.platform.PlatformMode;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * In live mode Meta fetches every media file itself through a signed URL under {@code public-base-url}. A URL
 * only this machine or its network can reach would make every publish fail much later, post by post; so the
 * instance refuses to start instead and says what to set. Presigned S3 URLs point at the bucket, not at us.
 */
@Component
class PublicUrlCheck {

    PublicUrlCheck(MediaSettings settings, Environment environment) {
        boolean presigned = settings.storage() == MediaSettings.StorageKind.S3 && settings.s3().presign();
        if (PlatformMode.of(environment) != PlatformMode.LIVE || presigned) {
            return;
        }
        String problem = unreachable(settings.publicBaseUrl().strip());
        if (problem != null) {
            throw new IllegalStateException("The platform mode is live, but " + problem + ": Meta fetches the media "
                    + "of every post from that address and cannot reach it. Set SWITCHBOARD_MEDIA_PUBLIC_BASE_URL "
                    + "(switchboard.media.public-base-url) to the https address where the internet reaches this app "
                    + "(e.g. https://switchboard.example.com), or keep media in S3 with presigned URLs "
                    + "(SWITCHBOARD_MEDIA_S3_PRESIGN=true), or set SWITCHBOARD_PLATFORM_MODE=sandbox to try "
                    + "Switchboard offline.");
        }
    }

    /** Why the platform cannot reach this URL, or null when it may. */
    static @Nullable String unreachable(String url) {
        if (url.isEmpty()) {
            return "switchboard.media.public-base-url is not set (media URLs would point at http://localhost)";
        }
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            return "switchboard.media.public-base-url (" + url + ") is not an absolute http(s) URL";
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost") || (!name.contains(".") && !name.contains(":"))) {
            return "switchboard.media.public-base-url (" + url + ") names a host only this machine or its network knows";
        }
        InetAddress address = literal(name);
        if (address != null && isLocal(address)) {
            return "switchboard.media.public-base-url (" + url + ") is a loopback or private address";
        }
        return null;
    }

    private static @Nullable InetAddress literal(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            return InetAddress.ofLiteral(bare);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean sharedV4 = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || uniqueLocalV6 || sharedV4;
    }
}
