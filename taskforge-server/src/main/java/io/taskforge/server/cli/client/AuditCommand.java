package io.taskforge.server.cli.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code taskforge audit}: the tenant's audit log (ADMIN), or every tenant's (superadmin). */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the audit log, newest first: every change made through the API and every sign-in.",
            "Needs the ADMIN role in the tenant; --all-tenants needs a superadmin."
        })
public final class AuditCommand implements Callable<Integer> {
    @Option(names = "--actor", paramLabel = "NAME", description = "Who did it: a user's or API key's name.")
    String actor;

    @Option(names = "--action", paramLabel = "ACTION", description = "What was done, e.g. task.cancel, auth.login.")
    String action;

    @Option(names = "--target-type", paramLabel = "TYPE", description = "The kind of thing acted on, e.g. task.")
    String targetType;

    @Option(names = "--target", paramLabel = "ID", description = "The id or name acted on.")
    String targetId;

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "SUCCEEDED, DENIED or FAILED.")
    String outcome;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeConverter.class, description = "At or after.")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeConverter.class, description = "Before.")
    Instant to;

    @Option(names = "--limit", paramLabel = "N", description = "Events per page, 1..500 (default 50).")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after a page (see its footer).")
    String cursor;

    @Option(
            names = "--all-tenants",
            description = "Every tenant's events and those of none, such as sign-ins with an unknown name.")
    boolean allTenants;

    @Mixin
    ClientOptions client = new ClientOptions();

    @Override
    public Integer call() {
        Output o = client.output();
        JsonNode page = client.api().get("/audit" + query());
        if (o.json()) {
            o.printJson(page);
            return ExitCodes.OK;
        }
        Table table = allTenants
                ? new Table("AT", "TENANT", "ACTOR", "ACTION", "TARGET", "OUTCOME", "STATUS", "ADDRESS", "DETAIL")
                : new Table("AT", "ACTOR", "ACTION", "TARGET", "OUTCOME", "STATUS", "ADDRESS", "DETAIL");
        o.printList(page, "no audit events found", table, (rows, e) -> {
            List<String> cells = new ArrayList<>(List.of(o.time(e, "at")));
            if (allTenants) {
                cells.add(orDash(Json.text(e, "tenantId")));
            }
            cells.addAll(Arrays.asList(
                    orDash(Json.text(e, "actor")),
                    Json.text(e, "action"),
                    target(e),
                    Json.text(e, "outcome"),
                    orDash(Json.text(e, "status")),
                    orDash(Json.text(e, "clientAddress")),
                    orDash(Json.text(e, "detail"))));
            rows.add(cells.toArray(String[]::new));
        });
        String next = Json.text(page, "nextCursor");
        if (next != null) {
            o.note("more events: add --cursor " + next + " for the next page");
        }
        return ExitCodes.OK;
    }

    private static String target(JsonNode e) {
        String type = Json.text(e, "targetType");
        String id = Json.text(e, "targetId");
        if (type == null) {
            return orDash(id);
        }
        return id == null ? type : type + " " + id;
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private String query() {
        return ApiClient.query(Arrays.asList(
                "actor",
                actor,
                "action",
                action,
                "targetType",
                targetType,
                "targetId",
                targetId,
                "outcome",
                outcome,
                "from",
                from == null ? null : from.toString(),
                "to",
                to == null ? null : to.toString(),
                "limit",
                limit == null ? null : limit.toString(),
                "cursor",
                cursor,
                "allTenants",
                allTenants ? "true" : null));
    }
}
