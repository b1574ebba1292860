package io.switchboard.api;

import io.switchboard.identity.ApiKey;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.security.Principal;

/** The API key behind the current call; its name ("api:content-pipeline") is who the modules see acting. */
record ApiCaller(ApiKey key) implements Principal {

    @Override
    public String getName() {
        return key.actor();
    }

    static ApiKey current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ApiCaller caller) {
            return caller.key();
        }
        throw new IllegalStateException("No API key behind this call");
    }
}
