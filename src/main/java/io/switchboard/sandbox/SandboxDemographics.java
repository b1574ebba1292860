package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Meta's {@code follower_demographics} (a lifetime metric read as a total value, one breakdown of age, gender,
 * country or city over a timeframe): a seeded split of the account's followers, the same for the same account and
 * breakdown, Meta's answer shape ({@code total_value.breakdowns[0].results[].dimension_values}), only the followers
 * it "knows" (about 85 %, as Meta counts only followers with demographic data) and at most the top 45 groups. An
 * account under 100 followers gets Meta's refusal, a token without {@code instagram_business_manage_insights} error 10.
 */
@Service
@Conditional(SandboxEnabled.class)
class SandboxDemographics {
    static final String METRIC = "follower_demographics";
    static final int MIN_FOLLOWERS = 100;
    private static final Set<String> TIMEFRAMES = Set.of("this_week", "this_month");
    private static final List<String> AGES = List.of("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+");
    private static final List<String> GENDERS = List.of("F", "M", "U");
    private static final List<String> COUNTRIES = List.of("US", "BR", "IN", "GB", "DE", "FR", "IT", "ES", "MX", "ID",
            "TR", "CA", "NL", "PL", "AR", "AU", "JP", "PT", "SE", "CO");
    private static final List<String> CITIES = List.of("London, England", "New York, New York", "São Paulo, São Paulo",
            "Los Angeles, California", "Mumbai, Maharashtra", "Berlin, Berlin", "Paris, Île-de-France", "Madrid, Madrid",
            "Milan, Lombardy", "Mexico City, Distrito Federal", "Istanbul, Istanbul Province", "Toronto, Ontario",
            "Amsterdam, North Holland", "Warsaw, Masovian Voivodeship", "Buenos Aires, Buenos Aires", "Sydney, New South Wales",
            "Tokyo, Tokyo", "Lisbon, Lisbon", "Stockholm, Stockholm County", "Bogotá, Distrito Especial");
    private final SandboxInsights insights;
    private final AccountStore accounts;

    SandboxDemographics(SandboxInsights insights, AccountStore accounts) {
        this.insights = insights;
        this.accounts = accounts;
    }

    Map<String, Object> answer(Gate.Caller caller, @Nullable String period, @Nullable String metricType,
                               @Nullable String breakdown, @Nullable String timeframe) {
        SandboxInsights.permitted(caller);
        if (!"lifetime".equals(period)) {
            throw GraphFault.invalidParameter("(#100) follower_demographics only supports the period lifetime");
        }
        if (!"total_value".equals(metricType)) {
            throw GraphFault.invalidParameter("(#100) follower_demographics requires metric_type=total_value");
        }
        if (timeframe == null || !TIMEFRAMES.contains(timeframe)) {
            throw GraphFault.invalidParameter("(#100) timeframe must be one of the following values: this_month, "
                    + "this_week");
        }
        List<String> groups = groups(breakdown == null ? "" : breakdown);
        SandboxAccount account = accounts.byId(caller.accountId()).orElseThrow();
        long followers = insights.followers(account, accounts.now());
        if (followers < MIN_FOLLOWERS) {
            throw new GraphFault(100, null, "(#100) Demographic data is not available for this account: it needs at "
                    + "least " + MIN_FOLLOWERS + " followers (it has " + followers + ")");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        split(account.id(), breakdown, groups, followers).forEach((label, value) -> results.add(Map.of(
                "dimension_values", List.of(label), "value", value)));
        return Map.of("data", List.of(Map.of("name", METRIC, "period", "lifetime", "title", "Follower demographics",
                "description", "The demographic characteristics of followers, including countries, cities and gender "
                        + "distribution.",
                "total_value", Map.of("breakdowns", List.of(Map.of("dimension_keys", List.of(breakdown),
                        "results", results))),
                "id", account.id() + "/insights/" + METRIC + "/lifetime")));
    }

    /** The groups of a breakdown the sandbox knows, in Meta's labels. */
    static List<String> groups(String breakdown) {
        return switch (breakdown) {
            case "age" -> AGES;
            case "gender" -> GENDERS;
            case "country" -> COUNTRIES;
            case "city" -> CITIES;
            default -> throw GraphFault.invalidParameter("(#100) breakdown must be one of the following values: age, "
                    + "city, country, gender");
        };
    }

    /** Followers split over the groups with seeded, skewed weights: the same account and breakdown, the same split. */
    static Map<String, Long> split(long accountId, String breakdown, List<String> groups, long followers) {
        SplittableRandom random = new SplittableRandom(accountId * 0x9E3779B97F4A7C15L + breakdown.hashCode());
        double[] weights = new double[groups.size()];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.pow(random.nextDouble(), 2.5) + (breakdown.equals("gender") && i == 2 ? 0 : 0.02);
            sum += weights[i];
        }
        long known = Math.round(followers * 0.85);
        Map<String, Long> split = new LinkedHashMap<>();
        for (int i = 0; i < weights.length; i++) {
            long value = Math.round(known * weights[i] / sum);
            if (value > 0) {
                split.put(groups.get(i), value);
            }
        }
        return split;
    }
}
