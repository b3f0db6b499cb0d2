package io.taskforge.script;

import java.time.Instant;

/**
 * One version of a script's executable part, immutable once stored. A task created by running a
 * script names its script id and version, and runs exactly this, even after the script changed
 * or was deleted.
 *
 * @param createdAt when this version was made (for version 1, when the script was)
 */
public record ScriptVersion(
        String scriptId, int version, ScriptLanguage language, String content, String parameters, Instant createdAt) {}
