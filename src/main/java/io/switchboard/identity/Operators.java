package io.switchboard.identity;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Managing operators. Commands that change someone else require ADMIN (checked here, not only in the pages);
 * everyone may change their own password. Disabling an operator, changing their role or resetting their password
 * ends their sessions on every instance at once; changing one's own password ends one's other sessions.
 */
@Service
public class Operators {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OperatorRepository operators;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;
    private final IdentitySettings settings;
    private final LoginThrottle throttle;
    private final SignInAttempts attempts;
    private final OperatorSessions sessions;

    Operators(OperatorRepository operators, PasswordEncoder passwordEncoder, AuditTrail audit,
              IdentitySettings settings, LoginThrottle throttle, SignInAttempts attempts, OperatorSessions sessions) {
        this.operators = operators;
        this.throttle = throttle;
        this.attempts = attempts;
        this.sessions = sessions;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.settings = settings;
    }

    public List<Operator> all() {
        return operators.all();
    }

    /** Enabled operators per role. */
    public Map<Role, Integer> countByRole() {
        return operators.countByRole();
    }

    public int minPasswordLength() {
        return settings.minPasswordLength();
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Operator create(String username, Role role, String password) {
        String name = normalize(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new OperatorProblem("username", "Use 2 to 40 characters: lower-case letters, digits, "
                    + "dots, dashes or underscores, starting with a letter or digit.");
        }
        if (operators.exists(name)) {
            throw new OperatorProblem("username", "An operator named '" + name + "' already exists.");
        }
        checkPassword("password", password);
        long id = operators.insert(name, passwordEncoder.encode(password), role);
        audit.record(AuditRecord.of("operator.created", "operator", id).target(name).change("role", null, role));
        return operators.byId(id).orElseThrow();
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void changeRole(long id, Role role) {
        Operator operator = existing(id);
        if (operator.role() == role) {
            return;
        }
        if (operator.role() == Role.ADMIN) {
            keepOneAdmin(operator, "change the role of");
        }
        operators.updateRole(id, role);
        sessions.endAll(operator.username());
        audit.record(AuditRecord.of("operator.role_changed", "operator", id).target(operator.username())
                .change("role", operator.role(), role));
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void setEnabled(long id, boolean enabled) {
        Operator operator = existing(id);
        if (operator.enabled() == enabled) {
            return;
        }
        if (!enabled) {
            if (CurrentOperator.actor().equals(operator.username())) {
                throw new OperatorProblem("", "You cannot disable yourself: ask another admin.");
            }
            if (operator.role() == Role.ADMIN) {
                keepOneAdmin(operator, "disable");
            }
        }
        operators.updateEnabled(id, enabled);
        if (!enabled) {
            sessions.endAll(operator.username());
        }
        audit.record(AuditRecord.of(enabled ? "operator.enabled" : "operator.disabled", "operator", id)
                .target(operator.username()).change("enabled", !enabled, enabled));
    }

    /** Sets a new random password, lifts any sign-in lock, and returns the password, to be handed over once. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public String resetPassword(long id) {
        Operator operator = existing(id);
        String password = randomPassword();
        operators.updatePasswordHash(id, passwordEncoder.encode(password));
        throttle.forget(operator.username());
        sessions.endAll(operator.username());
        audit.record(AuditRecord.of("operator.password_reset", "operator", id).target(operator.username()));
        return password;
    }

    /**
     * Changes the signed-in operator's password and ends their other sessions. The current password is checked
     * under the same throttle as signing in, counted for {@code clientAddress}.
     *
     * @param keepSessionId the session making the change, which stays signed in; null to end every session
     */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void changeOwnPassword(String currentPassword, String newPassword, String clientAddress,
                                  @Nullable String keepSessionId) {
        String username = CurrentOperator.actor();
        var credentials = operators.credentials(username)
                .orElseThrow(() -> new OperatorProblem("", "Your operator no longer exists."));
        checkCurrentPassword(username, clientAddress, currentPassword, credentials.passwordHash());
        checkPassword("newPassword", newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new OperatorProblem("newPassword", "Choose a password different from the current one.");
        }
        operators.updatePasswordHash(credentials.operator().id(), passwordEncoder.encode(newPassword));
        sessions.endExcept(username, keepSessionId);
        audit.record(AuditRecord.of("operator.password_changed", "operator", credentials.operator().id()).target(username));
    }

    private void checkCurrentPassword(String username, String address, String password, String hash) {
        if (Passwords.tooLong(password)) {
            throw new OperatorProblem("currentPassword", Passwords.TOO_LONG);
        }
        try {
            attempts.check(username, address, () -> {
                if (!passwordEncoder.matches(password, hash)) {
                    throw new OperatorProblem("currentPassword", "That is not your current password.");
                }
                return true;
            });
        } catch (SignInLocked locked) {
            throw new OperatorProblem("currentPassword", "Too many wrong passwords: try again in "
                    + locked.minutesLeft() + " minute(s).");
        } catch (PasswordChecks.Busy busy) {
            throw new OperatorProblem("currentPassword", "Many sign-ins are being checked right now: try again in "
                    + "a moment.");
        }
    }

    /** Creates {@code admin} when no operator exists; returns whether it did. */
    @Transactional
    boolean createFirstAdmin(String password) {
        boolean created = operators.insertIfNoOperators("admin", passwordEncoder.encode(password), Role.ADMIN);
        if (created) {
            audit.record("system", "system", AuditRecord.of("operator.created", "operator", null).target("admin")
                    .detail("The first admin, made at the first start."));
        }
        return created;
    }

    static String randomPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    static String normalize(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    private Operator existing(long id) {
        return operators.byId(id).orElseThrow(() -> new OperatorProblem("", "No operator with id " + id
                + ": it may have been removed; reload the page."));
    }

    private void keepOneAdmin(Operator operator, String verb) {
        if (operator.enabled() && operators.lockEnabledAdmins() <= 1) {
            throw new OperatorProblem("", "You cannot " + verb + " " + operator.username()
                    + ": it is the last enabled admin. Make another operator admin first.");
        }
    }

    private void checkPassword(String field, String password) {
        if (password.length() < settings.minPasswordLength()) {
            throw new OperatorProblem(field, "Use at least " + settings.minPasswordLength() + " characters.");
        }
        if (Passwords.tooLong(password)) {
            throw new OperatorProblem(field, Passwords.TOO_LONG);
        }
    }
}
