package io.taskforge.server.monitor;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /monitor/system} answers: this server process and its host. Sizes are bytes;
 * loads are fractions from 0 to 1. A value the JVM cannot tell on this platform is null.
 */
@Schema(description = "This server process and its host; sizes in bytes, loads as fractions 0..1")
record SystemSnapshot(
        @Schema(example = "2026-11-23T09:00:00Z") Instant at,

        @Schema(description = "when this process started", example = "2026-11-23T08:00:00Z")
        Instant startedAt,

        @Schema(example = "3600.0") double uptimeSeconds,
        Cpu cpu,
        Memory memory,
        Disk disk,
        Jvm jvm) {

    record Cpu(
            @Schema(description = "processors available to the JVM", example = "8")
            int cores,

            @Schema(description = "CPU used by this process, 0..1 of all cores", example = "0.04")
            Double processLoad,

            @Schema(description = "CPU used by the whole host, 0..1", example = "0.31")
            Double systemLoad,

            @Schema(description = "the host's run queue averaged over the last minute", example = "1.5")
            Double systemLoadAverage) {}

    record Memory(
            @Schema(example = "134217728") long heapUsed,
            @Schema(example = "268435456") long heapCommitted,

            @Schema(description = "null when unbounded", example = "4294967296")
            Long heapMax,

            @Schema(example = "83886080") long nonHeapUsed,
            @Schema(example = "90177536") long nonHeapCommitted,
            @Schema(description = "null when unbounded") Long nonHeapMax,

            @Schema(description = "the host's physical memory", example = "17179869184")
            Long systemTotal,

            @Schema(description = "the host's free physical memory", example = "8589934592")
            Long systemFree) {}

    record Disk(
            @Schema(
                    description = "the directory measured: the data directory of the embedded database, else"
                            + " the working directory",
                    example = "/var/lib/taskforge/data")
            String path,

            @Schema(example = "536870912000") long total,

            @Schema(description = "unallocated bytes", example = "214748364800")
            long free,

            @Schema(description = "bytes this process may use", example = "187904819200")
            long usable) {}

    record Jvm(
            @Schema(example = "25.0.1+8-LTS") String version,
            @Schema(example = "Eclipse Adoptium") String vendor,
            @Schema(example = "OpenJDK 64-Bit Server VM") String vmName,
            @Schema(example = "3600.0") double uptimeSeconds,
            Threads threads,

            @Schema(description = "the virtual-thread scheduler; null on JDKs that do not report it (before 24)")
            VirtualThreads virtualThreads,

            List<Gc> gc) {}

    record Threads(
            @Schema(description = "live platform threads", example = "42")
            int live,

            @Schema(example = "30") int daemon,
            @Schema(example = "57") int peak,

            @Schema(description = "platform threads started since the JVM started", example = "311")
            long totalStarted) {}

    record VirtualThreads(
            @Schema(description = "the scheduler's target parallelism", example = "8")
            Long parallelism,

            @Schema(description = "carrier threads in the scheduler's pool", example = "8")
            Long poolSize,

            @Schema(description = "virtual threads running on a carrier now", example = "3")
            Long mounted,

            @Schema(description = "virtual threads waiting for a carrier", example = "0")
            Long queued) {}

    record Gc(
            @Schema(example = "G1 Young Generation") String name,

            @Schema(description = "collections since the JVM started", example = "12")
            long count,

            @Schema(description = "time spent in them", example = "85")
            long timeMillis) {}
}
