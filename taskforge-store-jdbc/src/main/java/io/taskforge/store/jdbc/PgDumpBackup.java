package io.taskforge.store.jdbc;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * A PostgreSQL backup with the database's own tool, {@code pg_dump}, found on the PATH: it takes a
 * consistent snapshot in one repeatable-read transaction without stopping anyone. The connection
 * comes from the JDBC URL (host, port, database, user; the driver parses it, so every URL form the
 * store accepts works here too); the password goes to {@code pg_dump} through {@code PGPASSWORD} in
 * its environment, never on its command line, where other users of the host could read it. The
 * custom format is compressed and lets {@code pg_restore} restore all or part of it.
 *
 * <p>Without {@code pg_dump} the backup does not start; the exception spells out the command to
 * run where it is installed.
 */
final class PgDumpBackup implements Backups.Method {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./=:@%+,-]+");

    private final String host;
    private final String port;
    private final String database;
    private final String user;
    private final String password;
    private final String sslMode;
    private final Optional<Path> pgDump;

    PgDumpBackup(String jdbcUrl, String searchPath) {
        Properties p = Driver.parseURL(jdbcUrl, new Properties());
        if (p == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL");
        }
        this.host = p.getProperty("PGHOST");
        this.port = p.getProperty("PGPORT");
        this.database = p.getProperty("PGDBNAME");
        this.user = p.getProperty("user");
        this.password = p.getProperty("password");
        this.sslMode = p.getProperty("sslmode");
        this.pgDump = find("pg_dump", searchPath);
    }

    static Optional<Path> find(String program, String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public void check() {
        if (pgDump.isEmpty()) {
            throw new BackupException(
                    BackupException.Reason.TOOL_MISSING,
                    "pg_dump is not on the PATH. Install the PostgreSQL client tools (Debian: apt-get install"
                            + " postgresql-client, the server's major version or newer) and run:\n  "
                            + commandLine(Path.of("FILE").toAbsolutePath()));
        }
    }

    /** The arguments after the program: the connection, the format and the output file. */
    List<String> arguments(Path file) {
        List<String> args = new ArrayList<>();
        if (host != null) {
            args.add("--host=" + host);
        }
        if (port != null) {
            args.add("--port=" + port);
        }
        if (user != null) {
            args.add("--username=" + user);
        }
        args.add("--format=custom");
        // Fail instead of prompting: a backup runs unattended.
        args.add("--no-password");
        args.add("--file=" + file);
        args.add("--dbname=" + database);
        return args;
    }

    /** What an operator types where pg_dump is installed; the password stays a placeholder. */
    String commandLine(Path file) {
        StringBuilder s = new StringBuilder();
        if (password != null) {
            s.append("PGPASSWORD='<password>' ");
        }
        if (sslMode != null) {
            s.append("PGSSLMODE=").append(quote(sslMode)).append(' ');
        }
        s.append("pg_dump");
        for (String arg : arguments(file)) {
            s.append(' ').append(quote(arg));
        }
        return s.toString();
    }

    @Override
    public void writeTo(Path file) {
        List<String> command = new ArrayList<>();
        command.add(pgDump.orElseThrow().toString());
        command.addAll(arguments(file));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.putAll(environment());
        String errors;
        int exit;
        try {
            Process process = pb.start();
            try (InputStream err = process.getErrorStream()) {
                // pg_dump writes only its diagnostics here; reading to the end also waits for it to finish.
                errors = new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            exit = process.waitFor();
        } catch (IOException e) {
            throw new BackupException(BackupException.Reason.FAILED, "cannot run " + command.getFirst() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException(BackupException.Reason.FAILED, "interrupted while pg_dump ran", e);
        }
        if (exit != 0) {
            String lower = errors.toLowerCase(Locale.ROOT);
            BackupException.Reason reason = lower.contains("could not connect")
                            || lower.contains("connection to server")
                            || lower.contains("does not exist")
                    ? BackupException.Reason.NO_DATABASE
                    : BackupException.Reason.FAILED;
            throw new BackupException(reason, "pg_dump failed (exit code " + exit + "): " + errors);
        }
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        if (sslMode != null) {
            env.put("PGSSLMODE", sslMode);
        }
        return env;
    }

    @Override
    public String description() {
        return "pg_dump (custom format)";
    }

    @Override
    public String restoreHint(Path file) {
        List<String> args = new ArrayList<>();
        for (String arg : arguments(file)) {
            if (!arg.startsWith("--format") && !arg.startsWith("--file") && !arg.startsWith("--no-password")) {
                args.add(quote(arg));
            }
        }
        return "pg_restore --clean --if-exists " + String.join(" ", args) + " " + quote(file.toString());
    }

    static String quote(String arg) {
        if (SHELL_SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
