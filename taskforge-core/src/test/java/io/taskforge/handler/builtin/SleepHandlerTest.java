package io.taskforge.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.handler.NonRetryableException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SleepHandlerTest {
    private final SleepHandler sleep = new SleepHandler();

    @Test
    void sleeps_the_given_seconds_and_reports_them() throws Throwable {
        TestTaskContext ctx = TestTaskContext.withPayload("sleep", Map.of("seconds", 0.2));

        long start = System.nanoTime();
        Object result = HandlerRun.runToEnd(sleep, ctx);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(result).isEqualTo(new SleepHandler.Result(0.2));
        assertThat(TestTaskContext.JSON.write(result)).isEqualTo("{\"sleptSeconds\":0.2}");
    }

    @Test
    void returns_at_once_for_zero_seconds() throws Throwable {
        TestTaskContext ctx = TestTaskContext.withPayload("sleep", Map.of("seconds", 0));

        assertThat(HandlerRun.runToEnd(sleep, ctx)).isEqualTo(new SleepHandler.Result(0));
    }

    @Test
    void ends_with_an_interrupted_exception_when_interrupted() {
        HandlerRun run = HandlerRun.start(sleep, TestTaskContext.withPayload("sleep", Map.of("seconds", 3600)));

        run.stop();

        assertThatThrownBy(() -> run.result(Duration.ofSeconds(10))).isInstanceOf(InterruptedException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "{}",
                "{\"seconds\": null}",
                "{\"seconds\": -1}",
                "{\"seconds\": 86401}",
                "{\"seconds\": \"soon\"}"
            })
    void rejects_a_payload_without_seconds_in_range(String payload) {
        TestTaskContext ctx = TestTaskContext.withPayloadJson("sleep", payload);

        assertThatThrownBy(() -> HandlerRun.runToEnd(sleep, ctx))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("seconds");
    }
}
