package io.taskforge.server.cli.client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

/** {@code taskforge scripts list|add|run}: stored, versioned bash/sh/python scripts. */
@Command(
        name = "scripts",
        mixinStandardHelpOptions = true,
        description = "Stores versioned bash, sh and python scripts and runs them as tasks.",
        subcommands = {ScriptsCommand.ListScripts.class, ScriptsCommand.AddScript.class, ScriptsCommand.RunScript.class
        })
public final class ScriptsCommand implements Runnable {
    static final List<String> LANGUAGES = List.of("bash", "sh", "python");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Groups.nameOne(spec);
    }

    /**
     * The script called {@code name}. The API takes a script's id or its name in the path; a server
     * that answers 404 for the name is also searched by listing, so both work.
     */
    static JsonNode byName(ApiClient api, String name) {
        try {
            return api.get("/scripts/" + ApiClient.segment(name));
        } catch (CliException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
        }
        String cursor = null;
        do {
            JsonNode page = api.get("/scripts" + (cursor == null ? "" : ApiClient.query(List.of("cursor", cursor))));
            for (JsonNode s : page.path("items")) {
                if (name.equals(Json.text(s, "name"))) {
                    return s;
                }
            }
            cursor = Json.text(page, "nextCursor");
        } while (cursor != null);
        throw new CliException(
                ExitCodes.API_ERROR, "no script named '" + name + "' (see 'taskforge scripts list')", 404);
    }

    /** The language from the first line ({@code #!/usr/bin/env python3}) or else the file's extension. */
    static String language(Path file, String content) {
        String first = content.lines().findFirst().orElse("").strip();
        if (first.startsWith("#!")) {
            if (first.contains("python")) {
                return "python";
            }
            if (first.contains("bash")) {
                return "bash";
            }
            if (first.endsWith("/sh") || first.endsWith(" sh") || first.contains("/sh ")) {
                return "sh";
            }
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".py")) {
            return "python";
        }
        if (name.endsWith(".bash")) {
            return "bash";
        }
        if (name.endsWith(".sh")) {
            return "sh";
        }
        return null;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the stored scripts.")
    static final class ListScripts implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            Table table = new Table("NAME", "LANGUAGE", "VERSION", "QUEUE", "UPDATED", "ID", "DESCRIPTION");
            String none = "no scripts yet: add one with 'taskforge scripts add FILE'";
            o.printList(
                    client.api().get("/scripts"),
                    none,
                    table,
                    (rows, s) -> rows.add(
                            Json.text(s, "name"),
                            Json.text(s, "language"),
                            Json.text(s, "version"),
                            Json.text(s, "queue"),
                            o.time(s, "updatedAt"),
                            Json.text(s, "id"),
                            Table.clip(Json.text(s, "description"), 60)));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Stores a script; with --update, stores a new version of an existing one.",
                "Example: taskforge scripts add report.py --schema report.schema.json"
            })
    static final class AddScript implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The script.")
        Path file;

        @Option(names = "--name", paramLabel = "NAME", description = "Default: the file name without extension.")
        String name;

        @Option(
                names = "--language",
                paramLabel = "LANGUAGE",
                description = "bash, sh or python. Default: from the #! line, else the extension (.sh .bash .py).")
        String language;

        @Option(
                names = "--schema",
                paramLabel = "FILE",
                description = "A JSON Schema (2020-12) of the parameters; runs are checked against it.")
        String schema;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Option(names = "--queue", paramLabel = "QUEUE", description = "Where its runs go. Default: default.")
        String queue;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class)
        Duration timeout;

        @Option(names = "--max-attempts", paramLabel = "N")
        Integer maxAttempts;

        @Option(names = "--update", description = "Store a new version of the script with this name.")
        boolean update;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            String content = Json.file("FILE", file.toString());
            String scriptName = name != null ? name : defaultName(cl);
            String lang = language != null ? language.strip().toLowerCase(Locale.ROOT) : language(file, content);
            if (lang == null) {
                throw new CommandLine.ParameterException(
                        cl, "cannot tell the language of " + file + "; add --language bash, sh or python");
            }
            if (!LANGUAGES.contains(lang)) {
                throw new CommandLine.ParameterException(
                        cl, "--language must be bash, sh or python, was '" + language + "'");
            }
            ObjectNode body = client.api().json().createObjectNode();
            if (!update) {
                body.put("name", scriptName);
            }
            body.put("language", lang);
            body.put("content", content);
            if (schema != null) {
                JsonNode parameters = Json.read(client.api().json(), "--schema", "@" + schema);
                if (!parameters.isObject()) {
                    throw CliException.usage("--schema: " + schema + " must hold a JSON Schema object");
                }
                body.set("parameters", parameters);
            }
            SubmitCommand.putIfSet(body, "description", description);
            SubmitCommand.putIfSet(body, "queue", queue);
            if (timeout != null) {
                body.put("timeoutSeconds", SubmitCommand.wholeSeconds(cl, "--timeout", timeout));
            }
            if (maxAttempts != null) {
                body.put("maxAttempts", maxAttempts);
            }
            JsonNode script;
            if (update) {
                JsonNode existing = byName(client.api(), scriptName);
                script = client.api().patch("/scripts/" + ApiClient.segment(Json.text(existing, "id")), body);
            } else {
                try {
                    script = client.api().post("/scripts", body);
                } catch (CliException e) {
                    if (e.httpStatus() == 409) {
                        throw new CliException(
                                e.exitCode(),
                                e.getMessage() + " (add --update to store a new version)",
                                e.httpStatus());
                    }
                    throw e;
                }
            }
            String done = update ? "updated" : "added";
            Output o = client.output();
            o.printLine(
                    script,
                    s -> "script '" + Json.text(s, "name") + "' " + done + ": " + Json.text(s, "language")
                            + ", version " + Json.text(s, "version") + ", id " + Json.text(s, "id"));
            return ExitCodes.OK;
        }

        private String defaultName(CommandLine cl) {
            String base = file.getFileName().toString();
            int dot = base.lastIndexOf('.');
            String n = dot > 0 ? base.substring(0, dot) : base;
            if (n.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "name the script with --name");
            }
            return n;
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Runs a stored script as a task; parameters are checked against its schema first.",
                "--param k=v sends v as the type the schema gives k (text for strings; numbers, booleans,",
                "arrays and objects parsed as JSON). Without a type in the schema, v is sent as a number,",
                "boolean, array or object when it is one in JSON, else as text. --param-json k=JSON always",
                "parses. Example: taskforge scripts run report --param month=2026-10 --param pages=3 --wait"
            })
    static final class RunScript implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The script's name (or id).")
        String name;

        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A parameter; repeat for more.")
        List<String> params;

        @Option(names = "--param-json", paramLabel = "NAME=JSON", description = "A parameter given as JSON.")
        List<String> jsonParams;

        @Option(
                names = "--params",
                paramLabel = "JSON|@FILE|-",
                description = "All parameters as one JSON object; --param and --param-json override its fields.")
        String allParams;

        @Option(names = "--title", paramLabel = "TEXT", description = "The task's title. Default: the script's name.")
        String title;

        @Option(names = "--priority", paramLabel = "PRIORITY", description = "LOW, NORMAL, HIGH or URGENT.")
        String priority;

        @Option(
                names = "--idempotency-key",
                paramLabel = "KEY",
                description = "Repeating the run with the same key returns the first task instead of a new one.")
        String idempotencyKey;

        @Option(names = "--tag", paramLabel = "TAG", description = "A tag for the task; repeat for more.")
        List<String> tags;

        @Option(names = "--run-at", paramLabel = "TIME", converter = TimeConverter.class)
        Instant runAt;

        @Spec
        CommandSpec spec;

        @Mixin
        WaitOptions wait = new WaitOptions();

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            JsonNode base = allParams == null ? null : Json.read(client.api().json(), "--params", allParams);
            JsonNode script = byName(client.api(), name);
            ObjectNode body = client.api().json().createObjectNode();
            body.set(
                    "params",
                    ScriptParams.build(client.api().json(), script.path("parameters"), base, params, jsonParams));
            SubmitCommand.putIfSet(body, "title", title);
            if (priority != null) {
                body.put("priority", SubmitCommand.priority(spec.commandLine(), priority));
            }
            if (tags != null && !tags.isEmpty()) {
                tags.forEach(body.putArray("tags")::add);
            }
            if (runAt != null) {
                body.put("runAt", runAt.toString());
            }
            String run = "/scripts/" + ApiClient.segment(Json.text(script, "id")) + "/run";
            JsonNode task = client.api().post(run, body, SubmitCommand.idempotency(idempotencyKey));
            return Following.created(
                    client,
                    wait,
                    task,
                    "task " + Json.text(task, "id") + " runs script '" + Json.text(script, "name") + "' version "
                            + Json.text(script, "version"));
        }
    }
}
