package io.taskforge.audit;

/** How an audited action ended. */
public enum Outcome {
    /** It was done. */
    SUCCEEDED,
    /** It was refused: no or bad credentials, no permission, no such thing, a conflict, invalid input. */
    DENIED,
    /** The server failed while doing it. */
    FAILED;

    /** The outcome an HTTP status stands for: 4xx refused, 5xx failed, anything else done. */
    public static Outcome ofStatus(int status) {
        if (status >= 500) {
            return FAILED;
        }
        return status >= 400 ? DENIED : SUCCEEDED;
    }
}
