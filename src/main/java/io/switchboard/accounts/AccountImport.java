package io.switchboard.accounts;

import io.switchboard.infrastructure.Csv;
import io.switchboard.infrastructure.SecretBox;
import io.switchboard.platform.Platform;
import io.switchboard.platform.Profile;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Bulk import from CSV, all or nothing: every row is parsed and checked first (formats, duplicates within the
 * file and against connected accounts, each token live against the platform); the preview lists every error by
 * row and column; only a file without errors can be committed, and the commit stores all rows in one
 * transaction.
 */
@Component
class AccountImport {
    static final String TOKEN = "access_token";
    static final String PLATFORM = "platform";
    static final List<String> COLUMNS = List.of(TOKEN, PLATFORM, "username", "time_zone", "tags", "notes",
            "desired_biography", "desired_website");
    private final AccountConnector connector;
    private final PlatformPorts ports;
    private final AccountRepository accounts;
    private final ImportRepository imports;
    private final TokenVault vault;
    private final JsonMapper json;
    private final AccountSettings settings;

    AccountImport(AccountConnector connector, PlatformPorts ports, AccountRepository accounts, ImportRepository imports,
                  TokenVault vault, JsonMapper json, AccountSettings settings) {
        this.connector = connector;
        this.ports = ports;
        this.accounts = accounts;
        this.imports = imports;
        this.vault = vault;
        this.json = json;
        this.settings = settings;
    }

    /** A row checked and ready, its token sealed: what the stored import holds. */
    record Staged(int row, Platform platform, Profile profile, String keyId, String sealed, @Nullable OffsetDateTime expiresAt,
                  @Nullable String scopes, String timeZone, List<String> tags, String notes,
                  @Nullable String desiredBiography, @Nullable String desiredWebsite) {
    }

    private record Parsed(int row, Map<String, String> values, @Nullable Platform platform,
                          @Nullable AccountOptions options) {
        String value(String column) {
            return values.getOrDefault(column, "").strip();
        }
    }

    /** How far the token checks are: tokens checked out of tokens to check. */
    @FunctionalInterface
    interface Progress {
        void report(long done, long total);
    }

    ImportPreview preview(String csv, String actor) {
        return preview(UUID.randomUUID(), csv, actor, (done, total) -> {
        });
    }

    /** Checks every row; a file without problems is kept as import {@code id}, waiting for the operator's go. */
    ImportPreview preview(UUID id, String csv, String actor, Progress progress) {
        List<ImportPreview.ImportError> errors = new ArrayList<>();
        List<Parsed> parsed = parse(csv, errors);
        Map<Integer, CheckedToken> checked = checkTokens(parsed, errors, progress);
        List<Staged> staged = new ArrayList<>();
        Map<String, Integer> seenUsers = new HashMap<>();
        for (Parsed row : parsed) {
            CheckedToken token = checked.get(row.row());
            if (token == null || row.options() == null) {
                continue;
            }
            Platform platform = token.platform();
            Profile profile = token.profile();
            String expected = row.value("username").replaceFirst("^@", "");
            if (!expected.isEmpty() && !expected.equalsIgnoreCase(profile.username())) {
                errors.add(error(row.row(), "username", "the token belongs to @" + profile.username() + ", not @" + expected
                        + ": fix the username or the token."));
                continue;
            }
            Integer first = seenUsers.putIfAbsent(platform + ":" + profile.platformUserId(), row.row());
            if (first != null) {
                errors.add(error(row.row(), TOKEN, "@" + profile.username() + " is already in row " + first
                        + " of this file: keep one of the two rows."));
                continue;
            }
            var existing = accounts.byPlatformUser(platform, profile.platformUserId());
            if (existing.isPresent()) {
                errors.add(error(row.row(), TOKEN, "@" + profile.username() + " is already connected (account #"
                        + existing.get().id() + "): remove the row, or reconnect it from its page."));
                continue;
            }
            SecretBox.Sealed sealed = vault.seal(token.token());
            AccountOptions o = row.options();
            staged.add(new Staged(row.row(), platform, profile, sealed.keyId(), Base64.getEncoder().encodeToString(sealed.bytes()),
                    token.expiresAt(), token.scopes(), o.timeZone(), o.tags(), o.notes(), o.desiredBiography(),
                    o.desiredWebsite()));
        }
        errors.sort((a, b) -> a.row() != b.row() ? Integer.compare(a.row(), b.row()) : a.column().compareTo(b.column()));
        List<ImportPreview.Row> rows = staged.stream().map(s -> new ImportPreview.Row(s.row(), s.platform(),
                s.profile().username(),
                s.profile().platformUserId(), s.timeZone(), s.tags(), s.notes())).toList();
        if (errors.isEmpty() && !staged.isEmpty()) {
            imports.save(id, actor, json.writeValueAsString(staged));
        }
        if (errors.isEmpty() && staged.isEmpty()) {
            errors.add(error(0, "", "the file has no rows to import below its header."));
        }
        return new ImportPreview(id, rows, List.copyOf(errors));
    }

