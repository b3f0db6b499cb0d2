package io.taskforge.script;

import java.time.Instant;

/** One entry of a script's history, without the content (which may be a mebibyte per version). */
public record ScriptVersionSummary(int version, ScriptLanguage language, Instant createdAt) {}
