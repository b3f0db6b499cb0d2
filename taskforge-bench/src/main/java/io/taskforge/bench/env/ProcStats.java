package io.taskforge.bench.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Memory and CPU time of processes, read from /proc (Linux). */
public final class ProcStats {
    private ProcStats() {}

    /** VmRSS of the process in KiB; -1 when it cannot be read (gone, or not Linux). */
    public static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU time of every thread of the process, in seconds; NaN when unknown. */
    public static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos)
                .map(n -> n / 1e9)
                .orElse(Double.NaN);
    }

    /** The process's command line as /proc shows it; PostgreSQL rewrites it to say what a backend serves. */
    static String cmdline(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
