package io.switchboard.sandbox;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.util.List;

/** What a sandbox permalink opens: the published post, public like an Instagram post; and profile pictures. */
@Controller
@Conditional(SandboxEnabled.class)
class PostPage {
    private static final List<String> COLOURS = List.of("#4f46e5", "#0d9488", "#db2777", "#d97706", "#2563eb", "#7c3aed");
    private final ContainerStore containers;
    private final AccountStore accounts;

    PostPage(ContainerStore containers, AccountStore accounts) {
        this.containers = containers;
        this.accounts = accounts;
    }

    @GetMapping("/sandbox/p/{id}")
    String post(@PathVariable String id, Model model) {
        SandboxPost post = containers.post(parse(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("post", RecordViews.of(post));
        model.addAttribute("account", RecordViews.of(accounts.byId(post.accountId()).orElseThrow()));
        model.addAttribute("options", PostOptionsView.of(containers, post.containerId()));
        model.addAttribute("comments", containers.comments(post.id(), 50).reversed());
        return "sandbox/post";
    }

    @GetMapping(value = "/sandbox/avatar/{id}.svg")
    ResponseEntity<String> avatar(@PathVariable String id) {
        SandboxAccount account = accounts.byId(parse(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String colour = COLOURS.get(Math.floorMod(account.username().hashCode(), COLOURS.size()));
        String initial = account.username().substring(0, 1).toUpperCase();
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\" viewBox=\"0 0 96 96\">"
                + "<circle cx=\"48\" cy=\"48\" r=\"48\" fill=\"" + colour + "\"/><text x=\"48\" y=\"61\" "
                + "font-family=\"sans-serif\" font-size=\"40\" font-weight=\"700\" fill=\"#fff\" "
                + "text-anchor=\"middle\">" + initial + "</text></svg>";
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1))).body(svg);
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
