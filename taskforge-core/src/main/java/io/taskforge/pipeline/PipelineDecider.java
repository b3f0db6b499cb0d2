package io.taskforge.pipeline;

import io.taskforge.pipeline.PipelineDecision.Expand;
import io.taskforge.pipeline.PipelineDecision.Finish;
import io.taskforge.pipeline.PipelineDecision.Start;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure core of pipelines: from a definition and a snapshot of one run, what to do next. No
 * I/O, no clock, no state between calls; a store calls it in the transaction that finished a
 * step and applies the decision there, then calls it again until it has nothing left to do
 * (expanding a fan-out and starting its first items are two decisions, for instance).
 *
 * <p>The rules, per step in dependency order:
 *
 * <ul>
 *   <li>When every upstream step SUCCEEDED, the step's {@code when} is checked (a false one skips
 *       it) and its pending tasks start with their payload rendered, a fan-out at most {@code
 *       maxParallel} items at a time in item order. A fan-out whose list was unknown is first
 *       expanded into one task per item; an empty list skips it.
 *   <li>When an upstream step failed, the step is skipped as upstream-failed (policy CONTINUE).
 *   <li>When every upstream step finished and one was skipped, the step is skipped too.
 * </ul>
 *
 * A failed step under FAIL_FAST, or a cancelled run, ends every pending task and cancels the
 * active ones. The run is RUNNING while a task is pending or active, then FAILED when a task
 * failed or was skipped for a failure, else SUCCEEDED.
 */
public final class PipelineDecider {
    private PipelineDecider() {}

    public static PipelineDecision decide(PipelineDefinition definition, RunSnapshot snapshot) {
        return new Pass(definition, snapshot).run();
    }

    private static final class Pass {
        private final PipelineDefinition def;
        private final RunSnapshot snap;
        private final List<String> order;
        /** The run's tasks by step, as they will be once this decision is applied. */
        private final Map<String, List<StepTask>> tasks = new LinkedHashMap<>();

        private final List<Start> start = new ArrayList<>();
        private final List<Expand> expand = new ArrayList<>();
        private final List<Finish> finish = new ArrayList<>();
        private final List<String> cancel = new ArrayList<>();

        Pass(PipelineDefinition def, RunSnapshot snap) {
            this.def = def;
            this.snap = snap;
            Map<String, List<String>> deps = new HashMap<>();
            for (StepDefinition s : def.steps()) {
                deps.put(s.id(), s.dependsOn());
                tasks.put(s.id(), new ArrayList<>());
            }
            this.order = Graph.topological(
                    def.steps().stream().map(StepDefinition::id).toList(), deps);
            for (StepTask t : snap.tasks()) {
                List<StepTask> list = tasks.get(t.stepId());
                if (list != null) {
                    list.add(t);
                }
            }
            tasks.values().forEach(l -> l.sort(Comparator.comparingInt(StepTask::index)));
        }

        PipelineDecision run() {
            if (snap.status() == RunStatus.CANCELLED) {
                endAll(StepMarks.RUN_CANCELLED, "the run was cancelled");
                return decision(RunStatus.CANCELLED, null);
            }
            String failed = firstFailed();
            if (failed != null && def.onFailure() == FailurePolicy.FAIL_FAST) {
                String why = "step '" + failed + "' failed";
                endAll(StepMarks.RUN_FAILED, why);
                return decision(RunStatus.FAILED, why);
            }
            for (String id : order) {
                step(def.step(id).orElseThrow());
            }
            return decision(status(), errorOfRun());
        }

        private void step(StepDefinition s) {
            List<StepTask> mine = tasks.get(s.id());
            List<StepTask> pending =
                    mine.stream().filter(t -> t.status() == TaskStatus.PENDING).toList();
            if (pending.isEmpty()) {
                return;
            }
            Agg upstream = upstream(s);
            switch (upstream) {
                case WAITING -> {}
                case FAILED ->
                    finishAll(
                            pending,
                            TaskStatus.CANCELLED,
                            StepMarks.of(StepMarks.UPSTREAM_FAILED, "upstream step '" + failedDep(s) + "' failed"));
                case SKIPPED ->
                    finishAll(
                            pending,
                            TaskStatus.CANCELLED,
                            StepMarks.of(StepMarks.SKIPPED, "upstream step '" + skippedDep(s) + "' was skipped"));
                case SUCCEEDED -> ready(s, mine, pending);
            }
        }

