package io.taskforge.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Slows password guessing: failed sign-ins use up a bucket per account and one per client address
 * (Bucket4j, refilled steadily); while either is empty every sign-in to that account or from that
 * address is refused with 429, even with the right password, so guessing cannot go on.
 */
final class LoginThrottle {
    private final SecurityProperties.LoginLimit limit;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1))
            .maximumSize(100_000)
            .build();

    LoginThrottle(SecurityProperties.LoginLimit limit) {
        this.limit = limit;
    }

    /** Seconds to wait before this sign-in may be tried, or 0 when it may be tried now. */
    long waitSeconds(String account, String address) {
        long nanos = Math.max(
                bucket(accountKey(account), limit.failuresPerAccount())
                        .estimateAbilityToConsume(1)
                        .getNanosToWaitForRefill(),
                bucket("address:" + address, limit.failuresPerAddress())
                        .estimateAbilityToConsume(1)
                        .getNanosToWaitForRefill());
        return nanos == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L));
    }

    void failed(String account, String address) {
        bucket(accountKey(account), limit.failuresPerAccount()).tryConsume(1);
        bucket("address:" + address, limit.failuresPerAddress()).tryConsume(1);
    }

    private static String accountKey(String account) {
        return "account:" + (account == null ? "" : account.toLowerCase(Locale.ROOT));
    }

    private Bucket bucket(String key, int capacity) {
        return buckets.get(
                key,
                k -> Bucket.builder()
                        .addLimit(l ->
                                l.capacity(Math.max(1, capacity)).refillGreedy(Math.max(1, capacity), limit.period()))
                        .build());
    }
}
