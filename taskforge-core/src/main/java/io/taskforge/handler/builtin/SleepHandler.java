package io.taskforge.handler.builtin;

import io.taskforge.handler.NonRetryableException;
import io.taskforge.handler.TaskContext;
import io.taskforge.handler.TaskHandler;
import java.time.Duration;

/**
 * Type {@code sleep}: waits {@code {"seconds": 1.5}} (0..86400) and returns
 * {@code {"sleptSeconds": 1.5}}. An interrupt (timeout, cancel) ends the wait by throwing
 * {@link InterruptedException}. For tests, demos and benchmarks of long-running tasks.
 */
public final class SleepHandler implements TaskHandler {

    public static final String TYPE = "sleep";

    /** One day: longer is almost certainly a unit mistake (milliseconds given as seconds). */
    public static final double MAX_SECONDS = 86_400;

    /** {@code seconds} is boxed so that a missing field can be told apart from zero. */
    public record Payload(Double seconds) {}

    public record Result(double sleptSeconds) {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object handle(TaskContext ctx) throws NonRetryableException, InterruptedException {
        Payload payload = Payloads.read(ctx, Payload.class, TYPE, "{\"seconds\": 1.5}");
        Double seconds = payload.seconds();
        Payloads.check(seconds != null, "sleep payload needs \"seconds\" (0..86400), like {\"seconds\": 1.5}");
        // NaN fails both comparisons, so it is rejected too.
        Payloads.check(seconds >= 0 && seconds <= MAX_SECONDS, "sleep \"seconds\" must be 0..86400, was " + seconds);
        Thread.sleep(Duration.ofNanos(Math.round(seconds * 1e9)));
        return new Result(seconds);
    }
}
