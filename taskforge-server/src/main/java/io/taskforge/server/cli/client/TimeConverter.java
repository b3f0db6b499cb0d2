package io.taskforge.server.cli.client;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * A point in time: ISO-8601 with a zone ({@code 2026-11-23T07:00:00Z}, {@code ...+02:00}) or local
 * time of this machine ({@code 2026-11-23T07:00}, {@code 2026-11-23 07:00:00}).
 */
final class TimeConverter implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        return parse(value, ZoneId.systemDefault());
    }

    static Instant parse(String value, ZoneId zone) {
        String s = value.strip().replace(' ', 'T');
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // try local time
        }
        try {
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a time (e.g. 2026-11-23T07:00:00Z, 2026-11-23T09:00+02:00 or local 2026-11-23 07:00)");
        }
    }
}
