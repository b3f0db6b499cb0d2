package io.taskforge.server.cli.client;

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

/** {@code taskforge users list|add|set|delete}: the server's users (superadmins only). */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = "Manages the server's users (superadmins only).",
        subcommands = {
            UsersCommand.ListUsers.class,
            UsersCommand.AddUser.class,
            UsersCommand.SetUser.class,
            UsersCommand.DeleteUser.class
        })
public final class UsersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Groups.nameOne(spec);
    }

    /** The user of that name, or exit 4 naming it. */
    static JsonNode byName(ClientOptions client, String name) {
        for (JsonNode u : client.api().get("/users").path("items")) {
            if (name.equals(Json.text(u, "name"))) {
                return u;
            }
        }
        throw new CliException(ExitCodes.API_ERROR, "no user named '" + name + "'", 404);
    }

    static String tenants(JsonNode user) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : user.path("tenants").properties()) {
            s.append(s.isEmpty() ? "" : ", ")
                    .append(e.getKey())
                    .append('=')
                    .append(e.getValue().asString());
        }
        return s.toString();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users and their tenants.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Table table = new Table("NAME", "DISPLAY NAME", "SUPERADMIN", "DISABLED", "TENANTS");
            client.output()
                    .printList(
                            client.api().get("/users"),
                            "no users",
                            table,
                            (rows, u) -> rows.add(
                                    Json.text(u, "name"),
                                    Json.text(u, "displayName"),
                                    u.path("superadmin").asBoolean(false) ? "yes" : "",
                                    u.path("disabled").asBoolean(false) ? "yes" : "",
                                    tenants(u)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a user; asks for the password.")
    static final class AddUser implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "Letters, digits and . _ @ -")
        String name;

        @Option(
                names = "--member",
                paramLabel = "TENANT=ROLE",
                description = "A membership, e.g. --member default=OPERATOR; repeat for more.")
        Map<String, String> tenants;

        @Option(names = "--display-name", paramLabel = "TEXT")
        String displayName;

        @Option(names = "--superadmin", description = "May manage tenants and users, and act in every tenant.")
        boolean superadmin;

        @Option(names = "--password-stdin", description = "Read the password from standard input.")
        boolean passwordStdin;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            String password = passwordStdin
                    ? Secrets.stdinLines(1, "password").getFirst()
                    : Secrets.askNew("Password for " + name + ": ");
            ObjectNode body = client.api().json().createObjectNode();
            body.put("name", name);
            body.put("password", password);
            body.put("superadmin", superadmin);
            if (displayName != null) {
                body.put("displayName", displayName);
            }
            ObjectNode t = body.putObject("tenants");
            if (tenants != null) {
                tenants.forEach(t::put);
            }
            client.output()
                    .printLine(
                            client.api().post("/users", body),
                            u -> "user '" + Json.text(u, "name") + "' added"
                                    + (tenants(u).isEmpty() ? "" : " (" + tenants(u) + ")"));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Changes a user: a new password, disabled or enabled, superadmin or not.")
    static final class SetUser implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--password", description = "Set a new password (asked for, or --password-stdin).")
        boolean password;

        @Option(names = "--password-stdin", description = "Read the new password from standard input.")
        boolean passwordStdin;

        @Option(names = "--disabled", arity = "1", paramLabel = "true|false", description = "Disable or enable.")
        Boolean disabled;

        @Option(names = "--superadmin", arity = "1", paramLabel = "true|false")
        Boolean superadmin;

        @Option(names = "--display-name", paramLabel = "TEXT")
        String displayName;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            ObjectNode body = client.api().json().createObjectNode();
            if (password || passwordStdin) {
                body.put(
                        "password",
                        passwordStdin
                                ? Secrets.stdinLines(1, "password").getFirst()
                                : Secrets.askNew("New password for " + name + ": "));
            }
            if (disabled != null) {
                body.put("disabled", disabled);
            }
            if (superadmin != null) {
                body.put("superadmin", superadmin);
            }
            if (displayName != null) {
                body.put("displayName", displayName);
            }
            if (body.isEmpty()) {
                throw CliException.usage(
                        "nothing to change: give --password, --disabled, --superadmin or --display-name");
            }
            String id = Json.text(byName(client, name), "id");
            client.output()
                    .printLine(
                            client.api().patch("/users/" + ApiClient.segment(id), body),
                            u -> "user '" + name + "' changed"
                                    + (u.path("disabled").asBoolean(false) ? " (disabled)" : ""));
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a user and revokes their keys.")
    static final class DeleteUser implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            String id = Json.text(byName(client, name), "id");
            client.api().delete("/users/" + ApiClient.segment(id));
            client.printRemoved("name", name, "deleted", "user '" + name + "' deleted");
            return ExitCodes.OK;
        }
    }
}
