package io.taskforge.server.schedule;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.schedule.FirePage;
import io.taskforge.schedule.Schedule;
import io.taskforge.schedule.ScheduleLimits;
import io.taskforge.schedule.ScheduleNameTakenException;
import io.taskforge.schedule.SchedulePage;
import io.taskforge.schedule.ScheduleService;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.problem.NotFoundException;
import io.taskforge.server.problem.Problems;
import io.taskforge.server.schedule.ScheduleResponses.FireListResponse;
import io.taskforge.server.schedule.ScheduleResponses.FireResponse;
import io.taskforge.server.schedule.ScheduleResponses.ScheduleListResponse;
import io.taskforge.server.schedule.ScheduleResponses.ScheduleResponse;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cron and interval schedules. The rules live in {@link ScheduleService}; this class translates
 * HTTP to it and back. {@code {ref}} in a path is a schedule's id or its name.
 */
@RestController
@RequestMapping(path = "/api/v1/schedules", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Schedules",
        description = "Fire a task template, a stored script or a pipeline run on a cron expression (5 fields, or 6"
                + " with seconds first, read in a time zone) or a fixed interval. Exactly one fire per slot however"
                + " many servers run; slots missed while no server ran follow the misfire policy (SKIP, FIRE_ONCE,"
                + " FIRE_ALL up to `misfireLimit`). In paths, `{ref}` is the schedule's id or its name.")
@ApiResponse(
        responseCode = "400",
        description = "the body is not JSON, a field has the wrong JSON type, or a query parameter cannot be read")
class ScheduleController {
    private final ScheduleService schedules;
    private final JsonMapper json;

    private final CurrentCaller caller;

    ScheduleController(ScheduleService schedules, JsonMapper json, CurrentCaller caller) {
        this.caller = caller;
        this.schedules = schedules;
        this.json = json;
    }

    @Operation(operationId = "listSchedules", summary = "List schedules", description = "By name, a page at a time.")
    @ApiResponse(responseCode = "200", description = "a page of schedules")
    @ApiResponse(responseCode = "422", description = "`limit` is out of bounds")
    @GetMapping
    ScheduleListResponse list(
            @Parameter(description = "page size, 1..200 (default 50)", example = "50") @RequestParam(required = false)
                    Integer limit,
            @Parameter(description = "the `nextCursor` of the page before") @RequestParam(required = false)
                    String cursor) {
        SchedulePage page = schedules.list(caller.tenantId(), limit, cursor);
        return new ScheduleListResponse(page.items().stream().map(this::view).toList(), page.nextCursor());
    }

    @Operation(
            operationId = "createSchedule",
            summary = "Create a schedule",
            description = "Checks the timing (cron and zone, or interval) and the target (a task template is checked"
                    + " like a task, a script run against the script's schema) and stores the schedule; it fires"
                    + " first at its first slot after now.")
    @ApiResponse(
            responseCode = "201",
            description = "the schedule, with its next five fire times",
            headers = @Header(name = "Location", description = "the schedule's URL"))
    @ApiResponse(responseCode = "409", description = "another schedule has this name")
    @ApiResponse(
            responseCode = "422",
            description = "a field is missing or wrong: a bad cron expression, time zone or interval, a target that"
                    + " could not fire (pipelines are not available yet); `errors` names each field")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ScheduleResponse> create(@RequestBody ScheduleRequests.ScheduleBody body) {
        ScheduleResponse schedule = view(schedules.create(caller.tenantId(), body.toNewSchedule(json)));
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/schedules/{id}")
                .buildAndExpand(schedule.id())
                .toUri();
        return ResponseEntity.created(location).body(schedule);
    }

    @Operation(
            operationId = "getSchedule",
            summary = "Get a schedule",
            description = "The schedule with its next five fire times.")
    @ApiResponse(responseCode = "200", description = "the schedule")
    @ApiResponse(responseCode = "404", description = "no schedule has this id or name")
    @GetMapping("/{ref}")
    ScheduleResponse get(@Parameter(description = "the schedule's id or name") @PathVariable String ref) {
        return view(found(ref));
    }

    @Operation(
            operationId = "updateSchedule",
            summary = "Change a schedule",
            description = "Changes the given fields; a new target replaces the old one whole. A new timing takes"
                    + " effect from now.")
    @ApiResponse(responseCode = "200", description = "the schedule after the change")
    @ApiResponse(responseCode = "404", description = "no schedule has this id or name")
    @ApiResponse(responseCode = "409", description = "the new name is held by another schedule")
    @ApiResponse(responseCode = "422", description = "the result would be invalid; `errors` names each field")
    @PatchMapping(path = "/{ref}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ScheduleResponse update(
            @Parameter(description = "the schedule's id or name") @PathVariable String ref,
            @RequestBody ScheduleRequests.PatchBody body) {
        return view(schedules.update(caller.tenantId(), ref, body.toPatch(json)).orElseThrow(() -> notFound(ref)));
    }

