package io.taskforge.auth;

/** A tenant id or user name that is already in use. */
public class NameTakenException extends RuntimeException {
    private final String name;

    public NameTakenException(String what, String name) {
        super(what + " '" + name + "' already exists");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
