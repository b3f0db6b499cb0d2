package io.taskforge.schedule;

import io.taskforge.client.FieldError;
import java.util.List;

/**
 * How schedules start pipeline runs, implemented by the pipeline feature. A process without one
 * refuses schedules with a pipeline target ("pipelines are not available") rather than storing
 * something that can never fire.
 */
public interface PipelineRunLauncher {

    /**
     * Checks that {@code pipeline} names a pipeline of the tenant and that {@code params} (a JSON object as text)
     * suit it.
     *
     * @return one error per problem, with field names relative to the target ({@code pipeline},
     *     {@code params.x}); empty when a run could start
     */
    List<FieldError> check(String tenantId, String pipeline, String params);

    /**
     * Starts a run of the tenant's pipeline, in the tenant. A second call with the same {@code idempotencyKey} starts nothing and returns
     * the first run's id, so a fire that is repeated (a leader change in the middle) makes one run.
     *
     * @return the run's id
     * @throws io.taskforge.client.TaskValidationException when the run cannot start (the pipeline
     *     is gone, the parameters no longer fit); the fire is recorded as failed
     */
    String launch(String tenantId, String pipeline, String params, String idempotencyKey);
}
