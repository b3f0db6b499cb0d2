package io.taskforge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line without starting anything: help, version, option checks and what they set. */
class TaskforgeCommandTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = TaskforgeCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void help_lists_the_commands() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("server", "worker", "--version");
    }

    @Test
    void version_names_the_release() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("taskforge ").doesNotContain("unknown");
    }

    @Test
    void server_help_lists_every_option_and_its_environment_variable() {
        Run r = run("server", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("--port", "--db", "--data-dir", "--worker-concurrency", "--no-worker", "--bind", "--queues")
                .contains("TASKFORGE_PORT", "TASKFORGE_DB", "TASKFORGE_DATA_DIR", "TASKFORGE_WORKER_CONCURRENCY")
                .contains("TASKFORGE_BIND", "TASKFORGE_QUEUES", "127.0.0.1");
    }

    @Test
    void worker_help_lists_its_options() {
        Run r = run("worker", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--db", "--queues", "--concurrency", "--data-dir");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "server --port abc",
                "server --port 70000",
                "server --port -1",
                "server --worker-concurrency 0",
                "server --db mysql://somewhere/db",
                "server --queues a,b_c,no/slash",
                "server --bind",
                "server --bogus",
                "worker --concurrency 10001",
                "worker --db not-a-url",
                "frobnicate",
                ""
            })
    void bad_options_end_with_one_line_and_exit_code_2(String line) {
        Run r = run(line.isEmpty() ? new String[0] : line.split(" "));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("taskforge").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void server_options_become_settings() {
        CommandLine cl = TaskforgeCommand.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs(
                "server",
                "--port",
                "9090",
                "--bind",
                "0.0.0.0",
                "--db",
                "jdbc:postgresql://db:5432/tf",
                "--data-dir",
                "/srv/tf",
                "--worker-concurrency",
                "3",
                "--no-worker",
                "--queues",
                "a,b",
                "--no-shell");
        ServerCommand server = (ServerCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(server.settings())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "taskforge.port", "9090",
                        "taskforge.bind", "0.0.0.0",
                        "taskforge.db", "jdbc:postgresql://db:5432/tf",
                        "taskforge.data-dir", "/srv/tf",
                        "taskforge.worker.concurrency", "3",
                        "taskforge.worker.enabled", "false",
                        "taskforge.worker.queues", "a,b",
                        "taskforge.handlers.shell.enabled", "false"));
    }

    @Test
    void worker_options_become_settings() {
        CommandLine cl = TaskforgeCommand.commandLine();
        CommandLine.ParseResult parsed =
                cl.parseArgs("worker", "--db", "jdbc:sqlite:/tmp/x.db", "--queues", "reports", "--concurrency", "2");
        WorkerCommand worker = (WorkerCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(worker.settings())
                .containsEntry("taskforge.db", "jdbc:sqlite:/tmp/x.db")
                .containsEntry("taskforge.worker.queues", "reports")
                .containsEntry("taskforge.worker.concurrency", "2")
                .containsEntry("taskforge.worker.enabled", "true")
                .containsEntry("spring.main.keep-alive", "true");
    }
}
