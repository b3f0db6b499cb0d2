package io.taskforge.server.monitor;

import io.taskforge.server.config.TaskforgeProperties;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.management.AttributeNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.springframework.stereotype.Component;

/**
 * Reads {@link SystemSnapshot}s from the JVM's management beans. Every read is cheap (no sampling,
 * no thread dump), so the endpoint may be polled.
 */
@Component
class SystemProbe {
    /** JDK 24 and later register it; reading it by name keeps this compiling for Java 21. */
    private static final String VIRTUAL_THREAD_SCHEDULER = "jdk.management:type=VirtualThreadScheduler";

    private final Path disk;
    private final Clock clock = Clock.systemUTC();

    SystemProbe(TaskforgeProperties properties) {
        this.disk = properties.usesDefaultStore()
                ? properties.dataDir().toAbsolutePath().normalize()
                : Path.of("").toAbsolutePath();
    }

    SystemSnapshot snapshot() {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        double uptime = runtime.getUptime() / 1000.0;
        return new SystemSnapshot(
                clock.instant(),
                Instant.ofEpochMilli(runtime.getStartTime()),
                uptime,
                cpu(),
                memory(),
                disk(),
                new SystemSnapshot.Jvm(
                        Runtime.version().toString(),
                        System.getProperty("java.vendor"),
                        runtime.getVmName(),
                        uptime,
                        threads(),
                        virtualThreads(),
                        gc()));
    }

    private static SystemSnapshot.Cpu cpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        Double process = null;
        Double system = null;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            process = fraction(sun.getProcessCpuLoad());
            system = fraction(sun.getCpuLoad());
        }
        double average = os.getSystemLoadAverage();
        return new SystemSnapshot.Cpu(os.getAvailableProcessors(), process, system, average < 0 ? null : average);
    }

    private static SystemSnapshot.Memory memory() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        Long total = null;
        Long free = null;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean sun) {
            total = sun.getTotalMemorySize();
            free = sun.getFreeMemorySize();
        }
        return new SystemSnapshot.Memory(
                heap.getUsed(),
                heap.getCommitted(),
                bounded(heap.getMax()),
                nonHeap.getUsed(),
                nonHeap.getCommitted(),
                bounded(nonHeap.getMax()),
                total,
                free);
    }

    private SystemSnapshot.Disk disk() {
        // The data directory may not exist yet (an external store); measure the nearest parent that does.
        Path measured = disk;
        while (measured != null && !Files.exists(measured)) {
            measured = measured.getParent();
        }
        if (measured == null) {
            return new SystemSnapshot.Disk(disk.toString(), 0, 0, 0);
        }
        try {
            FileStore store = Files.getFileStore(measured);
            return new SystemSnapshot.Disk(
                    disk.toString(), store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace());
        } catch (IOException e) {
            return new SystemSnapshot.Disk(disk.toString(), 0, 0, 0);
        }
    }

    private static SystemSnapshot.Threads threads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return new SystemSnapshot.Threads(
                threads.getThreadCount(),
                threads.getDaemonThreadCount(),
                threads.getPeakThreadCount(),
                threads.getTotalStartedThreadCount());
    }

    private static SystemSnapshot.VirtualThreads virtualThreads() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName(VIRTUAL_THREAD_SCHEDULER);
            if (!server.isRegistered(name)) {
                return null;
            }
            return new SystemSnapshot.VirtualThreads(
                    number(server, name, "Parallelism"),
                    number(server, name, "PoolSize"),
                    number(server, name, "MountedVirtualThreadCount"),
                    number(server, name, "QueuedVirtualThreadCount"));
        } catch (JMException e) {
            return null;
        }
    }

    /** The bean's attribute as a number (its int or long type differs between JDKs), null when absent. */
    private static Long number(MBeanServer server, ObjectName name, String attribute) throws JMException {
        try {
            return server.getAttribute(name, attribute) instanceof Number n ? n.longValue() : null;
        } catch (AttributeNotFoundException e) {
            return null;
        }
    }

    private static List<SystemSnapshot.Gc> gc() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(SystemProbe::gc)
                .toList();
    }

    private static SystemSnapshot.Gc gc(GarbageCollectorMXBean bean) {
        return new SystemSnapshot.Gc(
                bean.getName(), Math.max(0, bean.getCollectionCount()), Math.max(0, bean.getCollectionTime()));
    }

    /** The OS bean answers a negative number when it cannot tell. */
    private static Double fraction(double value) {
        return value < 0 || Double.isNaN(value) ? null : value;
    }

    private static Long bounded(long max) {
        return max < 0 ? null : max;
    }
}
