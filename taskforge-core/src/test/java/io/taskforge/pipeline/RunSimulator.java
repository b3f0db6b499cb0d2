package io.taskforge.pipeline;

import io.taskforge.task.TaskError;
import io.taskforge.task.TaskStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run kept in memory the way a store keeps it: tasks created PENDING with the run, decisions
 * applied until there is nothing left to decide. Tests finish tasks by node and look at the rest.
 */
final class RunSimulator {
    final PipelineDefinition def;
    final Map<String, Object> params;
    final Map<String, StepTask> tasks = new LinkedHashMap<>();
    final Map<String, Object> payloads = new HashMap<>();
    final List<PipelineDecision> decisions = new ArrayList<>();
    RunStatus status = RunStatus.RUNNING;
    String error;
    int maxActiveSeen;
    private int nextId;

    RunSimulator(String yaml, Map<String, Object> params) {
        this.def = PipelineParser.fromYaml(yaml);
        this.params = params;
        for (StepDefinition s : def.steps()) {
            add(s.id());
        }
        advance();
    }

    static RunSimulator start(String yaml) {
        return new RunSimulator(yaml, Map.of());
    }

    private String add(String node) {
        String id = "t" + nextId++;
        tasks.put(id, new StepTask(id, node, TaskStatus.PENDING, null, null));
        return id;
    }

    RunSnapshot snapshot() {
        return new RunSnapshot(status, params, List.copyOf(tasks.values()));
    }

    void advance() {
        for (int i = 0; i < 1000; i++) {
            PipelineDecision d = PipelineDecider.decide(def, snapshot());
            decisions.add(d);
            for (PipelineDecision.Expand e : d.expand()) {
                StepTask p = tasks.get(e.placeholderTaskId());
                tasks.put(
                        p.taskId(),
                        new StepTask(p.taskId(), StepTask.node(e.stepId(), 0), TaskStatus.PENDING, null, null));
                payloads.put(p.taskId(), e.payloads().getFirst());
                for (int k = 1; k < e.payloads().size(); k++) {
                    payloads.put(add(StepTask.node(e.stepId(), k)), e.payloads().get(k));
                }
            }
            for (PipelineDecision.Start s : d.start()) {
                set(s.taskId(), TaskStatus.QUEUED, null, null);
                payloads.put(s.taskId(), s.payload());
            }
            for (PipelineDecision.Finish f : d.finish()) {
                set(f.taskId(), f.to(), null, f.error());
            }
            for (String c : d.cancel()) {
                set(c, TaskStatus.CANCELLED, null, null);
            }
            status = d.status();
            error = d.error();
            long active = tasks.values().stream().filter(StepTask::isActive).count();
            maxActiveSeen = (int) Math.max(maxActiveSeen, active);
            if (!d.changesTasks()) {
                return;
            }
        }
        throw new AssertionError("the decider never settled");
    }

    private void set(String id, TaskStatus status, Object result, TaskError error) {
        StepTask t = tasks.get(id);
        if (t.status() != TaskStatus.PENDING
                && status != TaskStatus.CANCELLED
                && t.status().isFinished()) {
            throw new AssertionError("decided a change of finished task " + t);
        }
        tasks.put(id, new StepTask(id, t.node(), status, result, error));
    }

    StepTask task(String node) {
        return tasks.values().stream()
                .filter(t -> t.node().equals(node))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no task " + node + " in " + tasks.values()));
    }

    TaskStatus statusOf(String node) {
        return task(node).status();
    }

    Object payloadOf(String node) {
        return payloads.get(task(node).taskId());
    }

    /** The worker takes a queued task and it ends as given; then the run advances. */
    RunSimulator finish(String node, TaskStatus to, Object result) {
        StepTask t = task(node);
        if (!t.isActive()) {
            throw new AssertionError(node + " is not active: " + t);
        }
        tasks.put(
                t.taskId(),
                new StepTask(
                        t.taskId(), node, to, result, to == TaskStatus.FAILED ? TaskError.of("Boom", "broke") : null));
        advance();
        return this;
    }

    RunSimulator succeed(String node, Object result) {
        return finish(node, TaskStatus.SUCCEEDED, result);
    }

    RunSimulator succeed(String node) {
        return succeed(node, null);
    }

    RunSimulator fail(String node) {
        return finish(node, TaskStatus.FAILED, null);
    }

    RunSimulator cancelRun() {
        status = RunStatus.CANCELLED;
        advance();
        return this;
    }

    /** What a store's retry of the run does: failed, cancelled and failure-skipped tasks go back to PENDING. */
    RunSimulator retryRun() {
        for (StepTask t : List.copyOf(tasks.values())) {
            boolean again = t.status() == TaskStatus.FAILED
                    || (t.status() == TaskStatus.CANCELLED && !StepMarks.isConditionSkip(t.error()));
            if (again) {
                tasks.put(t.taskId(), new StepTask(t.taskId(), t.node(), TaskStatus.PENDING, null, null));
            }
        }
        status = RunStatus.RUNNING;
        advance();
        return this;
    }

    List<String> active() {
        return tasks.values().stream()
                .filter(StepTask::isActive)
                .map(StepTask::node)
                .toList();
    }
}
