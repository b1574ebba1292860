package io.switchboard.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md is the one {@link ConfigurationReference} writes from the code, and says something of each. */
class ConfigurationReferenceTest {

    @Test
    void the_committed_configuration_reference_matches_the_code() throws IOException {
        String generated = ConfigurationReference.document();
        if (Boolean.getBoolean("docs.write")) {
            Files.writeString(ConfigurationReference.DOCUMENT, generated);
        }
        assertThat(Files.readString(ConfigurationReference.DOCUMENT))
                .as("docs/configuration.md is out of date with the code; regenerate it with `%s` and commit it",
                        ConfigurationReference.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void every_setting_says_what_it_does() {
        assertThat(ConfigurationReference.rows()).hasSizeGreaterThan(60).allSatisfy(row -> assertThat(row.meaning())
                .as("%s has no description: give its record component an @param javadoc (or, for a property read "
                        + "without a record, an entry in additional-spring-configuration-metadata.json; for a queue, "
                        + "a comment above it in application.yml)", row.property())
                .isNotBlank());
    }
}
