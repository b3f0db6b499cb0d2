package io.taskforge.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskforge.handler.NonRetryableException;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskLogLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(OS.WINDOWS)
class ShellHandlerTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final ShellHandler shell = new ShellHandler();

    /** Processes a test started; killed after it, whatever the test's outcome. */
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void succeeds_with_exit_code_zero() throws Throwable {
        Object result = HandlerRun.runToEnd(shell, ctx(Map.of("command", "true")));

        assertThat(result).isEqualTo(new ShellHandler.Result(0));
        assertThat(TestTaskContext.JSON.write(result)).isEqualTo("{\"exitCode\":0}");
    }

    @Test
    void with_json_result_the_last_json_line_of_stdout_is_the_result() throws Throwable {
        ShellHandler withJson = new ShellHandler(TestTaskContext.JSON);
        Object result = HandlerRun.runToEnd(
                withJson,
                ctx(Map.of("command", "echo working; echo '{\"chunks\": [1, 2]}'; echo", "jsonResult", true)));
        assertThat(result).isEqualTo(new io.taskforge.json.RawJson("{\"chunks\": [1, 2]}"));

        TestTaskContext env =
                ctx(Map.of("command", "echo \"$LIST $N\"", "env", Map.of("LIST", java.util.List.of(1, "x"), "N", 2.5)));
        HandlerRun.runToEnd(withJson, env);
        assertThat(env.lines(TaskLogLine.STDOUT)).containsExactly("[1,\"x\"] 2.5");

        Object plain = HandlerRun.runToEnd(withJson, ctx(Map.of("command", "echo '{\"a\": 1}'")));
        assertThat(plain).isEqualTo(new ShellHandler.Result(0));

        TestTaskContext notJson = ctx(Map.of("command", "echo '{not json'", "jsonResult", true));
        assertThat(HandlerRun.runToEnd(withJson, notJson)).isEqualTo(new ShellHandler.Result(0));
        assertThat(notJson.lines(TaskLogLine.SYSTEM))
                .anySatisfy(l -> assertThat(l).startsWith("jsonResult:"));
    }

    @Test
    void sends_stdout_and_stderr_to_the_task_log_line_by_line() throws Throwable {
        TestTaskContext ctx = ctx(Map.of("command", "echo one; echo two >&2; printf 'three\\nfour'; echo five >&2"));

        HandlerRun.runToEnd(shell, ctx);

        assertThat(ctx.lines(TaskLogLine.STDOUT)).containsExactly("one", "three", "four");
        assertThat(ctx.lines(TaskLogLine.STDERR)).containsExactly("two", "five");
        assertThat(ctx.lines(TaskLogLine.SYSTEM))
                .anySatisfy(line -> assertThat(line).startsWith("started /bin/sh -c echo one"));
    }

    @Test
    void logs_output_while_the_command_is_still_running() {
        TestTaskContext ctx = ctx(Map.of("command", "echo early; sleep 60"));
        HandlerRun run = HandlerRun.start(shell, ctx);

        await().atMost(WITHIN).until(() -> ctx.lines(TaskLogLine.STDOUT).contains("early"));
        assertThat(run.isDone()).isFalse();

        run.stop();
        assertThatThrownBy(() -> run.result(WITHIN)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void decodes_output_as_utf8() throws Throwable {
        TestTaskContext ctx = ctx(Map.of("command", "printf 'gr\\303\\274\\303\\237e \\342\\234\\223\\n'"));

        HandlerRun.runToEnd(shell, ctx);

        assertThat(ctx.lines(TaskLogLine.STDOUT)).containsExactly("grüße ✓");
    }

    @Test
    void cuts_lines_longer_than_the_log_allows() throws Throwable {
        TestTaskContext ctx = ctx(Map.of("command", "head -c 100000 /dev/zero | tr '\\0' x; echo; echo next"));

        HandlerRun.runToEnd(shell, ctx);

        List<String> stdout = ctx.lines(TaskLogLine.STDOUT);
        assertThat(stdout).hasSize(2);
        assertThat(stdout.get(0))
                .hasSize(TaskLogLine.MAX_LINE_CHARS)
                .startsWith("xxxx")
                .endsWith("[truncated]");
        assertThat(stdout.get(1)).isEqualTo("next");
    }

    @Test
    void gives_the_command_an_empty_stdin() throws Throwable {
        // cat would wait forever on an open stdin.
        TestTaskContext ctx = ctx(Map.of("command", "cat; echo after"));

        HandlerRun.runToEnd(shell, ctx);

        assertThat(ctx.lines(TaskLogLine.STDOUT)).containsExactly("after");
    }

    @Test
    void fails_retryably_with_the_exit_code_and_the_tail_of_stderr() {
        String command = "for i in $(seq -w 1 30); do echo err-$i >&2; done; echo out; exit 3";

        assertThatThrownBy(() -> HandlerRun.runToEnd(shell, ctx(Map.of("command", command))))
                .isInstanceOfSatisfying(ExitCodeException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage())
                            .startsWith("command exited with code 3")
                            .contains("err-11")
                            .endsWith("err-30")
                            .doesNotContain("err-10")
                            .doesNotContain("out");
                })
                .isNotInstanceOf(NonRetryableException.class);
    }

    @Test
    void quotes_stdout_when_a_failing_command_wrote_no_stderr() {
        assertThatThrownBy(() -> HandlerRun.runToEnd(shell, ctx(Map.of("command", "echo 'no such user'; exit 1"))))
                .isInstanceOf(ExitCodeException.class)
                .hasMessage("command exited with code 1; no stderr, last lines of stdout:\nno such user");
    }

    @Test
    void keeps_the_failure_message_within_what_a_task_error_stores() {
        // 20 lines of 1,000 characters: far more than the message may hold.
        String command = "for i in $(seq 1 20); do head -c 1000 /dev/zero | tr '\\0' e >&2; echo >&2; done; exit 1";

        assertThatThrownBy(() -> HandlerRun.runToEnd(shell, ctx(Map.of("command", command))))
                .isInstanceOf(ExitCodeException.class)
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThanOrEqualTo(TaskError.MAX_MESSAGE_CHARS));
    }

    @Test
    void runs_in_the_workdir_with_the_payload_env_and_the_task_identity(@TempDir Path dir) throws Throwable {
        TestTaskContext ctx = ctx(Map.of(
                "command", "pwd; echo \"$GREETING\"; echo \"$TASKFORGE_TASK_ID/$TASKFORGE_ATTEMPT\"",
                "env", Map.of("GREETING", "hello world", "TASKFORGE_TASK_ID", "not-mine"),
                "workdir", dir.toString()));

        HandlerRun.runToEnd(shell, ctx);

        assertThat(ctx.lines(TaskLogLine.STDOUT))
                .containsExactly(dir.toRealPath().toString(), "hello world", ctx.taskId() + "/1");
    }

    @Test
    void inherits_the_worker_environment() throws Throwable {
        TestTaskContext ctx = ctx(Map.of("command", "echo \"$PATH\""));

        HandlerRun.runToEnd(shell, ctx);

        assertThat(ctx.lines(TaskLogLine.STDOUT)).containsExactly(System.getenv("PATH"));
    }

    @Test
    void runs_the_command_with_the_given_shell() throws Throwable {
        TestTaskContext ctx = ctx(Map.of("command", "echo \"bash ${BASH_VERSINFO[0]}\"", "shell", "/bin/bash"));

        HandlerRun.runToEnd(shell, ctx);

        assertThat(ctx.lines(TaskLogLine.STDOUT)).singleElement().asString().matches("bash \\d+");
    }

    @Test
    void rejects_a_payload_that_cannot_run(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "not a directory");
        Map<Map<String, Object>, String> payloads = Map.of(
                Map.of(), "\"command\"",
                Map.of("command", "   "), "\"command\"",
                Map.of("command", "true", "workdir", dir.resolve("missing").toString()), "\"workdir\"",
                Map.of("command", "true", "workdir", file.toString()), "\"workdir\"",
                Map.of("command", "true", "shell", "/no/such/shell"), "\"shell\"",
                Map.of("command", "true", "env", Map.of("A=B", "c")), "\"env\"",
                Map.of("command", "true", "env", nullValued("EMPTY")), "\"env\"");

        payloads.forEach((payload, field) -> assertThatThrownBy(() -> HandlerRun.runToEnd(shell, ctx(payload)))
                .as("payload %s", payload)
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining(field));
        assertThatThrownBy(() -> HandlerRun.runToEnd(shell, TestTaskContext.withPayloadJson("shell", "null")))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("payload");
    }

    @Test
    void kills_the_whole_process_tree_on_interrupt() throws Exception {
        TestTaskContext ctx = ctx(Map.of("command", "echo $$; sleep 60 & echo $!; sleep 60 & echo $!; wait"));
        HandlerRun run = HandlerRun.start(shell, ctx);
        List<Long> tree = awaitPids(ctx, 3);
        assertThat(tree).allSatisfy(pid -> assertThat(isAlive(pid)).isTrue());

        run.stop();

        assertThatThrownBy(() -> run.result(WITHIN)).isInstanceOf(InterruptedException.class);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(tree).noneMatch(ShellHandlerTest::isAlive));
        assertThat(ctx.lines(TaskLogLine.SYSTEM)).contains("killed the command and 2 process(es) it started");
    }

    @Test
    void kills_the_processes_of_a_pipeline_deep_in_the_tree_on_interrupt() throws Exception {
        // A subshell in a subshell: the sleeps are grandchildren of grandchildren.
        TestTaskContext ctx = ctx(Map.of("command", "( ( sleep 60 & echo $!; wait ) & wait ) | cat"));
        HandlerRun run = HandlerRun.start(shell, ctx);
        List<Long> sleeper = awaitPids(ctx, 1);

        run.stop();

        assertThatThrownBy(() -> run.result(WITHIN)).isInstanceOf(InterruptedException.class);
        await().atMost(WITHIN).until(() -> !isAlive(sleeper.getFirst()));
    }

    @Test
    void kills_what_the_command_left_running_in_the_background_when_it_exits() throws Throwable {
        // The background sleep keeps stdout open: without the kill the output would never end.
        TestTaskContext ctx = ctx(Map.of("command", "sleep 60 & echo $!; sleep 1"));

        Object result = HandlerRun.start(shell, ctx).result(WITHIN);

        assertThat(result).isEqualTo(new ShellHandler.Result(0));
        long background = awaitPids(ctx, 1).getFirst();
        await().atMost(WITHIN).until(() -> !isAlive(background));
        assertThat(ctx.lines(TaskLogLine.SYSTEM))
                .contains("killed 1 process(es) the command left running in the background");
    }

    @Test
    void returns_even_if_an_escaped_process_keeps_the_output_open() throws Throwable {
        // The subshell exits at once, so the sleep is orphaned before the first snapshot of the
        // tree can see it, and it holds stdout open for a minute.
        TestTaskContext ctx = ctx(Map.of("command", "(sleep 60 & echo $!)"));

        Object result = HandlerRun.start(shell, ctx).result(Duration.ofSeconds(20));

        assertThat(result).isEqualTo(new ShellHandler.Result(0));
        awaitPids(ctx, 1); // registered for the clean-up
    }

    private TestTaskContext ctx(Map<String, ?> payload) {
        return TestTaskContext.withPayload("shell", payload);
    }

    /** Waits for {@code count} pids printed by the command on stdout, and remembers them for clean-up. */
    private List<Long> awaitPids(TestTaskContext ctx, int count) {
        await().atMost(WITHIN).until(() -> ctx.lines(TaskLogLine.STDOUT).size() >= count);
        List<Long> pids = ctx.lines(TaskLogLine.STDOUT).stream()
                .limit(count)
                .map(Long::parseLong)
                .toList();
        started.addAll(pids);
        return pids;
    }

    /**
     * Alive as {@link ProcessHandle} sees it, and not a zombie: a killed orphan stays one until
     * init reaps it, which some container inits do slowly or never.
     */
    private static boolean isAlive(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive() && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return false; // gone, or no /proc on this system
        }
    }

    private static Map<String, Object> nullValued(String key) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, null);
        return map;
    }
}
