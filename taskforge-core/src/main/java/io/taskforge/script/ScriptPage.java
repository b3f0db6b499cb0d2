package io.taskforge.script;

import java.util.List;

/** One page of the script list, by name; {@code nextCursor} is null on the last page. */
public record ScriptPage(List<Script> items, String nextCursor) {
    public ScriptPage {
        items = List.copyOf(items);
    }
}
