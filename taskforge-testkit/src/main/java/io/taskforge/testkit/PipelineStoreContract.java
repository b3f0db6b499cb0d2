package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.client.TaskDefaults;
import io.taskforge.json.JsonCodec;
import io.taskforge.pipeline.Pipeline;
import io.taskforge.pipeline.PipelineRun;
import io.taskforge.pipeline.PipelineRunDetail;
import io.taskforge.pipeline.PipelineRunPage;
import io.taskforge.pipeline.PipelineRunStateException;
import io.taskforge.pipeline.PipelineService;
import io.taskforge.pipeline.PipelineStore;
import io.taskforge.pipeline.RunStatus;
import io.taskforge.pipeline.StepStatus;
import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.ClaimParams;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PipelineStore} must show, with the {@link TaskStore} it lives beside:
 * runs create their step tasks, and finishing a step in the task store (a worker's outcome, a
 * cancel, a rescue) advances its run in the same transaction. Tests play the worker by claiming
 * and reporting through the task store, as the engine does.
 */
public abstract class PipelineStoreContract {
    private static final String WORKER = "worker-1";
    private static final String QUEUE = "default";

    protected final SettableClock clock = new SettableClock();
    private final JsonCodec json = JsonCodec.load();

    private TaskStore tasks;
    private PipelineStore store;
    private PipelineService pipelines;

    /** A task store on an empty database, which the suite closes after the test. */
    protected abstract TaskStore createStore();

    /** The pipelines kept with {@code store}. */
    protected abstract PipelineStore pipelineStore(TaskStore store);

    @BeforeEach
    final void openStore() {
        tasks = createStore();
        store = pipelineStore(tasks);
        pipelines = new PipelineService(store, json, clock, TaskDefaults.STANDARD, () -> null);
    }

    @AfterEach
    final void closeStore() {
        if (tasks != null) {
            tasks.close();
        }
    }

    // ---- definitions ------------------------------------------------------------------------