    /** Stores every row of a checked import, or none. Returns how many accounts were created. */
    @Transactional
    int commit(UUID importId, String actor) {
        String rows = imports.take(importId, actor).orElseThrow(() -> new AccountProblem("", "This import is no "
                + "longer waiting: it was applied already or is older than an hour. Upload the file again."));
        List<Staged> staged = json.readValue(rows, new TypeReference<List<Staged>>() {
        });
        for (Staged s : staged) {
            var existing = accounts.byPlatformUser(s.platform(), s.profile().platformUserId());
            if (existing.isPresent()) {
                throw new AccountProblem("", "Row " + s.row() + ": @" + s.profile().username() + " was connected "
                        + "meanwhile (account #" + existing.get().id() + "). Nothing was imported; upload the file again.");
            }
            // checked before a key rotation: stored under the newest key like every other token
            long id = accounts.insert(new NewAccount(s.platform(), s.profile(), vault.reseal(new SecretBox.Sealed(
                    s.keyId(), Base64.getDecoder().decode(s.sealed()))), null, s.expiresAt(), s.scopes(), ConnectedVia.IMPORT,
                    s.timeZone(), s.tags(), s.notes(), s.desiredBiography(), s.desiredWebsite()));
            accounts.health(id, true, "Imported: the platform accepted the token");
        }
        return staged.size();
    }

    private List<Parsed> parse(String csv, List<ImportPreview.ImportError> errors) {
        List<Csv.Line> lines;
        try {
            lines = Csv.parse(csv);
        } catch (IllegalArgumentException e) {
            errors.add(error(0, "", e.getMessage() + ": close the quote and upload again."));
            return List.of();
        }
        if (lines.isEmpty()) {
            errors.add(error(0, "", "the file is empty: it needs a header row with at least access_token."));
            return List.of();
        }
        List<String> header = lines.getFirst().fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        if (!headerValid(header, errors)) {
            return List.of();
        }
        if (lines.size() - 1 > settings.importMaxRows()) {
            errors.add(error(0, "", "the file has " + (lines.size() - 1) + " rows; import at most "
                    + settings.importMaxRows() + " at a time."));
            return List.of();
        }
        List<Parsed> parsed = new ArrayList<>();
        Map<String, Integer> tokens = new HashMap<>();
        for (Csv.Line line : lines.subList(1, lines.size())) {
            parsed.add(row(line, header, tokens, errors));
        }
        return parsed;
    }

