package io.taskforge.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.task.TaskLogLine;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LinePumpTest {
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @Test
    void splits_lines_at_lf_crlf_and_cr_and_keeps_a_last_line_without_break() {
        pump("a\nb\r\nc\rd\n\ne");

        assertThat(delivered).containsExactly("a", "b", "c", "d", "", "e");
    }

    @Test
    void delivers_nothing_for_an_empty_stream() {
        pump("");

        assertThat(delivered).isEmpty();
    }

    @Test
    void cuts_a_long_line_and_goes_on_with_the_next() {
        pump("y".repeat(TaskLogLine.MAX_LINE_CHARS) + "\n" + "z".repeat(TaskLogLine.MAX_LINE_CHARS * 3) + "\nend");

        assertThat(delivered).hasSize(3);
        assertThat(delivered.get(0)).isEqualTo("y".repeat(TaskLogLine.MAX_LINE_CHARS));
        assertThat(delivered.get(1))
                .hasSize(TaskLogLine.MAX_LINE_CHARS)
                .startsWith("zzz")
                .endsWith("…[truncated]");
        assertThat(delivered.get(2)).isEqualTo("end");
    }

    @Test
    void replaces_malformed_utf8_instead_of_failing() {
        byte[] bytes = {'o', 'k', (byte) 0xC3, '\n', (byte) 0xE2, (byte) 0x9C, (byte) 0x93};

        LinePump pump = LinePump.start(new ByteArrayInputStream(bytes), "test", delivered::add, 0, 0);

        assertThat(pump.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(delivered).containsExactly("ok\uFFFD", "✓");
    }

    @Test
    void keeps_the_last_lines_within_the_line_and_character_budgets() {
        LinePump byLines = LinePump.start(stream("1\n2\n3\n4\n5\n"), "test", line -> {}, 3, 100);
        LinePump byChars = LinePump.start(stream("aaaa\nbbbb\ncccc\n"), "test", line -> {}, 10, 9);

        assertThat(byLines.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(byChars.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(byLines.tail()).containsExactly("3", "4", "5");
        assertThat(byChars.tail()).containsExactly("bbbb", "cccc");
    }

    @Test
    void keeps_reading_but_stops_delivering_once_the_sink_fails() {
        LinePump failing = LinePump.start(
                stream("1\n2\n3\n"),
                "test",
                line -> {
                    delivered.add(line);
                    throw new IllegalStateException("attempt is over");
                },
                5,
                100);

        assertThat(failing.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(delivered).containsExactly("1");
        assertThat(failing.tail()).containsExactly("1", "2", "3");
    }

    private void pump(String text) {
        LinePump pump = LinePump.start(stream(text), "test", delivered::add, 0, 0);
        assertThat(pump.awaitEnd(Duration.ofSeconds(10))).isTrue();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
