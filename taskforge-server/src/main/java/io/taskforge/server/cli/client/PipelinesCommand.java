package io.taskforge.server.cli.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code taskforge pipelines apply|list|run|runs|cancel|retry}: DAG pipelines and their runs. */
@Command(
        name = "pipelines",
        mixinStandardHelpOptions = true,
        description = "Saves pipeline definitions (YAML or JSON) and starts, follows, cancels and retries their runs.",
        subcommands = {
            PipelinesCommand.Apply.class,
            PipelinesCommand.ListPipelines.class,
            PipelinesCommand.Run.class,
            PipelinesCommand.Runs.class,
            PipelinesCommand.Cancel.class,
            PipelinesCommand.Retry.class
        })
public final class PipelinesCommand implements Runnable {
    /** How often --wait asks for the run; the API has no stream of run changes. */
    static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Groups.nameOne(spec);
    }

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = {
                "Saves a pipeline definition: version 1 of a new pipeline, or the next version of the one with its"
                        + " name.",
                "Example: taskforge pipelines apply -f documents.yaml"
            })
    static final class Apply implements Callable<Integer> {
        @Option(
                names = {"-f", "--file"},
                required = true,
                paramLabel = "FILE",
                description = "The definition: YAML (.yaml, .yml) or JSON (.json, or text starting with '{').")
        Path file;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            String text = Json.file("--file", file.toString());
            JsonNode saved = client.api()
                    .postText("/pipelines", text, isJson(file, text) ? "application/json" : "application/yaml");
            client.output()
                    .printLine(
                            saved,
                            p -> "pipeline '" + Json.text(p, "name") + "' saved: version " + Json.text(p, "version")
                                    + ", id " + Json.text(p, "id"));
            return ExitCodes.OK;
        }

        static boolean isJson(Path file, String text) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".json")
                    || (!name.endsWith(".yaml")
                            && !name.endsWith(".yml")
                            && text.strip().startsWith("{"));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the pipelines (latest versions).")
    static final class ListPipelines implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            Table table = new Table("NAME", "VERSION", "STEPS", "SAVED", "ID");
            o.printList(
                    client.api().get("/pipelines?limit=500"),
                    "no pipelines yet: save one with 'taskforge pipelines apply -f FILE'",
                    table,
                    (rows, p) -> rows.add(
                            Json.text(p, "name"),
                            Json.text(p, "version"),
                            String.valueOf(p.path("definition").path("steps").size()),
                            o.time(p, "createdAt"),
                            Json.text(p, "id")));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Starts a run of a pipeline's latest version.",
                "--param k=v sends v as a number, boolean, array or object when it is one in JSON, else as text.",
                "Example: taskforge pipelines run documents --param url=https://example.com/a.pdf --wait"
            })
    static final class Run implements Callable<Integer> {
        @Parameters(paramLabel = "PIPELINE", description = "The pipeline's name or id.")
        String pipeline;

        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A run parameter; repeat for more.")
        List<String> params;

        @Option(names = "--param-json", paramLabel = "NAME=JSON", description = "A run parameter given as JSON.")
        List<String> jsonParams;

        @Option(
                names = "--wait",
                description = {
                    "Follow the run until it finishes, printing each step's changes; exit 0 when it SUCCEEDED,",
                    "1 when it FAILED, 5 when it was CANCELLED."
                })
        boolean wait;

        @Option(
                names = "--wait-timeout",
                paramLabel = "DURATION",
                converter = DurationConverter.class,
                description = "Stop waiting after this long (e.g. 10m) and exit 6; the run goes on. Implies --wait.")
        Duration timeout;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            ObjectNode body = client.api().json().createObjectNode();
            body.set("params", ScriptParams.build(client.api().json(), null, null, params, jsonParams));
            JsonNode run = client.api().post("/pipelines/" + ApiClient.segment(pipeline) + "/runs", body);
            Output o = client.output();
            if (!wait && timeout == null) {
                o.print(run, r -> printRun(o, r));
                return ExitCodes.OK;
            }
            o.note("run " + Json.text(run, "id") + " of pipeline '" + Json.text(run, "pipelineName") + "' version "
                    + Json.text(run, "pipelineVersion") + " started");
            return follow(client, Json.text(run, "id"), timeout);
        }
    }

    /** Polls the run until it finishes, telling each step's change on stderr. */
    static int follow(ClientOptions client, String runId, Duration timeout) {
        Output o = client.output();
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Map<String, String> seen = new LinkedHashMap<>();
        while (true) {
            JsonNode run = client.api().get("/pipeline-runs/" + ApiClient.segment(runId));
            for (JsonNode s : run.path("steps")) {
                String status = Json.text(s, "status");
                if (!status.equals(seen.put(Json.text(s, "id"), status))) {
                    o.note("step " + Json.text(s, "id") + ": " + status);
                }
            }
            String status = Json.text(run, "status");
            if (!"RUNNING".equals(status)) {
                if (o.json()) {
                    o.printJson(run);
                } else {
                    printRun(o, run);
                }
                return switch (status) {
                    case "SUCCEEDED" -> ExitCodes.OK;
                    case "FAILED" -> ExitCodes.TASK_FAILED;
                    default -> ExitCodes.TASK_CANCELLED;
                };
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(ExitCodes.WAIT_TIMEOUT, "run " + runId + " is still RUNNING after " + timeout);
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.WAIT_TIMEOUT, "interrupted while waiting for run " + runId);
            }
        }
    }

    static void printRun(Output o, JsonNode run) {
        o.println("run " + Json.text(run, "id") + " of pipeline '" + Json.text(run, "pipelineName") + "' version "
                + Json.text(run, "pipelineVersion") + ": " + Json.text(run, "status")
                + (Json.text(run, "error") == null ? "" : " (" + Json.text(run, "error") + ")"));
        Table table = new Table("STEP", "STATUS", "TASKS", "TASK");
        for (JsonNode s : run.path("steps")) {
            table.add(
                    Json.text(s, "id"),
                    Json.text(s, "status"),
                    String.valueOf(s.path("tasks").size()),
                    Json.text(s, "taskId"));
        }
        o.print(table);
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "Lists runs, newest first.")
    static final class Runs implements Callable<Integer> {
        @Parameters(paramLabel = "PIPELINE", arity = "0..1", description = "Only the runs of this pipeline.")
        String pipeline;

        @Option(names = "--status", paramLabel = "STATUS", description = "RUNNING, SUCCEEDED, FAILED or CANCELLED.")
        String status;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            List<String> query = new java.util.ArrayList<>(List.of("limit", "100"));
            if (pipeline != null) {
                query.addAll(List.of("pipelineId", pipeline));
            }
            if (status != null) {
                query.addAll(List.of("status", status.strip().toUpperCase(Locale.ROOT)));
            }
            Table table = new Table("ID", "PIPELINE", "VERSION", "STATUS", "STARTED", "FINISHED", "ERROR");
            o.printList(
                    client.api().get("/pipeline-runs" + ApiClient.query(query)),
                    "no runs",
                    table,
                    (rows, r) -> rows.add(
                            Json.text(r, "id"),
                            Json.text(r, "pipelineName"),
                            Json.text(r, "pipelineVersion"),
                            Json.text(r, "status"),
                            o.time(r, "createdAt"),
                            o.time(r, "finishedAt"),
                            Table.clip(Json.text(r, "error"), 60)));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description = "Cancels a run: waiting steps at once, running steps are asked to stop.")
    static final class Cancel implements Callable<Integer> {
        @Parameters(paramLabel = "RUN", description = "The run's id.")
        String run;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            o.print(
                    client.api().post("/pipeline-runs/" + ApiClient.segment(run) + "/cancel", null),
                    r -> printRun(o, r));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Runs the failed, cancelled and failure-skipped steps of a finished run again.")
    static final class Retry implements Callable<Integer> {
        @Parameters(paramLabel = "RUN", description = "The run's id.")
        String run;

        @Option(names = "--wait", description = "Follow the run until it finishes (exit codes as for 'run --wait').")
        boolean wait;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            JsonNode retried = client.api().post("/pipeline-runs/" + ApiClient.segment(run) + "/retry", null);
            if (wait) {
                return follow(client, Json.text(retried, "id"), null);
            }
            o.print(retried, r -> printRun(o, r));
            return ExitCodes.OK;
        }
    }
}
