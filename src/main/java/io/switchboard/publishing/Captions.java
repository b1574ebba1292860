package io.switchboard.publishing;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes each post's caption from the campaign's strategy and checks it against the platform's limits. */
final class Captions {
    static final int MAX_LENGTH = 2200;
    static final int MAX_HASHTAGS = 30;
    static final int MAX_MENTIONS = 20;
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z.]+)}");
    static final Pattern HASHTAG = Pattern.compile("(?<![\\w&])#[\\p{L}\\p{N}_]+");
    static final Pattern MENTION = Pattern.compile("(?<![\\w.])@[A-Za-z0-9._]+");

    private Captions() {
    }

    static String render(CampaignSpec spec, Plan.Post post, Planner.Target account, Planner.Material media) {
        String accountCaption = spec.options().instagram().captionFor(post.accountId());
        String platformCaption = account.platform() == io.switchboard.platform.Platform.TIKTOK
                ? spec.options().tiktok().caption() : null;
        String base = accountCaption != null ? accountCaption : platformCaption != null ? platformCaption
                : switch (spec.captions()) {
            case CaptionStrategy.OwnCaption own -> media.caption();
            case CaptionStrategy.Template template -> template.template();
            case CaptionStrategy.Rotate rotate -> rotate.captions().get((post.number() - 1) % rotate.captions().size());
        };
        Map<String, String> values = Map.of(
                "account.username", account.username(),
                "account.name", account.name(),
                "media.title", media.title(),
                "media.caption", media.caption(),
                "date", DateTimeFormatter.ISO_LOCAL_DATE.format(post.at().atZone(account.zone())),
                "n", String.valueOf(post.number()));
        Matcher matcher = VARIABLE.matcher(base);
        StringBuilder caption = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(caption, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(caption);
        List<String> hashtags = spec.hashtagSets();
        if (!hashtags.isEmpty()) {
            String set = hashtags.get((post.number() - 1) % hashtags.size()).strip();
            if (!set.isEmpty()) {
                caption.append(caption.isEmpty() ? "" : "\n\n").append(set);
            }
        }
        return caption.toString().strip();
    }

    static void check(String caption, int post, List<Plan.Problem> problems) {
        Matcher unknown = VARIABLE.matcher(caption);
        if (unknown.find()) {
            problems.add(Plan.Problem.forPost(post, "Post " + post + ": unknown variable " + unknown.group()
                    + " in the caption. Use {account.username}, {account.name}, {media.title}, {media.caption}, "
                    + "{date} or {n}."));
        }
        if (caption.codePointCount(0, caption.length()) > MAX_LENGTH) {
            problems.add(Plan.Problem.forPost(post, "Post " + post + ": the caption has "
                    + caption.codePointCount(0, caption.length()) + " characters; the platform takes at most "
                    + MAX_LENGTH + ". Shorten the caption or the hashtags."));
        }
        long hashtags = HASHTAG.matcher(caption).results().count();
        if (hashtags > MAX_HASHTAGS) {
            problems.add(Plan.Problem.forPost(post, "Post " + post + ": " + hashtags + " hashtags; the platform takes at "
                    + "most " + MAX_HASHTAGS + ". Use a smaller hashtag set."));
        }
        long mentions = MENTION.matcher(caption).results().count();
        if (mentions > MAX_MENTIONS) {
            problems.add(Plan.Problem.forPost(post, "Post " + post + ": " + mentions + " @-mentions; the platform takes at "
                    + "most " + MAX_MENTIONS + "."));
        }
    }
}
