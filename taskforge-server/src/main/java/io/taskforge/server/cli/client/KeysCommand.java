package io.taskforge.server.cli.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code taskforge keys list|create|revoke}: API keys of the current tenant (its ADMINs). */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Manages the API keys of the tenant you act in (ADMINs only).",
        subcommands = {KeysCommand.ListKeys.class, KeysCommand.CreateKey.class, KeysCommand.RevokeKey.class})
public final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Groups.nameOne(spec);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists keys (never the keys themselves).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Output o = client.output();
            Table table = new Table("ID", "NAME", "PREFIX", "ROLE", "CREATED", "LAST USED", "EXPIRES", "REVOKED");
            o.printList(
                    client.api().get("/api-keys"),
                    "no API keys",
                    table,
                    (rows, k) -> rows.add(
                            Json.text(k, "id"),
                            Json.text(k, "name"),
                            Json.text(k, "prefix"),
                            Json.text(k, "role"),
                            o.time(k, "createdAt"),
                            o.time(k, "lastUsedAt"),
                            o.time(k, "expiresAt"),
                            o.time(k, "revokedAt")));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Creates a key and prints it: it is shown this once.")
    static final class CreateKey implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "What the key is for, e.g. remote-worker-1.")
        String name;

        @Option(
                names = "--role",
                paramLabel = "ROLE",
                defaultValue = "OPERATOR",
                description = "VIEWER, OPERATOR or ADMIN. Default: OPERATOR (what remote workers need).")
        String role;

        @Option(names = "--expires-in-days", paramLabel = "N", description = "Stop working after N days.")
        Integer expiresInDays;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            ObjectNode body = client.api().json().createObjectNode();
            body.put("name", name);
            body.put("role", role);
            if (expiresInDays != null) {
                body.put("expiresInDays", expiresInDays);
            }
            JsonNode created = client.api().post("/api-keys", body);
            Output o = client.output();
            if (o.json()) {
                o.printJson(created);
            } else {
                o.println(Json.text(created, "key"));
                o.note("API key '" + name + "' (" + Json.text(created.path("apiKey"), "role") + ", id "
                        + Json.text(created.path("apiKey"), "id")
                        + ") created; it is shown this once: keep it somewhere safe.");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a key: it stops working at once.")
    static final class RevokeKey implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            client.api().delete("/api-keys/" + ApiClient.segment(id));
            client.printRemoved("id", id, "revoked", "API key " + id + " revoked");
            return ExitCodes.OK;
        }
    }
}
