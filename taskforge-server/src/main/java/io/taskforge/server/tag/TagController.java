package io.taskforge.server.tag;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.problem.NotFoundException;
import io.taskforge.task.Tag;
import java.net.URI;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The Tags section of API.md. Tag names may hold spaces and slashes; in a path they are
 * percent-encoded ({@code /tags/team%2Fetl}).
 */
@RestController
@RequestMapping(path = "/api/v1/tags", produces = MediaType.APPLICATION_JSON_VALUE)
@io.swagger.v3.oas.annotations.tags.Tag(name = "Tags", description = "Labels for tasks, with a colour for the console.")
class TagController {
    private final TaskforgeClient client;
    private final CurrentCaller caller;

    TagController(TaskforgeClient client, CurrentCaller caller) {
        this.client = client;
        this.caller = caller;
    }

    @Schema(name = "TagResponse", description = "A tag and how many tasks carry it.")
    record TagResponse(
            @Schema(example = "team/etl") String name,

            @Schema(description = "CSS hex colour, or null", example = "#3b82f6")
            String color,

            @Schema(description = "undeleted tasks carrying it", example = "12")
            long taskCount) {
        static TagResponse of(Tag t) {
            return new TagResponse(t.name(), t.color(), t.taskCount());
        }
    }

    @Schema(name = "TagListResponse", description = "All tags, by name.")
    record TagListResponse(List<TagResponse> items) {}

    @Schema(name = "CreateTag", description = "A new tag.")
    record CreateTag(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "letters, digits, spaces and . _ : / -; at most 50 characters",
                    example = "team/etl")
            String name,

            @Schema(description = "CSS hex colour", example = "#3b82f6")
            String color) {}

    /** The colour is the only thing a tag has besides its name; null clears it. */
    @Schema(name = "UpdateTag", description = "The tag's new colour; null clears it.")
    record UpdateTag(
            @Schema(description = "CSS hex colour", example = "#ef4444")
            String color) {}

    @Operation(operationId = "listTags", summary = "List tags")
    @ApiResponse(responseCode = "200", description = "all tags with their task counts")
    @GetMapping
    TagListResponse list() {
        return new TagListResponse(
                client.tags(caller.tenantId()).stream().map(TagResponse::of).toList());
    }

    @Operation(operationId = "createTag", summary = "Create a tag")
    @ApiResponse(responseCode = "201", description = "the tag; `Location` names it")
    @ApiResponse(responseCode = "400", description = "the body cannot be read")
    @ApiResponse(responseCode = "409", description = "a tag of that name exists")
    @ApiResponse(responseCode = "422", description = "the name or colour is not valid; `errors` names each")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TagResponse> create(@RequestBody CreateTag body) {
        Tag tag = client.createTag(caller.tenantId(), body.name(), body.color());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/tags/{name}")
                // Encoding the template first encodes the variable strictly: "/" becomes %2F.
                .encode()
                .buildAndExpand(tag.name())
                .toUri();
        return ResponseEntity.status(HttpStatus.CREATED).location(location).body(TagResponse.of(tag));
    }

    @Operation(operationId = "updateTag", summary = "Change a tag's colour")
    @ApiResponse(responseCode = "200", description = "the changed tag")
    @ApiResponse(responseCode = "404", description = "no such tag")
    @ApiResponse(responseCode = "422", description = "the colour is not valid")
    @PatchMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    TagResponse update(
            @Parameter(description = "the tag's name, percent-encoded (`team%2Fetl`)") @PathVariable String name,
            @RequestBody UpdateTag body) {
        return TagResponse.of(
                client.updateTag(caller.tenantId(), name, body.color()).orElseThrow(() -> NotFoundException.tag(name)));
    }

    @Operation(operationId = "deleteTag", summary = "Delete a tag", description = "Also removes it from every task.")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no such tag")
    // No body to answer: any Accept is fine (a client asking only for problem+json must not get 406).
    @DeleteMapping(path = "/{name}", produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@Parameter(description = "the tag's name, percent-encoded") @PathVariable String name) {
        if (!client.deleteTag(caller.tenantId(), name)) {
            throw NotFoundException.tag(name);
        }
    }
}
