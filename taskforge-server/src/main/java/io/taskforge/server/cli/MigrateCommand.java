package io.taskforge.server.cli;

import io.taskforge.server.cli.client.ExitCodes;
import io.taskforge.server.config.StoreUrls;
import io.taskforge.store.jdbc.MigrationResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code taskforge migrate}: brings the store's schema up to date without starting a server. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Brings the store's schema up to date and prints the schema version. Servers and workers do this",
            "themselves when they start; run it to migrate ahead of a rollout or to check where a database stands."
        })
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions.Store store = new CommonOptions.Store();

    @Override
    public Integer call() {
        store.check(spec.commandLine());
        StoreTools.createDataDirectory(store);
        String url = StoreTools.url(store);
        MigrationResult result = StoreTools.migrate(url);
        String where = StoreUrls.redact(url);
        var out = spec.commandLine().getOut();
        if (result.applied() == 0) {
            out.println("the schema of " + where + " is up to date at version " + result.schemaVersion());
        } else {
            out.println("applied " + result.applied() + " migration" + (result.applied() == 1 ? "" : "s") + " to "
                    + where + "; the schema is at version " + result.schemaVersion());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
