package io.taskforge.server.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.auth.AuthStore;
import io.taskforge.auth.RefreshToken;
import io.taskforge.auth.User;
import io.taskforge.task.TaskIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Issues an access token with a refresh token, and exchanges a refresh token for the next pair. */
final class TokenPairs {
    private final AccessTokens tokens;
    private final AuthStore store;
    private final Duration refreshTtl;
    private final Clock clock;

    TokenPairs(AccessTokens tokens, AuthStore store, Duration refreshTtl, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    @Schema(
            name = "TokenResponse",
            description = "An access token to send as `Authorization: Bearer`, and a"
                    + " refresh token for the next one. Each refresh token works once.")
    record TokenResponse(
            String accessToken,
            @Schema(example = "Bearer") String tokenType,

            @Schema(description = "seconds the access token is valid", example = "900")
            long expiresIn,

            Instant expiresAt,
            String refreshToken,
            Instant refreshExpiresAt) {}

    TokenResponse issue(User user) {
        Instant now = clock.instant();
        String refresh = SecretTokens.newRefreshToken();
        RefreshToken stored = refreshRow(user, refresh, now);
        store.refreshCreate(stored);
        return answer(user, refresh, stored);
    }

    /** The next pair for a usable refresh token, or empty when it is not one (or lost a race). */
    Optional<TokenResponse> refresh(String refreshToken, java.util.function.Function<String, Optional<User>> users) {
        if (refreshToken == null || !refreshToken.startsWith(SecretTokens.REFRESH_PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<RefreshToken> found = store.refreshByHash(SecretTokens.hash(refreshToken));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RefreshToken old = found.get();
        if (old.revokedAt() != null) {
            // A used token presented again: someone else may hold a copy. Sign the user out everywhere.
            store.refreshRevokeUser(old.userId(), now);
            return Optional.empty();
        }
        if (!old.usableAt(now)) {
            return Optional.empty();
        }
        Optional<User> user = users.apply(old.userId()).filter(u -> !u.disabled());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String next = SecretTokens.newRefreshToken();
        RefreshToken stored = refreshRow(user.get(), next, now);
        if (!store.refreshRotate(old.id(), stored, now)) {
            return Optional.empty();
        }
        return Optional.of(answer(user.get(), next, stored));
    }

    /** Revokes the refresh token if it belongs to {@code userId}; false otherwise. */
    boolean revoke(String refreshToken, String userId) {
        if (refreshToken == null) {
            return false;
        }
        return store.refreshByHash(SecretTokens.hash(refreshToken))
                .filter(t -> t.userId().equals(userId))
                .map(t -> store.refreshRevoke(t.id(), clock.instant()))
                .orElse(false);
    }

    private RefreshToken refreshRow(User user, String refresh, Instant now) {
        return new RefreshToken(
                TaskIds.next(now.toEpochMilli()),
                user.id(),
                SecretTokens.hash(refresh),
                now,
                now.plus(refreshTtl),
                null);
    }

    private TokenResponse answer(User user, String refresh, RefreshToken stored) {
        AccessTokens.Issued access = tokens.issue(user);
        return new TokenResponse(
                access.token(), "Bearer", access.ttl().toSeconds(), access.expiresAt(), refresh, stored.expiresAt());
    }
}
