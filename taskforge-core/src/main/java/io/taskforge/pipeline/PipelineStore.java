package io.taskforge.pipeline;

import io.taskforge.task.Task;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where pipelines and their runs live. A run's steps are ordinary tasks of the task store
 * ({@code pipelineRunId}, {@code node}); the store advances a run with {@link PipelineDecider} in
 * the same transaction that finishes one of its tasks, whoever finishes it (a worker's outcome, a
 * cancel, a rescue, a delete).
 *
 * <p>Conventions as for the other stores: noun first, then verb; time comes in as a parameter;
 * ids that are not well-formed match nothing; names and lists are per tenant (the caller
 * compares the tenant of what it reads by id); {@link
 * PipelineService} checks every bound before a call reaches the store. The contract suite in
 * {@code taskforge-testkit} ({@code PipelineStoreContract}) checks every store.
 */
public interface PipelineStore {

    /**
     * Stores a definition as the next version of the pipeline with its name, or as version 1 of a
     * new pipeline with id {@code newId} when the tenant has none. Two callers saving one name at
     * once get consecutive versions.
     */
    Pipeline pipelineSave(String tenantId, String newId, PipelineDefinition definition, Instant now);

    /** The latest version of a pipeline, or the given version when {@code version} is not null. */
    Optional<Pipeline> pipelineGet(String id, Integer version);

    /** The latest version of the tenant's pipeline with this name. */
    Optional<Pipeline> pipelineGetByName(String tenantId, String name);

    /** The tenant's latest versions by name: the first {@code limit} whose names sort after {@code afterName}. */
    List<Pipeline> pipelineList(String tenantId, String afterName, int limit);

    /** The versions of a pipeline, oldest first; empty for an unknown one. */
    List<PipelineVersionSummary> pipelineVersionList(String id);

    /**
     * Inserts a run and its step tasks (all PENDING) in one transaction and advances it there: the
     * steps without upstream steps are QUEUED when this returns.
     *
     * @return the run as stored after that first decision
     */
    default PipelineRun pipelineRunInsert(PipelineRun run, List<Task> tasks) {
        return pipelineRunInsert(run, tasks, null);
    }

    /**
     * Like {@link #pipelineRunInsert(PipelineRun, List)}; when {@code idempotencyKey} is not null
     * and a run of the tenant already has it, nothing is inserted and that run is returned (also
     * when two callers race with one key).
     */
    PipelineRun pipelineRunInsert(PipelineRun run, List<Task> tasks, String idempotencyKey);

    Optional<PipelineRunDetail> pipelineRunGet(String id);

    List<PipelineRun> pipelineRunList(PipelineRunQuery query);

    /**
     * Cancels a running run: its pending and waiting tasks are cancelled at once, its running
     * tasks are asked to stop.
     *
     * @return the run after the change, empty for an unknown run
     * @throws PipelineRunStateException when the run has already finished
     */
    Optional<PipelineRun> pipelineRunCancel(String id, Instant now, String actor);

    /**
     * Runs a FAILED or CANCELLED run again: its failed and cancelled tasks, and those skipped
     * because of a failure, go back to PENDING and the run advances; succeeded tasks and tasks
     * skipped by a false condition are kept.
     *
     * @return the run after the change, empty for an unknown run
     * @throws PipelineRunStateException when the run is not FAILED or CANCELLED, or some of its
     *     tasks are still being stopped
     */
    Optional<PipelineRun> pipelineRunRetry(String id, Instant now, String actor);
}
