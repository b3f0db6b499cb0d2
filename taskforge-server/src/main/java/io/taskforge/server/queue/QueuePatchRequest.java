package io.taskforge.server.queue;

import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.client.FieldError;
import io.taskforge.server.problem.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /queues/{name}}: a missing field leaves its setting as it is, {@code null} removes a
 * limit. Jackson binds a missing field and a null one alike, so the body is read from its JSON tree
 * here; this record then holds the change in the form {@link io.taskforge.queue.QueueService} takes
 * (null: unchanged, 0: no limit). Bounds are the service's to check (422); this only refuses what
 * cannot be read (400): another JSON type, a field that cannot be set.
 */
@Schema(
        name = "QueuePatch",
        description = "Changes a queue's settings; a missing field is left as it is. A queue that does not exist"
                + " yet gets settings.")
record QueuePatchRequest(
        @Schema(
                description = "true pauses the queue (nothing starts; running tasks go on), false resumes it",
                example = "true")
        Boolean paused,

        @Schema(
                description = "most tasks RUNNING at once across all workers, 0..100000; null or 0 removes the limit",
                example = "4",
                minimum = "0",
                maximum = "100000",
                nullable = true)
        Integer concurrencyLimit,

        @Schema(
                description = "most tasks started per second across all workers, 0..100000 (fractions allowed:"
                        + " 0.5 is one every two seconds); null or 0 removes the limit",
                example = "5",
                minimum = "0",
                maximum = "100000",
                nullable = true)
        Double ratePerSecond) {

    private static final Set<String> FIELDS = new TreeSet<>(Set.of("paused", "concurrencyLimit", "ratePerSecond"));

    static QueuePatchRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(
                    "body", "must be a JSON object with paused, concurrencyLimit or" + " ratePerSecond");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                errors.add(new FieldError(
                        field.getKey(),
                        "is not a field that can be set here (known: " + String.join(", ", FIELDS) + ")"));
            }
        }
        Boolean paused = null;
        JsonNode p = body.get("paused");
        if (p != null) {
            if (p.isBoolean()) {
                paused = p.booleanValue();
            } else {
                errors.add(new FieldError("paused", "must be true or false"));
            }
        }
        Integer concurrency = null;
        JsonNode c = body.get("concurrencyLimit");
        if (c != null) {
            if (c.isNull()) {
                concurrency = 0;
            } else if (c.isIntegralNumber()) {
                // Beyond an int it is out of bounds anyway: the service says so with the range.
                concurrency = c.canConvertToInt()
                        ? c.intValue()
                        : c.bigIntegerValue().signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            } else {
                errors.add(new FieldError("concurrencyLimit", "must be an integer, or null for no limit"));
            }
        }
        Double rate = null;
        JsonNode r = body.get("ratePerSecond");
        if (r != null) {
            if (r.isNull()) {
                rate = 0.0;
            } else if (r.isNumber()) {
                // Through BigDecimal: a number too large for a double becomes infinite, which the
                // service rejects as out of bounds, instead of failing here.
                BigDecimal value = r.decimalValue();
                rate = value.doubleValue();
            } else {
                errors.add(new FieldError("ratePerSecond", "must be a number, or null for no limit"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new QueuePatchRequest(paused, concurrency, rate);
    }
}
