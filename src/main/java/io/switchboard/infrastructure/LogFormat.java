package io.switchboard.infrastructure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * {@code LOG_FORMAT=json} switches the console to structured JSON (Elastic Common Schema), for log
 * shippers; anything else keeps the readable text format. Runs before logging is initialised.
 */
class LogFormat implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("LOG_FORMAT", environment.getProperty("log.format", "text"));
        if ("json".equalsIgnoreCase(format.trim())) {
            environment.getPropertySources().addFirst(new MapPropertySource("switchboardLogFormat",
                    Map.of("logging.structured.format.console", "ecs")));
        }
    }
}
