package io.switchboard.identity;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.time.Clock;
import java.util.LinkedHashMap;

/**
 * Who may reach what. Everyone signed in sees every page; changing anything needs OPERATOR or ADMIN, and
 * managing operators and the sandbox needs ADMIN. The sandbox's Graph API and its post pages are public (the
 * server calls the former with tokens; permalinks open without a session). The rules are enforced here for
 * every request, whatever the page shows. A multipart body is judged before anything reads it
 * ({@link MultipartGuard}); a session lasts at most {@code session-lifetime} after sign-in ({@link SessionLifetime}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {
    private static final String[] PUBLIC = {"/login", "/assets/**", "/webjars/**",
            "/favicon.ico", "/error", "/sandbox/p/**", "/sandbox/avatar/**", "/review/*"};
    /** The sandbox platforms' APIs, reached by the adapters with the platform's tokens, never with a session. */
    private static final String[] SANDBOX_GRAPH = {"/sandbox/graph/**", "/sandbox/tiktok/**"};
    private static final String[] ADMIN_ONLY = {"/sandbox", "/sandbox/admin/**", "/api-keys", "/api-keys/**", "/webhooks",
            "/webhooks/**", "/audit", "/audit/**"};
    static final String[] CHANGING_METHODS = {"POST", "PUT", "PATCH", "DELETE"};
    /** Reads that call the platform (its budget is shared): operators and admins only. */
    private static final String[] OPERATOR_READS = {"/accounts/*/quota"};
    private static final Clock CLOCK = Clock.systemUTC();

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(OperatorDetails details, PasswordEncoder encoder,
                                                SignInAttempts attempts, OperatorRepository operators,
                                                io.switchboard.audit.AuditTrail audit) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(details);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledAuthentication(passwords, attempts, operators, audit));
    }

    /**
     * Signed media files: the platform fetches them with no session, so they are open to anyone, stateless and
     * without CSRF; the media module checks each URL's signature and expiry itself (403 otherwise).
     */
    @Bean
    @Order(0)
    SecurityFilterChain mediaFiles(HttpSecurity http) throws Exception {
        return http.securityMatcher("/media/files/**")
                .addFilterBefore(new MultipartGuard(), CsrfFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .csrf(c -> c.disable())
                .build();
    }

    /**
     * Actuator: health is public (load balancers, probes); Prometheus reads metrics with its bearer token; the rest
     * is for ADMINs, with HTTP Basic (through the same sign-in throttle as the form).
     */
    @Bean
    @Order(1)
    SecurityFilterChain actuator(HttpSecurity http, AuthenticationManager authenticationManager,
                                 IdentitySettings settings) throws Exception {
        return http.securityMatcher("/actuator/**")
                .authenticationManager(authenticationManager)
                .addFilterBefore(new MultipartGuard(), CsrfFilter.class)
                .addFilterBefore(new MetricsToken(settings.metricsToken()), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAnyRole(Role.ADMIN.name(), MetricsToken.ROLE)
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .httpBasic(b -> b.realmName("Switchboard"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager authenticationManager,
                              IdentitySettings settings) throws Exception {
        http.authenticationManager(authenticationManager)
                .addFilterBefore(new SessionLifetime(settings.sessionLifetime(), CLOCK), CsrfFilter.class)
                .addFilterBefore(new MultipartGuard(), CsrfFilter.class)
                .authorizeHttpRequests(a -> {
                    a.requestMatchers(PUBLIC).permitAll();
                    a.requestMatchers(SANDBOX_GRAPH).permitAll();
                    a.requestMatchers(ADMIN_ONLY).hasRole(Role.ADMIN.name());
                    a.requestMatchers(HttpMethod.GET, OPERATOR_READS).hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name());
                    a.requestMatchers(HttpMethod.POST, "/operators", "/operators/**").hasRole(Role.ADMIN.name());
                    a.requestMatchers(HttpMethod.POST, "/account/password", "/account/alerts", "/logout",
                            "/notifications/read").authenticated();
                    // a client's review link: the link itself is the permission (checked by publishing.ReviewLinks)
                    a.requestMatchers(HttpMethod.POST, "/review/*").permitAll();
                    for (String method : CHANGING_METHODS) {
                        a.requestMatchers(HttpMethod.valueOf(method), "/**")
                                .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name());
                    }
                    a.anyRequest().authenticated();
                })
                .csrf(c -> c.ignoringRequestMatchers(SANDBOX_GRAPH))
                .formLogin(f -> f.loginPage("/login").failureHandler(failureHandler()).successHandler(successHandler()))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(
                                "default-src 'self'; img-src 'self' data: https:; style-src 'self'; "
                                        + "script-src 'self'; frame-ancestors 'none'; form-action 'self'"))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * Unauthenticated requests go to the login page. An htmx request (its session expired) must not swap a
     * login form into a fragment: htmx is told to send the whole browser to the login page instead.
     */
    private static AuthenticationEntryPoint entryPoint() {
        AuthenticationEntryPoint htmx = (request, response, exception) -> {
            response.setHeader("HX-Redirect", request.getContextPath() + "/login?expired");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        };
        var entryPoints = new LinkedHashMap<RequestMatcher, AuthenticationEntryPoint>();
        entryPoints.put(new RequestHeaderRequestMatcher("HX-Request", "true"), htmx);
        var delegating = new DelegatingAuthenticationEntryPoint(entryPoints);
        delegating.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"));
        return delegating;
    }

    /** Where the operator was going (or the overview), with the sign-in time the session lifetime counts from. */
    private static AuthenticationSuccessHandler successHandler() {
        var saved = new SavedRequestAwareAuthenticationSuccessHandler();
        saved.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            SessionLifetime.signedIn(request, CLOCK);
            saved.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** A wrong password, an unknown username and a disabled operator get the same answer. */
    private static AuthenticationFailureHandler failureHandler() {
        return (request, response, exception) -> {
            String query = switch (exception) {
                case SignInLocked locked -> "locked=" + locked.minutesLeft();
                case PasswordTooLong tooLong -> "toolong";
                case PasswordChecks.Busy busy -> "busy";
                default -> "error";
            };
            response.sendRedirect(request.getContextPath() + "/login?" + query);
        };
    }
}
