package io.taskforge.script;

/** Hard bounds on script fields, checked before anything is written. */
public final class ScriptLimits {
    private ScriptLimits() {}

    public static final int MAX_NAME_CHARS = 100;

    /** One mebibyte of UTF-8: a script, not a data file. */
    public static final int MAX_CONTENT_BYTES = 1 << 20;

    /** A parameter schema describes a handful of fields; 64 KiB is generous. */
    public static final int MAX_PARAMETERS_BYTES = 64 * 1024;

    public static final int DEFAULT_LIST_LIMIT = 50;

    /** Each listed script carries its content, so pages stay small. */
    public static final int MAX_LIST_LIMIT = 100;

    /** What {@code parameters} is when a script is stored without: any object. */
    public static final String ANY_OBJECT_SCHEMA = "{\"type\":\"object\"}";
}
