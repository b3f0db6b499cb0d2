package io.taskforge.server.monitor;

import io.taskforge.server.problem.InvalidRequestException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code window} of {@code /monitor/tasks}: a whole number and a unit, {@code m} (minutes),
 * {@code h} (hours) or {@code d} (days), from one minute to seven days ({@code 5m}, {@code 1h},
 * {@code 24h}, {@code 7d}). Anything else is a 400: the value cannot be read as a window this
 * server answers.
 */
record StatsWindow(String text, Duration duration) {
    static final String DEFAULT = "1h";
    static final Duration MIN = Duration.ofMinutes(1);
    static final Duration MAX = Duration.ofDays(7);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})([mhd])");
    private static final String EXPECTED =
            "must be a whole number of minutes, hours or days (5m, 1h, 24h, 7d)" + " from 1m to 7d";

    static StatsWindow parse(String value) {
        if (value == null || value.isBlank()) {
            return new StatsWindow(DEFAULT, Duration.ofHours(1));
        }
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new InvalidRequestException("window", EXPECTED + ", got '" + abbreviate(value) + "'");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
            throw new InvalidRequestException("window", EXPECTED + ", got '" + text + "'");
        }
        return new StatsWindow(text, duration);
    }

    private static String abbreviate(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "…";
    }
}
