package io.taskforge.testkit;

import io.taskforge.store.StoreListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link StoreListener} that remembers what it heard, from any thread. */
public final class RecordingListener implements StoreListener {
    private final List<String> queued = new CopyOnWriteArrayList<>();
    private final List<String> cancels = new CopyOnWriteArrayList<>();

    @Override
    public void taskQueued(String queue) {
        queued.add(queue);
    }

    @Override
    public void cancelRequested(String taskId) {
        cancels.add(taskId);
    }

    /** Queues heard, in order, repeats included; null stands for "any queue". */
    public List<String> queued() {
        return Collections.unmodifiableList(new ArrayList<>(queued));
    }

    /** Task ids heard, in order, repeats included. */
    public List<String> cancelRequests() {
        return List.copyOf(cancels);
    }

    public void clear() {
        queued.clear();
        cancels.clear();
    }
}
