package testsupport;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;

/** Runs service commands in a test thread as an operator of the given role, as a page request would. */
public final class SignedIn {
    private SignedIn() {
    }

    public static void as(String username, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }

    public static void out() {
        SecurityContextHolder.clearContext();
    }
}
