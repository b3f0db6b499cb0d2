package io.taskforge.server.tag;

import io.taskforge.client.TaskforgeClient;
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
class TagController {
    private final TaskforgeClient client;

    TagController(TaskforgeClient client) {
        this.client = client;
    }

    record TagResponse(String name, String color, long taskCount) {
        static TagResponse of(Tag t) {
            return new TagResponse(t.name(), t.color(), t.taskCount());
        }
    }

    record TagListResponse(List<TagResponse> items) {}

    record CreateTag(String name, String color) {}

    /** The colour is the only thing a tag has besides its name; null clears it. */
    record UpdateTag(String color) {}

    @GetMapping
    TagListResponse list() {
        return new TagListResponse(client.tags().stream().map(TagResponse::of).toList());
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TagResponse> create(@RequestBody CreateTag body) {
        Tag tag = client.createTag(body.name(), body.color());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/tags/{name}")
                // Encoding the template first encodes the variable strictly: "/" becomes %2F.
                .encode()
                .buildAndExpand(tag.name())
                .toUri();
        return ResponseEntity.status(HttpStatus.CREATED).location(location).body(TagResponse.of(tag));
    }

    @PatchMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    TagResponse update(@PathVariable String name, @RequestBody UpdateTag body) {
        return TagResponse.of(client.updateTag(name, body.color()).orElseThrow(() -> NotFoundException.tag(name)));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String name) {
        if (!client.deleteTag(name)) {
            throw NotFoundException.tag(name);
        }
    }
}
