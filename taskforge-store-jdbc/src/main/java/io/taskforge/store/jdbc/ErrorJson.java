package io.taskforge.store.jdbc;

import io.taskforge.json.JsonCodec;
import io.taskforge.json.jackson.JacksonJsonCodec;
import io.taskforge.task.TaskError;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link TaskError} as stored: {@code {"type": ..., "message": ..., "stack": ...}}. */
final class ErrorJson {
    private static final JsonCodec JSON = new JacksonJsonCodec();

    private ErrorJson() {}

    static String write(TaskError error) {
        if (error == null) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", error.type());
        fields.put("message", error.message());
        fields.put("stack", error.stack());
        return JSON.write(fields);
    }

    @SuppressWarnings("unchecked")
    static TaskError read(String json) {
        if (json == null) {
            return null;
        }
        Map<String, Object> fields = JSON.read(json, Map.class);
        return new TaskError(text(fields.get("type")), text(fields.get("message")), text(fields.get("stack")));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
