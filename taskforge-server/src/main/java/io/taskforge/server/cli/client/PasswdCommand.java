package io.taskforge.server.cli.client;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** {@code taskforge passwd}: changes your own password; every other session ends. */
@Command(
        name = "passwd",
        mixinStandardHelpOptions = true,
        description = "Changes your password. Every session opened with the old one ends; sign in again after.")
public final class PasswdCommand implements Callable<Integer> {
    @Option(
            names = "--password-stdin",
            description = "Read the current password, then the new one, from two lines of standard input.")
    boolean passwordStdin;

    @Mixin
    ClientOptions client = new ClientOptions();

    @Override
    public Integer call() {
        String current;
        String next;
        if (passwordStdin) {
            List<String> lines = Secrets.stdinLines(2, "current and new password");
            current = lines.get(0);
            next = lines.get(1);
        } else {
            current = Secrets.ask("Current password: ");
            next = Secrets.askNew("New password: ");
        }
        ObjectNode body = client.api().json().createObjectNode();
        body.put("currentPassword", current);
        body.put("newPassword", next);
        client.api().post("/auth/password", body);
        // The stored session was opened with the old password: it no longer works.
        client.credentials().remove(client.server());
        client.output().println("Password changed; sign in again with 'taskforge login'.");
        return ExitCodes.OK;
    }
}
