package io.taskforge.auth;

import java.time.Instant;

/**
 * A refresh token, stored as a hash. Each is used once: a refresh revokes it and issues the next,
 * so a stolen token that was already used is refused.
 */
public record RefreshToken(
        String id, String userId, String tokenHash, Instant createdAt, Instant expiresAt, Instant revokedAt) {

    /** Whether it may be exchanged at {@code now}. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
