package io.switchboard.dashboard;

import io.switchboard.identity.CurrentOperator;
import io.switchboard.notifications.Notifications;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The bell's page: the signed-in operator's notifications, newest first, and marking them read. */
@Controller
class NotificationsController {
    private final Notifications notifications;

    NotificationsController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    String list(Model model) {
        model.addAttribute("notifications", notifications.latest(me()));
        return "notifications";
    }

    @PostMapping("/notifications/read")
    String read() {
        notifications.markAllRead(me());
        return "redirect:/notifications";
    }

    private static String me() {
        return CurrentOperator.get().orElseThrow().username();
    }
}
