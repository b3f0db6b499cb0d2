package io.taskforge.server.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taskforge server}: the REST API, with a worker unless {@code --no-worker}. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        description = {
            "Runs the REST API (/api/v1, docs at /swagger-ui.html) and, unless --no-worker, a worker.",
            "Listens on 127.0.0.1 only unless --bind says otherwise; every API call needs credentials (see"
                    + " 'taskforge login'). The first start creates the user admin and prints its password once."
        })
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "${env:TASKFORGE_PORT}",
            description = {"HTTP port (0 picks a free one).", "Default: 8080. Env: TASKFORGE_PORT."})
    Integer port;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "${env:TASKFORGE_BIND}",
            description = {
                "Address to listen on, e.g. 0.0.0.0 for all interfaces.",
                "Default: 127.0.0.1. Env: TASKFORGE_BIND."
            })
    String bind;

    @Mixin
    CommonOptions.Store store = new CommonOptions.Store();

    @Option(
            names = "--worker-concurrency",
            paramLabel = "N",
            defaultValue = "${env:TASKFORGE_WORKER_CONCURRENCY}",
            description = {
                "Tasks run at once.",
                "Default: twice the CPUs, at least 4. Env: TASKFORGE_WORKER_CONCURRENCY."
            })
    Integer concurrency;

    @Option(
            names = "--no-worker",
            defaultValue = "${env:TASKFORGE_NO_WORKER:-false}",
            description = {
                "Serve the API only; worker processes ('taskforge worker') run the tasks.",
                "Env: TASKFORGE_NO_WORKER=true."
            })
    boolean noWorker;

    @Mixin
    CommonOptions.Worker worker = new CommonOptions.Worker();

    @Override
    public Integer call() {
        return Launcher.run(true, settings());
    }

    Map<String, String> settings() {
        CommandLine cl = spec.commandLine();
        if (port != null && (port < 0 || port > 65_535)) {
            throw new CommandLine.ParameterException(cl, "--port must be between 0 and 65535, was " + port);
        }
        if (bind != null) {
            checkAddress(cl, bind);
        }
        CommonOptions.checkConcurrency(cl, "--worker-concurrency", concurrency);
        store.check(cl);
        worker.check(cl);

        Map<String, String> settings = new LinkedHashMap<>();
        if (port != null) {
            settings.put("taskforge.port", port.toString());
        }
        if (bind != null) {
            settings.put("taskforge.bind", bind.strip());
        }
        store.put(settings);
        if (concurrency != null) {
            settings.put("taskforge.worker.concurrency", concurrency.toString());
        }
        if (noWorker) {
            settings.put("taskforge.worker.enabled", "false");
        }
        worker.put(settings);
        return settings;
    }

    private static void checkAddress(CommandLine cl, String address) {
        if (address.isBlank()) {
            throw new CommandLine.ParameterException(cl, "--bind needs an address, e.g. 127.0.0.1 or 0.0.0.0");
        }
        try {
            InetAddress.getByName(address.strip());
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(cl, "--bind: '" + address + "' is not an address of this host");
        }
    }
}
