package io.taskforge.server.cli.client;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code taskforge schedules ...}: cron and interval schedules, their fires and their history. */
@Command(
        name = "schedules",
        mixinStandardHelpOptions = true,
        description = "Fires tasks, script runs or pipeline runs on a cron expression or an interval.",
        subcommands = {
            SchedulesCommand.ListSchedules.class,
            SchedulesCommand.AddSchedule.class,
            SchedulesCommand.GetSchedule.class,
            SchedulesCommand.PauseSchedule.class,
            SchedulesCommand.ResumeSchedule.class,
            SchedulesCommand.TriggerSchedule.class,
            SchedulesCommand.DeleteSchedule.class
        })
public final class SchedulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Groups.nameOne(spec);
    }

    static String path(String ref) {
        return "/schedules/" + ApiClient.segment(ref);
    }

    /** When it fires, as people say it: {@code cron '0 9 * * *' (Europe/Berlin)} or {@code every 30s}. */
    static String timing(JsonNode s) {
        String cron = Json.text(s, "cron");
        if (cron != null) {
            return "cron '" + cron + "' (" + Json.text(s, "timeZone") + ")";
        }
        long seconds = Json.number(s, "intervalSeconds", 0);
        return "every "
                + (seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s");
    }

    /** What it fires: {@code task shell}, {@code script report}, {@code pipeline etl}. */
    static String target(JsonNode s) {
        if (s.path("task").isObject()) {
            return "task " + Json.text(s.path("task"), "type");
        }
        if (s.path("script").isObject()) {
            return "script " + Json.text(s.path("script"), "name");
        }
        if (s.path("pipeline").isObject()) {
            return "pipeline " + Json.text(s.path("pipeline"), "name");
        }
        return null;
    }

    static String summary(Output o, JsonNode s) {
        String next = s.path("paused").asBoolean(false)
                ? "paused"
                : s.path("nextFireAt").isNull() ? "fires no more" : "next fire " + o.time(s, "nextFireAt");
        return "schedule '" + Json.text(s, "name") + "' (" + Json.text(s, "id") + "): " + target(s) + ", " + timing(s)
                + ", " + next;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the schedules by name.")
    static final class ListSchedules implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            Table table = new Table("NAME", "WHEN", "FIRES", "STATE", "NEXT FIRE", "MISFIRE", "ID");
            String none = "no schedules yet: add one with 'taskforge schedules add NAME --cron EXPR --type TYPE'";
            o.printList(
                    client.api().get("/schedules?limit=200"),
                    none,
                    table,
                    (rows, s) -> rows.add(
                            Json.text(s, "name"),
                            timing(s),
                            target(s),
                            s.path("paused").asBoolean(false) ? "paused" : "active",
                            o.time(s, "nextFireAt"),
                            Json.text(s, "misfirePolicy"),
                            Json.text(s, "id")));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Adds a schedule: when (--cron or --every) and what (--type, --script or --pipeline).",
                "A cron has 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first).",
                "Examples:",
                "  taskforge schedules add backup --cron '0 2 * * *' --zone Europe/Berlin --type shell \\",
                "      --payload '{\"command\": \"./backup.sh\"}'",
                "  taskforge schedules add ping --every 30s --type http --payload '{\"url\": \"http://x\"}'",
                "  taskforge schedules add report --cron '0 6 1 * *' --script monthly-report --param pages=3"
            })
    static final class AddSchedule implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "Unique among the schedules.")
        String name;

        @Option(names = "--cron", paramLabel = "EXPR", description = "When it fires: a cron expression.")
        String cron;

        @Option(names = "--zone", paramLabel = "ZONE", description = "The time zone of --cron. Default: UTC.")
        String zone;

        @Option(
                names = "--every",
                paramLabel = "DURATION",
                converter = DurationConverter.class,
                description = "Or fire every this long (whole seconds, aligned to the epoch), e.g. 30s, 5m, 1h.")
        Duration every;

        @Option(names = "--type", paramLabel = "TYPE", description = "Fire a task of this type.")
        String type;

        @Option(names = "--payload", paramLabel = "JSON|@FILE|-", description = "The task's payload.")
        String payload;

        @Option(names = "--title", paramLabel = "TEXT", description = "The task's title. Default: the schedule's name.")
        String title;

        @Option(names = "--queue", paramLabel = "QUEUE", description = "The task's queue.")
        String queue;

        @Option(names = "--priority", paramLabel = "PRIORITY", description = "LOW, NORMAL, HIGH or URGENT.")
        String priority;

        @Option(names = "--tag", paramLabel = "TAG", description = "A tag of the task; repeat for more.")
        List<String> tags;

        @Option(names = "--max-attempts", paramLabel = "N")
        Integer maxAttempts;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class)
        Duration timeout;

        @Option(names = "--script", paramLabel = "SCRIPT", description = "Or run this stored script.")
        String script;

        @Option(names = "--pipeline", paramLabel = "PIPELINE", description = "Or start a run of this pipeline.")
        String pipeline;

        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A run parameter; repeat for more.")
        List<String> params;

        @Option(names = "--param-json", paramLabel = "NAME=JSON", description = "A run parameter given as JSON.")
        List<String> jsonParams;

        @Option(names = "--params", paramLabel = "JSON|@FILE|-", description = "All run parameters as one object.")
        String allParams;

        @Option(
                names = "--misfire",
                paramLabel = "POLICY",
                description = "After downtime: SKIP, FIRE_ONCE (default) or FIRE_ALL.")
        String misfire;

        @Option(names = "--misfire-limit", paramLabel = "N", description = "FIRE_ALL fires at most N missed slots.")
        Integer misfireLimit;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Option(names = "--paused", description = "Add it paused.")
        boolean paused;

        @Spec
        CommandSpec spec;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            if ((cron == null) == (every == null)) {
                throw new CommandLine.ParameterException(cl, "give one of --cron and --every");
            }
            int targets = (type == null ? 0 : 1) + (script == null ? 0 : 1) + (pipeline == null ? 0 : 1);
            if (targets != 1) {
                throw new CommandLine.ParameterException(cl, "give one of --type, --script and --pipeline");
            }
            boolean run = script != null || pipeline != null;
            if (!run && (params != null || jsonParams != null || allParams != null)) {
                throw new CommandLine.ParameterException(
                        cl, "--param, --param-json and --params go with --script or --pipeline");
            }
            if (run
                    && (payload != null
                            || title != null
                            || queue != null
                            || priority != null
                            || tags != null
                            || maxAttempts != null
                            || timeout != null)) {
                throw new CommandLine.ParameterException(
                        cl,
                        "--payload, --title, --queue, --priority, --tag, --max-attempts and --timeout go with --type");
            }
            ObjectNode body = client.api().json().createObjectNode();
            body.put("name", name);
            SubmitCommand.putIfSet(body, "description", description);
            if (cron != null) {
                body.put("cron", cron);
                SubmitCommand.putIfSet(body, "timeZone", zone);
            } else {
                if (zone != null) {
                    throw new CommandLine.ParameterException(cl, "--zone goes with --cron");
                }
                body.put("intervalSeconds", SubmitCommand.wholeSeconds(cl, "--every", every));
            }
            if (type != null) {
                body.set("task", task(cl));
            } else if (script != null) {
                JsonNode stored = ScriptsCommand.byName(client.api(), script);
                body.set("script", run(script, stored.path("parameters")));
            } else {
                body.set("pipeline", run(pipeline, null));
            }
            if (misfire != null) {
                body.put("misfirePolicy", misfire.strip().toUpperCase(Locale.ROOT));
            }
            if (misfireLimit != null) {
                body.put("misfireLimit", misfireLimit);
            }
            if (paused) {
                body.put("paused", true);
            }
            Output o = client.output();
            o.printLine(client.api().post("/schedules", body), s -> "added " + summary(o, s));
            return ExitCodes.OK;
        }

        private ObjectNode task(CommandLine cl) {
            ObjectNode task = client.api().json().createObjectNode();
            task.put("type", type);
            if (payload != null) {
                task.set("payload", Json.read(client.api().json(), "--payload", payload));
            }
            SubmitCommand.putIfSet(task, "title", title);
            SubmitCommand.putIfSet(task, "queue", queue);
            if (priority != null) {
                task.put("priority", SubmitCommand.priority(cl, priority));
            }
            if (tags != null) {
                tags.forEach(task.putArray("tags")::add);
            }
            if (maxAttempts != null) {
                task.put("maxAttempts", maxAttempts);
            }
            if (timeout != null) {
                task.put("timeoutSeconds", SubmitCommand.wholeSeconds(cl, "--timeout", timeout));
            }
            return task;
        }

        /** A script or pipeline run; {@code schema} types the --param values (missing: guessed from JSON). */
        private ObjectNode run(String ref, JsonNode schema) {
            JsonNode base = allParams == null ? null : Json.read(client.api().json(), "--params", allParams);
            ObjectNode run = client.api().json().createObjectNode();
            run.put("name", ref);
            run.set("params", ScriptParams.build(client.api().json(), schema, base, params, jsonParams));
            return run;
        }
    }

    @Command(
            name = "get",
            mixinStandardHelpOptions = true,
            description = "Shows a schedule, its next five fire times and its latest fires.")
    static final class GetSchedule implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The schedule's name (or id).")
        String ref;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            JsonNode s = client.api().get(path(ref));
            if (o.json()) {
                o.printJson(s);
                return ExitCodes.OK;
            }
            o.println(summary(o, s));
            o.println("misfire policy " + Json.text(s, "misfirePolicy") + " (limit " + Json.text(s, "misfireLimit")
                    + ")");
            o.println("next fire times:");
            s.path("nextFireTimes").forEach(t -> o.println("  " + o.time(t.asString())));
            JsonNode fires = client.api().get(path(ref) + "/fires?limit=10").path("items");
            if (fires.isEmpty()) {
                o.note("no fires yet");
                return ExitCodes.OK;
            }
            Table table = new Table("FIRED", "SLOT", "OUTCOME", "CREATED", "ERROR");
            fires.forEach(f -> table.add(
                    o.time(f, "firedAt"),
                    f.path("manual").asBoolean(false) ? "manual" : o.time(f, "slot"),
                    Json.text(f, "outcome"),
                    Json.text(f, "taskId") != null ? "task " + Json.text(f, "taskId") : Json.text(f, "runId"),
                    Table.clip(Json.text(f, "error"), 60)));
            o.print(table);
            return ExitCodes.OK;
        }
    }

    /** pause, resume and trigger are one POST each. */
    abstract static class Action implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The schedule's name (or id).")
        String ref;

        @Mixin
        ClientOptions client = new ClientOptions();
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stops its fires until resumed.")
    static final class PauseSchedule extends Action {
        @Override
        public Integer call() {
            Output o = client.output();
            o.printLine(client.api().post(path(ref) + "/pause", null), s -> summary(o, s));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Fires again from its next slot; slots passed while paused are not fired.")
    static final class ResumeSchedule extends Action {
        @Override
        public Integer call() {
            Output o = client.output();
            o.printLine(client.api().post(path(ref) + "/resume", null), s -> summary(o, s));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "trigger",
            mixinStandardHelpOptions = true,
            description =
                    "Fires it once now, paused or not. Exit 1 when nothing could be created (the error says why).")
    static final class TriggerSchedule extends Action {
        @Override
        public Integer call() {
            Output o = client.output();
            JsonNode fire = client.api().post(path(ref) + "/trigger", null);
            boolean failed = "FAILED".equals(Json.text(fire, "outcome"));
            o.printLine(
                    fire,
                    f -> failed
                            ? "fire of schedule '" + ref + "' created nothing: " + Json.text(f, "error")
                            : "fired schedule '" + ref + "': "
                                    + (Json.text(f, "taskId") != null
                                            ? "task " + Json.text(f, "taskId")
                                            : "pipeline run " + Json.text(f, "runId")));
            return failed ? ExitCodes.TASK_FAILED : ExitCodes.OK;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Deletes a schedule; what it created stays.")
    static final class DeleteSchedule extends Action {
        @Override
        public Integer call() {
            client.api().delete(path(ref));
            client.output().note("deleted schedule '" + ref + "'");
            return ExitCodes.OK;
        }
    }
}
