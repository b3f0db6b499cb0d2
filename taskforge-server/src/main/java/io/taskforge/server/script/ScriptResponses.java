package io.taskforge.server.script;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.script.Script;
import io.taskforge.script.ScriptVersion;
import io.taskforge.script.ScriptVersionSummary;
import java.time.Instant;
import java.util.List;

/** What the script endpoints answer (API.md, "Script JSON", plus the version history). */
final class ScriptResponses {
    private ScriptResponses() {}

    /** A script as it is now: its settings and its current version. */
    @Schema(name = "Script")
    record ScriptResponse(
            @Schema(example = "0198c3a0-5b6e-7c1d-9a2b-3c4d5e6f7a8b")
            String id,

            @Schema(example = "monthly-report") String name,

            @Schema(example = "Builds the PDF report of a month")
            String description,

            @Schema(
                    allowableValues = {"bash", "sh", "python"},
                    example = "python")
            String language,

            @Schema(example = "import json, sys\nprint(json.load(sys.stdin))\n")
            String content,

            @Schema(
                    implementation = Object.class,
                    description = "JSON Schema (draft 2020-12) of the parameters",
                    example = ScriptRequests.PARAMETERS_EXAMPLE)
            @JsonRawValue
            String parameters,

            @Schema(example = "reports") String queue,
            @Schema(example = "600") int timeoutSeconds,
            @Schema(example = "2") int maxAttempts,

            @Schema(description = "the current version; tasks run the version they were created with", example = "3")
            int version,

            Instant createdAt,
            Instant updatedAt) {

        static ScriptResponse of(Script s) {
            return new ScriptResponse(
                    s.id(),
                    s.name(),
                    s.description(),
                    s.language().wireName(),
                    s.content(),
                    s.parameters(),
                    s.queue(),
                    s.timeoutSeconds(),
                    s.maxAttempts(),
                    s.version(),
                    s.createdAt(),
                    s.updatedAt());
        }
    }

    @Schema(name = "ScriptList")
    record ScriptListResponse(
            List<ScriptResponse> items,

            @Schema(description = "pass as `cursor` for the next page; null on the last page")
            String nextCursor) {}

    /** One entry of the history; the content is in {@code GET /scripts/{ref}/versions/{version}}. */
    @Schema(name = "ScriptVersionSummary")
    record VersionSummaryResponse(
            @Schema(example = "2") int version,

            @Schema(
                    allowableValues = {"bash", "sh", "python"},
                    example = "python")
            String language,

            @Schema(description = "when this version was made")
            Instant createdAt) {

        static VersionSummaryResponse of(ScriptVersionSummary v) {
            return new VersionSummaryResponse(v.version(), v.language().wireName(), v.createdAt());
        }
    }

    @Schema(name = "ScriptVersionList")
    record VersionListResponse(
            @Schema(description = "oldest first") List<VersionSummaryResponse> items) {}

    /** One version, as a task pinned to it runs it. */
    @Schema(name = "ScriptVersion")
    record VersionResponse(
            @Schema(example = "0198c3a0-5b6e-7c1d-9a2b-3c4d5e6f7a8b")
            String scriptId,

            @Schema(example = "2") int version,

            @Schema(
                    allowableValues = {"bash", "sh", "python"},
                    example = "python")
            String language,

            String content,

            @Schema(implementation = Object.class, example = ScriptRequests.PARAMETERS_EXAMPLE) @JsonRawValue
            String parameters,

            Instant createdAt) {

        static VersionResponse of(ScriptVersion v) {
            return new VersionResponse(
                    v.scriptId(), v.version(), v.language().wireName(), v.content(), v.parameters(), v.createdAt());
        }
    }
}
