package io.taskforge.client;

/** Who the history names for a change when the caller named no one. */
public final class Actors {
    /** Changes made through the API (REST, CLI, Java) by an unnamed caller. */
    public static final String API = "api";

    private Actors() {}

    public static String orApi(String actor) {
        return actor == null || actor.isBlank() ? API : actor;
    }
}
