package io.taskforge.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.taskforge.event.EngineListener;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What this process's engine does, as Prometheus metrics (names as exposed):
 *
 * <ul>
 *   <li>{@code taskforge_tasks_submitted_total{type,queue}}: tasks created through this process;
 *   <li>{@code taskforge_tasks_succeeded_total}, {@code _failed_total} (dead-lettered), {@code
 *       _retried_total} (an attempt failed, another follows) and {@code _cancelled_total}, by type
 *       and queue, for attempts this process's worker ran;
 *   <li>{@code taskforge_attempt_duration_seconds{type}}: a histogram of attempt run times;
 *   <li>{@code taskforge_claim_to_start_seconds{queue}}: from the claim returning to the handler
 *       starting (time spent in this worker before work begins);
 *   <li>{@code taskforge_queue_wait_seconds{queue}}: from when a task was due to its claim.
 * </ul>
 *
 * Labels are only type and queue, each bounded by {@link LabelValues}. Outcomes reported by remote
 * workers over HTTP are not engine events and are not counted here; the queue gauges of {@link
 * QueueMetrics} see every task.
 */
@Component
class TaskMetrics implements EngineListener {
    /** Distinct task types, and queues, that get series of their own. */
    static final int MAX_LABEL_VALUES = 200;

    /** Run times of tasks span milliseconds (a webhook) to hours (a report): fixed, readable buckets. */
    private static final Duration[] RUN_TIME_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1)
    };

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5)
    };

    private final MeterRegistry registry;
    private final LabelValues types = new LabelValues(MAX_LABEL_VALUES);
    private final LabelValues queues = new LabelValues(MAX_LABEL_VALUES);
    /*
     * Meters by their label values. Registering through a builder on every event builds tags and an
     * id and looks them up in the registry: a few microseconds a task, a measurable share of a
     * no-op task's cost. Label values are bounded (LabelValues), and so are these maps.
     */
    private final Map<String, Timer> claimToStart = new ConcurrentHashMap<>();
    private final Map<String, Timer> queueWait = new ConcurrentHashMap<>();
    private final Map<String, Timer> attemptDuration = new ConcurrentHashMap<>();
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

    private record CounterKey(String name, String type, String queue) {}

    TaskMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void tasksSubmitted(List<Task> tasks) {
        for (Task t : tasks) {
            counter("taskforge.tasks.submitted", "Tasks created through this process", t)
                    .increment();
        }
    }

    @Override
    public void attemptStarted(Task task, Duration claimToStart, Duration queueWait) {
        String queue = queues.of(task.queue());
        this.claimToStart
                .computeIfAbsent(
                        queue,
                        q -> Timer.builder("taskforge.claim.to.start")
                                .description("From a claim returning to the task's handler starting")
                                .tag("queue", q)
                                .serviceLevelObjectives(LATENCY_BUCKETS)
                                .register(registry))
                .record(nonNegative(claimToStart));
        this.queueWait
                .computeIfAbsent(
                        queue,
                        q -> Timer.builder("taskforge.queue.wait")
                                .description("From when a task was due to when a worker claimed it")
                                .tag("queue", q)
                                .serviceLevelObjectives(LATENCY_BUCKETS)
                                .register(registry))
                .record(nonNegative(queueWait));
    }

    @Override
    public void attemptFinished(Task task, TaskStatus outcome, Duration runTime) {
        String name = switch (outcome) {
            case SUCCEEDED -> "taskforge.tasks.succeeded";
            case FAILED -> "taskforge.tasks.failed";
            case RETRYING -> "taskforge.tasks.retried";
            case CANCELLED -> "taskforge.tasks.cancelled";
            // Given back unfinished by a stopping worker: no outcome, and no run worth timing.
            default -> null;
        };
        if (name == null) {
            return;
        }
        counter(name, "Attempts run by this process that ended " + outcome, task)
                .increment();
        attemptDuration
                .computeIfAbsent(
                        types.of(task.type()),
                        type -> Timer.builder("taskforge.attempt.duration")
                                .description("How long attempts run by this process took")
                                .tag("type", type)
                                .serviceLevelObjectives(RUN_TIME_BUCKETS)
                                .register(registry))
                .record(nonNegative(runTime));
    }

    private Counter counter(String name, String description, Task task) {
        CounterKey key = new CounterKey(name, types.of(task.type()), queues.of(task.queue()));
        return counters.computeIfAbsent(
                key,
                k -> Counter.builder(k.name())
                        .description(description)
                        .tag("type", k.type())
                        .tag("queue", k.queue())
                        .register(registry));
    }

    private static Duration nonNegative(Duration d) {
        return d == null || d.isNegative() ? Duration.ZERO : d;
    }
}
