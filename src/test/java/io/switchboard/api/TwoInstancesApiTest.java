package io.switchboard.api;

import io.switchboard.identity.ApiScope;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances on one database, as behind a load balancer: one key's replays and limits hold across both. */
class TwoInstancesApiTest {
    private static AppInstance one;
    private static AppInstance two;

    @BeforeAll
    static void start() {
        String database = TestPostgres.freshDatabase();
        one = AppInstance.start(database);
        two = AppInstance.start(database);
    }

    @AfterAll
    static void stop() {
        two.close();
        one.close();
    }

    @Test
    void a_launch_replayed_at_once_on_both_instances_makes_one_campaign_and_every_answer_names_it() throws Exception {
        PublishingFixture fixture = new PublishingFixture(one);
        SignedIn.as("api-test", "OPERATOR");
        long account;
        long media;
        try {
            account = fixture.accounts(1, "apitwo").getFirst().id();
            media = fixture.images(1).getFirst();
        } finally {
            SignedIn.out();
        }
        ApiClient viaOne = ApiClient.withNewKey(one, ApiScope.PUBLISH, 1000);
        ApiClient viaTwo = new ApiClient(two.url("/api/v1"), viaOne.key());
        String name = "api-twice-" + UUID.randomUUID();
        String spec = ApiFlowTest.spec(name, account, media, "IMAGE");
        var sameKey = Map.of("Idempotency-Key", "launch-" + name);

        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ApiClient client = i % 2 == 0 ? viaOne : viaTwo;
            calls.add(() -> client.post("/campaigns", spec, sameKey));
        }
        List<Long> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                ids.add(ApiClient.json(response).get("campaign").get("id").asLong());
            }
        }
        assertThat(ids).containsOnly(ids.getFirst());
        assertThat(one.bean(Campaigns.class).list(null, 200)).filteredOn(c -> c.name().equals(name)).hasSize(1);
    }

    @Test
    void a_keys_rate_limit_counts_its_calls_on_every_instance() {
        ApiClient viaOne = ApiClient.withNewKey(one, ApiScope.READ, 4);
        ApiClient viaTwo = new ApiClient(two.url("/api/v1"), viaOne.key());
        assertThat(viaOne.get("/tasks?limit=1").statusCode()).isEqualTo(200);
        assertThat(viaTwo.get("/tasks?limit=1").statusCode()).isEqualTo(200);
        assertThat(viaOne.get("/tasks?limit=1").statusCode()).isEqualTo(200);
        assertThat(viaTwo.get("/tasks?limit=1").statusCode()).isEqualTo(200);
        assertThat(viaTwo.get("/tasks?limit=1").statusCode()).isEqualTo(429);
        assertThat(viaOne.get("/tasks?limit=1").statusCode()).isEqualTo(429);
    }
}
