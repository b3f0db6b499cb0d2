package io.taskforge.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version the build wrote into {@code taskforge/version.properties}. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "taskforge " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"
        };
    }

    static String version() {
        try (InputStream in = Version.class.getResourceAsStream("/taskforge/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
