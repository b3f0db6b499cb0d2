package io.taskforge.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.taskforge.event.EngineListener;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import io.taskforge.testkit.TaskFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TaskMetrics metrics = new TaskMetrics(registry);

    private static Task task(String type, String queue) {
        return TaskFixtures.aTask().withType(type).withQueue(queue).build();
    }

    private double count(String name, String type, String queue) {
        var counter = registry.find(name).tag("type", type).tag("queue", queue).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void counts_outcomes_by_type_and_queue_and_times_attempts_by_type() {
        Task t = task("report", "batch");
        metrics.tasksSubmitted(List.of(t, t));
        metrics.attemptStarted(t, Duration.ofMillis(3), Duration.ofSeconds(2));
        metrics.attemptFinished(t, TaskStatus.RETRYING, Duration.ofMillis(40));
        metrics.attemptFinished(t, TaskStatus.SUCCEEDED, Duration.ofMillis(60));
        metrics.attemptFinished(t, TaskStatus.FAILED, Duration.ofMillis(1));
        metrics.attemptFinished(t, TaskStatus.QUEUED, Duration.ofMillis(1));

        assertThat(count("taskforge.tasks.submitted", "report", "batch")).isEqualTo(2);
        assertThat(count("taskforge.tasks.retried", "report", "batch")).isEqualTo(1);
        assertThat(count("taskforge.tasks.succeeded", "report", "batch")).isEqualTo(1);
        assertThat(count("taskforge.tasks.failed", "report", "batch")).isEqualTo(1);
        assertThat(registry.find("taskforge.attempt.duration")
                        .tag("type", "report")
                        .timer()
                        .count())
                .as("a released attempt is not timed")
                .isEqualTo(3);
        assertThat(registry.find("taskforge.claim.to.start")
                        .tag("queue", "batch")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.find("taskforge.queue.wait")
                        .tag("queue", "batch")
                        .timer()
                        .totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(2.0);
    }

    @Test
    void label_values_past_the_bound_are_reported_as_other() {
        for (int i = 0; i < TaskMetrics.MAX_LABEL_VALUES + 50; i++) {
            metrics.tasksSubmitted(List.of(task("type-" + i, "q")));
        }

        assertThat(registry.find("taskforge.tasks.submitted").counters()).hasSize(TaskMetrics.MAX_LABEL_VALUES + 1);
        assertThat(count("taskforge.tasks.submitted", LabelValues.OTHER, "q")).isEqualTo(50);
    }

    @Test
    void listeners_compose_and_one_that_throws_does_not_silence_the_others() {
        List<String> heard = new ArrayList<>();
        EngineListener failing = new EngineListener() {
            @Override
            public void tasksSubmitted(List<Task> tasks) {
                throw new IllegalStateException("boom");
            }
        };
        EngineListener recording = new EngineListener() {
            @Override
            public void tasksSubmitted(List<Task> tasks) {
                heard.add("submitted");
            }
        };

        EngineListeners.of(List.of(failing, recording)).tasksSubmitted(List.of(task("a", "q")));

        assertThat(heard).containsExactly("submitted");
        assertThat(EngineListeners.of(List.of())).isSameAs(EngineListener.NONE);
        assertThat(EngineListeners.of(List.of(recording))).isSameAs(recording);
    }
}
