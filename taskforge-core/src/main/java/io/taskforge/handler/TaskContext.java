package io.taskforge.handler;

import io.taskforge.task.Task;
import java.time.Instant;

/** What a handler knows and can do while it runs one attempt of a task. */
public interface TaskContext {

    /** The task as it was claimed (status RUNNING, {@code attempt} already counted). */
    Task task();

    default String taskId() {
        return task().id();
    }

    default int attempt() {
        return task().attempt();
    }

    /** The payload as JSON text ("null" when the task has none). */
    String payloadJson();

    /**
     * The payload read into {@code type} (a record, {@code Map.class}, ...).
     *
     * @throws NonRetryableException when the payload does not fit the type: retrying cannot fix it
     */
    <T> T payload(Class<T> type) throws NonRetryableException;

    /** Writes one line to the task log, stream {@code system}. */
    void log(String line);

    /** Writes one line to the task log on the given stream ({@code stdout}, {@code stderr}, {@code system}). */
    void log(String stream, String line);

    /** Reports progress; cheap to call often, the latest value is stored every few hundred milliseconds. */
    void progress(int percent, String message);

    /** True once the attempt should stop: cancelled, timed out, lease lost or worker stopping. */
    boolean isStopRequested();

    /** When the attempt times out. */
    Instant deadline();
}
