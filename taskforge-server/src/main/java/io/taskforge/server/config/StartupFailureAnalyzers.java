package io.taskforge.server.config;

import io.taskforge.store.StoreException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up failures that are the user's to fix, told as such rather than as a stack trace. */
final class StartupFailureAnalyzers {
    private StartupFailureAnalyzers() {}

    /** The store could not be opened: wrong URL, database down, no permission on the data directory. */
    static final class StoreFailure extends AbstractFailureAnalyzer<StoreException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, StoreException cause) {
            return new FailureAnalysis(
                    "The task store could not be opened: " + StoreUrls.redact(cause.getMessage()) + rootCause(cause),
                    "Check --db (TASKFORGE_DB): the database must be reachable and the user allowed to create"
                            + " tables; or --data-dir (TASKFORGE_DATA_DIR) for the embedded SQLite file.",
                    cause);
        }
    }

    /** An engine setting out of range (EngineConfig names the setting and the range). */
    static final class SettingFailure extends AbstractFailureAnalyzer<IllegalArgumentException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, IllegalArgumentException cause) {
            if (cause.getMessage() == null || !cause.getMessage().startsWith("engine setting")) {
                return null;
            }
            return new FailureAnalysis(
                    "Taskforge is misconfigured: " + cause.getMessage(),
                    "Fix the taskforge.worker.* setting (or its TASKFORGE_WORKER_* environment variable).",
                    cause);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? "" : " (" + StoreUrls.redact(root.getMessage()) + ")";
    }
}
