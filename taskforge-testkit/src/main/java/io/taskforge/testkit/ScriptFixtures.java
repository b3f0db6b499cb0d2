package io.taskforge.testkit;

import io.taskforge.script.Script;
import io.taskforge.script.ScriptLanguage;
import io.taskforge.task.TaskIds;
import java.time.Instant;

/**
 * Script rows ready to insert, described in the domain's words:
 *
 * <pre>{@code
 * Script s = aScript().named("nightly-report").inPython().withContent("print('hi')").build();
 * }</pre>
 *
 * Defaults: a bash script {@code echo hello} taking any object, version 1, queue {@code default},
 * 300 s, three attempts, created at {@link TaskFixtures#T0}. Each {@code build()} makes a new id.
 */
public final class ScriptFixtures {
    private ScriptFixtures() {}

    public static ScriptBuilder aScript() {
        return new ScriptBuilder();
    }

    public static final class ScriptBuilder {
        private String name = "script";
        private String description;
        private ScriptLanguage language = ScriptLanguage.BASH;
        private String content = "echo hello\n";
        private String parameters = "{\"type\":\"object\"}";
        private String queue = "default";
        private int timeoutSeconds = 300;
        private int maxAttempts = 3;
        private Instant createdAt = TaskFixtures.T0;
        private String tenantId = "default";

        private ScriptBuilder() {}

        public ScriptBuilder named(String v) {
            name = v;
            return this;
        }

        public ScriptBuilder withDescription(String v) {
            description = v;
            return this;
        }

        public ScriptBuilder in(ScriptLanguage v) {
            language = v;
            return this;
        }

        public ScriptBuilder inPython() {
            return in(ScriptLanguage.PYTHON);
        }

        public ScriptBuilder withContent(String v) {
            content = v;
            return this;
        }

        public ScriptBuilder withParameters(String schema) {
            parameters = schema;
            return this;
        }

        public ScriptBuilder inQueue(String v) {
            queue = v;
            return this;
        }

        public ScriptBuilder withTimeoutSeconds(int v) {
            timeoutSeconds = v;
            return this;
        }

        public ScriptBuilder withMaxAttempts(int v) {
            maxAttempts = v;
            return this;
        }

        public ScriptBuilder inTenant(String v) {
            tenantId = v;
            return this;
        }

        public ScriptBuilder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public Script build() {
            return new Script(
                    TaskIds.next(createdAt.toEpochMilli()),
                    tenantId,
                    name,
                    description,
                    language,
                    content,
                    parameters,
                    queue,
                    timeoutSeconds,
                    maxAttempts,
                    1,
                    createdAt,
                    createdAt);
        }
    }
}
