package io.switchboard.bench;

import io.switchboard.accounts.Connections;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaStatus;
import io.switchboard.platform.Platform;
import io.switchboard.publishing.Assignment;
import io.switchboard.publishing.CampaignSpec;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.CaptionStrategy;
import io.switchboard.publishing.PostCounts;
import io.switchboard.publishing.PostOptions;
import io.switchboard.publishing.PostStatus;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.publishing.Schedule;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.ChildInstance;
import testsupport.Clips;
import testsupport.Nginx;
import testsupport.SignedIn;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./mvnw -Pbench -Dbench=burst verify}: 10,000 sandbox accounts with one Reel each, every post due in the same
 * minute, published by 3 instances in JVMs of their own on one PostgreSQL; the sandbox answers every call after
 * 100 ms and processes a container for 2 s. Judged by the sandbox's own record: when each post went out against the
 * minute it was due, posts published twice, the calls the sandbox counted per published post, and how many times it
 * ran ffprobe (it checks each distinct file once, by its SHA-256, so the benchmark measures Switchboard, not 10,000
 * probes of one file). The setup instance in this JVM runs no tasks; it makes the accounts and launches the campaign.
 */
@Tag("bench")
class BurstBench {
    private static final int ACCOUNTS = Integer.getInteger("bench.burst.accounts", 10_000);
    private static final int INSTANCES = Integer.getInteger("bench.burst.instances", 3);
    private static final int PUBLISHING = Integer.getInteger("bench.burst.publishing", 256);
    /** Each look at a container logged by the instances and summed up as {@code bench burst-looks} lines. */
    private static final boolean LOOKS = Boolean.getBoolean("bench.burst.looks");
    /**
     * What the public base URL (the address the platform fetches media from) points at: {@code nginx}, the deploy
     * kit's own configuration (deploy/nginx) in front of the instances, as the kit's compose file deploys them; or
     * {@code instance0}, the first instance alone, what the benchmark did before.
     */
    private static final String BALANCER = System.getProperty("bench.burst.balancer", "nginx");
    private static final Pattern LOOK = Pattern.compile("container look (\\d+) at (-?\\d+) ms found (\\w+)");
    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final Duration PROCESSING = Duration.ofSeconds(2);
    private static final Duration TARGET = Duration.ofSeconds(300);
    /** The Graph API calls publishing makes (Switchboard's own meter); insights and token checks are not counted. */
    private static final List<String> PUBLISHING_CALLS = List.of("media.publishing_limit", "container.create",
            "container.upload", "container.status", "media.publish", "media.read", "media.list", "comment.create");
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{([^}]*area=\"heap\"[^}]*)} (\\S+)$",
            Pattern.MULTILINE);

