package io.taskforge.server.cli;

import io.taskforge.server.TaskforgeServerApplication;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs the Spring application with the settings the command line gathered. */
final class Launcher {
    private static volatile boolean launched;

    private Launcher() {}

    /** True once a server or worker started; the JVM then lives until it is stopped. */
    static boolean launched() {
        return launched;
    }

    /**
     * Starts the application. Settings are passed as command-line properties, which take precedence
     * over environment variables and configuration files, as an option typed by the user should.
     *
     * @return 0 when it started; 1 when it failed, which Spring Boot has already reported
     */
    static int run(boolean web, Map<String, String> settings) {
        try {
            start(web, settings);
            launched = true;
            return 0;
        } catch (RuntimeException | Error e) {
            return 1;
        }
    }

    /** Starts the application and returns it; failures are reported by Spring Boot, then thrown. */
    static ConfigurableApplicationContext start(boolean web, Map<String, String> settings) {
        List<String> args = settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toList();
        SpringApplication app = new SpringApplication(TaskforgeServerApplication.class);
        app.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        return app.run(args.toArray(String[]::new));
    }
}
