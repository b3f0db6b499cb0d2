package io.taskforge.json.jackson;

import io.taskforge.json.JsonCodec;
import io.taskforge.json.JsonException;
import io.taskforge.json.RawJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The {@link JsonCodec} found through {@link java.util.ServiceLoader}: Jackson 3, with
 * {@code java.time} values as ISO-8601 strings and {@link RawJson} written verbatim.
 *
 * <p>Reading insists on exactly one JSON value: trailing content ({@code {"a":1} x}) is an error,
 * not silently ignored, so what {@link #isValid} accepts is what {@link #read} can read.
 */
public final class JacksonJsonCodec implements JsonCodec {
    private final JsonMapper mapper;

    public JacksonJsonCodec() {
        this(JsonMapper.builder());
    }

    /** For applications that tune their own mapper; the settings above are applied on top. */
    public JacksonJsonCodec(JsonMapper.Builder builder) {
        this.mapper = builder.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .addModule(new SimpleModule("taskforge-raw-json").addSerializer(RawJson.class, new RawJsonSerializer()))
                .build();
    }

    @Override
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new JsonException(
                    "cannot write " + (value == null ? "null" : value.getClass().getName()) + " as JSON: "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    @Override
    public <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new JsonException("no JSON text to read as " + type.getName(), null);
        }
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new JsonException("cannot read JSON as " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isValid(String json) {
        if (json == null) {
            return false;
        }
        try {
            JsonNode node = mapper.readTree(json);
            // Empty or blank input reads as a "missing" node rather than failing.
            return node != null && !node.isMissingNode();
        } catch (JacksonException e) {
            return false;
        }
    }

    /** Embeds the JSON text as is; a wrong text makes wrong output, so producers validate it. */
    private static final class RawJsonSerializer extends ValueSerializer<RawJson> {
        @Override
        public void serialize(RawJson value, JsonGenerator gen, SerializationContext ctxt) {
            if (value.json() == null) {
                gen.writeNull();
            } else {
                gen.writeRawValue(value.json());
            }
        }
    }
}
