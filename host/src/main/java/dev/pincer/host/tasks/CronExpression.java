package dev.pincer.host.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A 5-field cron expression ({@code minute hour day-of-month month day-of-week}) with the syntax of
 * Vixie cron: {@code *}, numbers, ranges {@code a-b}, steps {@code * /n}, {@code a-b/n} and
 * {@code a/n} (from a to the maximum), lists {@code a,b}, month names {@code JAN}-{@code DEC}, day
 * names {@code SUN}-{@code SAT} (0 and 7 are Sunday), and the macros {@code @yearly},
 * {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight},
 * {@code @hourly}.
 *
 * <p>Day matching follows Vixie cron: when both day fields are restricted (neither starts with
 * {@code *}), a day matches if EITHER matches; otherwise both must match.
 *
 * <p>Times are wall-clock times in a zone, with a fixed DST policy: a local time skipped by a
 * spring-forward change runs at the first valid instant after the gap (the next valid minute,
 * e.g. 02:30 becomes 03:00); a local time repeated by a fall-back change runs once, at its first
 * occurrence. A consequence: during a repeated hour an every-15-minutes expression does not run
 * a second time for the repeated local times.
 *
 * <p>Why not a library: cron-utils 9.2.1 (UNIX definition), compared against this class's tests,
 * differs where it matters to a reminder. It skips a time a spring-forward change removes ({@code 30 2 * * *}
 * in Europe/Berlin has no run on 2026-03-29; here it runs at 03:00). It repeats local times in a
 * fall-back hour ({@code 0 * * * *} in America/New_York runs at 01:00 EDT and again at 01:00 EST
 * on 2026-11-01), and a daily {@code 30 1 * * *} asked from inside the repeated hour runs a second
 * time that day. It rejects the {@code @daily}-style macros ("Nicknames not supported"), treats
 * {@code 0 0 * /2 * 5} as "odd day OR Friday" instead of Vixie cron's AND, accepts {@code 0 0 31 2 *}
 * (then never fires) and names no field in its errors. Everything else the tests cover agrees.
 */
public final class CronExpression {

    /**
     * One field: its name, the values it accepts, the last value {@code *} and {@code a/n} reach
     * (day-of-week accepts 7 for Sunday but {@code *} stops at 6), and its names, if any.
     */
    private record Field(String name, int min, int max, int last, List<String> names) {}

    private static final Field MINUTE = new Field("minute", 0, 59, 59, List.of());
    private static final Field HOUR = new Field("hour", 0, 23, 23, List.of());
    private static final Field DAY_OF_MONTH = new Field("day-of-month", 1, 31, 31, List.of());
    private static final Field MONTH = new Field("month", 1, 12, 12,
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"));
    private static final Field DAY_OF_WEEK = new Field("day-of-week", 0, 7, 6,
            List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    /** How far ahead a match is searched; every valid expression matches within 8 years (Feb 29). */
    private static final int SEARCH_DAYS = 366 * 10;

    private final String text;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean dayOfMonthStar;
    private final boolean dayOfWeekStar;

    private CronExpression(String text, String[] f) {
        this.text = text;
        this.minutes = parseField(f[0], MINUTE);
        this.hours = parseField(f[1], HOUR);
        this.daysOfMonth = parseField(f[2], DAY_OF_MONTH);
        this.months = parseField(f[3], MONTH);
        long dow = parseField(f[4], DAY_OF_WEEK);
        this.daysOfWeek = (dow & 1L << 7) != 0 ? (dow | 1L) & ~(1L << 7) : dow;
        this.dayOfMonthStar = f[2].startsWith("*");
        this.dayOfWeekStar = f[4].startsWith("*");
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the field that is wrong. */
    public static CronExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the cron expression is empty; use 5 fields: minute hour day-of-month month day-of-week");
        }
        String trimmed = text.strip();
        String expanded = trimmed.startsWith("@") ? MACROS.get(trimmed.toLowerCase(Locale.ROOT)) : trimmed;
        if (expanded == null) {
            throw new IllegalArgumentException("invalid cron expression \"" + trimmed + "\": unknown macro; use one of "
                    + String.join(", ", MACROS.keySet().stream().sorted().toList()));
        }
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("invalid cron expression \"" + trimmed + "\": expected 5 fields "
                    + "(minute hour day-of-month month day-of-week), got " + fields.length);
        }
        CronExpression cron;
        try {
            cron = new CronExpression(trimmed, fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression \"" + trimmed + "\": " + e.getMessage(), e);
        }
        cron.checkSatisfiable();
        return cron;
    }

