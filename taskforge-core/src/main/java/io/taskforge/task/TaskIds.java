package io.taskforge.task;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Task ids: UUID version 7 (RFC 9562), made where the task is submitted.
 *
 * <p>Ids made by the client rather than by the database let a batch be inserted (or COPYed) in
 * one statement and still be returned in order. Version 7 ids start with the millisecond, so
 * index pages fill in order and ids sort roughly by creation time across processes. Within one
 * process they are strictly increasing: the 12-bit {@code rand_a} field holds a counter that
 * carries into the timestamp when it overflows (RFC 9562 §6.2, method 3), which keeps "first in,
 * first out" exact for tasks submitted by one process in the same millisecond.
 */
public final class TaskIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The last (millisecond << 12 | counter) handed out. */
    private static final AtomicLong LAST = new AtomicLong();

    private TaskIds() {}

    public static String next(long epochMillis) {
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, epochMillis << 12));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** True when {@code id} has the shape of a task id; anything else cannot name a task. */
    public static boolean isValid(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
