package io.switchboard.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the generated OpenAPI document says about the API as a whole: its name and how calls authenticate. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {
    static final String SCHEME = "apiKey";

    @Bean
    OpenAPI switchboardApi() {
        return new OpenAPI()
                .info(new Info().title("Switchboard API").version("v1").description("""
                        Accounts, media, campaigns, posts, proxies and tasks of one Switchboard. Every call sends \
                        an API key as `Authorization: Bearer sb_…` (admins create keys under API keys); every \
                        error is an RFC 9457 problem (`application/problem+json`) whose `field` names what is \
                        wrong; lists are pages with an opaque `nextCursor`; every POST takes an `Idempotency-Key` \
                        and answers a replay with the first answer."""))
                .components(new Components().addSecuritySchemes(SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API key: read, publish or admin scope, with its own rate limit.")))
                .addSecurityItem(new SecurityRequirement().addList(SCHEME));
    }
}
