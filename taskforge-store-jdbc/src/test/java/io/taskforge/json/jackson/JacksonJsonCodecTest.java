package io.taskforge.json.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.json.JsonCodec;
import io.taskforge.json.JsonException;
import io.taskforge.json.RawJson;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonJsonCodecTest {
    private final JsonCodec codec = new JacksonJsonCodec();

    record Report(String name, int pages, Instant at, List<String> tags) {}

    @Test
    void is_the_codec_the_service_loader_finds() {
        assertThat(JsonCodec.load()).isInstanceOf(JacksonJsonCodec.class);
    }

    @Test
    void writes_records_maps_lists_and_scalars() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", List.of(true, "x"));
        map.put("c", null);

        assertThat(codec.write(new Report("r", 3, null, List.of("t"))))
                .isEqualTo("{\"name\":\"r\",\"pages\":3,\"at\":null,\"tags\":[\"t\"]}");
        assertThat(codec.write(map)).isEqualTo("{\"a\":1,\"b\":[true,\"x\"],\"c\":null}");
        assertThat(codec.write("text")).isEqualTo("\"text\"");
        assertThat(codec.write(null)).isEqualTo("null");
    }

    @Test
    void writes_time_as_iso_8601_strings() {
        Instant at = Instant.parse("2026-01-05T09:00:00.123Z");

        assertThat(codec.write(Map.of("at", at))).isEqualTo("{\"at\":\"2026-01-05T09:00:00.123Z\"}");
        assertThat(codec.write(LocalDate.of(2026, 1, 5))).isEqualTo("\"2026-01-05\"");
        assertThat(codec.write(Duration.ofSeconds(90))).isEqualTo("\"PT1M30S\"");
    }

    @Test
    void embeds_raw_json_verbatim() {
        Map<String, Object> wrapper = new LinkedHashMap<>();
        wrapper.put("result", new RawJson("{\"rows\": [1, 2]}"));
        wrapper.put("none", new RawJson(null));

        assertThat(codec.write(new RawJson("[1,  2]"))).isEqualTo("[1,  2]");
        assertThat(codec.write(wrapper)).isEqualTo("{\"result\":{\"rows\": [1, 2]},\"none\":null}");
    }

    @Test
    void reads_into_records_and_free_form_maps() {
        Report r = codec.read(
                "{\"name\":\"r\",\"pages\":3,\"at\":\"2026-01-05T09:00:00Z\",\"tags\":[\"a\"]}", Report.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = codec.read("{\"x\": {\"y\": [1, 2.5]}}", Map.class);

        assertThat(r).isEqualTo(new Report("r", 3, Instant.parse("2026-01-05T09:00:00Z"), List.of("a")));
        assertThat(map).isEqualTo(Map.of("x", Map.of("y", List.of(1, 2.5))));
    }

    @Test
    void reading_bad_json_throws_json_exception() {
        assertThatThrownBy(() -> codec.read("{\"a\":", Map.class)).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> codec.read("{} trailing", Map.class)).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> codec.read("{\"pages\":\"many\"}", Report.class))
                .isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> codec.read(null, Map.class)).isInstanceOf(JsonException.class);
    }

    @Test
    void valid_means_exactly_one_complete_json_value() {
        for (String ok : List.of("{}", "[]", "null", "0", "-1.5e3", "\"s\"", "true", " {\"a\": [1, {\"b\": null}]} ")) {
            assertThat(codec.isValid(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("", "   ", "{", "{} x", "1 2", "[1,]", "{'a':1}", "nul", "\"open")) {
            assertThat(codec.isValid(bad)).as(bad).isFalse();
        }
        assertThat(codec.isValid(null)).isFalse();
    }
}
