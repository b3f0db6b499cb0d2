package io.taskforge.pipeline;

import static io.taskforge.task.TaskStatus.CANCELLED;
import static io.taskforge.task.TaskStatus.FAILED;
import static io.taskforge.task.TaskStatus.PENDING;
import static io.taskforge.task.TaskStatus.QUEUED;
import static io.taskforge.task.TaskStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.task.TaskStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PipelineDeciderTest {

    private static final String DIAMOND = """
            name: diamond
            steps:
              - id: a
                type: noop
              - id: b
                type: noop
                dependsOn: [a]
                payload: {n: "${steps.a.result.n}"}
              - id: c
                type: noop
                dependsOn: [a]
              - id: d
                type: noop
                dependsOn: [b, c]
                payload:
                  fromA: "${steps.a.result}"
                  b: "${steps.b.result.doubled}"
                  text: "a gave ${steps.a.result.n} and ${steps.a.result}"
            """;

    @Test
    void a_diamond_starts_the_root_first_then_both_branches_then_the_join_with_data_from_the_root() {
        RunSimulator run = RunSimulator.start(DIAMOND);
        assertThat(run.active()).containsExactly("a");
        assertThat(run.statusOf("d")).isEqualTo(PENDING);

        run.succeed("a", Map.of("n", 21));
        assertThat(run.active()).containsExactlyInAnyOrder("b", "c");
        assertThat(run.payloadOf("b")).isEqualTo(Map.of("n", 21));

        run.succeed("b", Map.of("doubled", 42));
        assertThat(run.statusOf("d")).isEqualTo(PENDING);
        run.succeed("c");
        assertThat(run.statusOf("d")).isEqualTo(QUEUED);
        assertThat(run.payloadOf("d"))
                .isEqualTo(Map.of("fromA", Map.of("n", 21), "b", 42, "text", "a gave 21 and {\"n\":21}"));

        run.succeed("d");
        assertThat(run.status).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.error).isNull();
    }

    @Test
    void the_decider_is_pure_the_same_snapshot_gives_the_same_decision() {
        RunSimulator run = RunSimulator.start(DIAMOND).succeed("a", Map.of("n", 1));
        PipelineDecision once = PipelineDecider.decide(run.def, run.snapshot());
        PipelineDecision twice = PipelineDecider.decide(run.def, run.snapshot());
        assertThat(once).isEqualTo(twice);
        assertThat(once.changesTasks()).isFalse();
        assertThat(once.status()).isEqualTo(RunStatus.RUNNING);
    }

    private static final String FAN_OUT = """
            name: chunks
            steps:
              - id: split
                type: noop
              - id: process
                type: noop
                dependsOn: [split]
                forEach: "${steps.split.result.chunks}"
                maxParallel: 10
                payload: {chunk: "${item}", position: "${index}", of: "${params.doc}"}
              - id: report
                type: noop
                dependsOn: [process]
                payload: {results: "${steps.process.result}"}
            """;

    @Test
    void a_fan_out_of_100_runs_at_most_10_at_once_and_fans_in_in_item_order() {
        RunSimulator run = new RunSimulator(FAN_OUT, Map.of("doc", "report.pdf"));
        List<Object> chunks = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> chunks.add("chunk-" + i));
        run.succeed("split", Map.of("chunks", chunks));

        assertThat(run.tasks.values().stream().filter(t -> t.stepId().equals("process")))
                .hasSize(100);
        assertThat(run.active()).hasSize(10);
        assertThat(run.payloadOf("process[7]"))
                .isEqualTo(Map.of("chunk", "chunk-7", "position", 7, "of", "report.pdf"));

        Random random = new Random(42);
        int finished = 0;
        while (finished < 100) {
            List<String> active = new ArrayList<>(run.active());
            assertThat(active).hasSizeLessThanOrEqualTo(10);
            Collections.shuffle(active, random);
            String node = active.getFirst();
            run.succeed(node, Map.of("n", Integer.parseInt(node.substring(8, node.length() - 1))));
            finished++;
        }
        assertThat(run.maxActiveSeen).isEqualTo(10);
        assertThat(run.statusOf("report")).isEqualTo(QUEUED);
        @SuppressWarnings("unchecked")
        List<Object> results = (List<Object>) ((Map<String, Object>) run.payloadOf("report")).get("results");
        assertThat(results).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(results.get(i)).isEqualTo(Map.of("n", i));
        }
    }

    @Test
    void a_fan_out_starts_items_in_item_order_as_slots_free_up() {
        RunSimulator run = RunSimulator.start(FAN_OUT.replace("maxParallel: 10", "maxParallel: 2"));
        run.succeed("split", Map.of("chunks", List.of("a", "b", "c", "d")));
        assertThat(run.active()).containsExactly("process[0]", "process[1]");
        run.succeed("process[1]");
        assertThat(run.active()).containsExactly("process[0]", "process[2]");
        run.succeed("process[0]");
        assertThat(run.active()).containsExactly("process[2]", "process[3]");
    }

    @Test
    void a_fan_out_without_max_parallel_starts_every_item() {
        RunSimulator run = RunSimulator.start(FAN_OUT.replace("maxParallel: 10", ""));
        run.succeed("split", Map.of("chunks", List.of(1, 2, 3)));
        assertThat(run.active()).containsExactly("process[0]", "process[1]", "process[2]");
    }

    @Test
    void a_fan_out_over_an_empty_list_is_skipped_with_what_follows() {
        RunSimulator run = RunSimulator.start(FAN_OUT).succeed("split", Map.of("chunks", List.of()));
        assertThat(run.task("process").displayStatus()).isEqualTo(StepStatus.SKIPPED);
        assertThat(run.task("report").displayStatus()).isEqualTo(StepStatus.SKIPPED);
        assertThat(run.status).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void a_fan_out_over_something_else_than_a_list_fails_the_step() {
        RunSimulator run = RunSimulator.start(FAN_OUT).succeed("split", Map.of("chunks", "not a list"));
        assertThat(run.statusOf("process")).isEqualTo(FAILED);
        assertThat(run.task("process").error().type()).isEqualTo("PipelineForEachError");
        assertThat(run.status).isEqualTo(RunStatus.FAILED);
        assertThat(run.error).isEqualTo("step 'process' failed");
    }

    @Test
    void a_fan_out_whose_items_exist_from_the_start_needs_no_expansion() {
        PipelineDefinition def = PipelineParser.fromYaml("""
                name: known
                steps:
                  - id: each
                    type: noop
                    forEach: "${params.files}"
                    maxParallel: 1
                    payload: {file: "${item}"}
                """);
        RunSnapshot snap = new RunSnapshot(
                RunStatus.RUNNING,
                Map.of("files", List.of("x", "y")),
                List.of(
                        new StepTask("1", "each[0]", PENDING, null, null),
                        new StepTask("2", "each[1]", PENDING, null, null)));
        PipelineDecision d = PipelineDecider.decide(def, snap);
        assertThat(d.expand()).isEmpty();
        assertThat(d.start()).containsExactly(new PipelineDecision.Start("1", "each[0]", Map.of("file", "x")));
    }

    @Test
    void a_literal_list_fans_out_too() {
        RunSimulator run = RunSimulator.start("""
                name: literal
                steps:
                  - id: each
                    type: noop
                    forEach: [1, 2]
                    payload: "${item}"
                """);
        assertThat(run.payloadOf("each[0]")).isEqualTo(1);
        assertThat(run.payloadOf("each[1]")).isEqualTo(2);
    }

    private static final String CONDITIONAL = """
            name: conditional
            steps:
              - id: check
                type: noop
              - id: notify
                type: noop
                dependsOn: [check]
                when: "steps.check.result.changed == true && steps.check.status == 'SUCCEEDED'"
              - id: after-notify
                type: noop
                dependsOn: [notify]
              - id: archive
                type: noop
                dependsOn: [check]
            """;

    @Test
    void a_false_condition_skips_the_step_and_what_depends_on_it_but_not_other_branches() {
        RunSimulator run = RunSimulator.start(CONDITIONAL).succeed("check", Map.of("changed", false));
        assertThat(run.task("notify").displayStatus()).isEqualTo(StepStatus.SKIPPED);
        assertThat(run.task("notify").skipReason()).startsWith("the condition is false");
        assertThat(run.task("after-notify").displayStatus()).isEqualTo(StepStatus.SKIPPED);
        assertThat(run.task("after-notify").skipReason()).isEqualTo("upstream step 'notify' was skipped");
        assertThat(run.active()).containsExactly("archive");
        run.succeed("archive");
        assertThat(run.status).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void a_true_condition_runs_the_step() {
        RunSimulator run = RunSimulator.start(CONDITIONAL).succeed("check", Map.of("changed", true));
        assertThat(run.active()).containsExactlyInAnyOrder("notify", "archive");
    }

    @Test
    void a_condition_on_a_missing_result_is_false() {
        RunSimulator run = RunSimulator.start(CONDITIONAL).succeed("check");
        assertThat(run.task("notify").displayStatus()).isEqualTo(StepStatus.SKIPPED);
    }

    private static final String BRANCHES = """
            name: branches
            onFailure: %s
            steps:
              - id: a
                type: noop
              - id: b
                type: noop
                dependsOn: [a]
              - id: c
                type: noop
                dependsOn: [a]
              - id: after-b
                type: noop
                dependsOn: [b]
              - id: after-c
                type: noop
                dependsOn: [c]
              - id: join
                type: noop
                dependsOn: [after-b, after-c]
            """;

    @Test
    void fail_fast_fails_the_run_at_once_and_cancels_running_and_pending_steps() {
        RunSimulator run = RunSimulator.start(BRANCHES.formatted("FAIL_FAST")).succeed("a");
        run.fail("b");
        assertThat(run.status).isEqualTo(RunStatus.FAILED);
        assertThat(run.error).isEqualTo("step 'b' failed");
        assertThat(run.decisions.get(run.decisions.size() - 2).cancel())
                .containsExactly(run.task("c").taskId());
        assertThat(run.statusOf("after-b")).isEqualTo(CANCELLED);
        assertThat(run.task("after-b").error().type()).isEqualTo(StepMarks.RUN_FAILED);
        assertThat(run.task("join").displayStatus()).isEqualTo(StepStatus.CANCELLED);
        assertThat(run.active()).isEmpty();
    }

    @Test
    void continue_lets_independent_branches_finish_and_skips_what_depends_on_the_failure() {
        RunSimulator run = RunSimulator.start(BRANCHES.formatted("CONTINUE")).succeed("a");
        run.fail("b");
        assertThat(run.status).isEqualTo(RunStatus.RUNNING);
        assertThat(run.task("after-b").displayStatus()).isEqualTo(StepStatus.SKIPPED);
        assertThat(run.task("after-b").error().type()).isEqualTo(StepMarks.UPSTREAM_FAILED);
        assertThat(run.task("join").error().type()).isEqualTo(StepMarks.UPSTREAM_FAILED);
        assertThat(run.active()).containsExactly("c");
        run.succeed("c");
        assertThat(run.active()).containsExactly("after-c");
        run.succeed("after-c");
        assertThat(run.status).isEqualTo(RunStatus.FAILED);
        assertThat(run.error).isEqualTo("step 'b' failed");
    }

    @Test
    void continue_lets_the_other_items_of_a_failing_fan_out_finish() {
        RunSimulator run = RunSimulator.start(FAN_OUT.replace("name: chunks", "name: chunks\nonFailure: CONTINUE"));
        run.succeed("split", Map.of("chunks", List.of(1, 2, 3)));
        run.fail("process[0]");
        assertThat(run.active()).containsExactly("process[1]", "process[2]");
        assertThat(run.task("report").displayStatus()).isEqualTo(StepStatus.SKIPPED);
        run.succeed("process[1]").succeed("process[2]");
        assertThat(run.status).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void cancelling_a_run_cancels_active_and_pending_steps() {
        RunSimulator run = RunSimulator.start(BRANCHES.formatted("FAIL_FAST")).succeed("a");
        run.cancelRun();
        assertThat(run.status).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.statusOf("b")).isEqualTo(CANCELLED);
        assertThat(run.task("join").error().type()).isEqualTo(StepMarks.RUN_CANCELLED);
        assertThat(run.statusOf("a")).isEqualTo(SUCCEEDED);
    }

    @Test
    void a_retried_run_reruns_failed_and_cancelled_steps_and_reuses_succeeded_ones() {
        RunSimulator run = RunSimulator.start(BRANCHES.formatted("FAIL_FAST")).succeed("a", Map.of("v", 1));
        run.fail("b");
        String aId = run.task("a").taskId();
        run.retryRun();
        assertThat(run.status).isEqualTo(RunStatus.RUNNING);
        assertThat(run.task("a").taskId()).isEqualTo(aId);
        assertThat(run.statusOf("a")).isEqualTo(SUCCEEDED);
        assertThat(run.active()).containsExactlyInAnyOrder("b", "c");
        run.succeed("b").succeed("c").succeed("after-b").succeed("after-c").succeed("join");
        assertThat(run.status).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void a_retry_after_continue_reruns_the_failed_step_and_the_steps_skipped_for_it() {
        RunSimulator run = RunSimulator.start(BRANCHES.formatted("CONTINUE")).succeed("a");
        run.fail("b").succeed("c").succeed("after-c");
        assertThat(run.status).isEqualTo(RunStatus.FAILED);
        run.retryRun();
        assertThat(run.active()).containsExactly("b");
        assertThat(run.statusOf("after-c")).isEqualTo(SUCCEEDED);
        run.succeed("b").succeed("after-b").succeed("join");
        assertThat(run.status).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void a_retry_keeps_steps_skipped_by_their_condition() {
        RunSimulator run = RunSimulator.start(CONDITIONAL).succeed("check", Map.of("changed", false));
        run.fail("archive");
        run.retryRun();
        assertThat(run.task("notify").displayStatus()).isEqualTo(StepStatus.SKIPPED);
        assertThat(run.active()).containsExactly("archive");
    }

    @Test
    void a_retried_fan_out_reruns_only_its_failed_items() {
        RunSimulator run = RunSimulator.start(FAN_OUT.replace("name: chunks", "name: chunks\nonFailure: CONTINUE"));
        run.succeed("split", Map.of("chunks", List.of(1, 2, 3)));
        run.succeed("process[0]").fail("process[1]").succeed("process[2]");
        String first = run.task("process[0]").taskId();
        run.retryRun();
        assertThat(run.active()).containsExactly("process[1]");
        assertThat(run.task("process[0]").taskId()).isEqualTo(first);
        run.succeed("process[1]");
        assertThat(run.statusOf("report")).isEqualTo(QUEUED);
    }

    @Test
    void a_step_cancelled_by_hand_counts_as_a_failure() {
        RunSimulator run = RunSimulator.start(BRANCHES.formatted("CONTINUE")).succeed("a");
        run.finish("b", TaskStatus.CANCELLED, null);
        assertThat(run.task("after-b").error().type()).isEqualTo(StepMarks.UPSTREAM_FAILED);
    }

    @Test
    void a_payload_reference_keeps_the_json_type_and_a_missing_value_is_null() {
        RunSimulator run = new RunSimulator("""
                name: types
                params: {limit: 5}
                steps:
                  - id: a
                    type: noop
                    payload:
                      limit: "${params.limit}"
                      flag: "${params.flag}"
                      nested: "${params.obj}"
                      missing: "${params.nope.deeper}"
                      list: ["${params.limit}", "x-${params.limit}"]
                      literal: "$${not.a.reference}"
                """, Map.of("limit", 5, "flag", true, "obj", Map.of("k", List.of(1, 2))));
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("limit", 5);
        expected.put("flag", true);
        expected.put("nested", Map.of("k", List.of(1, 2)));
        expected.put("missing", null);
        expected.put("list", List.of(5, "x-5"));
        expected.put("literal", "${not.a.reference}");
        assertThat(run.payloadOf("a")).isEqualTo(expected);
    }

    @Test
    void a_single_step_pipeline_succeeds_with_its_step() {
        RunSimulator run = RunSimulator.start("name: one\nsteps: [{id: only, type: noop}]");
        assertThat(run.active()).containsExactly("only");
        run.succeed("only");
        assertThat(run.status).isEqualTo(RunStatus.SUCCEEDED);
    }
}
