package io.switchboard.insights;

/**
 * Metrics added up over a set of posts (counts of accounts reached and of times seen or interacted with).
 */
public record Totals(long posts, long views, long reach, long interactions, long likes, long comments, long shares,
                     long saved) {
    public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0, 0, 0);

    Totals plus(Totals o) {
        return new Totals(posts + o.posts, views + o.views, reach + o.reach, interactions + o.interactions,
                likes + o.likes, comments + o.comments, shares + o.shares, saved + o.saved);
    }

    /** Interactions per account reached, 0 to 1 (0 when nothing was reached). */
    public double engagementRate() {
        return reach == 0 ? 0 : (double) interactions / reach;
    }

    /**
     * The engagement rate as people write it: "4.2 %". The same text as {@code String.format(Locale.ROOT, "%.1f %%")},
     * which rounds the double's shortest decimal form half up, without parsing a format on each of a page's rows.
     */
    public String engagementPercent() {
        return new java.math.BigDecimal(Double.toString(engagementRate() * 100))
                .setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + " %";
    }
}
