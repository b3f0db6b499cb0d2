package io.taskforge.server.cli.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code taskforge workers list}: the worker registry. */
@Command(
        name = "workers",
        mixinStandardHelpOptions = true,
        description = "Shows the worker processes.",
        subcommands = {WorkersCommand.ListWorkers.class})
public final class WorkersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Groups.nameOne(spec);
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Every registered worker: where it runs, its queues, busy slots and last heartbeat.")
    static final class ListWorkers implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            Table table = new Table("ID", "STATUS", "HOST", "PID", "BUSY", "QUEUES", "STARTED", "LAST HEARTBEAT");
            o.printList(client.api().get("/workers"), "no workers have registered", table, (rows, w) -> {
                List<String> queues = new ArrayList<>();
                w.path("queues").forEach(q -> queues.add(q.asString()));
                rows.add(
                        Json.text(w, "id"),
                        o.status(Json.text(w, "status")),
                        Json.text(w, "host"),
                        Json.text(w, "pid"),
                        Json.number(w, "busy", 0) + "/" + Json.number(w, "concurrency", 0),
                        String.join(",", queues),
                        o.time(w, "startedAt"),
                        o.time(w, "lastHeartbeatAt"));
            });
            return ExitCodes.OK;
        }
    }
}
