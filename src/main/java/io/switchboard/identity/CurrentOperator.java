package io.switchboard.identity;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Arrays;
import java.util.Optional;

/** The operator behind the current request, if one is signed in. */
public record CurrentOperator(String username, Role role) {

    public static Optional<CurrentOperator> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .flatMap(authority -> Arrays.stream(Role.values()).filter(r -> r.authority().equals(authority)))
                .findFirst()
                .map(role -> new CurrentOperator(authentication.getName(), role));
    }

    static String actor() {
        return get().map(CurrentOperator::username).orElse("system");
    }

    public boolean canChange() {
        return role.canChange();
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
