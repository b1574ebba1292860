package io.switchboard.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bundled ffmpeg needs from the system that a bare Debian or Ubuntu lacks (its device library
 * links the desktop's sound and screen libraries), which package brings each, and the one command that
 * installs them all.
 */
final class MissingLibraries {
    private static final Pattern NOT_LOADED = Pattern.compile("error while loading shared libraries: ([^:\\s]+)");
    /** The system libraries the bundled build links that minimal images lack, with their Debian packages. */
    private static final Map<String, String> PACKAGES = Map.of(
            "libpulse.so.0", "libpulse0",
            "libasound.so.2", "libasound2t64",
            "libxcb.so.1", "libxcb1",
            "libxcb-shm.so.0", "libxcb-shm0",
            "libdrm.so.2", "libdrm2",
            "libva.so.2", "libva2",
            "libva-drm.so.2", "libva-drm2",
            "libudev.so.1", "libudev1",
            "libstdc++.so.6", "libstdc++6",
            "libgcc_s.so.1", "libgcc-s1");
    static final Set<String> NEEDED = Set.of("libpulse.so.0", "libasound.so.2", "libxcb.so.1", "libxcb-shm.so.0",
            "libdrm.so.2", "libva.so.2", "libva-drm.so.2");

    private MissingLibraries() {
    }

    /** The library the dynamic loader could not find, from a tool's error output. */
    static Optional<String> in(String errors) {
        Matcher matcher = NOT_LOADED.matcher(errors);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** {@code apt-get install} of every library the bundled build needs, and of {@code missing} too. */
    static String installCommand(String missing, Path osRelease) {
        Set<String> packages = new LinkedHashSet<>();
        NEEDED.stream().sorted().forEach(library -> packages.add(packageOf(library, osRelease)));
        packages.add(packageOf(missing, osRelease));
        return "apt-get install --no-install-recommends " + String.join(" ", packages);
    }

    private static String packageOf(String library, Path osRelease) {
        String name = PACKAGES.get(library);
        if (name == null) {
            return library.replaceFirst("\\.so.*", "");
        }
        return name.equals("libasound2t64") && beforeTimeT64(osRelease) ? "libasound2" : name;
    }

    /** Debian before 13 and Ubuntu before 24.04 name the ALSA library package without the t64 suffix. */
    private static boolean beforeTimeT64(Path osRelease) {
        Properties os = new Properties();
        try (var reader = Files.newBufferedReader(osRelease)) {
            os.load(reader);
        } catch (IOException e) {
            return false;
        }
        String id = os.getProperty("ID", "").replace("\"", "");
        String version = os.getProperty("VERSION_ID", "0").replace("\"", "");
        double number;
        try {
            number = Double.parseDouble(version);
        } catch (NumberFormatException e) {
            return false;
        }
        return id.equals("debian") && number < 13 || id.equals("ubuntu") && number < 24.04;
    }
}
