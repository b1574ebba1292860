package io.switchboard.insights;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.Accounts;
import org.jooq.Condition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static switchboard.jooq.Tables.INSIGHT_POST;

/** What the collected insights say: a campaign's results, an account's insights and best hours, reports. */
@Service
@Transactional(readOnly = true)
public class Insights {
    /** Rows a page lists at most (accounts of a campaign, posts of an account). */
    public static final int LIST = 50;
    /** Posts an hour of the week needs before it can be suggested. */
    static final int SLOT_MIN_POSTS = 2;
    private final Results results;
    private final AccountDays accountDays;
    private final Accounts accounts;
    private final DemographicGroups demographics;

    Insights(Results results, AccountDays accountDays, Accounts accounts, DemographicGroups demographics) {
        this.results = results;
        this.accountDays = accountDays;
        this.accounts = accounts;
        this.demographics = demographics;
    }

    public CampaignResults campaign(long campaignId) {
        Results.CampaignPass pass = results.campaignPass(campaignId);
        List<Comparison> comparisons = new ArrayList<>();
        compare(comparisons, "caption", pass.captions());
        compare(comparisons, "post type", pass.types());
        compare(comparisons, "hour published (UTC)", pass.hours());
        Results.Summary summary = pass.summary();
        Results.Ranking ranking = pass.ranking(LIST);
        Results.BestAndWorst posts = results.bestAndWorst(campaignId, 3);
        List<Results.Row> best = posts.best();
        List<Results.Row> worst = posts.worst();
        Map<Long, String> names = usernames(ranking, best, worst);
        return new CampaignResults(campaignId, summary.totals(), summary.days(), accountRows(ranking, names),
                ranking.accountCount(), named(best, names), named(worst, names), comparisons, summary.lastCollected());
    }

    public AccountInsights account(long accountId) {
        Optional<Account> account = accounts.find(accountId);
        return account.isPresent() ? account(account.get())
                : account(accountId, ZoneId.of("UTC"), "account " + accountId);
    }

    /** The account's insights, for a caller that already read the account (its best hours in its time zone). */
    public AccountInsights account(Account account) {
        return account(account.id(), account.timeZone(), account.username());
    }

    private AccountInsights account(long accountId, ZoneId zone, String username) {
        HeatMap heat = heatMap(results.slots(accountId, zone), zone);
        // every recent post is the account's own: its username is known, no lookup
        List<PostResult> recent = named(results.recent(accountId, 20), Map.of(accountId, username));
        var collecting = accountDays.collecting(accountId);
        return new AccountInsights(accountId, results.accountDays(accountId, 90), recent, heat, suggest(heat),
                collecting.map(AccountDays.Collecting::problem).orElse(null),
                collecting.map(AccountDays.Collecting::nextAt).orElse(null));
    }

    /** The account's follower demographics as its platform last reported them. */
    public Demographics demographics(long accountId) {
        return demographics.of(accountId);
    }

    /**
     * The countries with the most followers over the accounts of a tag together (each account's latest reading), most
     * first; empty for a report of every account (a tag is a client: a country mix over every client says nothing).
     */
    public List<Demographics.Group> topCountries(ReportFilter filter, int limit) {
        if (filter.tag() == null) {
            return List.of();
        }
        return demographics.topCountries(accounts.byTag(filter.tag()).stream().map(Account::id).toList(),
                Math.clamp(limit, 1, DemographicGroups.KEPT));
    }

    /**
     * The hour of the week whose posts reached the most accounts on average, in the account's time zone, from at
     * least {@value #SLOT_MIN_POSTS} of its own posts; empty while its history is too short to tell.
     */
    public Optional<Slot> suggestedSlot(long accountId) {
        return account(accountId).suggested();
    }

    public Report report(ReportFilter filter) {
        Collection<Long> ids = filter.tag() == null ? null
                : accounts.byTag(filter.tag()).stream().map(Account::id).toList();
        Results.Summary summary = results.summaryOfReport(ids, filter.from(), filter.to());
        Results.Ranking ranking = results.reportAccounts(ids, filter.from(), filter.to(), LIST);
        List<Results.Row> top = results.top(ids, filter.from(), filter.to(), 10);
        Map<Long, String> names = usernames(ranking, top, List.of());
        return new Report(filter, summary.totals(), summary.days(), accountRows(ranking, names), ranking.accountCount(),
                named(top, names));
    }

    /** Every post of a report, for the downloads (newest first, at most {@code limit}). */
    public List<PostResult> reportPosts(ReportFilter filter, int limit) {
        Collection<Long> ids = filter.tag() == null ? null
                : accounts.byTag(filter.tag()).stream().map(Account::id).toList();
        return posts(Results.report(ids, filter.from(), filter.to()), INSIGHT_POST.PUBLISHED_AT.desc(), limit);
    }

    private static void compare(List<Comparison> comparisons, String dimension, Map<String, Totals> byValue) {
        List<Comparison.Group> groups = Results.CampaignPass.ranked(byValue, 10);
        if (groups.size() > 1) {
            comparisons.add(new Comparison(dimension, groups));
        }
    }

    /** The usernames of the ranked accounts and of the posts' accounts, in one query. */
    private Map<Long, String> usernames(Results.Ranking ranking, List<Results.Row> posts, List<Results.Row> more) {
        Set<Long> ids = new HashSet<>(ranking.top().keySet());
        posts.forEach(r -> ids.add(r.accountId()));
        more.forEach(r -> ids.add(r.accountId()));
        return accounts.usernames(ids);
    }

    private static List<AccountRow> accountRows(Results.Ranking ranking, Map<Long, String> names) {
        Map<Long, Totals> top = ranking.top();
        List<AccountRow> rows = new ArrayList<>();
        top.forEach((id, totals) -> rows.add(new AccountRow(id, names.getOrDefault(id, "account " + id), totals)));
        return rows;
    }

    private List<PostResult> posts(Condition where, org.jooq.SortField<?> order, int limit) {
        List<Results.Row> rows = results.posts(where, order, limit);
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.accountId()));
        return named(rows, accounts.usernames(ids));
    }

    private static List<PostResult> named(List<Results.Row> rows, Map<Long, String> names) {
        return rows.stream().map(r -> new PostResult(r.postId(), r.campaignId(), r.accountId(),
                names.getOrDefault(r.accountId(), "account " + r.accountId()), r.type(), r.caption(), r.permalink(),
                r.publishedAt(), r.metrics(), r.avgWatchMillis(), r.collections(), r.collectedAt(), r.problem())).toList();
    }

    private static HeatMap heatMap(List<Slot> slots, ZoneId zone) {
        Map<String, Slot> byKey = new java.util.HashMap<>();
        slots.forEach(s -> byKey.put(s.day() + ":" + s.hour(), s));
        List<HeatMap.Row> rows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Slot> cells = new ArrayList<>();
            for (int hour = 0; hour < 24; hour++) {
                cells.add(byKey.getOrDefault(day + ":" + hour, new Slot(day, hour, zone, 0, 0)));
            }
            rows.add(new HeatMap.Row(day, cells));
        }
        long max = slots.stream().mapToLong(Slot::averageReach).max().orElse(0);
        return new HeatMap(zone, rows, max, slots.stream().mapToLong(Slot::posts).sum());
    }

    private static Optional<Slot> suggest(HeatMap heat) {
        return heat.rows().stream().flatMap(r -> r.cells().stream()).filter(s -> s.posts() >= SLOT_MIN_POSTS)
                .max(Comparator.comparingLong(Slot::averageReach));
    }
}
