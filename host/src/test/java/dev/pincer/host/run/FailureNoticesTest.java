package dev.pincer.host.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.protocol.RunFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed run is never silent: the chat is told each time, main gets the details without a flood. */
class FailureNoticesTest {
    @TempDir
    Path dir;

    private static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theChatIsToldEveryTimeAndMainOncePerReasonInTenMinutes() {
        try (Database db = Database.open(dir.resolve("store/pincer.db"))) {
            OutboxStore outbox = new OutboxStore(db, new MessageStore(db));
            StepClock clock = new StepClock();
            AtomicInteger kicks = new AtomicInteger();
            FailureNotices notices = new FailureNotices(ReplyQueue.of(outbox, kicks::incrementAndGet), "web:main", clock);
            Group family = new Group("family", "tg:42", "Family", new Group.Trigger("@Andy", true), false, "{}");
            RunFailure timeout = SandboxFailures.of(new SandboxExit.TimedOut(Duration.ofMinutes(30)));

            notices.tell(family, "run-1", timeout);
            notices.tell(family, "run-2", timeout);
            clock.now = clock.now.plus(Duration.ofMinutes(11));
            notices.tell(family, "run-3", timeout);

            List<OutboxStore.Pending> sent = outbox.pending(100);
            assertThat(sent).filteredOn(p -> p.chatJid().equals("tg:42")).hasSize(3)
                    .allSatisfy(p -> assertThat(p.text()).isEqualTo("I could not answer. I was still working after 30 minutes,"
                            + " so I stopped. Try a smaller request; the owner can raise PINCER_AGENT_TIMEOUT."));
            assertThat(sent).filteredOn(p -> p.chatJid().equals("web:main")).extracting(OutboxStore.Pending::text)
                    .containsExactly(
                            "A run in Family (family) failed: the agent ran longer than 1800 s and was stopped (run run-1; ./pincer logs shows more)",
                            "A run in Family (family) failed: the agent ran longer than 1800 s and was stopped (run run-3; ./pincer logs shows more)");
            assertThat(kicks).hasValue(5);
        }
    }

    @Test
    void failuresInMainAreToldInMainOnce() {
        try (Database db = Database.open(dir.resolve("store/pincer.db"))) {
            OutboxStore outbox = new OutboxStore(db, new MessageStore(db));
            FailureNotices notices = new FailureNotices(ReplyQueue.of(outbox, () -> { }), "web:main", Clock.systemUTC());
            Group main = new Group("main", "web:main", "Main", new Group.Trigger("@Andy", false), true, "{}");
            notices.tell(main, "run-1", SandboxFailures.couldNotStart(new java.io.IOException("no Anthropic credential configured")));
            assertThat(outbox.pending(10)).singleElement().satisfies(p -> {
                assertThat(p.chatJid()).isEqualTo("web:main");
                assertThat(p.text()).startsWith("I could not answer. I could not start working on this.");
            });
        }
    }
}
