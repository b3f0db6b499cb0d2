package io.taskforge.json;

/**
 * Turns JSON text into objects and back. The core has no JSON library of its own; the store
 * module ships one based on Jackson ({@code io.taskforge.json.jackson.JacksonJsonCodec}), found
 * through {@link java.util.ServiceLoader} unless one is given to the builder.
 */
public interface JsonCodec {

    /** JSON text for {@code value} (records, maps, lists, strings, numbers, booleans, null). */
    String write(Object value);

    /**
     * Reads JSON text into {@code type} ({@code Map.class} for a free-form object).
     *
     * @throws JsonException when the text is not JSON or does not fit the type
     */
    <T> T read(String json, Class<T> type);

    /** True when {@code json} is one complete JSON value. */
    boolean isValid(String json);

    /** Loads the codec available on the class path. */
    static JsonCodec load() {
        return java.util.ServiceLoader.load(JsonCodec.class)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no JsonCodec on the class path: add taskforge-store-jdbc or pass one to the builder"));
    }
}
