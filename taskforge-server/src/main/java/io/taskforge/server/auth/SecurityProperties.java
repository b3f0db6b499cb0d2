package io.taskforge.server.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in and request limits ({@code taskforge.security.*}).
 *
 * @param adminPassword the password of the {@code admin} user created on first start; unset: a
 *     random one, printed once and written to {@code <data-dir>/initial-admin-password}. The
 *     environment variable {@code TASKFORGE_ADMIN_PASSWORD} sets it too.
 * @param jwtSecret the key that signs access tokens, base64 of at least 32 bytes; unset: one is
 *     generated on first start and kept in the database, shared by every server using it
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid (each is used once)
 * @param cacheTtl how long a server trusts what it read about a user or key (memberships, roles,
 *     revocation) before reading it again
 */
@ConfigurationProperties("taskforge.security")
public record SecurityProperties(
        String adminPassword,
        String jwtSecret,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("7d") Duration refreshTokenTtl,
        @DefaultValue("5s") Duration cacheTtl,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue LoginLimit loginLimit) {

    /**
     * Requests per second per user or API key, with bursts: a token bucket. Zero turns it off.
     *
     * @param requestsPerSecond the steady rate allowed
     * @param burst how many requests may come at once after a quiet spell
     */
    public record RateLimit(
            @DefaultValue("100") int requestsPerSecond,
            @DefaultValue("200") int burst) {
        public boolean enabled() {
            return requestsPerSecond > 0;
        }
    }

    /**
     * Failed sign-ins allowed per account and per client address before sign-in is refused for a
     * while (429 with Retry-After), refilled steadily over {@code period}.
     */
    public record LoginLimit(
            @DefaultValue("5") int failuresPerAccount,
            @DefaultValue("20") int failuresPerAddress,
            @DefaultValue("1m") Duration period) {}
}
