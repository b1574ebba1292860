package io.switchboard.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile read as Docker would run it (no Docker engine here): the app's user can write the folders the
 * app writes, and no environment variable the image sets contradicts the default docs/configuration.md documents.
 */
class DockerfileTest {
    private static final Pattern DOCUMENTED_ROW = Pattern.compile("(?m)^\\| `[^`]+` \\| `([A-Z0-9_]+)` \\| `([^`]*)`");

    private final List<String> runtime = runtimeStage();

    @Test
    void the_apps_user_owns_the_data_folder_and_javacpps_cache_under_its_home() {
        String user = last("USER");
        String workdir = last("WORKDIR");
        Matcher home = Pattern.compile("useradd .*--home-dir (\\S+) " + user).matcher(String.join("\n", runtime));
        assertThat(home.find()).as("the user is made with a home").isTrue();
        String beforeUser = String.join("\n", runtime.subList(0, index("USER")));
        for (String folder : List.of(workdir + "/data", home.group(1) + "/.javacpp")) {
            assertThat(beforeUser).as("%s is made and given to %s before USER", folder, user)
                    .containsPattern("mkdir -p [^\\n]*" + Pattern.quote(folder))
                    .containsPattern("chown " + user + " [^\\n]*" + Pattern.quote(folder));
        }
    }

    @Test
    void environment_the_image_sets_matches_the_documented_defaults() throws Exception {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = DOCUMENTED_ROW.matcher(Files.readString(Path.of("docs", "configuration.md")));
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        assertThat(documented).containsKey("LOG_FORMAT");
        runtime.stream().filter(line -> line.startsWith("ENV ")).forEach(line -> {
            String[] pair = line.substring(4).trim().split("[= ]", 2);
            if (documented.containsKey(pair[0])) {
                assertThat(pair[1]).as("%s in the image, against docs/configuration.md", pair[0]).isEqualTo(documented.get(pair[0]));
            }
        });
    }

    @Test
    void the_image_carries_the_notices_of_the_ffmpeg_it_bundles_naming_the_version_the_build_uses() throws Exception {
        String copies = runtime.stream().filter(line -> line.startsWith("COPY ") && !line.contains("--from"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(copies).as("LICENSE and the notice copied into the image").contains("LICENSE")
                .contains("deploy/licenses/NOTICE");
        assertThat(String.join("\n", runtime)).as("the GPL's text beside them").contains("common-licenses/GPL-2");
        Matcher version = Pattern.compile("<bytedeco-ffmpeg.version>([^<]+)</bytedeco-ffmpeg.version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue();
        String build = version.group(1);
        String notice = Files.readString(Path.of("deploy", "licenses", "NOTICE"));
        assertThat(notice).as("the notice names the FFmpeg build pom.xml bundles (%s): update it with the version", build)
                .contains("org.bytedeco:ffmpeg:" + build + ":linux-x86_64-gpl");
        List<String> named = new java.util.ArrayList<>();
        Matcher mention = Pattern.compile("(FFmpeg|tag) (\\d+(\\.\\d+)+)").matcher(notice);
        while (mention.find()) {
            named.add(mention.group(1) + " " + mention.group(2));
        }
        assertThat(named).as("every FFmpeg version and presets tag the notice names").isNotEmpty()
                .allMatch(n -> n.equals("FFmpeg " + build.substring(0, build.indexOf('-')))
                        || n.equals("tag " + build.substring(build.indexOf('-') + 1)));
    }

    private String last(String instruction) {
        return runtime.get(index(instruction)).substring(instruction.length()).trim();
    }

    private int index(String instruction) {
        for (int i = runtime.size() - 1; i >= 0; i--) {
            if (runtime.get(i).startsWith(instruction + " ")) {
                return i;
            }
        }
        throw new AssertionError("no " + instruction + " in the runtime stage");
    }

    /** The last stage's instructions, continuation lines joined. */
    private static List<String> runtimeStage() {
        try {
            String text = Files.readString(Path.of("Dockerfile")).replaceAll("\\\\\\n\\s*", " ");
            List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            int from = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("FROM ")) {
                    from = i;
                }
            }
            return lines.subList(from, lines.size());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
