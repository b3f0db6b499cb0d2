package io.taskforge.server.pipeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.client.TaskValidationException;
import io.taskforge.pipeline.Pipeline;
import io.taskforge.pipeline.PipelineDefinition;
import io.taskforge.pipeline.PipelinePage;
import io.taskforge.pipeline.PipelineParser;
import io.taskforge.pipeline.PipelineRunDetail;
import io.taskforge.pipeline.PipelineService;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.pipeline.PipelineResponses.PipelineListResponse;
import io.taskforge.server.pipeline.PipelineResponses.PipelineResponse;
import io.taskforge.server.pipeline.PipelineResponses.RunResponse;
import io.taskforge.server.problem.InvalidRequestException;
import io.taskforge.server.problem.NotFoundException;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pipeline definitions and starting runs. The rules live in {@link PipelineService}; this class
 * translates HTTP to it and back. {@code {ref}} in a path is a pipeline's id or its name.
 */
@RestController
@RequestMapping(path = "/api/v1/pipelines", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Pipelines",
        description = "Versioned DAGs of steps. Each step is a task template; its payload may refer to run"
                + " parameters and upstream results, a `when` condition may skip it, and `forEach` fans it out over a"
                + " list. Saving a name again makes a new version; runs keep the version they started with. In paths,"
                + " `{ref}` is the pipeline's id or its name.")
@ApiResponse(responseCode = "400", description = "the body is not JSON or YAML, or a query parameter cannot be read")
class PipelineController {
    static final String YAML = "application/yaml";

    private final PipelineService pipelines;
    private final JsonMapper json;

    private final CurrentCaller caller;

    PipelineController(PipelineService pipelines, JsonMapper json, CurrentCaller caller) {
        this.caller = caller;
        this.pipelines = pipelines;
        this.json = json;
    }

    @Operation(
            operationId = "savePipeline",
            summary = "Save a pipeline",
            description = "Validates the definition (step ids and references, cycles, task types, templates,"
                    + " conditions) and stores it as version 1, or as the next version of the pipeline with its name."
                    + " The body is JSON or, with `Content-Type: application/yaml`, the same in YAML.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = PipelineRequests.Definition.class)),
                                @Content(
                                        mediaType = YAML,
                                        schema = @Schema(type = "string", description = "the same, in YAML"))
                            }))
    @ApiResponse(
            responseCode = "201",
            description = "the stored version",
            headers = @Header(name = "Location", description = "the pipeline's URL"))
    @ApiResponse(
            responseCode = "422",
            description = "the definition is not usable; `errors` names each problem by path")
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, YAML, "application/x-yaml", "text/yaml"})
    ResponseEntity<PipelineResponse> save(
            @RequestBody String body, @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType) {
        PipelineResponse saved = PipelineResponse.of(pipelines.save(caller.tenantId(), definition(body, contentType)));
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/pipelines/{id}")
                .buildAndExpand(saved.id())
                .toUri();
        return ResponseEntity.created(location).body(saved);
    }

    /** Text that is no JSON or YAML at all is a bad request; a tree of the wrong shape is invalid. */
    private PipelineDefinition definition(String body, String contentType) {
        boolean yaml = contentType.toLowerCase(Locale.ROOT).contains("yaml");
        Object tree;
        try {
            tree = yaml ? PipelineParser.readYaml(body) : json.readValue(body, Object.class);
        } catch (TaskValidationException e) {
            throw new InvalidRequestException(e.errors());
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "not valid JSON: " + e.getOriginalMessage());
        }
        return PipelineParser.fromTree(tree);
    }

    @Operation(
            operationId = "listPipelines",
            summary = "List pipelines",
            description = "The latest version of each pipeline, by name, a page at a time.")
    @ApiResponse(responseCode = "200", description = "a page of pipelines")
    @ApiResponse(responseCode = "422", description = "`limit` is out of bounds")
    @GetMapping
    PipelineListResponse list(
            @Parameter(description = "page size, 1..500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "the `nextCursor` of the page before") @RequestParam(required = false)
                    String cursor) {
        PipelinePage page = pipelines.list(caller.tenantId(), limit, cursor);
        return new PipelineListResponse(
                page.items().stream().map(PipelineResponse::of).toList(), page.nextCursor());
    }

    @Operation(
            operationId = "getPipeline",
            summary = "Get a pipeline",
            description = "Its latest version, with the list of all versions.")
    @ApiResponse(responseCode = "200", description = "the pipeline")
    @ApiResponse(responseCode = "404", description = "no pipeline has this id or name")
    @GetMapping("/{ref}")
    PipelineResponse get(@Parameter(description = "the pipeline's id or name") @PathVariable String ref) {
        Pipeline p = pipelines.get(caller.tenantId(), ref).orElseThrow(() -> notFound(ref));
        return PipelineResponse.of(p, pipelines.versions(caller.tenantId(), p.id()));
    }

    @Operation(operationId = "getPipelineVersion", summary = "Get one version of a pipeline")
    @ApiResponse(responseCode = "200", description = "the version")
    @ApiResponse(responseCode = "404", description = "no pipeline has this id or name, or no such version")
    @GetMapping("/{ref}/versions/{version}")
    PipelineResponse version(
            @Parameter(description = "the pipeline's id or name") @PathVariable String ref, @PathVariable int version) {
        return PipelineResponse.of(pipelines
                .get(caller.tenantId(), ref, version)
                .orElseThrow(() -> new NotFoundException(
                        "pipeline-not-found", "pipeline '" + ref + "' has no version " + version)));
    }

    @Operation(
            operationId = "runPipeline",
            summary = "Start a run",
            description = "Starts a run of the pipeline's latest version: every step becomes a task (PENDING until its"
                    + " upstream steps succeeded), and the steps without upstream steps are queued at once.")
    @ApiResponse(
            responseCode = "201",
            description = "the run",
            headers = @Header(name = "Location", description = "the run's URL"))
    @ApiResponse(responseCode = "404", description = "no pipeline has this id or name")
    @ApiResponse(responseCode = "422", description = "the parameters are too large")
    @PostMapping(path = "/{ref}/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RunResponse> run(
            @Parameter(description = "the pipeline's id or name") @PathVariable String ref,
            @RequestBody(required = false) PipelineRequests.RunPipeline body) {
        String runId = pipelines
                .run(caller.tenantId(), ref, body == null ? null : body.params(), null, null)
                .orElseThrow(() -> notFound(ref))
                .id();
        PipelineRunDetail detail = pipelines.getRun(caller.tenantId(), runId).orElseThrow();
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/pipeline-runs/{id}")
                .buildAndExpand(runId)
                .toUri();
        return ResponseEntity.created(location).body(RunResponse.of(detail));
    }

    private static NotFoundException notFound(String ref) {
        return new NotFoundException("pipeline-not-found", "no pipeline with id or name '" + ref + "'");
    }
}
