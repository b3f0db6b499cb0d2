package io.taskforge.remote;

/** One line a remote worker's task wrote: {@code stream} is stdout, stderr or system (null: stdout). */
public record RemoteLogLine(String stream, String line) {}