    @Test
    void burst() throws Exception {
        Bench.only("burst");
        Path dir = Files.createTempDirectory("burst-bench");
        List<Process> children = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (EmbeddedPostgres postgres = Bench.postgres(false)) {
            String url = Bench.database(postgres, "burst");
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                ports.add(freePort());
            }
            // one public base URL for every instance: the deploy kit's nginx in front of them, or the first instance
            Nginx nginx = BALANCER.equals("nginx") ? Nginx.start(ports) : null;
            String base = nginx != null ? nginx.url("") : "http://localhost:" + ports.getFirst();
            // the setup instance runs no tasks: it makes the accounts (before the children start, so a loaded
            // machine does not time its sandbox calls out) and launches the campaign
            AppInstance setup = AppInstance.start(url, "switchboard.tasks.workers=false",
                    "logging.level.io.switchboard=WARN", "switchboard.media.public-base-url=" + base,
                    "switchboard.platform.read-timeout=120s");
            try {
                SignedIn.as("bench", "OPERATOR");
                Connections connections = setup.bean(Connections.class);
                URI callback = URI.create(setup.url("/accounts/connect/callback"));
                for (int made = 0; made < ACCOUNTS; made += 100) {
                    connections.createSandboxAccounts(Platform.INSTAGRAM, Math.min(100, ACCOUNTS - made), "burst",
                            "burst", callback);
                }
                PublishingFixture fixture = new PublishingFixture(setup);
                long media = fixture.upload(Clips.compliant(dir, "reel.mp4", 3));
                for (int i = 0; i < INSTANCES; i++) {
                    Path log = dir.resolve("instance-" + i + ".log");
                    children.add(ChildInstance.start(List.of("-Xmx1g", "-XX:+UseG1GC"), url, log,
                            "server.port=" + ports.get(i), "switchboard.media.public-base-url=" + base,
                            "logging.level.io.switchboard=WARN", "switchboard.tasks.queues.publishing=" + PUBLISHING,
                            "spring.datasource.hikari.maximum-pool-size=40",
                            "switchboard.identity.metrics-token=" + HeapWatch.TOKEN,
                            "logging.level.io.switchboard.publishing.PublishRunner=" + (LOOKS ? "DEBUG" : "WARN")));
                }
                for (int i = 0; i < INSTANCES; i++) {
                    ChildInstance.awaitReady(children.get(i), dir.resolve("instance-" + i + ".log"));
                }
                awaitReady(setup, media);
                HeapWatch heap = new HeapWatch(ports);
                sampler.scheduleAtFixedRate(() -> ports.forEach(heap::sample), 0, 1, TimeUnit.SECONDS);
                try {
                    run(setup, media, heap);
                } finally {
                    if (LOOKS) {
                        looks(dir);
                    }
                }
            } finally {
                SignedIn.out();
                sampler.shutdownNow();
                children.forEach(Process::destroy);
                for (Process child : children) {
                    child.waitFor(30, TimeUnit.SECONDS);
                    child.destroyForcibly();
                }
                setup.close();
                if (nginx != null) {
                    nginx.close();
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(AppInstance setup, long media, HeapWatch heap) throws Exception {
        SandboxControl.settings(setup, LATENCY, PROCESSING, 50);
        DSLContext db = setup.bean(DSLContext.class);
        long callsBefore = accountCalls(db);

        // due at the start of a minute, far enough ahead that the launch is done before it
        Instant due = Instant.now().plusSeconds(60 + ACCOUNTS / 200).truncatedTo(ChronoUnit.MINUTES)
                .plus(1, ChronoUnit.MINUTES);
        var spec = new CampaignSpec("Burst", List.of(), "burst", List.of(media),
                new CaptionStrategy.Template("{media.title} for @{account.username}"), List.of(),
                new Assignment.EveryAccountEveryMedia(), new Schedule(due, Duration.ZERO, null, null, 50),
                PostOptions.reels());
        Campaigns campaigns = setup.bean(Campaigns.class);
        long launchStart = System.nanoTime();
        long campaignId = campaigns.launch(spec, "bench");
        double launchSeconds = (System.nanoTime() - launchStart) / 1e9;
        if (Instant.now().isAfter(due)) {
            throw new AssertionError("the launch took " + launchSeconds + " s and ended after the due minute");
        }
        while (true) {
            PostCounts counts = campaigns.counts(campaignId);
            if (counts.get(PostStatus.FAILED) > 0) {
                // the instances' logs are deleted with the run: say why here
                throw new AssertionError("posts failed: " + counts + "; why: " + db.fetch("SELECT status_reason, "
                        + "count(*) FROM campaign_post WHERE status = 'failed' GROUP BY 1").formatCSV(false));
            }
            if (counts.get(PostStatus.PUBLISHED) == counts.total()) {
                break;
            }
            if (Instant.now().isAfter(due.plus(Duration.ofMinutes(30)))) {
                throw new AssertionError("not all published 30 minutes after the due minute: " + counts);
            }
            Thread.sleep(500);
        }
        report(db, due, callsBefore, launchSeconds, heap);
    }

    private void report(DSLContext db, Instant due, long callsBefore, double launchSeconds, HeapWatch heap) {
        // the sandbox's own record: captions are unique to a post, so a caption twice is a post twice
        var late = db.fetch("SELECT extract(epoch FROM published_at - {0}::timestamptz) FROM sandbox_media "
                + "ORDER BY 1", due.atOffset(java.time.ZoneOffset.UTC)).map(r -> r.get(0, Double.class));
        int onPlatform = late.size();
        int distinct = db.fetchSingle("SELECT count(DISTINCT (account_id, caption)) FROM sandbox_media")
                .get(0, Integer.class);
        long[] lateMillis = late.stream().mapToLong(s -> Math.round(s * 1000)).sorted().toArray();
        double seconds = lateMillis.length == 0 ? 0 : lateMillis[lateMillis.length - 1] / 1000.0;
        long sandboxCalls = accountCalls(db) - callsBefore;
        List<String> scrapes = heap.scrapeAll();
        java.util.Map<String, Double> byCall = new java.util.TreeMap<>();
        for (String call : PUBLISHING_CALLS) {
            double count = HeapWatch.total(scrapes, "switchboard_platform_calls_seconds_count", "call=\"" + call + "\"");
            if (count > 0) {
                byCall.put(call, count);
            }
        }
        double calls = byCall.values().stream().mapToDouble(Double::doubleValue).sum();
        String breakdown = byCall.entrySet().stream().map(e -> e.getKey() + ":" + String.format(java.util.Locale.ROOT,
                "%.2f", e.getValue() / Math.max(1, onPlatform))).collect(java.util.stream.Collectors.joining(","));
        int fetches = db.fetchSingle("SELECT count(*) FROM sandbox_container WHERE checked_at IS NOT NULL")
                .get(0, Integer.class);
        long probes = Math.round(HeapWatch.total(scrapes, "switchboard_sandbox_media_checks_total"));
        Bench.print(String.format(java.util.Locale.ROOT, "burst accounts=%d instances=%d seconds=%.1f late_p50_s=%.1f "
                        + "late_p95_s=%.1f duplicates=%d on_platform=%d heap_max_mb=%d calls_per_post=%.2f calls=%s "
                        + "sandbox_calls_per_post=%.2f "
                        + "launch_s=%.1f media_fetches=%d media_probes=%d media_checked=once_per_content_hash "
                        + "latency_ms=%d processing_s=%d publishing_concurrency=%d instances_in=separate-jvms fsync=%s "
                        + "public_base=%s",
                ACCOUNTS, INSTANCES, seconds, Bench.percentile(lateMillis, 50) / 1000.0,
                Bench.percentile(lateMillis, 95) / 1000.0, onPlatform - distinct, onPlatform, heap.maxMb(),
                onPlatform == 0 ? 0 : calls / onPlatform, breakdown,
                onPlatform == 0 ? 0 : (double) sandboxCalls / onPlatform, launchSeconds, fetches, probes,
                LATENCY.toMillis(), PROCESSING.toSeconds(), PUBLISHING, db.fetchValue("SHOW fsync"),
                BALANCER.equals("nginx") ? "nginx-deploy-kit-in-front-of-instances" : "instance0"));
        readiness(db);
        outcomes(scrapes, onPlatform);
        mediaEndpoint(db, scrapes);
        if (onPlatform != distinct || onPlatform != ACCOUNTS) {
            throw new AssertionError("published twice or not at all: see the line above");
        }
        if (seconds > TARGET.toSeconds()) {
            throw new AssertionError("not all published within " + TARGET.toSeconds() + " s of the due minute");
        }
    }

    /**
     * The looks at containers before publishing, by their number (the first, the second…): how many, how many found
     * the container ready, and the container's age at them; then the containers' own record: how long each took to
     * be ready (fetched, checked and processed) and how long after that it was published.
     */
    private static void looks(Path dir) throws java.io.IOException {
        java.util.Map<Integer, List<Long>> ages = new java.util.TreeMap<>();
        java.util.Map<Integer, Integer> ready = new java.util.TreeMap<>();
        for (int i = 0; i < INSTANCES; i++) {
            for (String line : Files.readAllLines(dir.resolve("instance-" + i + ".log"))) {
                Matcher look = LOOK.matcher(line);
                if (look.find()) {
                    int n = Integer.parseInt(look.group(1));
                    ages.computeIfAbsent(n, k -> new ArrayList<>()).add(Long.parseLong(look.group(2)));
                    ready.merge(n, look.group(3).equals("ReadyToPublish") ? 1 : 0, Integer::sum);
                }
            }
        }
        for (var e : ages.entrySet()) {
            long[] sorted = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            Bench.print(String.format(java.util.Locale.ROOT, "burst-looks look=%d count=%d found_ready=%d "
                            + "age_p5_s=%.1f age_p50_s=%.1f age_p95_s=%.1f", e.getKey(), sorted.length,
                    ready.get(e.getKey()), Bench.percentile(sorted, 5) / 1000.0, Bench.percentile(sorted, 50) / 1000.0,
                    Bench.percentile(sorted, 95) / 1000.0));
        }
    }

    /**
     * Publishing's calls per post by outcome ({@code ok}, {@code transient} for a timeout, {@code throttled}…): a
     * call that failed or was held back is counted like one that answered, and is why a step is taken again.
     */
    private static void outcomes(List<String> scrapes, int onPlatform) {
        Pattern sample = Pattern.compile("^switchboard_platform_calls_seconds_count\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Pattern call = Pattern.compile("call=\"([^\"]+)\"");
        Pattern outcome = Pattern.compile("outcome=\"([^\"]+)\"");
        java.util.Map<String, Double> counts = new java.util.TreeMap<>();
        for (String scrape : scrapes) {
            Matcher m = sample.matcher(scrape);
            while (m.find()) {
                Matcher c = call.matcher(m.group(1));
                Matcher o = outcome.matcher(m.group(1));
                if (c.find() && o.find() && PUBLISHING_CALLS.contains(c.group(1))) {
                    counts.merge(c.group(1) + "/" + o.group(1), Double.parseDouble(m.group(2)), Double::sum);
                }
            }
        }
        Bench.print("burst-outcomes " + counts.entrySet().stream().map(e -> e.getKey() + ":" + String.format(
                java.util.Locale.ROOT, "%.2f", e.getValue() / Math.max(1, onPlatform)))
                .collect(java.util.stream.Collectors.joining(",")));
    }

    /**
     * What the platform's media fetches cost the instances that serve them: requests to the media file endpoint per
     * instance, their mean and max server time (Spring's own http.server.requests), and the size of the file.
     */
    private static void mediaEndpoint(DSLContext db, List<String> scrapes) {
        StringBuilder out = new StringBuilder("burst-media-endpoint");
        for (int i = 0; i < scrapes.size(); i++) {
            List<String> one = List.of(scrapes.get(i));
            double acquired = HeapWatch.total(one, "hikaricp_connections_acquire_seconds_count");
            out.append(String.format(java.util.Locale.ROOT, " instance%d_sent_by_sendfile=%d instance%d_sent_by_copy=%d "
                            + "instance%d_pool_acquire_mean_ms=%.1f instance%d_pool_acquire_max_ms=%.0f", i,
                    Math.round(HeapWatch.total(one, "switchboard_media_files_sent_total", "by=\"sendfile\"")), i,
                    Math.round(HeapWatch.total(one, "switchboard_media_files_sent_total", "by=\"copy\"")), i,
                    acquired == 0 ? 0 : HeapWatch.total(one, "hikaricp_connections_acquire_seconds_sum") * 1000 / acquired,
                    i, HeapWatch.max(one, "hikaricp_connections_acquire_seconds_max") * 1000));
        }
        Object bytes = db.fetchValue("SELECT max(size_bytes) FROM media_rendition WHERE kind NOT IN ('ICON', 'THUMBNAIL')");
        var fetched = db.fetch("SELECT extract(epoch FROM checked_at - created_at) * 1000 FROM sandbox_container "
                + "WHERE checked_at IS NOT NULL").stream().mapToLong(r -> Math.round(r.get(0, Double.class))).sorted()
                .toArray();
        out.append(String.format(java.util.Locale.ROOT, " file_bytes=%d created_to_checked_p50_s=%.1f "
                        + "created_to_checked_p95_s=%.1f", bytes == null ? 0 : ((Number) bytes).longValue(),
                Bench.percentile(fetched, 50) / 1000.0, Bench.percentile(fetched, 95) / 1000.0));
        Bench.print(out.toString());
    }

    /** The containers' own record: how long each took to be ready, and from ready to published. */
    private static void readiness(DSLContext db) {
        var rows = db.fetch("SELECT extract(epoch FROM greatest(ready_not_before, checked_at) - created_at) * 1000, "
                + "extract(epoch FROM published_at - greatest(ready_not_before, checked_at)) * 1000 "
                + "FROM sandbox_container WHERE published_at IS NOT NULL");
        long[] toReady = rows.stream().mapToLong(r -> Math.round(r.get(0, Double.class))).sorted().toArray();
        long[] toPublished = rows.stream().mapToLong(r -> Math.round(r.get(1, Double.class))).sorted().toArray();
        Bench.print(String.format(java.util.Locale.ROOT, "burst-readiness containers=%d ready_p50_s=%.1f "
                        + "ready_p95_s=%.1f ready_max_s=%.1f ready_to_published_p50_s=%.1f ready_to_published_p95_s=%.1f",
                toReady.length, Bench.percentile(toReady, 50) / 1000.0, Bench.percentile(toReady, 95) / 1000.0,
                toReady.length == 0 ? 0 : toReady[toReady.length - 1] / 1000.0, Bench.percentile(toPublished, 50) / 1000.0,
                Bench.percentile(toPublished, 95) / 1000.0));
    }

    /** The media prepared by the children (a cold JVM on a loaded machine takes its time). */
    private static void awaitReady(AppInstance setup, long media) throws InterruptedException {
        MediaLibrary library = setup.bean(MediaLibrary.class);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!library.find(media).orElseThrow().status().settled()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Reel was not prepared within 10 minutes");
            }
            Thread.sleep(500);
        }
        if (library.find(media).orElseThrow().status() != MediaStatus.READY) {
            throw new AssertionError("the Reel was rejected: " + library.find(media).orElseThrow().rejection());
        }
    }

    /** Calls the sandbox counted against accounts (not the app-wide count it keeps too). */
    private static long accountCalls(DSLContext db) {
        return db.fetchSingle("SELECT coalesce(sum(calls), 0) FROM sandbox_usage WHERE scope <> 0")
                .get(0, Long.class);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The highest heap use any instance reported on its Prometheus endpoint while the benchmark ran. */
    private static final class HeapWatch {
        private final HttpClient client = HttpClient.newHttpClient();
        private final java.util.Map<Integer, Long> max = new ConcurrentHashMap<>();
        /**
         * Prometheus's own bearer token, as a deployment scrapes: a password would cost each instance a BCrypt check
         * every second (a tenth of an instance's CPU samples during a 1,000-account burst, JFR), the benchmark's load,
         * not Switchboard's.
         */
        static final String TOKEN = AppInstance.METRICS_TOKEN;
        private final String authorization = "Bearer " + TOKEN;

        private final List<Integer> ports;

        HeapWatch(List<Integer> ports) {
            this.ports = ports;
        }

        private String scrape(int port, Duration timeout) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .header("Authorization", authorization).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        /** Every instance's metrics now (a loaded machine may take its time to answer). */
        List<String> scrapeAll() {
            List<String> bodies = new ArrayList<>();
            for (int port : ports) {
                try {
                    bodies.add(scrape(port, Duration.ofMinutes(2)));
                } catch (Exception e) {
                    throw new IllegalStateException("instance on port " + port + " did not answer", e);
                }
            }
            return bodies;
        }

        /** A metric summed over the instances' samples whose labels contain all of {@code labels}. */
        static double total(List<String> scrapes, String metric, String... labels) {
            Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
            double sum = 0;
            for (String scrape : scrapes) {
                Matcher sample = line.matcher(scrape);
                while (sample.find()) {
                    String found = sample.group(1) == null ? "" : sample.group(1);
                    if (java.util.Arrays.stream(labels).allMatch(found::contains)) {
                        sum += Double.parseDouble(sample.group(2));
                    }
                }
            }
            return sum;
        }

        /** The largest sample of a metric over the instances' scrapes. */
        static double max(List<String> scrapes, String metric) {
            Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
            double max = 0;
            for (String scrape : scrapes) {
                Matcher sample = line.matcher(scrape);
                while (sample.find()) {
                    max = Math.max(max, Double.parseDouble(sample.group(2)));
                }
            }
            return max;
        }

        void sample(int port) {
            try {
                Matcher sample = HEAP.matcher(scrape(port, Duration.ofSeconds(5)));
                long used = 0;
                while (sample.find()) {
                    used += (long) Double.parseDouble(sample.group(2));
                }
                max.merge(port, used, Math::max);
            } catch (Exception e) {
                // a missed sample: the next one a second later counts
            }
        }

        long maxMb() {
            return max.values().stream().mapToLong(Long::longValue).max().orElse(0) / (1024 * 1024);
        }
    }
}
