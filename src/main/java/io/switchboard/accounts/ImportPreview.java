package io.switchboard.accounts;

import io.switchboard.infrastructure.ImportProblem;
import io.switchboard.platform.Platform;

import java.util.List;
import java.util.UUID;

/**
 * A CSV import, checked row by row (tokens live against the platform) and not applied yet. Commit it with
 * {@link Accounts#commitImport} when it has no errors; with any error, nothing can be imported.
 *
 * @param id the import to commit; it holds the rows with their tokens sealed, for an hour
 */
public record ImportPreview(UUID id, List<Row> rows, List<ImportError> errors) {

    /**
     * A row as it will be imported (the token is never shown).
     *
     * @param row the row's line in the file (the header is line 1)
     */
    public record Row(int row, Platform platform, String username, String platformUserId, String timeZone,
                      List<String> tags, String notes) {
    }

    /** What is wrong, where: "row 3, column time_zone: …". */
    public record ImportError(int row, String column, String message) implements ImportProblem {
        @Override
        public int number() {
            return row;
        }

        @Override
        public String unit() {
            return "Row";
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
