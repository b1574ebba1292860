package io.switchboard.api;

import io.switchboard.identity.ApiKeys;
import io.switchboard.media.MediaLibrary;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * {@code /api/v1}: stateless, no session, no CSRF (no cookie is ever honoured), every call but the OpenAPI document
 * through {@link ApiKeyFilter}, which answers refused calls before anything reads their bodies.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {
    static final String OPENAPI = ApiKeyFilter.BASE + "/openapi.json";

    static boolean isPublic(String path) {
        return path.equals(OPENAPI) || path.startsWith(OPENAPI + "/");
    }

    /** Calls that need the admin scope whatever their method (the rest: read for GET, publish otherwise). */
    static boolean isAdminOnly(String path) {
        return path.equals(ApiKeyFilter.BASE + "/accounts") || path.equals(SandboxAccountsApi.PATH);
    }

    @Bean
    @Order(0)
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, RateLimits limits, ProblemWriter problems,
                            MediaLibrary media, ApiSettings settings) throws Exception {
        return http.securityMatcher(ApiKeyFilter.BASE + "/**")
                .addFilterBefore(new ApiKeyFilter(keys, limits, problems, media, settings),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(OPENAPI, OPENAPI + "/**").permitAll()
                        .anyRequest().authenticated())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.disable())
                .requestCache(c -> c.disable())
                .csrf(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .build();
    }
}
