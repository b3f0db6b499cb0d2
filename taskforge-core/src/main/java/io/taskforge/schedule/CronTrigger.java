package io.taskforge.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A cron expression read in a time zone, parsed by cron-utils. The rule for the two shapes:
 *
 * <ul>
 *   <li><b>5 fields</b> — {@code minute hour day-of-month month day-of-week}, the Unix crontab
 *       (cron-utils {@code UNIX}): {@code "*&#47;5 * * * *"} fires every five minutes.
 *   <li><b>6 fields</b> — a {@code second} field first, then the five above, as Spring's cron
 *       (cron-utils {@code SPRING53}): {@code "*&#47;10 * * * * *"} fires every ten seconds; {@code ?},
 *       {@code L}, {@code W} and {@code #} are understood.
 * </ul>
 *
 * Any other number of fields is refused. Slots are computed in the zone, so {@code 0 9 * * *} in
 * {@code Europe/Berlin} fires at 09:00 Berlin time in summer and winter alike; a local time that a
 * daylight-saving change skips does not fire that day, and one it repeats fires once.
 */
public final class CronTrigger implements ScheduleTrigger {
    private static final CronParser UNIX = parser(CronType.UNIX);
    private static final CronParser WITH_SECONDS = parser(CronType.SPRING53);

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;

    private CronTrigger(String expression, ZoneId zone, ExecutionTime times) {
        this.expression = expression;
        this.zone = zone;
        this.times = times;
    }

    /**
     * Parses {@code expression} (5 or 6 fields, see the class comment) for {@code zone}.
     *
     * @throws IllegalArgumentException with a message fit for a person when it is not a cron
     *     expression of either shape
     */
    public static CronTrigger parse(String expression, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String normalized = expression.strip().replaceAll("\\s+", " ");
        int fields = normalized.split(" ").length;
        CronParser parser = switch (fields) {
            case 5 -> UNIX;
            case 6 -> WITH_SECONDS;
            default ->
                throw new IllegalArgumentException("has " + fields
                        + " fields; a cron expression has 5 (minute hour day-of-month month day-of-week)"
                        + " or 6 (a second field first)");
        };
        Cron cron;
        try {
            cron = parser.parse(normalized);
            cron.validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "is not a valid " + fields + "-field cron expression: " + e.getMessage());
        }
        return new CronTrigger(normalized, zone, ExecutionTime.forCron(cron));
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public Optional<Instant> nextAfter(Instant t) {
        // cron-utils works to the second: from inside a second, ask from its start so that the
        // slot at the start of the next second is not skipped.
        ZonedDateTime from = t.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
        return times.nextExecution(from).map(ZonedDateTime::toInstant).filter(i -> i.isAfter(t));
    }

    @Override
    public Optional<Instant> latestAtOrBefore(Instant t) {
        // lastExecution is strictly before its argument; one second later covers a slot at t.
        Instant upTo = t.truncatedTo(ChronoUnit.SECONDS);
        ZonedDateTime from = upTo.plusSeconds(1).atZone(zone);
        return times.lastExecution(from).map(ZonedDateTime::toInstant).filter(i -> !i.isAfter(t));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronTrigger c && c.expression.equals(expression) && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression, zone);
    }

    @Override
    public String toString() {
        return "cron '" + expression + "' in " + zone;
    }

    private static CronParser parser(CronType type) {
        CronDefinition definition = CronDefinitionBuilder.instanceDefinitionFor(type);
        return new CronParser(definition);
    }
}
