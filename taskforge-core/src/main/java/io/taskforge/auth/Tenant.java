package io.taskforge.auth;

import java.time.Instant;

/**
 * A tenant, shown to users as a project: every task, script, pipeline, schedule, queue setting,
 * API key and audit event belongs to one.
 *
 * @param id the tenant's slug, used in URLs and in the {@code X-Taskforge-Tenant} header
 * @param operatorCode whether OPERATORs may write scripts and submit shell tasks (code execution,
 *     otherwise an ADMIN action)
 * @param maxWaiting the most tasks that may wait (not yet started) at once; null: no limit
 * @param maxRunning the most tasks that may run at once; null: no limit
 * @param maxPayloadBytes the largest task payload accepted; null: the server's limit
 */
public record Tenant(
        String id,
        String name,
        String description,
        boolean operatorCode,
        Integer maxWaiting,
        Integer maxRunning,
        Integer maxPayloadBytes,
        Instant createdAt,
        Instant updatedAt) {

    /** The tenant every installation starts with, and the one data from before tenants belongs to. */
    public static final String DEFAULT = "default";
}