    @Operation(
            operationId = "replaceSchedule",
            summary = "Replace a schedule",
            description = "Replaces every field as in a create; `paused` stays as it is when not given. Its history"
                    + " stays.")
    @ApiResponse(responseCode = "200", description = "the schedule after the change")
    @ApiResponse(responseCode = "404", description = "no schedule has this id or name")
    @ApiResponse(responseCode = "409", description = "the new name is held by another schedule")
    @ApiResponse(responseCode = "422", description = "the result would be invalid; `errors` names each field")
    @PutMapping(path = "/{ref}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ScheduleResponse replace(
            @Parameter(description = "the schedule's id or name") @PathVariable String ref,
            @RequestBody ScheduleRequests.ScheduleBody body) {
        return view(schedules
                .replace(caller.tenantId(), ref, body.toNewSchedule(json))
                .orElseThrow(() -> notFound(ref)));
    }

    @Operation(
            operationId = "deleteSchedule",
            summary = "Delete a schedule",
            description = "Soft delete: it fires no more and its name is free again; what it created stays.")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no schedule has this id or name")
    @DeleteMapping("/{ref}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@Parameter(description = "the schedule's id or name") @PathVariable String ref) {
        schedules.delete(caller.tenantId(), ref).orElseThrow(() -> notFound(ref));
    }

    @Operation(
            operationId = "pauseSchedule",
            summary = "Pause a schedule",
            description = "It fires no more until resumed; pausing a paused schedule changes nothing.")
    @ApiResponse(responseCode = "200", description = "the paused schedule")
    @ApiResponse(responseCode = "404", description = "no schedule has this id or name")
    @PostMapping("/{ref}/pause")
    ScheduleResponse pause(@Parameter(description = "the schedule's id or name") @PathVariable String ref) {
        return view(schedules.pause(caller.tenantId(), ref).orElseThrow(() -> notFound(ref)));
    }

    @Operation(
            operationId = "resumeSchedule",
            summary = "Resume a schedule",
            description = "It fires again from its next slot after now; slots that passed while it was paused are"
                    + " not fired.")
    @ApiResponse(responseCode = "200", description = "the resumed schedule")
    @ApiResponse(responseCode = "404", description = "no schedule has this id or name")
    @PostMapping("/{ref}/resume")
    ScheduleResponse resume(@Parameter(description = "the schedule's id or name") @PathVariable String ref) {
        return view(schedules.resume(caller.tenantId(), ref).orElseThrow(() -> notFound(ref)));
    }

    @Operation(
            operationId = "triggerSchedule",
            summary = "Fire a schedule now",
            description = "Creates what the schedule creates, once, now, paused or not; its slots are not affected."
                    + " The fire is in the history either way: `outcome` FAILED with an `error` when nothing could"
                    + " be created (its script was deleted, say).")
    @ApiResponse(responseCode = "201", description = "the fire")
    @ApiResponse(responseCode = "404", description = "no schedule has this id or name")
    @PostMapping("/{ref}/trigger")
    @ResponseStatus(HttpStatus.CREATED)
    FireResponse trigger(@Parameter(description = "the schedule's id or name") @PathVariable String ref) {
        return FireResponse.of(schedules.trigger(caller.tenantId(), ref).orElseThrow(() -> notFound(ref)));
    }

    @Operation(
            operationId = "listScheduleFires",
            summary = "A schedule's history",
            description = "Its fires, newest first, each with what it created (a task id or a pipeline run id) or"
                    + " why it created nothing.")
    @ApiResponse(responseCode = "200", description = "a page of fires")
    @ApiResponse(responseCode = "404", description = "no schedule has this id or name")
    @ApiResponse(responseCode = "422", description = "`limit` is out of bounds")
    @GetMapping("/{ref}/fires")
    FireListResponse fires(
            @Parameter(description = "the schedule's id or name") @PathVariable String ref,
            @Parameter(description = "page size, 1..200 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "the `nextCursor` of the page before") @RequestParam(required = false)
                    String cursor) {
        FirePage page = schedules.fires(caller.tenantId(), ref, limit, cursor).orElseThrow(() -> notFound(ref));
        return new FireListResponse(page.items().stream().map(FireResponse::of).toList(), page.nextCursor());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> nameTaken(ScheduleNameTakenException e) {
        ProblemDetail problem =
                Problems.of(HttpStatus.CONFLICT, "schedule-name-taken", "Schedule name taken", e.getMessage());
        problem.setProperty("name", e.name());
        return Problems.answer(problem);
    }

    private Schedule found(String ref) {
        return schedules.get(caller.tenantId(), ref).orElseThrow(() -> notFound(ref));
    }

    private ScheduleResponse view(Schedule s) {
        return ScheduleResponse.of(s, schedules.nextFireTimes(s, ScheduleLimits.NEXT_FIRE_TIMES));
    }

    private static NotFoundException notFound(String ref) {
        return new NotFoundException("schedule-not-found", "no schedule with id or name '" + ref + "'");
    }
}
