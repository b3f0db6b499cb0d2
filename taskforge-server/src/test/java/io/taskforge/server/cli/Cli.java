package io.taskforge.server.cli;

import io.taskforge.server.testing.Http;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs {@code taskforge ARGS} in this JVM, as the executable jar's main would, capturing its output. */
final class Cli {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Cli() {}

    record Result(int code, String out, String err) {
        JsonNode json() {
            return JSON.readTree(out);
        }

        /** The lines of stdout. */
        List<String> lines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result run(String... args) {
        CommandLine cl = TaskforgeCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * {@code args} followed by {@code --server URL} and, unless {@code args} name a token, the test
     * server's admin token as {@code --token}.
     */
    static Result against(String server, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server");
        all.add(server);
        if (!all.contains("--token")) {
            all.add("--token");
            all.add(new Http(server, Duration.ofSeconds(30)).adminToken());
        }
        return run(all.toArray(String[]::new));
    }

    /** {@code args} followed by {@code --server URL} only: no credentials but what {@code args} give. */
    static Result anonymously(String server, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server");
        all.add(server);
        return run(all.toArray(String[]::new));
    }
}
