package io.taskforge.server.pipeline;

import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.pipeline.Pipeline;
import io.taskforge.pipeline.PipelineParser;
import io.taskforge.pipeline.PipelineRun;
import io.taskforge.pipeline.PipelineRunDetail;
import io.taskforge.pipeline.PipelineVersionSummary;
import io.taskforge.pipeline.StepTask;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the pipeline endpoints answer. */
final class PipelineResponses {
    private PipelineResponses() {}

    @Schema(name = "Pipeline")
    record PipelineResponse(
            @Schema(example = "0198c3a0-5b6e-7c1d-9a2b-3c4d5e6f7a8b")
            String id,

            @Schema(example = "documents") String name,

            @Schema(description = "this version; saving the name again makes the next one", example = "3")
            int version,

            @Schema(implementation = Object.class, description = "the definition, as stored (JSON)")
            Map<String, Object> definition,

            @Schema(description = "when this version was saved")
            Instant createdAt,

            @Schema(description = "every version, oldest first; only on GET /pipelines/{ref}")
            List<VersionResponse> versions) {

        static PipelineResponse of(Pipeline p) {
            return of(p, null);
        }

        static PipelineResponse of(Pipeline p, List<PipelineVersionSummary> versions) {
            return new PipelineResponse(
                    p.id(),
                    p.name(),
                    p.version(),
                    PipelineParser.toTree(p.definition()),
                    p.createdAt(),
                    versions == null
                            ? null
                            : versions.stream()
                                    .map(v -> new VersionResponse(v.version(), v.createdAt()))
                                    .toList());
        }
    }

    @Schema(name = "PipelineVersion")
    record VersionResponse(int version, Instant createdAt) {}

    @Schema(name = "PipelineList")
    record PipelineListResponse(List<PipelineResponse> items, String nextCursor) {}

    @Schema(name = "PipelineRun")
    record RunResponse(
            String id,
            String pipelineId,
            @Schema(example = "documents") String pipelineName,
            int pipelineVersion,

            @Schema(allowableValues = {"RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"})
            String status,

            @Schema(implementation = Object.class, description = "the run's parameters, defaults filled in")
            Map<String, Object> params,

            @Schema(description = "why the run failed", example = "step 'extract' failed")
            String error,

            Instant createdAt,
            Instant updatedAt,
            Instant finishedAt,

            @Schema(description = "each step in definition order; only on a single run")
            List<StepResponse> steps,

            @Schema(
                    implementation = Object.class,
                    description = "the results of the succeeded steps by step id (a fan-out's is the list of its"
                            + " items' results, in item order); only on a single run")
            Map<String, Object> results) {

        static RunResponse of(PipelineRun r) {
            return new RunResponse(
                    r.id(),
                    r.pipelineId(),
                    r.pipelineName(),
                    r.pipelineVersion(),
                    r.status().name(),
                    r.params(),
                    r.error(),
                    r.createdAt(),
                    r.updatedAt(),
                    r.finishedAt(),
                    null,
                    null);
        }

        static RunResponse of(PipelineRunDetail d) {
            PipelineRun r = d.run();
            return new RunResponse(
                    r.id(),
                    r.pipelineId(),
                    r.pipelineName(),
                    r.pipelineVersion(),
                    r.status().name(),
                    r.params(),
                    r.error(),
                    r.createdAt(),
                    r.updatedAt(),
                    r.finishedAt(),
                    d.steps().stream().map(StepResponse::of).toList(),
                    d.results());
        }
    }

    @Schema(name = "PipelineRunStep")
    record StepResponse(
            @Schema(example = "extract") String id,
            @Schema(example = "shell") String type,

            @Schema(allowableValues = {"PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "SKIPPED"})
            String status,

            @Schema(description = "the step's task; the first item's for a fan-out")
            String taskId,

            @Schema(description = "the step's tasks: one, or one per item of a fan-out in item order")
            List<StepTaskResponse> tasks,

            @Schema(implementation = Object.class, description = "the step's result (a list for a fan-out)")
            Object result) {

        static StepResponse of(PipelineRunDetail.Step s) {
            return new StepResponse(
                    s.id(),
                    s.type(),
                    s.status().name(),
                    s.tasks().isEmpty() ? null : s.tasks().getFirst().taskId(),
                    s.tasks().stream().map(StepTaskResponse::of).toList(),
                    s.result());
        }
    }

    @Schema(name = "PipelineRunStepTask")
    record StepTaskResponse(
            String taskId,
            @Schema(example = "process[3]") String node,

            @Schema(description = "the task's status (PENDING until its upstream steps are done)")
            String status,

            @Schema(description = "why the step was skipped, when it was")
            String skipReason) {

        static StepTaskResponse of(StepTask t) {
            return new StepTaskResponse(t.taskId(), t.node(), t.status().name(), t.skipReason());
        }
    }

    @Schema(name = "PipelineRunList")
    record RunListResponse(List<RunResponse> items, String nextCursor) {}
}
