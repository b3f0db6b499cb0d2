/**
 * The handlers every Taskforge worker can run without application code: {@code noop} and
 * {@code sleep} for tests and benchmarks, {@code shell} for commands, {@code script} for stored
 * scripts, {@code http} for calls to other services. {@link
 * io.taskforge.handler.builtin.BuiltinHandlers#all} lists them for registration.
 *
 * <p>Each handler reads its payload into a public {@code Payload} record and returns a public
 * {@code Result} record, so Java callers can build payloads and read results with the same
 * types. A payload that is missing, malformed or out of range fails the task at once with a
 * {@link io.taskforge.handler.NonRetryableException} that names the field.
 */
package io.taskforge.handler.builtin;
