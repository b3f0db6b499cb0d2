package io.taskforge.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests per second per API key or user, a Bucket4j token bucket each (kept in this server's
 * memory: with several servers each allows the rate). Over the limit a request is answered 429
 * with {@code Retry-After} before it reaches the API.
 */
final class RateLimitFilter extends OncePerRequestFilter {
    private final SecurityProperties.RateLimit limit;
    private final AuthProblems problems;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    RateLimitFilter(SecurityProperties.RateLimit limit, AuthProblems problems) {
        this.limit = limit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof CallerAuthentication ca) {
            Caller caller = ca.caller();
            String who = caller.apiKeyId() != null ? "key:" + caller.apiKeyId() : "user:" + caller.userId();
            ConsumptionProbe probe = buckets.get(who, k -> newBucket()).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L);
                problems.tooManyRequests(
                        response,
                        seconds,
                        "rate-limited",
                        "more than " + limit.requestsPerSecond() + " requests per second (bursts of " + limit.burst()
                                + "); try again later");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(l -> l.capacity(Math.max(limit.burst(), limit.requestsPerSecond()))
                        .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }
}
