package io.taskforge.handler.builtin;

import io.taskforge.json.JsonCodec;
import io.taskforge.json.JsonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link JsonCodec} on plain Jackson defaults, standing in for the store module's codec, which
 * the core cannot depend on.
 */
final class JacksonTestCodec implements JsonCodec {
    private final JsonMapper mapper = JsonMapper.builder().build();

    @Override
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (RuntimeException e) { // Jackson 3 exceptions are unchecked
            throw new JsonException("cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (RuntimeException e) {
            throw new JsonException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isValid(String json) {
        try {
            mapper.readTree(json);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
