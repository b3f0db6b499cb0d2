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

/** {@code taskforge tenants list|add|set|delete}: tenants (projects) and their limits (superadmins only). */
@Command(
        name = "tenants",
        mixinStandardHelpOptions = true,
        description = "Manages tenants (projects) and their limits (superadmins only).",
        subcommands = {
            TenantsCommand.ListTenants.class,
            TenantsCommand.AddTenant.class,
            TenantsCommand.SetTenant.class,
            TenantsCommand.DeleteTenant.class
        })
public final class TenantsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Groups.nameOne(spec);
    }

    /** Options shared by add and set: the tenant's name, code permission and limits. */
    static final class Settings {
        @Option(names = "--name", paramLabel = "TEXT", description = "The name shown to users.")
        String name;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Option(
                names = "--operator-code",
                arity = "1",
                paramLabel = "true|false",
                description = "Whether OPERATORs may write scripts and submit shell tasks (default: ADMINs only).")
        Boolean operatorCode;

        @Option(names = "--max-waiting", paramLabel = "N", description = "Most tasks waiting at once (0: no limit).")
        Integer maxWaiting;

        @Option(
                names = "--max-running",
                paramLabel = "N",
                description = "Most tasks running at once; the others wait their turn (0: no limit).")
        Integer maxRunning;

        @Option(
                names = "--max-payload",
                paramLabel = "BYTES",
                description = "Largest task payload accepted (0: the server's limit).")
        Integer maxPayloadBytes;

        void into(ObjectNode body, boolean creating) {
            if (name != null) {
                body.put("name", name);
            }
            if (description != null) {
                body.put("description", description);
            }
            if (operatorCode != null) {
                body.put("operatorCode", operatorCode);
            }
            limit(body, "maxWaiting", maxWaiting, creating);
            limit(body, "maxRunning", maxRunning, creating);
            limit(body, "maxPayloadBytes", maxPayloadBytes, creating);
        }

        private static void limit(ObjectNode body, String field, Integer value, boolean creating) {
            // On creation 0 means "none", which is leaving it out; a change sends 0 to remove a limit.
            if (value != null && !(creating && value == 0)) {
                body.put(field, value);
            }
        }
    }

    static String limits(JsonNode t) {
        return "waiting " + orNone(t, "maxWaiting") + ", running " + orNone(t, "maxRunning") + ", payload "
                + orNone(t, "maxPayloadBytes");
    }

    private static String orNone(JsonNode t, String field) {
        return t.hasNonNull(field) ? String.valueOf(t.get(field).asLong()) : "-";
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists tenants and their limits.")
    static final class ListTenants implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            Table table = new Table("ID", "NAME", "OPERATOR CODE", "MAX WAITING", "MAX RUNNING", "MAX PAYLOAD");
            client.output()
                    .printList(
                            client.api().get("/tenants"),
                            "no tenants",
                            table,
                            (rows, t) -> rows.add(
                                    Json.text(t, "id"),
                                    Json.text(t, "name"),
                                    t.path("operatorCode").asBoolean(false) ? "yes" : "",
                                    orNone(t, "maxWaiting"),
                                    orNone(t, "maxRunning"),
                                    orNone(t, "maxPayloadBytes")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a tenant.")
    static final class AddTenant implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "Lower-case letters, digits and -")
        String id;

        @Mixin
        Settings settings = new Settings();

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            ObjectNode body = client.api().json().createObjectNode();
            body.put("id", id);
            body.put("name", id);
            settings.into(body, true);
            client.output()
                    .printLine(
                            client.api().post("/tenants", body),
                            t -> "tenant '" + Json.text(t, "id") + "' added (" + limits(t) + ")");
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Changes a tenant's name or limits.")
    static final class SetTenant implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        Settings settings = new Settings();

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            ObjectNode body = client.api().json().createObjectNode();
            settings.into(body, false);
            if (body.isEmpty()) {
                throw CliException.usage("nothing to change: give --name, --operator-code or a --max-... limit");
            }
            client.output()
                    .printLine(
                            client.api().patch("/tenants/" + ApiClient.segment(id), body),
                            t -> "tenant '" + id + "' changed (" + limits(t) + ")");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Deletes a tenant: its members lose access and its keys stop working.")
    static final class DeleteTenant implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() {
            client.api().delete("/tenants/" + ApiClient.segment(id));
            client.printRemoved("id", id, "deleted", "tenant '" + id + "' deleted");
            return ExitCodes.OK;
        }
    }
}
