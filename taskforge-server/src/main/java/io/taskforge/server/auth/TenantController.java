package io.taskforge.server.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.auth.AuthStore;
import io.taskforge.auth.NameTakenException;
import io.taskforge.auth.Tenant;
import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.server.problem.NotFoundException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tenants (projects) and their quotas, managed by superadmins. */
@RestController
@RequestMapping(path = "/api/v1/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Tenants",
        description = "Projects, each with its own tasks, scripts, pipelines, members and keys." + " Superadmins only.")
class TenantController {
    private final AuthStore store;
    private final AccessCache cache;

    TenantController(AuthStore store, AccessCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Schema(name = "TenantResponse", description = "A tenant and its limits.")
    record TenantResponse(
            @Schema(example = "default") String id,
            @Schema(example = "Default") String name,
            String description,

            @Schema(description = "whether OPERATORs may write scripts and submit shell tasks")
            boolean operatorCode,

            @Schema(description = "most tasks waiting at once; null: no limit")
            Integer maxWaiting,

            @Schema(description = "most tasks running at once; the others wait their turn. null: no limit")
            Integer maxRunning,

            @Schema(description = "largest task payload in bytes; null: the server's limit")
            Integer maxPayloadBytes,

            Instant createdAt,
            Instant updatedAt) {
        static TenantResponse of(Tenant t) {
            return new TenantResponse(
                    t.id(),
                    t.name(),
                    t.description(),
                    t.operatorCode(),
                    t.maxWaiting(),
                    t.maxRunning(),
                    t.maxPayloadBytes(),
                    t.createdAt(),
                    t.updatedAt());
        }
    }

    @Schema(name = "TenantListResponse")
    record TenantListResponse(List<TenantResponse> items) {}

    @Schema(name = "CreateTenant", description = "A new tenant.")
    record CreateTenant(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "lower-case letters, digits and -, at most 63",
                    example = "data-team")
            String id,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Data team")
            String name,

            String description,
            Boolean operatorCode,
            Integer maxWaiting,
            Integer maxRunning,
            Integer maxPayloadBytes) {}

    @Schema(name = "UpdateTenant", description = "Fields to change; absent fields stay. Limits: 0 removes one.")
    record UpdateTenant(
            String name,
            String description,
            Boolean operatorCode,
            Integer maxWaiting,
            Integer maxRunning,
            Integer maxPayloadBytes) {}

    @Operation(operationId = "listTenants", summary = "List tenants")
    @GetMapping
    TenantListResponse list() {
        return new TenantListResponse(
                store.tenantList().stream().map(TenantResponse::of).toList());
    }

    @Operation(operationId = "getTenant", summary = "Get a tenant")
    @ApiResponse(responseCode = "404", description = "no such tenant")
    @GetMapping("/{id}")
    TenantResponse get(@Parameter(description = "the tenant's id") @PathVariable String id) {
        return TenantResponse.of(store.tenantGet(id).orElseThrow(() -> notFound(id)));
    }

    @Operation(operationId = "createTenant", summary = "Create a tenant")
    @ApiResponse(responseCode = "201", description = "created")
    @ApiResponse(responseCode = "409", description = "the id is taken (also by a deleted tenant)")
    @ApiResponse(responseCode = "422", description = "a field is not valid; `errors` names each")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TenantResponse> create(@RequestBody CreateTenant body) {
        List<FieldError> errors = new ArrayList<>();
        Inputs.matches(
                errors, "id", body.id(), Inputs.TENANT_ID, "must be lower-case letters, digits and -, at most 63");
        Inputs.text(errors, "name", body.name(), 100, true);
        Inputs.text(errors, "description", body.description(), 1000, false);
        Inputs.positive(errors, "maxWaiting", body.maxWaiting());
        Inputs.positive(errors, "maxRunning", body.maxRunning());
        Inputs.positive(errors, "maxPayloadBytes", body.maxPayloadBytes());
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        Instant now = Instant.now();
        try {
            Tenant t = store.tenantCreate(new Tenant(
                    body.id(),
                    body.name().trim(),
                    body.description(),
                    Boolean.TRUE.equals(body.operatorCode()),
                    body.maxWaiting(),
                    body.maxRunning(),
                    body.maxPayloadBytes(),
                    now,
                    now));
            return ResponseEntity.created(URI.create("/api/v1/tenants/" + t.id()))
                    .body(TenantResponse.of(t));
        } catch (NameTakenException e) {
            throw AuthErrors.conflict("tenant-exists", "a tenant with id '" + body.id() + "' exists or existed");
        }
    }

    @Operation(operationId = "updateTenant", summary = "Change a tenant's name, code permission or limits")
    @ApiResponse(responseCode = "404", description = "no such tenant")
    @ApiResponse(responseCode = "422", description = "a field is not valid")
    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    TenantResponse update(@PathVariable String id, @RequestBody UpdateTenant body) {
        Tenant t = store.tenantGet(id).orElseThrow(() -> notFound(id));
        List<FieldError> errors = new ArrayList<>();
        Inputs.text(errors, "name", body.name(), 100, false);
        Inputs.text(errors, "description", body.description(), 1000, false);
        for (var limit : List.of(
                new Object[] {"maxWaiting", body.maxWaiting()},
                new Object[] {"maxRunning", body.maxRunning()},
                new Object[] {"maxPayloadBytes", body.maxPayloadBytes()})) {
            if (limit[1] != null && (Integer) limit[1] < 0) {
                errors.add(new FieldError((String) limit[0], "must be at least 0 (0 removes the limit)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        Tenant changed = new Tenant(
                t.id(),
                body.name() == null ? t.name() : body.name().trim(),
                body.description() == null ? t.description() : body.description(),
                body.operatorCode() == null ? t.operatorCode() : body.operatorCode(),
                limit(body.maxWaiting(), t.maxWaiting()),
                limit(body.maxRunning(), t.maxRunning()),
                limit(body.maxPayloadBytes(), t.maxPayloadBytes()),
                t.createdAt(),
                Instant.now());
        Tenant stored = store.tenantUpdate(changed).orElseThrow(() -> notFound(id));
        cache.forgetTenant(id);
        return TenantResponse.of(stored);
    }

    @Operation(
            operationId = "deleteTenant",
            summary = "Delete a tenant",
            description = "Its members lose access and its API keys are revoked; its data stays in the database.")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no such tenant")
    @ApiResponse(responseCode = "409", description = "the default tenant cannot be deleted")
    @DeleteMapping(path = "/{id}", produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        if (Tenant.DEFAULT.equals(id)) {
            throw AuthErrors.conflict("default-tenant", "the default tenant cannot be deleted");
        }
        if (!store.tenantDelete(id, Instant.now())) {
            throw notFound(id);
        }
        cache.forgetTenant(id);
    }

    private static Integer limit(Integer given, Integer old) {
        if (given == null) {
            return old;
        }
        return given == 0 ? null : given;
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("tenant-not-found", "no tenant with id '" + id + "'");
    }
}
