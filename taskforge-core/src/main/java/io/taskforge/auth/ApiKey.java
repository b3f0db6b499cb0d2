package io.taskforge.auth;

import java.time.Instant;

/**
 * A key for machines and remote workers: it acts in one tenant with one role. Only a hash of the
 * key is stored; the key itself is shown once, when it is created.
 *
 * @param prefix the first characters of the key, so a user can tell keys apart in a list
 * @param createdBy the id of the user who created the key
 * @param expiresAt when the key stops working; null: never
 * @param lastUsedAt when a request last used it, to the minute; null: never used
 * @param revokedAt when it was revoked; null: it was not
 */
public record ApiKey(
        String id,
        String tenantId,
        String name,
        String prefix,
        String keyHash,
        Role role,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    /** Whether a request may use the key at {@code now}. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
