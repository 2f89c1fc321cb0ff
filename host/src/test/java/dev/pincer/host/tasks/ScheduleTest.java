package dev.pincer.host.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z"); // 12:00 in Berlin

    @Test
    void intervalIsMillisecondsAnchoredToThePreviousDueTime() {
        Schedule s = Schedule.parse("interval", "60000", BERLIN, NOW);
        assertThat(s).isEqualTo(new Schedule.Interval("60000", Duration.ofMinutes(1)));
        assertThat(s.first(NOW)).isEqualTo(NOW.plusSeconds(60));
        Instant due = NOW.plusSeconds(60);
        // Claimed late (the scheduler woke 20 s late): the next slot is still due + 1 min.
        assertThat(s.nextAfter(due, due.plusSeconds(20))).contains(due.plusSeconds(60));
    }

    @Test
    void intervalAfterDowntimeSkipsToTheFirstSlotAfterNow() {
        Schedule s = Schedule.of("interval", "600000", BERLIN);
        Instant due = NOW;
        // Down for 5 hours: the missed run happens once, the next is the first 10-minute slot after now.
        assertThat(s.nextAfter(due, NOW.plus(Duration.ofHours(5)))).contains(NOW.plus(Duration.ofMinutes(310)));
        // Exactly on a slot: that slot counts as missed too (strictly after now).
        assertThat(s.nextAfter(due, NOW.plus(Duration.ofMinutes(20)))).contains(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void intervalNeverDriftsOverAThousandRunsThatEndLate() {
        Schedule s = Schedule.of("interval", "3600000", BERLIN);
        Instant start = NOW;
        Instant due = start;
        for (int k = 1; k <= 1000; k++) {
            Instant claimedAt = due.plusMillis(k % 997);           // the scheduler wakes a little late
            Instant runEnded = claimedAt.plus(Duration.ofMinutes(50)); // and the run takes a long time
            due = s.nextAfter(due, claimedAt).orElseThrow();
            assertThat(runEnded).isBefore(due);
            assertThat(due).isEqualTo(start.plus(Duration.ofHours(k)));
        }
    }

    @Test
    void cronFollowsTheZone() {
        Schedule s = Schedule.parse("cron", "0 9 * * *", BERLIN, NOW);
        assertThat(s.first(NOW)).isEqualTo(Instant.parse("2026-06-02T07:00:00Z"));
        // After downtime: the next slot after now, not after the missed one.
        Instant missed = Instant.parse("2026-06-02T07:00:00Z");
        assertThat(s.nextAfter(missed, Instant.parse("2026-06-05T12:00:00Z"))).contains(Instant.parse("2026-06-06T07:00:00Z"));
    }

    @Test
    void onceAcceptsLocalTimeWithOrWithoutSecondsOrAnOffset() {
        assertThat(Schedule.parse("once", "2026-12-01T09:00", BERLIN, NOW).first(NOW)).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(Schedule.parse("once", "2026-12-01T09:00:30", BERLIN, NOW).first(NOW)).isEqualTo(Instant.parse("2026-12-01T08:00:30Z"));
        assertThat(Schedule.parse("once", "2026-12-01T09:00+05:00", BERLIN, NOW).first(NOW)).isEqualTo(Instant.parse("2026-12-01T04:00:00Z"));
        assertThat(Schedule.parse("once", "2026-12-01T09:00:00Z", BERLIN, NOW).first(NOW)).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(Schedule.parse("once", "2026-12-01T09:00:00.123456Z", BERLIN, NOW).first(NOW))
                .isEqualTo(Instant.parse("2026-12-01T09:00:00.123Z"));
        Schedule once = Schedule.parse("once", " 2026-06-01T12:00:01 ", BERLIN, NOW);
        assertThat(once.first(NOW)).isEqualTo(NOW.plusSeconds(1));
        assertThat(once.nextAfter(NOW.plusSeconds(1), NOW.plusSeconds(2))).isEmpty();
    }

    @Test
    void onceInASkippedLocalTimeRunsAtTheEndOfTheGap() {
        Instant before = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(Schedule.parse("once", "2026-03-29T02:30", BERLIN, before).first(before))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "interval | 0                  | interval 0 must be a positive number of milliseconds",
            "interval | -5                 | interval -5 must be a positive number of milliseconds",
            "interval | 1.5                | interval '1.5' is not a number",
            "interval | soon               | interval 'soon' is not a number",
            "interval | 99999999999999999  | is longer than 3660 days",
            "once     | 2026-06-01T11:59   | is in the past: it is now 2026-06-01T12:00 in Europe/Berlin",
            "once     | 2026-06-01T12:00   | is in the past",
            "once     | 2025-01-01T00:00Z  | is in the past",
            "once     | tomorrow           | once 'tomorrow' is not a date-time",
            "once     | 2026-13-01T09:00   | is not a date-time",
            "once     | 2026-12-01         | is not a date-time",
            "cron     | 61 * * * *         | minute field: 61 is out of range 0-59",
            "weekly   | 1                  | schedule_type 'weekly' is not one of cron, interval, once",
    })
    void badInputIsRejectedWithAReason(String type, String value, String message) {
        assertThatThrownBy(() -> Schedule.parse(type, value, BERLIN, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void missingTypeOrValueIsRejected() {
        assertThatThrownBy(() -> Schedule.parse(null, "1", BERLIN, NOW)).hasMessageContaining("schedule_type is required");
        assertThatThrownBy(() -> Schedule.parse("cron", " ", BERLIN, NOW)).hasMessageContaining("schedule_value is required");
    }

    @Test
    void storedOnceInThePastStillParses() {
        assertThat(Schedule.of("once", "2020-01-01T00:00", BERLIN)).isInstanceOf(Schedule.Once.class);
    }
}
