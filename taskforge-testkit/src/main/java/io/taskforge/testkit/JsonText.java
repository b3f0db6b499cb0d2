package io.taskforge.testkit;

import io.taskforge.json.JsonCodec;
import java.util.Objects;

/**
 * Compares JSON by meaning, not by spelling: a store may give back {@code {"a": 1}} for
 * {@code {"a":1}} (PostgreSQL {@code jsonb} normalises spacing and key order). Uses the codec on
 * the class path.
 */
final class JsonText {
    private static volatile JsonCodec codec;

    private JsonText() {}

    static boolean sameJson(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        JsonCodec json = codec();
        return Objects.equals(json.read(a, Object.class), json.read(b, Object.class));
    }

    private static JsonCodec codec() {
        JsonCodec c = codec;
        if (c == null) {
            c = JsonCodec.load();
            codec = c;
        }
        return c;
    }
}
