package io.taskforge.server.cli.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code taskforge tasks ...}: list, inspect, cancel, retry and delete tasks. */
@Command(
        name = "tasks",
        mixinStandardHelpOptions = true,
        description = "Lists and manages tasks.",
        subcommands = {
            TasksCommand.ListTasks.class,
            TasksCommand.GetTask.class,
            TasksCommand.CancelTask.class,
            TasksCommand.RetryTask.class,
            TasksCommand.DeleteTask.class,
            TasksCommand.TaskEvents.class
        })
public final class TasksCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Groups.nameOne(spec);
    }

    static String path(String id) {
        return "/tasks/" + ApiClient.segment(id);
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Lists tasks, newest first; filters combine.")
    static final class ListTasks implements Callable<Integer> {
        /** The API's largest page, used when following every page. */
        static final int MAX_PAGE = 500;

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                split = ",",
                description = "PENDING, SCHEDULED, QUEUED, RUNNING, RETRYING, SUCCEEDED, FAILED, CANCELLED;"
                        + " comma-separated.")
        List<String> status;

        @Option(names = "--priority", paramLabel = "PRIORITY", split = ",", description = "Comma-separated.")
        List<String> priority;

        @Option(names = "--tag", paramLabel = "TAG", description = "Tasks with this tag; repeat: all must match.")
        List<String> tags;

        @Option(names = "--queue", paramLabel = "QUEUE")
        String queue;

        @Option(names = "--type", paramLabel = "TYPE")
        String type;

        @Option(
                names = {"--q", "--search"},
                paramLabel = "TEXT",
                description = "Text in the title or description.")
        String text;

        @Option(names = "--created-after", paramLabel = "TIME", converter = TimeConverter.class)
        Instant createdAfter;

        @Option(names = "--created-before", paramLabel = "TIME", converter = TimeConverter.class)
        Instant createdBefore;

        @Option(
                names = "--sort",
                paramLabel = "ORDER",
                description = "-createdAt (default), createdAt, priority, -priority or updatedAt.")
        String sort;

        @Option(
                names = "--limit",
                paramLabel = "N",
                description = "Tasks per page, 1..500. Default: 50 (500 with --all).")
        Integer limit;

        @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after a page (see its footer).")
        String cursor;

        @Option(names = "--all", description = "Follow the pages to the end and print every task.")
        boolean all;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            List<JsonNode> tasks = new ArrayList<>();
            String next = cursor;
            Integer pageSize = all && limit == null ? Integer.valueOf(MAX_PAGE) : limit;
            do {
                JsonNode page = client.api().get("/tasks" + query(pageSize, next));
                page.path("items").forEach(tasks::add);
                next = Json.text(page, "nextCursor");
            } while (all && next != null);

            if (o.json()) {
                ObjectNode answer = client.api().json().createObjectNode();
                ArrayNode items = answer.putArray("items");
                tasks.forEach(items::add);
                answer.put("nextCursor", next);
                o.printJson(answer);
                return ExitCodes.OK;
            }
            if (tasks.isEmpty()) {
                o.note("no tasks found");
                return ExitCodes.OK;
            }
            Table table = TaskView.table();
            tasks.forEach(t -> TaskView.addRow(table, o, t));
            o.print(table);
            if (next != null) {
                o.note("more tasks: add --cursor " + next + " for the next page, or --all for every page");
            }
            return ExitCodes.OK;
        }

        String query(Integer pageSize, String pageCursor) {
            List<String> q = new ArrayList<>();
            add(q, "status", status == null ? null : String.join(",", status));
            add(q, "priority", priority == null ? null : String.join(",", priority));
            if (tags != null) {
                tags.forEach(t -> add(q, "tag", t));
            }
            add(q, "queue", queue);
            add(q, "type", type);
            add(q, "q", text);
            add(q, "createdAfter", createdAfter == null ? null : createdAfter.toString());
            add(q, "createdBefore", createdBefore == null ? null : createdBefore.toString());
            add(q, "sort", sort);
            add(q, "limit", pageSize == null ? null : pageSize.toString());
            add(q, "cursor", pageCursor);
            return ApiClient.query(q);
        }

        private static void add(List<String> q, String name, String value) {
            q.add(name);
            q.add(value);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows one task.")
    static final class GetTask implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            o.print(client.api().get(path(id)), task -> TaskView.printDetail(o, task));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description = "Cancels a waiting task at once; a running one is told to stop.")
    static final class CancelTask implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            o.printLine(
                    client.api().post(path(id) + "/cancel", null),
                    task -> task.path("cancelRequested").asBoolean(false) && "RUNNING".equals(Json.text(task, "status"))
                            ? "task " + id + " is " + o.status("RUNNING") + "; it was told to stop"
                            : "task " + id + " " + o.status(Json.text(task, "status")));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Puts a FAILED or CANCELLED task back in its queue, with one more attempt.")
    static final class RetryTask implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            o.printLine(
                    client.api().post(path(id) + "/retry", null),
                    task -> "task " + id + " is " + o.status(Json.text(task, "status")) + " again ("
                            + Json.number(task, "attempt", 0) + " attempts so far, "
                            + Json.number(task, "maxAttempts", 0) + " allowed)");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Deletes a task; a RUNNING one only with --force, which cancels it first.")
    static final class DeleteTask implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--force", description = "Cancel a running task and delete it.")
        boolean force;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            client.api().delete(path(id) + (force ? "?force=true" : ""));
            client.printRemoved("id", id, "deleted", "task " + id + " deleted");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "events",
            mixinStandardHelpOptions = true,
            description = "A task's history: every transition, attempt and error.")
    static final class TaskEvents implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            o.print(client.api().get(path(id) + "/events"), events -> {
                Table table = new Table("AT", "EVENT", "FROM", "TO", "ATTEMPT", "ACTOR", "MESSAGE");
                for (JsonNode e : events.path("items")) {
                    String message = Json.text(e, "message");
                    table.add(
                            o.time(e, "at"),
                            Json.text(e, "type"),
                            o.status(Json.text(e, "fromStatus")),
                            o.status(Json.text(e, "toStatus")),
                            String.valueOf(Json.number(e, "attempt", 0)),
                            Json.text(e, "actor"),
                            Table.clip(message != null ? message : TaskView.error(e), 100));
                }
                o.print(table);
            });
            return ExitCodes.OK;
        }
    }
}
