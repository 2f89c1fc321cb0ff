package dev.pincer.host.tasks;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Optional;

/**
 * When a task runs: {@code cron} (5 fields in the configured zone), {@code interval} (milliseconds,
 * anchored to the previous due time) or {@code once} (a local ISO date-time, or one with an offset).
 * Every due time is truncated to milliseconds, the precision the store keeps.
 */
public sealed interface Schedule {

    String CRON = "cron";
    String INTERVAL = "interval";
    String ONCE = "once";

    /** Every schedule type, as the host tools offer them. */
    List<String> TYPES = List.of(CRON, INTERVAL, ONCE);

    /** The longest interval accepted; longer ones are better written as cron or once. */
    Duration MAX_INTERVAL = Duration.ofDays(3660);

    /** The schedule type, as stored: {@code cron}, {@code interval} or {@code once}. */
    String type();

    /** The schedule value, as given. */
    String value();

    /** The first due time of a task created (or rescheduled) at {@code now}. */
    Instant first(Instant now);

    /**
     * The due time after the run that was due at {@code previousDue} and claimed at {@code now},
     * or empty when the task is finished. A recurring schedule returns the first slot strictly after
     * {@code now}: slots missed while Pincer was down are skipped, so a missed task runs once.
     */
    Optional<Instant> nextAfter(Instant previousDue, Instant now);

    /** A cron expression evaluated in {@code zone} (see {@link CronExpression} for the DST policy). */
    record Cron(String value, CronExpression expression, ZoneId zone) implements Schedule {
        @Override public String type() { return CRON; }

        @Override public Instant first(Instant now) {
            return expression.nextAfter(now, zone);
        }

        @Override public Optional<Instant> nextAfter(Instant previousDue, Instant now) {
            return Optional.of(expression.nextAfter(previousDue.isAfter(now) ? previousDue : now, zone));
        }
    }

    /** Every {@code every}, on the grid {@code first + k * every}; never drifts by how long a run took. */
    record Interval(String value, Duration every) implements Schedule {
        @Override public String type() { return INTERVAL; }

        @Override public Instant first(Instant now) {
            return millis(now).plus(every);
        }

        @Override public Optional<Instant> nextAfter(Instant previousDue, Instant now) {
            long step = every.toMillis();
            long prev = previousDue.toEpochMilli();
            long k = now.toEpochMilli() < prev ? 1 : (now.toEpochMilli() - prev) / step + 1;
            return Optional.of(Instant.ofEpochMilli(prev + k * step));
        }
    }

    /** One run at {@code at}. */
    record Once(String value, Instant at) implements Schedule {
        @Override public String type() { return ONCE; }

        @Override public Instant first(Instant now) {
            return at;
        }

        @Override public Optional<Instant> nextAfter(Instant previousDue, Instant now) {
            return Optional.empty();
        }
    }

    /**
     * Parses and validates a schedule for a task being created or changed at {@code now}: like
     * {@link #of} and, for {@code once}, refuses a time that is not in the future.
     */
    static Schedule parse(String type, String value, ZoneId zone, Instant now) {
        Schedule s = of(type, value, zone);
        if (s instanceof Once once && !once.at().isAfter(now)) {
            throw new IllegalArgumentException("schedule_value '" + value + "' is in the past: it is now "
                    + LocalDateTime.ofInstant(now, zone).truncatedTo(ChronoUnit.SECONDS) + " in " + zone
                    + "; give a later time");
        }
        return s;
    }

    /** Parses a schedule without checking it against the current time (for stored tasks). */
    static Schedule of(String type, String value, ZoneId zone) {
        if (type == null) {
            throw new IllegalArgumentException("schedule_type is required: cron, interval or once");
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("schedule_value is required for schedule_type " + type);
        }
        return switch (type) {
            case CRON -> new Cron(value, CronExpression.parse(value), zone);
            case INTERVAL -> new Interval(value, interval(value));
            case ONCE -> new Once(value, once(value, zone));
            default -> throw new IllegalArgumentException("schedule_type '" + type + "' is not one of cron, interval, once");
        };
    }

    private static Duration interval(String value) {
        long ms;
        try {
            ms = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("interval '" + value + "' is not a number; give milliseconds, e.g. 3600000 for an hour");
        }
        if (ms <= 0) {
            throw new IllegalArgumentException("interval " + ms + " must be a positive number of milliseconds");
        }
        Duration d = Duration.ofMillis(ms);
        if (d.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval " + ms + " ms is longer than " + MAX_INTERVAL.toDays()
                    + " days; use a cron or once schedule");
        }
        return d;
    }

    private static Instant once(String value, ZoneId zone) {
        TemporalAccessor parsed;
        try {
            parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value.strip(), ZonedDateTime::from, LocalDateTime::from);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("once '" + value + "' is not a date-time; use local time like "
                    + "2026-12-01T09:00 or one with an offset like 2026-12-01T09:00+01:00");
        }
        Instant at = parsed instanceof ZonedDateTime z ? z.toInstant() : CronExpression.resolve((LocalDateTime) parsed, zone);
        return millis(at);
    }

    private static Instant millis(Instant i) {
        return i.truncatedTo(ChronoUnit.MILLIS);
    }
}
