package io.taskforge.server.script;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.script.ScriptNameTakenException;
import io.taskforge.script.ScriptPage;
import io.taskforge.script.ScriptService;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.problem.NotFoundException;
import io.taskforge.server.problem.Problems;
import io.taskforge.server.script.ScriptResponses.ScriptListResponse;
import io.taskforge.server.script.ScriptResponses.ScriptResponse;
import io.taskforge.server.script.ScriptResponses.VersionListResponse;
import io.taskforge.server.script.ScriptResponses.VersionResponse;
import io.taskforge.server.script.ScriptResponses.VersionSummaryResponse;
import io.taskforge.server.task.TaskResponse;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Scripts section of API.md, plus the version history. The rules live in {@link
 * ScriptService}; this class translates HTTP to it and back.
 *
 * <p>{@code {ref}} in a path is a script's id or its name: the CLI runs scripts by name. Names
 * shaped like ids are refused, so the two never clash.
 */
@RestController
@RequestMapping(path = "/api/v1/scripts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Scripts",
        description = "Stored, versioned bash, sh and python scripts with a JSON Schema (2020-12) for their"
                + " parameters. Running one creates a task of type `script` pinned to the script's current version;"
                + " a change of content, language or parameters makes a new version, and tasks already created keep"
                + " theirs. In paths, `{ref}` is the script's id or its name.")
@ApiResponse(
        responseCode = "400",
        description = "the body is not JSON, a field has the wrong JSON type, or a query parameter cannot be read")
class ScriptController {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ScriptService scripts;
    private final JsonMapper json;
    private final CurrentCaller caller;

    ScriptController(ScriptService scripts, JsonMapper json, CurrentCaller caller) {
        this.scripts = scripts;
        this.json = json;
        this.caller = caller;
    }

    @Operation(
            operationId = "listScripts",
            summary = "List scripts",
            description = "Undeleted scripts by name, each with its current content and parameter schema, a page at"
                    + " a time.")
    @ApiResponse(responseCode = "200", description = "a page of scripts")
    @ApiResponse(responseCode = "422", description = "`limit` is out of bounds")
    @GetMapping
    ScriptListResponse list(
            @Parameter(description = "page size, 1..100 (default 50)", example = "50") @RequestParam(required = false)
                    Integer limit,
            @Parameter(description = "the `nextCursor` of the page before") @RequestParam(required = false)
                    String cursor) {
        ScriptPage page = scripts.list(caller.tenantId(), limit, cursor);
        return new ScriptListResponse(
                page.items().stream().map(ScriptResponse::of).toList(), page.nextCursor());
    }

    @Operation(
            operationId = "createScript",
            summary = "Store a script",
            description = "Stores a new script as version 1. The parameter schema is checked against JSON Schema"
                    + " draft 2020-12 and must describe an object; references may only point inside it.")
    @ApiResponse(
            responseCode = "201",
            description = "the stored script",
            headers = @Header(name = "Location", description = "the script's URL"))
    @ApiResponse(responseCode = "409", description = "another script has this name")
    @ApiResponse(
            responseCode = "422",
            description = "a field is missing or out of bounds, or the parameter schema is not a valid schema;"
                    + " `errors` names each")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ScriptResponse> create(@RequestBody ScriptRequests.CreateScript body) {
        ScriptResponse script = ScriptResponse.of(scripts.create(caller.tenantId(), body.toNewScript(json)));
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/scripts/{id}")
                .buildAndExpand(script.id())
                .toUri();
        return ResponseEntity.created(location).body(script);
    }

    @Operation(operationId = "getScript", summary = "Get a script", description = "The script as it is now.")
    @ApiResponse(responseCode = "200", description = "the script")
    @ApiResponse(responseCode = "404", description = "no script has this id or name")
    @GetMapping("/{ref}")
    ScriptResponse get(
            @Parameter(description = "the script's id or name", example = "monthly-report") @PathVariable String ref) {
        return ScriptResponse.of(scripts.get(caller.tenantId(), ref).orElseThrow(() -> notFound(ref)));
    }

