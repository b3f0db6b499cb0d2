package io.taskforge.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.handler.TaskHandler;
import org.junit.jupiter.api.Test;

class BuiltinHandlersTest {

    @Test
    void lists_every_builtin_type() {
        assertThat(BuiltinHandlers.all(TestTaskContext.JSON, true))
                .extracting(TaskHandler::type)
                .containsExactlyInAnyOrder("noop", "sleep", "http", "shell");
    }

    @Test
    void leaves_shell_out_when_it_is_switched_off() {
        assertThat(BuiltinHandlers.all(TestTaskContext.JSON, false))
                .extracting(TaskHandler::type)
                .containsExactlyInAnyOrder("noop", "sleep", "http");
    }
}
