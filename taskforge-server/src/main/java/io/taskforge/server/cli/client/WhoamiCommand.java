package io.taskforge.server.cli.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** {@code taskforge whoami}: who the session or token belongs to, and its tenants and roles. */
@Command(
        name = "whoami",
        mixinStandardHelpOptions = true,
        description = "Shows who you are signed in as, the tenant you act in and your role in each tenant.")
public final class WhoamiCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client = new ClientOptions();

    @Override
    public Integer call() {
        JsonNode me = client.api().get("/auth/me");
        Output o = client.output();
        if (client.json) {
            o.printJson(me);
            return ExitCodes.OK;
        }
        JsonNode user = me.path("user");
        String key = me.path("apiKey").isObject() ? " with API key " + Json.text(me.path("apiKey"), "name") : "";
        o.println(Json.text(user, "name") + key + (user.path("superadmin").asBoolean(false) ? " (superadmin)" : ""));
        Table table = new Table("TENANT", "NAME", "ROLE", "");
        if (me.path("tenants").isEmpty()) {
            o.note("a member of no tenant");
            return ExitCodes.OK;
        }
        for (JsonNode t : me.path("tenants")) {
            table.add(
                    Json.text(t, "id"),
                    Json.text(t, "name"),
                    Json.text(t, "role"),
                    Json.text(t, "id").equals(Json.text(me, "tenant")) ? "<- acting" : "");
        }
        o.print(table);
        return ExitCodes.OK;
    }
}
