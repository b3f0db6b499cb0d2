package io.taskforge.store.jdbc.dialect;

import java.time.Duration;

/**
 * Connection settings a dialect applies when it builds the pool.
 *
 * @param maxPoolSize largest number of pooled connections; 0 picks the dialect's default
 * @param busyTimeout how long SQLite waits for another process's write lock before failing
 * @param sqliteSynchronous SQLite {@code PRAGMA synchronous}: {@code FULL} (every commit on disk
 *     before it is acknowledged) or {@code NORMAL} (faster; in WAL mode the last commits may be
 *     lost on power failure, never corrupted)
 */
public record PoolTuning(int maxPoolSize, Duration busyTimeout, String sqliteSynchronous) {}
