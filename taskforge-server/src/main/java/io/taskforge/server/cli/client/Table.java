package io.taskforge.server.cli.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Aligned columns for people: a header row, two spaces between columns, the last column unpadded
 * so long titles do not push trailing blanks. Widths count visible characters: colour codes are not
 * counted.
 */
final class Table {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\u001B]]");

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = headers.clone();
    }

    Table add(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException(
                    "a row of " + cells.length + " cells in a table of " + headers.length + " columns");
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null || cells[i].isEmpty() ? "-" : clean(cells[i]);
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], visibleLength(row[i]));
            }
        }
        printRow(out, headers, widths);
        for (String[] row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    private static void printRow(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i < cells.length - 1) {
                line.append(" ".repeat(widths[i] - visibleLength(cells[i]) + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    static int visibleLength(String s) {
        return ANSI.matcher(s).replaceAll("").length();
    }

    /** Line breaks and other control characters would break the row; colour codes are kept. */
    static String clean(String s) {
        return CONTROL.matcher(s).replaceAll(" ");
    }

    /** At most {@code max} characters, the cut marked with an ellipsis. */
    static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