    @Test
    void saving_a_name_again_makes_a_new_version_of_the_same_pipeline() {
        Pipeline v1 = pipelines.save("name: docs\nsteps: [{id: a, type: noop}]", true);
        clock.advance(Duration.ofSeconds(1));
        Pipeline v2 = pipelines.save("{\"name\": \"docs\", \"steps\": [{\"id\": \"b\", \"type\": \"noop\"}]}", false);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.id()).isEqualTo(v1.id());
        assertThat(pipelines
                        .get("docs")
                        .orElseThrow()
                        .definition()
                        .steps()
                        .getFirst()
                        .id())
                .isEqualTo("b");
        assertThat(pipelines.get(v1.id().toUpperCase()).orElseThrow().version()).isEqualTo(2);
        assertThat(pipelines.get("docs", 1).orElseThrow().definition()).isEqualTo(v1.definition());
        assertThat(pipelines.versions("docs")).extracting(v -> v.version()).containsExactly(1, 2);
        assertThat(pipelines.get("nope")).isEmpty();
        assertThat(store.pipelineGet("not-an-id", null)).isEmpty();
    }

    @Test
    void each_tenant_has_its_own_pipelines_runs_and_step_tasks() {
        String def = "name: docs\nsteps: [{id: a, type: noop}]";
        Pipeline mine = pipelines.save("default", def, true);
        Pipeline theirs = pipelines.save("other", def, true);
        Pipeline theirsAgain = pipelines.save("other", def, true);

        assertThat(theirs.id()).isNotEqualTo(mine.id());
        assertThat(theirsAgain.id()).isEqualTo(theirs.id());
        assertThat(theirsAgain.version()).isEqualTo(2);
        assertThat(store.pipelineGetByName("default", "docs").orElseThrow().version())
                .isEqualTo(1);
        assertThat(store.pipelineList("default", null, 10))
                .extracting(Pipeline::id)
                .containsExactly(mine.id());
        assertThat(store.pipelineList("other", null, 10))
                .extracting(Pipeline::id)
                .containsExactly(theirs.id());
        assertThat(pipelines.get("default", theirs.id())).isEmpty();
        assertThat(pipelines.get("nobody", "docs")).isEmpty();

        PipelineRun run = pipelines.run("other", "docs", Map.of(), null, null).orElseThrow();
        assertThat(run.tenantId()).isEqualTo("other");
        assertThat(tasks.taskList(TaskQuery.builder().pipelineRunId(run.id()).build())
                        .items())
                .extracting(Task::tenantId)
                .containsExactly("other");
        assertThat(pipelines.getRun("default", run.id())).isEmpty();
        assertThat(pipelines.cancelRun("default", run.id(), null)).isEmpty();
        assertThat(pipelines.retryRun("default", run.id(), null)).isEmpty();
        assertThat(pipelines.listRuns("default", null, null, null, null).items())
                .isEmpty();
        assertThat(pipelines.listRuns("other", null, null, null, null).items())
                .extracting(PipelineRun::id)
                .containsExactly(run.id());
        assertThat(pipelines.getRun("other", run.id())).isPresent();
    }

    @Test
    void lists_the_latest_version_of_each_pipeline_by_name_in_pages() {
        for (String name : List.of("c", "a", "b")) {
            pipelines.save("name: " + name + "\nsteps: [{id: s, type: noop}]", true);
        }
        pipelines.save("name: a\nsteps: [{id: s, type: noop}]", true);
        var first = pipelines.list(2, null);
        assertThat(first.items()).extracting(Pipeline::name).containsExactly("a", "b");
        assertThat(first.items().getFirst().version()).isEqualTo(2);
        var second = pipelines.list(2, first.nextCursor());
        assertThat(second.items()).extracting(Pipeline::name).containsExactly("c");
        assertThat(second.nextCursor()).isNull();
    }

    // ---- runs -------------------------------------------------------------------------------

    private static final String DIAMOND = """
            name: diamond
            params: {factor: 2}
            steps:
              - {id: a, type: noop, payload: {seed: "${params.seed}"}}
              - {id: b, type: noop, dependsOn: [a], payload: {x: "${steps.a.result.value}", f: "${params.factor}"}}
              - {id: c, type: noop, dependsOn: [a], queue: other, priority: HIGH, maxAttempts: 7}
              - {id: d, type: noop, dependsOn: [b, c], payload: {fromA: "${steps.a.result}", fromB: "${steps.b.result.y}"}}
            """;

    @Test
    void a_run_creates_its_steps_as_tasks_and_queues_only_the_roots() {
        pipelines.save(DIAMOND, true);
        PipelineRun run = pipelines.run("diamond", Map.of("seed", 7), "alice").orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.params()).isEqualTo(Map.of("factor", 2, "seed", 7));
        assertThat(run.pipelineName()).isEqualTo("diamond");

        List<Task> steps = stepTasks(run);
        assertThat(steps).extracting(Task::node).containsExactlyInAnyOrder("a", "b", "c", "d");
        Task a = node(run, "a");
        assertThat(a.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(json.read(a.payload(), Map.class)).isEqualTo(Map.of("seed", 7));
        assertThat(a.owner()).isEqualTo("alice");
        assertThat(a.title()).isEqualTo("diamond / a");
        Task c = node(run, "c");
        assertThat(c.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(c.queue()).isEqualTo("other");
        assertThat(c.maxAttempts()).isEqualTo(7);
        assertThat(tasks.taskEventList(a.id()))
                .extracting(e -> e.type())
                .containsExactly(TaskEventType.CREATED, TaskEventType.QUEUED);
        assertThat(pipelines.run("nope", Map.of(), null)).isEmpty();
    }

    @Test
    void a_second_start_with_the_same_idempotency_key_returns_the_first_run() {
        pipelines.save("name: once\nsteps: [{id: a, type: noop}]", true);
        PipelineRun first = pipelines.run("once", Map.of(), null, "fire-1").orElseThrow();
        PipelineRun again = pipelines.run("once", Map.of(), null, "fire-1").orElseThrow();
        PipelineRun other = pipelines.run("once", Map.of(), null, "fire-2").orElseThrow();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(pipelines.listRuns("once", null, 10, null).items()).hasSize(2);
        assertThat(stepTasks(first)).hasSize(1);
    }

    @Test
    void a_diamond_passes_data_from_its_root_to_its_join() {
        pipelines.save(DIAMOND, true);
        PipelineRun run = pipelines.run("diamond", Map.of("seed", 7), null).orElseThrow();

        succeed(claimOne(QUEUE), "{\"value\": 21}");
        Task b = claimOne(QUEUE);
        assertThat(json.read(b.payload(), Map.class)).isEqualTo(Map.of("x", 21, "f", 2));
        Task c = claimOne("other");
        succeed(b, "{\"y\": \"from b\"}");
        assertThat(node(run, "d").status()).isEqualTo(TaskStatus.PENDING);
        succeed(c, null);

        Task d = node(run, "d");
        assertThat(d.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(json.read(d.payload(), Map.class))
                .isEqualTo(Map.of("fromA", Map.of("value", 21), "fromB", "from b"));
        succeed(claimOne(QUEUE), "[1, 2]");

        PipelineRunDetail detail = pipelines.getRun(run.id()).orElseThrow();
        assertThat(detail.run().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(detail.run().finishedAt()).isEqualTo(clock.instant());
        assertThat(detail.steps()).extracting(PipelineRunDetail.Step::status).containsOnly(StepStatus.SUCCEEDED);
        assertThat(detail.results()).containsEntry("a", Map.of("value", 21)).containsEntry("d", List.of(1, 2));
    }

    private static final String FAN_OUT = """
            name: chunks
            steps:
              - {id: split, type: noop}
              - id: process
                type: noop
                dependsOn: [split]
                forEach: "${steps.split.result.chunks}"
                maxParallel: 10
                payload: {chunk: "${item}", at: "${index}"}
              - {id: report, type: noop, dependsOn: [process], payload: {all: "${steps.process.result}"}}
            """;

    @Test
    void a_fan_out_of_100_never_runs_more_than_10_at_once_and_fans_in_in_item_order() {
        pipelines.save(FAN_OUT, true);
        PipelineRun run = pipelines.run("chunks", Map.of(), null).orElseThrow();
        List<Integer> chunks = IntStream.range(0, 100).boxed().toList();
        succeed(claimOne(QUEUE), json.write(Map.of("chunks", chunks)));

        assertThat(stepTasks(run).stream().filter(t -> t.node().startsWith("process[")))
                .hasSize(100);
        assertThat(node(run, "process[0]").title()).isEqualTo("chunks / process[0]");
        Random random = new Random(7);
        List<Task> running = new ArrayList<>();
        int done = 0;
        int mostAtOnce = 0;
        for (int round = 0; round < 1_000 && done < 100; round++) {
            running.addAll(claim(QUEUE, 100));
            mostAtOnce = Math.max(mostAtOnce, running.size());
            assertThat(running).hasSizeLessThanOrEqualTo(10);
            Task t = running.remove(random.nextInt(running.size()));
            Map<?, ?> payload = json.read(t.payload(), Map.class);
            assertThat(t.node()).isEqualTo("process[" + payload.get("at") + "]");
            succeed(t, "{\"n\": " + payload.get("chunk") + "}");
            done++;
        }
        assertThat(done).isEqualTo(100);
        assertThat(mostAtOnce).isEqualTo(10);
        Task report = claimOne(QUEUE);
        assertThat(report.node()).isEqualTo("report");
        List<?> all = (List<?>) json.read(report.payload(), Map.class).get("all");
        assertThat(all).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(all.get(i)).isEqualTo(Map.of("n", i));
        }
    }

    @Test
    void a_fan_out_over_a_parameter_list_creates_its_items_with_the_run() {
        pipelines.save("""
                name: files
                steps:
                  - {id: each, type: noop, forEach: "${params.files}", maxParallel: 2, payload: "${item}"}
                """, true);
        PipelineRun run = pipelines
                .run("files", Map.of("files", List.of("x", "y", "z")), null)
                .orElseThrow();
        assertThat(stepTasks(run)).extracting(Task::node).containsExactlyInAnyOrder("each[0]", "each[1]", "each[2]");
        assertThat(claim(QUEUE, 10)).extracting(Task::node).containsExactlyInAnyOrder("each[0]", "each[1]");
    }

    private static final String BRANCHES = """
            name: branches
            onFailure: %s
            steps:
              - {id: a, type: noop}
              - {id: b, type: noop, dependsOn: [a], maxAttempts: 1}
              - {id: c, type: noop, dependsOn: [a]}
              - {id: after-b, type: noop, dependsOn: [b]}
              - {id: after-c, type: noop, dependsOn: [c]}
            """;

    @Test
    void fail_fast_fails_the_run_and_cancels_its_running_and_pending_steps_in_the_same_transaction() {
        pipelines.save(BRANCHES.formatted("FAIL_FAST"), true);
        PipelineRun run = pipelines.run("branches", Map.of(), null).orElseThrow();
        succeed(claimOne(QUEUE), null);
        List<Task> both = claim(QUEUE, 2);
        Task b = both.stream().filter(t -> t.node().equals("b")).findFirst().orElseThrow();
        Task c = both.stream().filter(t -> t.node().equals("c")).findFirst().orElseThrow();

        fail(b);

        PipelineRun after = pipelines.getRun(run.id()).orElseThrow().run();
        assertThat(after.status()).isEqualTo(RunStatus.FAILED);
        assertThat(after.error()).isEqualTo("step 'b' failed");
        assertThat(tasks.taskGet(c.id()).orElseThrow().cancelRequested()).isTrue();
        Task afterB = node(run, "after-b");
        assertThat(afterB.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(afterB.error().type()).isEqualTo("PipelineRunFailed");
        // The running step stops later; the run stays failed.
        apply(AttemptOutcome.cancelled(c.id(), c.attempt(), WORKER, clock.instant()));
        assertThat(pipelines.getRun(run.id()).orElseThrow().run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(node(run, "after-c").status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void continue_lets_independent_branches_finish_before_the_run_fails() {
        pipelines.save(BRANCHES.formatted("CONTINUE"), true);
        PipelineRun run = pipelines.run("branches", Map.of(), null).orElseThrow();
        succeed(claimOne(QUEUE), null);
        List<Task> both = claim(QUEUE, 2);
        Task b = both.stream().filter(t -> t.node().equals("b")).findFirst().orElseThrow();
        Task c = both.stream().filter(t -> t.node().equals("c")).findFirst().orElseThrow();
        fail(b);
        assertThat(pipelines.getRun(run.id()).orElseThrow().run().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(node(run, "after-b").error().type()).isEqualTo("PipelineUpstreamFailed");
        succeed(c, null);
        succeed(claimOne(QUEUE), null);
        PipelineRunDetail detail = pipelines.getRun(run.id()).orElseThrow();
        assertThat(detail.run().status()).isEqualTo(RunStatus.FAILED);
        Map<String, StepStatus> statuses = new HashMap<>();
        detail.steps().forEach(s -> statuses.put(s.id(), s.status()));
        assertThat(statuses)
                .containsEntry("b", StepStatus.FAILED)
                .containsEntry("after-b", StepStatus.SKIPPED)
                .containsEntry("after-c", StepStatus.SUCCEEDED);
    }

    @Test
    void cancelling_a_run_cancels_waiting_steps_at_once_and_asks_running_ones_to_stop() {
        pipelines.save(BRANCHES.formatted("FAIL_FAST"), true);
        PipelineRun run = pipelines.run("branches", Map.of(), null).orElseThrow();
        succeed(claimOne(QUEUE), null);
        Task running = claim(QUEUE, 1).getFirst();

        PipelineRun cancelled = pipelines.cancelRun(run.id(), "bob").orElseThrow();

        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(tasks.taskGet(running.id()).orElseThrow().cancelRequested()).isTrue();
        for (Task t : stepTasks(run)) {
            if (!t.id().equals(running.id()) && !t.node().equals("a")) {
                assertThat(t.status()).as(t.node()).isEqualTo(TaskStatus.CANCELLED);
            }
        }
        assertThatThrownBy(() -> pipelines.cancelRun(run.id(), null)).isInstanceOf(PipelineRunStateException.class);
        assertThatThrownBy(() -> pipelines.retryRun(run.id(), null))
                .isInstanceOf(PipelineRunStateException.class)
                .hasMessageContaining("being stopped");
        apply(AttemptOutcome.cancelled(running.id(), running.attempt(), WORKER, clock.instant()));

        PipelineRun retried = pipelines.retryRun(run.id(), null).orElseThrow();
        assertThat(retried.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(node(run, "a").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(claim(QUEUE, 10)).extracting(Task::node).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void a_retried_run_reruns_only_what_did_not_succeed_and_then_succeeds() {
        pipelines.save(BRANCHES.formatted("CONTINUE"), true);
        PipelineRun run = pipelines.run("branches", Map.of(), null).orElseThrow();
        Task a = claimOne(QUEUE);
        succeed(a, "{\"v\": 1}");
        List<Task> both = claim(QUEUE, 2);
        fail(both.stream().filter(t -> t.node().equals("b")).findFirst().orElseThrow());
        succeed(both.stream().filter(t -> t.node().equals("c")).findFirst().orElseThrow(), null);
        succeed(claimOne(QUEUE), null);
        assertThat(pipelines.getRun(run.id()).orElseThrow().run().status()).isEqualTo(RunStatus.FAILED);
        assertThatThrownBy(() -> pipelines.cancelRun(run.id(), null)).isInstanceOf(PipelineRunStateException.class);

        clock.advance(Duration.ofMinutes(1));
        pipelines.retryRun(run.id(), "carol").orElseThrow();

        Task b = claimOne(QUEUE);
        assertThat(b.node()).isEqualTo("b");
        assertThat(b.attempt()).isEqualTo(2);
        assertThat(tasks.taskGet(a.id()).orElseThrow().status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(tasks.taskEventList(b.id()))
                .extracting(e -> e.type())
                .containsSubsequence(TaskEventType.FAILED, TaskEventType.RETRIED, TaskEventType.QUEUED);
        succeed(b, null);
        succeed(claimOne(QUEUE), null);
        PipelineRun done = pipelines.getRun(run.id()).orElseThrow().run();
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(done.error()).isNull();
        assertThatThrownBy(() -> pipelines.retryRun(run.id(), null)).isInstanceOf(PipelineRunStateException.class);
    }

    @Test
    void a_step_whose_lease_expires_on_its_last_attempt_fails_its_run() {
        pipelines.save(
                "name: one\nsteps: [{id: a, type: noop, maxAttempts: 1}, {id: b, type: noop, dependsOn: [a]}]", true);
        PipelineRun run = pipelines.run("one", Map.of(), null).orElseThrow();
        claimOne(QUEUE);
        clock.advance(Duration.ofMinutes(5));
        assertThat(tasks.taskRescueExpired(clock.instant(), 10)).hasSize(1);
        assertThat(pipelines.getRun(run.id()).orElseThrow().run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(node(run, "b").status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void cancelling_or_deleting_a_step_task_by_hand_advances_its_run() {
        pipelines.save(BRANCHES.formatted("CONTINUE"), true);
        PipelineRun run = pipelines.run("branches", Map.of(), null).orElseThrow();
        tasks.taskCancel(node(run, "a").id(), clock.instant(), "dave");
        PipelineRun after = pipelines.getRun(run.id()).orElseThrow().run();
        assertThat(after.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stepTasks(run)).allMatch(t -> t.status() == TaskStatus.CANCELLED);

        pipelines.save("name: two\nsteps: [{id: a, type: noop}, {id: b, type: noop, dependsOn: [a]}]", true);
        PipelineRun second = pipelines.run("two", Map.of(), null).orElseThrow();
        tasks.taskDelete(node(second, "b").id(), false, clock.instant(), "dave");
        // A deleted step will never run: under FAIL_FAST the run fails at once.
        assertThat(pipelines.getRun(second.id()).orElseThrow().run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(node(second, "a").status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void a_false_condition_skips_a_step_and_the_run_still_succeeds() {
        pipelines.save("""
                name: cond
                steps:
                  - {id: check, type: noop}
                  - {id: notify, type: noop, dependsOn: [check], when: "steps.check.result.changed == true"}
                """, true);
        PipelineRun run = pipelines.run("cond", Map.of(), null).orElseThrow();
        succeed(claimOne(QUEUE), "{\"changed\": false}");
        Task notify = node(run, "notify");
        assertThat(notify.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(notify.error().type()).isEqualTo("PipelineStepSkipped");
        PipelineRunDetail detail = pipelines.getRun(run.id()).orElseThrow();
        assertThat(detail.run().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(detail.steps().get(1).status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void lists_runs_newest_first_by_pipeline_and_status_in_pages() {
        pipelines.save("name: p1\nsteps: [{id: a, type: noop}]", true);
        pipelines.save("name: p2\nsteps: [{id: a, type: noop}]", true);
        List<String> p1Runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            p1Runs.add(pipelines.run("p1", Map.of(), null).orElseThrow().id());
            clock.advance(Duration.ofMillis(1));
        }
        String p2Run = pipelines.run("p2", Map.of(), null).orElseThrow().id();
        pipelines.cancelRun(p1Runs.get(1), null);

        PipelineRunPage first = pipelines.listRuns(null, null, 2, null);
        assertThat(first.items()).extracting(PipelineRun::id).containsExactly(p2Run, p1Runs.get(2));
        PipelineRunPage second = pipelines.listRuns(null, null, 2, first.nextCursor());
        assertThat(second.items()).extracting(PipelineRun::id).containsExactly(p1Runs.get(1), p1Runs.get(0));
        assertThat(pipelines.listRuns("p1", null, 10, null).items()).hasSize(3);
        assertThat(pipelines.listRuns("p1", RunStatus.CANCELLED, 10, null).items())
                .extracting(PipelineRun::id)
                .containsExactly(p1Runs.get(1));
        assertThat(pipelines.listRuns("nope", null, 10, null).items()).isEmpty();
    }

    @Test
    void two_branches_finishing_at_once_still_start_their_join() throws Exception {
        pipelines.save(DIAMOND.replace("queue: other, ", ""), true);
        for (int i = 0; i < 10; i++) {
            PipelineRun run = pipelines.run("diamond", Map.of(), null).orElseThrow();
            succeed(claimOne(QUEUE), "{\"value\": 1}");
            List<Task> both = claim(QUEUE, 2);
            assertThat(both).hasSize(2);
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<Void>> finishing = new ArrayList<>();
            for (Task t : both) {
                // Threads of their own: the common pool may have one thread, and the barrier needs two.
                finishing.add(CompletableFuture.runAsync(
                        () -> {
                            try {
                                start.await(10, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            succeed(t, "{\"y\": 2}");
                        },
                        r -> Thread.ofPlatform().daemon().start(r)));
            }
            CompletableFuture.allOf(finishing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(node(run, "d").status()).as("join of run %d", i).isEqualTo(TaskStatus.QUEUED);
            succeed(claimOne(QUEUE), null);
        }
    }

    // ---- retention ----------------------------------------------------------------------------

    @Test
    void retention_removes_a_finished_run_with_its_steps_and_keeps_the_steps_of_a_run_it_keeps() {
        // A step of a run still going is older than any cutoff below, and stays with its run.
        pipelines.save("name: two\nsteps: [{id: a, type: noop}, {id: b, type: noop, dependsOn: [a]}]", true);
        PipelineRun going = pipelines.run("two", Map.of(), null).orElseThrow();
        succeed(claimOne(QUEUE), null);
        Task goingStep = node(going, "a");
        claimOne(QUEUE); // its step b, left running
        pipelines.save("name: one\nsteps: [{id: a, type: noop}]", true);
        PipelineRun old = pipelines.run("one", Map.of(), null).orElseThrow();
        succeed(claimOne(QUEUE), null);
        Task oldStep = node(old, "a");
        clock.advance(Duration.ofDays(2));
        PipelineRun failed = pipelines.run("one", Map.of(), null).orElseThrow();
        fail(claimOne(QUEUE));
        Task failedStep = node(failed, "a");
        assertThat(pipelines.getRun(failed.id()).orElseThrow().run().status()).isEqualTo(RunStatus.FAILED);
        clock.advance(Duration.ofDays(2));

        // Finished a week ago counts for succeeded runs, 3 days for failed ones: only the old run goes.
        int removed = tasks.taskPurgeFinished(
                clock.instant().minus(Duration.ofDays(3)), clock.instant().minus(Duration.ofDays(3)), 100);

        assertThat(removed).isEqualTo(2); // the run and its one step
        assertThat(pipelines.getRun(old.id())).isEmpty();
        assertThat(tasks.taskGet(oldStep.id())).isEmpty();
        assertThat(tasks.taskEventList(oldStep.id())).isEmpty();
        assertThat(pipelines.getRun(failed.id())).isPresent();
        assertThat(tasks.taskGet(failedStep.id())).isPresent();

        assertThat(tasks.taskPurgeFinished(null, clock.instant().plusSeconds(1), 100))
                .isEqualTo(2);
        assertThat(pipelines.getRun(failed.id())).isEmpty();
        assertThat(tasks.taskGet(failedStep.id())).isEmpty();
        assertThat(tasks.taskGet(goingStep.id())).isPresent();
        assertThat(pipelines.getRun(going.id()).orElseThrow().run().status()).isEqualTo(RunStatus.RUNNING);
    }

    // ---- the worker's side ----------------------------------------------------------------

    private List<Task> claim(String queue, int max) {
        return tasks.taskClaim(new ClaimParams(
                WORKER, List.of(queue), max, clock.instant(), clock.instant().plus(Duration.ofSeconds(30))));
    }

    private Task claimOne(String queue) {
        List<Task> claimed = claim(queue, 1);
        assertThat(claimed).as("a ready task in " + queue).hasSize(1);
        return claimed.getFirst();
    }

    private void succeed(Task t, String result) {
        assertThat(apply(AttemptOutcome.succeeded(t.id(), t.attempt(), WORKER, result, clock.instant())))
                .isTrue();
    }

    private void fail(Task t) {
        assertThat(apply(AttemptOutcome.failed(
                        t.id(), t.attempt(), WORKER, TaskError.of("Boom", "broke"), clock.instant())))
                .isTrue();
    }

    private boolean apply(AttemptOutcome outcome) {
        return tasks.taskSetOutcomeIfRunningMany(List.of(outcome)).getFirst();
    }

    private List<Task> stepTasks(PipelineRun run) {
        return tasks.taskList(
                        TaskQuery.builder().pipelineRunId(run.id()).limit(500).build())
                .items();
    }

    private Task node(PipelineRun run, String node) {
        return stepTasks(run).stream()
                .filter(t -> node.equals(t.node()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step task " + node));
    }
}
