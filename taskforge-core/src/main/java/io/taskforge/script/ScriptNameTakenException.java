package io.taskforge.script;

/** Another undeleted script of the tenant already has this name; nothing was written. */
public class ScriptNameTakenException extends RuntimeException {
    private final String name;

    public ScriptNameTakenException(String name) {
        super("a script named '" + name + "' already exists");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
