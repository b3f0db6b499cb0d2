package io.taskforge.server.cli.client;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait} and its limit, for commands that create a task. */
final class WaitOptions {
    @Option(
            names = "--wait",
            description = {
                "Follow the task until it finishes, printing its log; exit 0 when it SUCCEEDED,",
                "1 when it FAILED, 5 when it was CANCELLED or deleted."
            })
    boolean wait;

    @Option(
            names = "--wait-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Stop waiting after this long (e.g. 10m) and exit 6; the task goes on. Implies --wait."
                    + " Default: no limit.")
    Duration timeout;

    boolean waiting() {
        return wait || timeout != null;
    }
}
