package dev.pincer.host.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CronExpressionTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** The next {@code count} matches after local time {@code from} in {@code zone}, as zoned times. */
    static List<ZonedDateTime> next(String cron, String from, ZoneId zone, int count) {
        CronExpression c = CronExpression.parse(cron);
        Instant t = LocalDateTime.parse(from).atZone(zone).toInstant();
        List<ZonedDateTime> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            t = c.nextAfter(t, zone);
            out.add(t.atZone(zone));
        }
        return out;
    }

    static List<String> local(String cron, String from, int count) {
        return next(cron, from, UTC, count).stream().map(z -> z.toLocalDateTime().toString()).toList();
    }

    /** The matches after local time {@code from} (UTC) are exactly {@code expected}, as many as are given. */
    static void assertRuns(String cron, String from, String... expected) {
        assertThat(local(cron, from, expected.length)).as("%s after %s", cron, from).containsExactly(expected);
    }

    @Test
    void everyField() {
        assertRuns("* * * * *", "2026-01-01T10:07:30", "2026-01-01T10:08", "2026-01-01T10:09");
        assertRuns("7 10 1 1 *", "2026-01-01T10:07", "2027-01-01T10:07");
        assertRuns("0 0 1 * *", "2026-01-15T00:00", "2026-02-01T00:00", "2026-03-01T00:00");
    }

    @Test
    void nextIsStrictlyAfter() {
        assertRuns("0 10 * * *", "2026-01-01T10:00", "2026-01-02T10:00");
        assertRuns("0 10 * * *", "2026-01-01T09:59:59", "2026-01-01T10:00");
    }

    @Test
    void rangesStepsAndLists() {
        assertRuns("5,10-12 * * * *", "2026-01-01T10:00",
                "2026-01-01T10:05", "2026-01-01T10:10", "2026-01-01T10:11", "2026-01-01T10:12", "2026-01-01T11:05");
        assertRuns("*/15 * * * *", "2026-01-01T10:07", "2026-01-01T10:15", "2026-01-01T10:30", "2026-01-01T10:45");
        assertRuns("10-30/10 * * * *", "2026-01-01T10:00",
                "2026-01-01T10:10", "2026-01-01T10:20", "2026-01-01T10:30", "2026-01-01T11:10");
        assertRuns("5/20 * * * *", "2026-01-01T10:00",
                "2026-01-01T10:05", "2026-01-01T10:25", "2026-01-01T10:45", "2026-01-01T11:05");
        assertRuns("0 */6 * * *", "2026-01-01T01:00", "2026-01-01T06:00", "2026-01-01T12:00", "2026-01-01T18:00");
    }

    @Test
    void monthAndDayNamesInAnyCase() {
        assertRuns("0 0 1 JAN *", "2026-06-01T00:00", "2027-01-01T00:00");
        assertRuns("0 0 1 jun-aug *", "2026-01-01T00:00",
                "2026-06-01T00:00", "2026-07-01T00:00", "2026-08-01T00:00", "2027-06-01T00:00");
        // 2026-01-02 is a Friday.
        assertRuns("0 12 * * Sat,SUN", "2026-01-02T00:00", "2026-01-03T12:00", "2026-01-04T12:00", "2026-01-10T12:00");
    }

    @Test
    void sundayIsZeroOrSeven() {
        assertRuns("0 0 * * 7", "2026-01-02T00:00", "2026-01-04T00:00");
        assertRuns("0 0 * * 0", "2026-01-02T00:00", "2026-01-04T00:00");
        assertRuns("0 0 * * 5-7", "2026-01-01T00:00",
                "2026-01-02T00:00", "2026-01-03T00:00", "2026-01-04T00:00", "2026-01-09T00:00");
    }

    @Test
    void weekdaysFromAFridayGiveMonday() {
        assertRuns("0 9 * * 1-5", "2026-01-02T10:00", "2026-01-05T09:00", "2026-01-06T09:00");
        assertRuns("0 9 * * MON-FRI", "2026-01-02T08:00", "2026-01-02T09:00", "2026-01-05T09:00");
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEitherLikeVixieCron() {
        // The 13th OR any Friday: Fri 9th, Tue 13th, Fri 16th.
        assertRuns("0 0 13 * 5", "2026-01-03T00:00", "2026-01-09T00:00", "2026-01-13T00:00", "2026-01-16T00:00");
    }

    @Test
    void aDayFieldStartingWithStarMakesBothDaysMustMatch() {
        assertRuns("0 0 * * 5", "2026-01-03T00:00", "2026-01-09T00:00", "2026-01-16T00:00");
        // Vixie cron treats "*/2" as unrestricted for the OR rule: odd days that are Fridays.
        assertRuns("0 0 */2 * 5", "2026-01-01T00:00", "2026-01-09T00:00", "2026-01-23T00:00");
    }

    @Test
    void leapDayIsFound() {
        assertRuns("0 0 29 2 *", "2026-03-01T00:00", "2028-02-29T00:00", "2032-02-29T00:00");
    }

    @Test
    void macros() {
        assertRuns("@hourly", "2026-01-01T10:07", "2026-01-01T11:00");
        assertRuns("@daily", "2026-01-01T10:07", "2026-01-02T00:00");
        assertRuns("@weekly", "2026-01-01T10:07", "2026-01-04T00:00");
        assertRuns("@Monthly", "2026-01-01T10:07", "2026-02-01T00:00");
        assertRuns("@yearly", "2026-01-01T10:07", "2027-01-01T00:00");
    }

    @Test
    void springForwardRunsASkippedTimeAtTheNextValidMinute() {
        // Berlin skips 02:00-02:59 on Sunday 2026-03-29.
        List<ZonedDateTime> runs = next("30 2 * * *", "2026-03-27T12:00", BERLIN, 3);
        assertThat(runs).extracting(ZonedDateTime::toOffsetDateTime).extracting(Object::toString)
                .containsExactly("2026-03-28T02:30+01:00", "2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00");
    }

    @Test
    void severalSkippedTimesRunOnceAtTheEndOfTheGap() {
        List<ZonedDateTime> runs = next("0,20,40 2 * * *", "2026-03-29T00:00", BERLIN, 2);
        assertThat(runs).extracting(z -> z.toOffsetDateTime().toString())
                .containsExactly("2026-03-29T03:00+02:00", "2026-03-30T02:00+02:00");
    }

    @Test
    void fallBackRunsARepeatedTimeOnce() {
        // New York repeats 01:00-01:59 on Sunday 2026-11-01 (EDT, then EST).
        List<ZonedDateTime> runs = next("30 1 * * *", "2026-10-31T12:00", NEW_YORK, 2);
        assertThat(runs).extracting(z -> z.toOffsetDateTime().toString())
                .containsExactly("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
        // Starting inside the repeated hour, the repeated 01:30 (already run at -04:00) is not run again.
        Instant inSecondPass = ZonedDateTime.ofStrict(LocalDateTime.parse("2026-11-01T01:10"), ZoneOffset.ofHours(-5), NEW_YORK)
                .toInstant();
        assertThat(CronExpression.parse("30 1 * * *").nextAfter(inSecondPass, NEW_YORK).atZone(NEW_YORK).toOffsetDateTime())
                .hasToString("2026-11-02T01:30-05:00");
    }

    @Test
    void hourlyThroughFallBackDoesNotRepeatTheLocalHour() {
        List<String> runs = next("0 * * * *", "2026-11-01T00:30", NEW_YORK, 3).stream()
                .map(z -> z.toOffsetDateTime().toString()).toList();
        assertThat(runs).containsExactly("2026-11-01T01:00-04:00", "2026-11-01T02:00-05:00", "2026-11-01T03:00-05:00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "61 * * * *     | minute field: 61 is out of range 0-59",
            "* 24 * * *     | hour field: 24 is out of range 0-23",
            "* * 0 * *      | day-of-month field: 0 is out of range 1-31",
            "* * 32 * *     | day-of-month field: 32 is out of range 1-31",
            "* * * 13 *     | month field: 13 is out of range 1-12",
            "* * * * 8      | day-of-week field: 8 is out of range 0-7",
            "* * * * *  *   | expected 5 fields",
            "* * * *        | expected 5 fields",
            "*/0 * * * *    | minute field: step 0 is out of range 1-60",
            "*/61 * * * *   | minute field: step 61 is out of range 1-60",
            "30-10 * * * *  | minute field: range 30-10 runs backwards",
            "x * * * *      | minute field: \"x\" is not a valid value",
            "* * * FOO *    | month field: \"FOO\" is not a valid value",
            "* * * * MON-XY | day-of-week field: \"XY\" is not a valid value",
            "1,,2 * * * *   | minute field \"1,,2\" has an empty list item",
            "-1 * * * *     | minute field: \"-1\" is not a valid value",
            "5- * * * *     | minute field: \"\" is not a valid value",
            "0 0 31 2 *     | never occurs",
            "0 0 30-31 FEB *| never occurs",
            "@reboot        | unknown macro",
    })
    void invalidExpressionsAreRejectedNamingTheField(String cron, String message) {
        assertThatThrownBy(() -> CronExpression.parse(cron))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid cron expression \"" + cron.strip() + "\"")
                .hasMessageContaining(message);
    }

    @Test
    void emptyIsRejected() {
        assertThatThrownBy(() -> CronExpression.parse("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> CronExpression.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validButUnusualExpressionsAreAccepted() {
        assertRuns("0 0 31 * *", "2026-01-31T00:00", "2026-03-31T00:00", "2026-05-31T00:00");
        assertRuns("59 23 31 12 *", "2026-01-01T00:00", "2026-12-31T23:59");
        assertRuns("  0   0 * * *  ", "2026-01-01T00:00", "2026-01-02T00:00");
    }
}
