package io.switchboard.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation's commands (README.md and every Markdown file under docs/) for running on your own database name
 * every setting such an instance refuses to start without, and their {@code java -jar} names the file the build
 * makes.
 */
class ReadmeCommandsTest {
    private static final Pattern SHELL_BLOCK = Pattern.compile("(?s)```sh[^\\n]*\\n(.*?)```");
    private static final List<String> REQUIRED = List.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
            "SWITCHBOARD_ENCRYPTION_KEY", "SWITCHBOARD_MEDIA_SIGNING_KEY");

    @Test
    void every_command_on_your_own_database_sets_what_it_needs_to_start() throws Exception {
        List<String> commands = commandsOnOwnDatabase();
        assertThat(commands).as("the docs show how to run on your own database").isNotEmpty();
        for (String command : commands) {
            assertThat(command).as("a command with SPRING_DATASOURCE_URL").contains(REQUIRED);
            if (!command.contains("SWITCHBOARD_PLATFORM_MODE=sandbox")) {
                assertThat(command).as("live mode needs the public URL").contains("SWITCHBOARD_MEDIA_PUBLIC_BASE_URL");
            }
        }
    }

    @Test
    void java_minus_jar_names_the_file_the_build_makes() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String project = pom.substring(pom.indexOf("</parent>"));
        String built = "target/" + tag(project, "artifactId") + "-" + tag(project, "version") + ".jar";
        Matcher jar = Pattern.compile("java (?:-D\\S+ )*-jar ([^\\s`]+)").matcher(documentation());
        int found = 0;
        while (jar.find()) {
            found++;
            assertThat(FileSystems.getDefault().getPathMatcher("glob:" + jar.group(1)).matches(Path.of(built)))
                    .as("`java -jar %s` runs the build's %s", jar.group(1), built).isTrue();
        }
        assertThat(found).isPositive();
    }

    /** Each `docker run` on its own; otherwise a whole block (its exports hold for every line after them). */
    private static List<String> commandsOnOwnDatabase() throws Exception {
        List<String> commands = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(documentation());
        while (block.find()) {
            String text = block.group(1).replaceAll("\\\\\\n\\s*", " ");
            List<String> runs = text.lines().filter(l -> l.startsWith("docker run")).toList();
            for (String command : runs.isEmpty() ? List.of(text) : runs) {
                if (command.contains("SPRING_DATASOURCE_URL")) {
                    commands.add(command);
                }
            }
        }
        return commands;
    }

    /** README.md and every Markdown file under docs/, one after the other. */
    static String documentation() throws java.io.IOException {
        var text = new StringBuilder(Files.readString(Path.of("README.md")));
        try (var files = Files.walk(Path.of("docs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                text.append('\n').append(Files.readString(file));
            }
        }
        return text.toString();
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
