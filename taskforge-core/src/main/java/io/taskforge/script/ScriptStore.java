package io.taskforge.script;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where scripts and their versions live.
 *
 * <p>Conventions, which the contract suite in {@code taskforge-testkit} ({@code
 * ScriptStoreContract}) checks for every store:
 *
 * <ul>
 *   <li>Methods read noun first, then verb. Time comes in as a parameter; a store never reads a
 *       clock.
 *   <li>The store checks no bounds: {@link ScriptService} does, before anything reaches it.
 *   <li>Names are unique among the undeleted scripts of a tenant; a deleted script's name is free
 *       again. Lookups by name and lists take the tenant and see only its scripts; lookups by id
 *       see every tenant's, and the caller compares the script's tenant.
 *   <li>Soft-deleted scripts are invisible to every read and write except {@link
 *       #scriptVersionGet}: tasks pinned to a version of a deleted script still run.
 *   <li>Versions are immutable: a change of language, content or parameters appends one, never
 *       edits one.
 *   <li>Ids that are not well-formed simply match nothing.
 *   <li>Failures of the database surface as {@link io.taskforge.store.StoreException}; nothing is
 *       half written.
 * </ul>
 */
public interface ScriptStore {

    /**
     * Inserts a fully formed script (id, tenant, version 1, timestamps) together with its version
     * 1, which takes the script's {@code createdAt}.
     *
     * @return the script as stored
     * @throws ScriptNameTakenException when an undeleted script of the tenant has that name (also
     *     when two callers race for it); nothing is inserted
     */
    Script scriptInsert(Script script);

    /** The undeleted script with this id. */
    Optional<Script> scriptGet(String id);

    /** The tenant's undeleted script with this name (exactly; names are case-sensitive). */
    Optional<Script> scriptGetByName(String tenantId, String name);

    /**
     * The tenant's undeleted scripts ordered by name, compared character by character (names are ASCII, see
     * {@link io.taskforge.client.TaskLimits#NAME}, so every database agrees): the first {@code
     * limit} whose names sort after {@code afterName}, or from the start when it is null.
     */
    List<Script> scriptList(String tenantId, String afterName, int limit);

    /**
     * Applies a change in one transaction. Fields given as null stay. When the given language,
     * content or parameters differ from the current version's, a new version {@code version + 1}
     * is stored (with {@code createdAt = now}) holding the new values and the unchanged rest, and
     * the script moves to it; otherwise the version stays, whatever else changed. {@code
     * updatedAt} becomes {@code now} in both cases. Concurrent changes of one script apply one
     * after the other: each new version is made from the one before it.
     *
     * @return the script after the change, or empty when there is no such undeleted script
     * @throws ScriptNameTakenException when the new name is held by another undeleted script
     */
    Optional<Script> scriptUpdate(ScriptUpdate update);

    /**
     * Soft-deletes a script: it disappears from every read but {@link #scriptVersionGet}, and its
     * name is free for a new script.
     *
     * @return the script as it was, or empty when there is no such undeleted script
     */
    Optional<Script> scriptDelete(String id, Instant now);

    /** The history of an undeleted script, oldest first; empty for an unknown or deleted one. */
    List<ScriptVersionSummary> scriptVersionList(String scriptId);

    /** One version of a script, deleted or not: what a task pinned to it runs. */
    Optional<ScriptVersion> scriptVersionGet(String scriptId, int version);
}
