package io.switchboard.accounts;

import io.switchboard.platform.Credentials;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import io.switchboard.testing.WebSession;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import testsupport.TableSnapshot;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/** CSV import through the Accounts pages over HTTP: all or nothing, every error named by row and column. */
class AccountImportTest {
    private static final Pattern COMMIT = Pattern.compile("action=\"/accounts/import/([0-9a-f-]{36})\"");
    private static AppInstance app;
    private static WebSession operator;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        accounts = app.bean(Accounts.class);
        operator = Operators.signedIn(app, Operators.create(app, "OPERATOR"), Operators.PASSWORD);
    }

    @Test
    void a_file_with_one_bad_row_imports_nothing_and_names_the_row_and_column() {
        List<Credentials> tokens = tokens(3, "badfile");
        String csv = "access_token,time_zone,tags,platform\n"
                + tokens.get(0).accessToken() + ",Europe/Berlin,eu,instagram\n"
                + tokens.get(1).accessToken() + ",Mars/Olympus_Mons,eu,instagram\n"
                + tokens.get(2).accessToken() + ",UTC,\"eu;brand\",instagram\n";

        HttpResponse<String> preview = preview(csv);

        assertThat(preview.body()).contains("1 problem found. Nothing was imported");
        assertThat(errorRows(preview.body())).containsExactly(List.of("3", "time_zone",
                "&#39;Mars/Olympus_Mons&#39; is not a time zone: use an IANA name such as Europe/Berlin or America/New_York (or leave it empty for UTC)."));
        assertThat(COMMIT.matcher(preview.body()).find()).as("no commit offered").isFalse();
        tokens.forEach(t -> assertThat(connected(t)).isFalse());
    }

    @Test
    void every_kind_of_bad_row_is_listed_at_once() {
        List<Credentials> tokens = tokens(3, "manybad");
        Credentials revoked = tokens.get(2);
        SandboxControl.revokeTokens(app, revoked.platformUserId());
        String csv = "access_token,username,desired_website,platform\n"
                + tokens.get(0).accessToken() + ",,https://example.com,instagram\n"
                + tokens.get(0).accessToken() + ",,,instagram\n"
                + tokens.get(1).accessToken() + ",someone_else,,instagram\n"
                + revoked.accessToken() + ",,not a url,instagram\n"
                + ",,,instagram\n";

        List<List<String>> errors = errorRows(preview(csv).body());

        assertThat(errors).extracting(e -> e.get(0) + " " + e.get(1)).containsExactly(
                "3 access_token", "4 username", "5 access_token", "5 desired_website", "6 access_token");
        assertThat(errors.get(0).get(2)).contains("the same token as row 2");
        assertThat(errors.get(1).get(2)).contains("not @someone_else");
        assertThat(errors.get(2).get(2)).contains("the platform refused the token");
        tokens.forEach(t -> assertThat(connected(t)).isFalse());
    }

    @Test
    void a_good_file_imports_every_row_after_the_preview() {
        List<Credentials> tokens = tokens(3, "goodfile");
        String csv = "access_token,time_zone,tags,notes,desired_biography,platform\r\n"
                + tokens.get(0).accessToken() + ",America/New_York,us;launch,\"Notes, with a comma\",Hello,instagram\r\n"
                + tokens.get(1).accessToken() + ",,us,,,instagram\r\n"
                + tokens.get(2).accessToken() + ",Asia/Tokyo,,,,instagram\r\n";

        HttpResponse<String> preview = preview(csv);
        assertThat(preview.body()).contains("Ready to import 3 account(s)");
        tokens.forEach(t -> assertThat(connected(t)).as("nothing before the commit").isFalse());
        Matcher commit = COMMIT.matcher(preview.body());
        assertThat(commit.find()).isTrue();

        HttpResponse<String> committed = operator.post(app.url("/accounts/import/" + commit.group(1)), Map.of());
        assertThat(committed.headers().firstValue("Location").orElseThrow()).endsWith("/accounts");

        Account first = accounts.list(new AccountFilter(null, null, null, null), null, 200).accounts().stream()
                .filter(a -> a.platformUserId().equals(tokens.get(0).platformUserId())).findFirst().orElseThrow();
        assertThat(first.timeZone().getId()).isEqualTo("America/New_York");
        assertThat(first.tags()).containsExactly("launch", "us");
        assertThat(first.notes()).isEqualTo("Notes, with a comma");
        assertThat(first.connectedVia()).isEqualTo(ConnectedVia.IMPORT);
        assertThat(first.tokenExpiresAt()).isNotNull();
        tokens.forEach(t -> assertThat(connected(t)).isTrue());
        assertThat(operator.post(app.url("/accounts/import/" + commit.group(1)), Map.of()).headers()
                .firstValue("Location").orElseThrow()).as("an import applies once").endsWith("/accounts/import");
    }

    @Test
    void each_row_names_its_platform_once_two_are_installed_and_the_export_shows_it() {
        List<Credentials> tokens = tokens(3, "platformfile");
        String csv = "access_token,platform\n"
                + tokens.get(0).accessToken() + ",Instagram\n"
                + tokens.get(1).accessToken() + ",\n"
                + tokens.get(2).accessToken() + ",MySpace\n";
        List<List<String>> errors = errorRows(preview(csv).body());
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("3", "platform");
        assertThat(errors.get(0).get(2)).contains("the account&#39;s platform: Instagram, TikTok");
        assertThat(errors.get(1)).startsWith("4", "platform");
        assertThat(errors.get(1).get(2)).contains("&quot;MySpace&quot; is not a platform").contains("use Instagram, TikTok");

        String good = "access_token,platform\n" + tokens.stream().map(t -> t.accessToken() + ",instagram\n")
                .reduce("", String::concat);
        HttpResponse<String> preview = preview(good);
        assertThat(preview.body()).contains("Ready to import 3 account(s)");
        assertThat(preview.body().split("class=\"badge platform\">Instagram<", -1)).as("each row shows its platform")
                .hasSize(4);
        operator.post(app.url("/accounts/import/" + commitId(preview)), Map.of());
        tokens.forEach(t -> assertThat(connected(t)).isTrue());

        String export = operator.get(app.url("/accounts/export.csv?platform=instagram&q=platformfile")).body();
        assertThat(export.lines().toList()).hasSize(4).first().asString().startsWith("platform,username,");
        assertThat(export.lines().skip(1)).allSatisfy(line -> assertThat(line).startsWith("Instagram,platformfile"));
    }

    @Test
    void a_row_for_an_account_already_connected_is_refused() {
        List<Credentials> tokens = tokens(1, "again");
        String csv = "access_token,platform\n" + tokens.getFirst().accessToken() + ",instagram\n";
        operator.post(app.url("/accounts/import/" + commitId(preview(csv))), Map.of());

        assertThat(errorRows(preview(csv).body())).singleElement()
                .satisfies(e -> assertThat(e).startsWith("2", "access_token").last().asString().contains("already connected"));
    }

    @Test
    void a_viewer_cannot_import_even_with_a_forged_post() {
        WebSession viewer = Operators.signedIn(app, Operators.create(app, "VIEWER"), Operators.PASSWORD);
        assertThat(viewer.get(app.url("/accounts/import")).statusCode()).isEqualTo(200);
        var token = tokens(1, "viewer").getFirst();
        String csv = "access_token,platform\n" + token.accessToken() + ",instagram\n";
        DSLContext db = app.bean(DSLContext.class);
        var before = TableSnapshot.settled(db, "account", "account_import", "task");
        assertThat(viewer.post(app.url("/accounts/import"), Map.of("csv", csv)).statusCode()).isEqualTo(403);
        assertThat(TableSnapshot.of(db, "account", "account_import", "task")).as("no preview kept, nothing imported")
                .isEqualTo(before);
        assertThat(connected(token)).isFalse();
    }

    @Test
    void the_tokens_are_checked_by_a_task_the_page_follows_never_inside_the_upload_request() {
        var tokens = tokens(3, "slowcheck");
        String csv = "access_token,platform\n" + tokens.stream().map(t -> t.accessToken() + ",instagram\n")
                .reduce("", String::concat);
        // every platform call takes 8 s: an upload that checked even one token itself would take that long
        SandboxControl.settings(app, Duration.ofSeconds(8), Duration.ZERO, 50);
        try {
            operator.get(app.url("/accounts/import"));
            long start = System.nanoTime();
            HttpResponse<String> started = operator.post(app.url("/accounts/import"), Map.of("csv", csv));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the upload waits for no platform call")
                    .isLessThan(Duration.ofSeconds(8));
            assertThat(started.statusCode()).isEqualTo(302);
            String checkPath = path(started.headers().firstValue("Location").orElseThrow());
            HttpResponse<String> following = operator.get(app.url(checkPath));
            assertThat(following.body()).contains("Checking the file").contains("id=\"import-progress\"")
                    .contains("hx-trigger=\"every 1s\"");
            HttpResponse<String> fragment = operator.get(app.url(checkPath), Map.of("HX-Request", "true",
                    "HX-Target", "import-check"));
            assertThat(operator.get(app.url(checkPath), Map.of("HX-Request", "true", "HX-Boosted", "true")).body())
                    .as("a boosted navigation gets the whole page").contains("id=\"import-form\"");
            assertThat(fragment.body()).doesNotContain("<html").contains("id=\"import-check\"");

            HttpResponse<String> done = awaitPreview(checkPath);
            assertThat(done.body()).contains("Ready to import 3 account(s)").doesNotContain("hx-trigger=\"every 1s\"");
        } finally {
            SandboxControl.settings(app, Duration.ZERO, Duration.ZERO, 50);
        }
    }

    @Test
    void a_file_that_is_not_utf8_is_refused_naming_its_line() {
        byte[] latin1 = "access_token,notes\nabc,fine\ndef,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        operator.get(app.url("/accounts/import"));
        String boundary = "----import-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + operator.csrf()
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"accounts.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + latin1.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(latin1, 0, body, head.length, latin1.length);
        System.arraycopy(tail, 0, body, head.length + latin1.length, tail.length);
        HttpResponse<String> refused = operator.send(HttpRequest.newBuilder(URI.create(app.url("/accounts/import")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Line 3 is not UTF-8 text").contains("Save the file as UTF-8");
    }

    private static HttpResponse<String> preview(String csv) {
        operator.get(app.url("/accounts/import"));
        HttpResponse<String> started = operator.post(app.url("/accounts/import"), Map.of("csv", csv));
        assertThat(started.statusCode()).isEqualTo(302);
        return awaitPreview(path(started.headers().firstValue("Location").orElseThrow()));
    }

    /** The import's page once its check is done (it follows the check until then). */
    private static HttpResponse<String> awaitPreview(String checkPath) {
        AtomicReference<HttpResponse<String>> page = new AtomicReference<>();
        eventually(Duration.ofSeconds(180), () -> {
            page.set(operator.get(app.url(checkPath)));
            assertThat(page.get().body()).contains("id=\"preview\"");
        });
        return page.get();
    }

    private static String path(String location) {
        return URI.create(location).getRawPath();
    }

    private static String commitId(HttpResponse<String> preview) {
        Matcher matcher = COMMIT.matcher(preview.body());
        assertThat(matcher.find()).as(preview.body()).isTrue();
        return matcher.group(1);
    }

    /** The rows of the error table: row, column, problem. */
    static List<List<String>> errorRows(String html) {
        int table = html.indexOf("id=\"import-errors\"");
        if (table < 0) {
            return List.of();
        }
        String body = html.substring(table, html.indexOf("</table>", table));
        Matcher row = Pattern.compile("<tr>\\s*<td class=\"num\">([^<]*)</td>\\s*<td>(?:<code>([^<]*)</code>)?</td>\\s*<td>([^<]*)</td>")
                .matcher(body);
        List<List<String>> rows = new java.util.ArrayList<>();
        while (row.find()) {
            rows.add(List.of(row.group(1), row.group(2) == null ? "" : row.group(2), row.group(3)));
        }
        return rows;
    }

    private static List<Credentials> tokens(int count, String prefix) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> SandboxControl.account(app, prefix)).toList();
    }

    private static boolean connected(Credentials token) {
        return accounts.ids(AccountFilter.ALL).stream().map(id -> accounts.find(id).orElseThrow().platformUserId())
                .anyMatch(id -> id.equals(token.platformUserId()));
    }
}
