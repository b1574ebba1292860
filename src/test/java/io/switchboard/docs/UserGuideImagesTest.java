package io.switchboard.docs;

import io.switchboard.testing.GuideImages;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user guide's images are the browser tests' screenshots ({@link GuideImages}): every image the guide shows is
 * committed, 1440 px wide, and written by a test; none lies unused; together they stay small.
 */
class UserGuideImagesTest {
    private static final Pattern IMAGE = Pattern.compile("\\]\\((?:\\.\\./)*(?:docs/user-guide/)?images/([a-z0-9-]+)\\.png\\)");
    private static final long MAX_TOTAL_BYTES = 5L * 1024 * 1024;

    @Test
    void every_image_the_docs_show_is_a_current_screenshot_at_1440_px() throws IOException {
        Set<String> shown = shown();
        assertThat(shown).as("images the docs show").isNotEmpty();
        assertThat(GuideImages.USED).as("the browser tests write every image the docs show (GuideImages.USED)")
                .containsAll(shown);
        long total = 0;
        for (String name : shown) {
            Path file = GuideImages.FOLDER.resolve(name + ".png");
            assertThat(file).as("%s: run the browser tests with -D%s=true and commit it", file, GuideImages.PROPERTY)
                    .exists();
            assertThat(ImageIO.read(file.toFile()).getWidth()).as("%s is 1440 px wide", file).isEqualTo(1440);
            total += Files.size(file);
        }
        assertThat(total).as("the guide's images together").isLessThan(MAX_TOTAL_BYTES);
    }

    @Test
    void no_image_lies_unused() throws IOException {
        Set<String> shown = shown();
        try (Stream<Path> files = Files.list(GuideImages.FOLDER)) {
            assertThat(files.map(f -> f.getFileName().toString().replaceFirst("\\.png$", "")))
                    .as("images in %s that no page shows", GuideImages.FOLDER).allMatch(shown::contains);
        }
        assertThat(shown).as("GuideImages.USED names only images the docs show").containsAll(GuideImages.USED);
    }

    private static Set<String> shown() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Stream.of(Path.of("README.md")), Files.walk(Path.of("docs")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                Matcher m = IMAGE.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
