package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.sandbox.HostSystem;
import dev.pincer.host.sandbox.Isolation;
import dev.pincer.host.sandbox.IsolationPolicy;
import dev.pincer.host.sandbox.Limits;
import dev.pincer.host.sandbox.bwrap.BwrapRuntime;
import dev.pincer.host.sandbox.limits.Prlimit;
import dev.pincer.host.store.RunLedger;
import dev.pincer.testkit.Reply;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a real Pincer: every run's row records what its sandbox got (runtime, seccomp, limits,
 * uid), a run whose sandbox lacks what the configuration demands is refused with the reason, and a
 * group over its disk quota gets no new sandbox until it deletes files.
 */
class IsolationRecordEndToEndTest {

    @TempDir Path home;

    private static RunLedger.Run ended(Harness h) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !h.pincer.recentRuns().isEmpty()
                && !h.pincer.recentRuns().get(0).status().equals(RunLedger.RUNNING));
        return h.pincer.recentRuns().get(0);
    }

    @Test
    void everyRunRecordsWhatItsSandboxGotAndARunFedIntoTheWarmSandboxToo() throws Exception {
        try (Harness h = new Harness(home).set("PINCER_SANDBOX_PIDS", "200").start()) {
            h.model.enqueue(Reply.text("one"), Reply.text("two"));
            h.awaitReply("main", h.post("main", "first"), Duration.ofSeconds(90));
            RunLedger.Run first = ended(h);
            h.awaitReply("main", h.post("main", "second"), Duration.ofSeconds(90));
            RunLedger.Run second = ended(h);
            assertThat(second.id()).isNotEqualTo(first.id());

            BwrapRuntime bwrap = (BwrapRuntime) h.runtime;
            Isolation i = h.pincer.runs().isolation(first.id()).orElseThrow();
            assertThat(i.runtime()).isEqualTo("bwrap");
            assertThat(i.seccomp()).isEqualTo(Isolation.Seccomp.FILTER);
            assertThat(i.limits().mechanism()).isEqualTo(bwrap.limitsMechanismName());
            assertThat(i.limits().capsSandbox()).isEqualTo(bwrap.limitsMechanism().capsSandbox());
            assertThat(i.limits().values()).isEqualTo(new Limits(1024, 200, 1.0));
            assertThat(i.uid()).isEqualTo(HostSystem.effectiveUid() == 0 ? 60000 : HostSystem.effectiveUid()).isNotZero();
            assertThat(h.pincer.runs().isolation(second.id())).as("the follow-up ran in the same sandbox").contains(i);
            System.out.println("isolation recorded: " + i.describe());
        }
    }

    @Test
    void aRunWhoseSandboxLacksPerSandboxLimitsIsRefusedWithTheReasonAndRecorded() throws Exception {
        try (Harness h = new Harness(home).start()) {
            BwrapRuntime bwrap = (BwrapRuntime) h.runtime;
            // as on a host whose cgroups went away after the start: only prlimit is left, and nothing allows that
            bwrap.useLimitsMechanism(new Prlimit(HostSystem.findExecutable("prlimit").orElseThrow(), HostSystem.effectiveUid() == 0));
            bwrap.useIsolationPolicy(IsolationPolicy.STRICT);
            h.model.enqueue(Reply.text("never"));
            h.post("main", "hello");
            RunLedger.Run run = ended(h);

            assertThat(run.status()).isEqualTo(RunLedger.ERROR);
            assertThat(run.error()).contains("the sandbox was refused").contains("no memory or process limit of their own")
                    .contains("PINCER_ALLOW_UNLIMITED=1");
            assertThat(h.pincer.runs().isolation(run.id())).get()
                    .satisfies(i -> assertThat(i.limits().mechanism()).startsWith("prlimit"))
                    .satisfies(i -> assertThat(i.limits().capsSandbox()).isFalse());
            assertThat(h.model.requests()).as("no agent ran").isEmpty();
        }
    }

    @Test
    void aGroupOverItsDiskQuotaGetsNoNewSandboxUntilItDeletesFiles() throws Exception {
        try (Harness h = new Harness(home).set("PINCER_GROUP_DISK_MB", "2").start()) {
            Path big = home.resolve("groups/main/big.bin");
            try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                f.setLength(3L << 20);
            }
            h.model.enqueue(Reply.text("answered"));
            long asked = h.post("main", "hello");
            RunLedger.Run refused = ended(h);
            assertThat(h.awaitReply("main", asked, Duration.ofSeconds(30)).get("text").asText())
                    .as("the chat is told, not left waiting").contains("disk quota").contains("Delete files");
            assertThat(refused.status()).isEqualTo(RunLedger.ERROR);
            assertThat(refused.error()).contains("the group's folders (groups/main, data/sessions/main, data/ipc/main, data/run/main)")
                    .contains("MB of its 2 MB; delete files or raise PINCER_GROUP_DISK_MB");
            assertThat(h.model.requests()).isEmpty();

            Files.delete(big);
            h.awaitReply("main", h.post("main", "hello again"), Duration.ofSeconds(90));
            assertThat(h.model.requests()).hasSize(1);
        }
    }
}
