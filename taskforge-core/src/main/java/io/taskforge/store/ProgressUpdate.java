package io.taskforge.store;

import io.taskforge.task.Progress;
import java.time.Instant;

/** A running attempt's progress report; applied only while that attempt is RUNNING. */
public record ProgressUpdate(String taskId, int attempt, Progress progress, Instant now) {}
