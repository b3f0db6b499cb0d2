package io.taskforge.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures as JSON, one object per measurement, so that trends can be compared run by run:
 *
 * <pre>{@code
 * {"startedAt": "...", "finishedAt": "...", "machine": {...}, "settings": {...},
 *  "measurements": [{"workload": "A", "store": "postgresql", "subject": "worker process",
 *                    "metric": "worked/s", "value": 41234.5, "unit": "tasks/s"}, ...],
 *  "errors": []}
 * }</pre>
 */
public final class JsonReport {
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonReport() {}

    /** Writes the report to {@code file} (its directories are created); the file appears whole or not at all. */
    public static void write(Report report, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("startedAt", String.valueOf(report.startedAt()));
        root.put("finishedAt", String.valueOf(report.finishedAt()));
        putAll(root.putObject("machine"), report.machine());
        putAll(root.putObject("settings"), report.settings());
        ArrayNode items = root.putArray("measurements");
        for (Measurement m : report.measurements()) {
            ObjectNode o = items.addObject();
            o.put("workload", m.workload());
            o.put("store", m.store());
            o.put("subject", m.subject());
            o.put("metric", m.metric());
            if (Double.isFinite(m.value())) {
                o.put("value", m.value());
            } else {
                // JSON has no NaN or infinity: a value that could not be measured is null.
                o.putNull("value");
            }
            o.put("unit", m.unit());
        }
        ArrayNode errors = root.putArray("errors");
        report.errors().forEach(errors::add);
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(root) + "\n");
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a file written by {@link #write}. */
    public static Report read(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file));
        Report report = new Report(instant(root.path("startedAt")));
        report.finishedAt(instant(root.path("finishedAt")));
        root.path("machine")
                .properties()
                .forEach(e -> report.machine().put(e.getKey(), e.getValue().asString()));
        root.path("settings")
                .properties()
                .forEach(e -> report.settings().put(e.getKey(), e.getValue().asString()));
        for (JsonNode m : root.path("measurements")) {
            report.add(
                    m.path("workload").asString(),
                    m.path("store").asString(),
                    m.path("subject").asString(),
                    m.path("metric").asString(),
                    m.path("value").isNumber() ? m.path("value").asDouble() : Double.NaN,
                    m.path("unit").asString());
        }
        for (JsonNode e : root.path("errors")) {
            report.error(e.asString());
        }
        return report;
    }

    private static void putAll(ObjectNode node, Map<String, String> values) {
        values.forEach(node::put);
    }

    private static Instant instant(JsonNode node) {
        String text = node.asString("");
        return text.isEmpty() || text.equals("null") ? null : Instant.parse(text);
    }
}