    /**
     * The first instant strictly after {@code after} that the expression matches in {@code zone},
     * with the DST policy of this class.
     */
    public Instant nextAfter(Instant after, ZoneId zone) {
        LocalDateTime start = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES);
        LocalDate day = start.toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!has(months, day.getMonthValue()) || !dayMatches(day)) {
                continue;
            }
            boolean firstDay = day.equals(start.toLocalDate());
            for (int h = firstDay ? start.getHour() : 0; h < 24; h++) {
                if (!has(hours, h)) {
                    continue;
                }
                boolean firstHour = firstDay && h == start.getHour();
                for (int m = firstHour ? start.getMinute() : 0; m < 60; m++) {
                    if (has(minutes, m)) {
                        Instant candidate = resolve(LocalDateTime.of(day, LocalTime.of(h, m)), zone);
                        if (candidate.isAfter(after)) {
                            return candidate;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("cron expression \"" + text + "\" has no match within 10 years after " + after);
    }

    /**
     * The instant a local time stands for: itself when valid; in a gap, the end of the gap; in an
     * overlap, its first (earlier) occurrence.
     */
    static Instant resolve(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private boolean dayMatches(LocalDate day) {
        boolean dom = has(daysOfMonth, day.getDayOfMonth());
        boolean dow = has(daysOfWeek, day.getDayOfWeek().getValue() % 7);
        return dayOfMonthStar || dayOfWeekStar ? dom && dow : dom || dow;
    }

    /** Rejects expressions that can never fire, like {@code 0 0 31 2 *}. */
    private void checkSatisfiable() {
        if (!dayOfMonthStar && !dayOfWeekStar) {
            return;
        }
        int[] longest = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        for (int month = 1; month <= 12; month++) {
            if (has(months, month) && (daysOfMonth & ((1L << (longest[month - 1] + 1)) - 1)) != 0) {
                return;
            }
        }
        throw new IllegalArgumentException("invalid cron expression \"" + text
                + "\": the day-of-month never occurs in the given month(s), so it would never run");
    }

    private static boolean has(long set, int value) {
        return (set & 1L << value) != 0;
    }

    private static long parseField(String field, Field f) {
        long set = 0;
        for (String item : field.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException(f.name() + " field \"" + field + "\" has an empty list item");
            }
            set |= parseItem(item, f);
        }
        return set;
    }

    private static long parseItem(String item, Field f) {
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = number(item.substring(slash + 1), f, "step");
            int span = f.last() - f.min() + 1;
            if (step < 1 || step > span) {
                throw new IllegalArgumentException(f.name() + " field: step " + step + " is out of range 1-" + span);
            }
        }
        int from;
        int to;
        if (range.equals("*")) {
            from = f.min();
            to = f.last();
        } else {
            int dash = range.indexOf('-', 1);
            from = value(dash < 0 ? range : range.substring(0, dash), f);
            to = dash < 0 ? (slash >= 0 ? Math.max(from, f.last()) : from) : value(range.substring(dash + 1), f);
            if (to < from) {
                throw new IllegalArgumentException(f.name() + " field: range " + range + " runs backwards; write it low-high");
            }
        }
        long set = 0;
        for (int v = from; v <= to; v += step) {
            set |= 1L << v;
        }
        return set;
    }

    private static int value(String token, Field f) {
        int index = f.names().indexOf(token.toUpperCase(Locale.ROOT));
        if (index >= 0) {
            return index + f.min();
        }
        int v = number(token, f, "value");
        if (v < f.min() || v > f.max()) {
            throw new IllegalArgumentException(f.name() + " field: " + v + " is out of range " + f.min() + "-" + f.max());
        }
        return v;
    }

    private static int number(String token, Field f, String what) {
        if (token.isEmpty() || token.length() > 4 || !token.chars().allMatch(Character::isDigit)) {
            String names = f.names().isEmpty() ? "" : " or a name like " + f.names().get(1);
            throw new IllegalArgumentException(f.name() + " field: \"" + token + "\" is not a valid " + what
                    + "; use a number " + f.min() + "-" + f.max() + (what.equals("value") ? names : ""));
        }
        return Integer.parseInt(token);
    }

    @Override
    public String toString() {
        return text;
    }
}