        /** Every upstream step succeeded: check the condition, then expand or start. */
        private void ready(StepDefinition s, List<StepTask> mine, List<StepTask> pending) {
            RunScope scope = new RunScope(null, -1);
            boolean started = mine.stream().anyMatch(t -> t.status() != TaskStatus.PENDING);
            if (!started && s.when() != null) {
                try {
                    if (!Condition.parse(s.when()).test(scope)) {
                        finishAll(
                                pending,
                                TaskStatus.CANCELLED,
                                StepMarks.of(StepMarks.SKIPPED, "the condition is false: " + s.when()));
                        return;
                    }
                } catch (RuntimeException e) {
                    finishAll(pending, TaskStatus.FAILED, TaskError.of("PipelineConditionError", e.getMessage()));
                    return;
                }
            }
            try {
                if (s.isFanOut()) {
                    fanOut(s, mine, pending, scope);
                } else {
                    for (StepTask t : pending) {
                        begin(t, Template.render(s.payload(), scope));
                    }
                }
            } catch (RuntimeException e) {
                finishAll(pending, TaskStatus.FAILED, TaskError.of("PipelineTemplateError", e.getMessage()));
            }
        }

        private void fanOut(StepDefinition s, List<StepTask> mine, List<StepTask> pending, RunScope scope) {
            Object items = s.forEach() instanceof String text
                    ? Template.render(text, scope)
                    : Template.render(s.forEach(), scope);
            if (!(items instanceof List<?> list)) {
                finishAll(
                        pending,
                        TaskStatus.FAILED,
                        TaskError.of(
                                "PipelineForEachError",
                                "forEach " + s.forEach() + " is not a list: " + JsonText.write(items)));
                return;
            }
            if (list.size() > RunPlan.MAX_ITEMS) {
                finishAll(
                        pending,
                        TaskStatus.FAILED,
                        TaskError.of(
                                "PipelineForEachError",
                                "forEach " + s.forEach() + " has " + list.size() + " items, at most "
                                        + RunPlan.MAX_ITEMS + " run"));
                return;
            }
            if (mine.size() == 1 && mine.getFirst().index() < 0) {
                StepTask placeholder = mine.getFirst();
                if (list.isEmpty()) {
                    finishAll(
                            pending,
                            TaskStatus.CANCELLED,
                            StepMarks.of(StepMarks.SKIPPED, "forEach " + s.forEach() + " is an empty list"));
                    return;
                }
                List<Object> payloads = new ArrayList<>(list.size());
                List<StepTask> items2 = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    payloads.add(Template.render(s.payload(), new RunScope(list.get(i), i)));
                    items2.add(new StepTask(
                            i == 0 ? placeholder.taskId() : null,
                            StepTask.node(s.id(), i),
                            TaskStatus.PENDING,
                            null,
                            null));
                }
                expand.add(new Expand(s.id(), placeholder.taskId(), payloads));
                mine.clear();
                mine.addAll(items2);
                return;
            }
            long active = mine.stream().filter(StepTask::isActive).count();
            int limit = s.maxParallel() == null ? Integer.MAX_VALUE : s.maxParallel();
            for (StepTask t : pending) {
                if (active >= limit) {
                    break;
                }
                if (t.taskId() == null) {
                    continue;
                }
                if (t.index() >= list.size()) {
                    replace(
                            t,
                            TaskStatus.FAILED,
                            TaskError.of(
                                    "PipelineForEachError", "forEach " + s.forEach() + " has no item " + t.index()));
                    continue;
                }
                begin(t, Template.render(s.payload(), new RunScope(list.get(t.index()), t.index())));
                active++;
            }
        }

        private enum Agg {
            WAITING,
            SUCCEEDED,
            FAILED,
            SKIPPED
        }

        /** What the step's upstream steps add up to, as far as starting it goes. */
        private Agg upstream(StepDefinition s) {
            boolean waiting = false;
            boolean skipped = false;
            for (String dep : s.dependsOn()) {
                List<StepTask> ts = tasks.get(dep);
                if (ts.stream().anyMatch(t -> t.isFailure() || upstreamFailed(t))) {
                    return Agg.FAILED;
                }
                if (ts.isEmpty() || ts.stream().anyMatch(t -> !t.status().isFinished())) {
                    waiting = true;
                } else if (ts.stream().anyMatch(t -> t.status() == TaskStatus.CANCELLED)) {
                    skipped = true;
                }
            }
            return waiting ? Agg.WAITING : skipped ? Agg.SKIPPED : Agg.SUCCEEDED;
        }

