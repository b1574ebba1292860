package io.switchboard.publishing;

import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The campaigns behind the references other modules keep ("campaign:42": a task group, a media item's holder), so
 * pages show a campaign's name and link instead of the reference.
 */
@Service
public class CampaignNames {
    private static final String PREFIX = "campaign:";
    private final CampaignRepository campaigns;

    CampaignNames(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    /** The campaign each of these references names, by reference; others (and removed campaigns) are absent. */
    public Map<String, Campaign> of(Collection<String> references) {
        Map<String, Campaign> found = new HashMap<>();
        references.stream().distinct().forEach(ref -> id(ref).flatMap(campaigns::find).ifPresent(c -> found.put(ref, c)));
        return found;
    }

    private static Optional<Long> id(String reference) {
        if (!reference.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(reference.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
