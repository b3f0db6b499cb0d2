package io.taskforge.server.cli.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/** {@code taskforge tags list|add|delete}. */
@Command(
        name = "tags",
        mixinStandardHelpOptions = true,
        description = "Lists, adds and deletes tags.",
        subcommands = {TagsCommand.ListTags.class, TagsCommand.AddTag.class, TagsCommand.DeleteTag.class})
public final class TagsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Groups.nameOne(spec);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists tags and how many tasks carry each.")
    static final class ListTags implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Table table = new Table("NAME", "COLOR", "TASKS");
            Output o = client.output();
            o.printList(
                    client.api().get("/tags"),
                    "no tags yet",
                    table,
                    (rows, t) -> rows.add(
                            Json.text(t, "name"),
                            Json.text(t, "color"),
                            String.valueOf(Json.number(t, "taskCount", 0))));
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a tag.")
    static final class AddTag implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "Letters, digits, spaces and . _ : / -")
        String name;

        @Option(names = "--color", paramLabel = "#RRGGBB", description = "A colour for the console, e.g. #3b82f6.")
        String color;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            ObjectNode body = client.api().json().createObjectNode();
            body.put("name", name);
            if (color != null) {
                body.put("color", color);
            }
            client.output().printLine(client.api().post("/tags", body), tag -> {
                String c = Json.text(tag, "color");
                return "tag '" + Json.text(tag, "name") + "' added" + (c == null ? "" : " (" + c + ")");
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a tag and removes it from tasks.")
    static final class DeleteTag implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            client.api().delete("/tags/" + ApiClient.segment(name));
            client.printRemoved("name", name, "deleted", "tag '" + name + "' deleted");
            return ExitCodes.OK;
        }
    }
}
