package io.taskforge.server.cli.client;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code taskforge logout}: revokes the stored session on the server and forgets it. */
@Command(
        name = "logout",
        mixinStandardHelpOptions = true,
        description = "Signs out of a server: revokes the session and removes it from this machine.")
public final class LogoutCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client = new ClientOptions();

    @Override
    public Integer call() {
        String server = client.server();
        Credentials credentials = client.credentials();
        Credentials.Session session = credentials.get(server).orElse(null);
        if (session == null) {
            client.output().println("Not signed in to " + server);
            return ExitCodes.OK;
        }
        try {
            new ApiClient(server, Json.mapper(), session.accessToken(), null, null)
                    .send(
                            "POST",
                            "/auth/logout",
                            Json.mapper().createObjectNode().put("refreshToken", session.refreshToken()),
                            Map.of());
        } catch (CliException e) {
            // An expired session or an unreachable server: forgetting it here is still what was asked.
        }
        credentials.remove(server);
        client.output().println("Signed out of " + server);
        return ExitCodes.OK;
    }
}
