package io.taskforge.schedule;

import java.util.List;

/** A page of a schedule's fires, newest first; {@code nextCursor} is null on the last page. */
public record FirePage(List<ScheduleFire> items, String nextCursor) {}
