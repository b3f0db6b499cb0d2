package io.taskforge.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.taskforge.auth.Tenant;
import io.taskforge.server.problem.Problems;
import io.taskforge.store.QueueStats;
import io.taskforge.store.TaskStore;
import io.taskforge.task.NewTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * A tenant's quotas on what it submits: the largest payload (413) and the most tasks waiting at
 * once (429). A tenant without quotas costs nothing here. The waiting count is read at most once a
 * second per tenant and counted up with each submit in between, so a burst cannot overshoot by
 * more than what other servers admit within that second.
 */
@Component
public class TenantQuotas {
    private static final Duration COUNT_TTL = Duration.ofSeconds(1);

    private final AccessCache cache;
    private final TaskStore store;
    private final Cache<String, AtomicLong> waiting = Caffeine.newBuilder()
            .expireAfterWrite(COUNT_TTL)
            .maximumSize(10_000)
            .build();

    TenantQuotas(AccessCache cache, TaskStore store) {
        this.cache = cache;
        this.store = store;
    }

    /**
     * Admits {@code tasks} into {@code tenantId}, or refuses them all.
     *
     * @throws ErrorResponseException 413 for a payload over the tenant's limit, 429 when the tasks
     *     would take the tenant over its most waiting tasks; the problem names the quota
     */
    public void checkSubmit(String tenantId, List<NewTask> tasks) {
        Tenant tenant = tenantId == null ? null : cache.tenant(tenantId).orElse(null);
        if (tenant == null) {
            return;
        }
        Integer maxPayload = tenant.maxPayloadBytes();
        if (maxPayload != null) {
            for (NewTask t : tasks) {
                if (t != null && t.payload() != null) {
                    int size = t.payload().getBytes(StandardCharsets.UTF_8).length;
                    if (size > maxPayload) {
                        throw refused(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "maxPayloadBytes",
                                maxPayload,
                                "a payload of " + size + " bytes is over tenant '" + tenantId + "''s limit of "
                                        + maxPayload + " bytes");
                    }
                }
            }
        }
        Integer maxWaiting = tenant.maxWaiting();
        if (maxWaiting != null) {
            AtomicLong count = waiting.get(tenantId, id -> new AtomicLong(countWaiting(id)));
            long after = count.addAndGet(tasks.size());
            if (after > maxWaiting) {
                count.addAndGet(-tasks.size());
                ErrorResponseException e = refused(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "maxWaiting",
                        maxWaiting,
                        "tenant '" + tenantId + "' may have at most " + maxWaiting + " tasks waiting; "
                                + (after - tasks.size()) + " are waiting and " + tasks.size() + " more were sent");
                e.getHeaders().set("Retry-After", "5");
                throw e;
            }
        }
    }

    private long countWaiting(String tenantId) {
        long n = 0;
        for (QueueStats q : store.queueStatsList(tenantId, Instant.now())) {
            n += q.scheduled() + q.queued() + q.retrying();
        }
        return n;
    }

    private static ErrorResponseException refused(HttpStatus status, String quota, int limit, String detail) {
        ProblemDetail problem = Problems.of(status, "quota-exceeded", "Quota exceeded", detail);
        problem.setProperty("quota", quota);
        problem.setProperty("limit", limit);
        return new ErrorResponseException(status, problem, null);
    }
}
