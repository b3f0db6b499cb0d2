package io.taskforge.server.cli.client;

import java.io.Console;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code taskforge login}: signs in to a server and keeps the session (access and refresh tokens)
 * in the user's config directory, mode 600; every client command then sends it, refreshing it
 * when it expires.
 */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Signs in to a server; the other commands then use the session.",
            "The session is kept in ~/.config/taskforge/credentials.json (or $TASKFORGE_CONFIG_DIR), readable by"
                    + " you only."
        })
public final class LoginCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client = new ClientOptions();

    @Option(
            names = {"-u", "--user"},
            paramLabel = "NAME",
            description = "The user to sign in as. Default: asked for, or 'admin' without a terminal.")
    String user;

    @Option(
            names = "--password-stdin",
            description = "Read the password from the first line of standard input (for scripts).")
    boolean passwordStdin;

    @Override
    public Integer call() {
        String server = client.server();
        Console console = System.console();
        String name = user;
        if (name == null || name.isBlank()) {
            name = console == null || passwordStdin ? "admin" : console.readLine("User [admin]: ");
            if (name == null || name.isBlank()) {
                name = "admin";
            }
        }
        String password = passwordStdin
                ? Secrets.stdinLines(1, "password").getFirst()
                : Secrets.ask("Password for " + name + " at " + server + ": ");
        ApiClient anonymous = new ApiClient(server, Json.mapper());
        JsonNode tokens;
        try {
            tokens = anonymous.post(
                    "/auth/login",
                    Json.mapper().createObjectNode().put("username", name).put("password", password));
        } catch (CliException e) {
            // Only the server's answer: the "run taskforge login" hint under it is for other commands.
            String why = e.getMessage().lines().findFirst().orElse("");
            throw new CliException(ExitCodes.API_ERROR, "sign-in to " + server + " failed: " + why);
        }
        Credentials.Session session = new Credentials.Session(
                name,
                Json.text(tokens, "accessToken"),
                Instant.parse(Json.text(tokens, "expiresAt")),
                Json.text(tokens, "refreshToken"),
                client.tenant == null || client.tenant.isBlank() ? null : client.tenant.strip());
        // Check the tenant before keeping the session: a wrong --tenant fails here, not later.
        ApiClient signedIn = new ApiClient(server, Json.mapper(), session.accessToken(), null, session.tenant());
        JsonNode me = signedIn.send("GET", "/auth/me", null, Map.of());
        Credentials credentials = client.credentials();
        credentials.put(server, session);
        Output o = client.output();
        if (client.json) {
            o.printJson(me);
        } else {
            String tenant = Json.text(me, "tenant");
            o.println("Signed in to " + server + " as " + name
                    + (tenant == null
                            ? " (a member of no tenant yet)"
                            : " (tenant " + tenant + ", " + Json.text(me, "role") + ")")
                    + "; session kept in " + credentials.file());
        }
        return ExitCodes.OK;
    }
}
