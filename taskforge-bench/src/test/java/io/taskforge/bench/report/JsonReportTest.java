package io.taskforge.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

    @Test
    void aWrittenReportReadsBackWithEveryFigureAndError(@TempDir Path dir) throws Exception {
        Report report = new Report(Instant.parse("2026-11-23T10:00:00Z"));
        report.machine().put("processors", "2");
        report.settings().put("A tasks", "300");
        report.add("A", "postgresql", "worker process", "worked/s", 1234.5, "tasks/s");
        report.add("A", "postgresql", "worker process", "tasks succeeded", 300, "tasks");
        report.error("D sqlite: wrk is not installed");
        report.finishedAt(Instant.parse("2026-11-23T10:05:00Z"));
        Path file = dir.resolve("nested/run.json");

        JsonReport.write(report, file);
        Report read = JsonReport.read(file);

        assertThat(read.measurements()).isEqualTo(report.measurements());
        assertThat(read.errors()).containsExactly("D sqlite: wrk is not installed");
        assertThat(read.machine()).containsEntry("processors", "2");
        assertThat(read.settings()).containsEntry("A tasks", "300");
        assertThat(read.startedAt()).isEqualTo(report.startedAt());
        assertThat(read.finishedAt()).isEqualTo(report.finishedAt());
        assertThat(read.value("A", "postgresql", "worker process", "worked/s")).contains(1234.5);
    }

    @Test
    void theMarkdownTableHasARowPerFigureAndListsFailures() {
        Report report = new Report(Instant.parse("2026-11-23T10:00:00Z"));
        report.add("C", "sqlite", "embedded engine", "enqueue-to-start p99", 2.345, "ms");
        report.add("A", "sqlite", "worker process", "worked/s", 41234.56, "tasks/s");
        report.error("E sqlite: boom");

        String md = TablePrinter.markdown(report);

        assertThat(md)
                .contains("| C | sqlite | embedded engine | enqueue-to-start p99 | 2.35 | ms |")
                .contains("| A | sqlite | worker process | worked/s | 41,235 | tasks/s |")
                .contains("- E sqlite: boom");
    }
}
