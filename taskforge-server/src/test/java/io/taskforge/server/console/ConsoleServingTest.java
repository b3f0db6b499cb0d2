package io.taskforge.server.console;

import static io.taskforge.server.testing.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.SqliteStore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web console over real HTTP: the built console (taskforge-console's jar) at {@code /}, its
 * router's paths answered with index.html, hashed assets cached for good, and the API's own
 * answers untouched by the fallback.
 */
@SqliteStore
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleServingTest {
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"");

    @LocalServerPort
    int port;

    Http web;

    @BeforeEach
    void connect() {
        web = new Http(port).anonymous();
    }

    private Response page(String path) {
        return web.get(path, "Accept", BROWSER_ACCEPT);
    }

    private static void assertIsConsoleIndex(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("<div id=\"app\"></div>").containsPattern(SCRIPT);
        assertThat(r.header("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void the_root_answers_the_console_index_revalidated_on_every_load() {
        assertIsConsoleIndex(page("/"));
    }

    @Test
    void a_path_of_the_console_router_answers_the_index_so_a_reload_or_bookmark_works() {
        assertIsConsoleIndex(page("/tasks/abc"));
        assertIsConsoleIndex(page("/scripts"));
    }

    @Test
    void a_hashed_asset_is_cached_for_a_year_and_never_revalidated() {
        Matcher m = SCRIPT.matcher(page("/").body());
        assertThat(m.find()).isTrue();

        Response asset = web.get(m.group(1));

        assertThat(asset.status()).as(asset.toString()).isEqualTo(200);
        assertThat(asset.contentType()).contains("javascript");
        assertThat(asset.header("Cache-Control"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("max-age=31536000").contains("immutable"));
    }

    @Test
    void a_missing_asset_is_a_404_not_the_index() {
        Response r = page("/assets/missing-0000.js");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("<div id=\"app\">");
        assertThat(page("/favicon-missing.png").status()).isEqualTo(404);
    }

    @Test
    void a_request_that_does_not_ask_for_html_is_not_given_the_index() {
        Response r = web.get("/tasks/abc", "Accept", "application/json");
        problem(r, 404);
    }

    @Test
    void an_unknown_api_path_still_answers_problem_json_not_the_index() {
        problem(page("/api/v1/nope"), 401);
        problem(new Http(port).get("/api/v1/nope", "Accept", BROWSER_ACCEPT), 404);
    }

    @Test
    void the_console_compresses_its_scripts_for_browsers_that_accept_it() {
        Matcher m = SCRIPT.matcher(page("/").body());
        assertThat(m.find()).isTrue();
        Response asset = web.get(m.group(1), "Accept-Encoding", "gzip");
        assertThat(asset.header("Content-Encoding")).hasValue("gzip");
    }
}
