package io.taskforge.server.config;

import io.taskforge.engine.EngineConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says in one line, once the process is ready, where the API listens, which store it uses and how
 * its worker runs; and why it listens on loopback only, or warns when it does not.
 */
@Component
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger("io.taskforge.server");

    private final TaskforgeProperties properties;
    private final EngineConfig engine;
    private final Environment environment;

    StartupReport(TaskforgeProperties properties, EngineConfig engine, Environment environment) {
        this.properties = properties;
        this.engine = engine;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String store = StoreUrls.redact(properties.storeUrl());
        String worker = engine.workerEnabled()
                ? "worker " + engine.workerId() + " on queues " + String.join(",", engine.queues())
                        + " with concurrency " + engine.concurrency()
                : "no worker (API only)";
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            String address = environment.getProperty("server.address", "");
            int port = web.getWebServer().getPort();
            boolean loopback = isLoopback(address);
            if (loopback) {
                log.info(
                        "Listening on {} only. Pass --bind ADDRESS (or TASKFORGE_BIND) to accept other hosts,"
                                + " behind a TLS proxy (docs/security.md).",
                        address);
            } else {
                log.warn(
                        "Listening on {} port {} in plain HTTP: credentials cross the network readable unless a TLS"
                                + " proxy is in front (docs/security.md){}.",
                        address.isEmpty() ? "all interfaces" : address,
                        port,
                        properties.handlers().shell().enabled()
                                ? "; OPERATORs' shell tasks run commands as this user"
                                        + " (taskforge.handlers.shell.enabled=false switches them off)"
                                : "");
            }
            log.info(
                    "Taskforge ready at {} (API /api/v1, docs /swagger-ui.html), store {}, {}",
                    url(address, port),
                    store,
                    worker);
        } else {
            log.info("Taskforge worker ready, store {}, {}", store, worker);
        }
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String url(String address, int port) {
        String host = address;
        if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        } else if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port;
    }
}
