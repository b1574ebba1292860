package io.switchboard.notifications;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Locale;

/** Each operator's alert choices: where (email, a Slack or Teams chat), about what, and whether as a daily digest. */
@Service
public class Alerts {
    private final AlertRows rows;
    private final WebhookTargets targets;

    Alerts(AlertRows rows, WebhookTargets targets) {
        this.rows = rows;
        this.targets = targets;
    }

    public AlertPreferences of(String username) {
        return rows.preferences(username).orElse(AlertPreferences.none());
    }

    /** @throws WebhookProblem naming the field: an address that is not one, a chat URL that cannot be used */
    @Transactional
    public void save(String username, AlertPreferences preferences) {
        String email = blankToNull(preferences.email());
        if (email != null && (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 320)) {
            throw new WebhookProblem("email", "Enter an email address such as maria@example.com, or leave it empty.");
        }
        String chat = blankToNull(preferences.chatUrl());
        if (chat != null) {
            targets.check(chat);
            if (preferences.chatFormat() == null) {
                throw new WebhookProblem("chatFormat", "Choose whether the chat is Slack or Microsoft Teams.");
            }
        }
        rows.save(username, new AlertPreferences(email == null ? null : email.toLowerCase(Locale.ROOT), chat,
                chat == null ? null : preferences.chatFormat(), preferences.kinds(), preferences.digest()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
