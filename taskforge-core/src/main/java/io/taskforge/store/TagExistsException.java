package io.taskforge.store;

public class TagExistsException extends RuntimeException {
    public TagExistsException(String name) {
        super("tag '" + name + "' already exists");
    }
}
