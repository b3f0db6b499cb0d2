package io.taskforge.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoopHandlerTest {

    @Test
    void does_nothing_and_returns_no_result_whatever_the_payload() throws Throwable {
        NoopHandler noop = new NoopHandler();
        TestTaskContext ctx = TestTaskContext.withPayloadJson("noop", "{\"anything\": [1, 2, 3]}");

        assertThat(noop.type()).isEqualTo("noop");
        assertThat(HandlerRun.runToEnd(noop, ctx)).isNull();
        assertThat(ctx.logLines()).isEmpty();
    }
}
