package io.switchboard.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The mode as a bean, for the modules that show or act on it (the dashboard, the accounts' sandbox accounts). */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    @Bean
    PlatformMode platformMode(Environment environment) {
        return PlatformMode.of(environment);
    }
}
