package io.taskforge.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskforge.handler.NonRetryableException;
import io.taskforge.handler.TaskHandler;
import io.taskforge.json.RawJson;
import io.taskforge.script.Script;
import io.taskforge.script.ScriptLanguage;
import io.taskforge.script.ScriptStore;
import io.taskforge.script.ScriptUpdate;
import io.taskforge.script.ScriptVersion;
import io.taskforge.script.ScriptVersionSummary;
import io.taskforge.task.TaskLogLine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The {@code script} handler with real interpreters ({@code /bin/bash}, {@code /bin/sh} and the
 * {@code python3} on the PATH) and real processes. The script versions come from a map standing in
 * for the store, which has its own contract suite.
 */
@DisabledOnOs(OS.WINDOWS)
class ScriptHandlerTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final VersionsInMemory versions = new VersionsInMemory();
    private final ScriptHandler handler = new ScriptHandler(versions, TestTaskContext.JSON);

    /** Processes a test started; killed after it, whatever the test's outcome. */
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void passes_each_parameter_as_a_tf_param_environment_variable() throws Throwable {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", "Ada Lovelace");
        params.put("count", 3);
        params.put("ratio", 0.5);
        params.put("dryRun", true);
        params.put("nested", Map.of("a", List.of(1, 2)));
        params.put("dash-and.dot", "x");
        params.put("none", null);
        TestTaskContext ctx = run(ScriptLanguage.BASH, """
                echo "name=$TF_PARAM_NAME"
                echo "count=$TF_PARAM_COUNT"
                echo "ratio=$TF_PARAM_RATIO"
                echo "dryRun=$TF_PARAM_DRYRUN"
                echo "nested=$TF_PARAM_NESTED"
                echo "dash=$TF_PARAM_DASH_AND_DOT"
                echo "none=[${TF_PARAM_NONE-unset}]"
                """, params);

        assertThat(ctx.lines(TaskLogLine.STDOUT))
                .containsExactly(
                        "name=Ada Lovelace",
                        "count=3",
                        "ratio=0.5",
                        "dryRun=true",
                        "nested={\"a\":[1,2]}",
                        "dash=x",
                        "none=[]");
    }

    @Test
    void passes_the_parameters_as_one_json_object_on_stdin() throws Throwable {
        TestTaskContext ctx = run(
                ScriptLanguage.PYTHON, """
                import json, sys
                params = json.load(sys.stdin)
                print(sorted(params.keys()))
                print(params["items"][1]["name"])
                """, Map.of("items", List.of(Map.of("name", "a"), Map.of("name", "b")), "n", 1));

        assertThat(ctx.lines(TaskLogLine.STDOUT)).containsExactly("['items', 'n']", "b");
    }

    @Test
    void runs_sh_scripts_with_bin_sh_and_python_scripts_with_python3() throws Throwable {
        TestTaskContext sh = run(ScriptLanguage.SH, "echo \"$0\" | grep -c taskforge-script-\n", Map.of());
        TestTaskContext python = run(ScriptLanguage.PYTHON, "import sys\nprint(sys.version_info.major)\n", Map.of());

        assertThat(sh.lines(TaskLogLine.STDOUT)).containsExactly("1");
        assertThat(sh.lines(TaskLogLine.SYSTEM)).anySatisfy(l -> assertThat(l).contains("with /bin/sh"));
        assertThat(python.lines(TaskLogLine.STDOUT)).containsExactly("3");
        assertThat(python.lines(TaskLogLine.SYSTEM))
                .anySatisfy(l -> assertThat(l).contains("python3"));
    }

    @Test
    void sends_stdout_and_stderr_to_the_task_log_line_by_line() throws Throwable {
        TestTaskContext ctx = run(ScriptLanguage.BASH, "echo one; echo two >&2; printf 'three\\nfour'\n", Map.of());

        assertThat(ctx.lines(TaskLogLine.STDOUT)).containsExactly("one", "three", "four");
        assertThat(ctx.lines(TaskLogLine.STDERR)).containsExactly("two");
    }

    @Test
    void gives_the_script_its_task_and_script_identity() throws Throwable {
        TestTaskContext ctx = run(
                ScriptLanguage.BASH,
                "echo \"$TASKFORGE_TASK_ID $TASKFORGE_ATTEMPT $TASKFORGE_SCRIPT $TASKFORGE_SCRIPT_VERSION\"\n",
                Map.of());

        assertThat(ctx.lines(TaskLogLine.STDOUT)).containsExactly(ctx.taskId() + " 1 test-script 1");
    }

    @Test
    void the_last_stdout_line_becomes_the_result_when_it_is_a_json_object() throws Throwable {
        String script = """
                import json
                print("working")
                print(json.dumps({"rows": 12, "file": "out.csv", "ok": True}))
                print()
                """;
        Object result = HandlerRun.runToEnd(handler, ctx(ScriptLanguage.PYTHON, script, Map.of()));

        assertThat(result).isEqualTo(new RawJson("{\"rows\": 12, \"file\": \"out.csv\", \"ok\": true}"));
    }

    @Test
    void without_a_json_object_last_the_result_is_the_exit_code() throws Throwable {
        for (String last : List.of("echo done", "echo '[1, 2]'", "echo '{not json'", "echo '{\"a\": 1} tail'")) {
            Object result = HandlerRun.runToEnd(
                    handler, ctx(ScriptLanguage.BASH, "echo '{\"early\": 1}'\n" + last + "\n", Map.of()));

            assertThat(result).as(last).isEqualTo(new ScriptHandler.Result(0));
            assertThat(TestTaskContext.JSON.write(result)).isEqualTo("{\"exitCode\":0}");
        }
        assertThat(HandlerRun.runToEnd(handler, ctx(ScriptLanguage.SH, "true\n", Map.of())))
                .isEqualTo(new ScriptHandler.Result(0));
    }

    @Test
    void a_non_zero_exit_fails_the_attempt_with_the_tail_of_stderr() {
        TestTaskContext ctx =
                ctx(ScriptLanguage.BASH, "echo '{\"a\": 1}'; echo 'no such table' >&2; exit 3\n", Map.of());

        assertThatThrownBy(() -> HandlerRun.runToEnd(handler, ctx))
                .isInstanceOfSatisfying(
                        ExitCodeException.class, e -> assertThat(e.exitCode()).isEqualTo(3))
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("no such table");
    }

    @Test
    void a_python_exception_fails_the_attempt_with_its_traceback() {
        TestTaskContext ctx = ctx(ScriptLanguage.PYTHON, "raise ValueError('bad day')\n", Map.of());

        assertThatThrownBy(() -> HandlerRun.runToEnd(handler, ctx))
                .isInstanceOf(ExitCodeException.class)
                .hasMessageContaining("exited with code 1")
                .hasMessageContaining("ValueError: bad day");
    }

    @Test
    void writes_the_script_to_a_private_file_and_removes_it_afterwards() throws Throwable {
        TestTaskContext ctx = run(ScriptLanguage.BASH, "echo \"$0\"; stat -c %a \"$0\"\n", Map.of());

        List<String> out = ctx.lines(TaskLogLine.STDOUT);
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isEqualTo("600");
        assertThat(Path.of(out.getFirst())).doesNotExist();
    }

    @Test
    void removes_the_script_file_when_the_script_fails() {
        TestTaskContext ctx = ctx(ScriptLanguage.BASH, "echo \"$0\"; exit 1\n", Map.of());

        assertThatThrownBy(() -> HandlerRun.runToEnd(handler, ctx)).isInstanceOf(ExitCodeException.class);
        assertThat(Path.of(ctx.lines(TaskLogLine.STDOUT).getFirst())).doesNotExist();
    }

    @Test
    void a_stop_kills_the_script_and_what_it_started_and_removes_its_file() throws Exception {
        TestTaskContext ctx = ctx(ScriptLanguage.BASH, "echo \"$0\"; echo $$; sleep 60 & echo $!; wait\n", Map.of());
        HandlerRun run = HandlerRun.start(handler, ctx);
        await().atMost(WITHIN).until(() -> ctx.lines(TaskLogLine.STDOUT).size() >= 3);
        Path file = Path.of(ctx.lines(TaskLogLine.STDOUT).getFirst());
        List<Long> tree = ctx.lines(TaskLogLine.STDOUT).subList(1, 3).stream()
                .map(Long::parseLong)
                .toList();
        started.addAll(tree);
        assertThat(file).exists();

        run.stop();

        assertThatThrownBy(() -> run.result(WITHIN)).isInstanceOf(InterruptedException.class);
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(tree)
                        .noneMatch(pid -> ProcessHandle.of(pid)
                                .map(ProcessTree::isRunning)
                                .orElse(false)));
        assertThat(ctx.lines(TaskLogLine.SYSTEM)).contains("killed the script and 1 process(es) it started");
        assertThat(file).doesNotExist();
    }

    @Test
    void a_script_that_does_not_read_stdin_still_runs_with_large_parameters() throws Throwable {
        // Four times the pipe buffer: a blocking write of stdin would hold up the task.
        String big = "x".repeat(256 * 1024);
        TestTaskContext ctx = run(
                ScriptLanguage.BASH,
                "echo \"${#TF_PARAM_SMALL} [${TF_PARAM_BIG-unset}]\"\n",
                Map.of("big", big, "small", "abc"));

        assertThat(ctx.lines(TaskLogLine.STDOUT)).containsExactly("3 [unset]");
        assertThat(ctx.lines(TaskLogLine.SYSTEM))
                .anySatisfy(l -> assertThat(l).contains("parameter \"big\"").contains("only on stdin"));
    }

    @Test
    void a_large_parameter_that_is_only_on_stdin_arrives_whole() throws Throwable {
        String big = "y".repeat(300_000);
        TestTaskContext ctx = run(
                ScriptLanguage.PYTHON,
                "import json, sys\nprint(len(json.load(sys.stdin)['big']))\n",
                Map.of("big", big));

        assertThat(ctx.lines(TaskLogLine.STDOUT)).containsExactly("300000");
    }

    @Test
    void a_missing_script_version_fails_the_task_at_once() {
        TestTaskContext ctx = TestTaskContext.withPayload(
                "script", Map.of("scriptId", "0198c3a0-0000-7000-8000-000000000000", "script", "gone", "version", 4));

        assertThatThrownBy(() -> HandlerRun.runToEnd(handler, ctx))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("gone v4");
    }

    @Test
    void a_payload_without_script_or_version_fails_the_task_at_once() {
        assertThatThrownBy(() -> HandlerRun.runToEnd(handler, TestTaskContext.withPayloadJson("script", null)))
                .isInstanceOf(NonRetryableException.class);
        assertThatThrownBy(() ->
                        HandlerRun.runToEnd(handler, TestTaskContext.withPayload("script", Map.of("scriptId", "x"))))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("version");
    }

    @Test
    void without_python3_on_the_path_a_python_script_fails_at_once() {
        ScriptHandler noPython = new ScriptHandler(versions, TestTaskContext.JSON, name -> "/nonexistent:/also-not");
        TestTaskContext ctx = ctx(ScriptLanguage.PYTHON, "print(1)\n", Map.of());

        assertThatThrownBy(() -> HandlerRun.runToEnd(noPython, ctx))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("python3 is not on this worker's PATH");
    }

    @Test
    void names_variables_after_the_parameter_upper_cased_with_underscores() {
        assertThat(ScriptHandler.variableName("count")).isEqualTo("TF_PARAM_COUNT");
        assertThat(ScriptHandler.variableName("dry-run.v2")).isEqualTo("TF_PARAM_DRY_RUN_V2");
        assertThat(ScriptHandler.variableName("grüße")).isEqualTo("TF_PARAM_GR_SSE");
        assertThat(ScriptHandler.variableName("")).isEqualTo("TF_PARAM_");
    }

    @Test
    void a_parameter_whose_variable_is_taken_is_only_on_stdin() throws Throwable {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("a-b", "first");
        params.put("a_b", "second");
        TestTaskContext ctx = run(ScriptLanguage.BASH, "echo \"$TF_PARAM_A_B\"\n", params);

        assertThat(ctx.lines(TaskLogLine.STDOUT)).containsExactly("first");
        assertThat(ctx.lines(TaskLogLine.SYSTEM))
                .anySatisfy(l -> assertThat(l).contains("\"a_b\" maps to TF_PARAM_A_B"));
    }

    @Test
    void is_a_builtin_only_while_shell_is() {
        assertThat(BuiltinHandlers.all(TestTaskContext.JSON, true, versions))
                .extracting(TaskHandler::type)
                .containsExactlyInAnyOrder("noop", "sleep", "http", "shell", "script");
        assertThat(BuiltinHandlers.all(TestTaskContext.JSON, false, versions))
                .extracting(TaskHandler::type)
                .containsExactlyInAnyOrder("noop", "sleep", "http");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Stores the script as a new version and runs a task pinned to it to its end. */
    private TestTaskContext run(ScriptLanguage language, String content, Map<String, ?> params) throws Throwable {
        TestTaskContext ctx = ctx(language, content, params);
        HandlerRun.runToEnd(handler, ctx);
        return ctx;
    }

    private TestTaskContext ctx(ScriptLanguage language, String content, Map<String, ?> params) {
        ScriptVersion v = versions.add(language, content);
        Map<String, Object> payload = new HashMap<>();
        payload.put("scriptId", v.scriptId());
        payload.put("script", "test-script");
        payload.put("version", v.version());
        payload.put("params", params);
        return TestTaskContext.withPayload("script", payload);
    }

    /** Script versions by id and number; the handler reads nothing else. */
    private static final class VersionsInMemory implements ScriptStore {
        private static final AtomicInteger IDS = new AtomicInteger();
        private final Map<String, ScriptVersion> versions = new ConcurrentHashMap<>();

        ScriptVersion add(ScriptLanguage language, String content) {
            String id = "0198c3a0-0000-7000-8000-%012d".formatted(IDS.incrementAndGet());
            ScriptVersion v = new ScriptVersion(id, 1, language, content, "{}", Instant.now());
            versions.put(id + "/1", v);
            return v;
        }

        @Override
        public Optional<ScriptVersion> scriptVersionGet(String scriptId, int version) {
            return Optional.ofNullable(versions.get(scriptId + "/" + version));
        }

        @Override
        public Script scriptInsert(Script script) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Script> scriptGet(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Script> scriptGetByName(String tenantId, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Script> scriptList(String tenantId, String afterName, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Script> scriptUpdate(ScriptUpdate update) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Script> scriptDelete(String id, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ScriptVersionSummary> scriptVersionList(String scriptId) {
            throw new UnsupportedOperationException();
        }
    }
}
