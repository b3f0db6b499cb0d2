package io.taskforge.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a report as an aligned text table for the terminal, or as a Markdown table for docs. */
public final class TablePrinter {
    private static final List<String> HEADER = List.of("workload", "store", "subject", "metric", "value", "unit");

    private TablePrinter() {}

    public static String text(Report report) {
        List<List<String>> rows = rows(report);
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                // Numbers line up on the right, words on the left.
                String padded = i == 4 ? pad(cell, widths[i], true) : pad(cell, widths[i], false);
                out.append(i == 0 ? "" : "  ").append(padded);
            }
            out.append('\n');
            if (r == 0) {
                for (int i = 0; i < widths.length; i++) {
                    out.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
                }
                out.append('\n');
            }
        }
        appendErrors(out, report);
        return out.toString();
    }

    public static String markdown(Report report) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : report.machine().entrySet()) {
            out.append("- ")
                    .append(e.getKey())
                    .append(": ")
                    .append(e.getValue())
                    .append('\n');
        }
        out.append("- started: ")
                .append(report.startedAt())
                .append(", finished: ")
                .append(report.finishedAt())
                .append("\n\n");
        List<List<String>> rows = rows(report);
        for (int r = 0; r < rows.size(); r++) {
            out.append("| ").append(String.join(" | ", rows.get(r))).append(" |\n");
            if (r == 0) {
                out.append("|---|---|---|---|---:|---|\n");
            }
        }
        appendErrors(out, report);
        return out.toString();
    }

    /** A value as people read it: counts whole, large figures without decimals, small ones with two. */
    public static String format(double value, String unit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (unit.equals("tasks") || unit.equals("requests") || unit.equals("errors") || abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static List<List<String>> rows(Report report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Measurement m : report.measurements()) {
            rows.add(List.of(m.workload(), m.store(), m.subject(), m.metric(), format(m.value(), m.unit()), m.unit()));
        }
        return rows;
    }

    private static void appendErrors(StringBuilder out, Report report) {
        if (!report.errors().isEmpty()) {
            out.append("\nFailed:\n");
            report.errors().forEach(e -> out.append("- ").append(e).append('\n'));
        }
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
