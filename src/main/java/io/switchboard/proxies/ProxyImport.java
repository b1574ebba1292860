package io.switchboard.proxies;

import io.switchboard.infrastructure.Csv;
import io.switchboard.infrastructure.SecretBox;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk import, all or nothing: one proxy URL per line ({@code scheme://user:pass@host:port}), or CSV with a header.
 * Every line is checked first (fields, duplicates within the file and against the inventory); the preview lists
 * every error by line (and column, for CSV); only a file without errors can be committed, all lines in one
 * transaction.
 */
@Component
class ProxyImport {
    private final ProxyRepository proxies;
    private final ProxyImportRepository imports;
    private final ProxyPasswords passwords;
    private final JsonMapper json;
    private final ProxySettings settings;

    ProxyImport(ProxyRepository proxies, ProxyImportRepository imports, ProxyPasswords passwords,
                JsonMapper json, ProxySettings settings) {
        this.proxies = proxies;
        this.imports = imports;
        this.passwords = passwords;
        this.json = json;
        this.settings = settings;
    }

    /** A checked line as the stored import holds it: the password sealed (base64), never in clear. */
    record Staged(int line, String label, String scheme, String host, int port, @Nullable String username,
                  @Nullable String keyId, @Nullable String sealedPassword, String region, List<String> tags,
                  boolean enabled) {

        ProxySpec spec() {
            return new ProxySpec(label, ProxyScheme.valueOf(scheme), host, port, username, null, region, tags, enabled);
        }

        SecretBox.@Nullable Sealed password() {
            return keyId == null || sealedPassword == null ? null
                    : new SecretBox.Sealed(keyId, Base64.getDecoder().decode(sealedPassword));
        }
    }

    ProxyImportPreview preview(String text, String actor) {
        List<ProxyImportPreview.ImportError> errors = new ArrayList<>();
        List<ProxyLines.Parsed> parsed = ProxyLines.parse(text, settings.importMaxRows(), errors);
        List<Staged> staged = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        Map<String, Integer> endpoints = new HashMap<>();
        for (ProxyLines.Parsed line : parsed) {
            ProxySpec spec = line.spec();
            if (unique(line, spec, labels, endpoints, errors)) {
                SecretBox.Sealed sealed = spec.password() == null ? null : passwords.seal(spec.password());
                staged.add(new Staged(line.line(), spec.label(), spec.scheme().name(), spec.host(), spec.port(),
                        spec.username(), sealed == null ? null : sealed.keyId(),
                        sealed == null ? null : Base64.getEncoder().encodeToString(sealed.bytes()), spec.region(),
                        spec.tags(), spec.enabled()));
            }
        }
        if (errors.isEmpty() && staged.isEmpty()) {
            errors.add(new ProxyImportPreview.ImportError(0, "", "the file has no proxies to import."));
        }
        errors.sort(Comparator.comparingInt(ProxyImportPreview.ImportError::line)
                .thenComparing(ProxyImportPreview.ImportError::column));
        UUID id = UUID.randomUUID();
        if (errors.isEmpty()) {
            imports.save(id, actor, json.writeValueAsString(staged));
        }
        List<ProxyImportPreview.Row> rows = staged.stream().map(s -> new ProxyImportPreview.Row(s.line(), s.label(),
                s.spec().url(), s.keyId() != null, s.region(), s.tags(), s.enabled())).toList();
        return new ProxyImportPreview(id, rows, List.copyOf(errors));
    }

    /** Adds every line of a checked import, or none; returns the new proxies' ids. */
    @Transactional
    List<Long> commit(UUID importId, String actor) {
        String rows = imports.take(importId, actor).orElseThrow(() -> new ProxyProblem("", "This import is no longer "
                + "waiting: it was applied already or is older than an hour. Upload the file again."));
        List<Staged> staged = json.readValue(rows, new TypeReference<List<Staged>>() {
        });
        List<Long> added = new ArrayList<>();
        for (Staged s : staged) {
            ProxySpec spec = s.spec();
            if (proxies.withLabel(spec.label(), null).isPresent() || proxies.withEndpoint(spec, null).isPresent()) {
                throw new ProxyProblem("", "Line " + s.line() + ": " + spec.label() + " (" + spec.url() + ") was added "
                        + "meanwhile. Nothing was imported; upload the file again.");
            }
            SecretBox.Sealed password = s.password();
            // checked before a key rotation: stored under the newest key like every other password
            added.add(proxies.insert(spec, password == null ? null : passwords.reseal(password)));
        }
        return added;
    }

    private boolean unique(ProxyLines.Parsed line, ProxySpec spec, Map<String, Integer> labels,
                           Map<String, Integer> endpoints, List<ProxyImportPreview.ImportError> errors) {
        int before = errors.size();
        Integer sameLabel = labels.putIfAbsent(spec.label().toLowerCase(Locale.ROOT), line.line());
        if (sameLabel != null) {
            errors.add(new ProxyImportPreview.ImportError(line.line(), line.labelColumn(), "the label " + spec.label()
                    + " is already on line " + sameLabel + ": labels must differ."));
        } else if (proxies.withLabel(spec.label(), null).isPresent()) {
            errors.add(new ProxyImportPreview.ImportError(line.line(), line.labelColumn(), "a proxy labelled "
                    + spec.label() + " exists already: choose another label, or edit that proxy."));
        }
        String endpoint = spec.url().toLowerCase(Locale.ROOT);
        Integer sameEndpoint = endpoints.putIfAbsent(endpoint, line.line());
        if (sameEndpoint != null) {
            errors.add(new ProxyImportPreview.ImportError(line.line(), line.addressColumn(), spec.url()
                    + " is already on line " + sameEndpoint + ": keep one of the two lines."));
        } else if (proxies.withEndpoint(spec, null).isPresent()) {
            errors.add(new ProxyImportPreview.ImportError(line.line(), line.addressColumn(), spec.url()
                    + " is in the inventory already: remove the line, or edit that proxy."));
        }
        return errors.size() == before;
    }
}
