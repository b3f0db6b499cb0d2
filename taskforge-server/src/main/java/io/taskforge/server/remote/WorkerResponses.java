package io.taskforge.server.remote;

import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.remote.LeaseState;
import io.taskforge.remote.ReportOutcome;
import io.taskforge.server.task.TaskResponse;
import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.util.List;

/** Response bodies of the remote-worker endpoints. */
final class WorkerResponses {
    private WorkerResponses() {}

    @Schema(name = "WorkerClaimResponse", description = "The tasks claimed, RUNNING for the worker; possibly none.")
    record Claimed(List<TaskResponse> items) {}

    @Schema(name = "WorkerHeartbeatResponse")
    record Heartbeat(
            @Schema(example = "0190d5c4-7a3e-7b1c-9d2e-3f4a5b6c7d8e")
            String taskId,

            @Schema(example = "1") int attempt,

            @Schema(description = "true: someone asked the task to stop; stop the handler and report `fail`")
            boolean cancelRequested,

            @Schema(description = "the lease now holds until then")
            Instant leaseUntil) {

        static Heartbeat of(LeaseState s) {
            return new Heartbeat(s.taskId(), s.attempt(), s.cancelRequested(), s.leaseUntil());
        }
    }

    @Schema(name = "WorkerReportOutcome", description = "How the report ended the attempt.")
    record Ended(
            @Schema(
                    description = "SUCCEEDED, RETRYING (runs again at `runAt`), FAILED (dead-lettered), CANCELLED,"
                            + " or QUEUED (released)",
                    example = "SUCCEEDED")
            TaskStatus status,

            @Schema(description = "for RETRYING: when the next attempt is due")
            Instant runAt,

            @Schema(description = "the task after the report")
            TaskResponse task) {

        static Ended of(ReportOutcome o) {
            return new Ended(o.status(), o.runAt(), o.task() == null ? null : TaskResponse.of(o.task()));
        }
    }
}
