package io.taskforge.server.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.client.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** JSON Schema checks with the real library: schemas when scripts are stored, parameters when they run. */
class JsonSchemaParametersTest {
    private static final String SCHEMA = """
            {"type": "object", "required": ["count", "day"], "additionalProperties": false,
             "properties": {
               "count": {"type": "integer", "minimum": 1},
               "day": {"type": "string", "format": "date"},
               "items": {"type": "array", "items": {"$ref": "#/$defs/item"}}},
             "$defs": {"item": {"type": "object", "properties": {"name": {"type": "string"}}}}}
            """;

    private final JsonSchemaParameters schemas =
            new JsonSchemaParameters(JsonMapper.builder().build());

    @Test
    void accepts_a_2020_12_schema_with_local_references() {
        assertThat(schemas.schemaErrors(SCHEMA, "parameters")).isEmpty();
        assertThat(schemas.schemaErrors("{}", "parameters")).isEmpty();
        assertThat(schemas.schemaErrors(
                        "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": [\"object\"]}",
                        "parameters"))
                .isEmpty();
    }

    @Test
    void names_what_breaks_the_meta_schema() {
        assertThat(schemas.schemaErrors("{\"type\": \"strnig\"}", "parameters"))
                .extracting(FieldError::field)
                .containsExactly("parameters.type");
        assertThat(schemas.schemaErrors("{\"properties\": {\"a\": {\"minimum\": \"one\"}}}", "parameters"))
                .containsExactly(new FieldError("parameters.properties.a.minimum", "string found, number expected"));
    }

    @Test
    void refuses_what_is_not_a_schema_of_an_object() {
        assertThat(schemas.schemaErrors("[1, 2]", "parameters"))
                .extracting(FieldError::field)
                .containsExactly("parameters");
        assertThat(schemas.schemaErrors("true", "parameters"))
                .extracting(FieldError::field)
                .containsExactly("parameters");
        assertThat(schemas.schemaErrors("{not json", "parameters"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("is not valid JSON"));
        assertThat(schemas.schemaErrors("{\"type\": \"string\"}", "parameters"))
                .extracting(FieldError::field)
                .containsExactly("parameters.type");
    }

    @Test
    void refuses_other_drafts() {
        assertThat(schemas.schemaErrors(
                        "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\"}",
                        "parameters"))
                .extracting(FieldError::field)
                .containsExactly("parameters.$schema");
    }

    @Test
    void refuses_references_it_cannot_resolve_inside_the_schema_without_fetching_them() {
        for (String ref : List.of(
                "http://127.0.0.1:9/schema.json",
                "classpath:application.properties",
                "file:///etc/passwd",
                "#/$defs/x")) {
            assertThat(schemas.schemaErrors("{\"$ref\": \"" + ref + "\"}", "parameters"))
                    .as(ref)
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.field()).isEqualTo("parameters");
                        assertThat(e.message()).startsWith("cannot be used: ");
                    });
        }
    }

    @Test
    void refuses_a_pattern_that_is_not_a_regular_expression() {
        assertThat(schemas.schemaErrors("{\"properties\": {\"a\": {\"pattern\": \"[\"}}}", "parameters"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).doesNotContain("\n"));
    }

    @Test
    void names_each_bad_parameter_once_by_its_path() {
        List<FieldError> errors = schemas.paramErrors(
                SCHEMA,
                "{\"count\": \"x\", \"extra\": 1, \"items\": [{\"name\": \"a\"}, {\"name\": 2}], \"day\": \"31.01.2026\"}",
                "params");

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("params.count", "params.extra", "params.items[1].name", "params.day");
        assertThat(errors)
                .filteredOn(e -> e.field().equals("params.count"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("string found, integer expected"));
    }

    @Test
    void names_a_missing_required_parameter_after_itself() {
        assertThat(schemas.paramErrors(SCHEMA, "{\"count\": 0}", "params"))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("params.count", "params.day");
    }

    @Test
    void accepts_parameters_that_fit() {
        assertThat(schemas.paramErrors(SCHEMA, "{\"count\": 2, \"day\": \"2026-01-31\", \"items\": []}", "params"))
                .isEmpty();
        assertThat(schemas.paramErrors("{\"type\":\"object\"}", "{\"anything\": [1]}", "params"))
                .isEmpty();
    }
}
