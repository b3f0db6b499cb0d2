package io.taskforge.schedule;

import java.util.List;

/** A page of schedules by name; {@code nextCursor} is null on the last page. */
public record SchedulePage(List<Schedule> items, String nextCursor) {}
