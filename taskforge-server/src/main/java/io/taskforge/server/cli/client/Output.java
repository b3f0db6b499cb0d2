package io.taskforge.server.cli.client;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a command writes and how: tables and compact local times for people, the API's JSON with
 * {@code --json}. Data goes to stdout; notes about what is happening go to stderr, so that piping
 * stdout keeps only the data. Status colours only when stdout is a terminal and {@code NO_COLOR} is
 * not set.
 */
final class Output {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final PrintWriter out;
    private final PrintWriter err;
    private final JsonMapper json;
    private final boolean jsonMode;
    private final boolean color;
    private final ZoneId zone;

    Output(PrintWriter out, PrintWriter err, JsonMapper json, boolean jsonMode, boolean color, ZoneId zone) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.jsonMode = jsonMode;
        this.color = color;
        this.zone = zone;
    }

    boolean json() {
        return jsonMode;
    }

    PrintWriter out() {
        return out;
    }

    /** The API's JSON, indented. */
    void printJson(JsonNode node) {
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        out.flush();
    }

    /** One JSON document per line, for streams ({@code logs --json}). */
    void printJsonLine(JsonNode node) {
        out.println(json.writeValueAsString(node));
        out.flush();
    }

    /** An answer of the API: its JSON with {@code --json}, else what {@code human} prints of it. */
    void print(JsonNode answer, Consumer<JsonNode> human) {
        if (jsonMode) {
            printJson(answer);
        } else {
            human.accept(answer);
        }
    }

    /** An answer of the API: its JSON with {@code --json}, else one line about it. */
    void printLine(JsonNode answer, Function<JsonNode, String> line) {
        print(answer, a -> println(line.apply(a)));
    }

    /**
     * A list from the API: its JSON with {@code --json}; else {@code table} with a row per entry of
     * its {@code items}, or {@code none} as a note when it has none.
     */
    void printList(JsonNode list, String none, Table table, BiConsumer<Table, JsonNode> row) {
        print(list, l -> {
            if (l.path("items").isEmpty()) {
                note(none);
                return;
            }
            l.path("items").forEach(item -> row.accept(table, item));
            print(table);
        });
    }

    void println(String line) {
        out.println(line);
        out.flush();
    }

    /** A note for the person watching, on stderr. */
    void note(String line) {
        err.println(line);
        err.flush();
    }

    void print(Table table) {
        table.print(out);
    }

    /** An ISO instant as {@code 2026-11-23 07:01:02} in the local time zone; null as null. */
    String time(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return TIME.format(Instant.parse(iso).atZone(zone));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    String time(JsonNode node, String field) {
        return time(Json.text(node, field));
    }

    /** A status name, coloured on a terminal. */
    String status(String status) {
        if (status == null || !color) {
            return status;
        }
        String code = switch (status) {
            case "SUCCEEDED" -> "32"; // green
            case "FAILED" -> "31"; // red
            case "RUNNING" -> "36"; // cyan
            case "RETRYING" -> "33"; // yellow
            case "CANCELLED" -> "35"; // magenta
            case "ACTIVE" -> "32";
            case "LOST" -> "31";
            default -> null;
        };
        return code == null ? status : "\u001B[" + code + "m" + status + "\u001B[0m";
    }

    /** A duration as people say it: {@code 45s}, {@code 3m12s}, {@code 2h5m}, {@code 3d4h}. */
    static String age(long seconds) {
        if (seconds < 0) {
            return null;
        }
        Duration d = Duration.ofSeconds(seconds);
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return d.toMinutesPart() + "m" + (d.toSecondsPart() == 0 ? "" : d.toSecondsPart() + "s");
        }
        if (seconds < 86_400) {
            return d.toHoursPart() + "h" + (d.toMinutesPart() == 0 ? "" : d.toMinutesPart() + "m");
        }
        return d.toDaysPart() + "d" + (d.toHoursPart() == 0 ? "" : d.toHoursPart() + "h");
    }

    /**
     * Whether stdout is a terminal that wants colour. {@code Console.isTerminal()} (JDK 22+) is asked
     * by reflection because the code is compiled for Java 21; before 22 a console means a terminal.
     */
    static boolean colorWanted() {
        String noColor = System.getenv("NO_COLOR");
        if ((noColor != null && !noColor.isEmpty()) || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
