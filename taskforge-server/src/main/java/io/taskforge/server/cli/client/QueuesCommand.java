package io.taskforge.server.cli.client;

import java.math.BigDecimal;
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

/** {@code taskforge queues ...}: live counts, pause and resume, limits, dead-letter replay. */
@Command(
        name = "queues",
        mixinStandardHelpOptions = true,
        description = "Shows queues and changes their runtime settings.",
        subcommands = {
            QueuesCommand.ListQueues.class,
            QueuesCommand.PauseQueue.class,
            QueuesCommand.ResumeQueue.class,
            QueuesCommand.LimitQueue.class,
            QueuesCommand.RetryFailed.class
        })
public final class QueuesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Groups.nameOne(spec);
    }

    static String path(String name) {
        return "/queues/" + ApiClient.segment(name);
    }

    /** A limit as the table shows it: the number, or {@code -} for none. */
    static String limit(JsonNode q, String field) {
        JsonNode v = q.path(field);
        if (!v.isNumber()) {
            return null;
        }
        return v.isIntegralNumber()
                ? v.asString()
                : new BigDecimal(v.asString()).stripTrailingZeros().toPlainString();
    }

    static String settings(JsonNode q) {
        String concurrency = limit(q, "concurrencyLimit");
        String rate = limit(q, "ratePerSecond");
        return "queue '" + Json.text(q, "name") + "': " + (q.path("paused").asBoolean(false) ? "paused" : "running")
                + ", concurrency limit " + (concurrency == null ? "none" : concurrency) + ", rate limit "
                + (rate == null ? "none" : rate + "/s");
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Every queue with its live counts, the age of its oldest waiting task and its settings.")
    static final class ListQueues implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Table table = new Table(
                    "NAME",
                    "SCHEDULED",
                    "QUEUED",
                    "RUNNING",
                    "RETRYING",
                    "FAILED",
                    "OLDEST WAITING",
                    "PAUSED",
                    "CONCURRENCY",
                    "RATE/S");
            String none = "no queues yet: a queue appears with its first task";
            Output o = client.output();
            o.printList(
                    client.api().get("/queues"),
                    none,
                    table,
                    (rows, q) -> rows.add(
                            Json.text(q, "name"),
                            count(q, "scheduled"),
                            count(q, "queued"),
                            count(q, "running"),
                            count(q, "retrying"),
                            count(q, "failed"),
                            Output.age(Json.number(q, "oldestQueuedAgeSeconds", -1)),
                            q.path("paused").asBoolean(false) ? "yes" : "no",
                            limit(q, "concurrencyLimit"),
                            limit(q, "ratePerSecond")));
            return ExitCodes.OK;
        }

        private static String count(JsonNode q, String field) {
            return String.valueOf(Json.number(q, field, 0));
        }
    }

    /** Pause and resume are one PATCH of {@code paused}. */
    abstract static class SetPaused implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        ClientOptions client = new ClientOptions();

        abstract boolean paused();

        @Override
        public Integer call() {
            ObjectNode body = client.api().json().createObjectNode();
            body.put("paused", paused());
            client.output().printLine(client.api().patch(path(name), body), QueuesCommand::settings);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "pause",
            mixinStandardHelpOptions = true,
            description = "Stops workers taking tasks from the queue; running tasks go on.")
    static final class PauseQueue extends SetPaused {
        @Override
        boolean paused() {
            return true;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Lets workers take tasks again.")
    static final class ResumeQueue extends SetPaused {
        @Override
        boolean paused() {
            return false;
        }
    }

    @Command(
            name = "limit",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Sets or clears the queue's cluster-wide limits; an option left out keeps its setting.",
                "Example: taskforge queues limit reports --concurrency 2 --rate none"
            })
    static final class LimitQueue implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(
                names = "--concurrency",
                paramLabel = "N|none",
                description = "Tasks of this queue running at once across all workers; none removes the limit.")
        String concurrency;

        @Option(
                names = "--rate",
                paramLabel = "R|none",
                description = "Tasks started per second across all workers (e.g. 5 or 0.5); none removes the limit.")
        String rate;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            if (concurrency == null && rate == null) {
                throw new CommandLine.ParameterException(cl, "give --concurrency, --rate or both");
            }
            ObjectNode body = client.api().json().createObjectNode();
            if (concurrency != null) {
                if (isNone(concurrency)) {
                    body.putNull("concurrencyLimit");
                } else {
                    body.put("concurrencyLimit", integer(cl, concurrency));
                }
            }
            if (rate != null) {
                if (isNone(rate)) {
                    body.putNull("ratePerSecond");
                } else {
                    body.put("ratePerSecond", decimal(cl, rate));
                }
            }
            client.output().printLine(client.api().patch(path(name), body), QueuesCommand::settings);
            return ExitCodes.OK;
        }

        private static boolean isNone(String value) {
            return value.strip().toLowerCase(Locale.ROOT).equals("none");
        }

        private static int integer(CommandLine cl, String value) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new CommandLine.ParameterException(
                    cl, "--concurrency must be a whole number of tasks or none, was '" + value + "'");
        }

        private static BigDecimal decimal(CommandLine cl, String value) {
            try {
                BigDecimal d = new BigDecimal(value.strip());
                if (d.signum() >= 0) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new CommandLine.ParameterException(
                    cl, "--rate must be a number of tasks per second or none, was '" + value + "'");
        }
    }

    @Command(
            name = "retry-failed",
            mixinStandardHelpOptions = true,
            description = "Puts every FAILED task of the queue back in it (dead-letter replay).")
    static final class RetryFailed implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            client.output().printLine(client.api().post(path(name) + "/retry-failed", null), answer -> {
                long n = Json.number(answer, "retried", 0);
                return n + " failed task" + (n == 1 ? "" : "s") + " of queue '" + name + "' queued again";
            });
            return ExitCodes.OK;
        }
    }
}
