package io.taskforge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineValidatorTest {
    private static final Set<String> TYPES = Set.of("noop", "shell", "http");

    private static List<FieldError> errors(String yaml) {
        return PipelineValidator.validate(PipelineParser.fromYaml(yaml), TYPES);
    }

    private static List<String> fields(String yaml) {
        return errors(yaml).stream().map(FieldError::field).toList();
    }

    @Test
    void a_good_definition_has_no_errors() {
        assertThat(errors("""
                name: docs.process
                params: {url: "http://x"}
                steps:
                  - {id: fetch, type: http, payload: {url: "${params.url}"}}
                  - id: each
                    type: shell
                    dependsOn: fetch
                    forEach: "${steps.fetch.result.items}"
                    maxParallel: 3
                    payload: {command: "echo ${item} ${index} ${steps.fetch.result.n}"}
                  - {id: done, type: noop, dependsOn: [each, fetch], when: "steps.each.status == 'SUCCEEDED'"}
                """)).isEmpty();
    }

    @Test
    void finds_a_cycle() {
        assertThat(errors("""
                name: loop
                steps:
                  - {id: a, type: noop, dependsOn: [c]}
                  - {id: b, type: noop, dependsOn: [a]}
                  - {id: c, type: noop, dependsOn: [b]}
                """)).containsExactly(new FieldError("steps[0].dependsOn", "cycle: a -> c -> b -> a"));
    }

    @Test
    void finds_unknown_repeated_and_self_references() {
        assertThat(fields("""
                name: refs
                steps:
                  - {id: a, type: noop, dependsOn: [a, nope]}
                  - {id: a, type: noop}
                  - {id: b, type: noop, dependsOn: [a, a]}
                """))
                .containsExactlyInAnyOrder(
                        "steps[0].dependsOn[0]", "steps[0].dependsOn[1]", "steps[1].id", "steps[2].dependsOn[1]");
    }

    @Test
    void finds_unknown_types_and_bad_fields() {
        assertThat(fields("""
                name: "bad name!"
                steps:
                  - {id: 1a, type: mystery, maxAttempts: 0, timeoutSeconds: 0, queue: "q q", maxParallel: 2}
                  - {id: b}
                """))
                .containsExactlyInAnyOrder(
                        "name",
                        "steps[0].id",
                        "steps[0].type",
                        "steps[0].maxAttempts",
                        "steps[0].timeoutSeconds",
                        "steps[0].queue",
                        "steps[0].maxParallel",
                        "steps[1].type");
    }

    @Test
    void finds_bad_templates_conditions_and_references_to_steps_not_upstream() {
        List<FieldError> errors = errors("""
                name: templates
                steps:
                  - {id: a, type: noop, payload: {x: "${oops}", y: ["${steps.a.result"]}}
                  - {id: b, type: noop, payload: "${steps.c.result}", when: "steps.a.result.x =="}
                  - {id: c, type: noop, dependsOn: [a], payload: "${steps.zzz.status} ${item}", when: "steps.b.status == 'X'"}
                  - {id: d, type: noop, forEach: "items: ${params.x}"}
                """);
        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "steps[0].payload.x",
                        "steps[0].payload.y[0]",
                        "steps[1].payload",
                        "steps[1].when",
                        "steps[2].payload",
                        "steps[2].payload",
                        "steps[2].when",
                        "steps[3].forEach");
        assertThat(errors.get(2).message()).contains("not upstream");
    }

    @Test
    void an_empty_pipeline_is_refused() {
        assertThat(fields("name: empty\nsteps: []")).containsExactly("steps");
        assertThat(fields("steps: [{id: a, type: noop}]")).containsExactly("name");
    }

    @Test
    void any_type_is_accepted_without_a_list_of_known_types() {
        assertThat(PipelineValidator.validate(
                        PipelineParser.fromYaml("name: p\nsteps: [{id: a, type: custom.thing}]"), null))
                .isEmpty();
    }

    @Test
    void the_parser_reports_every_shape_error_with_its_path() {
        assertThatThrownBy(() -> PipelineParser.fromYaml("""
                        name: [not, text]
                        onFailure: sometimes
                        extra: 1
                        steps:
                          - 5
                          - {id: a, type: noop, dependsOn: [1], priority: HUGE, maxAttempts: 1.5, when: [x], forEach: 3}
                        """))
                .isInstanceOfSatisfying(
                        TaskValidationException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder(
                                        "name",
                                        "onFailure",
                                        "extra",
                                        "steps[0]",
                                        "steps[1].dependsOn[0]",
                                        "steps[1].priority",
                                        "steps[1].maxAttempts",
                                        "steps[1].when",
                                        "steps[1].forEach"));
    }

    @Test
    void the_parser_refuses_text_that_is_not_yaml_or_not_an_object() {
        assertThatThrownBy(() -> PipelineParser.fromYaml("a: [unclosed"))
                .isInstanceOfSatisfying(
                        TaskValidationException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("body"));
        assertThatThrownBy(() -> PipelineParser.fromYaml("- just\n- a list"))
                .isInstanceOf(TaskValidationException.class);
        assertThatThrownBy(() -> PipelineParser.fromYaml("!!java.io.File x"))
                .isInstanceOf(TaskValidationException.class);
    }

    @Test
    void a_definition_survives_its_tree() {
        PipelineDefinition d = PipelineParser.fromYaml("""
                name: round
                description: trip
                params: {a: 1}
                onFailure: continue
                steps:
                  - {id: a, type: noop, title: A, payload: {x: 1}, queue: q, priority: high, maxAttempts: 2, timeoutSeconds: 9}
                  - {id: b, type: noop, dependsOn: [a], when: "true", forEach: [1, 2], maxParallel: 1}
                """);
        assertThat(PipelineParser.fromTree(PipelineParser.toTree(d))).isEqualTo(d);
        assertThat(d.onFailure()).isEqualTo(FailurePolicy.CONTINUE);
        assertThat(PipelineParser.toTree(d)).containsEntry("params", Map.of("a", 1));
    }
}
