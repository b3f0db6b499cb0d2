package io.taskforge.store.jdbc.dialect;

/** Where a database notification feed delivers what it hears, on the feed's own thread. */
public interface NotificationSink {
    void taskQueued(String queue);

    void cancelRequested(String taskId);

    /**
     * The feed listens again after losing its connection: anything sent in between was missed,
     * so the receiver must look at the database instead.
     */
    void resynchronize();

    /**
     * Another process committed something, and the feed cannot say what (SQLite): every queue
     * may have work, and a running task may have been asked to stop.
     */
    void changedElsewhere();
}
