package io.taskforge.script;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The interpreters a stored script can be written for; {@link #wireName()} is how the API spells each. */
public enum ScriptLanguage {
    BASH("bash", ".sh"),
    SH("sh", ".sh"),
    PYTHON("python", ".py");

    private final String wireName;
    private final String fileSuffix;

    ScriptLanguage(String wireName, String fileSuffix) {
        this.wireName = wireName;
        this.fileSuffix = fileSuffix;
    }

    /** {@code bash}, {@code sh} or {@code python}: the API's and the database's name. */
    public String wireName() {
        return wireName;
    }

    /** What a file holding such a script ends with; only a hint for people reading process lists. */
    public String fileSuffix() {
        return fileSuffix;
    }

    /** The language of that wire name (exactly, lower case), or empty. */
    public static Optional<ScriptLanguage> ofWireName(String name) {
        for (ScriptLanguage l : values()) {
            if (l.wireName.equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** "bash, sh, python", for messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(ScriptLanguage::wireName).collect(Collectors.joining(", "));
    }
}
