package io.taskforge.server.cli.client;

import java.time.ZoneId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
            names = "--json",
            description = "Print the API's JSON instead of tables (log lines: one JSON object per line).")
    boolean json;

    private ApiClient api;
    private Output output;

    ApiClient api() {
        if (api == null) {
            api = new ApiClient(ApiClient.checkServer(server), Json.mapper());
        }
        return api;
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
}
