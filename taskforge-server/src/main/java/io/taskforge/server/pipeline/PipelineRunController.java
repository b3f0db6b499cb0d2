package io.taskforge.server.pipeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.pipeline.PipelineRunPage;
import io.taskforge.pipeline.PipelineService;
import io.taskforge.pipeline.RunStatus;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.pipeline.PipelineResponses.RunListResponse;
import io.taskforge.server.pipeline.PipelineResponses.RunResponse;
import io.taskforge.server.problem.InvalidRequestException;
import io.taskforge.server.problem.NotFoundException;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Pipeline runs: their status, steps and results; cancel and retry. */
@RestController
@RequestMapping(path = "/api/v1/pipeline-runs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Pipeline runs",
        description = "Executions of pipelines. A run is RUNNING until every step finished, then SUCCEEDED, or"
                + " FAILED when a step failed; CANCELLED when cancelled. Step tasks are ordinary tasks too (in"
                + " /tasks with `pipelineRunId` and `node`).")
@ApiResponse(responseCode = "400", description = "a query parameter cannot be read")
class PipelineRunController {
    private final PipelineService pipelines;

    private final CurrentCaller caller;

    PipelineRunController(PipelineService pipelines, CurrentCaller caller) {
        this.caller = caller;
        this.pipelines = pipelines;
    }

    @Operation(operationId = "listPipelineRuns", summary = "List runs", description = "Runs, newest first.")
    @ApiResponse(responseCode = "200", description = "a page of runs (without their steps)")
    @ApiResponse(responseCode = "422", description = "`limit` is out of bounds")
    @GetMapping
    RunListResponse list(
            @Parameter(description = "only runs of this pipeline (id or name)") @RequestParam(required = false)
                    String pipelineId,
            @Parameter(description = "only runs in this status: RUNNING, SUCCEEDED, FAILED or CANCELLED")
                    @RequestParam(required = false)
                    String status,
            @Parameter(description = "page size, 1..500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "the `nextCursor` of the page before") @RequestParam(required = false)
                    String cursor) {
        PipelineRunPage page = pipelines.listRuns(caller.tenantId(), pipelineId, status(status), limit, cursor);
        return new RunListResponse(page.items().stream().map(RunResponse::of).toList(), page.nextCursor());
    }

    private static RunStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return RunStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status", "must be RUNNING, SUCCEEDED, FAILED or CANCELLED");
        }
    }

    @Operation(
            operationId = "getPipelineRun",
            summary = "Get a run",
            description = "The run with each step's status, task ids and result, and the results of its succeeded"
                    + " steps.")
    @ApiResponse(responseCode = "200", description = "the run")
    @ApiResponse(responseCode = "404", description = "no run has this id")
    @GetMapping("/{id}")
    RunResponse get(@PathVariable String id) {
        return RunResponse.of(pipelines.getRun(caller.tenantId(), id).orElseThrow(() -> notFound(id)));
    }

    @Operation(
            operationId = "cancelPipelineRun",
            summary = "Cancel a run",
            description = "Pending and waiting steps are cancelled at once, running ones are asked to stop.")
    @ApiResponse(responseCode = "200", description = "the run after the change")
    @ApiResponse(responseCode = "404", description = "no run has this id")
    @ApiResponse(responseCode = "409", description = "the run has already finished")
    @PostMapping("/{id}/cancel")
    RunResponse cancel(@PathVariable String id) {
        pipelines.cancelRun(caller.tenantId(), id, null).orElseThrow(() -> notFound(id));
        return get(id);
    }

    @Operation(
            operationId = "retryPipelineRun",
            summary = "Retry a run",
            description = "Runs a FAILED or CANCELLED run again: its failed and cancelled steps, and those skipped"
                    + " because of a failure, run again; succeeded steps keep their results.")
    @ApiResponse(responseCode = "200", description = "the run after the change")
    @ApiResponse(responseCode = "404", description = "no run has this id")
    @ApiResponse(
            responseCode = "409",
            description = "the run is still running, or some of its steps are still being stopped")
    @PostMapping("/{id}/retry")
    RunResponse retry(@PathVariable String id) {
        pipelines.retryRun(caller.tenantId(), id, null).orElseThrow(() -> notFound(id));
        return get(id);
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("pipeline-run-not-found", "no pipeline run with id '" + id + "'");
    }
}
