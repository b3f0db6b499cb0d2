package io.taskforge.server.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LogStreamsTest {

    @Test
    void prettyPrintedJsonBecomesOneLineAndStaysTheSameJson() {
        String pretty = "{\n  \"a\": [1,\r\n 2],\n  \"s\": \"line\\nbreak\"\n}";
        String line = LogStreams.oneLine(pretty);
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(line)).isEqualTo(json.readTree(pretty));
    }

    @Test
    void compactJsonIsLeftAlone() {
        String compact = "{\"a\":1}";
        assertThat(LogStreams.oneLine(compact)).isSameAs(compact);
    }
}
