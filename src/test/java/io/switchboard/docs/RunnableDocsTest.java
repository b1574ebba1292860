package io.switchboard.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every shell block the docs tag as runnable (a fence opened with {@code ```sh runnable}) runs, as written, in a
 * fresh {@code git clone} of this working copy (committed files only), each block in its own bash at the clone's
 * root, the blocks of a file in order. A block that fails names its file and line. Only quick blocks are tagged:
 * the whole run must stay within {@link #BUDGET}.
 */
class RunnableDocsTest {
    static final String FENCE = "```sh runnable";
    private static final Pattern BLOCK = Pattern.compile("(?ms)^" + Pattern.quote(FENCE) + "[ \\t]*\\n(.*?)^```");
    private static final Duration BUDGET = Duration.ofSeconds(60);

    /** A runnable block: where it starts (the fence's line) and its commands. */
    record Block(Path file, int line, String commands) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    @Test
    void every_runnable_block_in_the_docs_runs_in_a_fresh_clone(@TempDir Path dir) throws Exception {
        List<Block> blocks = blocks(Path.of(""));
        assertThat(blocks).as("the docs tag some quick shell blocks `%s`", FENCE).hasSizeGreaterThanOrEqualTo(3);
        Path clone = dir.resolve("clone");
        long deadline = System.nanoTime() + BUDGET.toNanos();
        run(List.of("git", "clone", "--quiet", "--no-hardlinks", Path.of("").toAbsolutePath().toString(),
                clone.toString()), dir, deadline, "git clone of the working copy");
        for (Block block : blocks) {
            run(List.of("bash", "-euo", "pipefail", "-c", block.commands()), clone, deadline,
                    "the runnable block at " + block);
        }
    }

    static List<Block> blocks(Path root) throws IOException {
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Block> blocks = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                blocks.add(new Block(root.relativize(file), line, m.group(1)));
            }
        }
        return blocks;
    }

    private static void run(List<String> command, Path directory, long deadline, String what) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var output = new java.io.ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        long left = Math.max(0, deadline - System.nanoTime());
        if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("%s did not finish within the docs' budget of %s s: make it quicker or drop its `runnable` tag",
                    what, BUDGET.toSeconds());
        }
        reader.join();
        if (process.exitValue() != 0) {
            fail("%s failed (exit %d):%n%s", what, process.exitValue(), output.toString(StandardCharsets.UTF_8));
        }
    }
}
