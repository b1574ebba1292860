package io.switchboard.dashboard;

import io.switchboard.identity.CurrentOperator;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; the sign-in itself is Spring Security's form login. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return CurrentOperator.get().isPresent() ? "redirect:/" : "login";
    }
}
