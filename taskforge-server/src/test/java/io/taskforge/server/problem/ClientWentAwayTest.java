package io.taskforge.server.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

class ClientWentAwayTest {
    @Test
    void a_write_that_failed_on_a_broken_connection_is_the_client_going_away() {
        var wrapped = new HttpMessageNotWritableException(
                "Could not write JSON", new RuntimeException(new IOException("Broken pipe")));
        assertThat(ProblemHandler.clientWentAway(wrapped)).isTrue();
        assertThat(ProblemHandler.clientWentAway(
                        new AsyncRequestNotUsableException("closed", new IOException("reset"))))
                .isTrue();
    }

    @Test
    void other_failures_are_failures() {
        assertThat(ProblemHandler.clientWentAway(new HttpMessageNotWritableException("no converter")))
                .isFalse();
        assertThat(ProblemHandler.clientWentAway(new IllegalStateException(new IOException("disk full"))))
                .isFalse();
    }
}
