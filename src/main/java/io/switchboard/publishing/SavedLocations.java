package io.switchboard.publishing;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.noCondition;
import static switchboard.jooq.Tables.ACCOUNT_DEFAULT_LOCATION;
import static switchboard.jooq.Tables.SAVED_LOCATION;

/**
 * Named locations kept once (a Facebook Page id each) and accounts' default locations. A campaign without a location
 * gives each account without its own override that account's default, fixed in the campaign when it launches.
 */
@Service
public class SavedLocations {
    private static final String OPERATOR = "hasAnyRole('ADMIN', 'OPERATOR')";
    private static final Pattern PAGE_ID = Pattern.compile("\\d{1,20}");
    /** More than any team keeps; the list is one page. */
    static final int MAX = 1_000;
    private final DSLContext db;
    private final AuditTrail audit;

    SavedLocations(DSLContext db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<SavedLocation> list() {
        return select(noCondition());
    }

    @Transactional(readOnly = true)
    public Optional<SavedLocation> find(long id) {
        return select(SAVED_LOCATION.ID.eq(id)).stream().findFirst();
    }

    /** The saved location of that name, whatever its case. */
    @Transactional(readOnly = true)
    public Optional<SavedLocation> named(String name) {
        return select(lower(SAVED_LOCATION.NAME).eq(name.strip().toLowerCase(java.util.Locale.ROOT))).stream().findFirst();
    }

    /** The locations that match, each with how many accounts have it as their default (one query, not one per row). */
    private List<SavedLocation> select(org.jooq.Condition where) {
        var used = count(ACCOUNT_DEFAULT_LOCATION.ACCOUNT_ID);
        return db.select(SAVED_LOCATION.ID, SAVED_LOCATION.NAME, SAVED_LOCATION.PAGE_ID, used)
                .from(SAVED_LOCATION).leftJoin(ACCOUNT_DEFAULT_LOCATION)
                .on(ACCOUNT_DEFAULT_LOCATION.LOCATION_ID.eq(SAVED_LOCATION.ID))
                .where(where)
                .groupBy(SAVED_LOCATION.ID).orderBy(lower(SAVED_LOCATION.NAME)).limit(MAX)
                .fetch(r -> new SavedLocation(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * Keeps a location under a name.
     *
     * @throws CampaignProblem on the field at fault ({@code name} or {@code pageId}), saying what to do
     */
    @Transactional
    @PreAuthorize(OPERATOR)
    public long add(String name, String pageId, String actor) {
        String n = name.strip();
        String id = pageId.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new CampaignProblem("name", "Give the location a name of 1 to 100 characters, such as \"Lisbon store\".");
        }
        if (!PAGE_ID.matcher(id).matches()) {
            throw new CampaignProblem("pageId", "A location is a Facebook Page id: digits only, such as 110123456789.");
        }
        if (db.fetchCount(SAVED_LOCATION) >= MAX) {
            throw new CampaignProblem("name", "There are " + MAX + " saved locations already: delete one you no longer use.");
        }
        if (named(n).isPresent()) {
            throw new CampaignProblem("name", "A location is saved as “" + n + "” already: choose another name.");
        }
        try {
            long saved = db.insertInto(SAVED_LOCATION).set(SAVED_LOCATION.NAME, n).set(SAVED_LOCATION.PAGE_ID, id)
                    .set(SAVED_LOCATION.CREATED_BY, actor).returning(SAVED_LOCATION.ID).fetchSingle(SAVED_LOCATION.ID);
            audit.record(AuditRecord.of("location.created", "location", saved).target(n)
                    .change("name", null, n).change("pageId", null, id));
            return saved;
        } catch (org.springframework.dao.DuplicateKeyException e) { // saved by someone else meanwhile
            throw new CampaignProblem("name", "A location is saved as “" + n + "” already: choose another name.");
        }
    }

    /** Deletes the location; accounts that had it as their default have none afterwards. */
    @Transactional
    @PreAuthorize(OPERATOR)
    public boolean remove(long id) {
        Optional<SavedLocation> before = find(id);
        boolean removed = db.deleteFrom(SAVED_LOCATION).where(SAVED_LOCATION.ID.eq(id)).execute() > 0;
        before.filter(b -> removed).ifPresent(b -> audit.record(AuditRecord.of("location.deleted", "location", id)
                .target(b.name()).compare(b, null, "name", "pageId", "accounts")));
        return removed;
    }

    /** Sets (or, with null, clears) the account's default location. */
    @Transactional
    @PreAuthorize(OPERATOR)
    public void setDefault(long accountId, @Nullable Long locationId) {
        String before = defaultOf(accountId).map(SavedLocation::name).orElse("none");
        setDefaultUnrecorded(accountId, locationId);
        String after = defaultOf(accountId).map(SavedLocation::name).orElse("none");
        if (!before.equals(after)) {
            audit.record(AuditRecord.of("account.location", "account", accountId).change("default_location", before, after));
        }
    }

    private void setDefaultUnrecorded(long accountId, @Nullable Long locationId) {
        if (locationId == null) {
            db.deleteFrom(ACCOUNT_DEFAULT_LOCATION).where(ACCOUNT_DEFAULT_LOCATION.ACCOUNT_ID.eq(accountId)).execute();
            return;
        }
        if (!db.fetchExists(SAVED_LOCATION, SAVED_LOCATION.ID.eq(locationId))) {
            throw new CampaignProblem("location", "That location was deleted meanwhile: choose another.");
        }
        db.insertInto(ACCOUNT_DEFAULT_LOCATION).set(ACCOUNT_DEFAULT_LOCATION.ACCOUNT_ID, accountId)
                .set(ACCOUNT_DEFAULT_LOCATION.LOCATION_ID, locationId)
                .onConflict(ACCOUNT_DEFAULT_LOCATION.ACCOUNT_ID).doUpdate()
                .set(ACCOUNT_DEFAULT_LOCATION.LOCATION_ID, locationId).execute();
    }

    @Transactional(readOnly = true)
    public Optional<SavedLocation> defaultOf(long accountId) {
        return db.select(ACCOUNT_DEFAULT_LOCATION.LOCATION_ID).from(ACCOUNT_DEFAULT_LOCATION)
                .where(ACCOUNT_DEFAULT_LOCATION.ACCOUNT_ID.eq(accountId)).fetchOptional(r -> r.value1())
                .flatMap(this::find);
    }

    /** The default location of each of the accounts that has one. */
    @Transactional(readOnly = true)
    public Map<Long, InstagramOptions.Location> defaults(Collection<Long> accountIds) {
        Map<Long, InstagramOptions.Location> found = new HashMap<>();
        db.select(ACCOUNT_DEFAULT_LOCATION.ACCOUNT_ID, SAVED_LOCATION.PAGE_ID, SAVED_LOCATION.NAME)
                .from(ACCOUNT_DEFAULT_LOCATION).join(SAVED_LOCATION)
                .on(SAVED_LOCATION.ID.eq(ACCOUNT_DEFAULT_LOCATION.LOCATION_ID))
                .where(ACCOUNT_DEFAULT_LOCATION.ACCOUNT_ID.in(accountIds))
                .forEach(r -> found.put(r.value1(), new InstagramOptions.Location(r.value2(), r.value3())));
        return found;
    }
}
