package io.taskforge.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.taskforge.engine.Taskforge;
import io.taskforge.engine.WorkerView;
import org.springframework.stereotype.Component;

/**
 * This process's worker slots: {@code taskforge_worker_slots} (its concurrency) and {@code
 * taskforge_worker_slots_busy} (tasks running, including ones still winding down). Both 0 in a
 * process that runs no worker.
 */
@Component
class WorkerMetrics implements MeterBinder {
    private final Taskforge taskforge;

    WorkerMetrics(Taskforge taskforge) {
        this.taskforge = taskforge;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(
                        "taskforge.worker.slots",
                        taskforge,
                        t -> t.worker().map(WorkerView::concurrency).orElse(0))
                .description("Tasks this process's worker runs at once at most")
                .register(registry);
        Gauge.builder(
                        "taskforge.worker.slots.busy",
                        taskforge,
                        t -> t.worker().map(WorkerView::busy).orElse(0))
                .description("Worker slots in use: tasks running, including ones still winding down")
                .register(registry);
    }
}
