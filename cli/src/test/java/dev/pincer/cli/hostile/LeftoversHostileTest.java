package dev.pincer.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.cli.Harness;
import dev.pincer.testkit.Reply;
import dev.pincer.testkit.HostProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile agent leaves processes running from its Bash tool that outlive the turn in the idle,
 * warm sandbox: detached loops that keep forking, a process that ignores HUP and TERM, a chain that
 * replaces itself every 50 ms. Once the turn is answered they are all gone while the sandbox stays
 * warm and answers the next message. (An unbounded fork bomb under the pids limit is
 * {@code BwrapLeftoversTest.aForkBombLeavesOnlyTheInitAndTheAgentInTheCgroups}; here the bombs are
 * bounded so the suite is safe even as a normal user under prlimit.)
 */
class LeftoversHostileTest {

    @TempDir static Path home;
    @TempDir static Path xdg;
    static Harness h;
    static final String ID = Long.toHexString(System.nanoTime());
    static final String STRAY = "stray-" + ID;

    @BeforeAll
    static void start() throws Exception {
        h = Hostile.start(home, xdg, Map.of());
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void whatATurnLeftRunningIsGoneOnceItIsAnsweredAndTheSandboxStaysWarm() throws Exception {
        String leave = """
                S="str""ay-%s"
                for i in $(seq 30); do ( sh -c 'while :; do sleep 0.3 & wait; done' "$S" >/dev/null 2>&1 & ); done
                ( setsid sh -c 'trap "" HUP TERM; while :; do sleep 0.2; done' "$S" >/dev/null 2>&1 & )
                ( sh -c 'f() { (sleep 0.05; f) & }; f; sleep 0.1' "$S" >/dev/null 2>&1 & )
                sleep 1; echo left-running
                """.formatted(ID);
        // the answer after the tool call takes a while: meanwhile the host sees what was left running
        h.model.enqueue(Reply.toolUse("Bash", Map.of("command", leave)), Reply.text("done").delayMillis(3000),
                Reply.text("still here"));
        long seq = h.post("family", "@Andy go");
        await().atMost(Duration.ofSeconds(60)).until(() -> HostProcesses.withMarker(STRAY) >= 31);
        h.awaitReply("family", seq, Duration.ofSeconds(90));
        assertThat(h.model.requests().get(1).toolResults().get(0).content()).contains("left-running");

        await().atMost(Duration.ofSeconds(20)).until(() -> HostProcesses.withMarker(STRAY) == 0);
        Thread.sleep(500);
        assertThat(HostProcesses.withMarker(STRAY)).as("nothing came back").isZero();
        assertThat(h.pincer.status().get("liveSandboxes").toString()).contains("family");

        h.awaitReply("family", h.post("family", "@Andy again"), Duration.ofSeconds(90));
        assertThat(h.model.requests()).hasSize(3);
        assertThat(h.model.requests().get(2).messages()).as("the same warm sandbox's conversation").hasSizeGreaterThan(2);
    }

}
