package io.switchboard.sandbox;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every sandbox Graph call costs the database before it does its work: the statements the gate runs on the
 * calling thread, counted by a jOOQ listener. Under a burst these share the instance's pool with publishing.
 */
class GateTest {
    private static AppInstance app;
    private static final List<String> statements = new CopyOnWriteArrayList<>();
    private static volatile Thread counted;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.tasks.workers=false");
        var configuration = app.bean(DSLContext.class).configuration();
        List<ExecuteListenerProvider> providers = new ArrayList<>(List.of(configuration.executeListenerProviders()));
        providers.add(new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (Thread.currentThread() == counted) {
                    statements.add(ctx.sql());
                }
            }
        }));
        configuration.set(providers.toArray(ExecuteListenerProvider[]::new));
        SandboxControl.settings(app, Duration.ZERO, Duration.ofSeconds(2), 50);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_call_with_a_token_costs_two_statements_its_token_and_its_count() {
        String token = SandboxControl.account(app, "gate").accessToken();
        Gate gate = app.bean(Gate.class);
        gate.enter("profile", token, new MockHttpServletResponse());

        List<String> ran = statementsOf(() -> gate.enter("profile", token, new MockHttpServletResponse()));

        assertThat(ran).as("statements of one call: %s", ran).hasSize(2);
    }

    @Test
    void a_fault_injected_on_another_instance_strikes_the_next_call() {
        var credentials = SandboxControl.account(app, "gatefault");
        Gate gate = app.bean(Gate.class);
        gate.enter("profile", credentials.accessToken(), new MockHttpServletResponse());
        try (AppInstance other = AppInstance.start(app.context().getEnvironment().getProperty("spring.datasource.url"),
                "switchboard.tasks.workers=false")) {
            SandboxControl.inject(other, 190, 460, "profile", Long.parseLong(credentials.platformUserId()), 1);
            SandboxControl.usage(other, credentials.platformUserId(), 95, 7);

            var response = new MockHttpServletResponse();
            assertThatThrownBy(() -> gate.enter("profile", credentials.accessToken(), response))
                    .isInstanceOf(GraphFault.class).hasMessageContaining("password");
            assertThat(response.getHeader("X-Business-Use-Case-Usage"))
                    .contains("\"call_count\":95").contains("\"estimated_time_to_regain_access\":7");
            gate.enter("profile", credentials.accessToken(), new MockHttpServletResponse());
        } finally {
            SandboxControl.clearFaults(app);
        }
    }

    private static List<String> statementsOf(Runnable call) {
        statements.clear();
        counted = Thread.currentThread();
        try {
            call.run();
        } finally {
            counted = null;
        }
        return List.copyOf(statements);
    }
}