        private static boolean upstreamFailed(StepTask t) {
            return t.status() == TaskStatus.CANCELLED
                    && t.error() != null
                    && StepMarks.UPSTREAM_FAILED.equals(t.error().type());
        }

        private String failedDep(StepDefinition s) {
            return s.dependsOn().stream()
                    .filter(d -> tasks.get(d).stream().anyMatch(t -> t.isFailure() || upstreamFailed(t)))
                    .findFirst()
                    .orElse("?");
        }

        private String skippedDep(StepDefinition s) {
            return s.dependsOn().stream()
                    .filter(d -> tasks.get(d).stream().anyMatch(t -> t.status() == TaskStatus.CANCELLED))
                    .findFirst()
                    .orElse("?");
        }

        private String firstFailed() {
            for (String id : order) {
                if (tasks.get(id).stream().anyMatch(StepTask::isFailure)) {
                    return id;
                }
            }
            return null;
        }

        /** Ends every pending task with a mark and cancels every active one. */
        private void endAll(String mark, String why) {
            for (List<StepTask> ts : tasks.values()) {
                for (StepTask t : List.copyOf(ts)) {
                    if (t.status() == TaskStatus.PENDING) {
                        replace(t, TaskStatus.CANCELLED, StepMarks.of(mark, why));
                    } else if (t.isActive()) {
                        cancel.add(t.taskId());
                    }
                }
            }
        }

        private void finishAll(List<StepTask> pending, TaskStatus to, TaskError error) {
            for (StepTask t : pending) {
                replace(t, to, error);
            }
        }

        private void replace(StepTask t, TaskStatus to, TaskError error) {
            finish.add(new Finish(t.taskId(), to, error));
            swap(t, new StepTask(t.taskId(), t.node(), to, null, error));
        }

        private void begin(StepTask t, Object payload) {
            start.add(new Start(t.taskId(), t.node(), payload));
            swap(t, new StepTask(t.taskId(), t.node(), TaskStatus.QUEUED, null, null));
        }

        private void swap(StepTask old, StepTask now) {
            List<StepTask> list = tasks.get(old.stepId());
            list.set(list.indexOf(old), now);
        }

        private RunStatus status() {
            boolean failed = false;
            for (List<StepTask> ts : tasks.values()) {
                for (StepTask t : ts) {
                    if (!t.status().isFinished()) {
                        return RunStatus.RUNNING;
                    }
                    failed |= t.isFailure() || upstreamFailed(t);
                }
            }
            return failed ? RunStatus.FAILED : RunStatus.SUCCEEDED;
        }

        private String errorOfRun() {
            String failed = firstFailed();
            return failed == null ? null : "step '" + failed + "' failed";
        }

        private PipelineDecision decision(RunStatus status, String error) {
            return new PipelineDecision(
                    start, expand, finish, cancel, status, status == RunStatus.FAILED ? error : null);
        }

        /** References against the run as it is in this pass; item and index inside a fan-out. */
        private final class RunScope implements Scope {
            private final Object item;
            private final int index;

            RunScope(Object item, int index) {
                this.item = item;
                this.index = index;
            }

            @Override
            public Object resolve(Reference ref) {
                return switch (ref.root()) {
                    case PARAMS -> Reference.walk(snap.params(), ref.path());
                    case ITEM -> Reference.walk(item, ref.path());
                    case INDEX -> index < 0 ? null : index;
                    case STEP_STATUS -> {
                        List<StepTask> ts = tasks.get(ref.step());
                        yield ts == null ? null : StepSummaries.status(ts).name();
                    }
                    case STEP_RESULT -> {
                        List<StepTask> ts = tasks.get(ref.step());
                        yield ts == null
                                ? null
                                : Reference.walk(
                                        StepSummaries.result(
                                                def.step(ref.step()).orElseThrow(), ts),
                                        ref.path());
                    }
                };
            }
        }
    }
}
