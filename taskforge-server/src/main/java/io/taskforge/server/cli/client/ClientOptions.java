package io.taskforge.server.cli.client;

import java.time.ZoneId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/** Options every client command has: which server, and tables or JSON. */
final class ClientOptions {
    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = "--server",
            paramLabel = "URL",
            defaultValue = "${env:TASKFORGE_SERVER:-" + DEFAULT_SERVER + "}",
            description = "The Taskforge server. Default: " + DEFAULT_SERVER + ". Env: TASKFORGE_SERVER.")
    String server;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            defaultValue = "${env:TASKFORGE_TOKEN}",
            description = "An API key (or access token) to send instead of the session of 'taskforge login'."
                    + " Env: TASKFORGE_TOKEN.")
    String token;

    @Option(
            names = "--tenant",
            paramLabel = "TENANT",
            defaultValue = "${env:TASKFORGE_TENANT}",
            description = "The tenant (project) to act in. Default: the one chosen at login, else your default."
                    + " Env: TASKFORGE_TENANT.")
    String tenant;

    @Option(
            names = "--config-dir",
            paramLabel = "DIR",
            hidden = true,
            description = "Where 'taskforge login' keeps sessions. Env: TASKFORGE_CONFIG_DIR.")
    java.nio.file.Path configDir;

    @Option(
            names = "--json",
            description = "Print the API's JSON instead of tables (log lines: one JSON object per line).")
    boolean json;

    private ApiClient api;
    private Output output;

    ApiClient api() {
        if (api == null) {
            api = new ApiClient(
                    ApiClient.checkServer(server),
                    Json.mapper(),
                    token == null || token.isBlank() ? null : token.strip(),
                    credentials(),
                    tenant == null || tenant.isBlank() ? null : tenant.strip());
        }
        return api;
    }

    Credentials credentials() {
        return new Credentials(configDir != null ? configDir : Credentials.defaultDirectory(), Json.mapper());
    }

    String server() {
        return ApiClient.checkServer(server);
    }

    Output output() {
        if (output == null) {
            output = new Output(
                    command.commandLine().getOut(),
                    command.commandLine().getErr(),
                    api().json(),
                    json,
                    Output.colorWanted(),
                    ZoneId.systemDefault());
        }
        return output;
    }

    /**
     * Says what a removal did: {@code {"<key>": value, "<done>": true}} with {@code --json}, else
     * {@code message}.
     */
    void printRemoved(String key, String value, String done, String message) {
        ObjectNode answer = api().json().createObjectNode();
        answer.put(key, value);
        answer.put(done, true);
        output().printLine(answer, a -> message);
    }
}
