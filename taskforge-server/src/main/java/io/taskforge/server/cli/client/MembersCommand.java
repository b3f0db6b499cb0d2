package io.taskforge.server.cli.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/** {@code taskforge members list|set|remove}: who may use the current tenant (its ADMINs). */
@Command(
        name = "members",
        mixinStandardHelpOptions = true,
        description = "Manages the members of the tenant you act in and their roles (ADMINs only).",
        subcommands = {
            MembersCommand.ListMembers.class,
            MembersCommand.SetMember.class,
            MembersCommand.RemoveMember.class
        })
public final class MembersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Groups.nameOne(spec);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists members and their roles.")
    static final class ListMembers implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            Table table = new Table("NAME", "DISPLAY NAME", "ROLE", "SINCE");
            o.printList(
                    client.api().get("/members"),
                    "no members",
                    table,
                    (rows, m) -> rows.add(
                            Json.text(m, "name"),
                            Json.text(m, "displayName"),
                            Json.text(m, "role"),
                            o.time(m, "since")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Adds a user, or changes their role.")
    static final class SetMember implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "USER")
        String name;

        @Parameters(index = "1", paramLabel = "ROLE", description = "VIEWER, OPERATOR or ADMIN")
        String role;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            ObjectNode body = client.api().json().createObjectNode();
            body.put("role", role);
            client.output()
                    .printLine(
                            client.api().send("PUT", "/members/" + ApiClient.segment(name), body, java.util.Map.of()),
                            m -> Json.text(m, "name") + " is " + Json.text(m, "role") + " of this tenant");
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a user from the tenant.")
    static final class RemoveMember implements Callable<Integer> {
        @Parameters(paramLabel = "USER")
        String name;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            client.api().delete("/members/" + ApiClient.segment(name));
            client.printRemoved("name", name, "removed", name + " removed from this tenant");
            return ExitCodes.OK;
        }
    }
}
