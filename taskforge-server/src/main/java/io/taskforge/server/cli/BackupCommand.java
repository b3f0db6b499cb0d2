package io.taskforge.server.cli;

import io.taskforge.server.cli.client.ExitCodes;
import io.taskforge.server.config.StoreUrls;
import io.taskforge.store.jdbc.BackupResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taskforge backup FILE}: a consistent copy of the store, taken while it is in use. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes a consistent backup of the store to FILE while servers and workers keep running.",
            "SQLite: a copy of the database file (VACUUM INTO). PostgreSQL: a pg_dump archive (custom format;",
            "pg_dump must be on the PATH, else the exact command to run elsewhere is printed).",
            "The file appears only once complete; an existing file is replaced only with --force."
        })
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Where to write the backup.")
    Path file;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Mixin
    CommonOptions.Store store = new CommonOptions.Store();

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        store.check(cl);
        if (!force && Files.exists(file)) {
            throw new CommandLine.ParameterException(cl, file + " exists; add --force to replace it");
        }
        String url = StoreTools.url(store);
        BackupResult result = StoreTools.backup(url, file, force);
        var out = cl.getOut();
        out.println("backed up " + StoreUrls.redact(url) + " to " + result.file() + " (" + size(result.bytes()) + ", "
                + result.method() + ")");
        out.println("to restore: " + result.restoreHint());
        out.flush();
        return ExitCodes.OK;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double kib = bytes / 1024.0;
        if (kib < 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", kib);
        }
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024);
    }
}