    @Operation(
            operationId = "updateScript",
            summary = "Change a script",
            description = "Changes the given fields. A new content, language or parameter schema makes a new"
                    + " version (`version` goes up by one); other fields change in place. Tasks created before keep"
                    + " running the version they were created with.")
    @ApiResponse(responseCode = "200", description = "the script after the change")
    @ApiResponse(responseCode = "404", description = "no script has this id or name")
    @ApiResponse(responseCode = "409", description = "the new name is held by another script")
    @ApiResponse(
            responseCode = "422",
            description = "a field is out of bounds or not one that can be changed; `errors` names each")
    @PatchMapping(path = "/{ref}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ScriptResponse update(
            @Parameter(description = "the script's id or name", example = "monthly-report") @PathVariable String ref,
            @RequestBody ScriptRequests.PatchScript body) {
        return ScriptResponse.of(
                scripts.update(caller.tenantId(), ref, body.toPatch(json)).orElseThrow(() -> notFound(ref)));
    }

    @Operation(
            operationId = "deleteScript",
            summary = "Delete a script",
            description = "Soft delete: the script disappears and its name is free again; tasks already created from"
                    + " it still run their version.")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no script has this id or name")
    @DeleteMapping("/{ref}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            @Parameter(description = "the script's id or name", example = "monthly-report") @PathVariable String ref) {
        scripts.delete(caller.tenantId(), ref).orElseThrow(() -> notFound(ref));
    }

    @Operation(
            operationId = "runScript",
            summary = "Run a script",
            description = "Checks `params` against the script's parameter schema, then creates a task of type"
                    + " `script` on the script's queue, with its timeout and attempts, pinned to its current version:"
                    + " the payload is `{\"scriptId\", \"script\", \"version\", \"params\"}`. The script gets each"
                    + " parameter as an environment variable `TF_PARAM_<NAME>` and all of them as one JSON object on"
                    + " stdin; when the last line it prints is a JSON object, that is the task's result. With an"
                    + " `Idempotency-Key` header, repeating the request returns the first task.")
    @ApiResponse(
            responseCode = "201",
            description = "the task",
            headers = @Header(name = "Location", description = "the task's URL"))
    @ApiResponse(responseCode = "404", description = "no script has this id or name")
    @ApiResponse(responseCode = "413", description = "the parameters make the task's payload larger than 1 MiB")
    @ApiResponse(
            responseCode = "422",
            description = "the parameters do not fit the schema (one error per field, named `params.<field>`), or"
                    + " a task field is out of bounds; no task was created")
    @PostMapping(path = "/{ref}/run", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TaskResponse> run(
            @Parameter(description = "the script's id or name", example = "monthly-report") @PathVariable String ref,
            @RequestBody ScriptRequests.RunScript body,
            @Parameter(description = "makes a repeated request return the task of the first")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey;
        return TaskResponse.created(
                scripts.run(caller.tenantId(), ref, body.toRun(json, key)).orElseThrow(() -> notFound(ref)));
    }

    @Operation(
            operationId = "listScriptVersions",
            summary = "List a script's versions",
            description = "Every version, oldest first, without content; get one for its content.")
    @ApiResponse(responseCode = "200", description = "the versions")
    @ApiResponse(responseCode = "404", description = "no script has this id or name")
    @GetMapping("/{ref}/versions")
    VersionListResponse versions(
            @Parameter(description = "the script's id or name", example = "monthly-report") @PathVariable String ref) {
        return new VersionListResponse(
                scripts.versions(caller.tenantId(), ref).orElseThrow(() -> notFound(ref)).stream()
                        .map(VersionSummaryResponse::of)
                        .toList());
    }

    @Operation(
            operationId = "getScriptVersion",
            summary = "Get one version of a script",
            description = "What a task pinned to this version runs.")
    @ApiResponse(responseCode = "200", description = "the version")
    @ApiResponse(responseCode = "404", description = "no script has this id or name, or it has no such version")
    @GetMapping("/{ref}/versions/{version}")
    VersionResponse version(
            @Parameter(description = "the script's id or name", example = "monthly-report") @PathVariable String ref,
            @Parameter(description = "the version number", example = "1") @PathVariable int version) {
        return VersionResponse.of(scripts.version(caller.tenantId(), ref, version)
                .orElseThrow(() -> new NotFoundException(
                        "script-version-not-found", "script '" + ref + "' has no version " + version)));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> nameTaken(ScriptNameTakenException e) {
        ProblemDetail problem =
                Problems.of(HttpStatus.CONFLICT, "script-name-taken", "Script name taken", e.getMessage());
        problem.setProperty("name", e.name());
        return Problems.answer(problem);
    }

    private static NotFoundException notFound(String ref) {
        return new NotFoundException("script-not-found", "no script with id or name '" + ref + "'");
    }
}
