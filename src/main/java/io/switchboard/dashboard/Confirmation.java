package io.switchboard.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A destructive or wide command described before it runs: what it touches, counted now, in the operator's words.
 * Its controller answers the command's form with {@link #page} until the form comes back with
 * {@code confirmed=true}, so the command never runs on one click, with or without JavaScript.
 *
 * @param question what the command does, as a question ("Delete “Autumn clip”?"); the page's title
 * @param details  what it touches, one sentence each
 * @param confirm  the confirming button's words ("Delete it")
 * @param action   where the confirmed form posts: the command's own path
 * @param carried  the command's parameters, posted again unchanged
 * @param back     where "Keep it" leads: the page the command was started from
 * @param section  the navigation entry to highlight
 * @param danger   whether it destroys or stops something (a red button) or only starts work on many things
 */
record Confirmation(String question, List<String> details, String confirm, String action,
                    Map<String, List<String>> carried, String back, String section, boolean danger) {
    static final String CONFIRMED = "confirmed";

    /** For the command the request carries (its path and parameters, without the CSRF token). */
    static Confirmation of(HttpServletRequest request, String section, String back, String question, String confirm,
                           List<String> details) {
        Map<String, List<String>> carried = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("_csrf") && !name.equals(CONFIRMED)) {
                carried.put(name, Arrays.asList(values));
            }
        });
        return new Confirmation(question, List.copyOf(details), confirm,
                request.getRequestURI().substring(request.getContextPath().length()), carried, back, section, true);
    }

    String page(Model model) {
        model.addAttribute("confirmation", this);
        return "confirm";
    }
}
