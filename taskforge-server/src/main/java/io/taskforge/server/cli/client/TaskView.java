package io.taskforge.server.cli.client;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** How tasks look to people: a table row, a detail sheet, and one-line notes while following. */
final class TaskView {
    private static final int TITLE_WIDTH = 60;

    private TaskView() {}

    static Table table() {
        return new Table("ID", "STATUS", "TYPE", "QUEUE", "PRIORITY", "ATTEMPT", "CREATED", "TITLE");
    }

    static void addRow(Table table, Output o, JsonNode t) {
        table.add(
                Json.text(t, "id"),
                o.status(Json.text(t, "status")),
                Json.text(t, "type"),
                Json.text(t, "queue"),
                Json.text(t, "priority"),
                attempts(t),
                o.time(t, "createdAt"),
                Table.clip(Json.text(t, "title"), TITLE_WIDTH));
    }

    static String attempts(JsonNode t) {
        return Json.number(t, "attempt", 0) + "/" + Json.number(t, "maxAttempts", 0);
    }

    /** Every field that has a value, one per line. */
    static void printDetail(Output o, JsonNode t) {
        List<String[]> rows = new ArrayList<>();
        add(rows, "id", Json.text(t, "id"));
        add(rows, "type", Json.text(t, "type"));
        add(rows, "title", Json.text(t, "title"));
        add(rows, "description", Json.text(t, "description"));
        String status = o.status(Json.text(t, "status"));
        if (t.path("cancelRequested").asBoolean(false)) {
            status += " (cancel requested)";
        }
        add(rows, "status", status);
        add(rows, "queue", Json.text(t, "queue"));
        add(rows, "priority", Json.text(t, "priority"));
        JsonNode tags = t.path("tags");
        if (tags.isArray() && !tags.isEmpty()) {
            List<String> names = new ArrayList<>();
            tags.forEach(tag -> names.add(tag.asString()));
            add(rows, "tags", String.join(", ", names));
        }
        add(rows, "attempt", Json.number(t, "attempt", 0) + " of " + Json.number(t, "maxAttempts", 0));
        add(rows, "timeout", Json.number(t, "timeoutSeconds", 0) + "s");
        add(rows, "run at", o.time(t, "runAt"));
        add(rows, "created", o.time(t, "createdAt"));
        add(rows, "started", o.time(t, "startedAt"));
        add(rows, "finished", o.time(t, "finishedAt"));
        add(rows, "worker", Json.text(t, "workerId"));
        add(rows, "unique key", Json.text(t, "uniqueKey"));
        add(rows, "progress", progress(t));
        add(rows, "payload", Json.text(t, "payload"));
        add(rows, "result", Json.text(t, "result"));
        add(rows, "error", error(t));
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] row : rows) {
            o.out().println(row[0] + " ".repeat(width - row[0].length() + 2) + Table.clean(row[1]));
        }
        o.out().flush();
    }

    private static void add(List<String[]> rows, String name, String value) {
        if (value != null && !value.isBlank()) {
            rows.add(new String[] {name, value});
        }
    }

    static String progress(JsonNode t) {
        JsonNode p = t.path("progress");
        if (!p.isObject()) {
            return null;
        }
        String message = Json.text(p, "message");
        return Json.number(p, "percent", 0) + "%" + (message == null ? "" : " " + message);
    }

    static String error(JsonNode t) {
        JsonNode e = t.path("error");
        if (!e.isObject()) {
            return null;
        }
        String type = Json.text(e, "type");
        String message = Json.text(e, "message");
        if (type == null) {
            return message;
        }
        return message == null ? type : type + ": " + message;
    }

    /** What a status change means, in one line for stderr while following a task. */
    static String narrate(Output o, JsonNode t) {
        String status = Json.text(t, "status");
        String text = switch (status == null ? "" : status) {
            case "PENDING" -> "waiting for its upstream pipeline steps";
            case "SCHEDULED" -> "scheduled for " + o.time(t, "runAt");
            case "QUEUED" -> "queued on '" + Json.text(t, "queue") + "'";
            case "RUNNING" ->
                "running, attempt " + Json.number(t, "attempt", 0) + " of " + Json.number(t, "maxAttempts", 0)
                        + (t.path("cancelRequested").asBoolean(false) ? ", cancel requested" : "")
                        + (progress(t) == null ? "" : ", " + progress(t));
            case "RETRYING" ->
                "attempt " + Json.number(t, "attempt", 0) + " failed (" + error(t) + "); next attempt at "
                        + o.time(t, "runAt");
            case "SUCCEEDED" -> "succeeded" + (Json.text(t, "result") == null ? "" : ": " + Json.text(t, "result"));
            case "FAILED" -> "failed after " + Json.number(t, "attempt", 0) + " attempt(s): " + error(t);
            case "CANCELLED" -> "cancelled";
            default -> "is " + status;
        };
        return "task " + Json.text(t, "id") + " " + o.status(status) + ": " + Table.clean(Table.clip(text, 500));
    }
}
