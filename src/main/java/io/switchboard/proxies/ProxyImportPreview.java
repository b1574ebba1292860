package io.switchboard.proxies;

import io.switchboard.infrastructure.ImportProblem;

import java.util.List;
import java.util.UUID;

/**
 * A proxy import checked line by line and not applied yet. Commit it with {@link Proxies#commitImport} when it has
 * no errors; with any error, nothing can be imported.
 *
 * @param id the import to commit; it holds the rows with their passwords sealed, for an hour
 */
public record ProxyImportPreview(UUID id, List<Row> rows, List<ImportError> errors) {

    /**
     * A proxy as it will be added (never its password).
     *
     * @param line the line of the file it comes from (a CSV header is line 1)
     * @param url  the proxy's URL without the password
     */
    public record Row(int line, String label, String url, boolean hasPassword, String region, List<String> tags,
                      boolean enabled) {
    }

    /** What is wrong, where: "Line 3, column port: …". {@code line} 0 is the file as a whole. */
    public record ImportError(int line, String column, String message) implements ImportProblem {
        @Override
        public int number() {
            return line;
        }

        @Override
        public String unit() {
            return "Line";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    public boolean valid() {
        return errors.isEmpty() && !rows.isEmpty();
    }
}
