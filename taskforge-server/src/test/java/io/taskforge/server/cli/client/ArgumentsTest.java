package io.taskforge.server.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the client reads what people type: durations, times, parameters, languages, server URLs. */
class ArgumentsTest {
    private final JsonMapper json = Json.mapper();

    @Test
    void durations_read_as_people_write_them() {
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(DurationConverter.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
        for (String bad : List.of("", "soon", "10x", "m10", "1h 30m", "-5s", "PT-1S", "s")) {
            assertThatThrownBy(() -> DurationConverter.parse(bad))
                    .as(bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("not a duration");
        }
    }

    @Test
    void times_take_a_zone_or_are_local() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant utc = Instant.parse("2026-11-23T07:00:00Z");
        assertThat(TimeConverter.parse("2026-11-23T07:00:00Z", berlin)).isEqualTo(utc);
        assertThat(TimeConverter.parse("2026-11-23T09:00+02:00", berlin)).isEqualTo(utc);
        assertThat(TimeConverter.parse("2026-11-23 08:00", berlin)).isEqualTo(utc);
        assertThat(TimeConverter.parse("2026-11-23T08:00:00", berlin)).isEqualTo(utc);
        assertThatThrownBy(() -> TimeConverter.parse("tomorrow", berlin))
                .isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void parameters_follow_the_schemas_type_and_else_read_json_numbers_booleans_and_structures() {
        assertThat(ScriptParams.value(json, "01234", Set.of("string")).isString())
                .isTrue();
        assertThat(ScriptParams.value(json, "3", Set.of("integer")).asInt()).isEqualTo(3);
        assertThat(ScriptParams.value(json, "true", Set.of("boolean")).isBoolean())
                .isTrue();
        assertThat(ScriptParams.value(json, "[1,2]", Set.of("array")).isArray()).isTrue();
        // Text that does not fit goes as text; the server's schema check names the parameter.
        assertThat(ScriptParams.value(json, "many", Set.of("integer")).asString())
                .isEqualTo("many");

        assertThat(ScriptParams.value(json, "42", Set.of()).isNumber()).isTrue();
        assertThat(ScriptParams.value(json, "false", Set.of()).isBoolean()).isTrue();
        assertThat(ScriptParams.value(json, "{\"a\":1}", Set.of()).isObject()).isTrue();
        assertThat(ScriptParams.value(json, "bob", Set.of()).asString()).isEqualTo("bob");
        assertThat(ScriptParams.value(json, "null", Set.of()).asString()).isEqualTo("null");
        assertThat(ScriptParams.value(json, "\"quoted\"", Set.of()).asString()).isEqualTo("\"quoted\"");
        assertThat(ScriptParams.value(json, "", Set.of()).asString()).isEmpty();
    }

    @Test
    void single_parameters_override_the_params_object_and_param_json_always_parses() {
        JsonNode schema = json.readTree("{\"properties\": {\"n\": {\"type\": [\"integer\", \"null\"]}}}");
        JsonNode params = ScriptParams.build(
                json,
                schema,
                json.readTree("{\"n\": 1, \"keep\": true}"),
                List.of("n=2", "eq=a=b"),
                List.of("s=\"text\"", "nothing=null"));

        assertThat(params.get("n").asInt()).isEqualTo(2);
        assertThat(params.get("keep").asBoolean()).isTrue();
        assertThat(params.get("eq").asString()).isEqualTo("a=b");
        assertThat(params.get("s").asString()).isEqualTo("text");
        assertThat(params.get("nothing").isNull()).isTrue();

        assertThatThrownBy(() -> ScriptParams.build(json, null, null, List.of("novalue"), null))
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
        assertThatThrownBy(() -> ScriptParams.build(json, null, json.readTree("[1]"), null, null))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("JSON object");
    }

    @Test
    void a_scripts_language_comes_from_its_first_line_or_its_extension() {
        assertThat(ScriptsCommand.language(Path.of("x"), "#!/usr/bin/env python3\nprint(1)"))
                .isEqualTo("python");
        assertThat(ScriptsCommand.language(Path.of("x.sh"), "#!/bin/bash\necho"))
                .isEqualTo("bash");
        assertThat(ScriptsCommand.language(Path.of("x.py"), "#!/bin/sh\necho")).isEqualTo("sh");
        assertThat(ScriptsCommand.language(Path.of("job.sh"), "echo")).isEqualTo("sh");
        assertThat(ScriptsCommand.language(Path.of("job.bash"), "echo")).isEqualTo("bash");
        assertThat(ScriptsCommand.language(Path.of("job.py"), "print()")).isEqualTo("python");
        assertThat(ScriptsCommand.language(Path.of("job.rb"), "puts 1")).isNull();
    }

    @Test
    void the_server_must_be_an_http_url_and_loses_its_trailing_slash() {
        assertThat(ApiClient.checkServer("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080");
        assertThat(ApiClient.checkServer(" https://tf.example/base ")).isEqualTo("https://tf.example/base");
        for (String bad : List.of("localhost:8080", "ftp://x", "http://", "http://x?a=b", "", "not a url")) {
            assertThatThrownBy(() -> ApiClient.checkServer(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
        }
    }

    @Test
    void names_in_paths_and_queries_are_percent_encoded() {
        assertThat(ApiClient.segment("team/etl data")).isEqualTo("team%2Fetl%20data");
        assertThat(ApiClient.query(List.of("q", "a&b c", "tag", "x"))).isEqualTo("?q=a%26b+c&tag=x");
        assertThat(ApiClient.query(java.util.Arrays.asList("q", null))).isEmpty();
    }
}
