package dev.pincer.host.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.protocol.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskOutcomesTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir Path dir;
    ManualClock clock = new ManualClock(T0);
    Rig rig;
    OutboxStore outbox;
    final AtomicInteger kicks = new AtomicInteger();
    TaskOutcomes outcomes;

    @BeforeEach
    void start() {
        rig = new Rig(dir.resolve("store/pincer.db"), ZoneOffset.UTC, clock);
        outbox = new OutboxStore(rig.db, new MessageStore(rig.db));
        outcomes = new TaskOutcomes(rig.service, ReplyQueue.of(outbox, kicks::incrementAndGet));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private DueTask due() {
        rig.service.schedule("family", "web:family", "water the plants", "interval", "60000", "group");
        clock.advance(Duration.ofMinutes(1));
        return rig.scheduler.tick().getFirst();
    }

    @Test
    void aSuccessfulRunIsRecordedAndTellsNobody() {
        DueTask d = due();
        outcomes.ended(d, true, "answered", new Usage(10, 20, 0, 0), 1500);

        TaskRun run = rig.store.run(d.runId()).orElseThrow();
        assertThat(run.status()).isEqualTo(TaskRun.OK);
        assertThat(run.outcome().result()).isEqualTo("answered");
        assertThat(run.outcome().durationMs()).isEqualTo(1500L);
        assertThat(run.outcome().usage().outputTokens()).isEqualTo(20);
        assertThat(outbox.pending(10)).isEmpty();
        assertThat(kicks).hasValue(0);
    }

    @Test
    void aFailedRunIsRecordedAndToldToTheTasksChat() {
        DueTask d = due();
        outcomes.ended(d, false, "the agent ran longer than 300 s and was stopped", Usage.ZERO, 300_000);

        TaskRun run = rig.store.run(d.runId()).orElseThrow();
        assertThat(run.status()).isEqualTo(TaskRun.ERROR);
        assertThat(run.outcome().error()).isEqualTo("the agent ran longer than 300 s and was stopped");
        assertThat(outbox.pending(10)).singleElement().satisfies(p -> {
            assertThat(p.chatJid()).isEqualTo("web:family");
            assertThat(p.text()).isEqualTo("The scheduled task " + d.taskId()
                    + " failed: the agent ran longer than 300 s and was stopped");
        });
        assertThat(kicks).hasValue(1);
    }
}
