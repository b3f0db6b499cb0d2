package io.taskforge.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.testing.Http.Response;
import java.util.List;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** Assertions on the server's error answers: RFC 9457 problem details, as API.md describes them. */
public final class ProblemAssertions {
    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemAssertions() {}

    /**
     * Asserts that {@code r} is a problem with this status: the media type, the status repeated in
     * the body, a type, title and detail, and no stack trace or exception name leaking out.
     */
    public static JsonNode problem(Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith(MEDIA_TYPE);
        assertThat(r.body()).doesNotContain("at io.").doesNotContain("Exception");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.hasNonNull("type")).isTrue();
        assertThat(p.hasNonNull("title")).isTrue();
        assertThat(p.hasNonNull("detail")).isTrue();
        return p;
    }

    /** A {@link #problem} whose {@code errors} name (at least) these fields. */
    public static JsonNode problemNaming(Response r, int status, String... fields) {
        JsonNode p = problem(r, status);
        assertThat(errorFields(p)).as(r.toString()).contains(fields);
        return p;
    }

    /** The fields a problem's {@code errors} name, in order. */
    public static List<String> errorFields(JsonNode problem) {
        return StreamSupport.stream(problem.get("errors").spliterator(), false)
                .map(e -> e.get("field").asString())
                .toList();
    }
}