    private static boolean headerValid(List<String> header, List<ImportPreview.ImportError> errors) {
        boolean valid = true;
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                errors.add(error(1, column, "unknown column; the columns are " + String.join(", ", COLUMNS) + "."));
                valid = false;
            }
        }
        if (Set.copyOf(header).size() != header.size()) {
            errors.add(error(1, "", "a column appears twice in the header."));
            valid = false;
        }
        if (!header.contains(TOKEN)) {
            errors.add(error(1, TOKEN, "the header must name the access_token column."));
            valid = false;
        }
        return valid;
    }

    private Parsed row(Csv.Line line, List<String> header, Map<String, Integer> tokens,
                       List<ImportPreview.ImportError> errors) {
        int row = line.number();
        if (line.fields().size() != header.size()) {
            errors.add(error(row, "", "the row has " + line.fields().size() + " fields but the header names "
                    + header.size() + " columns."));
            return new Parsed(row, Map.of(), null, null);
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            values.put(header.get(i), line.fields().get(i));
        }
        String token = values.getOrDefault(TOKEN, "").strip();
        if (token.isEmpty()) {
            errors.add(error(row, TOKEN, "empty: every row needs the account's access token."));
        } else {
            Integer first = tokens.putIfAbsent(token, row);
            if (first != null) {
                errors.add(error(row, TOKEN, "the same token as row " + first + ": keep one of the two rows."));
            }
        }
        int before = errors.size();
        Platform platform = field(errors, row, PLATFORM, () -> ports.named(values.get(PLATFORM)));
        String timeZone = field(errors, row, "time_zone", () -> AccountFields.timeZone("time_zone", values.get("time_zone")));
        List<String> tags = field(errors, row, "tags", () -> AccountFields.tags("tags", values.get("tags")));
        String notes = field(errors, row, "notes", () -> AccountFields.notes("notes", values.get("notes")));
        String biography = field(errors, row, "desired_biography",
                () -> AccountFields.biography("desired_biography", values.get("desired_biography")));
        String website = field(errors, row, "desired_website",
                () -> AccountFields.website("desired_website", values.get("desired_website")));
        boolean valid = errors.size() == before && platform != null && timeZone != null && tags != null && notes != null;
        return new Parsed(row, values, platform,
                valid ? new AccountOptions(timeZone, tags, notes, biography, website) : null);
    }

    private static <T> @Nullable T field(List<ImportPreview.ImportError> errors, int row, String column,
                                         java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (AccountProblem problem) {
            errors.add(error(row, column, lowerFirst(problem.getMessage())));
            return null;
        }
    }

    /** Each well-formed row's token checked against the platform, a few at a time. */
    private Map<Integer, CheckedToken> checkTokens(List<Parsed> rows, List<ImportPreview.ImportError> errors,
                                                   Progress progress) {
        Map<Integer, Future<CheckedToken>> pending = new HashMap<>();
        Semaphore slots = new Semaphore(Math.max(1, settings.importChecks()));
        Set<Integer> tokenErrors = new java.util.HashSet<>();
        errors.stream().filter(e -> e.column().equals(TOKEN)).forEach(e -> tokenErrors.add(e.row()));
        Map<Integer, CheckedToken> checked = new HashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Parsed row : rows) {
                if (row.values().isEmpty() || row.platform() == null || tokenErrors.contains(row.row())) {
                    continue;
                }
                Platform platform = row.platform();
                pending.put(row.row(), executor.submit(() -> {
                    slots.acquire();
                    try {
                        return connector.check(platform, row.value(TOKEN), null);
                    } finally {
                        slots.release();
                    }
                }));
            }
            long done = 0;
            progress.report(0, pending.size());
            for (var entry : pending.entrySet()) {
                try {
                    checked.put(entry.getKey(), entry.getValue().get());
                } catch (java.util.concurrent.ExecutionException e) {
                    String message = e.getCause() instanceof AccountProblem p ? p.getMessage()
                            : "could not be checked (" + e.getCause().getClass().getSimpleName() + "); try again.";
                    errors.add(error(entry.getKey(), TOKEN, lowerFirst(message)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AccountProblem("", "The import was interrupted; upload the file again.");
                }
                progress.report(++done, pending.size());
            }
        }
        return checked;
    }

    private static ImportPreview.ImportError error(int row, String column, String message) {
        return new ImportPreview.ImportError(row, column, message);
    }

    private static String lowerFirst(String message) {
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
