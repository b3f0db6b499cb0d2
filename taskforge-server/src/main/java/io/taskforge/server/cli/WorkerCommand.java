package io.taskforge.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taskforge worker}: runs tasks from the store, with no web server. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        description = {
            "Runs a worker only: takes tasks of its queues from the store and runs them. No HTTP port.",
            "Point it at the database of a server (--db) to add capacity; on one host it may also share the"
                    + " server's SQLite file (--data-dir)."
        })
final class WorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions.Store store = new CommonOptions.Store();

    @Mixin
    CommonOptions.Worker worker = new CommonOptions.Worker();

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "${env:TASKFORGE_WORKER_CONCURRENCY}",
            description = {
                "Tasks run at once.",
                "Default: twice the CPUs, at least 4. Env: TASKFORGE_WORKER_CONCURRENCY."
            })
    Integer concurrency;

    @Override
    public Integer call() {
        return Launcher.run(false, settings());
    }

    Map<String, String> settings() {
        CommandLine cl = spec.commandLine();
        CommonOptions.checkConcurrency(cl, "--concurrency", concurrency);
        store.check(cl);
        worker.check(cl);
        Map<String, String> settings = new LinkedHashMap<>();
        store.put(settings);
        worker.put(settings);
        if (concurrency != null) {
            settings.put("taskforge.worker.concurrency", concurrency.toString());
        }
        settings.put("taskforge.worker.enabled", "true");
        // No web server holds the JVM open; this does, until the process is told to stop.
        settings.put("spring.main.keep-alive", "true");
        return settings;
    }
}
