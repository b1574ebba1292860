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
