package io.taskforge.server.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.auth.ApiKey;
import io.taskforge.auth.AuthStore;
import io.taskforge.auth.Role;
import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.server.problem.NotFoundException;
import io.taskforge.task.TaskIds;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API keys of the caller's tenant, for machines and remote workers; managed by the tenant's ADMINs. */
@RestController
@RequestMapping(path = "/api/v1/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "API keys",
        description = "Keys for machines and remote workers, each acting in this tenant with one"
                + " role. A key is shown once, when created. Tenant ADMINs only.")
class ApiKeyController {
    private final AuthStore store;
    private final AccessCache cache;
    private final CurrentCaller current;

    ApiKeyController(AuthStore store, AccessCache cache, CurrentCaller current) {
        this.store = store;
        this.cache = cache;
        this.current = current;
    }

    @Schema(name = "ApiKeyResponse", description = "An API key, without the key itself.")
    record ApiKeyResponse(
            String id,
            @Schema(example = "ci") String name,

            @Schema(description = "the key's first characters", example = "tfk_Ab12Cd")
            String prefix,

            Role role,

            @Schema(description = "id of the user who created it")
            String createdBy,

            Instant createdAt,
            Instant expiresAt,

            @Schema(description = "last use, to the minute (written once a minute)")
            Instant lastUsedAt,

            Instant revokedAt) {
        static ApiKeyResponse of(ApiKey k) {
            return new ApiKeyResponse(
                    k.id(),
                    k.name(),
                    k.prefix(),
                    k.role(),
                    k.createdBy(),
                    k.createdAt(),
                    k.expiresAt(),
                    k.lastUsedAt(),
                    k.revokedAt());
        }
    }

    @Schema(name = "CreatedApiKey", description = "The new key: `key` is shown this once and cannot be read again.")
    record CreatedApiKey(String key, ApiKeyResponse apiKey) {}

    @Schema(name = "ApiKeyListResponse")
    record ApiKeyListResponse(List<ApiKeyResponse> items) {}

    @Schema(name = "CreateApiKey", description = "A new key.")
    record CreateApiKey(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "remote-worker-1")
            String name,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "OPERATOR")
            String role,

            @Schema(description = "days until it stops working; absent: never", example = "90")
            Integer expiresInDays) {}

    @Operation(operationId = "listApiKeys", summary = "List the tenant's API keys")
    @GetMapping
    ApiKeyListResponse list() {
        return new ApiKeyListResponse(store.apiKeyList(current.tenantId()).stream()
                .map(ApiKeyResponse::of)
                .toList());
    }

    @Operation(operationId = "createApiKey", summary = "Create an API key")
    @ApiResponse(responseCode = "201", description = "the key, shown once")
    @ApiResponse(responseCode = "403", description = "API keys cannot create keys")
    @ApiResponse(responseCode = "422", description = "a field is not valid")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedApiKey> create(@RequestBody CreateApiKey body) {
        Caller caller = current.caller();
        if (caller.apiKeyId() != null) {
            throw AuthErrors.forbidden("an API key cannot create API keys: sign in as a user");
        }
        List<FieldError> errors = new ArrayList<>();
        Inputs.text(errors, "name", body.name(), 100, true);
        Role role = Inputs.role(errors, "role", body.role());
        if (body.expiresInDays() != null && (body.expiresInDays() < 1 || body.expiresInDays() > 3650)) {
            errors.add(new FieldError("expiresInDays", "must be between 1 and 3650"));
        }
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        Instant now = Instant.now();
        String key = SecretTokens.newApiKey();
        ApiKey stored = store.apiKeyCreate(new ApiKey(
                TaskIds.next(now.toEpochMilli()),
                caller.tenantId(),
                body.name().trim(),
                SecretTokens.displayPrefix(key),
                SecretTokens.hash(key),
                role,
                caller.userId(),
                now,
                body.expiresInDays() == null ? null : now.plus(Duration.ofDays(body.expiresInDays())),
                null,
                null));
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + stored.id()))
                .body(new CreatedApiKey(key, ApiKeyResponse.of(stored)));
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key", description = "It stops working at once.")
    @ApiResponse(responseCode = "204", description = "revoked")
    @ApiResponse(responseCode = "404", description = "no such key in this tenant, or revoked already")
    @DeleteMapping(path = "/{id}", produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String id) {
        if (!store.apiKeyRevoke(current.tenantId(), id, Instant.now())) {
            throw new NotFoundException("api-key-not-found", "no active API key with id '" + id + "'");
        }
        cache.forgetKeys();
    }
}
