package io.taskforge.server.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Tables, times and problems as people read them. */
class OutputTest {

    @Test
    void a_table_aligns_columns_by_visible_width_and_cleans_control_characters() {
        Table table = new Table("ID", "STATUS", "TITLE");
        table.add("a", "\u001B[32mSUCCEEDED\u001B[0m", "two\nlines");
        table.add("longer-id", "FAILED", null);
        StringWriter out = new StringWriter();

        table.print(new PrintWriter(out));

        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).isEqualTo("ID         STATUS     TITLE");
        assertThat(lines[1]).isEqualTo("a          \u001B[32mSUCCEEDED\u001B[0m  two lines");
        assertThat(lines[2]).isEqualTo("longer-id  FAILED     -");
        assertThat(Table.clip("abcdef", 4)).isEqualTo("abc…");
    }

    @Test
    void times_are_compact_and_local_and_ages_are_short() {
        Output o = new Output(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                Json.mapper(),
                false,
                false,
                ZoneId.of("Europe/Berlin"));

        assertThat(o.time("2026-11-23T07:01:02.345Z")).isEqualTo("2026-11-23 08:01:02");
        assertThat(o.time((String) null)).isNull();
        assertThat(o.status("FAILED")).isEqualTo("FAILED");
        assertThat(Output.age(45)).isEqualTo("45s");
        assertThat(Output.age(192)).isEqualTo("3m12s");
        assertThat(Output.age(7500)).isEqualTo("2h5m");
        assertThat(Output.age(3 * 86_400 + 4 * 3600)).isEqualTo("3d4h");
    }

    @Test
    void a_problem_is_shown_with_its_title_detail_and_every_field_error() {
        ApiClient api = new ApiClient("http://127.0.0.1:1", Json.mapper());

        assertThat(api.problemText(404, "{\"title\": \"Not found\", \"status\": 404, \"detail\": \"no task x\"}"))
                .isEqualTo("Not found (HTTP 404): no task x");
        assertThat(api.problemText(
                        422,
                        "{\"title\": \"Invalid input\", \"detail\": \"queue must match (and 1 more)\", \"errors\":"
                                + " [{\"field\": \"queue\", \"message\": \"must match\"}, {\"field\": \"maxAttempts\","
                                + " \"message\": \"must be 1..100\"}]}"))
                .isEqualTo("Invalid input (HTTP 422): queue must match (and 1 more)\n  queue: must match\n"
                        + "  maxAttempts: must be 1..100");
        assertThat(api.problemText(502, "<html>\nBad gateway</html>"))
                .isEqualTo("the server answered HTTP 502: <html>");
        assertThat(api.problemText(500, "")).isEqualTo("the server answered HTTP 500");
    }

    @Test
    void connection_failures_are_named_as_people_say_them() {
        assertThat(ApiClient.reason(new java.io.IOException(new java.net.ConnectException())))
                .isEqualTo("connection refused");
        assertThat(ApiClient.reason(new java.net.http.HttpConnectTimeoutException("x")))
                .isEqualTo("connection timed out");
        assertThat(ApiClient.reason(new java.io.IOException(new java.net.UnknownHostException("nowhere"))))
                .isEqualTo("unknown host");
    }
}
