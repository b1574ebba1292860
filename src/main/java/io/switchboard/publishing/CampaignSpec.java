package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Everything a campaign is made of, as the operator chose it.
 *
 * @param accountIds  the target accounts chosen one by one (may be empty when a tag is given)
 * @param accountTag  all accounts with this tag are targets too
 * @param mediaIds    the media, in the order they are to be used
 * @param hashtagSets sets of hashtags ("#travel #sunset"), added to the captions in turn; may be empty
 */
public record CampaignSpec(String name, List<Long> accountIds, @Nullable String accountTag, List<Long> mediaIds,
                           CaptionStrategy captions, List<String> hashtagSets, Assignment assignment,
                           Schedule schedule, PostOptions options) {

    public CampaignSpec {
        accountIds = List.copyOf(accountIds);
        mediaIds = List.copyOf(mediaIds);
        hashtagSets = List.copyOf(hashtagSets);
        accountTag = accountTag == null || accountTag.isBlank() ? null : accountTag.strip();
    }

    public CampaignSpec withOptions(PostOptions changed) {
        return new CampaignSpec(name, accountIds, accountTag, mediaIds, captions, hashtagSets, assignment, schedule,
                changed);
    }
}
